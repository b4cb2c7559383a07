package codegen

import (
	"testing"

	"github.com/einetc/einetc/ir"
)

// TestNegated checks the test that lets exp(−x) share the exponential of
// x: it must hold only where the two arguments are exact negatives in
// floating point (sign changes and swapped differences), never for
// merely similar expressions.
func TestNegated(t *testing.T) {
	u := &ir.Local{Name: "u"}
	w := &ir.Local{Name: "w"}
	u2 := &ir.Local{Name: "u"} // another local of the same name (a Runge–Kutta stage's copy)
	ur, wr, u2r := &ir.LocalRef{L: u}, &ir.LocalRef{L: w}, &ir.LocalRef{L: u2}
	c := func(v float64) ir.Expr { return &ir.Const{V: v} }
	neg := func(e ir.Expr) ir.Expr { return &ir.Unary{Op: "-", X: e} }
	bin := func(op string, x, y ir.Expr) ir.Expr { return &ir.Binary{Op: op, X: x, Y: y} }
	cases := []struct {
		x, y ir.Expr
		want bool
	}{
		{ur, neg(ur), true},
		{neg(ur), ur, true},
		{bin("/", bin("-", ur, c(40)), c(5)), bin("/", bin("-", c(40), ur), c(5)), true}, // Traub–Miles β_m, β_h
		{bin("*", ur, c(0.2)), bin("*", neg(ur), c(0.2)), true},
		{bin("*", c(0.2), ur), bin("*", c(0.2), neg(ur)), true},
		{c(3), c(-3), true},
		{c(0), c(0), false}, // exp(0) needs no partner
		{ur, ur, false},
		{ur, neg(wr), false},
		{bin("/", bin("-", ur, c(40)), c(5)), bin("/", bin("-", c(40), ur), c(4)), false},
		{bin("-", ur, c(40)), bin("-", c(41), ur), false},
		{bin("+", ur, c(1)), bin("+", neg(ur), c(-1)), false}, // −(u+1) mathematically, but not recognized
		{bin("*", ur, wr), bin("*", neg(ur), neg(wr)), false},
		{ur, neg(u2r), false},
		{bin("-", ur, c(40)), bin("-", c(40), u2r), false},
	}
	for _, tc := range cases {
		if got := negated(tc.x, tc.y); got != tc.want {
			t.Errorf("negated(%s, %s) = %v, want %v", ir.Format(tc.x), ir.Format(tc.y), got, tc.want)
		}
	}
}
