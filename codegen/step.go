package codegen

import (
	"fmt"
	"sort"

	"github.com/dave/jennifer/jen"

	"github.com/einetc/einetc/ir"
)

// step emits Step and work. work(w) advances worker w's chunk of every
// population: for each population, the projections onto it decay and
// receive spikes for the chunk's neurons, then the chunk's neurons
// integrate and detect spikes into the worker's buffer. Step runs work on
// every worker and concatenates the buffers in (population, worker) order,
// which is ascending neuron order whatever the number of workers.
func (g *gen) step() {
	var work []jen.Code
	work = append(work, jen.Id("buf").Op(":=").Id("m").Dot("bufs").Index(jen.Id("w")).Index(jen.Op(":").Lit(0)))
	for p, pop := range g.m.Pops {
		var blk []jen.Code
		blk = append(blk, jen.List(jen.Id("lo"), jen.Id("hi")).Op(":=").Qual(rtPath, "Chunk").Call(jen.Id("w"), jen.Id("m").Dot("nw"), jen.Lit(pop.Size)))
		for _, pr := range g.m.Projs {
			if pr.Post.Pop != pop {
				continue
			}
			// Step 0 uses the initial synaptic values as given (INITIAL is
			// the conductance at t = 0); decay starts from step 1. This is
			// Brian2's step exactly, and braincell's, whose conductances
			// start at 0.
			blk = append(blk,
				jen.If(jen.Id("m").Dot("step").Op(">").Lit(0)).Block(jen.Id("m").Dot(g.decayFn[pr]).Call(jen.Id("lo"), jen.Id("hi"))),
				jen.Id("m").Dot(g.deliverFn[pr]).Call(jen.Id("m").Dot("ring").Dot("Ago").Call(jen.Id("m").Dot(g.delayField[pr])), jen.Id("lo"), jen.Id("hi")))
		}
		blk = append(blk,
			jen.Id("buf").Op("=").Id("m").Dot(g.stepFn[pop]).Call(jen.Id("w"), jen.Id("buf"), jen.Id("lo"), jen.Id("hi")),
			jen.Id("m").Dot("segs").Index(jen.Id("w")).Index(jen.Lit(p)).Op("=").Len(jen.Id("buf")))
		work = append(work, jen.Comment("population "+pop.Name), jen.Block(blk...))
	}
	work = append(work, jen.Id("m").Dot("bufs").Index(jen.Id("w")).Op("=").Id("buf"))
	g.f.Comment("work advances worker w's share of the network by one step.")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("work").Params(jen.Id("w").Int()).Block(work...)

	g.f.Comment("Step advances the network by one time step, in braincell's order:")
	g.f.Comment("synapses decay, then receive the spikes emitted 1+delay steps ago;")
	g.f.Comment("then neurons integrate with the new synaptic values and detect spikes.")
	g.f.Comment("Step allocates nothing, and its results do not depend on SetWorkers.")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("Step").Params().Block(
		jen.If(jen.Id("m").Dot("pool").Op("!=").Nil()).Block(jen.Id("m").Dot("pool").Dot("Run").Call()).Else().Block(jen.Id("m").Dot("work").Call(jen.Lit(0))),
		jen.Id("spikes").Op(":=").Id("m").Dot("ring").Dot("Next").Call(),
		jen.For(jen.Id("p").Op(":=").Range().Lit(len(g.m.Pops))).Block(
			jen.For(jen.Id("w").Op(":=").Range().Id("m").Dot("nw")).Block(
				jen.Id("start").Op(":=").Lit(0),
				jen.If(jen.Id("p").Op(">").Lit(0)).Block(jen.Id("start").Op("=").Id("m").Dot("segs").Index(jen.Id("w")).Index(jen.Id("p").Op("-").Lit(1))),
				jen.Id("seg").Op(":=").Id("m").Dot("bufs").Index(jen.Id("w")).Index(jen.Id("start").Op(":").Id("m").Dot("segs").Index(jen.Id("w")).Index(jen.Id("p"))),
				jen.Id("n").Op(":=").Len(jen.Id("spikes")),
				jen.Id("spikes").Op("=").Id("spikes").Index(jen.Op(":").Id("n").Op("+").Len(jen.Id("seg"))),
				jen.Copy(jen.Id("spikes").Index(jen.Id("n").Op(":")), jen.Id("seg")),
			),
		),
		jen.Id("m").Dot("ring").Dot("Commit").Call(jen.Id("spikes")),
		jen.Id("m").Dot("step").Op("++"),
	)
	g.workers()
}

// workers emits SetWorkers and Close.
func (g *gen) workers() {
	npops := len(g.m.Pops)
	g.f.Comment("SetWorkers splits each step over n goroutines (n < 1 means 1), each")
	g.f.Comment("updating a contiguous chunk of every population. Spikes and states are")
	g.f.Comment("bit-identical for every n. Call Close when done with a model that has")
	g.f.Comment("more than one worker.")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("SetWorkers").Params(jen.Id("n").Int()).Block(
		jen.Id("n").Op("=").Max(jen.Id("n"), jen.Lit(1)),
		jen.Id("m").Dot("Close").Call(),
		jen.Id("m").Dot("nw").Op("=").Id("n"),
		jen.Id("m").Dot("bufs").Op("=").Make(jen.Index().Index().Int32(), jen.Id("n")),
		jen.Id("m").Dot("segs").Op("=").Make(jen.Index().Index().Int(), jen.Id("n")),
		jen.Id("m").Dot("faults").Op("=").Make(jen.Index().Id("faultRec"), jen.Id("n")),
		jen.For(jen.Id("w").Op(":=").Range().Id("n")).Block(
			jen.Id("m").Dot("bufs").Index(jen.Id("w")).Op("=").Make(jen.Index().Int32(), jen.Lit(0), jen.Id("NumNeurons")),
			jen.Id("m").Dot("segs").Index(jen.Id("w")).Op("=").Make(jen.Index().Int(), jen.Lit(npops)),
		),
		jen.If(jen.Id("n").Op(">").Lit(1)).Block(jen.Id("m").Dot("pool").Op("=").Qual(rtPath, "NewPool").Call(jen.Id("n"), jen.Id("m").Dot("work"))),
	)
	g.f.Comment("Close stops the worker goroutines started by SetWorkers; the model then")
	g.f.Comment("steps on one worker.")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("Close").Params().Block(
		jen.If(jen.Id("m").Dot("pool").Op("!=").Nil()).Block(
			jen.Id("m").Dot("pool").Dot("Close").Call(),
			jen.Id("m").Dot("pool").Op("=").Nil(),
		),
	)
}

// hoist returns the statements that copy the parameters, slices and scalars
// that stmts read into locals, followed by the per-step statements perStep,
// and the environment naming them.
func (g *gen) hoist(perStep, stmts []*ir.Stmt, extra []ir.Expr, slice func(field string) jen.Code) ([]jen.Code, *env, []*ir.State) {
	u := uses{params: map[*ir.Param]bool{}, states: map[*ir.State]bool{}, vars: map[string]bool{}}
	// One set of visited locals per loop: a local read by many statements
	// is looked into once (a chain of 4 000 definitions each read by the
	// next took seconds when each statement walked all the locals below).
	seen := map[*ir.Local]bool{}
	for _, s := range perStep {
		usesSeen(s.Value, u, seen)
	}
	seen = map[*ir.Local]bool{}
	for _, s := range stmts {
		if s.Table != nil {
			seen[s.Local] = true // looked up, not computed: not looked into
		}
	}
	for _, s := range stmts {
		if s.Table == nil { // a tabulated value is looked up, not computed
			usesSeen(s.Value, u, seen)
		}
		if s.State != nil {
			u.states[s.State] = true
		}
	}
	seen = map[*ir.Local]bool{}
	for _, e := range extra {
		usesSeen(e, u, seen)
	}
	v := newEnv()
	v.stdMath = g.stdMath
	v.vars["dt"], v.vars["t"] = "dt", "t"
	// dt and t only where the loop reads them (t is computed from dt).
	var out []jen.Code
	if u.vars["dt"] || u.vars["t"] {
		out = append(out, jen.Id("dt").Op(":=").Id("m").Dot("P").Dot("Dt"))
	}
	if u.vars["t"] {
		out = append(out, jen.Id("t").Op(":=").Float64().Call(jen.Id("m").Dot("step")).Op("*").Id("dt"))
	}
	for _, p := range sortedParams(u.params) {
		id := "p_" + goIdent(p.Name)
		v.params[p] = id
		out = append(out, jen.Id(id).Op(":=").Id("m").Dot("P").Dot(g.paramField[p]))
	}
	order := g.sortStates(u.states)
	for _, st := range order {
		out = append(out, jen.Id("a_"+g.stateField[st]).Op(":=").Add(slice(g.stateField[st])))
		v.states[st] = "s_" + g.stateField[st]
	}
	for _, s := range perStep {
		id := "k_" + goIdent(s.Local.Name)
		v.locals[s.Local], v.perStep[s.Local] = id, true
		if s.Src != "" {
			out = append(out, jen.Comment(s.Src))
		}
		out = append(out, jen.Id(id).Op(":=").Add(v.num(s.Value)))
	}
	if !g.stdMath {
		out = append(out, v.reciprocals(stmts)...)
	}
	return out, v, order
}

// reciprocals emits rX := 1 / X (rk_inv2, rp_P_tau) for every parameter or per-step local X
// that the statements divide by, and records them in v: a division per
// neuron becomes a multiplication (the quotient may differ from the
// division's in the last bit; -stdmath divides).
func (v *env) reciprocals(stmts []*ir.Stmt) []jen.Code {
	var ids []string
	for _, s := range stmts {
		if s.Table != nil {
			continue
		}
		ir.Walk(s.Value, func(e ir.Expr) {
			if b, ok := e.(*ir.Binary); ok && b.Op == "/" {
				if id := v.stepIdent(b.Y); id != "" && v.recips[id] == "" {
					v.recips[id] = "r" + id
					ids = append(ids, id)
				}
			}
		})
	}
	var out []jen.Code
	for _, id := range ids {
		out = append(out, jen.Id(v.recips[id]).Op(":=").Lit(1.0).Op("/").Id(id))
	}
	return out
}

func sortedParams(m map[*ir.Param]bool) []*ir.Param {
	var out []*ir.Param
	for p := range m {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// body emits the statements of one neuron's update: read the states, compute
// the locals, compute the new values, and (later) write them back.
func (g *gen) body(stmts []*ir.Stmt, v *env, states []*ir.State, idx jen.Code) (read, compute []jen.Code, newName map[*ir.State]string) {
	for _, st := range states {
		read = append(read, jen.Id(v.states[st]).Op(":=").Id("a_"+g.stateField[st]).Index(idx))
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
			compute = append(compute, jen.Id(id).Op(":=").Add(v.num(s.Value)))
			continue
		}
		id := ln.name("n_" + g.stateField[s.State])
		newName[s.State] = id
		compute = append(compute, jen.Id(id).Op(":=").Add(v.num(s.Value)))
	}
	return read, compute, newName
}

func (g *gen) writeBack(stmts []*ir.Stmt, newName map[*ir.State]string, idx jen.Code) []jen.Code {
	var out []jen.Code
	for _, s := range stmts {
		if s.State != nil {
			out = append(out, jen.Id("a_"+g.stateField[s.State]).Index(idx).Op("=").Id(newName[s.State]))
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
func whole(size int) func(string) jen.Code {
	return func(field string) jen.Code { return jen.Id("m").Dot(field).Index(jen.Op(":").Lit(size)) }
}

// decay emits the per-step update of a projection's synaptic states over
// the chunk [lo, hi) of the target population.
func (g *gen) decay(pr *ir.Projection) {
	name := g.decayFn[pr]
	pre, v, states := g.hoist(pr.PerStep, pr.Update, nil, chunked)
	read, compute, newName := g.body(pr.Update, v, states, jen.Id("i"))
	body := []jen.Code{
		jen.List(jen.Id("lo"), jen.Id("hi")).Op("=").Max(jen.Id("lo"), jen.Lit(pr.Post.Lo)).Op(",").Min(jen.Id("hi"), jen.Lit(pr.Post.Hi)),
		jen.If(jen.Id("lo").Op(">=").Id("hi")).Block(jen.Return()),
		jen.Id("n").Op(":=").Id("hi").Op("-").Id("lo"),
	}
	body = append(body, pre...)
	body = append(body, jen.For(jen.Id("i").Op(":=").Range().Id("n")).Block(
		append(append(read, compute...), g.writeBack(pr.Update, newName, jen.Id("i"))...)...))
	g.f.Commentf("%s advances the synaptic states of projection %s (%s) by one step,", name, pr.Name, pr.Pos)
	g.f.Comment("for the target neurons in [lo, hi).")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id(name).Params(jen.List(jen.Id("lo"), jen.Id("hi")).Int()).Block(body...)
}

// deliver emits the spike delivery of a projection to the target neurons in
// [lo, hi): for each presynaptic spike, in increasing neuron order, the
// ON_SPIKE statements run for each of its targets in the chunk, in
// increasing order. Each target's sum is therefore formed in the same order
// whatever the chunking, so the result is reproducible.
func (g *gen) deliver(pr *ir.Projection) {
	name := g.deliverFn[pr]
	post := pr.Post.Pop
	pre, v, states := g.hoist(nil, pr.OnSpike, nil, whole(post.Size))
	v.vars["w"] = "w"
	read, compute, newName := g.body(pr.OnSpike, v, states, jen.Id("k"))
	lo, hi := pr.Pre.Pop.Offset+pr.Pre.Lo, pr.Pre.Pop.Offset+pr.Pre.Hi
	body := []jen.Code{
		jen.If(jen.Id("lo").Op(">=").Lit(pr.Post.Hi).Op("||").Id("hi").Op("<=").Lit(pr.Post.Lo)).Block(jen.Return()),
		jen.Id("first").Op(":=").Int32().Call(jen.Max(jen.Id("lo").Op("-").Lit(pr.Post.Lo), jen.Lit(0))),
	}
	body = append(body, pre...)
	body = append(body,
		jen.Id("w").Op(":=").Id("m").Dot("P").Dot(g.paramField[pr.Weight]),
		jen.List(jen.Id("start"), jen.Id("_")).Op(":=").Qual("slices", "BinarySearch").Call(jen.Id("spikes"), jen.Int32().Call(jen.Lit(lo))),
		jen.Id("ptr").Op(",").Id("idx").Op(":=").Id("m").Dot(g.connField[pr]).Dot("Ptr").Op(",").Id("m").Dot(g.connField[pr]).Dot("Idx"),
		jen.For(jen.List(jen.Id("_"), jen.Id("s")).Op(":=").Range().Id("spikes").Index(jen.Id("start").Op(":"))).Block(
			jen.If(jen.Id("s").Op(">=").Lit(int32(hi))).Block(jen.Break()),
			jen.Id("i").Op(":=").Id("s").Op("-").Lit(int32(lo)),
			jen.Id("row").Op(":=").Id("idx").Index(jen.Id("ptr").Index(jen.Id("i")).Op(":").Id("ptr").Index(jen.Id("i").Op("+").Lit(1))),
			jen.Id("r0").Op(":=").Lit(0),
			jen.If(jen.Id("first").Op(">").Lit(0)).Block( // only a later worker's chunk starts inside a row
				jen.List(jen.Id("r0"), jen.Id("_")).Op("=").Qual("slices", "BinarySearch").Call(jen.Id("row"), jen.Id("first"))),
			jen.For(jen.List(jen.Id("_"), jen.Id("j")).Op(":=").Range().Id("row").Index(jen.Id("r0").Op(":"))).Block(
				append(append(append([]jen.Code{
					jen.Id("k").Op(":=").Int().Call(jen.Id("j")).Op("+").Lit(pr.Post.Lo),
					jen.If(jen.Id("k").Op(">=").Id("hi")).Block(jen.Break()),
				}, read...), compute...), g.writeBack(pr.OnSpike, newName, jen.Id("k"))...)...),
		),
	)
	g.f.Commentf("%s delivers the presynaptic spikes of projection %s (%s)", name, pr.Name, pr.Pos)
	g.f.Comment("to its targets in [lo, hi) of the target population.")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id(name).Params(jen.Id("spikes").Index().Int32(), jen.List(jen.Id("lo"), jen.Id("hi")).Int()).Block(body...)
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
					push(jen.Id("i").Op("+").Lit(pop.Offset)))),
			jen.Return(jen.Id("spikes")))
		return
	}
	if p := planBlocked(pop.Update); p != nil && !g.stdMath {
		hook := "simd" + exported(name)
		g.f.Commentf("%s is %s in the SIMD build (%s), when the CPU has AVX2.", hook, name, g.simdName)
		g.f.Var().Id(hook).Func().Params(jen.Op("*").Id("Model"), jen.Int(), jen.Index().Int32(), jen.Int(), jen.Int()).Index().Int32()
		body, v, states := g.popPrelude(pop)
		body = append([]jen.Code{jen.If(jen.Id(hook).Op("!=").Nil()).Block(jen.Return(jen.Id(hook).Call(jen.Id("m"), jen.Id("w"), jen.Id("spikes"), jen.Id("lo"), jen.Id("hi"))))}, body...)
		fn.Block(append(append(body, g.blockedLoop(pop, p, v, pop.Update, states, false)...), jen.Return(jen.Id("spikes")))...)
		g.simdPop(pop, p, name, hook)
		return
	}
	body, v, states := g.popPrelude(pop)
	thr := pop.Spike.Threshold
	read, compute, newName := g.body(pop.Update, v, states, jen.Id("i"))
	loop := append(append(read, compute...), g.finiteCheck(pop, v, newName)...)
	loop = append(loop, g.writeBack(pop.Update, newName, jen.Id("i"))...)
	if thr != nil {
		loop = append(loop, g.spikeTest(pop, v, newName)...)
	}
	fn.Block(append(body,
		jen.For(jen.Id("i").Op(":=").Range().Id("n")).Block(loop...),
		jen.Return(jen.Id("spikes")))...)
}

// popPrelude emits the start of a population update: n, check, the hoisted
// parameters, state slices and per-step values, and the refractory state.
// It returns them with the environment and the states the update reads.
func (g *gen) popPrelude(pop *ir.Population) ([]jen.Code, *env, []*ir.State) {
	extra := []ir.Expr{&ir.StateRef{S: pop.V}}
	if pop.Spike.Threshold != nil {
		extra = append(extra, &ir.ParamRef{P: pop.Spike.Threshold})
	}
	if _, ok := g.lastField[pop]; ok {
		extra = append(extra, &ir.Var{Name: "dt"}) // the refractory period in steps
	}
	pre, v, states := g.hoist(pop.PerStep, pop.Update, extra, chunked)
	v.tableV = v.states[pop.V]
	body := []jen.Code{jen.Id("n").Op(":=").Id("hi").Op("-").Id("lo"), jen.Id("check").Op(":=").Id("m").Dot("check")}
	body = append(body, pre...)
	if last, ok := g.lastField[pop]; ok {
		body = append(body,
			jen.Id("last").Op(":=").Add(chunked(last)),
			jen.Id("refr").Op(":=").Int().Call(jen.Qual("math", "Round").Call(jen.Id("m").Dot("P").Dot(g.paramField[pop.Spike.Refractory]).Op("/").Id("dt"))))
	}
	return body, v, states
}

// simdPop emits the SIMD form of a blocked population update into the SIMD
// file, and the init that installs it in hook when the CPU has AVX2.
func (g *gen) simdPop(pop *ir.Population, p *plan, name, hook string) {
	if g.simd == nil {
		g.simd = g.newFile()
		g.simd.ImportAlias(rtPath, "einrt")
		g.simd.ImportName(simdPath, "archsimd")
	}
	vname := g.simdFn[pop]
	body, v, states := g.popPrelude(pop)
	body = append(body, g.blockedLoop(pop, p, v, pop.Update, states, true)...)
	body = append(body, jen.Qual(simdPath, "ClearAVXUpperBits").Call().Comment("for the scalar code that follows"))
	g.simd.Func().Id("init").Params().Block(
		jen.If(jen.Qual(rtPath, "SIMD").Call()).Block(jen.Id(hook).Op("=").Parens(jen.Op("*").Id("Model")).Dot(vname)))
	g.simd.Commentf("%s is %s with its phases on four neurons at a time (archsimd, AVX2).", vname, name)
	g.simd.Func().Params(jen.Id("m").Op("*").Id("Model")).Id(vname).Params(jen.Id("w").Int(), jen.Id("spikes").Index().Int32(), jen.List(jen.Id("lo"), jen.Id("hi")).Int()).Index().Int32().Block(
		append(body, jen.Return(jen.Id("spikes")))...)
}

// spikeTest emits the threshold rule: crossing is braincell's
// v_old <= θ <= v_new; above is Brian2's v_new > θ; a refractory period
// suppresses spikes for round(refractory/dt) steps after each spike.
func (g *gen) spikeTest(pop *ir.Population, v *env, newName map[*ir.State]string) []jen.Code {
	old, nw, th := jen.Id(v.states[pop.V]), jen.Id(newName[pop.V]), jen.Id(v.params[pop.Spike.Threshold])
	var cond *jen.Statement
	if pop.Spike.Crossing {
		cond = old.Op("<=").Add(th.Clone()).Op("&&").Add(nw).Op(">=").Add(th.Clone())
	} else {
		cond = nw.Op(">").Add(th)
	}
	add := push(jen.Id("lo").Op("+").Id("i").Op("+").Lit(pop.Offset))
	src := jen.Comment(fmt.Sprintf("spike rule of %s (%s)", pop.Type, pop.Pos))
	if _, ok := g.lastField[pop]; ok {
		cond = cond.Op("&&").Id("m").Dot("step").Op("-").Int().Call(jen.Id("last").Index(jen.Id("i"))).Op(">=").Id("refr")
		return []jen.Code{src, jen.If(cond).Block(add, jen.Id("last").Index(jen.Id("i")).Op("=").Int32().Call(jen.Id("m").Dot("step")))}
	}
	return []jen.Code{src, jen.If(cond).Block(add)}
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

// finiteCheck emits the NaN/Inf test of a neuron's new states: x−x is 0 for
// a finite x and NaN otherwise, so one comparison of the sum covers them all.
// The rare path records the fault without allocating.
func (g *gen) finiteCheck(pop *ir.Population, v *env, newName map[*ir.State]string) []jen.Code {
	var sum *jen.Statement
	var olds, news []jen.Code
	for _, st := range pop.States {
		nn, ok := newName[st]
		if !ok {
			continue
		}
		d := jen.Parens(jen.Id(nn).Op("-").Id(nn))
		if sum == nil {
			sum = d
		} else {
			sum = sum.Op("+").Add(d)
		}
		olds = append(olds, jen.Id(v.states[st]))
		news = append(news, jen.Id(nn))
	}
	if sum == nil {
		return nil
	}
	return []jen.Code{
		jen.If(jen.Id("check").Op("&&").Add(sum).Op("!=").Lit(0)).Block(
			jen.Id("m").Dot("fault").Call(jen.Id("w"), jen.Lit(popIndex(g.m, pop)-1), jen.Id("lo").Op("+").Id("i"),
				jen.Index(jen.Lit(g.maxStates())).Float64().Values(olds...),
				jen.Index(jen.Lit(g.maxStates())).Float64().Values(news...))),
	}
}

func (g *gen) maxStates() int {
	n := 1
	for _, pop := range g.m.Pops {
		n = max(n, len(pop.States))
	}
	return n
}

// faults emits the fault record, Err and CheckFinite.
func (g *gen) faults() {
	k := g.maxStates()
	g.f.Comment("faultRec is the first non-finite state a worker found.")
	g.f.Type().Id("faultRec").Struct(
		jen.Id("set").Bool(),
		jen.List(jen.Id("step"), jen.Id("pop"), jen.Id("neuron")).Int(),
		jen.List(jen.Id("old"), jen.Id("new")).Index(jen.Lit(k)).Float64(),
	)
	var names []jen.Code
	for _, pop := range g.m.Pops {
		var sn []jen.Code
		for _, st := range pop.States {
			sn = append(sn, jen.Lit(st.Name))
		}
		names = append(names, jen.Values(sn...))
	}
	g.f.Comment("stateNames lists each population's state names, in the order of faultRec.")
	g.f.Var().Id("stateNames").Op("=").Index().Index().String().Values(names...)
	g.f.Comment("fault records a non-finite state of neuron i of population p (worker w).")
	g.f.Comment("It is kept out of line so the hot loop stays small.")
	g.f.Comment("//go:noinline")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("fault").Params(jen.List(jen.Id("w"), jen.Id("p"), jen.Id("i")).Int(), jen.List(jen.Id("old"), jen.Id("new")).Index(jen.Lit(k)).Float64()).Block(
		jen.Id("f").Op(":=").Op("&").Id("m").Dot("faults").Index(jen.Id("w")),
		jen.If(jen.Id("f").Dot("set").Op("&&").Parens(jen.Id("f").Dot("step").Op("<").Id("m").Dot("step").Op("||").Id("f").Dot("pop").Op("<").Id("p").Op("||").Parens(jen.Id("f").Dot("pop").Op("==").Id("p").Op("&&").Id("f").Dot("neuron").Op("<").Id("i")))).Block(jen.Return()),
		jen.Op("*").Id("f").Op("=").Id("faultRec").Values(jen.Lit(true), jen.Id("m").Dot("step"), jen.Id("p"), jen.Id("i"), jen.Id("old"), jen.Id("new")),
		jen.Id("m").Dot("faulted").Dot("Store").Call(jen.Lit(true)),
	)
	g.f.Comment("Err reports the first neuron whose state became NaN or infinite, as")
	g.f.Comment(`"t=12.3 ms: population E neuron 17: v is NaN after step 123 (previous v=..., m=...)",`)
	g.f.Comment("or nil. The check costs one comparison per neuron and step; CheckFinite(false)")
	g.f.Comment("turns it off.")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("Err").Params().Error().Block(
		jen.If(jen.Op("!").Id("m").Dot("faulted").Dot("Load").Call()).Block(jen.Return(jen.Nil())),
		jen.Var().Id("first").Op("*").Id("faultRec"),
		jen.For(jen.Id("w").Op(":=").Range().Id("m").Dot("faults")).Block(
			jen.Id("f").Op(":=").Op("&").Id("m").Dot("faults").Index(jen.Id("w")),
			jen.If(jen.Id("f").Dot("set").Op("&&").Parens(jen.Id("first").Op("==").Nil().Op("||").Id("f").Dot("step").Op("<").Id("first").Dot("step").Op("||").Parens(jen.Id("f").Dot("step").Op("==").Id("first").Dot("step").Op("&&").Parens(jen.Id("f").Dot("pop").Op("<").Id("first").Dot("pop").Op("||").Parens(jen.Id("f").Dot("pop").Op("==").Id("first").Dot("pop").Op("&&").Id("f").Dot("neuron").Op("<").Id("first").Dot("neuron")))))).Block(
				jen.Id("first").Op("=").Id("f")),
		),
		jen.Id("names").Op(":=").Id("stateNames").Index(jen.Id("first").Dot("pop")),
		jen.Id("bad").Op(":=").Lit(0),
		jen.For(jen.Id("k").Op(":=").Range().Id("names")).Block(
			jen.If(jen.Id("x").Op(":=").Id("first").Dot("new").Index(jen.Id("k")), jen.Id("x").Op("-").Id("x").Op("!=").Lit(0)).Block(jen.Id("bad").Op("=").Id("k"), jen.Break())),
		jen.Var().Id("prev").Index().String(),
		jen.For(jen.List(jen.Id("k"), jen.Id("name")).Op(":=").Range().Id("names")).Block(
			jen.Id("prev").Op("=").Append(jen.Id("prev"), jen.Qual("fmt", "Sprintf").Call(jen.Lit("%s=%.6g"), jen.Id("name"), jen.Id("first").Dot("old").Index(jen.Id("k"))))),
		jen.Id("x").Op(":=").Id("first").Dot("new").Index(jen.Id("bad")),
		jen.Id("bn").Op(":=").Id("names").Index(jen.Id("bad")),
		jen.Comment("A synaptic state the update read is the cause when it is not finite itself."),
		jen.List(jen.Id("sn"), jen.Id("sv")).Op(":=").Id("m").Dot("synapticAt").Call(jen.Id("first").Dot("pop"), jen.Id("first").Dot("neuron")),
		jen.Id("found").Op(":=").False(),
		jen.For(jen.List(jen.Id("k"), jen.Id("y")).Op(":=").Range().Id("sv")).Block(
			jen.Id("prev").Op("=").Append(jen.Id("prev"), jen.Qual("fmt", "Sprintf").Call(jen.Lit("%s=%.6g"), jen.Id("sn").Index(jen.Id("k")), jen.Id("y"))),
			jen.If(jen.Id("y").Op("-").Id("y").Op("!=").Lit(0).Op("&&").Op("!").Id("found")).Block(
				jen.List(jen.Id("x"), jen.Id("bn"), jen.Id("found")).Op("=").List(jen.Id("y"), jen.Id("sn").Index(jen.Id("k")), jen.True()))),
		jen.Id("what").Op(":=").Lit("NaN"),
		jen.If(jen.Qual("math", "IsInf").Call(jen.Id("x"), jen.Lit(0))).Block(jen.Id("what").Op("=").Qual("fmt", "Sprint").Call(jen.Id("x"))),
		jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit("t=%g ms: population %s neuron %d: %s is %s after step %d (previous %s)"),
			jen.Float64().Call(jen.Id("first").Dot("step").Op("+").Lit(1)).Op("*").Id("m").Dot("P").Dot("Dt"),
			jen.Id("Populations").Index(jen.Id("first").Dot("pop")).Dot("Name"), jen.Id("first").Dot("neuron"),
			jen.Id("bn"), jen.Id("what"), jen.Id("first").Dot("step"),
			jen.Qual("strings", "Join").Call(jen.Id("prev"), jen.Lit(", ")))),
	)
	g.synapticAt()
	g.f.Comment("CheckFinite turns the NaN/Inf check of every step on (the default) or off.")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("CheckFinite").Params(jen.Id("on").Bool()).Block(jen.Id("m").Dot("check").Op("=").Id("on"))
}

// synapticAt emits the method that names and reads the synaptic states of
// neuron i of population p (Populations[p]), for Err: a conductance that went
// NaN makes v NaN in the same step, and is then named as the cause.
func (g *gen) synapticAt() {
	var cases []jen.Code
	for pi, pop := range g.m.Pops {
		var names, vals []jen.Code
		for _, pr := range g.m.Projs {
			if pr.Post.Pop != pop {
				continue
			}
			for _, st := range pr.States {
				names = append(names, jen.Lit(st.Name))
				vals = append(vals, jen.Id("m").Dot(g.stateField[st]).Index(jen.Id("i")))
			}
		}
		if len(names) > 0 {
			cases = append(cases, jen.Case(jen.Lit(pi)).Block(jen.Return(jen.Index().String().Values(names...), jen.Index().Float64().Values(vals...))))
		}
	}
	g.f.Comment("synapticAt returns the names and values of the synaptic states of neuron i")
	g.f.Comment("of population p, which its update reads.")
	fn := g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("synapticAt").Params(jen.List(jen.Id("p"), jen.Id("i")).Int()).Params(jen.Index().String(), jen.Index().Float64())
	if len(cases) == 0 {
		fn.Block(jen.Return(jen.Nil(), jen.Nil()))
		return
	}
	fn.Block(jen.Switch(jen.Id("p")).Block(cases...), jen.Return(jen.Nil(), jen.Nil()))
}
