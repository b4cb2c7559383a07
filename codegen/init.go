package codegen

import (
	"github.com/dave/jennifer/jen"

	"github.com/einetc/einetc/ir"
)

// Stream identifiers of the counter-based random streams. Each random
// quantity has its own stream, keyed further by element index, so the values
// do not depend on the order of evaluation or the number of workers.
const (
	streamInit    = 1 // initial values: (streamInit<<32 | state number, neuron)
	streamConnect = 2 // connectivity:   (streamConnect<<32 | projection number, pre or post neuron)
	streamPoisson = 3 // Poisson sources: (streamPoisson<<32 | population number, neuron, step)
)

func streamID(kind, n int) uint64 { return uint64(kind)<<32 | uint64(n) }

// newFunc emits New: allocation, initial values, connectivity, delays.
func (g *gen) newFunc() {
	body := []jen.Code{
		jen.If(jen.Err().Op(":=").Id("p").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Nil(), jen.Err())),
		jen.Id("m").Op(":=").Op("&").Id("Model").Values(jen.Dict{jen.Id("P"): jen.Id("p")}),
		jen.Var().Id("err").Error(),
		jen.Id("_").Op("=").Id("err"),
	}
	if g.sh != nil {
		body = append(body, jen.List(jen.Id("m").Dot("sh"), jen.Err()).Op("=").Id("p").Dot("shape").Call(),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())))
	}
	for _, pop := range g.m.Pops {
		for _, st := range pop.States {
			body = append(body, jen.Id("m").Dot(g.stateField[st]).Op("=").Make(jen.Index().Add(g.elem(st)), g.popSize(pop)))
		}
		if f, ok := g.lastField[pop]; ok {
			body = append(body, jen.Id("m").Dot(f).Op("=").Make(jen.Index().Int32(), g.popSize(pop)),
				jen.For(jen.Id("i").Op(":=").Range().Id("m").Dot(f)).Block(
					jen.Id("m").Dot(f).Index(jen.Id("i")).Op("=").Qual("math", "MinInt32").Op("/").Lit(2)))
		}
	}
	for _, pr := range g.m.Projs {
		for _, st := range pr.States {
			body = append(body, jen.Id("m").Dot(g.stateField[st]).Op("=").Make(jen.Index().Float64(), g.popSize(pr.Post.Pop)))
		}
	}
	n := 0
	for _, pop := range g.m.Pops {
		for _, in := range pop.Inputs {
			r := ir.Range{Pop: pop, Lo: in.Lo, Hi: in.Hi, Group: in.Group}
			body = append(body, jen.Commentf("input %s", in.Pos),
				jen.For(jen.Id("i").Op(":=").Add(g.rangeLo(r)), jen.Id("i").Op("<").Add(g.rangeHi(r)), jen.Id("i").Op("++")).Block(
					jen.Id("m").Dot(g.stateField[pop.IExt]).Index(jen.Id("i")).Op("+=").Id("p").Dot(g.paramField[in.Current])))
		}
		body = append(body, g.initStates(pop.States, pop, ir.Range{Pop: pop, Hi: pop.Size}, n)...)
		n += len(pop.States)
	}
	for _, pr := range g.m.Projs {
		body = append(body, g.initStates(pr.States, pr.Post.Pop, pr.Post, n)...)
		n += len(pr.States)
	}
	maxDelay := jen.Id("maxDelay")
	body = append(body, jen.Id("maxDelay").Op(":=").Lit(0))
	for i, pr := range g.m.Projs {
		body = append(body, g.synDecls(pr, i+1)...)
		body = append(body, g.connect(pr, i+1)...)
		d := jen.Id("m").Dot(g.delayField[pr])
		if pr.Weights != nil || pr.Delays != nil {
			body = append(body, g.synValues(pr, i+1)...)
		}
		if pr.Delays != nil {
			body = append(body, jen.Id("maxDelay").Op("=").Max(maxDelay.Clone(), d.Clone()))
			continue
		}
		body = append(body,
			jen.List(d.Clone(), jen.Err()).Op("=").Qual(rtPath, "DelaySteps").Call(jen.Id("p").Dot(g.paramField[pr.Delay]), jen.Id("p").Dot("Dt"), g.neurons()),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("projection "+pr.Name+": %w"), jen.Err()))),
			jen.Id("maxDelay").Op("=").Max(maxDelay.Clone(), d.Clone()))
	}
	body = append(body,
		jen.Id("m").Dot("ring").Op("=").Qual(rtPath, "NewSpikeRing").Call(maxDelay.Clone().Op("+").Lit(1), g.neurons()),
		jen.Id("m").Dot("SetWorkers").Call(jen.Lit(1)),
		jen.Id("m").Dot("buildTables").Call(),
		jen.Id("m").Dot("check").Op("=").True(),
		jen.Return(jen.Id("m"), jen.Nil()))
	g.f.Comment("New builds the network with parameters p: it checks them (Params.Validate,")
	g.f.Comment("and the memory of the delays), allocates every array, draws the connectivity")
	g.f.Comment("and the initial values from p.Seed, and reads data files. Nothing is")
	g.f.Comment("allocated after New returns.")
	g.f.Func().Id("New").Params(jen.Id("p").Id("Params")).Params(jen.Op("*").Id("Model"), jen.Error()).Block(body...)
}

// initStates emits the initialisation of states over the neurons r of pop:
// first the per-neuron parameters (Fixed states with an initial value),
// which any initial value may read, then the others in order. The k-th
// state draws from stream n+k+1 whatever the order.
func (g *gen) initStates(states []*ir.State, pop *ir.Population, r ir.Range, n int) []jen.Code {
	var out []jen.Code
	for k, st := range states {
		if st.Kind == ir.Fixed && st.Init != nil {
			out = append(out, g.initState(st, pop, r, n+k+1)...)
		}
	}
	for k, st := range states {
		if st.Kind != ir.Fixed {
			out = append(out, g.initState(st, pop, r, n+k+1)...)
		}
	}
	return out
}

// initState emits the initialisation of one state over the neurons r of pop.
func (g *gen) initState(st *ir.State, pop *ir.Population, r ir.Range, n int) []jen.Code {
	in := st.Init
	if in == nil || (in.Kind == ir.InitExpr && isZero(in.Expr)) {
		return nil
	}
	arr := jen.Id("m").Dot(g.stateField[st])
	v := g.initEnv(pop)
	loop := func(value jen.Code, pre ...jen.Code) jen.Code {
		if g.st32[st] {
			value = jen.Float32().Call(value)
		}
		return jen.For(jen.Id("i").Op(":=").Add(g.rangeLo(r)), jen.Id("i").Op("<").Add(g.rangeHi(r)), jen.Id("i").Op("++")).Block(
			append(pre, arr.Clone().Index(jen.Id("i")).Op("=").Add(value))...)
	}
	rng := jen.Id("rng").Op(":=").Qual(rtPath, "Key").Call(jen.Id("p").Dot("Seed"), jen.Lit(streamID(streamInit, n)), jen.Uint64().Call(jen.Id("i")), jen.Lit(0))
	cite := jen.Commentf("%s: initial %s", in.Pos, st.Name)
	switch in.Kind {
	case ir.InitUniform:
		a, b := v.num(in.A), v.num(in.B)
		return []jen.Code{cite, loop(a.Clone().Op("+").Parens(b.Clone().Op("-").Add(a.Clone())).Op("*").Id("rng").Dot("Float64").Call(), rng)}
	case ir.InitNormal:
		return []jen.Code{cite, loop(v.num(in.A).Op("+").Add(v.num(in.B)).Op("*").Id("rng").Dot("Normal").Call(), rng)}
	case ir.InitFile:
		return []jen.Code{cite, jen.Block( // a block per file: several may be read
			jen.List(jen.Id("name"), jen.Err()).Op(":=").Qual(rtPath, "DataFile").Call(jen.Id("p").Dot("DataDir"), jen.Lit(in.File)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.List(jen.Id("vals"), jen.Err()).Op(":=").Qual(rtPath, "ReadValues").Call(jen.Id("name"), g.rangeLen(r)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			g.copyValues(st, arr.Clone().Index(g.rangeLo(r).Op(":").Add(g.rangeHi(r)))),
		)}
	}
	// Definitions the initial value reads are computed from the values
	// initialised so far (v first, then the states in declaration order).
	var lets []jen.Code
	ln := newNamer()
	for _, l := range ir.LocalsOf(in.Expr) {
		id := ln.name("l_" + goIdent(l.Name))
		lets = append(lets, jen.Id(id).Op(":=").Add(v.num(l.Value)))
		v.locals[l] = id
	}
	return []jen.Code{cite, loop(v.num(in.Expr), lets...)}
}

func isZero(e ir.Expr) bool {
	c, ok := e.(*ir.Const)
	return ok && c.V == 0
}

// initEnv reads parameters from p and states from the model's arrays at i.
func (g *gen) initEnv(pop *ir.Population) *env {
	if g.initIDs == nil {
		// Built once, not once per state: with a thousand populations
		// that was a million map entries.
		ids := &initIDs{params: map[*ir.Param]string{}, states: map[*ir.Population]map[*ir.State]string{}}
		for p, f := range g.paramField {
			ids.params[p] = "p." + f
		}
		for st, f := range g.stateField {
			owner := g.owner[st]
			if ids.states[owner] == nil {
				ids.states[owner] = map[*ir.State]string{}
			}
			ids.states[owner][st] = "m." + f + "[i]"
			if g.st32[st] {
				ids.states[owner][st] = "float64(m." + f + "[i])"
			}
		}
		g.initIDs = ids
	}
	v := newEnv()
	v.stdMath = g.stdMath
	v.params = g.initIDs.params // read only
	v.states = g.initIDs.states[pop]
	if v.states == nil {
		v.states = map[*ir.State]string{}
	}
	v.vars["t"] = "0.0"
	v.vars["dt"] = "p.Dt"
	return v
}

// initIDs names the parameters and each population's states in New.
type initIDs struct {
	params map[*ir.Param]string
	states map[*ir.Population]map[*ir.State]string
}

// connect emits the connectivity of projection pr (number n).
func (g *gen) connect(pr *ir.Projection, n int) []jen.Code {
	r := pr.Connect
	same := pr.Pre.Pop == pr.Post.Pop
	spec := jen.Qual(rtPath, "ConnSpec").Values(jen.Dict{
		jen.Id("Seed"):       jen.Id("p").Dot("Seed"),
		jen.Id("Stream"):     jen.Lit(streamID(streamConnect, n)),
		jen.Id("NPre"):       g.rangeLen(pr.Pre),
		jen.Id("NPost"):      g.rangeLen(pr.Post),
		jen.Id("SamePop"):    jen.Lit(same),
		jen.Id("SelfOffset"): g.selfOffset(pr),
		jen.Id("NoSelf"):     jen.Lit(r.NoSelf),
		jen.Id("Replace"):    jen.Lit(r.Replace),
	})
	field := jen.Id("m").Dot(g.connField[pr])
	var call jen.Code
	switch r.Kind {
	case "fixed_outdegree":
		call = jen.Qual(rtPath, "FixedOutdegree").Call(spec, g.degree(pr))
	case "fixed_indegree":
		call = jen.Qual(rtPath, "FixedIndegree").Call(spec, g.degree(pr))
	case "bernoulli":
		call = jen.Qual(rtPath, "Bernoulli").Call(spec, g.prob(pr))
	case "one_to_one":
		call = jen.Qual(rtPath, "OneToOne").Call(spec)
	case "all_to_all":
		call = jen.Qual(rtPath, "AllToAll").Call(spec)
	case "file":
		read := []jen.Code{
			jen.List(jen.Id("name"), jen.Err()).Op(":=").Qual(rtPath, "DataFile").Call(jen.Id("p").Dot("DataDir"), jen.Lit(r.File)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.List(jen.Id("pre"), jen.Id("post"), jen.Err()).Op(":=").Qual(rtPath, "ReadPairs").Call(jen.Id("name")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		}
		if files := g.synFiles(pr, n); files != nil {
			blk := append(read,
				jen.List(jen.Id("conn"), jen.Id("perm"), jen.Err()).Op(":=").Qual(rtPath, "FromPairsPerm").Call(jen.Id("pre"), jen.Id("post"), g.rangeLen(pr.Pre), g.rangeLen(pr.Post), jen.Id("name")),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
				jen.Add(field.Clone()).Op("=").Id("conn"))
			return []jen.Code{jen.Commentf("projection %s: connectivity from %s", pr.Name, r.File), jen.Block(append(blk, files...)...)}
		}
		return []jen.Code{
			jen.Commentf("projection %s: connectivity from %s", pr.Name, r.File),
			jen.Block(append(read,
				jen.List(field.Clone(), jen.Err()).Op("=").Qual(rtPath, "FromPairs").Call(jen.Id("pre"), jen.Id("post"), g.rangeLen(pr.Pre), g.rangeLen(pr.Post), jen.Id("name")),
				jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			)...),
		}
	}
	return []jen.Code{
		jen.Commentf("projection %s: %s", pr.Name, pr.Pos),
		jen.List(field.Clone(), jen.Err()).Op("=").Add(call),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Qual("fmt", "Errorf").Call(jen.Lit("projection "+pr.Name+": %w"), jen.Err()))),
	}
}

// tables emits buildTables, which fills every rate table from the
// parameters New was given (a change of m.P after New does not reach them).
func (g *gen) tables() {
	var body []jen.Code
	for _, pop := range g.m.Pops {
		for _, set := range g.tabSets[pop] {
			body = append(body, g.tableSet(pop, set, g.tabsOf(pop, set))...)
		}
	}
	g.f.Comment("buildTables fills the rate tables (models compiled with -tables).")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("buildTables").Params().Block(body...)
}

// tableSet fills the TableSet field set: the tables tabs of pop, on one grid.
func (g *gen) tableSet(pop *ir.Population, set string, tabs []*ir.Stmt) []jen.Code {
	spec := tabs[0].Table.TableSpec
	v := newEnv()
	v.stdMath = g.stdMath
	for p, f := range g.paramField {
		v.params[p] = "m.P." + f
	}
	v.states[pop.V] = "v"
	v.vars["dt"] = "m.P.Dt"
	var loop []jen.Code
	loop = append(loop, jen.Id("v").Op(":=").Id("m").Dot(set).Dot("X").Call(jen.Id("k")))
	ln := newNamer()
	seen := map[*ir.Local]bool{}
	for _, s := range tabs {
		for _, l := range append(ir.LocalsOf(s.Value), s.Local) {
			if seen[l] {
				continue
			}
			seen[l] = true
			id := ln.name("l_" + goIdent(l.Name))
			loop = append(loop, jen.Id(id).Op(":=").Add(v.num(l.Value)))
			v.locals[l] = id
		}
	}
	for _, s := range tabs {
		loop = append(loop, jen.Id("m").Dot(set).Dot("Set").Call(jen.Id("k"), jen.Lit(g.tabIdx[s]), jen.Id(v.locals[s.Local])))
	}
	blk := []jen.Code{jen.Id("m").Dot(set).Op("=").Qual(rtPath, "NewTableSet").Call(jen.Lit(spec.Lo), jen.Lit(spec.Step), jen.Lit(spec.Points()), jen.Lit(len(tabs)))}
	blk = append(blk, jen.For(jen.Id("k").Op(":=").Range().Lit(spec.Points())).Block(loop...))
	return []jen.Code{jen.Commentf("population %s: %d tables over v in [%g, %g] mV, every %g mV", pop.Name, len(tabs), spec.Lo, spec.Hi, spec.Step), jen.Block(blk...)}
}
