package codegen

import (
	"testing"

	"github.com/einetc/einetc/ir"
)

// TestEulerSteps checks the matcher that turns the portable last phase into
// runtime.ExpEulerSlice/IndEulerSlice calls on hand-made statements: it
// must take (−B) + (B + s)·C and s + (h·C)·B with the right B and C, and
// refuse every other shape, which no model in the repository produces
// today (another B in the sum, a C shared or also a B, which the call
// overwrites, a per-neuron h, a state set twice, a threshold on a v the
// phase does not update, a hold).
func TestEulerSteps(t *testing.T) {
	v, p := &ir.State{Name: "v"}, &ir.State{Name: "p"}
	th := &ir.Param{Name: "theta"}
	arr := map[string]*ir.Local{}
	for _, id := range []string{"b1", "c1", "b2", "c2"} {
		arr[id] = &ir.Local{Name: id}
	}
	perNeuron := &ir.Local{Name: "h"}
	ref := func(id string) ir.Expr { return &ir.LocalRef{L: arr[id]} }
	neg := func(e ir.Expr) ir.Expr { return &ir.Unary{Op: "-", X: e} }
	bin := func(op string, x, y ir.Expr) ir.Expr { return &ir.Binary{Op: op, X: x, Y: y} }
	exp := func(s *ir.State, b, b2, c string) *ir.Stmt {
		return &ir.Stmt{State: s, Value: bin("+", neg(ref(b)), bin("*", bin("+", ref(b2), &ir.StateRef{S: s}), ref(c)))}
	}
	ind := func(s *ir.State, h ir.Expr, c, b string) *ir.Stmt {
		return &ir.Stmt{State: s, Value: bin("+", &ir.StateRef{S: s}, bin("*", bin("*", h, ref(c)), ref(b)))}
	}
	dt := &ir.Var{Name: "dt"}
	type step struct{ b, c string }
	cases := []struct {
		name  string
		stmts []*ir.Stmt
		hold  bool
		want  []step // nil: refused
	}{
		{"exp", []*ir.Stmt{exp(v, "b1", "b1", "c1"), exp(p, "b2", "b2", "c2")}, false, []step{{"b1", "c1"}, {"b2", "c2"}}},
		{"ind", []*ir.Stmt{ind(v, dt, "c1", "b1"), ind(p, &ir.ParamRef{P: th}, "c2", "b2")}, false, []step{{"b1", "c1"}, {"b2", "c2"}}},
		{"other B in the sum", []*ir.Stmt{exp(v, "b1", "b2", "c1")}, false, nil},
		{"shared C", []*ir.Stmt{exp(v, "b1", "b1", "c1"), exp(p, "b2", "b2", "c1")}, false, nil},
		{"C also a B", []*ir.Stmt{exp(v, "b1", "b1", "c1"), exp(p, "c1", "c1", "c2")}, false, nil},
		{"per-neuron h", []*ir.Stmt{ind(v, &ir.LocalRef{L: perNeuron}, "c1", "b1")}, false, nil},
		{"state set twice", []*ir.Stmt{exp(v, "b1", "b1", "c1"), exp(v, "b2", "b2", "c2")}, false, nil},
		{"v not updated", []*ir.Stmt{exp(p, "b1", "b1", "c1")}, false, nil},
		{"not a block array", []*ir.Stmt{exp(v, "b1", "b1", "c1"), {State: p, Value: bin("+", neg(ref("b2")), bin("*", bin("+", ref("b2"), &ir.StateRef{S: p}), &ir.LocalRef{L: perNeuron}))}}, false, nil},
		{"hold", []*ir.Stmt{exp(v, "b1", "b1", "c1")}, true, nil},
	}
	for _, tc := range cases {
		pop := &ir.Population{Name: "P", V: v, Spike: ir.SpikeRule{Threshold: th}}
		if tc.hold {
			pop.Hold = []*ir.Stmt{{State: v, Value: &ir.StateRef{S: v}}}
		}
		en := newEnv()
		b := &blocked{g: &gen{st32: map[*ir.State]bool{}}, pop: pop, p: &plan{tabArr: map[*ir.Local]string{}}, v: en, arrs: []string{"b1", "c1", "b2", "c2"}}
		for id, l := range arr {
			en.locals[l] = b.elem(id)
		}
		en.locals[perNeuron] = "l_h"
		got := b.eulerSteps(tc.stmts)
		if (got == nil) != (tc.want == nil) || len(got) != len(tc.want) {
			t.Errorf("%s: eulerSteps = %v, want %v", tc.name, got, tc.want)
			continue
		}
		for i, st := range got {
			if st.b != tc.want[i].b || st.c != tc.want[i].c || st.s != tc.stmts[i] {
				t.Errorf("%s: step %d has B %s, C %s, want %s, %s", tc.name, i, st.b, st.c, tc.want[i].b, tc.want[i].c)
			}
		}
	}
}
