package codegen

// The population step: reading states, the update, writing back, the
// spike test.

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/einetc/einetc/ir"
)

// body emits the statements of one neuron's update: read the states, compute
// the locals, compute the new values, and (later) write them back.
func (g *gen) body(stmts []*ir.Stmt, v *env, states []*ir.State, idx jen.Code) (read, compute []jen.Code, newName map[*ir.State]string) {
	for _, st := range states {
		read = append(read, g.readState(v, st, idx))
	}
	ln := newNamer()
	newName = map[*ir.State]string{}
	for _, s := range stmts {
		if s.Src != "" {
			compute = append(compute, jen.Comment(s.Src))
		}
		if s.Local != nil {
			id := ln.name("l_" + goIdent(s.Local.Name))
			v.locals[s.Local] = id
			if f, ok := g.tabField[s]; ok {
				compute = append(compute, jen.Id(id).Op(":=").Id("m").Dot(f).Dot("At").Call(jen.Lit(g.tabIdx[s]), jen.Id(v.tableV)))
				continue
			}
			compute = append(compute, jen.Id(id).Op(":=").Add(v.typed(s.Value)))
			continue
		}
		id := ln.name("n_" + g.stateField[s.State])
		newName[s.State] = id
		compute = append(compute, jen.Id(id).Op(":=").Add(v.typed(s.Value)))
	}
	return read, compute, newName
}

func (g *gen) writeBack(v *env, stmts []*ir.Stmt, newName map[*ir.State]string, idx jen.Code) []jen.Code {
	var out []jen.Code
	for _, s := range stmts {
		if s.State != nil {
			out = append(out, jen.Id("a_"+g.stateField[s.State]).Index(idx).Op("=").Add(g.stored(v, s.State, jen.Id(newName[s.State]))))
		}
	}
	return out
}

// chunked slices a state array to the chunk [lo, hi) with length n, so the
// compiler can drop bounds checks in a loop over i < n.
func chunked(field string) jen.Code {
	return jen.Id("m").Dot(field).Index(jen.Id("lo").Op(":").Id("hi")).Index(jen.Op(":").Id("n"))
}

// whole slices a state array to its full length size.
func whole(size *jen.Statement) func(string) jen.Code {
	return func(field string) jen.Code { return jen.Id("m").Dot(field).Index(jen.Op(":").Add(size.Clone())) }
}

// popStep emits the fused update loop of a population over its neurons in
// [lo, hi), which appends the network-wide indices of the neurons that
// spike to spikes.
func (g *gen) popStep(pop *ir.Population) {
	name := g.stepFn[pop]
	g.f.Commentf("%s advances the neurons [lo, hi) of population %s (%s[%d]) by one step", name, pop.Name, pop.Type, pop.Size)
	g.f.Comment("and appends those that spike to spikes.")
	fn := g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id(name).Params(jen.Id("w").Int(), jen.Id("spikes").Index().Int32(), jen.List(jen.Id("lo"), jen.Id("hi")).Int()).Index().Int32()
	if pop.Kind == ir.PoissonPop {
		fn.Block(
			jen.Id("prob").Op(":=").Id("m").Dot("P").Dot(g.paramField[pop.Rate]).Op("*").Id("m").Dot("P").Dot("Dt"),
			jen.Id("seed").Op(",").Id("step").Op(":=").Id("m").Dot("P").Dot("Seed").Op(",").Uint64().Call(jen.Id("m").Dot("step")),
			jen.For(jen.Id("i").Op(":=").Id("lo"), jen.Id("i").Op("<").Id("hi"), jen.Id("i").Op("++")).Block(
				jen.If(jen.Qual(rtPath, "Uniform").Call(jen.Id("seed"), jen.Lit(streamID(streamPoisson, popIndex(g.m, pop))), jen.Uint64().Call(jen.Id("i")), jen.Id("step")).Op("<").Id("prob")).Block(
					push(jen.Id("i").Op("+").Add(g.popOffset(pop))))),
			jen.Return(jen.Id("spikes")))
		return
	}
	if p, vector := g.blocked(pop); p != nil {
		hook := "simd" + exported(name)
		if vector {
			g.f.Commentf("%s is %s in the SIMD build (%s), when the CPU has AVX2 or AVX-512.", hook, name, g.simdName)
			g.f.Var().Id(hook).Func().Params(jen.Op("*").Id("Model"), jen.Int(), jen.Index().Int32(), jen.Int(), jen.Int()).Index().Int32()
		}
		body, v, states := g.popPrelude(pop, !g.f32)
		if vector {
			body = append([]jen.Code{jen.If(jen.Id(hook).Op("!=").Nil()).Block(jen.Return(jen.Id(hook).Call(jen.Id("m"), jen.Id("w"), jen.Id("spikes"), jen.Id("lo"), jen.Id("hi"))))}, body...)
		}
		loop := g.blockedLoop(pop, p, v, pop.Update, states, 0)
		fn.Block(append(append(append(body, v.conversions32()...), loop...), jen.Return(jen.Id("spikes")))...)
		if vector {
			g.simdPop(pop, p, name, hook)
		}
		return
	}
	body, v, states := g.popPrelude(pop, false)
	thr := pop.Spike.Threshold != nil || pop.Spike.PerNeuron != nil
	read, compute, newName := g.body(pop.Update, v, states, jen.Id("i"))
	// Every 64 neurons, so that a preemption in the loop slows at most 64
	// of them (runtime.ClearUpper; nothing outside the SIMD build).
	loop := []jen.Code{jen.If(jen.Id("i").Op("&").Lit(63).Op("==").Lit(0)).Block(jen.Qual(rtPath, "ClearUpper").Call())}
	loop = append(append(append(loop, read...), compute...), g.hold(pop, v, newName)...)
	loop = append(loop, g.finiteCheck(pop, v, newName)...)
	loop = append(loop, g.writeBack(v, pop.Update, newName, jen.Id("i"))...)
	if thr {
		loop = append(loop, g.spikeTest(pop, v, newName)...)
	}
	fn.Block(append(append(body, v.conversions32()...),
		jen.For(jen.Id("i").Op(":=").Range().Id("n")).Block(loop...),
		jen.Return(jen.Id("spikes")))...)
}

// blocked returns the plan of a population whose update runs in blocks
// (blockedLoop), and whether every phase of it may run as vectors (the
// SIMD build's hook); nil if the update runs as one plain loop. The plans
// are made once per generation, by planPops.
func (g *gen) blocked(pop *ir.Population) (p *plan, vector bool) {
	b := g.plans[pop]
	return b.p, b.vector
}

// blockedPlan is a population's blocked plan and whether it is a vector one.
type blockedPlan struct {
	p      *plan
	vector bool
}

// planPops makes the plan of each population's update once (planBlocked
// and the checks of planPop), before anything reads it: the step
// functions, Model's fields, blockBuf and New all ask (anyBlocked,
// blocked). It needs g.stdMath set.
func (g *gen) planPops() {
	g.plans = map[*ir.Population]blockedPlan{}
	for _, pop := range g.m.Pops {
		p, vector := g.planPop(pop)
		g.plans[pop] = blockedPlan{p, vector}
	}
}

// planPop returns the plan of a population whose update runs in blocks,
// and whether every phase of it may run as vectors; nil if the update
// runs as one plain loop.
//
// Without a reset or a REFRACTORY hold every phase may run as vectors.
// With either, if they are simple, the hold and the reset are applied in the
// last, scalar phase, as the scalar loop applies them: the exponentials
// still run in blocks (runtime.ExpSlice, the scalar Exp's bits), which was
// 40 % of a COBA LIF step as one Exp call per neuron. No SIMD hook then:
// the vector phases do not apply holds.
func (g *gen) planPop(pop *ir.Population) (p *plan, vector bool) {
	if pop.Kind == ir.PoissonPop || g.stdMath || pop.Spike.PerNeuron != nil {
		return nil, false
	}
	if p = planBlocked(pop.Update); p == nil {
		return nil, false
	}
	vector = len(pop.OnSpike) == 0 && len(pop.Hold) == 0
	if vector || simpleStmts(p, pop.Hold) && simpleStmts(p, pop.OnSpike) {
		return p, vector
	}
	return nil, false
}

// anyBlocked reports whether some population's update runs in blocks: the
// model then has block arrays (blockBuf).
func (g *gen) anyBlocked() bool {
	for _, b := range g.plans {
		if b.p != nil {
			return true
		}
	}
	return false
}

// paramRegs is how many parameters the scalar (portable) form of a
// blocked update copies into locals; one that reads more reads them
// through pp := &m.P in its loops instead (popPrelude's viaPtr). Copied,
// COBAHH's fifteen parameters took most of the 16 float registers for the
// whole function, and the compiler spilled and reloaded the neuron's
// temporaries around them (35 spills and 39 reloads in stepP); read
// through the pointer, each use is a load folded into its arithmetic
// instruction (16 spills, 9 reloads): portable step −6.6 %, einet's −2.6 %
// (docs/performance.md). With COBA LIF's seven the copies were faster
// (+2.5 % through the pointer), hence the threshold. The same values, so
// the same bits. The vector forms keep the copies (they broadcast them
// once), and so do float32 updates (their parameters are float32 copies).
const paramRegs = 8

// popPrelude emits the start of a population update: n, check, the hoisted
// parameters (with viaPtr, more than paramRegs are read through pp := &m.P
// instead), state slices and per-step values, and the refractory state.
// It returns them with the environment and the states the update reads.
func (g *gen) popPrelude(pop *ir.Population, viaPtr bool) ([]jen.Code, *env, []*ir.State) {
	extra := []ir.Expr{&ir.StateRef{S: pop.V}}
	if pop.Spike.Threshold != nil {
		extra = append(extra, &ir.ParamRef{P: pop.Spike.Threshold})
	}
	if pop.Spike.PerNeuron != nil {
		extra = append(extra, &ir.StateRef{S: pop.Spike.PerNeuron})
	}
	if _, ok := g.lastField[pop]; ok {
		extra = append(extra, &ir.Var{Name: "dt"}) // the refractory period in steps
	}
	for _, s := range append(append([]*ir.Stmt(nil), pop.Hold...), pop.OnSpike...) {
		extra = append(extra, s.Value)
		if s.State != nil {
			extra = append(extra, &ir.StateRef{S: s.State})
		}
	}
	pre, v, states := g.hoist(pop.PerStep, pop.Update, extra, chunked, viaPtr)
	v.tableV = v.states[pop.V]
	if g.f32 {
		v.to32()
	}
	body := []jen.Code{jen.Id("n").Op(":=").Id("hi").Op("-").Id("lo"), jen.Id("check").Op(":=").Id("m").Dot("check")}
	body = append(body, pre...)
	if last, ok := g.lastField[pop]; ok {
		body = append(body,
			jen.Id("last").Op(":=").Add(chunked(last)),
			jen.Id("refr").Op(":=").Int().Call(jen.Qual("math", "Round").Call(jen.Id("m").Dot("P").Dot(g.paramField[pop.Spike.Refractory]).Op("/").Id("dt"))))
	}
	return body, v, states
}

// simdPop emits the SIMD forms of a blocked population update into the
// SIMD file and the init that installs in hook the widest the CPU allows:
// in float64 on eight lanes (runtime.SIMD512) or four (runtime.SIMD), in
// float32 on sixteen or eight.
func (g *gen) simdPop(pop *ir.Population, p *plan, name, hook string) {
	if g.simd == nil {
		g.simd = g.newFile()
		g.simd.ImportAlias(rtPath, "einrt")
		g.simd.ImportName(simdPath, "archsimd")
	}
	type width struct {
		fn    string
		lanes int
		what  string
	}
	v8, v4 := g.simd8Fn[pop], g.simdFn[pop]
	install := func(fn string) jen.Code { return jen.Id(hook).Op("=").Parens(jen.Op("*").Id("Model")).Dot(fn) }
	widths := []width{{v8, 8, "eight neurons at a time (archsimd, AVX-512)"}, {v4, 4, "four neurons at a time (archsimd, AVX2)"}}
	init := jen.If(jen.Qual(rtPath, "SIMD512").Call()).Block(install(v8)).Else().If(jen.Qual(rtPath, "SIMD").Call()).Block(install(v4))
	if g.f32 {
		widths = []width{{v8, 16, "sixteen neurons at a time (archsimd, AVX-512, float32)"}, {v4, 8, "eight neurons at a time (archsimd, AVX2, float32)"}}
	}
	g.simd.Func().Id("init").Params().Block(init)
	for _, w := range widths {
		body, v, states := g.popPrelude(pop, false)
		loop := g.blockedLoop(pop, p, v, pop.Update, states, w.lanes)
		body = append(append(body, v.conversions32()...), loop...)
		body = append(body, jen.Qual(simdPath, "ClearAVXUpperBits").Call().Comment("for the scalar code that follows"))
		g.simd.Commentf("%s is %s with its phases on %s.", w.fn, name, w.what)
		g.simd.Func().Params(jen.Id("m").Op("*").Id("Model")).Id(w.fn).Params(jen.Id("w").Int(), jen.Id("spikes").Index().Int32(), jen.List(jen.Id("lo"), jen.Id("hi")).Int()).Index().Int32().Block(
			append(body, jen.Return(jen.Id("spikes")))...)
	}
}

// spikeTest emits the threshold rule: crossing is braincell's
// v_old <= θ <= v_new; above is Brian2's v_new > θ; a refractory period
// suppresses spikes for round(refractory/dt) steps after each spike.
func (g *gen) spikeTest(pop *ir.Population, v *env, newName map[*ir.State]string) []jen.Code {
	old, nw := jen.Id(v.states[pop.V]), jen.Id(newName[pop.V])
	var th *jen.Statement
	if s := pop.Spike.PerNeuron; s != nil {
		th = jen.Id(v.states[s]) // read at the top of the loop (popPrelude's extra)
	} else {
		th = v.id(v.params[pop.Spike.Threshold])
	}
	var cond *jen.Statement
	if pop.Spike.Crossing {
		cond = old.Op("<=").Add(th.Clone()).Op("&&").Add(nw).Op(">=").Add(th.Clone())
	} else {
		cond = nw.Op(">").Add(th)
	}
	return g.fire(pop, v, newName, cond)
}

// fire emits the spike of neuron i where cond holds (nil: the threshold
// test has been made): with a refractory period also where the period
// since the last spike has passed, then the reset.
func (g *gen) fire(pop *ir.Population, v *env, newName map[*ir.State]string, cond *jen.Statement) []jen.Code {
	add := push(jen.Id("lo").Op("+").Id("i").Op("+").Add(g.popOffset(pop)))
	src := jen.Comment(fmt.Sprintf("spike rule of %s (%s)", pop.Type, pop.Pos))
	reset := g.onSpike(pop, v, newName)
	if _, ok := g.lastField[pop]; ok {
		// hold has declared since (last[i] is not written in between, so the
		// spike test reads the same value).
		since := jen.Id("since")
		if len(pop.Hold) == 0 {
			since = sinceSpike(jen.Id("i"))
		}
		ready := since.Op(">=").Id("refr")
		if cond == nil {
			cond = ready
		} else {
			cond = cond.Op("&&").Add(ready)
		}
		return []jen.Code{src, jen.If(cond).Block(append([]jen.Code{add, jen.Id("last").Index(jen.Id("i")).Op("=").Int32().Call(jen.Id("m").Dot("step"))}, reset...)...)}
	}
	if cond == nil {
		return append([]jen.Code{src, add}, reset...)
	}
	return []jen.Code{src, jen.If(cond).Block(append([]jen.Code{add}, reset...)...)}
}

// hold emits the REFRACTORY rule: while a neuron is refractory (fewer than
// round(refractory/dt) steps since its last spike), the new value of each
// held state is its old value (frozen) or its clamp value.
func (g *gen) hold(pop *ir.Population, v *env, newName map[*ir.State]string) []jen.Code {
	if len(pop.Hold) == 0 {
		return nil
	}
	body := g.assignSeq(pop.Hold, v, newName, "h_")
	return []jen.Code{
		jen.Id("since").Op(":=").Add(sinceSpike(jen.Id("i"))),
		jen.If(jen.Id("since").Op("<").Id("refr")).Block(body...),
	}
}

// sinceSpike is the number of steps since neuron i last spiked, from last[i]
// (the scalar loops, i a neuron; the vector spike rule, i + l a lane's).
func sinceSpike(i *jen.Statement) *jen.Statement {
	return jen.Id("m").Dot("step").Op("-").Int().Call(jen.Id("last").Index(i))
}

// onSpike emits the reset and ON_SPIKE of a spiking neuron: each
// assignment updates the state's new value, which later ones read, and
// the values are stored once more (the update has written them already).
func (g *gen) onSpike(pop *ir.Population, v *env, newName map[*ir.State]string) []jen.Code {
	if len(pop.OnSpike) == 0 {
		return nil
	}
	rv := *v
	rv.states = map[*ir.State]string{}
	for st, id := range v.states {
		rv.states[st] = id
	}
	for st, id := range newName {
		rv.states[st] = id
	}
	out := g.assignSeq(pop.OnSpike, &rv, newName, "r_")
	done := map[*ir.State]bool{}
	for _, s := range pop.OnSpike {
		if s.State != nil && !done[s.State] {
			done[s.State] = true
			out = append(out, jen.Id("a_"+g.stateField[s.State]).Index(jen.Id("i")).Op("=").Add(g.stored(v, s.State, jen.Id(newName[s.State]))))
		}
	}
	return out
}

// assignSeq emits stmts as assignments to the states' new values, with
// their locals (split parts of deep values) named prefix+name.
func (g *gen) assignSeq(stmts []*ir.Stmt, v *env, newName map[*ir.State]string, prefix string) []jen.Code {
	var out []jen.Code
	ln := newNamer()
	for _, s := range stmts {
		if s.Src != "" {
			out = append(out, jen.Comment(s.Src))
		}
		if s.Local != nil {
			id := ln.name(prefix + goIdent(s.Local.Name))
			v.locals[s.Local] = id
			out = append(out, jen.Id(id).Op(":=").Add(v.typed(s.Value)))
			continue
		}
		out = append(out, jen.Id(newName[s.State]).Op("=").Add(v.num(s.Value)))
	}
	return out
}

func popIndex(m *ir.Module, pop *ir.Population) int {
	for i, p := range m.Pops {
		if p == pop {
			return i + 1
		}
	}
	return 0
}

// push appends a neuron index to spikes by reslicing within its capacity
// (the network size, reserved by the spike ring), which cannot allocate;
// append could, as far as the compiler can prove.
func push(neuron jen.Code) jen.Code {
	return jen.Block(
		jen.Id("n").Op(":=").Len(jen.Id("spikes")),
		jen.Id("spikes").Op("=").Id("spikes").Index(jen.Op(":").Id("n").Op("+").Lit(1)),
		jen.Id("spikes").Index(jen.Id("n")).Op("=").Int32().Call(neuron),
	)
}

// simpleStmts reports whether every statement of a hold or reset sets a
// state from states, parameters and constants only (no locals, no calls),
// so that the blocked plan's last phase can apply them.
func simpleStmts(p *plan, stmts []*ir.Stmt) bool {
	ok := true
	for _, s := range stmts {
		if s.State == nil {
			return false
		}
		p.walk(s.Value, func(e ir.Expr) {
			switch e.(type) {
			case *ir.LocalRef, *ir.Call:
				ok = false
			}
		})
	}
	return ok
}
