package codegen_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/einetc/einetc/codegen"
)

// TestF32Storage checks which states -f32 stores as float32: a neuron
// population's states that only its float32 update touches, and not the
// states that a projection writes (output DELTA adds its jumps to v) or
// the synaptic states (their sums of many small increments), which stay
// float64. The generated code must still type-check.
func TestF32Storage(t *testing.T) {
	for _, c := range []struct {
		file     string
		f32, f64 []string // Model fields
	}{
		{"../examples/cobahh/net.ein", []string{"P_v", "P_INa_TM1991_p", "P_INa_TM1991_q", "P_IK_TM1991_p"}, []string{"syn_Pe_g", "syn_Pi_g"}},
		{"../golden/delta/net.ein", []string{"Pre_v"}, []string{"Post_v"}},
	} {
		src, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		mod, files := fuzzGenerate(t, string(src))
		if files == nil {
			t.Fatalf("%s: not a valid model", c.file)
		}
		files, err = codegen.Generate(mod, codegen.Options{Package: "model", F32: true})
		if err != nil {
			t.Fatal(err)
		}
		typeCheck(t, files)
		code := string(files[0].Content)
		for elem, fields := range map[string][]string{"float32": c.f32, "float64": c.f64} {
			for _, f := range fields {
				if !regexp.MustCompile(`(?m)^\s+` + f + `\s+\[\]` + elem + ` //`).MatchString(code) {
					t.Errorf("%s -f32: field %s is not []%s", c.file, f, elem)
				}
			}
		}
	}
}
