package units

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unicode"
)

// term is one factor of a unit string: a normalized symbol raised to exp.
type term struct {
	sym string
	exp int
}

// baseUnit is a unit symbol that may carry an SI prefix.
type baseUnit struct {
	dim      Dim
	scale    *big.Rat
	noPrefix bool
	length   bool // exponents written as trailing digits ("cm2")
}

// pow10 returns 10^k as an exact rational.
func pow10(k int) *big.Rat {
	n := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(k, -k))), nil)
	if k < 0 {
		return new(big.Rat).SetFrac(big.NewInt(1), n)
	}
	return new(big.Rat).SetInt(n)
}

// ratMul returns the product of the given rationals.
func ratMul(xs ...*big.Rat) *big.Rat {
	r := big.NewRat(1, 1)
	for _, x := range xs {
		r.Mul(r, x)
	}
	return r
}

// ratInv returns 1/x.
func ratInv(x *big.Rat) *big.Rat { return new(big.Rat).Inv(x) }

// bases maps base unit symbols to their dimension and canonical scale.
var bases = func() map[string]baseUnit {
	s, v, a := pow10(3), pow10(3), pow10(12) // 1 s = 1e3 ms, 1 V = 1e3 mV, 1 A = 1e12 pA
	m, mol := pow10(6), pow10(18)            // 1 m = 1e6 um, 1 mol = 1e18 amol
	liter := ratMul(pow10(-3), m, m, m)
	return map[string]baseUnit{
		"s":    {dim: Time, scale: s},
		"V":    {dim: Voltage, scale: v},
		"A":    {dim: Current, scale: a},
		"S":    {dim: Conductance, scale: ratMul(a, ratInv(v))},
		"F":    {dim: Capacitance, scale: ratMul(a, s, ratInv(v))},
		"C":    {dim: Charge, scale: ratMul(a, s)},
		"J":    {dim: Charge.Mul(Voltage), scale: ratMul(v, a, s)},
		"ohm":  {dim: Resistance, scale: ratMul(v, ratInv(a))},
		"Hz":   {dim: Time.Pow(-1), scale: ratInv(s)},
		"m":    {dim: Length, scale: m, length: true},
		"L":    {dim: Length.Pow(3), scale: liter},
		"mol":  {dim: Amount, scale: mol},
		"M":    {dim: Concentration, scale: ratMul(mol, ratInv(liter))},
		"degC": {dim: Temperature, scale: big.NewRat(1, 1), noPrefix: true},
	}
}()

// baseAliases are alternative spellings of base unit symbols.
var baseAliases = map[string]string{"\u03a9": "ohm", "\u2126": "ohm"}

// prefixes lists the accepted SI prefixes with their normalized spelling
// and decimal exponent.
var prefixes = []struct {
	text, norm string
	exp        int
}{
	{"a", "a", -18}, {"f", "f", -15}, {"p", "p", -12}, {"n", "n", -9},
	{"u", "u", -6}, {"\u00b5", "u", -6}, {"\u03bc", "u", -6}, {"m", "m", -3},
	{"c", "c", -2}, {"d", "d", -1}, {"k", "k", 3}, {"M", "M", 6},
	{"G", "G", 9},
}

// lookupBase resolves an unprefixed base unit symbol or alias.
func lookupBase(sym string) (string, baseUnit, bool) {
	if a, ok := baseAliases[sym]; ok {
		sym = a
	}
	b, ok := bases[sym]
	return sym, b, ok
}

// resolve returns the normalized spelling, dimension, canonical scale and
// exponent style of a unit symbol such as "mS" or "µm".
func resolve(sym string) (string, baseUnit, bool) {
	if name, b, ok := lookupBase(sym); ok {
		return name, b, true
	}
	for _, p := range prefixes {
		rest, ok := strings.CutPrefix(sym, p.text)
		if !ok {
			continue
		}
		if name, b, ok := lookupBase(rest); ok && !b.noPrefix {
			b.scale = ratMul(b.scale, pow10(p.exp))
			return p.norm + name, b, true
		}
	}
	return "", baseUnit{}, false
}

// maxExp bounds the magnitude of exponents in unit strings and of the
// resulting dimension exponents.
const maxExp = 127

// parser scans a unit string with whitespace removed.
type parser struct {
	src  string // original input, for error messages
	s    []rune
	pos  int
	unit Unit
	dims [6]int // unclamped exponent sums, to detect overflow
}

// errorf returns an error naming the whole input.
func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf(format+" in %q", append(args, p.src)...)
}

// unknown reports an unknown unit symbol, naming the whole input only if
// it consists of more than that symbol.
func (p *parser) unknown(sym string) error {
	if string(p.s) == sym {
		return fmt.Errorf("unknown unit %q", sym)
	}
	return p.errorf("unknown unit %q", sym)
}

// peek returns the current rune, or 0 at the end of the input.
func (p *parser) peek() rune {
	if p.pos < len(p.s) {
		return p.s[p.pos]
	}
	return 0
}

// Parse parses a unit string such as "mS/cm2", "uF/cm2", "1/ms" or "mM"
// (see the package documentation for the grammar). The empty string and
// "1" denote the dimensionless unit. The returned unit's Text is the
// normalized spelling of s: micro signs become 'u', '.' and "**" are
// replaced, repeated symbols are merged and negative exponents are moved
// behind '/', e.g. "cm^-2" becomes "1/cm2".
func Parse(s string) (Unit, error) {
	u, _, err := parseTerms(s)
	return u, err
}

// parseTerms parses s like Parse and also returns its terms.
func parseTerms(s string) (Unit, []term, error) {
	rs := []rune(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s))
	p := &parser{src: s, s: rs, unit: Dimensionless()}
	if len(rs) == 0 {
		return p.unit, nil, nil
	}
	var terms []term
	sign := 1
	if p.peek() == '/' {
		p.pos++
		sign = -1
	}
	for {
		t, err := p.term(sign)
		if err != nil {
			return Unit{}, nil, err
		}
		terms = append(terms, t)
		if p.pos == len(p.s) {
			break
		}
		switch p.peek() {
		case '*', '.':
			sign = 1
		case '/':
			sign = -1
		default:
			return Unit{}, nil, p.errorf("unexpected %q", p.peek())
		}
		p.pos++
	}
	for _, t := range merge(terms) {
		if t.exp > maxExp || t.exp < -maxExp {
			return Unit{}, nil, p.errorf("exponent out of range")
		}
	}
	for i, d := range p.dims {
		if d > maxExp || d < -maxExp {
			return Unit{}, nil, p.errorf("exponent out of range")
		}
		p.unit.Dim[i] = int8(d)
	}
	p.unit.Text = render(terms)
	return p.unit, terms, nil
}

// term parses one term, multiplies it (raised to sign) into p.unit and
// returns its normalized form.
func (p *parser) term(sign int) (term, error) {
	start := p.pos
	if unicode.IsDigit(p.peek()) {
		for p.pos < len(p.s) && unicode.IsDigit(p.s[p.pos]) {
			p.pos++
		}
		if num := string(p.s[start:p.pos]); num != "1" {
			return term{}, p.unknown(num)
		}
		return term{}, nil
	}
	for p.pos < len(p.s) && unicode.IsLetter(p.s[p.pos]) {
		p.pos++
	}
	sym := string(p.s[start:p.pos])
	if sym == "" {
		if p.pos == len(p.s) {
			return term{}, p.errorf("missing unit")
		}
		return term{}, p.errorf("unexpected %q", p.peek())
	}
	name, b, ok := resolve(sym)
	if !ok {
		return term{}, p.unknown(sym)
	}
	n, err := p.exponent()
	if err != nil {
		return term{}, err
	}
	n *= sign
	// The dimension is summed in ints and judged once, at the end: only the
	// whole unit's exponents must fit Dim's int8, whatever the order of its
	// terms (GA99/A99.C99 and its rendering GA^99*C^99/A^99 are the same
	// unit, whose partial sums differ).
	for i, e := range b.dim {
		p.dims[i] += int(e) * n
	}
	p.unit.Scale.Mul(p.unit.Scale, ratPow(b.scale, n))
	return term{sym: name, exp: n}, nil
}

// exponent parses an optional exponent ("2", "-2", "^2", "^-2", "**2")
// following a symbol; it returns 1 if there is none.
func (p *parser) exponent() (int, error) {
	switch {
	case p.peek() == '^':
		p.pos++
	case p.peek() == '*' && p.pos+1 < len(p.s) && p.s[p.pos+1] == '*':
		p.pos += 2
	case p.peek() == '-' || (p.peek() >= '0' && p.peek() <= '9'):
	default:
		return 1, nil
	}
	start := p.pos
	if p.peek() == '-' || p.peek() == '+' {
		p.pos++
	}
	for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
		p.pos++
	}
	n, err := strconv.Atoi(string(p.s[start:p.pos]))
	if err != nil {
		return 0, p.errorf("invalid exponent %q", string(p.s[start:p.pos]))
	}
	if n > maxExp || n < -maxExp {
		return 0, p.errorf("exponent out of range")
	}
	return n, nil
}

// merge combines repeated symbols of terms by adding their exponents and
// drops dimensionless terms.
func merge(terms []term) []term {
	var merged []term
	idx := map[string]int{}
	for _, t := range terms {
		if t.sym == "" {
			continue
		}
		if i, ok := idx[t.sym]; ok {
			merged[i].exp += t.exp
			continue
		}
		idx[t.sym] = len(merged)
		merged = append(merged, t)
	}
	return merged
}

// render merges repeated symbols and renders terms as "a*b2/c/d^3"; it
// returns "" if nothing but dimensionless factors remain.
func render(terms []term) string {
	var num, den []string
	for _, t := range merge(terms) {
		_, b, _ := resolve(t.sym)
		switch {
		case t.exp > 0:
			num = append(num, expTerm(t.sym, t.exp, b.length))
		case t.exp < 0:
			den = append(den, expTerm(t.sym, -t.exp, b.length))
		}
	}
	if len(num) == 0 && len(den) == 0 {
		return ""
	}
	return joinTerms(num, den)
}
