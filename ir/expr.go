package ir

import (
	"math"
	"strconv"
)

// Expr is a unit-free expression over float64 values in einetc's internal
// units (see package units). The set of implementations is closed.
type Expr interface{ irExpr() }

// Const is a constant.
type Const struct{ V float64 }

// ParamRef reads a runtime parameter.
type ParamRef struct{ P *Param }

// StateRef reads the value of a state variable at the start of the step (or
// at the current stage of a multi-stage solver).
type StateRef struct{ S *State }

// LocalRef reads a value computed earlier in the same update.
type LocalRef struct{ L *Local }

// Var is a built-in scalar: "t" (ms since the start of the run) or "dt".
type Var struct{ Name string }

// Call applies a built-in function: exp, expm1, exprel, log, sqrt, fabs,
// tanh, pow, min, max.
type Call struct {
	Fn   string
	Args []Expr
}

// Unary is -X or !X.
type Unary struct {
	Op string
	X  Expr
}

// Binary is X op Y with op one of + - * / ^ < <= > >= == != && ||.
type Binary struct {
	Op   string
	X, Y Expr
}

// Cond is if C then T else E.
type Cond struct{ C, T, E Expr }

func (*Const) irExpr()    {}
func (*ParamRef) irExpr() {}
func (*StateRef) irExpr() {}
func (*LocalRef) irExpr() {}
func (*Var) irExpr()      {}
func (*Call) irExpr()     {}
func (*Unary) irExpr()    {}
func (*Binary) irExpr()   {}
func (*Cond) irExpr()     {}

func num(v float64) *Const { return &Const{V: v} }

func isConst(e Expr, v float64) bool {
	c, ok := e.(*Const)
	return ok && c.V == v
}

// depends reports whether e reads state s, directly or through locals.
// Each local's set of states is computed once, so chains of definitions that
// reuse each other cost linear time.
func depends(e Expr, s *State) bool {
	switch e := e.(type) {
	case *StateRef:
		return e.S == s
	case *LocalRef:
		return localDeps(e.L)[s]
	case *Call:
		for _, a := range e.Args {
			if depends(a, s) {
				return true
			}
		}
	case *Unary:
		return depends(e.X, s)
	case *Binary:
		return depends(e.X, s) || depends(e.Y, s)
	case *Cond:
		return depends(e.C, s) || depends(e.T, s) || depends(e.E, s)
	}
	return false
}

func localDeps(l *Local) map[*State]bool {
	if l.deps != nil {
		return l.deps
	}
	l.deps = map[*State]bool{}
	Walk(l.Value, func(x Expr) {
		switch x := x.(type) {
		case *StateRef:
			l.deps[x.S] = true
		case *LocalRef:
			for s := range localDeps(x.L) {
				l.deps[s] = true
			}
		}
	})
	return l.deps
}

// readsAnyState reports whether e reads any state variable.
func readsAnyState(e Expr) bool {
	switch e := e.(type) {
	case *StateRef:
		return true
	case *LocalRef:
		return len(localDeps(e.L)) > 0
	case *Call:
		for _, a := range e.Args {
			if readsAnyState(a) {
				return true
			}
		}
	case *Unary:
		return readsAnyState(e.X)
	case *Binary:
		return readsAnyState(e.X) || readsAnyState(e.Y)
	case *Cond:
		return readsAnyState(e.C) || readsAnyState(e.T) || readsAnyState(e.E)
	}
	return false
}

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
		return num(0)
	}
	switch e := e.(type) {
	case *StateRef:
		return num(1)
	case *LocalRef:
		return localDiff(e.L, d.s)
	case *Unary:
		if e.Op == "-" {
			return neg(d.diff(e.X))
		}
		return num(0)
	case *Binary:
		return d.binary(e)
	case *Cond:
		return &Cond{C: e.C, T: d.diff(e.T), E: d.diff(e.E)}
	case *Call:
		return d.call(e)
	}
	return num(0)
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
		return add(dx, dy)
	case "-":
		return sub(dx, dy)
	case "*":
		return add(mul(dx, e.Y), mul(e.X, dy))
	case "/":
		// (dx*y - x*dy) / y^2, written as dx/y - x*dy/y^2.
		return sub(div(dx, e.Y), div(mul(e.X, dy), mul(e.Y, e.Y)))
	case "^":
		if !d.depends(e.Y) {
			// d(x^c) = c * x^(c-1) * dx
			return mul(mul(e.Y, pow(e.X, sub(e.Y, num(1)))), dx)
		}
		// d(x^y) = x^y * (dy*log(x) + y*dx/x)
		return mul(e, add(mul(dy, call("log", e.X)), div(mul(e.Y, dx), e.X)))
	}
	return num(0) // comparisons and logic are piecewise constant
}

func (d *differ) call(e *Call) Expr {
	x := e.Args[0]
	dx := d.diff(x)
	switch e.Fn {
	case "exp":
		return mul(e, dx)
	case "expm1":
		return mul(call("exp", x), dx)
	case "exprel":
		// exprel(x) = (e^x - 1)/x; d/dx = (x e^x - e^x + 1)/x^2, finite at 0 (1/2).
		d := &Cond{C: &Binary{Op: "==", X: x, Y: num(0)}, T: num(0.5),
			E: div(add(sub(mul(x, call("exp", x)), call("exp", x)), num(1)), mul(x, x))}
		return mul(d, dx)
	case "log":
		return div(dx, x)
	case "sqrt":
		return div(dx, mul(num(2), e))
	case "tanh":
		return mul(sub(num(1), mul(e, e)), dx)
	case "fabs":
		return mul(&Cond{C: &Binary{Op: "<", X: x, Y: num(0)}, T: num(-1), E: num(1)}, dx)
	case "pow":
		return d.binary(&Binary{Op: "^", X: e.Args[0], Y: e.Args[1]})
	case "min", "max":
		op := "<="
		if e.Fn == "max" {
			op = ">="
		}
		return &Cond{C: &Binary{Op: op, X: e.Args[0], Y: e.Args[1]}, T: d.diff(e.Args[0]), E: d.diff(e.Args[1])}
	}
	return num(0)
}

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
			return neg(t.expr(e.X))
		}
		return &Unary{Op: e.Op, X: t.expr(e.X)}
	case *Binary:
		return binary(e.Op, t.expr(e.X), t.expr(e.Y))
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
			r = &LocalRef{L: &Local{Name: l.Name + t.suffix, Value: v, Pos: l.Pos}}
		}
	}
	t.memo[l] = r
	return r
}

// LocalsOf returns the locals e reads, directly or indirectly, each after
// the locals it reads itself (dependency order).
func LocalsOf(e Expr) []*Local {
	var out []*Local
	seen := map[*Local]bool{}
	var visit func(e Expr)
	visit = func(e Expr) {
		Walk(e, func(x Expr) {
			if r, ok := x.(*LocalRef); ok && !seen[r.L] {
				seen[r.L] = true
				visit(r.L.Value)
				out = append(out, r.L)
			}
		})
	}
	visit(e)
	return out
}

// Simplifying constructors: they fold constants and drop neutral elements, so
// derivatives and solver updates come out readable and cheap.

func binary(op string, x, y Expr) Expr {
	switch op {
	case "+":
		return add(x, y)
	case "-":
		return sub(x, y)
	case "*":
		return mul(x, y)
	case "/":
		return div(x, y)
	case "^":
		return pow(x, y)
	}
	return &Binary{Op: op, X: x, Y: y}
}

func add(x, y Expr) Expr {
	if cx, ok := x.(*Const); ok {
		if cy, ok := y.(*Const); ok {
			return num(cx.V + cy.V)
		}
	}
	switch {
	case isConst(x, 0):
		return y
	case isConst(y, 0):
		return x
	}
	if u, ok := y.(*Unary); ok && u.Op == "-" {
		return &Binary{Op: "-", X: x, Y: u.X}
	}
	return &Binary{Op: "+", X: x, Y: y}
}

func sub(x, y Expr) Expr {
	if cx, ok := x.(*Const); ok {
		if cy, ok := y.(*Const); ok {
			return num(cx.V - cy.V)
		}
	}
	switch {
	case isConst(y, 0):
		return x
	case isConst(x, 0):
		return neg(y)
	}
	return &Binary{Op: "-", X: x, Y: y}
}

// The folds below keep NaN and infinities: two constants fold to their
// exact float64 result (0/0 is NaN, 0·Inf is NaN), which the checker then
// refuses; only a non-constant operand is simplified away (0·x is 0).

func mul(x, y Expr) Expr {
	if cx, ok := x.(*Const); ok {
		if cy, ok := y.(*Const); ok {
			return num(cx.V * cy.V)
		}
	}
	switch {
	case isConst(x, 0) || isConst(y, 0):
		return num(0)
	case isConst(x, 1):
		return y
	case isConst(y, 1):
		return x
	case isConst(x, -1):
		return neg(y)
	case isConst(y, -1):
		return neg(x)
	}
	return &Binary{Op: "*", X: x, Y: y}
}

func div(x, y Expr) Expr {
	if cx, ok := x.(*Const); ok {
		if cy, ok := y.(*Const); ok {
			return num(cx.V / cy.V)
		}
	}
	switch {
	case isConst(x, 0):
		return num(0)
	case isConst(y, 1):
		return x
	case isConst(y, -1):
		return neg(x)
	}
	return &Binary{Op: "/", X: x, Y: y}
}

func pow(x, y Expr) Expr {
	switch {
	case isConst(y, 1):
		return x
	case isConst(y, 0):
		return num(1)
	}
	if cx, ok := x.(*Const); ok {
		if cy, ok := y.(*Const); ok {
			return num(math.Pow(cx.V, cy.V))
		}
	}
	return &Binary{Op: "^", X: x, Y: y}
}

func neg(x Expr) Expr {
	switch x := x.(type) {
	case *Const:
		return num(-x.V)
	case *Unary:
		if x.Op == "-" {
			return x.X
		}
	}
	return &Unary{Op: "-", X: x}
}

func call(fn string, args ...Expr) Expr { return simplifyCall(&Call{Fn: fn, Args: args}) }

func simplifyCall(c *Call) Expr {
	if len(c.Args) == 1 {
		if x, ok := c.Args[0].(*Const); ok {
			if v, ok := evalBuiltin(c.Fn, x.V); ok {
				return num(v)
			}
		}
	}
	return c
}

func evalBuiltin(fn string, x float64) (float64, bool) {
	switch fn {
	case "exp":
		return math.Exp(x), true
	case "expm1":
		return math.Expm1(x), true
	case "log":
		return math.Log(x), true
	case "sqrt":
		return math.Sqrt(x), true
	case "fabs":
		return math.Abs(x), true
	case "tanh":
		return math.Tanh(x), true
	case "exprel":
		if x == 0 {
			return 1, true
		}
		return math.Expm1(x) / x, true
	}
	return 0, false
}

// FormatFloat renders v as the shortest decimal that reads back exactly.
func FormatFloat(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// Walk calls f for e and every expression below it, not entering locals.
func Walk(e Expr, f func(Expr)) {
	f(e)
	switch e := e.(type) {
	case *Call:
		for _, a := range e.Args {
			Walk(a, f)
		}
	case *Unary:
		Walk(e.X, f)
	case *Binary:
		Walk(e.X, f)
		Walk(e.Y, f)
	case *Cond:
		Walk(e.C, f)
		Walk(e.T, f)
		Walk(e.E, f)
	}
}
