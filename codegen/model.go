package codegen

// The generated Model: its struct of arrays.

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
)

func (g *gen) model() {
	fields := []jen.Code{
		jen.Id("P").Id("Params").Comment("the parameters the model was built with"),
		jen.Id("step").Int(),
		jen.Id("ring").Op("*").Qual(rtPath, "SpikeRing"),
		jen.Id("nw").Int().Comment("chunks a step is cut into (SetWorkers)"),
		jen.Id("pool").Op("*").Qual(rtPath, "Pool").Comment("nil with one worker"),
		jen.Id("bufs").Index().Index().Int32().Comment("per worker: spikes of this step"),
		jen.Id("segs").Index().Index().Int().Comment("per worker: end of each population's spikes in bufs"),
		jen.Id("check").Bool().Comment("check new states for NaN and Inf"),
		jen.Id("faults").Index().Id("faultRec").Comment("per worker: the first non-finite state found"),
		jen.Id("faulted").Qual("sync/atomic", "Bool"),
		jen.Id("overrun").Bool().Comment("Step was called after MaxSteps steps"),
	}
	if g.sh != nil {
		fields = append(fields, jen.Id("sh").Id("shape").Comment("sizes, group bounds and connection rules, from P"))
	}
	if g.anyBlocked() {
		fields = append(fields, jen.Id("blocks").Index().Id("blockBuf").Comment("per part: the block arrays of the neuron updates"))
	}
	for _, pop := range g.m.Pops {
		fields = append(fields, jen.Line().Comment("population "+pop.Name))
		for _, st := range pop.States {
			fields = append(fields, jen.Id(g.stateField[st]).Index().Add(g.elem(st)).Comment(st.Name+" ("+st.Unit+")"))
		}
		if f, ok := g.lastField[pop]; ok {
			fields = append(fields, jen.Id(f).Index().Int32().Comment("step of the last spike"))
		}
		for _, set := range g.tabSets[pop] {
			var names []string
			for _, s := range g.tabsOf(pop, set) {
				names = append(names, fmt.Sprintf("%d %s", g.tabIdx[s], s.Local.Name))
			}
			fields = append(fields, jen.Id(set).Qual(rtPath, "TableSet").Comment("rate tables over v: "+strings.Join(names, ", ")))
		}
	}
	for _, pr := range g.m.Projs {
		fields = append(fields, jen.Line().Comment("projection "+pr.Name+": "+pr.Pre.Name+" -> "+pr.Post.Name))
		for _, st := range pr.States {
			fields = append(fields, jen.Id(g.stateField[st]).Index().Float64().Comment(st.Name+" ("+st.Unit+"), one per neuron of "+pr.Post.Pop.Name))
		}
		fields = append(fields, jen.Id(g.connField[pr]).Qual(rtPath, "CSR"))
		if f, ok := g.startField[pr]; ok {
			fields = append(fields, jen.Id(f).Index().Int32().Comment("per row and part: where the part's targets start in the row (SetWorkers); nil: search"))
		}
		if f, ok := g.wField[pr]; ok {
			fields = append(fields, jen.Id(f).Index().Float64().Comment("weight of each connection ("+pr.Weights.Pos.String()+"), in the order of "+g.connField[pr]+".Idx"))
		}
		if f, ok := g.sdField[pr]; ok {
			fields = append(fields, jen.Id(f).Index().Int32().Comment("delay of each connection in steps beyond the one-step latency; rows sorted by delay"),
				jen.Id(g.delayField[pr]).Int().Comment("the longest delay of "+f))
		} else {
			fields = append(fields, jen.Id(g.delayField[pr]).Int().Comment("delivery delay in steps beyond the one-step latency"))
		}
	}
	g.f.Comment("Model is the state of the network: one slice per state variable")
	g.f.Comment("(struct of arrays), allocated once by New.")
	g.f.Type().Id("Model").Struct(fields...)
}

// modelMembers are the fixed fields and methods of the generated Model.
var modelMembers = []string{"P", "step", "ring", "spikes", "nw", "pool", "bufs", "segs", "check", "faults", "faulted", "overrun",
	"work", "Step", "Run", "SetWorkers", "Close", "Spikes", "Time", "StepIndex", "ReadTrace", "CheckFinite", "Err",
	"Connections", "StateArrays", "buildTables", "fault", "synapticAt", "sh", "Layout", "blocks"}
