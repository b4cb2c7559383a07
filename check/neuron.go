package check

import (
	"math"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/runtime/units"
)

// popBuild is a neuron population under construction: the membrane equation
// still lacks the synaptic terms, which come from the projections.
type popBuild struct {
	pop        *ir.Population
	decl       *dsl.Neuron
	insts      []*mechInst
	instByName map[string]*mechInst
	insertPos  map[string]dsl.Pos
	scope      *scope    // neuron-level names: v, area, ...
	cap        ir.Expr   // total capacitance (pF)
	area       ir.Expr   // membrane area (um2), nil if not given
	iTerms     []ir.Expr // total currents (pA) entering C dv/dt
	celsius    ir.Expr
	ions       map[string]*ionBuild
	syn        []synTerm        // synaptic currents from projections onto this population
	overrides  []*dsl.Prop      // the population's values of the neuron's own parameters
	delta      []*ir.Projection // projections with output DELTA onto this population
	own        *mechInst        // the neuron's own parameters, states and equations, nil if none
	vRHS       ir.Expr          // v' = vRHS, when the neuron writes its membrane equation
	vPos       dsl.Pos
	vSrc       string
	vText      string
}

type synTerm struct {
	proj *ir.Projection
	term ir.Expr
	inst *mechInst
}

var neuronProps = []string{"area", "cm", "C", "threshold", "reset", "refractory", "solver", "celsius"}

// neuronPop instantiates neuron type n as population pop.
// overrides are the population's values for the neuron's own parameters.
func (c *checker) neuronPop(n *dsl.Neuron, pop *ir.Population, overrides []*dsl.Prop) *popBuild {
	pb := &popBuild{pop: pop, decl: n, overrides: overrides, instByName: map[string]*mechInst{}, insertPos: map[string]dsl.Pos{}, ions: map[string]*ionBuild{}}
	pop.Kind, pop.Type = ir.NeuronPop, n.Name.Name
	pop.V = &ir.State{Name: "v", Unit: "mV", Pos: n.Name.Pos, Init: &ir.Init{Kind: ir.InitExpr, Expr: ir.Num(0)}}
	pop.States = append(pop.States, pop.V)
	s := newScope(c, "")
	pb.scope = s
	s.names["v"] = &binding{dim: dimVoltage, expr: &ir.StateRef{S: pop.V}, what: "membrane potential", state: pop.V}
	props := c.propMap(n.Props, neuronProps, "NEURON "+n.Name.Name)
	c.neuronBody(pb, props)
	c.neuronIons(pb)
	c.ionWriters(pb)
	c.ionNernst(pb)
	c.neuronOwn(pb)
	if n.Own != nil { // the threshold may read the neuron's parameters
		c.threshold(pb, props["threshold"])
	}
	c.neuronInserts(pb)
	c.finishIons(pb)
	c.neuronInitial(pb)
	c.neuronSpike(pb, props["reset"])
	return pb
}

// propMap indexes properties by key, reporting unknown and repeated keys.
func (c *checker) propMap(props []*dsl.Prop, known []string, where string) map[string]*dsl.Prop {
	m := map[string]*dsl.Prop{}
	ok := map[string]bool{}
	for _, k := range known {
		ok[k] = true
	}
	for _, p := range props {
		if !ok[p.Key.Name] {
			c.unknownKey(p.Key, where, append([]string(nil), known...))
			continue
		}
		if prev, dup := m[p.Key.Name]; dup {
			c.errs.Add(p.Key.Pos, "%s set twice in %s (first at %s)", p.Key.Name, where, prev.Pos)
			continue
		}
		if p.HasBlock && p.Key.Name != "synapse" && p.Key.Name != "output" {
			c.errs.Add(p.Pos, "%s takes no { } block", p.Key.Name)
		}
		m[p.Key.Name] = p
	}
	return m
}

// quantity checks a constant property value of dimension d and registers it
// as a runtime parameter with the range b.
func (c *checker) quantity(s *scope, p *dsl.Prop, d units.Dim, name string, b bound) *ir.Param {
	t := s.expr(p.Value)
	if !t.ok {
		return nil
	}
	if t.dim != d {
		c.wantT(p.Value.At(), p.Key.Name, d, t)
		return nil
	}
	v, ok := ir.ConstValue(t.e)
	if !ok {
		c.errs.Add(p.Value.At(), "%s must be a constant", p.Key.Name)
		return nil
	}
	prm := c.newParam(name, v, d, p.Pos, b)
	prm.ModelUnit = writtenUnit(p.Value, d)
	if !c.checkParam(prm, p.Key.Name, p.Value.At()) && (math.IsNaN(v) || math.IsInf(v, 0)) {
		c.params = c.params[:len(c.params)-1]
		return nil
	}
	return prm
}

func (c *checker) neuronBody(pb *popBuild, props map[string]*dsl.Prop) {
	pop, s, n := pb.pop, pb.scope, pb.decl
	prefix := pop.Name + "."
	if p := props["area"]; p != nil {
		if prm := c.quantity(s, p, dimArea, prefix+"area", positive("a membrane area")); prm != nil {
			pb.area = &ir.ParamRef{P: prm}
		}
	}
	cm, ctot := props["cm"], props["C"]
	switch {
	case cm != nil && ctot != nil:
		c.errs.Add(ctot.Pos, "give either cm (specific capacitance) or C (total capacitance), not both")
	case cm != nil:
		if prm := c.quantity(s, cm, dimCapDens, prefix+"cm", positive("a capacitance")); prm != nil {
			if pb.area == nil {
				c.errs.Add(cm.Pos, "cm needs the membrane area (add area = ... (um2))")
			} else {
				pb.cap = ir.Mul(&ir.ParamRef{P: prm}, pb.area)
			}
		}
	case ctot != nil:
		if prm := c.quantity(s, ctot, dimCap, prefix+"C", positive("a capacitance")); prm != nil {
			pb.cap = &ir.ParamRef{P: prm}
		}
	case writesV(n):
		// v' = ... needs C only to take currents (checked in membrane).
	default:
		c.errs.Add(n.Name.Pos, "neuron %s has no capacitance (add cm = 1 (uF/cm2) with area, or C = ... (pF))", n.Name.Name)
	}
	pb.celsius = ir.Num(36)
	if p := props["celsius"]; p != nil {
		if prm := c.quantity(s, p, dimTemp, prefix+"celsius", bound{has: true, min: -273.15, rule: "absolute zero is -273.15 degC"}); prm != nil {
			pb.celsius = &ir.ParamRef{P: prm}
		}
	}
	if n.Own == nil {
		c.threshold(pb, props["threshold"])
	}
	if p := props["refractory"]; p != nil {
		if prm := c.quantity(s, p, dimTime, prefix+"refractory", nonNegative("a refractory period")); prm != nil {
			pop.Spike.Refractory = prm
		}
	}
	pop.Solver = ir.IndExpEuler
	if p := props["solver"]; p != nil {
		pop.Solver = c.solverName(p)
	}
}

var solvers = []string{ir.IndExpEuler, ir.ExpEuler, ir.Cnexp, ir.Euler, ir.RK2, ir.RK4, ir.NeuronFixed, ir.Exact}

func (c *checker) solverName(p *dsl.Prop) string {
	if n, ok := p.Value.(*dsl.Name); ok && len(n.Path.Parts) == 1 {
		if n.Path.Parts[0].Name == "linear" { // Brian2's other name for exact
			return ir.Exact
		}
		for _, s := range solvers {
			if s == n.Path.Parts[0].Name {
				return s
			}
		}
		c.errs.Add(p.Value.At(), "unknown solver %s (known: ind_exp_euler, exp_euler, cnexp, euler, rk2, rk4, neuron_fixed, exact)%s", n.Path.String(), c.suggest(n.Path.String(), solvers))
		return ir.IndExpEuler
	}
	c.errs.Add(p.Value.At(), "solver must be a name: ind_exp_euler, exp_euler, cnexp, euler, rk2, rk4, neuron_fixed or exact")
	return ir.IndExpEuler
}

func (c *checker) threshold(pb *popBuild, p *dsl.Prop) {
	if p == nil {
		c.errs.Add(pb.decl.Name.Pos, "neuron %s has no threshold (add threshold = crossing(-20 (mV)) or above(...))", pb.decl.Name.Name)
		return
	}
	call, ok := p.Value.(*dsl.Call)
	if !ok || (call.Func.Name != "crossing" && call.Func.Name != "above") {
		c.errs.Add(p.Value.At(), "threshold must be crossing(θ) (upward crossing, braincell) or above(θ) (v > θ, Brian2)")
		return
	}
	if len(call.Args) != 1 {
		c.arity(call.Pos, call.Func.Name, 1, len(call.Args))
		return
	}
	t := pb.neuronScope().expr(call.Args[0])
	if !t.ok {
		return
	}
	if prm, ok := t.e.(*ir.ParamRef); ok && t.dim == dimVoltage { // above(v_th): the parameter itself
		pb.pop.Spike.Crossing = call.Func.Name == "crossing"
		pb.pop.Spike.Threshold = prm.P
		return
	}
	if ref, ok := t.e.(*ir.StateRef); ok && ref.S.Kind == ir.Fixed && t.dim == dimVoltage { // v_th drawn per neuron
		pb.pop.Spike.Crossing = call.Func.Name == "crossing"
		pb.pop.Spike.PerNeuron = ref.S
		return
	}
	v, isConst := ir.ConstValue(t.e)
	switch {
	case t.dim != dimVoltage:
		c.wantT(call.Args[0].At(), "threshold", dimVoltage, t)
	case !isConst:
		c.errs.Add(call.Args[0].At(), "threshold must be a constant, one value for the population")
	case !c.finite(call.Args[0].At(), "threshold", v):
	default:
		pb.pop.Spike.Crossing = call.Func.Name == "crossing"
		pb.pop.Spike.Threshold = c.newParam(pb.pop.Name+".threshold", v, dimVoltage, p.Pos, anyValue)
		pb.pop.Spike.Threshold.ModelUnit = writtenUnit(call.Args[0], dimVoltage)
	}
}

func (c *checker) neuronInserts(pb *popBuild) {
	for _, ins := range pb.decl.Inserts {
		m, ok := c.mechs[ins.Mech.Name]
		if !ok {
			c.unknownDecl(ins.Mech, "channel", c.mechNames(dsl.Channel))
			continue
		}
		if m.Kind != dsl.Channel {
			c.errs.Add(ins.Mech.Pos, "%s is a SYNAPSE; INSERT takes a CHANNEL (synapses belong in a PROJECTION)", ins.Mech.Name)
			continue
		}
		name := ins.Mech.Name
		if ins.Alias != nil {
			name = ins.Alias.Name
		}
		if prev, dup := pb.insertPos[name]; dup {
			c.errs.Add(ins.Pos, "%s inserted twice (first at %s); use INSERT %s AS other_name", name, prev, ins.Mech.Name)
			continue
		}
		if ins.Alias != nil && reserved(ins.Alias.Name) {
			c.reservedName(*ins.Alias)
			continue
		}
		pb.insertPos[name] = ins.Pos
		env := &mechEnv{inst: name, paramPath: pb.pop.Name + "." + name + ".", v: &ir.StateRef{S: pb.pop.V},
			celsius: pb.celsius, ions: pb.ions, ionPos: ins.Mech.Pos, host: "neuron " + pb.decl.Name.Name,
			overrides: ins.Props, statePath: name + "."}
		mi := c.instantiate(m, env)
		pb.insts = append(pb.insts, mi)
		pb.instByName[name] = mi
		pb.pop.States = append(append(pb.pop.States, mi.perNeuron...), mi.states...)
		c.addCurrents(pb, name, mi, ins.Pos)
	}
}

func (c *checker) addCurrents(pb *popBuild, inst string, mi *mechInst, at dsl.Pos) {
	for _, cu := range mi.currents {
		e := cu.e
		name := cu.name
		if inst != "" {
			name = inst + "." + name
		}
		if cu.density {
			if pb.area == nil {
				c.errs.Add(at, "%s is a current density, so neuron %s needs an area (add area = ... (um2))", name, pb.decl.Name.Name)
				continue
			}
			e = ir.Mul(e, pb.area)
		}
		if cu.ion != nil {
			c.ionWriter(pb, inst, cu)
		}
		pb.iTerms = append(pb.iTerms, e)
		pb.pop.Currents = append(pb.pop.Currents, &ir.Current{Name: name, Value: e, Pos: cu.pos})
	}
}

// neuronInitial applies the neuron's INITIAL block: v and channel states.
func (c *checker) neuronInitial(pb *popBuild) {
	setV := false
	seen := map[string]dsl.Pos{}
	for _, a := range pb.decl.Initial {
		setV = setV || a.Target.String() == "v"
		if prev, dup := seen[a.Target.String()]; dup {
			c.errs.Add(a.Pos, "%s set twice in INITIAL (first at %s)", a.Target.String(), prev)
			continue
		}
		seen[a.Target.String()] = a.Pos
		if a.Op != "=" {
			c.errs.Add(a.Pos, "INITIAL assigns with =, not %s", a.Op)
			continue
		}
		st, d, s := c.neuronTarget(pb, a.Target)
		if st == nil {
			continue
		}
		if in := c.initValue(s, a.Value, d, a.Target.String()); in != nil {
			st.Init = in
		}
	}
	if !setV {
		// There is no good default: braincell draws U(-70, -60) mV, NEURON
		// starts at -65 mV, and 0 mV would fire every neuron at once.
		c.errs.Add(pb.decl.Name.Pos, "neuron %s does not set v (add INITIAL { v = -65 (mV) })", pb.decl.Name.Name)
	}
}

func (c *checker) neuronTarget(pb *popBuild, p dsl.Path) (*ir.State, units.Dim, *scope) {
	if p.String() == "v" {
		return pb.pop.V, dimVoltage, pb.neuronScope()
	}
	if len(p.Parts) == 1 && pb.own != nil {
		if b, ok := pb.own.scope.names[p.Parts[0].Name]; ok && b.state != nil {
			return b.state, b.dim, pb.own.scope
		}
	}
	if len(p.Parts) == 2 {
		if mi, ok := pb.instByName[p.Parts[0].Name]; ok {
			if b, ok := mi.scope.names[p.Parts[1].Name]; ok && b.state != nil {
				return b.state, b.dim, mi.scope
			}
		}
	}
	c.errs.Add(p.Pos, "INITIAL of neuron %s: %s is not a state (write v, a state of the neuron or Channel.state)", pb.decl.Name.Name, p.String())
	return nil, dimless, nil
}

func (c *checker) mechNames(k dsl.MechKind) []string {
	var out []string
	for name, m := range c.mechs {
		if m.Kind == k {
			out = append(out, name)
		}
	}
	return out
}
