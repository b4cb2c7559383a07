package check

import (
	"math"
	"strings"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/runtime/units"
)

// A bound is the range a parameter's physics allows, beyond being finite.
// The zero bound allows every finite value.
type bound struct {
	min  float64
	open bool // min itself is not allowed
	max  float64
	has  bool // min applies
	hasM bool // max applies
	rule string
}

func positive(rule string) bound    { return bound{has: true, open: true, rule: rule} }
func nonNegative(rule string) bound { return bound{has: true, rule: rule} }

// anyValue allows every finite value.
var anyValue = bound{}

// mechBound is the bound of a mechanism parameter, from its name and
// dimension: time constants (tau…) are positive, conductances and
// conductance densities are not negative.
func mechBound(name string, d units.Dim) bound {
	switch {
	case d == dimTime && strings.HasPrefix(name, "tau"):
		return positive("a time constant")
	case d == dimCond || d == dimCond.Div(units.Length.Pow(2)):
		return nonNegative("a conductance")
	}
	return anyValue
}

// setBound gives p the range b.
func setBound(p *ir.Param, b bound) {
	p.Min, p.MinOpen, p.Max, p.Rule = math.Inf(-1), false, math.Inf(1), b.rule
	if b.has {
		p.Min, p.MinOpen = b.min, b.open
	}
	if b.hasM {
		p.Max = b.max
	}
}

// checkParam reports a value of p that its Spec refuses, at the position of
// the value, which the model names key there.
func (c *checker) checkParam(p *ir.Param, key string, at dsl.Pos) bool {
	spec := p.Spec()
	spec.Name = key
	if err := spec.Check(p.Value); err != nil {
		c.errs.Add(at, "%v", err)
		return false
	}
	return true
}

// writtenUnit returns the unit the value expression e is written in, when it
// is a literal with a unit of dimension d ("100 (mS/cm2)", "-5 (ms)"), and
// "" otherwise.
func writtenUnit(e dsl.Expr, d units.Dim) string {
	for {
		u, ok := e.(*dsl.Unary)
		if !ok {
			break
		}
		e = u.X
	}
	n, ok := e.(*dsl.Number)
	if !ok || n.Unit == nil {
		return ""
	}
	u, err := units.Parse(n.Unit.Text)
	if err != nil || u.Dim != d {
		return ""
	}
	return strings.TrimSpace(n.Unit.Text)
}
