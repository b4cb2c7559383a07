package codegen

import (
	"fmt"
	"math"
	"testing"

	"github.com/einetc/einetc/ir"
)

// TestNegationFolded: the scalar emitter writes x + (−y) as x − y and
// x − (−y) as x + y, also when the negation is a factor of a product, and
// leaves every other negation where the IR has it.
func TestNegationFolded(t *testing.T) {
	a, b, c := &ir.Var{Name: "a"}, &ir.Var{Name: "b"}, &ir.Var{Name: "c"}
	neg := func(x ir.Expr) ir.Expr { return &ir.Unary{Op: "-", X: x} }
	bin := func(op string, x, y ir.Expr) ir.Expr { return &ir.Binary{Op: op, X: x, Y: y} }
	cases := []struct {
		e    ir.Expr
		want string
	}{
		{bin("+", a, neg(b)), "a - b"},
		{bin("+", neg(a), b), "b - a"},
		{bin("-", a, neg(b)), "a + b"},
		{bin("+", a, bin("*", neg(b), c)), "a - b*c"},
		{bin("+", a, bin("*", b, neg(c))), "a - b*c"},
		{bin("+", bin("*", neg(b), c), a), "a - b*c"},
		{bin("-", a, neg(bin("+", b, c))), "a + (b + c)"},
		{bin("+", neg(a), bin("*", neg(b), c)), "(-a) - b*c"},
		{bin("+", bin("*", bin("+", a, b), c), neg(a)), "(a+b)*c - a"},
		// Not sums with a negated term: unchanged.
		{bin("-", neg(a), b), "(-a) - b"},
		{bin("*", neg(a), b), "(-a) * b"},
		{bin("-", bin("*", neg(a), b), c), "(-a)*b - c"},
	}
	v := newEnv()
	for _, n := range []string{"a", "b", "c"} {
		v.vars[n] = n
	}
	for _, tc := range cases {
		if got := fmt.Sprintf("%#v", v.num(tc.e)); got != tc.want {
			t.Errorf("%s: got %q, want %q", ir.Format(tc.e), got, tc.want)
		}
	}
}

// TestNegationFoldExact checks on edge values that the folds give the bits
// of the IR's form: x + (−y) = x − y, (−y)·z = −(y·z), x − (−y) = x + y.
func TestNegationFoldExact(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, -3e-310, 5e-324, 1e308, -1e308, math.Inf(1), math.Inf(-1), math.MaxFloat64}
	for _, x := range vals {
		for _, y := range vals {
			for _, z := range vals {
				same := func(p, q float64, what string) {
					if math.Float64bits(p) != math.Float64bits(q) && !(math.IsNaN(p) && math.IsNaN(q)) {
						t.Errorf("%s: x=%g y=%g z=%g: %g vs %g", what, x, y, z, p, q)
					}
				}
				same(x+(-y), x-y, "x+(-y)")
				same((-y)+x, x-y, "(-y)+x")
				same(x-(-y), x+y, "x-(-y)")
				same(x+float64((-y)*z), x-float64(y*z), "x+(-y)*z") // float64(): no fused multiply-add
				same(x+float64(y*(-z)), x-float64(y*z), "x+y*(-z)")
			}
		}
	}
}
