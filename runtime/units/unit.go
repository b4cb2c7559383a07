package units

import (
	"fmt"
	"math"
	"math/big"
	"strings"
)

// Unit is a dimension plus an exact scale relative to the canonical
// (internal) unit of that dimension: a quantity of x Units has the
// canonical value x*Scale. Text is the normalized spelling of the unit,
// e.g. "mS/cm2", or "" to denote the canonical unit named by Dim.String.
//
// A nil Scale means 1. Scale values are shared, never modified in place
// by this package, and must not be modified by callers.
type Unit struct {
	Dim   Dim
	Scale *big.Rat
	Text  string
}

// Dimensionless returns the dimensionless unit with scale 1 and empty Text.
func Dimensionless() Unit {
	return Unit{Scale: big.NewRat(1, 1)}
}

// Canonical returns the canonical unit of dimension d: scale 1 and empty
// Text, so that its String is d.String().
func Canonical(d Dim) Unit {
	return Unit{Dim: d, Scale: big.NewRat(1, 1)}
}

// MustParse is like Parse but panics if s cannot be parsed. It is meant
// for unit strings that are known to be valid.
func MustParse(s string) Unit {
	u, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// scale returns u.Scale, or 1 if it is nil.
func (u Unit) scale() *big.Rat {
	if u.Scale == nil {
		return big.NewRat(1, 1)
	}
	return u.Scale
}

// Factor returns the scale of u rounded to the nearest float64.
func (u Unit) Factor() float64 {
	f, _ := u.scale().Float64()
	return f
}

// Equal reports whether u and v have the same dimension and scale; their
// spellings may differ.
func (u Unit) Equal(v Unit) bool {
	return u.Dim == v.Dim && u.scale().Cmp(v.scale()) == 0
}

// Mul returns the product unit u*v. Its Text is the merged spelling of
// both operands, e.g. "mS/cm2" * "um2" is "mS*um2/cm2".
func (u Unit) Mul(v Unit) Unit {
	return u.combine(v, 1)
}

// Div returns the quotient unit u/v, e.g. "mV" / "ms" is "mV/ms".
func (u Unit) Div(v Unit) Unit {
	return u.combine(v, -1)
}

// combine returns u * v^sign.
func (u Unit) combine(v Unit, sign int) Unit {
	r := Unit{
		Dim:   u.Dim.Mul(v.Dim.Pow(sign)),
		Scale: ratMul(u.scale(), ratPow(v.scale(), sign)),
	}
	tu, ok1 := u.terms()
	tv, ok2 := v.terms()
	if ok1 && ok2 {
		r.Text = render(append(tu, powTerms(tv, sign)...))
	}
	return r
}

// Pow returns u raised to the n-th power, e.g. "cm" to the 2nd is "cm2".
// Like Dim.Pow it is meant for small n. It panics if n < 0 and the scale
// of u is zero.
func (u Unit) Pow(n int) Unit {
	r := Unit{Dim: u.Dim.Pow(n), Scale: ratPow(u.scale(), n)}
	if t, ok := u.terms(); ok {
		r.Text = render(powTerms(t, n))
	}
	return r
}

// terms returns the factors of u's spelling, or false if u's Text does
// not parse to u's dimension and scale.
func (u Unit) terms() ([]term, bool) {
	text := u.Text
	if text == "" {
		if u.scale().Cmp(big.NewRat(1, 1)) != 0 {
			return nil, false
		}
		text = u.Dim.String()
	}
	v, t, err := parseTerms(text)
	if err != nil || !v.Equal(u) {
		return nil, false
	}
	return t, true
}

// powTerms returns terms with all exponents multiplied by n.
func powTerms(terms []term, n int) []term {
	r := make([]term, len(terms))
	for i, t := range terms {
		r[i] = term{sym: t.sym, exp: t.exp * n}
	}
	return r
}

// ratPow returns x^n as a new rational. It panics if x is zero and n < 0.
func ratPow(x *big.Rat, n int) *big.Rat {
	e := big.NewInt(int64(n))
	e.Abs(e)
	num := new(big.Int).Exp(x.Num(), e, nil)
	den := new(big.Int).Exp(x.Denom(), e, nil)
	if n < 0 {
		num, den = den, num
	}
	return new(big.Rat).SetFrac(num, den)
}

// ToCanonical converts x from unit u to the canonical unit of u.Dim. The
// result is the float64 nearest to the exact product of x and u's scale.
func (u Unit) ToCanonical(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x * u.Factor()
	}
	r := new(big.Rat).SetFloat64(x)
	f, _ := r.Mul(r, u.scale()).Float64()
	return f
}

// maxLitExpDigits bounds the number of digits in a literal's exponent so
// that exact decimal arithmetic stays cheap.
const maxLitExpDigits = 4

// ConvertLiteral converts the decimal number literal lit (as written in
// the source, e.g. "0.32", "1e-3", "20000", optionally signed) from unit
// u to the canonical unit of u.Dim. The result is the float64 nearest to
// the exact product of the literal's decimal value and u's scale. It
// returns an error if lit is not a decimal literal or the result
// overflows float64.
func ConvertLiteral(lit string, u Unit) (float64, error) {
	if err := checkLiteral(lit); err != nil {
		return 0, err
	}
	r, ok := new(big.Rat).SetString(lit)
	if !ok {
		return 0, fmt.Errorf("invalid number literal %q", lit)
	}
	f, _ := r.Mul(r, u.scale()).Float64()
	if math.IsInf(f, 0) {
		return f, fmt.Errorf("%s %s is out of range", lit, u)
	}
	return f, nil
}

// checkLiteral reports an error unless lit looks like a decimal
// floating-point literal with a moderate exponent.
func checkLiteral(lit string) error {
	mant, exp, hasExp := strings.Cut(strings.ToLower(lit), "e")
	digits := false
	for i, c := range mant {
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c == '.' || (i == 0 && (c == '-' || c == '+')):
		default:
			return fmt.Errorf("invalid number literal %q", lit)
		}
	}
	exp = strings.TrimLeft(exp, "+-")
	if !digits || (hasExp && exp == "") || strings.Trim(exp, "0123456789") != "" {
		return fmt.Errorf("invalid number literal %q", lit)
	}
	if len(strings.TrimLeft(exp, "0")) > maxLitExpDigits {
		return fmt.Errorf("exponent of number literal %q is out of range", lit)
	}
	return nil
}

// String returns the spelling of u: its Text if set, otherwise the
// canonical spelling of its dimension (prefixed by the scale if that is
// not 1, which only happens for hand-built units).
func (u Unit) String() string {
	if u.Text != "" {
		return u.Text
	}
	if s := u.scale(); s.Cmp(big.NewRat(1, 1)) != 0 {
		return s.RatString() + "×" + u.Dim.String()
	}
	return u.Dim.String()
}

// Describe returns a short description of u for diagnostics: its spelling
// followed by the kind of quantity in parentheses, e.g.
// "mS/cm2 (conductance density)" or "1 (dimensionless)". When the kind is
// unknown, it is just the spelling.
func (u Unit) Describe() string {
	if k := u.Dim.Kind(); k != "" {
		return u.String() + " (" + k + ")"
	}
	return u.String()
}
