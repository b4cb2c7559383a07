package ir

// Simplifying constructors: every rewrite builds expressions with these,
// which fold constants and drop neutral operands.

import (
	"math"
)

func num(v float64) *Const { return &Const{V: v} }

func isConst(e Expr, v float64) bool {
	c, ok := e.(*Const)
	return ok && c.V == v
}

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
