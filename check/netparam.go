package check

import (
	"math"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	einrt "github.com/einetc/einetc/runtime"
)

// The NETWORK's PARAMETERs: plain numbers that population sizes, group
// bounds and connection rules may be computed from (docs/language.md,
// R16a). Each is a runtime parameter like any other (-set n_exc=2400); the
// structure that reads it is kept as an expression (SizeExpr, LoExpr,
// HiExpr, KExpr, PExpr) for the generated New, and checked here with its
// default value by the runtime's checks, the ones New applies to others.

// netParams declares the NETWORK's PARAMETERs in the network's scope.
func (c *checker) netParams(n *dsl.Network) {
	c.netScope, c.netSet = newScope(c, ""), map[*ir.Param]bool{}
	for _, p := range n.Params {
		if p.HasBlock {
			c.errs.Add(p.Pos, "a network parameter takes no { } block")
		}
		t := newScope(c, "").expr(p.Value)
		if !t.ok {
			continue
		}
		v, isConst := ir.ConstValue(t.e)
		switch {
		case !t.dim.IsDimensionless():
			c.errs.Add(p.Value.At(), "network parameter %s must be a plain number (it sizes the network), not %s", p.Key.Name, descT(t))
			continue
		case !isConst:
			c.errs.Add(p.Value.At(), "%s must be a constant", p.Key.Name)
			continue
		}
		prm := c.newParam(p.Key.Name, v, dimless, p.Pos, anyValue)
		if c.netScope.declare(p.Key, &binding{dim: dimless, expr: &ir.ParamRef{P: prm}, what: "network parameter", param: prm}) {
			c.netSet[prm] = true
		} else {
			c.params = c.params[:len(c.params)-1]
		}
	}
}

// netExpr checks e, which may read network parameters, as a dimensionless
// constant: its value with the parameters' own values, and the expression
// itself when it reads any (nil otherwise).
func (c *checker) netExpr(e dsl.Expr, what string) (float64, ir.Expr, bool) {
	s := c.netScope
	if s == nil {
		s = newScope(c, "")
	}
	t := s.expr(e)
	if !t.ok {
		return 0, nil, false
	}
	if !t.dim.IsDimensionless() {
		c.wantT(e.At(), what, dimless, t)
		return 0, nil, false
	}
	v, isConst := ir.ConstValue(t.e)
	if !isConst {
		c.errs.Add(e.At(), "%s must be a constant", what)
		return 0, nil, false
	}
	reads := false
	ir.Walk(t.e, func(x ir.Expr) {
		if r, ok := x.(*ir.ParamRef); ok && c.netSet[r.P] {
			reads = true
		}
	})
	if !reads {
		return v, nil, true
	}
	return v, t.e, true
}

// count checks a population size or a group bound (what): a non-negative
// integer, as an expression of network parameters or a constant. A
// parameter that is the whole count becomes an integer parameter, at
// least min (so -set refuses 2400.5 or -1 itself).
func (c *checker) count(e dsl.Expr, what string, min float64) (int, ir.Expr, bool) {
	v, x, ok := c.netExpr(e, what)
	if !ok {
		return 0, nil, false
	}
	n, err := einrt.Count(what, v)
	if err != nil {
		if x == nil {
			c.errs.Add(e.At(), "%s must be a non-negative integer", what)
		} else {
			c.errs.Add(e.At(), "%v", err)
		}
		return 0, nil, false
	}
	if r, ok := x.(*ir.ParamRef); ok {
		p := r.P
		p.Integer, p.Rule = true, "a number of neurons"
		p.Min, p.Max = math.Max(p.Min, min), math.Min(p.Max, einrt.MaxNeurons)
	}
	return n, x, true
}
