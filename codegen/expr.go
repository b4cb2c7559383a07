package codegen

import (
	"math"

	"github.com/dave/jennifer/jen"

	"github.com/einetc/einetc/ir"
)

// env maps the IR's references to Go identifiers inside one function.
type env struct {
	stdMath bool // exp, expm1, exprel from package math instead of the runtime's
	params  map[*ir.Param]string
	states  map[*ir.State]string
	locals  map[*ir.Local]string
	perStep map[*ir.Local]bool  // locals computed once per step (hoisted), the same for every neuron
	vars    map[string]string   // dt, t, w
	tableV  string              // the local holding v, where tables are looked up
	slots   map[*ir.Call]string // blocked loops: exponentials computed for the block
	inv     map[*ir.Call]bool   // exprel slots that hold 1/exprel (always divisors)
	recips  map[string]string   // per-step divisors (parameters, hoisted locals): their reciprocal's identifier
	// f32 is set in a float32 update (-f32; float32.go): the per-neuron
	// arithmetic is float32, and conv maps the float32 copy of each hoisted
	// float64 value (fp_P_area) to the value (p_P_area); used records the
	// copies the update reads, which are the ones declared.
	f32  bool
	conv map[string]string
	used map[string]bool
}

// id emits the identifier name, noting its use if it is a float32 copy.
func (v *env) id(name string) *jen.Statement {
	if _, ok := v.conv[name]; ok {
		v.used[name] = true
	}
	return jen.Id(name)
}

func newEnv() *env {
	return &env{params: map[*ir.Param]string{}, states: map[*ir.State]string{}, locals: map[*ir.Local]string{}, perStep: map[*ir.Local]bool{}, vars: map[string]string{}, recips: map[string]string{}}
}

var mathFn = map[string]string{
	"exp": "Exp", "expm1": "Expm1", "log": "Log", "sqrt": "Sqrt", "fabs": "Abs",
	"tanh": "Tanh", "pow": "Pow", "min": "Min", "max": "Max",
}

// num emits a float64 expression.
func (v *env) num(e ir.Expr) *jen.Statement {
	switch e := e.(type) {
	case *ir.Const:
		return v.constant(e.V)
	case *ir.ParamRef:
		return v.id(v.params[e.P])
	case *ir.StateRef:
		return jen.Id(v.states[e.S])
	case *ir.LocalRef:
		if id, ok := v.locals[e.L]; ok {
			return v.id(id)
		}
		return jen.Parens(v.num(e.L.Value)) // defined elsewhere: inline it
	case *ir.Var:
		return v.id(v.vars[e.Name])
	case *ir.Call:
		if id, ok := v.slots[e]; ok {
			return jen.Id(id)
		}
		return v.call(e)
	case *ir.Unary:
		if e.Op == "-" {
			return jen.Op("-").Add(v.operand(e.X, 6, false))
		}
		return jen.Qual(rtPath, v.fn("B2F")).Call(jen.Op("!").Parens(v.cond(e.X)))
	case *ir.Binary:
		return v.binary(e)
	case *ir.Cond:
		return jen.Qual(rtPath, v.fn("Select")).Call(v.cond(e.C), v.num(e.T), v.num(e.E))
	}
	return jen.Lit(0.0)
}

// goPrec is Go's precedence of the arithmetic operators.
var goPrec = map[string]int{"+": 4, "-": 4, "*": 5, "/": 5}

// operand emits e as an operand of an operator of precedence prec,
// parenthesized when Go would otherwise group it differently. The IR's tree
// shape is kept exactly (Go does not reassociate floating point), so a right
// operand of equal precedence keeps its parentheses.
func (v *env) operand(e ir.Expr, prec int, right bool) *jen.Statement {
	switch e := e.(type) {
	case *ir.Binary:
		p, ok := goPrec[e.Op]
		if ok && (p > prec || (p == prec && !right)) {
			return v.num(e)
		}
		if !ok && e.Op == "^" {
			return v.num(e) // a call or a parenthesized product
		}
		return jen.Parens(v.num(e))
	case *ir.Const:
		if e.V < 0 {
			return jen.Parens(v.num(e))
		}
	case *ir.Unary:
		if prec > 0 {
			return jen.Parens(v.num(e))
		}
	}
	return v.num(e)
}

func constant(x float64) *jen.Statement {
	switch {
	case math.IsInf(x, 1):
		return jen.Qual("math", "Inf").Call(jen.Lit(1))
	case math.IsInf(x, -1):
		return jen.Qual("math", "Inf").Call(jen.Lit(-1))
	case math.IsNaN(x):
		return jen.Qual("math", "NaN").Call()
	}
	return jen.Lit(x)
}

func isCmp(op string) bool {
	switch op {
	case "<", "<=", ">", ">=", "==", "!=", "&&", "||":
		return true
	}
	return false
}

func (v *env) binary(e *ir.Binary) *jen.Statement {
	switch e.Op {
	case "/":
		switch q := v.quotient(e); q.how {
		case byInv: // a/exprel(x) = a·(x/(e^x − 1))
			return v.operand(e.X, 5, false).Op("*").Id(v.slots[q.inv])
		case byRecip:
			return v.operand(e.X, 5, false).Op("*").Add(v.constant(q.recip))
		case byRecipVar:
			return v.operand(e.X, 5, false).Op("*").Add(v.id(q.rid))
		}
		return v.operand(e.X, 5, false).Op("/").Add(v.operand(e.Y, 5, true))
	case "+", "-":
		// x + (−y) is x − y and x − (−y) is x + y, exactly (IEEE 754
		// subtracts by adding the negation; a product with a negated factor
		// is the negated product): the same bits without the negation's
		// instructions, which were a fifth of the scalar phases' arithmetic.
		if y := negPart(e.Y); y != nil {
			op := map[string]string{"+": "-", "-": "+"}[e.Op]
			return v.operand(e.X, 4, false).Op(op).Add(v.operand(y, 4, true))
		}
		if x := negPart(e.X); x != nil && e.Op == "+" {
			return v.operand(e.Y, 4, false).Op("-").Add(v.operand(x, 4, true))
		}
		return v.operand(e.X, 4, false).Op(e.Op).Add(v.operand(e.Y, 4, true))
	case "*":
		return v.operand(e.X, 5, false).Op("*").Add(v.operand(e.Y, 5, true))
	case "^":
		return v.power(e.X, e.Y)
	}
	return jen.Qual(rtPath, v.fn("B2F")).Call(v.cond(e))
}

// negPart returns y when e is −y, or a product with a negated factor (then
// e = −y exactly, y the product without the negation), and nil otherwise.
//
// The vector emitter folds negations by other, wider rules (venv.signed in
// vector.go, float32 only): it carries a sign up through any depth of
// products and into constant factors, and absorbs it in any sum or
// difference. This one rewrites only one level, in the operands of a sum
// or difference (the case the scalar phases were measured on, above; the
// portable Euler-step matcher in batch.go also relies on it). Both are
// exact; a shared helper with either set of rules would change the
// generated text of the other emitter (the goldens), so they stay apart.
func negPart(e ir.Expr) ir.Expr {
	switch e := e.(type) {
	case *ir.Unary:
		if e.Op == "-" {
			return e.X
		}
	case *ir.Binary:
		if e.Op != "*" {
			break
		}
		if u, ok := e.X.(*ir.Unary); ok && u.Op == "-" {
			return &ir.Binary{Op: "*", X: u.X, Y: e.Y}
		}
		if u, ok := e.Y.(*ir.Unary); ok && u.Op == "-" {
			return &ir.Binary{Op: "*", X: e.X, Y: u.X}
		}
	}
	return nil
}

// How a quotient X/Y is emitted.
const (
	byDiv      = iota // X/Y
	byInv             // Y is exprel(x), a slot holding x/(e^x − 1): X times it
	byRecip           // Y is a constant: X times its reciprocal
	byRecipVar        // Y is the same for every neuron: X times its reciprocal, computed once per step
)

// quot is how a quotient is emitted, with the inverted exprel call
// (byInv), the constant reciprocal (byRecip) or the identifier of the
// per-step reciprocal (byRecipVar).
type quot struct {
	how   int
	inv   *ir.Call
	recip float64
	rid   string
}

// quotient tells how the scalar and the vector emitters write e = X/Y, and
// returns the inverted exprel call or the reciprocal that form uses. The
// rewrites are the default mode's; -stdmath divides.
func (v *env) quotient(e *ir.Binary) quot {
	if c, ok := e.Y.(*ir.Call); ok && v.inv[c] && v.slots[c] != "" {
		return quot{how: byInv, inv: c}
	}
	if v.stdMath {
		return quot{how: byDiv}
	}
	if c, ok := e.Y.(*ir.Const); ok {
		if r, ok := reciprocal(c.V); ok {
			return quot{how: byRecip, recip: r}
		}
	}
	if r, ok := v.recips[v.stepIdent(e.Y)]; ok {
		return quot{how: byRecipVar, rid: r}
	}
	return quot{how: byDiv}
}

// stepIdent is the identifier of e if e is a parameter or a per-step
// local (the same for every neuron), or "".
func (v *env) stepIdent(e ir.Expr) string {
	switch e := e.(type) {
	case *ir.ParamRef:
		return v.params[e.P]
	case *ir.LocalRef:
		if v.perStep[e.L] {
			return v.locals[e.L]
		}
	}
	return ""
}

// intPower returns n if x^y is a power strength-reduced to n−1
// multiplications (y an integer from 2 to 4, x a simple operand), or 0.
func intPower(x, y ir.Expr) int {
	c, ok := y.(*ir.Const)
	if ok && c.V >= 2 && c.V <= 4 && c.V == math.Trunc(c.V) && simple(x) {
		return int(c.V)
	}
	return 0
}

// power strength-reduces small integer powers of a simple operand to
// multiplications (as JAX's integer_pow does); otherwise math.Pow.
func (v *env) power(x, y ir.Expr) *jen.Statement {
	if n := intPower(x, y); n > 0 {
		s := v.num(x)
		for i := 1; i < n; i++ {
			s = s.Op("*").Add(v.num(x))
		}
		return jen.Parens(s)
	}
	return v.math(jen.Qual("math", "Pow"), v.num(x), v.num(y))
}

func simple(e ir.Expr) bool {
	switch e.(type) {
	case *ir.StateRef, *ir.LocalRef, *ir.ParamRef, *ir.Var:
		return true
	}
	return false
}

// cond emits a bool expression.
func (v *env) cond(e ir.Expr) *jen.Statement {
	if b, ok := e.(*ir.Binary); ok && isCmp(b.Op) {
		if b.Op == "&&" || b.Op == "||" {
			return jen.Parens(v.cond(b.X)).Op(b.Op).Parens(v.cond(b.Y))
		}
		return v.num(b.X).Op(b.Op).Add(v.num(b.Y))
	}
	if u, ok := e.(*ir.Unary); ok && u.Op == "!" {
		return jen.Op("!").Parens(v.cond(u.X))
	}
	return v.operand(e, 3, false).Op("!=").Lit(0.0)
}

func (v *env) call(e *ir.Call) *jen.Statement {
	args := make([]jen.Code, len(e.Args))
	for i, a := range e.Args {
		args[i] = v.num(a)
	}
	switch {
	case e.Fn == "exprel" && v.stdMath:
		return jen.Qual(rtPath, "ExprelStd").Call(args...)
	case v.f32 && fn32[e.Fn] != "":
		return jen.Qual(rtPath, fn32[e.Fn]).Call(args...)
	case e.Fn == "exprel":
		return jen.Qual(rtPath, "Exprel").Call(args...)
	case (e.Fn == "exp" || e.Fn == "expm1") && !v.stdMath:
		return jen.Qual(rtPath, mathFn[e.Fn]).Call(args...)
	}
	return v.math(jen.Qual("math", mathFn[e.Fn]), args...)
}

// uses is what a loop's expressions read: parameters, states and the
// variables dt and t.
type uses struct {
	params map[*ir.Param]bool
	states map[*ir.State]bool
	vars   map[string]bool
}

// usesSeen collects in u the parameters, states and variables an
// expression reads, directly or through locals, looking into each local
// not in seen once (chains of definitions that reuse each other stay
// linear).
func usesSeen(e ir.Expr, u uses, seen map[*ir.Local]bool) {
	ir.Walk(e, func(x ir.Expr) {
		switch x := x.(type) {
		case *ir.ParamRef:
			u.params[x.P] = true
		case *ir.StateRef:
			u.states[x.S] = true
		case *ir.Var:
			u.vars[x.Name] = true
		case *ir.LocalRef:
			if !seen[x.L] {
				seen[x.L] = true
				usesSeen(x.L.Value, u, seen)
			}
		}
	})
}
