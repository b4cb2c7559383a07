package dsl

import (
	"embed"
	"io/fs"
	"regexp"
	"sync"
)

// Std is the standard library of mechanisms, written in the language itself
// and embedded in the binary. Models import its files as "std/<file>.ein".
//
//go:embed std/*.ein
var Std embed.FS

// stdDecl matches a top-level declaration of the standard library: its
// keyword and name (parser.TestStdDefinition checks this index against the
// parsed files).
var stdDecl = regexp.MustCompile(`(?m)^(CHANNEL|SYNAPSE|NEURON)\s+([A-Za-z_][A-Za-z0-9_]*)`)

type stdEntry struct{ file, keyword string }

var stdIndex = sync.OnceValue(func() map[string]stdEntry {
	index := map[string]stdEntry{}
	files, _ := fs.Glob(Std, "std/*.ein")
	for _, f := range files {
		src, _ := fs.ReadFile(Std, f)
		for _, m := range stdDecl.FindAllStringSubmatch(string(src), -1) {
			index[m[2]] = stdEntry{file: f, keyword: m[1]}
		}
	}
	return index
})

// StdDefinition returns the standard library file (e.g. "std/leak.ein")
// that declares name and the declaration's keyword (CHANNEL, SYNAPSE or
// NEURON), or ok false when the standard library has no such declaration.
// A diagnostic for an unknown name uses it to say which import is missing.
func StdDefinition(name string) (file, keyword string, ok bool) {
	e, ok := stdIndex()[name]
	return e.file, e.keyword, ok
}
