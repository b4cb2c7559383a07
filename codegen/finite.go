package codegen

// The finite check of every step and the faults it reports.

import (
	"github.com/dave/jennifer/jen"

	"github.com/einetc/einetc/ir"
)

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
		olds = append(olds, v.widen(jen.Id(v.states[st])))
		news = append(news, v.widen(jen.Id(nn)))
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
	g.f.Comment("turns it off. A model asked to step past runtime.MaxSteps steps, with no such")
	g.f.Comment("state found before, reports that it can take no more.")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("Err").Params().Error().Block(
		jen.If(jen.Op("!").Id("m").Dot("faulted").Dot("Load").Call()).Block(
			jen.If(jen.Id("m").Dot("overrun")).Block(jen.Return(jen.Qual(rtPath, "StepLimitError").Call(jen.Id("m").Dot("P").Dot("Dt")))),
			jen.Return(jen.Nil())),
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
