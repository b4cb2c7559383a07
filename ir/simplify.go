package ir

// Simplifying constructors: every rewrite builds expressions with these,
// which fold constants and drop neutral operands.

import (
	"math"
)

// Num is the constant v.
func Num(v float64) *Const { return &Const{V: v} }

func isConst(e Expr, v float64) bool {
	c, ok := e.(*Const)
	return ok && c.V == v
}

// NewBinary is x op y, through Add, Sub, Mul, Div or Pow for those
// operators.
func NewBinary(op string, x, y Expr) Expr {
	switch op {
	case "+":
		return Add(x, y)
	case "-":
		return Sub(x, y)
	case "*":
		return Mul(x, y)
	case "/":
		return Div(x, y)
	case "^":
		return Pow(x, y)
	}
	return &Binary{Op: op, X: x, Y: y}
}

// Add is x + y: folded when both are constants, a zero operand dropped,
// x + (−u) written x − u.
func Add(x, y Expr) Expr {
	if cx, ok := x.(*Const); ok {
		if cy, ok := y.(*Const); ok {
			return Num(cx.V + cy.V)
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

// Sub is x − y, folded when both are constants, without a zero operand.
func Sub(x, y Expr) Expr {
	if cx, ok := x.(*Const); ok {
		if cy, ok := y.(*Const); ok {
			return Num(cx.V - cy.V)
		}
	}
	switch {
	case isConst(y, 0):
		return x
	case isConst(x, 0):
		return Neg(y)
	}
	return &Binary{Op: "-", X: x, Y: y}
}

// Mul is x · y: folded when both are constants, zero when either is zero,
// an operand ±1 dropped (negating the other).
func Mul(x, y Expr) Expr {
	if cx, ok := x.(*Const); ok {
		if cy, ok := y.(*Const); ok {
			return Num(cx.V * cy.V)
		}
	}
	switch {
	case isConst(x, 0) || isConst(y, 0):
		return Num(0)
	case isConst(x, 1):
		return y
	case isConst(y, 1):
		return x
	case isConst(x, -1):
		return Neg(y)
	case isConst(y, -1):
		return Neg(x)
	}
	return &Binary{Op: "*", X: x, Y: y}
}

// Div is x / y: folded when both are constants, zero when x is zero, a
// divisor ±1 dropped (negating x).
func Div(x, y Expr) Expr {
	if cx, ok := x.(*Const); ok {
		if cy, ok := y.(*Const); ok {
			return Num(cx.V / cy.V)
		}
	}
	switch {
	case isConst(x, 0):
		return Num(0)
	case isConst(y, 1):
		return x
	case isConst(y, -1):
		return Neg(x)
	}
	return &Binary{Op: "/", X: x, Y: y}
}

// Pow is x ^ y: x for y = 1, one for y = 0, folded when both are constants.
func Pow(x, y Expr) Expr {
	switch {
	case isConst(y, 1):
		return x
	case isConst(y, 0):
		return Num(1)
	}
	if cx, ok := x.(*Const); ok {
		if cy, ok := y.(*Const); ok {
			return Num(math.Pow(cx.V, cy.V))
		}
	}
	return &Binary{Op: "^", X: x, Y: y}
}

// Neg is −x, folded for a constant, without a double negation.
func Neg(x Expr) Expr {
	switch x := x.(type) {
	case *Const:
		return Num(-x.V)
	case *Unary:
		if x.Op == "-" {
			return x.X
		}
	}
	return &Unary{Op: "-", X: x}
}

// NewCall applies the built-in fn to args, folded when it takes one
// constant argument.
func NewCall(fn string, args ...Expr) Expr { return simplifyCall(&Call{Fn: fn, Args: args}) }

func simplifyCall(c *Call) Expr {
	if len(c.Args) == 1 {
		if x, ok := c.Args[0].(*Const); ok {
			if v, ok := evalBuiltin(c.Fn, x.V); ok {
				return Num(v)
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
