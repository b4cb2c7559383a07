package codegen

// Hoisting: what a step computes once rather than per neuron.

import (
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/einetc/einetc/ir"
)

// hoist returns the statements that copy the parameters, slices and scalars
// that stmts read into locals, followed by the per-step statements perStep,
// and the environment naming them. With viaPtr, if stmts read more than
// paramRegs parameters, they are not copied: the code reads them as
// pp.Field through pp := &m.P (see paramRegs).
func (g *gen) hoist(perStep, stmts []*ir.Stmt, extra []ir.Expr, slice func(field string) jen.Code, viaPtr bool) ([]jen.Code, *env, []*ir.State) {
	perStep = livePerStep(perStep, stmts, extra)
	u := uses{params: map[*ir.Param]bool{}, states: map[*ir.State]bool{}, vars: map[string]bool{}}
	// One set of visited locals per loop: a local read by many statements
	// is looked into once (a chain of 4 000 definitions each read by the
	// next took seconds when each statement walked all the locals below).
	seen := map[*ir.Local]bool{}
	for _, s := range perStep {
		usesSeen(s.Value, u, seen)
	}
	seen = map[*ir.Local]bool{}
	for _, s := range stmts {
		if s.Table != nil {
			seen[s.Local] = true // looked up, not computed: not looked into
		}
	}
	for _, s := range stmts {
		if s.Table == nil { // a tabulated value is looked up, not computed
			usesSeen(s.Value, u, seen)
		}
		if s.State != nil {
			u.states[s.State] = true
		}
	}
	seen = map[*ir.Local]bool{}
	for _, e := range extra {
		usesSeen(e, u, seen)
	}
	v := newEnv()
	v.stdMath = g.stdMath
	v.vars["dt"], v.vars["t"] = "dt", "t"
	// dt and t only where the loop reads them (t is computed from dt).
	var out []jen.Code
	if u.vars["dt"] || u.vars["t"] {
		out = append(out, jen.Id("dt").Op(":=").Id("m").Dot("P").Dot("Dt"))
	}
	if u.vars["t"] {
		out = append(out, jen.Id("t").Op(":=").Float64().Call(jen.Id("m").Dot("step")).Op("*").Id("dt"))
	}
	viaPtr = viaPtr && len(u.params) > paramRegs
	if viaPtr {
		out = append(out, jen.Id("pp").Op(":=").Op("&").Id("m").Dot("P"))
	}
	for _, p := range sortedParams(u.params) {
		if viaPtr {
			v.params[p] = "pp." + g.paramField[p]
			continue
		}
		id := "p_" + goIdent(p.Name)
		v.params[p] = id
		out = append(out, jen.Id(id).Op(":=").Id("m").Dot("P").Dot(g.paramField[p]))
	}
	order := g.sortStates(u.states)
	for _, st := range order {
		out = append(out, jen.Id("a_"+g.stateField[st]).Op(":=").Add(slice(g.stateField[st])))
		v.states[st] = "s_" + g.stateField[st]
	}
	for _, s := range perStep {
		id := "k_" + goIdent(s.Local.Name)
		v.locals[s.Local], v.perStep[s.Local] = id, true
		if s.Src != "" {
			out = append(out, jen.Comment(s.Src))
		}
		out = append(out, jen.Id(id).Op(":=").Add(v.num(s.Value)))
	}
	if !g.stdMath {
		out = append(out, v.reciprocals(stmts)...)
	}
	return out, v, order
}

// livePerStep keeps the per-step statements whose values the loop reads,
// directly or through other per-step values. With rate tables, a per-step
// value that only tabulated statements read is used when New builds the
// tables, not in the step: computing it there would be dead code, and Go
// refuses an unused local.
func livePerStep(perStep, stmts []*ir.Stmt, extra []ir.Expr) []*ir.Stmt {
	value := map[*ir.Local]ir.Expr{}
	for _, s := range perStep {
		value[s.Local] = s.Value
	}
	live := map[*ir.Local]bool{}
	var mark func(e ir.Expr)
	mark = func(e ir.Expr) {
		ir.Walk(e, func(x ir.Expr) {
			if l, ok := x.(*ir.LocalRef); ok && !live[l.L] {
				live[l.L] = true
				if v, ok := value[l.L]; ok {
					mark(v)
				}
			}
		})
	}
	for _, s := range stmts {
		if s.Table == nil {
			mark(s.Value)
		}
	}
	for _, e := range extra {
		mark(e)
	}
	var out []*ir.Stmt
	for _, s := range perStep {
		if live[s.Local] {
			out = append(out, s)
		}
	}
	return out
}

// reciprocals emits rX := 1 / X (rk_inv2, rp_P_tau) for every parameter or per-step local X
// that the statements divide by, and records them in v: a division per
// neuron becomes a multiplication (the quotient may differ from the
// division's in the last bit; -stdmath divides).
func (v *env) reciprocals(stmts []*ir.Stmt) []jen.Code {
	var ids []string
	for _, s := range stmts {
		if s.Table != nil {
			continue
		}
		ir.Walk(s.Value, func(e ir.Expr) {
			if b, ok := e.(*ir.Binary); ok && b.Op == "/" {
				if id := v.stepIdent(b.Y); id != "" && v.recips[id] == "" {
					v.recips[id] = "r" + strings.ReplaceAll(id, ".", "_") // rp_P_tau, rpp_P_tau
					ids = append(ids, id)
				}
			}
		})
	}
	var out []jen.Code
	for _, id := range ids {
		out = append(out, jen.Id(v.recips[id]).Op(":=").Lit(1.0).Op("/").Id(id))
	}
	return out
}

func sortedParams(m map[*ir.Param]bool) []*ir.Param {
	var out []*ir.Param
	for p := range m {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
