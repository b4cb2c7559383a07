package runtime

// Select returns a if c, else b: the model language's if/else expression.
// Both operands are evaluated by the caller, so neither may have effects.
func Select(c bool, a, b float64) float64 {
	if c {
		return a
	}
	return b
}

// B2F converts a condition to 1 or 0, for conditions used as numbers.
func B2F(c bool) float64 {
	if c {
		return 1
	}
	return 0
}
