package codegen

import (
	"fmt"
	"sort"

	"github.com/dave/jennifer/jen"

	"github.com/einetc/einetc/ir"
)

// step emits Step, which advances the network by one dt in braincell's order.
func (g *gen) step() {
	var body []jen.Code
	for _, pr := range g.m.Projs {
		body = append(body,
			jen.Id("m").Dot("decay"+exported(pr.Name)).Call(),
			jen.Id("m").Dot("deliver"+exported(pr.Name)).Call(jen.Id("m").Dot("ring").Dot("Ago").Call(jen.Id("m").Dot(g.delayField[pr]))))
	}
	body = append(body, jen.Id("spikes").Op(":=").Id("m").Dot("ring").Dot("Next").Call())
	for _, pop := range g.m.Pops {
		body = append(body, jen.Id("spikes").Op("=").Id("m").Dot("step"+exported(pop.Name)).Call(jen.Id("spikes")))
	}
	body = append(body, jen.Id("m").Dot("ring").Dot("Commit").Call(jen.Id("spikes")), jen.Id("m").Dot("step").Op("++"))
	g.f.Comment("Step advances the network by one time step, in braincell's order:")
	g.f.Comment("each projection's synapses decay, then receive the spikes emitted")
	g.f.Comment("1+delay steps ago; then every population integrates with the new")
	g.f.Comment("synaptic values and detects its spikes. Step allocates nothing.")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("Step").Params().Block(body...)
}

// hoist returns the statements that copy the parameters, slices and scalars
// that stmts read into locals, and the environment naming them.
func (g *gen) hoist(stmts []*ir.Stmt, extra []ir.Expr, n jen.Code) ([]jen.Code, *env, []*ir.State) {
	params, states := map[*ir.Param]bool{}, map[*ir.State]bool{}
	for _, s := range stmts {
		uses(s.Value, params, states)
		if s.State != nil {
			states[s.State] = true
		}
	}
	for _, e := range extra {
		uses(e, params, states)
	}
	v := newEnv()
	v.vars["dt"], v.vars["t"] = "dt", "t"
	out := []jen.Code{
		jen.Id("dt").Op(":=").Id("m").Dot("P").Dot("Dt"),
		jen.Id("t").Op(":=").Float64().Call(jen.Id("m").Dot("step")).Op("*").Id("dt"),
		jen.Id("_").Op(",").Id("_").Op("=").Id("dt").Op(",").Id("t"),
	}
	for _, p := range sortedParams(params) {
		id := "p_" + goIdent(p.Name)
		v.params[p] = id
		out = append(out, jen.Id(id).Op(":=").Id("m").Dot("P").Dot(g.paramField[p]))
	}
	var order []*ir.State
	for st := range states {
		order = append(order, st)
	}
	sort.Slice(order, func(i, j int) bool { return g.stateField[order[i]] < g.stateField[order[j]] })
	for _, st := range order {
		out = append(out, jen.Id("a_"+g.stateField[st]).Op(":=").Id("m").Dot(g.stateField[st]).Index(jen.Op(":").Add(n)))
		v.states[st] = "s_" + g.stateField[st]
	}
	return out, v, order
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

// decay emits the per-step update of a projection's synaptic states.
func (g *gen) decay(pr *ir.Projection) {
	name := "decay" + exported(pr.Name)
	n := jen.Lit(pr.Post.Pop.Size)
	pre, v, states := g.hoist(pr.Update, nil, n)
	read, compute, newName := g.body(pr.Update, v, states, jen.Id("i"))
	loop := jen.For(jen.Id("i").Op(":=").Lit(pr.Post.Lo), jen.Id("i").Op("<").Lit(pr.Post.Hi), jen.Id("i").Op("++")).Block(
		append(append(read, compute...), g.writeBack(pr.Update, newName, jen.Id("i"))...)...)
	g.f.Commentf("%s advances the synaptic states of projection %s (%s) by one step.", name, pr.Name, pr.Pos)
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id(name).Params().Block(append(pre, loop)...)
}

// deliver emits the spike delivery of a projection: for each presynaptic
// spike, in increasing neuron order, the ON_SPIKE statements run for each of
// its targets. The order is fixed, so the sums are reproducible.
func (g *gen) deliver(pr *ir.Projection) {
	name := "deliver" + exported(pr.Name)
	post := pr.Post.Pop
	pre, v, states := g.hoist(pr.OnSpike, nil, jen.Lit(post.Size))
	v.vars["w"] = "w"
	read, compute, newName := g.body(pr.OnSpike, v, states, jen.Id("k"))
	lo, hi := pr.Pre.Pop.Offset+pr.Pre.Lo, pr.Pre.Pop.Offset+pr.Pre.Hi
	body := append(pre,
		jen.Id("w").Op(":=").Id("m").Dot("P").Dot(g.paramField[pr.Weight]),
		jen.List(jen.Id("start"), jen.Id("_")).Op(":=").Qual("slices", "BinarySearch").Call(jen.Id("spikes"), jen.Int32().Call(jen.Lit(lo))),
		jen.Id("ptr").Op(",").Id("idx").Op(":=").Id("m").Dot(g.connField[pr]).Dot("Ptr").Op(",").Id("m").Dot(g.connField[pr]).Dot("Idx"),
		jen.For(jen.List(jen.Id("_"), jen.Id("s")).Op(":=").Range().Id("spikes").Index(jen.Id("start").Op(":"))).Block(
			jen.If(jen.Id("s").Op(">=").Lit(int32(hi))).Block(jen.Break()),
			jen.Id("i").Op(":=").Id("s").Op("-").Lit(int32(lo)),
			jen.For(jen.List(jen.Id("_"), jen.Id("j")).Op(":=").Range().Id("idx").Index(jen.Id("ptr").Index(jen.Id("i")).Op(":").Id("ptr").Index(jen.Id("i").Op("+").Lit(1)))).Block(
				append(append(append([]jen.Code{jen.Id("k").Op(":=").Int().Call(jen.Id("j")).Op("+").Lit(pr.Post.Lo)}, read...), compute...),
					g.writeBack(pr.OnSpike, newName, jen.Id("k"))...)...),
		),
	)
	g.f.Commentf("%s delivers the presynaptic spikes of projection %s (%s).", name, pr.Name, pr.Pos)
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id(name).Params(jen.Id("spikes").Index().Int32()).Block(body...)
}

// popStep emits the fused update loop of a population, which appends the
// network-wide indices of the neurons that spike to spikes.
func (g *gen) popStep(pop *ir.Population) {
	name := "step" + exported(pop.Name)
	sig := g.f.Commentf("%s advances population %s (%s[%d]) by one step and appends its spikes.", name, pop.Name, pop.Type, pop.Size)
	_ = sig
	fn := g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id(name).Params(jen.Id("spikes").Index().Int32()).Index().Int32()
	if pop.Kind == ir.PoissonPop {
		fn.Block(
			jen.Id("prob").Op(":=").Id("m").Dot("P").Dot(g.paramField[pop.Rate]).Op("*").Id("m").Dot("P").Dot("Dt"),
			jen.Id("seed").Op(",").Id("step").Op(":=").Id("m").Dot("P").Dot("Seed").Op(",").Uint64().Call(jen.Id("m").Dot("step")),
			jen.For(jen.Id("i").Op(":=").Range().Lit(pop.Size)).Block(
				jen.If(jen.Qual(rtPath, "Uniform").Call(jen.Id("seed"), jen.Lit(streamID(streamPoisson, popIndex(g.m, pop))), jen.Uint64().Call(jen.Id("i")), jen.Id("step")).Op("<").Id("prob")).Block(
					push(jen.Id("i").Op("+").Lit(pop.Offset)))),
			jen.Return(jen.Id("spikes")))
		return
	}
	thr := pop.Spike.Threshold
	extra := []ir.Expr{&ir.StateRef{S: pop.V}}
	if thr != nil {
		extra = append(extra, &ir.ParamRef{P: thr})
	}
	pre, v, states := g.hoist(pop.Update, extra, jen.Lit(pop.Size))
	read, compute, newName := g.body(pop.Update, v, states, jen.Id("i"))
	loop := append(append(read, compute...), g.writeBack(pop.Update, newName, jen.Id("i"))...)
	if thr != nil {
		loop = append(loop, g.spikeTest(pop, v, newName)...)
	}
	if last, ok := g.lastField[pop]; ok {
		pre = append(pre,
			jen.Id("last").Op(":=").Id("m").Dot(last).Index(jen.Op(":").Lit(pop.Size)),
			jen.Id("refr").Op(":=").Int().Call(jen.Qual("math", "Round").Call(jen.Id("m").Dot("P").Dot(g.paramField[pop.Spike.Refractory]).Op("/").Id("dt"))))
	}
	fn.Block(append(pre,
		jen.For(jen.Id("i").Op(":=").Range().Lit(pop.Size)).Block(loop...),
		jen.Return(jen.Id("spikes")))...)
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
	add := push(jen.Id("i").Op("+").Lit(pop.Offset))
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
