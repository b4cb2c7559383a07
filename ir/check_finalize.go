package ir

// finalizePop completes a neuron population once all projections onto it are
// known: it assembles the membrane equation, applies the solver and resolves
// steady-state initial values.
func (c *checker) finalizePop(pb *popBuild) {
	pop := pb.pop
	var odes []*ode
	if pb.cap != nil {
		odes = append(odes, c.membrane(pb))
	}
	var lets []*Stmt
	for _, mi := range pb.insts {
		for _, l := range mi.scope.locals {
			lets = append(lets, &Stmt{Local: l, Value: l.Value, Src: cite(l.Pos, "DEFINE "+l.Name)})
		}
		for _, st := range mi.states {
			if r, ok := mi.odes[st]; ok {
				odes = append(odes, &ode{x: st, f: r.f, pos: r.pos, src: r.src})
			}
		}
	}
	// Synaptic outputs may read their synapse's definitions (Exp2's factor).
	for _, st := range pb.syn {
		for _, l := range st.inst.scope.locals {
			lets = append(lets, &Stmt{Local: l, Value: l.Value, Src: cite(l.Pos, "DEFINE "+st.proj.Name+"."+lastPart(l.Name))})
		}
	}
	if exponential(pop.Solver) && !c.checkLinear(pop.Solver, odes) {
		return
	}
	c.resolveSteady(pop.States, odes)
	c.initOrder(pop.States)
	pop.PerStep, pop.Update = optimize(prune(materialize(append(lets, integrate(pop.Solver, odes)...))))
}

// membrane builds C dv/dt = Σ channel currents + Σ synaptic currents + I_ext.
func (c *checker) membrane(pb *popBuild) *ode {
	var sum Expr = num(0)
	var terms []linTerm
	for _, cu := range pb.pop.Currents {
		sum = add(sum, cu.Value)
		terms = append(terms, linTerm{e: cu.Value, pos: cu.Pos, what: "current " + cu.Name})
	}
	for _, st := range pb.syn {
		sum = add(sum, st.term)
		terms = append(terms, linTerm{e: st.term, pos: st.proj.Pos, what: "the synaptic current of projection " + st.proj.Name})
	}
	if pb.pop.IExt != nil {
		sum = add(sum, &StateRef{S: pb.pop.IExt})
	}
	return &ode{x: pb.pop.V, f: div(sum, pb.cap), pos: pb.decl.Pos, terms: terms,
		src: cite(pb.decl.Pos, "C dv/dt = Σ currents (NEURON "+pb.decl.Name.Name+")")}
}

// resolveSteady replaces each `steady` initial value by −A/B of its ODE.
func (c *checker) resolveSteady(states []*State, odes []*ode) {
	for _, st := range states {
		if st.Init == nil || st.Init.Kind != InitSteady {
			continue
		}
		var found *ode
		for _, o := range odes {
			if o.x == st {
				found = o
			}
		}
		switch {
		case found == nil:
			c.errs.Add(st.Init.Pos, "%s has no equation to take the steady state of", st.Name)
		case depends(Diff(found.f, st), st):
			c.errs.Add(st.Init.Pos, "steady needs %s' linear in %s", st.Name, st.Name)
		case !depends(found.f, st):
			c.errs.Add(st.Init.Pos, "%s has no steady state: %s' does not depend on %s", st.Name, st.Name, st.Name)
		default:
			st.Init = &Init{Kind: InitExpr, Expr: steadyState(found), Pos: st.Init.Pos}
		}
	}
}

// initOrder checks that each initial value reads only states initialised
// before it: v first, then the states in declaration order.
func (c *checker) initOrder(states []*State) {
	for k, st := range states {
		if st.Init == nil || st.Init.Kind != InitExpr {
			continue
		}
		for _, later := range states[k:] {
			if depends(st.Init.Expr, later) {
				c.errs.Add(st.Init.Pos, "initial value of %s reads %s, which is not initialised yet (states are initialised in order: v, then each channel's states as declared)", st.Name, later.Name)
				break
			}
		}
	}
}

// finalizeProj applies the target population's solver to the synapse states.
func (c *checker) finalizeProj(pb *popBuild, st synTerm) {
	pr := st.proj
	var odes []*ode
	var lets []*Stmt
	for _, l := range st.inst.scope.locals {
		lets = append(lets, &Stmt{Local: l, Value: l.Value, Src: cite(l.Pos, "DEFINE "+l.Name)})
	}
	for _, s := range pr.States {
		if r, ok := st.inst.odes[s]; ok {
			odes = append(odes, &ode{x: s, f: r.f, pos: r.pos, src: r.src})
		}
	}
	solver := pb.pop.Solver
	if exponential(solver) && !c.checkLinear(solver, odes) {
		return
	}
	c.resolveSteady(pr.States, odes)
	pr.PerStep, pr.Update = optimize(prune(materialize(append(lets, integrate(solver, odes)...))))
}
