package check

import (
	"strings"

	"github.com/einetc/einetc/runtime/units"

	"github.com/einetc/einetc/ir"
)

// finalizePop completes a neuron population once all projections onto it are
// known: it assembles the membrane equation, applies the solver and resolves
// steady-state initial values.
func (c *checker) finalizePop(pb *popBuild) {
	pop := pb.pop
	var odes []*ir.ODE
	if pb.cap != nil || pb.vRHS != nil {
		odes = append(odes, c.membrane(pb))
	}
	lets := ionLets(pb)
	for _, mi := range pb.insts {
		for _, l := range mi.scope.locals {
			lets = append(lets, &ir.Stmt{Local: l, Value: l.Value, Src: cite(l.Pos, "DEFINE "+l.Name)})
		}
		group := ""
		if mi.implicit {
			group = mi.decl.Name.Name
			if p := strings.TrimSuffix(mi.scope.prefix, "."); p != "" {
				group = p
			}
		}
		for _, st := range mi.states {
			if r, ok := mi.odes[st]; ok {
				odes = append(odes, &ir.ODE{X: st, F: r.f, Pos: r.pos, Src: r.src, First: pb.isConc(st), Implicit: group, Euler: mi.euler})
			}
		}
	}
	// Synaptic outputs may read their synapse's definitions (Exp2's factor).
	for _, st := range pb.syn {
		for _, l := range st.inst.scope.locals {
			lets = append(lets, &ir.Stmt{Local: l, Value: l.Value, Src: cite(l.Pos, "DEFINE "+st.proj.Name+"."+lastPart(l.Name))})
		}
	}
	if ir.NeedsLinear(pop.Solver) && !c.checkLinear(pop.Solver, odes) {
		return
	}
	var inputs []*ir.ODE
	if pop.Solver == ir.Exact {
		for _, st := range pb.syn {
			inputs = append(inputs, synODEs(st)...)
		}
		if probs := ir.ExactProblems(odes, inputs); len(probs) > 0 {
			for _, p := range probs {
				c.errs.Add(p.Pos, "%s", p.Msg)
			}
			return
		}
	}
	c.resolveSteady(pop.States, odes)
	c.initOrder(pop.States)
	if pop.Solver == ir.Exact {
		pop.PerStep, pop.Update = ir.LowerExact(lets, odes, inputs)
		return
	}
	pop.PerStep, pop.Update = ir.Lower(pop.Solver, lets, odes)
}

// synODEs are the ODEs of a projection's synapse states.
func synODEs(st synTerm) []*ir.ODE {
	var odes []*ir.ODE
	for _, s := range st.proj.States {
		if r, ok := st.inst.odes[s]; ok {
			odes = append(odes, &ir.ODE{X: s, F: r.f, Pos: r.pos, Src: r.src})
		}
	}
	return odes
}

// neuronLinStep is NEURON's 0.001 mV, in internal units: the step of the
// finite-difference conductance of a current not linear in v under
// neuron_fixed.
var neuronLinStep = func() float64 {
	x, err := units.ConvertLiteral("0.001", units.MustParse("mV"))
	if err != nil {
		panic(err)
	}
	return x
}()

// membrane builds C dv/dt = Σ channel currents + Σ synaptic currents + I_ext.
func (c *checker) membrane(pb *popBuild) *ir.ODE {
	var sum ir.Expr = ir.Num(0)
	var terms []ir.LinTerm
	for _, cu := range pb.pop.Currents {
		sum = ir.Add(sum, cu.Value)
		terms = append(terms, ir.LinTerm{E: cu.Value, Pos: cu.Pos, What: "current " + cu.Name, Div: pb.cap})
	}
	for _, st := range pb.syn {
		sum = ir.Add(sum, st.term)
		terms = append(terms, ir.LinTerm{E: st.term, Pos: st.proj.Pos, What: "the synaptic current of projection " + st.proj.Name, Div: pb.cap})
	}
	if pb.pop.IExt != nil {
		sum = ir.Add(sum, &ir.StateRef{S: pb.pop.IExt})
	}
	if pb.vRHS == nil {
		return &ir.ODE{X: pb.pop.V, F: ir.Div(sum, pb.cap), Pos: pb.decl.Pos, Terms: terms, LinStep: neuronLinStep,
			Src: cite(pb.decl.Pos, "C dv/dt = Σ currents (NEURON "+pb.decl.Name.Name+")")}
	}
	// v' = rhs + Σ currents / C: the currents need the capacitance.
	o := &ir.ODE{X: pb.pop.V, F: pb.vRHS, Pos: pb.vPos, Src: pb.vSrc}
	if len(terms) == 0 && pb.pop.IExt == nil {
		return o
	}
	if pb.cap == nil {
		for _, t := range terms {
			c.errs.Add(t.Pos, "%s needs the capacitance of neuron %s, which writes v' but has no C (add C = ... (pF))", t.What, pb.decl.Name.Name)
		}
		if pb.pop.IExt != nil {
			c.errs.Add(pb.pop.Inputs[0].Pos, "this INPUT needs the capacitance of neuron %s, which writes v' but has no C (add C = ... (pF))", pb.decl.Name.Name)
		}
		return o
	}
	o.Terms = append([]ir.LinTerm{{E: pb.vRHS, Pos: pb.vPos, What: "v' = ..."}}, terms...)
	o.F = ir.Add(pb.vRHS, ir.Div(sum, pb.cap))
	o.LinStep = neuronLinStep
	o.Src = cite(pb.vPos, "v' = "+pb.vText+" + Σ currents / C")
	return o
}

// resolveSteady replaces each `steady` initial value by −A/B of its ODE.
func (c *checker) resolveSteady(states []*ir.State, odes []*ir.ODE) {
	for _, st := range states {
		if st.Init == nil || st.Init.Kind != ir.InitSteady {
			continue
		}
		var found *ir.ODE
		for _, o := range odes {
			if o.X == st {
				found = o
			}
		}
		switch {
		case found == nil:
			c.errs.Add(st.Init.Pos, "%s has no equation to take the steady state of", st.Name)
		case ir.Depends(ir.Diff(found.F, st), st):
			c.errs.Add(st.Init.Pos, "steady needs %s' linear in %s", st.Name, st.Name)
		case !ir.Depends(found.F, st):
			c.errs.Add(st.Init.Pos, "%s has no steady state: %s' does not depend on %s", st.Name, st.Name, st.Name)
		default:
			st.Init = &ir.Init{Kind: ir.InitExpr, Expr: ir.SteadyState(found), Pos: st.Init.Pos}
		}
	}
}

// initOrder checks that each initial value reads only states initialised
// before it: v first, then the states in declaration order.
func (c *checker) initOrder(states []*ir.State) {
	for k, st := range states {
		if st.Init == nil || st.Init.Kind != ir.InitExpr {
			continue
		}
		for _, later := range states[k:] {
			if later.Kind == ir.Fixed {
				continue // per-neuron parameters are set before every state
			}
			if ir.DependsDeep(st.Init.Expr, later) {
				c.errs.Add(st.Init.Pos, "initial value of %s reads %s, which is not initialised yet (states are initialised in order: v, then each channel's states as declared)", st.Name, later.Name)
				break
			}
		}
	}
}

// finalizeProj applies the target population's solver to the synapse states.
func (c *checker) finalizeProj(pb *popBuild, st synTerm) {
	pr := st.proj
	var lets []*ir.Stmt
	for _, l := range st.inst.scope.locals {
		lets = append(lets, &ir.Stmt{Local: l, Value: l.Value, Src: cite(l.Pos, "DEFINE "+l.Name)})
	}
	odes := synODEs(st)
	solver := pb.pop.Solver
	if ir.NeedsLinear(solver) && !c.checkLinear(solver, odes) {
		return
	}
	c.resolveSteady(pr.States, odes)
	if solver == ir.Exact {
		// finalizePop checked these ODEs with the population's.
		pr.PerStep, pr.Update = ir.LowerExact(lets, odes, nil)
		return
	}
	pr.PerStep, pr.Update = ir.Lower(solver, lets, odes)
}
