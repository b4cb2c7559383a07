package ir

import (
	"fmt"
	"strconv"
	"strings"
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

// syncLocals makes each local's value the (rewritten) value of the statement
// that defines it, so later passes and codegen see one definition.
func syncLocals(stmts []*Stmt) {
	for _, s := range stmts {
		if s.Local != nil {
			s.Local.Value = s.Value
		}
	}
}

// hoist moves what reads no state out of the per-neuron update into
// per-step statements: definitions of parameters only, and the largest
// state-free subexpressions of the remaining statements (cm·area, the decay
// factor exp(−dt/τ) of a synapse, the constant parts of a Jacobian).
func hoist(stmts []*Stmt) (pre, rest []*Stmt) {
	h := &hoister{memo: map[string]*Local{}}
	for _, s := range stmts {
		if s.Local != nil && !ReadsState(s.Value) {
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
	pre  []*Stmt
	memo map[string]*Local
}

// expr replaces the maximal state-free, non-trivial subtrees of e by locals.
func (h *hoister) expr(e Expr, top bool) Expr {
	if !top && !ReadsState(e) && !trivial(e) {
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

func trivial(e Expr) bool {
	switch e := e.(type) {
	case *Const, *ParamRef, *Var, *LocalRef, *StateRef:
		return true
	case *Unary:
		return e.Op == "-" && trivial(e.X)
	}
	return false
}

// mapChildren rebuilds e with f applied to its direct children.
func mapChildren(e Expr, f func(Expr) Expr) Expr {
	switch e := e.(type) {
	case *Call:
		args := make([]Expr, len(e.Args))
		for i, a := range e.Args {
			args[i] = f(a)
		}
		return &Call{Fn: e.Fn, Args: args}
	case *Unary:
		return &Unary{Op: e.Op, X: f(e.X)}
	case *Binary:
		return &Binary{Op: e.Op, X: f(e.X), Y: f(e.Y)}
	case *Cond:
		return &Cond{C: f(e.C), T: f(e.T), E: f(e.E)}
	}
	return e
}

// cse computes every repeated non-trivial subexpression once: the largest
// first, as a local defined just before its first use.
func cse(stmts []*Stmt) []*Stmt {
	for n := 1; ; n++ {
		counts := map[string]int{}
		for _, s := range stmts {
			countSubtrees(s.Value, counts)
		}
		best := ""
		for k, c := range counts {
			if c >= 2 && (len(k) > len(best) || (len(k) == len(best) && k < best)) {
				best = k
			}
		}
		if best == "" {
			return stmts
		}
		var l *Local
		first := -1
		for i, s := range stmts {
			var found Expr
			s.Value = replaceKey(s.Value, best, func(e Expr) Expr {
				if l == nil {
					l = &Local{Name: "cse" + strconv.Itoa(n), Value: e}
				}
				found = e
				return &LocalRef{L: l}
			})
			if found != nil && first < 0 {
				first = i
			}
		}
		stmts = append(stmts[:first], append([]*Stmt{{Local: l, Value: l.Value}}, stmts[first:]...)...)
	}
}

func countSubtrees(e Expr, counts map[string]int) {
	if trivial(e) {
		return
	}
	counts[Key(e)]++
	switch e := e.(type) {
	case *Call:
		for _, a := range e.Args {
			countSubtrees(a, counts)
		}
	case *Unary:
		countSubtrees(e.X, counts)
	case *Binary:
		countSubtrees(e.X, counts)
		countSubtrees(e.Y, counts)
	case *Cond:
		countSubtrees(e.C, counts)
		countSubtrees(e.T, counts)
		countSubtrees(e.E, counts)
	}
}

// replaceKey replaces every subtree whose Format is key by f(subtree).
func replaceKey(e Expr, key string, f func(Expr) Expr) Expr {
	if trivial(e) {
		return e
	}
	if Key(e) == key {
		return f(e)
	}
	return mapChildren(e, func(c Expr) Expr { return replaceKey(c, key, f) })
}

// Key identifies an expression: two expressions with the same key compute
// the same value. It is like Format, but a local is named by its identity
// too, since two locals may carry the same name (the same definition
// substituted in two Runge–Kutta stages) and hold different values.
func Key(e Expr) string {
	var b strings.Builder
	keyTo(&b, e)
	return b.String()
}

func keyTo(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case *LocalRef:
		fmt.Fprintf(b, "%%%s#%p", e.L.Name, e.L)
	case *Call:
		b.WriteString(e.Fn + "(")
		for _, a := range e.Args {
			keyTo(b, a)
			b.WriteByte(',')
		}
		b.WriteByte(')')
	case *Unary:
		b.WriteString("(" + e.Op)
		keyTo(b, e.X)
		b.WriteByte(')')
	case *Binary:
		b.WriteByte('(')
		keyTo(b, e.X)
		b.WriteString(e.Op)
		keyTo(b, e.Y)
		b.WriteByte(')')
	case *Cond:
		b.WriteString("(if ")
		keyTo(b, e.C)
		b.WriteByte(' ')
		keyTo(b, e.T)
		b.WriteByte(' ')
		keyTo(b, e.E)
		b.WriteByte(')')
	default:
		b.WriteString(Format(e))
	}
}
