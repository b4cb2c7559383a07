package ir

import "strconv"

// maxDepth bounds the nesting of every expression the IR hands to code
// generation. Deeper parts are computed first, into locals of their own,
// so that a sum of 100 000 terms (or a membrane equation of 50 000
// currents) becomes Go statements no deeper than this: go/parser refuses
// nesting beyond 100 000 and the compiler slows down long before. No rate
// function or current of a real model comes near 200, so no model of the
// repository is changed by this.
const maxDepth = 200

// Shallow splits the deep expressions of every update, spike rule and
// initial value of mod.
func Shallow(mod *Module) {
	n := new(int) // one numbering of the parts for the module
	for _, pop := range mod.Pops {
		pop.PerStep = splitStmts(pop.PerStep, n)
		pop.Update = splitStmts(pop.Update, n)
		pop.OnSpike = splitStmts(pop.OnSpike, n)
		pop.Hold = splitStmts(pop.Hold, n)
		for _, st := range pop.States {
			splitInit(st, n)
		}
	}
	for _, pr := range mod.Projs {
		pr.PerStep = splitStmts(pr.PerStep, n)
		pr.Update = splitStmts(pr.Update, n)
		pr.OnSpike = splitStmts(pr.OnSpike, n)
		for _, st := range pr.States {
			splitInit(st, n)
		}
	}
}

// splitStmts computes the parts of each statement that lie maxDepth deep
// into locals defined just before it (part1, part2, …, innermost first).
func splitStmts(stmts []*Stmt, n *int) []*Stmt {
	var out []*Stmt
	sp := &splitter{n: n, memo: map[Expr]split{}}
	for _, s := range stmts {
		sp.emit = func(l *Local) { out = append(out, &Stmt{Local: l, Value: l.Value}) }
		s.Value = sp.expr(s.Value).e
		if s.Local != nil {
			s.Local.Value = s.Value
		}
		out = append(out, s)
	}
	return out
}

// splitInit splits a state's initial value; its new locals are computed
// where the value is, as every local an initial value reads.
func splitInit(st *State, n *int) {
	if st.Init == nil || st.Init.Kind != InitExpr {
		return
	}
	sp := &splitter{n: n, memo: map[Expr]split{}, emit: func(*Local) {}}
	st.Init.Expr = sp.expr(st.Init.Expr).e
}

type splitter struct {
	n    *int // parts so far
	emit func(*Local)
	memo map[Expr]split // by node: a DAG is split once, not once per path
}

type split struct {
	e     Expr
	depth int
}

// expr returns e with its parts maxDepth deep replaced by locals, and the
// depth of the result.
func (sp *splitter) expr(e Expr) split {
	if r, ok := sp.memo[e]; ok {
		return r
	}
	depth, changed := 0, false
	child := func(x Expr) Expr {
		r := sp.expr(x)
		depth = max(depth, r.depth)
		changed = changed || r.e != x
		return r.e
	}
	var r Expr
	switch e.(type) {
	case *Call, *Unary, *Binary, *Cond:
		r = mapChildren(e, child)
		if !changed {
			r = e // keep the node: nothing below it moved
		}
	default:
		return split{e, 1} // a leaf (a LocalRef is a name, however deep its value)
	}
	depth++
	if depth >= maxDepth {
		*sp.n++
		l := &Local{Name: "part" + strconv.Itoa(*sp.n), Value: r}
		sp.emit(l)
		r, depth = &LocalRef{L: l}, 1
	}
	sp.memo[e] = split{r, depth}
	return sp.memo[e]
}
