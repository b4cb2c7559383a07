package ir

// Symbolic differentiation, for the Jacobians of the implicit and
// exponential solvers.

// Diff returns the partial derivative of e with respect to state s, simplified.
// Conditions are treated as piecewise constant; comparisons have derivative 0.
func Diff(e Expr, s *State) Expr {
	return (&differ{s: s, deps: map[Expr]bool{}}).diff(e)
}

// A differ takes one derivative. It remembers which nodes depend on the
// state, so that asking at every level of a deep expression (a sum of
// 100 000 terms is a chain 100 000 deep) costs linear time, not quadratic.
type differ struct {
	s    *State
	deps map[Expr]bool
}

func (d *differ) depends(e Expr) bool {
	switch e := e.(type) {
	case *StateRef:
		return e.S == d.s
	case *LocalRef:
		return localDeps(e.L)[d.s]
	case *Const, *ParamRef, *Var:
		return false
	}
	if v, ok := d.deps[e]; ok {
		return v
	}
	v := false
	switch e := e.(type) {
	case *Call:
		for _, a := range e.Args {
			v = v || d.depends(a)
		}
	case *Unary:
		v = d.depends(e.X)
	case *Binary:
		v = d.depends(e.X) || d.depends(e.Y)
	case *Cond:
		v = d.depends(e.C) || d.depends(e.T) || d.depends(e.E)
	}
	d.deps[e] = v
	return v
}

func (d *differ) diff(e Expr) Expr {
	if !d.depends(e) {
		return Num(0)
	}
	switch e := e.(type) {
	case *StateRef:
		return Num(1)
	case *LocalRef:
		return localDiff(e.L, d.s)
	case *Unary:
		if e.Op == "-" {
			return Neg(d.diff(e.X))
		}
		return Num(0)
	case *Binary:
		return d.binary(e)
	case *Cond:
		return &Cond{C: e.C, T: d.diff(e.T), E: d.diff(e.E)}
	case *Call:
		return d.call(e)
	}
	return Num(0)
}

// localDiff returns ∂l/∂s as a local of its own (or a constant), computed
// once, so that derivatives of shared definitions stay shared. Constant
// derivatives are remembered too: a chain of definitions each reading the
// previous one twice has constant derivatives all along, and forgetting
// them walks the chain as a tree (2^depth steps).
func localDiff(l *Local, s *State) Expr {
	if d, ok := l.derivs[s]; ok {
		return d
	}
	v := Diff(l.Value, s)
	switch v.(type) {
	case *Const, *LocalRef:
	default:
		v = &LocalRef{L: &Local{Name: "d" + l.Name + "/d" + s.Name, Value: v, Pos: l.Pos}}
	}
	if l.derivs == nil {
		l.derivs = map[*State]Expr{}
	}
	l.derivs[s] = v
	return v
}

func (d *differ) binary(e *Binary) Expr {
	dx, dy := d.diff(e.X), d.diff(e.Y)
	switch e.Op {
	case "+":
		return Add(dx, dy)
	case "-":
		return Sub(dx, dy)
	case "*":
		return Add(Mul(dx, e.Y), Mul(e.X, dy))
	case "/":
		// (dx*y - x*dy) / y^2, written as dx/y - x*dy/y^2.
		return Sub(Div(dx, e.Y), Div(Mul(e.X, dy), Mul(e.Y, e.Y)))
	case "^":
		if !d.depends(e.Y) {
			// d(x^c) = c * x^(c-1) * dx
			return Mul(Mul(e.Y, Pow(e.X, Sub(e.Y, Num(1)))), dx)
		}
		// d(x^y) = x^y * (dy*log(x) + y*dx/x)
		return Mul(e, Add(Mul(dy, NewCall("log", e.X)), Div(Mul(e.Y, dx), e.X)))
	}
	return Num(0) // comparisons and logic are piecewise constant
}

func (d *differ) call(e *Call) Expr {
	x := e.Args[0]
	dx := d.diff(x)
	switch e.Fn {
	case "exp":
		return Mul(e, dx)
	case "expm1":
		return Mul(NewCall("exp", x), dx)
	case "exprel":
		// exprel(x) = (e^x - 1)/x; d/dx = (x e^x - e^x + 1)/x^2, finite at 0 (1/2).
		d := &Cond{C: &Binary{Op: "==", X: x, Y: Num(0)}, T: Num(0.5),
			E: Div(Add(Sub(Mul(x, NewCall("exp", x)), NewCall("exp", x)), Num(1)), Mul(x, x))}
		return Mul(d, dx)
	case "log":
		return Div(dx, x)
	case "sqrt":
		return Div(dx, Mul(Num(2), e))
	case "tanh":
		return Mul(Sub(Num(1), Mul(e, e)), dx)
	case "fabs":
		return Mul(&Cond{C: &Binary{Op: "<", X: x, Y: Num(0)}, T: Num(-1), E: Num(1)}, dx)
	case "pow":
		return d.binary(&Binary{Op: "^", X: e.Args[0], Y: e.Args[1]})
	case "min", "max":
		op := "<="
		if e.Fn == "max" {
			op = ">="
		}
		return &Cond{C: &Binary{Op: op, X: e.Args[0], Y: e.Args[1]}, T: d.diff(e.Args[0]), E: d.diff(e.Args[1])}
	}
	return Num(0)
}
