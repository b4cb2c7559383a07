package ir

import (
	"strconv"
)

// The optimizing passes run on a population's (or projection's) update
// after the solver: they change how values are computed, never which values
// (every replaced subexpression is computed the same way, once).

// optimize splits an update into per-step and per-neuron statements and
// shares repeated subexpressions in each.
func optimize(stmts []*Stmt) (pre, rest []*Stmt) {
	pre, rest = hoist(stmts)
	pre, rest = cse(pre), cse(rest)
	syncLocals(pre)
	syncLocals(rest)
	return pre, rest
}

// hoist moves what reads no state out of the per-neuron update into
// per-step statements: definitions of parameters only, and the largest
// state-free subexpressions of the remaining statements (cm·area, the decay
// factor exp(−dt/τ) of a synapse, the constant parts of a Jacobian).
func hoist(stmts []*Stmt) (pre, rest []*Stmt) {
	h := &hoister{memo: map[string]*Local{}, reads: map[Expr]bool{}}
	for _, s := range stmts {
		if s.Local != nil && !readsAnyState(s.Value) {
			pre = append(pre, s)
			continue
		}
		rest = append(rest, s)
	}
	for _, s := range rest {
		s.Value = h.expr(s.Value, true)
	}
	pre = append(pre, h.pre...)
	return pre, rest
}

type hoister struct {
	pre   []*Stmt
	memo  map[string]*Local
	reads map[Expr]bool // readsState's memo
}

// readsState is readsAnyState, remembered for each node: expr asks it at
// every level of an expression, which for a sum 100 000 deep would cost
// quadratic time.
func (h *hoister) readsState(e Expr) bool {
	switch e := e.(type) {
	case *Const, *ParamRef, *Var:
		return false
	case *StateRef:
		return true
	case *LocalRef:
		return readsAnyState(e)
	}
	if r, ok := h.reads[e]; ok {
		return r
	}
	r := false
	for i := 0; !r && childAt(e, i) != nil; i++ {
		r = h.readsState(childAt(e, i))
	}
	h.reads[e] = r
	return r
}

// expr replaces the maximal state-free, non-trivial subtrees of e by locals.
func (h *hoister) expr(e Expr, top bool) Expr {
	if !top && !h.readsState(e) && !trivial(e) {
		key := Key(e)
		l, ok := h.memo[key]
		if !ok {
			l = &Local{Name: "inv" + strconv.Itoa(len(h.memo)+1), Value: e}
			h.memo[key] = l
			h.pre = append(h.pre, &Stmt{Local: l, Value: e})
		}
		return &LocalRef{L: l}
	}
	return mapChildren(e, func(c Expr) Expr { return h.expr(c, false) })
}
