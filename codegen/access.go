package codegen

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

func (g *gen) accessors() {
	recv := func() *jen.Statement { return g.f.Func().Params(jen.Id("m").Op("*").Id("Model")) }
	g.f.Comment("Spikes returns the network-wide indices of the neurons that spiked in the")
	g.f.Comment("last step, in increasing order. The slice is reused by later steps.")
	recv().Id("Spikes").Params().Index().Int32().Block(jen.Return(jen.Id("m").Dot("ring").Dot("Ago").Call(jen.Lit(0))))
	g.f.Comment("StepIndex returns the number of steps taken.")
	recv().Id("StepIndex").Params().Int().Block(jen.Return(jen.Id("m").Dot("step")))
	g.f.Comment("Time returns the simulated time in ms: StepIndex()*Dt, the end of the last")
	g.f.Comment("step taken. In an observe function of Run it is therefore the end of the")
	g.f.Comment("step just taken, while einetc run's spikes.csv labels a spike of that step")
	g.f.Comment("with the step's start, Time() - Dt.")
	recv().Id("Time").Params().Float64().Block(jen.Return(jen.Float64().Call(jen.Id("m").Dot("step")).Op("*").Id("m").Dot("P").Dot("Dt")))
	g.f.Comment("Run takes steps steps, calling observe (if not nil) after each.")
	recv().Id("Run").Params(jen.Id("steps").Int(), jen.Id("observe").Func().Params(jen.Op("*").Id("Model"))).Block(
		jen.For(jen.Range().Id("steps")).Block(
			jen.Id("m").Dot("Step").Call(),
			jen.If(jen.Id("observe").Op("!=").Nil()).Block(jen.Id("observe").Call(jen.Id("m"))),
		))
}

// traces emits the recorded traces of the RUN block: TraceNames and
// ReadTrace, which copies the current values into a row without allocating.
func (g *gen) traces() {
	var names []jen.Code
	var body []jen.Code
	col := 0
	for _, r := range g.m.Records {
		if r.State == nil {
			continue
		}
		for i := r.Lo; i < r.Hi; i++ {
			names = append(names, jen.Lit(fmt.Sprintf("%s[%d]", r.Name, i-r.Lo)))
			x := jen.Id("m").Dot(g.stateField[r.State]).Index(jen.Lit(i))
			if g.st32[r.State] {
				x = jen.Float64().Call(x)
			}
			body = append(body, jen.Id("row").Index(jen.Lit(col)).Op("=").Add(x))
			col++
		}
	}
	g.f.Comment("TraceNames names the columns of ReadTrace: the RECORD entries of the model.")
	g.f.Var().Id("TraceNames").Op("=").Index().String().Values(names...)
	g.f.Comment("ReadTrace copies the recorded state values into row, which must have")
	g.f.Comment("len(TraceNames) elements.")
	if len(body) > 0 {
		body = append([]jen.Code{jen.Id("_").Op("=").Id("row").Index(jen.Lit(col - 1))}, body...)
	}
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("ReadTrace").Params(jen.Id("row").Index().Float64()).Block(body...)
}

// inspection emits StateArrays and Connections, which expose the model's
// arrays (aliased, not copied) for dumping and for tests.
func (g *gen) inspection() {
	var arrays []jen.Code
	for _, pop := range g.m.Pops {
		for _, st := range pop.States {
			data := "Data"
			if g.st32[st] {
				data = "Data32"
			}
			arrays = append(arrays, jen.Values(jen.Dict{jen.Id("Name"): jen.Lit(pop.Name + "." + st.Name), jen.Id(data): jen.Id("m").Dot(g.stateField[st])}))
		}
	}
	for _, pr := range g.m.Projs {
		for _, st := range pr.States {
			arrays = append(arrays, jen.Values(jen.Dict{jen.Id("Name"): jen.Lit(st.Name), jen.Id("Data"): jen.Id("m").Dot(g.stateField[st])}))
		}
	}
	g.f.Comment("StateArrays returns every state array, named Population.state or")
	g.f.Comment("Projection.state (synaptic states, indexed by postsynaptic neuron).")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("StateArrays").Params().Index().Qual(rtPath, "NamedArray").Block(
		jen.Return(jen.Index().Qual(rtPath, "NamedArray").Values(arrays...)))

	g.f.Comment("Connection is the connectivity of one projection: row i of CSR lists the")
	g.f.Comment("targets of presynaptic neuron i, both relative to the projection's ranges.")
	g.f.Type().Id("Connection").Struct(jen.Id("Name").String(), jen.Id("CSR").Qual(rtPath, "CSR"))
	var conns []jen.Code
	for _, pr := range g.m.Projs {
		conns = append(conns, jen.Values(jen.Lit(pr.Name), jen.Id("m").Dot(g.connField[pr])))
	}
	g.f.Comment("Connections returns the connectivity of every projection.")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("Connections").Params().Index().Id("Connection").Block(
		jen.Return(jen.Index().Id("Connection").Values(conns...)))
}
