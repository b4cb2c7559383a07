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
