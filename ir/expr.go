package ir

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

// ArgRef is a function parameter inside a function body before inlining;
// only the checker makes them, and no checked Module holds one.
type ArgRef struct{ I int }

func (*Const) irExpr()    {}
func (*ParamRef) irExpr() {}
func (*StateRef) irExpr() {}
func (*LocalRef) irExpr() {}
func (*Var) irExpr()      {}
func (*Call) irExpr()     {}
func (*Unary) irExpr()    {}
func (*Binary) irExpr()   {}
func (*Cond) irExpr()     {}
func (*ArgRef) irExpr()   {}

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

// The folds below keep NaN and infinities: two constants fold to their
// exact float64 result (0/0 is NaN, 0·Inf is NaN), which the checker then
// refuses; only a non-constant operand is simplified away (0·x is 0).

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
