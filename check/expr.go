package check

import (
	"math"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/runtime/units"
)

// typed is a checked expression with its dimension. ok is false after an
// error, so that one mistake does not cascade into many.
type typed struct {
	e    ir.Expr
	dim  units.Dim
	ok   bool
	text string // the unit as the user wrote it, for a literal
}

var bad = typed{e: ir.Num(0)}

func good(e ir.Expr, d units.Dim) typed { return typed{e: e, dim: d, ok: true} }

var dimless units.Dim

// expr checks e in scope s and returns its IR and dimension.
func (s *scope) expr(e dsl.Expr) typed {
	t := s.expr1(e)
	if c, isConst := t.e.(*ir.Const); t.ok && isConst && (math.IsNaN(c.V) || math.IsInf(c.V, 0)) {
		// Folding finite constants gave NaN or an infinity (0/0, 6/0,
		// exp(1000)): refuse it here, where it arises, rather than let it
		// hide in a larger constant (0 * (0/0) used to fold to 0).
		s.c.errs.Add(e.At(), "%s is not a finite number (%v)", dsl.FormatExpr(e), c.V)
		return bad
	}
	return t
}

func (s *scope) expr1(e dsl.Expr) typed {
	switch e := e.(type) {
	case *dsl.Number:
		return s.number(e)
	case *dsl.String:
		s.c.errs.Add(e.Pos, "a string is only allowed as a file name, in file(\"...\")")
		return bad
	case *dsl.Name:
		return s.name(e.Path)
	case *dsl.Unary:
		return s.unary(e)
	case *dsl.Binary:
		return s.binary(e)
	case *dsl.Cond:
		return s.cond(e)
	case *dsl.Call:
		return s.call(e)
	}
	return bad
}

func (s *scope) number(e *dsl.Number) typed {
	u := units.Dimensionless()
	if e.Unit != nil {
		var ok bool
		if u, ok = s.c.unit(e.Unit); !ok {
			return bad
		}
	}
	v, err := units.ConvertLiteral(e.Text, u)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		s.c.errs.Add(e.Pos, "number %s is out of range", e.Text)
		return bad
	}
	t := good(ir.Num(v), u.Dim)
	t.text = u.Text
	return t
}

func (s *scope) name(p dsl.Path) typed {
	key := p.String()
	if len(p.Parts) == 1 {
		if i, ok := s.args[key]; ok {
			return good(&ir.ArgRef{I: i}, s.argDim[i])
		}
		if key == "w" && s.allowW {
			return good(&ir.Var{Name: "w"}, s.wDim)
		}
	}
	b, ok := s.names[key]
	if k, isConst := constants[key]; !ok && isConst && len(p.Parts) == 1 {
		t := good(ir.Num(k.value), k.dim)
		t.text = k.text
		return t
	}
	if !ok {
		if _, isFn := s.funcs[key]; isFn {
			s.c.errs.Add(p.Pos, "function %s used without arguments", key)
			return bad
		}
		s.c.unknownName(p, s)
		return bad
	}
	if s.args != nil && (b.state != nil || b.define != nil || b.dynamic || b.what == "membrane potential") {
		s.c.errs.Add(p.Pos, "function bodies may read only their parameters, mechanism parameters and constants; pass %s as an argument", key)
		return bad
	}
	if b.define != nil {
		return s.define(b)
	}
	if b.expr == nil {
		return bad
	}
	t := good(b.expr, b.dim)
	t.text = b.text
	return t
}

// define checks a DEFINE on first use, detecting cycles.
func (s *scope) define(b *binding) typed {
	if b.expr != nil {
		return good(b.expr, b.dim)
	}
	if b.failed {
		return bad // reported once, at its first use
	}
	if b.visiting {
		s.c.errs.Add(b.define.Pos, "definition %s depends on itself", b.define.Name.Name)
		return bad
	}
	b.visiting = true
	t := s.expr(b.define.Value)
	b.visiting = false
	if !t.ok {
		// Remembered: a definition read twice by the next one, and so
		// on, would otherwise be checked again at every use (2^depth
		// times: FuzzBuild found 18 levels below an unknown name taking
		// 70 s).
		b.expr, b.failed = nil, true
		return bad
	}
	l := &ir.Local{Name: s.prefix + b.define.Name.Name, Value: t.e, Pos: b.define.Pos}
	s.locals = append(s.locals, l)
	b.expr, b.dim = &ir.LocalRef{L: l}, t.dim
	return good(b.expr, b.dim)
}

func (s *scope) unary(e *dsl.Unary) typed {
	x := s.expr(e.X)
	if !x.ok {
		return bad
	}
	switch e.Op {
	case "-":
		t := good(ir.Neg(x.e), x.dim)
		t.text = x.text
		return t
	case "+":
		return x
	}
	if !x.dim.IsDimensionless() {
		s.c.errs.Add(e.Pos, "operand of ! must be dimensionless, not %s", desc(x.dim))
		return bad
	}
	return good(&ir.Unary{Op: "!", X: x.e}, dimless)
}

func (s *scope) binary(e *dsl.Binary) typed {
	x, y := s.expr(e.X), s.expr(e.Y)
	if !x.ok || !y.ok {
		return bad
	}
	switch e.Op {
	case "+", "-", "<", "<=", ">", ">=", "==", "!=":
		if x.dim != y.dim {
			s.c.mismatch(e.Pos, e.Op, x, y)
			return bad
		}
		if e.Op == "+" || e.Op == "-" {
			return good(ir.NewBinary(e.Op, x.e, y.e), x.dim)
		}
		return good(&ir.Binary{Op: e.Op, X: x.e, Y: y.e}, dimless)
	case "&&", "||":
		if !x.dim.IsDimensionless() || !y.dim.IsDimensionless() {
			s.c.errs.Add(e.Pos, "operands of %s must be dimensionless conditions", e.Op)
			return bad
		}
		return good(&ir.Binary{Op: e.Op, X: x.e, Y: y.e}, dimless)
	case "*", "/":
		for i := range x.dim {
			if n := int(x.dim[i]) + int(y.dim[i]); n > 32 || n < -32 {
				s.c.errs.Add(e.Pos, "unit exponent out of range")
				return bad
			}
			if n := int(x.dim[i]) - int(y.dim[i]); n > 32 || n < -32 {
				s.c.errs.Add(e.Pos, "unit exponent out of range")
				return bad
			}
		}
		if e.Op == "*" {
			return good(ir.Mul(x.e, y.e), x.dim.Mul(y.dim))
		}
		return good(ir.Div(x.e, y.e), x.dim.Div(y.dim))
	}
	return s.power(e.Pos, x, y)
}

// power checks x^y: the exponent must be dimensionless, and an integer
// constant when the base has a dimension.
func (s *scope) power(at dsl.Pos, x, y typed) typed {
	if !y.dim.IsDimensionless() {
		s.c.errs.Add(at, "exponent must be dimensionless, not %s", desc(y.dim))
		return bad
	}
	if x.dim.IsDimensionless() {
		return good(ir.Pow(x.e, y.e), dimless)
	}
	c, isConst := y.e.(*ir.Const)
	if !isConst || c.V != math.Trunc(c.V) || math.Abs(c.V) > 16 {
		s.c.errs.Add(at, "a quantity in %s can only be raised to a constant integer power", desc(x.dim))
		return bad
	}
	for _, e := range x.dim {
		if n := int(e) * int(c.V); n > 32 || n < -32 {
			s.c.errs.Add(at, "unit exponent out of range in %s^%d", desc(x.dim), int(c.V))
			return bad
		}
	}
	return good(ir.Pow(x.e, y.e), x.dim.Pow(int(c.V)))
}

func (s *scope) cond(e *dsl.Cond) typed {
	c, t, f := s.expr(e.Cond), s.expr(e.Then), s.expr(e.Else)
	if !c.ok || !t.ok || !f.ok {
		return bad
	}
	if !c.dim.IsDimensionless() {
		s.c.errs.Add(e.Pos, "condition must be a comparison, not a quantity in %s", desc(c.dim))
		return bad
	}
	if t.dim != f.dim {
		s.c.errs.Add(e.Pos, "branches of if/else differ in units: %s and %s", desc(t.dim), desc(f.dim))
		return bad
	}
	return good(&ir.Cond{C: c.e, T: t.e, E: f.e}, t.dim)
}
