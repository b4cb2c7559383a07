package codegen

import (
	"go/token"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestNamesInjective checks, as a property over many generated model
// names, that the identifiers handed out in one Go scope are distinct for
// distinct names and are valid, non-keyword Go identifiers: names in other
// scripts, keywords, underscores against dots, primes, names that mangle
// alike ("a.b", "a_b", "α" and its spelling "u3b1"), and names that
// collide with a prefix plus another name.
func TestNamesInjective(t *testing.T) {
	pieces := []string{"a", "b", "_", ".", "'", "α", "β", "Ω", "é", "ñ", "x1", "9", "u3b1", "func", "map",
		"type", "SIMD", "step", "decay", "_dot", "x", "X", "中", "٣", "Δ"}
	letters := []string{"a", "X", "α", "β", "Ω", "é", "ñ", "u", "中", "Δ", "func", "map", "step", "decay", "SIMD"}
	rng := rand.New(rand.NewPCG(13, 1))
	for trial := range 2000 {
		seen := map[string]bool{}
		var names []string
		for range 2 + rng.IntN(30) {
			var b strings.Builder
			// Names start with a letter (the grammar's rule).
			b.WriteString(letters[rng.IntN(len(letters))])
			for range rng.IntN(4) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			if s := b.String(); !seen[s] {
				seen[s] = true
				names = append(names, s)
			}
		}
		// One scope, as in newGen: fields (prefix + goIdent) and methods
		// (prefix + exported) from one namer, with the fixed members reserved.
		n := newNamer(modelMembers...)
		got := map[string]string{}
		for _, name := range names {
			for _, id := range []string{n.name("step" + exported(name)), n.name("syn_" + goIdent(name)), n.name(goIdent(name) + "_v")} {
				if !token.IsIdentifier(id) || token.IsKeyword(id) {
					t.Fatalf("trial %d: %q gives %q, not a Go identifier", trial, name, id)
				}
				if prev, dup := got[id]; dup {
					t.Fatalf("trial %d: %q and %q both give %q", trial, prev, name, id)
				}
				for _, r := range modelMembers {
					if id == r {
						t.Fatalf("trial %d: %q gives the fixed member %q", trial, name, id)
					}
				}
				got[id] = name
			}
		}
	}
}

// TestGoIdentScripts checks that names differing only in non-ASCII letters
// mangle differently (they used to become "x" alike).
func TestGoIdentScripts(t *testing.T) {
	for _, pair := range [][2]string{{"α", "β"}, {"Nα", "Nβ"}, {"é", "è"}, {"中", "文"}} {
		if a, b := goIdent(pair[0]), goIdent(pair[1]); a == b {
			t.Errorf("goIdent(%q) = goIdent(%q) = %q", pair[0], pair[1], a)
		}
	}
}
