package ir

// Substitution of states by expressions.

// substitute returns e with every read of a state in m replaced by m's expression.
// A local that depends on a replaced state is replaced by a new local with
// the substitution applied (one per local and call), so definitions stay
// shared: each Runge–Kutta stage gets its own copy of the rate functions.
func substitute(e Expr, m map[*State]Expr) Expr {
	return newSubstituter(m, "@")(e)
}

// newSubstituter returns a substitution that can be applied to several
// expressions sharing one set of new locals (all the ODEs of one stage),
// naming them name+suffix (e.g. "u@2" for the second Runge–Kutta stage).
func newSubstituter(m map[*State]Expr, suffix string) func(Expr) Expr {
	return (&subst{m: m, memo: map[*Local]Expr{}, suffix: suffix}).expr
}

type subst struct {
	m      map[*State]Expr
	memo   map[*Local]Expr // a local's substituted value: a new local or a constant
	suffix string
}

func (t *subst) expr(e Expr) Expr {
	switch e := e.(type) {
	case *StateRef:
		if r, ok := t.m[e.S]; ok {
			return r
		}
	case *LocalRef:
		return t.local(e.L)
	case *Call:
		args := make([]Expr, len(e.Args))
		for i, a := range e.Args {
			args[i] = t.expr(a)
		}
		return simplifyCall(&Call{Fn: e.Fn, Args: args})
	case *Unary:
		if e.Op == "-" {
			return Neg(t.expr(e.X))
		}
		return &Unary{Op: e.Op, X: t.expr(e.X)}
	case *Binary:
		return NewBinary(e.Op, t.expr(e.X), t.expr(e.Y))
	case *Cond:
		return &Cond{C: t.expr(e.C), T: t.expr(e.T), E: t.expr(e.E)}
	}
	return e
}

func (t *subst) local(l *Local) Expr {
	if r, ok := t.memo[l]; ok {
		return r
	}
	touched := false
	for s := range t.m {
		if localDeps(l)[s] {
			touched = true
			break
		}
	}
	var r Expr = &LocalRef{L: l}
	if touched {
		v := t.expr(l.Value)
		if _, isConst := v.(*Const); isConst {
			r = v // remembered too, or a chain of reuses is walked as a tree
		} else {
			r = &LocalRef{L: &Local{Name: l.Name + t.suffix, Value: v, Pos: l.Pos, Table: l.Table}}
		}
	}
	t.memo[l] = r
	return r
}
