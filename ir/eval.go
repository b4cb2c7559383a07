package ir

import "math"

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func evalBinary(op string, x, y float64) float64 {
	switch op {
	case "+":
		return x + y
	case "-":
		return x - y
	case "*":
		return x * y
	case "/":
		return x / y
	case "^":
		return math.Pow(x, y)
	case "<":
		return b2f(x < y)
	case "<=":
		return b2f(x <= y)
	case ">":
		return b2f(x > y)
	case ">=":
		return b2f(x >= y)
	case "==":
		return b2f(x == y)
	case "!=":
		return b2f(x != y)
	case "&&":
		return b2f(x != 0 && y != 0)
	case "||":
		return b2f(x != 0 || y != 0)
	}
	return math.NaN()
}

func evalCall2(fn string, x, y float64) float64 {
	switch fn {
	case "pow":
		return math.Pow(x, y)
	case "min":
		return math.Min(x, y)
	case "max":
		return math.Max(x, y)
	}
	return math.NaN()
}

// ConstValue evaluates an expression that may read only constants and
// parameters (at their current values); false if it reads anything else.
func ConstValue(e Expr) (float64, bool) {
	switch e := e.(type) {
	case *Const:
		return e.V, true
	case *ParamRef:
		return e.P.Value, true
	case *Unary:
		x, ok := ConstValue(e.X)
		if e.Op == "-" {
			return -x, ok
		}
		return b2f(x == 0), ok
	case *Binary:
		x, okx := ConstValue(e.X)
		y, oky := ConstValue(e.Y)
		return evalBinary(e.Op, x, y), okx && oky
	case *Call:
		if len(e.Args) == 1 {
			x, ok := ConstValue(e.Args[0])
			v, ok2 := evalBuiltin(e.Fn, x)
			return v, ok && ok2
		}
		x, okx := ConstValue(e.Args[0])
		y, oky := ConstValue(e.Args[1])
		return evalCall2(e.Fn, x, y), okx && oky
	case *Cond:
		c, ok := ConstValue(e.C)
		if !ok {
			return 0, false
		}
		if c != 0 {
			return ConstValue(e.T)
		}
		return ConstValue(e.E)
	}
	return 0, false
}
