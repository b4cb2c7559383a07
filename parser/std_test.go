package parser

import (
	"io/fs"
	"testing"

	"github.com/einetc/einetc/dsl"
)

// TestStdDefinition checks dsl.StdDefinition, the index that diagnostics
// use to name a missing import, against the parsed standard library: every
// channel, synapse and neuron maps to its file and keyword.
func TestStdDefinition(t *testing.T) {
	files, _ := fs.Glob(dsl.Std, "std/*.ein")
	n := 0
	for _, name := range files {
		src, err := fs.ReadFile(dsl.Std, name)
		if err != nil {
			t.Fatal(err)
		}
		f, errs := Parse(name, src)
		if errs != nil {
			t.Fatal(errs)
		}
		check := func(decl, keyword string) {
			n++
			file, kw, ok := dsl.StdDefinition(decl)
			if !ok || file != name || kw != keyword {
				t.Errorf("StdDefinition(%s) = %q, %q, %v; want %s in %s", decl, file, kw, ok, keyword, name)
			}
		}
		for _, m := range f.Mechanisms {
			kw := "CHANNEL"
			if m.Kind == dsl.Synapse {
				kw = "SYNAPSE"
			}
			check(m.Name.Name, kw)
		}
		for _, nr := range f.Neurons {
			check(nr.Name.Name, "NEURON")
		}
	}
	if n < 7 {
		t.Errorf("only %d declarations in the standard library", n)
	}
	if _, _, ok := dsl.StdDefinition("NoSuchNeuron"); ok {
		t.Error("StdDefinition(NoSuchNeuron): the standard library declares no NoSuchNeuron")
	}
}
