package codegen

import (
	"github.com/dave/jennifer/jen"
)

// step emits Step and work. work(w) advances chunk w (of m.nw) of every
// population: for each population, the projections onto it decay and
// receive spikes for the chunk's neurons, then the chunk's neurons
// integrate and detect spikes into the worker's buffer. Step runs work on
// every worker and concatenates the buffers in (population, worker) order,
// which is ascending neuron order whatever the number of workers.
func (g *gen) step() {
	var work []jen.Code
	work = append(work, jen.Id("buf").Op(":=").Id("m").Dot("bufs").Index(jen.Id("w")).Index(jen.Op(":").Lit(0)))
	for p, pop := range g.m.Pops {
		var syn []jen.Code
		for _, pr := range g.m.Projs {
			if pr.Post.Pop != pop {
				continue
			}
			// Step 0 uses the initial synaptic values as given (INITIAL is
			// the conductance at t = 0); decay starts from step 1. This is
			// Brian2's step exactly, and braincell's, whose conductances
			// start at 0.
			if len(pr.States) > 0 {
				syn = append(syn, jen.If(jen.Id("m").Dot("step").Op(">").Lit(0)).Block(jen.Id("m").Dot(g.decayFn[pr]).Call(jen.Id("lo"), jen.Id("hi"))))
			}
			syn = append(syn, g.deliverCall(pr))
		}
		blk := []jen.Code{jen.List(jen.Id("lo"), jen.Id("hi")).Op(":=").Qual(rtPath, "Part").Call(jen.Id("w"), jen.Id("m").Dot("nw"), g.popSize(pop))}
		if len(syn) > 0 {
			// A preemption in the SIMD build leaves the vector registers
			// dirty, which slows scalar code ~200× (runtime.ClearUpper):
			// cleared before the synapses' loops and the neurons'.
			blk = append(append(blk, jen.Qual(rtPath, "ClearUpper").Call()), syn...)
		}
		blk = append(blk,
			jen.Qual(rtPath, "ClearUpper").Call(),
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
	g.f.Comment("After runtime.MaxSteps steps (2³¹−1) Step does nothing and Err says so.")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("Step").Params().Block(
		jen.If(jen.Id("m").Dot("step").Op(">=").Qual(rtPath, "MaxSteps")).Block(jen.Id("m").Dot("overrun").Op("=").True(), jen.Return()),
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
	g.f.Comment("SetWorkers splits each step over n goroutines (n < 1 means 1): with")
	g.f.Comment("more than one, each step is cut into n contiguous chunks of every")
	g.f.Comment("population, or 2n if the network has at least 2n·runtime.SparePart neurons,")
	g.f.Comment("which the goroutines claim in turn (runtime.Pool). Spikes and states")
	g.f.Comment("are bit-identical for every n. Call Close when done with a model that")
	g.f.Comment("has more than one worker.")
	body := []jen.Code{
		jen.Id("n").Op("=").Max(jen.Id("n"), jen.Lit(1)),
		jen.Id("m").Dot("Close").Call(),
		jen.Id("parts").Op(":=").Id("n"),
		jen.If(jen.Id("n").Op(">").Lit(1).Op("&&").Add(g.neurons()).Op(">=").Lit(2).Op("*").Id("n").Op("*").Qual(rtPath, "SparePart")).Block(
			jen.Comment("Spare parts: a worker the machine has not scheduled yet leaves its"),
			jen.Comment("second part to the others. Each part costs a little (runtime.SparePart),"),
			jen.Comment("so small networks have one part per worker."),
			jen.Id("parts").Op("=").Lit(2).Op("*").Id("n")),
		jen.Id("m").Dot("nw").Op("=").Id("parts"),
		jen.Id("m").Dot("bufs").Op("=").Make(jen.Index().Index().Int32(), jen.Id("parts")),
		jen.Id("m").Dot("segs").Op("=").Make(jen.Index().Index().Int(), jen.Id("parts")),
		jen.Id("m").Dot("faults").Op("=").Make(jen.Index().Id("faultRec"), jen.Id("parts")),
		jen.For(jen.Id("w").Op(":=").Range().Id("parts")).Block(
			jen.Id("m").Dot("bufs").Index(jen.Id("w")).Op("=").Make(jen.Index().Int32(), jen.Lit(0), g.neurons()),
			// Capacity in whole 128-byte blocks: each part writes its counts
			// on cache lines of its own.
			jen.Id("m").Dot("segs").Index(jen.Id("w")).Op("=").Make(jen.Index().Int(), jen.Lit(npops), jen.Lit((npops+15)/16*16)),
		),
		g.allocBlocks(),
	}
	body = append(append(body, g.partStarts()...),
		jen.If(jen.Id("n").Op(">").Lit(1)).Block(jen.Id("m").Dot("pool").Op("=").Qual(rtPath, "NewPool").Call(jen.Id("n"), jen.Id("parts"), jen.Id("m").Dot("work"))))
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("SetWorkers").Params(jen.Id("n").Int()).Block(body...)
	g.f.Comment("Close stops the worker goroutines started by SetWorkers; the model then")
	g.f.Comment("steps on one worker.")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("Close").Params().Block(
		jen.If(jen.Id("m").Dot("pool").Op("!=").Nil()).Block(
			jen.Id("m").Dot("pool").Dot("Close").Call(),
			jen.Id("m").Dot("pool").Op("=").Nil(),
		),
	)
}

// allocBlocks emits the allocation of one blockBuf per part; nothing if no
// update runs in blocks.
func (g *gen) allocBlocks() jen.Code {
	if !g.anyBlocked() {
		return jen.Null()
	}
	return jen.Id("m").Dot("blocks").Op("=").Make(jen.Index().Id("blockBuf"), jen.Id("parts"))
}

// partStarts emits the tables of where each part starts in each row of
// the projections without per-connection delays (runtime.CSR.PartStarts).
func (g *gen) partStarts() []jen.Code {
	var out []jen.Code
	for _, pr := range g.m.Projs {
		if f, ok := g.startField[pr]; ok {
			out = append(out, jen.Id("m").Dot(f).Op("=").Id("m").Dot(g.connField[pr]).Dot("PartStarts").Call(jen.Id("parts"), g.popSize(pr.Post.Pop), g.rangeLo(pr.Post)))
		}
	}
	return out
}
