package check

// A neuron's own equations (v' = ..., its own states), and what happens at
// and after its spikes: the reset, ON_SPIKE and the REFRACTORY holds.

import (
	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/runtime/units"
)

// writesV reports whether neuron n writes its own membrane equation v' = ....
func writesV(n *dsl.Neuron) bool {
	if n.Own == nil {
		return false
	}
	for _, o := range n.Own.ODEs {
		if o.State.Name == "v" {
			return true
		}
	}
	return false
}

// neuronOwn instantiates the neuron's own PARAMETER, STATE, FUNCTION,
// DEFINE, CURRENT and ODE statements as a channel without an instance name:
// its parameters are N.name, its states name, and its currents enter the
// membrane equation as a channel's do. v' = rhs is kept for membrane.
func (c *checker) neuronOwn(pb *popBuild) {
	n := pb.decl
	if n.Own == nil {
		return
	}
	m := *n.Own
	m.ODEs = nil
	var vODEs []*dsl.ODE
	for _, o := range n.Own.ODEs {
		if o.State.Name == "v" {
			vODEs = append(vODEs, o)
		} else {
			m.ODEs = append(m.ODEs, o)
		}
	}
	c.ownNames(&m)
	env := &mechEnv{inst: "", paramPath: pb.pop.Name + ".", v: &ir.StateRef{S: pb.pop.V}, overrides: pb.overrides,
		celsius: pb.celsius, ions: pb.ions, ionPos: n.Name.Pos, host: "neuron " + n.Name.Name}
	env.builtins = map[string]*binding{}
	if pb.cap != nil {
		env.builtins["C"] = &binding{dim: dimCap, expr: pb.cap, what: "the neuron's capacitance"}
	}
	if pb.area != nil {
		env.builtins["area"] = &binding{dim: dimArea, expr: pb.area, what: "the neuron's area"}
	}
	mi := c.instantiate(&m, env)
	pb.own = mi
	pb.insts = append(pb.insts, mi) // its definitions and ODEs, with the channels'
	pb.pop.States = append(append(pb.pop.States, mi.perNeuron...), mi.states...)
	c.addCurrents(pb, "", mi, n.Name.Pos)
	for i, o := range vODEs {
		if i > 0 {
			c.errs.Add(o.Pos, "second equation for v' (first at %s)", vODEs[0].Pos)
			continue
		}
		t := mi.scope.expr(o.RHS)
		if !t.ok {
			continue
		}
		if want := dimVoltage.Div(dimTime); t.dim != want {
			c.wantT(o.RHS.At(), "v' (voltage per time)", want, t)
			continue
		}
		pb.vRHS, pb.vPos = t.e, o.Pos
		pb.vText = dsl.FormatExpr(o.RHS)
		pb.vSrc = cite(o.Pos, "v' = "+pb.vText)
	}
}

// ownNames rejects neuron-level names that are the neuron's properties:
// its parameters would collide with them (N.threshold).
func (c *checker) ownNames(m *dsl.Mechanism) {
	taken := map[string]bool{}
	for _, p := range neuronProps {
		taken[p] = true
	}
	ok := func(id dsl.Ident) bool {
		if taken[id.Name] {
			c.errs.Add(id.Pos, "%s is a property of NEURON %s; give the parameter, state or definition another name", id.Name, m.Name.Name)
			return false
		}
		return true
	}
	var params []*dsl.Prop
	for _, p := range m.Params {
		if ok(p.Key) {
			params = append(params, p)
		}
	}
	var states []*dsl.StateDecl
	for _, s := range m.States {
		if ok(s.Name) {
			states = append(states, s)
		}
	}
	var defines []*dsl.Define
	for _, d := range m.Defines {
		if ok(d.Name) {
			defines = append(defines, d)
		}
	}
	m.Params, m.States, m.Defines = params, states, defines
}

// neuronScope is the scope of the neuron's INITIAL, ON_SPIKE and
// REFRACTORY values: its own names when it has any, else v alone.
func (pb *popBuild) neuronScope() *scope {
	if pb.own != nil {
		return pb.own.scope
	}
	return pb.scope
}

// spikeTarget resolves the state an ON_SPIKE or REFRACTORY entry assigns:
// v, a state of the neuron's own or Channel.state.
func (c *checker) spikeTarget(pb *popBuild, p dsl.Path, where string) (*ir.State, units.Dim) {
	if p.String() == "v" {
		return pb.pop.V, dimVoltage
	}
	if len(p.Parts) == 1 && pb.own != nil {
		if b, ok := pb.own.scope.names[p.Parts[0].Name]; ok && b.state != nil {
			return b.state, b.dim
		}
	}
	if len(p.Parts) == 2 {
		if mi, ok := pb.instByName[p.Parts[0].Name]; ok {
			if b, ok := mi.scope.names[p.Parts[1].Name]; ok && b.state != nil {
				return b.state, b.dim
			}
		}
	}
	c.errs.Add(p.Pos, "%s of neuron %s: %s is not a state (write v, a state of the neuron or Channel.state)", where, pb.decl.Name.Name, p.String())
	return nil, dimless
}

// neuronSpike checks the reset property, ON_SPIKE and REFRACTORY of the
// neuron. The reset runs first, then ON_SPIKE in order; both read the
// states' values at the end of the step, after the update.
func (c *checker) neuronSpike(pb *popBuild, reset *dsl.Prop) {
	pop, n := pb.pop, pb.decl
	s := pb.neuronScope()
	if reset != nil {
		if st := perNeuronReset(s, reset); st != nil {
			pop.OnSpike = append(pop.OnSpike, &ir.Stmt{State: pop.V, Value: &ir.StateRef{S: st}, Src: cite(reset.Pos, "reset: v = "+dsl.FormatExpr(reset.Value)+" (per neuron)")})
		} else if prm := c.resetParam(s, reset, pop.Name+".reset"); prm != nil {
			pop.OnSpike = append(pop.OnSpike, &ir.Stmt{State: pop.V, Value: &ir.ParamRef{P: prm}, Src: cite(reset.Pos, "reset: v = "+dsl.FormatExpr(reset.Value))})
		}
	}
	for _, a := range n.OnSpike {
		st, d := c.spikeTarget(pb, a.Target, "ON_SPIKE")
		if st == nil {
			continue
		}
		if st == pop.V && a.Op == "=" && reset != nil {
			c.errs.Add(a.Pos, "v is reset twice: by reset = ... (at %s) and by this v = ...; keep one", reset.Pos)
			continue
		}
		t := s.expr(a.Value)
		if !t.ok {
			continue
		}
		if e, ok := c.compound(a, &ir.StateRef{S: st}, d, t); ok {
			pop.OnSpike = append(pop.OnSpike, &ir.Stmt{State: st, Value: ir.InlineLocals(e), Src: cite(a.Pos, a.Target.String()+" "+a.Op+" "+dsl.FormatExpr(a.Value))})
		}
	}
	seen := map[*ir.State]dsl.Pos{}
	for _, h := range n.Refractory {
		if pop.Spike.Refractory == nil {
			c.errs.Add(h.Pos, "REFRACTORY holds states during the refractory period, but neuron %s has none (add refractory = ... (ms))", n.Name.Name)
			return
		}
		st, d := c.spikeTarget(pb, h.Target, "REFRACTORY")
		if st == nil {
			continue
		}
		if prev, dup := seen[st]; dup {
			c.errs.Add(h.Pos, "%s held twice in REFRACTORY (first at %s)", h.Target.String(), prev)
			continue
		}
		seen[st] = h.Pos
		if h.Value == nil {
			pop.Hold = append(pop.Hold, &ir.Stmt{State: st, Value: &ir.StateRef{S: st}, Src: cite(h.Pos, "refractory: "+h.Target.String()+" frozen")})
			continue
		}
		t := s.expr(h.Value)
		if !t.ok {
			continue
		}
		if t.dim != d {
			c.wantT(h.Value.At(), "clamp value of "+h.Target.String(), d, t)
			continue
		}
		pop.Hold = append(pop.Hold, &ir.Stmt{State: st, Value: ir.InlineLocals(t.e), Src: cite(h.Pos, "refractory: "+h.Target.String()+" = "+dsl.FormatExpr(h.Value))})
	}
}

// perNeuronReset is the Fixed state of reset = v_r when the population
// draws v_r per neuron (v_r = normal(...)), nil otherwise.
func perNeuronReset(s *scope, p *dsl.Prop) *ir.State {
	if n, ok := p.Value.(*dsl.Name); ok && len(n.Path.Parts) == 1 {
		if b, ok := s.names[n.Path.Parts[0].Name]; ok && b.param != nil && b.dim == dimVoltage {
			if ref, ok := b.expr.(*ir.StateRef); ok && ref.S.Kind == ir.Fixed {
				return ref.S
			}
		}
	}
	return nil
}

// resetParam is the parameter of reset = V: a new one, or the neuron's own
// parameter when V names one (reset = v_r), so that overriding it moves the
// reset.
func (c *checker) resetParam(s *scope, p *dsl.Prop, name string) *ir.Param {
	if n, ok := p.Value.(*dsl.Name); ok && len(n.Path.Parts) == 1 {
		if b, ok := s.names[n.Path.Parts[0].Name]; ok && b.param != nil {
			if ref, ok := b.expr.(*ir.ParamRef); ok && b.dim == dimVoltage {
				return ref.P
			}
		}
	}
	return c.quantity(s, p, dimVoltage, name, anyValue)
}
