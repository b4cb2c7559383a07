package ir

// Rewrite helpers shared by the passes (hoisting, CSE, tables, the
// solvers): children of a node, trivial values, the structural key of an
// expression, locals kept in sync with their definitions.

import (
	"fmt"
	"strings"
)

// syncLocals makes each local's value the (rewritten) value of the statement
// that defines it, so later passes and codegen see one definition.
func syncLocals(stmts []*Stmt) {
	for _, s := range stmts {
		if s.Local != nil {
			s.Local.Value = s.Value
		}
	}
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

// materialize inserts a Let before the first use of every local that the
// statements read but do not define (derivative and substitution locals),
// in dependency order. Each local's value is walked once, however many
// statements read it (a chain of 8 000 definitions, each read by the next,
// took 14 s when every statement walked all the locals below it).
func materialize(stmts []*Stmt, known ...*Stmt) []*Stmt {
	defined := map[*Local]bool{}
	for _, s := range known {
		defined[s.Local] = true // computed elsewhere (per step)
	}
	var out []*Stmt
	visited := map[*Local]bool{}
	var visit func(e Expr)
	visit = func(e Expr) {
		Walk(e, func(x Expr) {
			r, ok := x.(*LocalRef)
			if !ok || visited[r.L] {
				return
			}
			visited[r.L] = true
			visit(r.L.Value)
			if !defined[r.L] {
				defined[r.L] = true
				out = append(out, &Stmt{Local: r.L, Value: r.L.Value})
			}
		})
	}
	for _, s := range stmts {
		visit(s.Value)
		if s.Local != nil {
			if defined[s.Local] {
				continue // already materialized earlier, for an earlier use
			}
			defined[s.Local] = true
		}
		out = append(out, s)
	}
	return out
}

// liveLocals returns the locals that the state updates of stmts read,
// directly or through other locals; the value of a local in lookedUp (a
// table lookup) is not looked into. Each local is visited once.
func liveLocals(stmts []*Stmt, lookedUp map[*Local]bool) map[*Local]bool {
	used := map[*Local]bool{}
	var mark func(e Expr)
	mark = func(e Expr) {
		Walk(e, func(x Expr) {
			if l, ok := x.(*LocalRef); ok && !used[l.L] {
				used[l.L] = true
				if !lookedUp[l.L] {
					mark(l.L.Value)
				}
			}
		})
	}
	for _, s := range stmts {
		if s.State != nil {
			mark(s.Value)
		}
	}
	return used
}

// prune drops the locals that no state update reads, moving their source
// citation to the next statement, so that generated code has no dead values.
func prune(stmts []*Stmt) []*Stmt {
	used := liveLocals(stmts, nil)
	var out []*Stmt
	carry := ""
	for _, s := range stmts {
		if s.Local != nil && !used[s.Local] {
			if s.Src != "" {
				carry = s.Src
			}
			continue
		}
		if s.Src == "" && carry != "" {
			s.Src = carry
		}
		carry = ""
		out = append(out, s)
	}
	return out
}

// InlineLocals replaces every local e reads by its value, recursively, so
// that e can be evaluated outside the update that computes the locals (a
// neuron's ON_SPIKE, on the states' new values).
func InlineLocals(e Expr) Expr {
	if l, ok := e.(*LocalRef); ok {
		return InlineLocals(l.L.Value)
	}
	return mapChildren(e, InlineLocals)
}
