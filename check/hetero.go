package check

import (
	"fmt"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/runtime/units"
)

// Heterogeneity: values that differ from neuron to neuron (a mechanism
// parameter drawn from a distribution or read from a file) or from
// connection to connection (a projection's weight or delay).

// perNeuronValue reports whether a parameter override is a per-neuron
// value: uniform(a, b), normal(mu, sigma) or file("values.npy").
func perNeuronValue(e dsl.Expr) bool {
	call, ok := e.(*dsl.Call)
	return ok && (call.Func.Name == "uniform" || call.Func.Name == "normal" || call.Func.Name == "file")
}

// perNeuronParam checks the per-neuron value of parameter name (dimension
// d) and returns the state that holds it: a Fixed state, one value per
// neuron, initialised once (before every other state) and never
// integrated.
func (c *checker) perNeuronParam(s *scope, o *dsl.Prop, d units.Dim, name, target string) *ir.State {
	in := c.initValue(s, o.Value, d, target)
	if in == nil {
		return nil
	}
	return &ir.State{Name: name, Unit: d.String(), Kind: ir.Fixed, Init: in, Pos: o.Pos}
}

// perSynapseValue reports whether a projection's weight or delay is given
// per connection: it reads the indices i or j, draws uniform(...) or
// normal(...), or reads file(...).
func perSynapseValue(e dsl.Expr) bool {
	found := false
	var walk func(e dsl.Expr)
	walk = func(e dsl.Expr) {
		switch e := e.(type) {
		case *dsl.Name:
			if n := e.Path.String(); n == "i" || n == "j" {
				found = true
			}
		case *dsl.Call:
			switch e.Func.Name {
			case "uniform", "normal", "file":
				found = true
			}
			for _, a := range e.Args {
				walk(a)
			}
		case *dsl.Unary:
			walk(e.X)
		case *dsl.Binary:
			walk(e.X)
			walk(e.Y)
		case *dsl.Cond:
			walk(e.Cond)
			walk(e.Then)
			walk(e.Else)
		}
	}
	walk(e)
	return found
}

// perSynapse checks a per-connection weight or delay of dimension d:
// file("w.npy") (needs connect = file(...)), or an expression of the
// presynaptic index i, the postsynaptic index j and random draws
// uniform(a, b) and normal(mu, sigma). nonNeg says that every value must be
// at least 0 (a COBA weight, a delay): a bare distribution that can draw
// below 0 is refused here; other values are checked by New.
func (c *checker) perSynapse(p *dsl.Prop, d units.Dim, pr *ir.Projection, nonNeg bool) *ir.PerSynapse {
	what := pr.Name + "." + p.Key.Name
	if call, ok := p.Value.(*dsl.Call); ok && call.Func.Name == "file" {
		f, ok := c.fileArg(call, ".npy", ".csv")
		if !ok {
			return nil
		}
		if pr.Connect.Kind != "file" {
			c.errs.Add(call.Pos, "%s = file(...) needs connect = file(...): its values are read row by row with the connectivity's pairs", p.Key.Name)
			return nil
		}
		return &ir.PerSynapse{File: f, Pos: p.Pos}
	}
	s := newScope(c, "")
	s.names["i"] = &binding{dim: dimless, expr: &ir.Var{Name: "i"}, what: "presynaptic index"}
	s.names["j"] = &binding{dim: dimless, expr: &ir.Var{Name: "j"}, what: "postsynaptic index"}
	var draws []ir.Draw
	s.draws = &draws
	t := s.expr(p.Value)
	if !t.ok {
		return nil
	}
	if t.dim != d {
		c.wantT(p.Value.At(), p.Key.Name, d, t)
		return nil
	}
	if call, ok := p.Value.(*dsl.Call); ok && nonNeg && len(draws) == 1 && (call.Func.Name == "uniform" || call.Func.Name == "normal") {
		dr := draws[0]
		zero := "0 (" + d.String() + ")"
		switch {
		case dr.Normal && dr.B > 0:
			c.errs.Add(call.Pos, "%s: normal(...) can draw values below 0, which %s cannot have; clip it: max(%s, %s)", what, p.Key.Name+"s", dsl.FormatExpr(call), zero)
			return nil
		case dr.Normal && dr.A < 0, !dr.Normal && dr.A < 0:
			c.errs.Add(call.Pos, "%s: %s(...) draws values below 0, which %s cannot have", what, call.Func.Name, p.Key.Name+"s")
			return nil
		}
	}
	return &ir.PerSynapse{Expr: t.e, Draws: draws, Pos: p.Pos}
}

// draw checks uniform(a, b) or normal(mu, sigma) inside a per-connection
// value: two constants of one dimension, drawn anew for every connection.
func (s *scope) draw(e *dsl.Call) typed {
	c := s.c
	name := e.Func.Name
	if len(e.Args) != 2 {
		c.arity(e.Pos, name, 2, len(e.Args))
		return bad
	}
	var vals [2]float64
	var dims [2]units.Dim
	for k, a := range e.Args {
		t := s.expr(a)
		if !t.ok {
			return bad
		}
		v, isConst := ir.ConstValue(t.e)
		if !isConst {
			c.errs.Add(a.At(), "arguments of %s must be constants", name)
			return bad
		}
		vals[k], dims[k] = v, t.dim
	}
	if dims[0] != dims[1] {
		c.errs.Add(e.Pos, "arguments of %s differ in units: %s and %s", name, desc(dims[0]), desc(dims[1]))
		return bad
	}
	dr := ir.Draw{Normal: name == "normal", A: vals[0], B: vals[1]}
	switch {
	case dr.Normal && dr.B < 0:
		c.errs.Add(e.Args[1].At(), "standard deviation of normal must not be negative")
		return bad
	case !dr.Normal && dr.A > dr.B:
		c.errs.Add(e.Pos, "uniform(a, b) needs a <= b")
		return bad
	}
	*s.draws = append(*s.draws, dr)
	return good(&ir.Var{Name: fmt.Sprintf("r%d", len(*s.draws)-1)}, dims[0])
}
