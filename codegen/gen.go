package codegen

import (
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/einetc/einetc/ir"
)

// gen holds the naming decisions for one generated file.
type gen struct {
	f          *jen.File
	m          *ir.Module
	paramField map[*ir.Param]string // field of Params
	stateField map[*ir.State]string // field of Model
	lastField  map[*ir.Population]string
	connField  map[*ir.Projection]string
	delayField map[*ir.Projection]string
	wField     map[*ir.Projection]string // per-connection weights, when not uniform
	sdField    map[*ir.Projection]string // per-connection delays in steps, when not uniform
	startField map[*ir.Projection]string // where each part starts in each row (CSR.PartStarts), without per-connection delays
	decayFn    map[*ir.Projection]string // Model methods: names from the same namer as the fields
	deliverFn  map[*ir.Projection]string
	stepFn     map[*ir.Population]string
	simdFn     map[*ir.Population]string    // the SIMD build's version of stepFn (four lanes)
	simd8Fn    map[*ir.Population]string    // and its eight-lane version (sixteen in float32)
	owner      map[*ir.State]*ir.Population // population whose index space the state uses
	initIDs    *initIDs                     // identifiers of New's initial values, built once
	stdMath    bool
	f32        bool                        // float32 neuron updates (Options.F32; float32.go)
	needConv32 map[int]bool                // the SIMD file uses load32 and store32 (8 lanes), load32x16 and store32x16
	st32       map[*ir.State]bool          // states stored as float32 (-f32; float32.go's markStored32)
	tabField   map[*ir.Stmt]string         // tabulated locals: their population's einrt.TableSet field
	tabIdx     map[*ir.Stmt]int            // tabulated locals: their function's index in the set
	tabSets    map[*ir.Population][]string // a population's TableSet fields, one per grid, in order
	tabBase    map[string]int              // a TableSet field: the index of its first block array
	sh         *shapeFields                // a structural model's shape fields; nil when the structure is constant
	blk64      int                         // float64 elements of blockBuf: the most any blocked update uses
	blk32      int                         // and float32 elements (float32 mode)

	plans map[*ir.Population]blockedPlan // each population's blocked plan, made once (planPops)

	newFile  func() *jen.File
	simd     *jen.File // the SIMD file, once a population needs it
	simdName string    // its name
}

func newGen(f *jen.File, m *ir.Module) *gen {
	g := &gen{f: f, m: m, paramField: map[*ir.Param]string{}, stateField: map[*ir.State]string{},
		lastField: map[*ir.Population]string{}, connField: map[*ir.Projection]string{},
		delayField: map[*ir.Projection]string{}, wField: map[*ir.Projection]string{}, sdField: map[*ir.Projection]string{}, startField: map[*ir.Projection]string{}, decayFn: map[*ir.Projection]string{}, deliverFn: map[*ir.Projection]string{}, stepFn: map[*ir.Population]string{}, simdFn: map[*ir.Population]string{}, simd8Fn: map[*ir.Population]string{}, needConv32: map[int]bool{}, owner: map[*ir.State]*ir.Population{}, tabField: map[*ir.Stmt]string{}, tabIdx: map[*ir.Stmt]int{}, tabSets: map[*ir.Population][]string{}, tabBase: map[string]int{}}
	g.sh = newShapeFields(m)
	pn := newNamer("Dt", "Seed", "DataDir", "Set", "Names", "SetQuantity", "Validate", "field")
	for _, p := range m.Params {
		g.paramField[p] = pn.name(exported(p.Name))
	}
	// Model's fields and methods share one namespace: the fixed ones are
	// reserved, the model's go through sn.
	sn := newNamer(modelMembers...)
	for _, pop := range m.Pops {
		g.stepFn[pop] = sn.name("step" + exported(pop.Name))
		g.simdFn[pop] = sn.name(g.stepFn[pop] + "SIMD")
		g.simd8Fn[pop] = sn.name(g.stepFn[pop] + "SIMD8")
	}
	for _, pr := range m.Projs {
		g.decayFn[pr] = sn.name("decay" + exported(pr.Name))
		g.deliverFn[pr] = sn.name("deliver" + exported(pr.Name))
	}
	for _, pop := range m.Pops {
		for _, st := range pop.States {
			g.stateField[st] = sn.name(goIdent(pop.Name) + "_" + goIdent(st.Name))
			g.owner[st] = pop
		}
		if pop.Spike.Refractory != nil {
			g.lastField[pop] = sn.name(goIdent(pop.Name) + "_lastSpike")
		}
		// One TableSet per grid: the default grid's, and one per TABLE
		// grid of the population's channels.
		setOf, count := map[ir.TableSpec]string{}, map[string]int{}
		for _, s := range pop.Update {
			if s.Table == nil {
				continue
			}
			set, ok := setOf[s.Table.TableSpec]
			if !ok {
				name := "tabs_" + goIdent(pop.Name)
				if n := len(g.tabSets[pop]); n > 0 {
					name += "_" + strconv.Itoa(n+1)
				}
				set = sn.name(name)
				setOf[s.Table.TableSpec] = set
				g.tabSets[pop] = append(g.tabSets[pop], set)
			}
			g.tabField[s], g.tabIdx[s] = set, count[set]
			count[set]++
		}
		base := 0
		for _, set := range g.tabSets[pop] {
			g.tabBase[set] = base
			base += count[set]
		}
	}
	for _, pr := range m.Projs {
		for _, st := range pr.States {
			g.stateField[st] = sn.name("syn_" + goIdent(st.Name))
			g.owner[st] = pr.Post.Pop
		}
		g.connField[pr] = sn.name("conn_" + goIdent(pr.Name))
		g.delayField[pr] = sn.name("delay_" + goIdent(pr.Name))
		if pr.Weights != nil {
			g.wField[pr] = sn.name("weights_" + goIdent(pr.Name))
		}
		if pr.Delays != nil {
			g.sdField[pr] = sn.name("delays_" + goIdent(pr.Name))
		} else {
			g.startField[pr] = sn.name("starts_" + goIdent(pr.Name))
		}
	}
	return g
}

func (g *gen) file() {
	f, m := g.f, g.m
	f.Const().Id("genVersion").Op("=").Lit(GenVersion)
	f.Comment("Verify that this generated code and the runtime package agree; a")
	f.Comment("mismatch is a compile error: regenerate with the einetc that matches the runtime.")
	f.Const().Defs(
		jen.Id("_").Op("=").Qual(rtPath, "EnforceVersion").Call(jen.Id("genVersion").Op("-").Qual(rtPath, "MinVersion")),
		jen.Id("_").Op("=").Qual(rtPath, "EnforceVersion").Call(jen.Qual(rtPath, "MaxVersion").Op("-").Id("genVersion")),
	)
	f.Comment("Model facts. Times are in ms.")
	f.Const().Defs(
		jen.Comment("ModelName is the name of the NETWORK."),
		jen.Id("ModelName").Op("=").Lit(m.Name),
		jen.Comment("NumNeurons is the number of neurons of all populations."),
		jen.Id("NumNeurons").Op("=").Lit(m.Neurons),
		jen.Comment("DefaultDt, DefaultDuration and DefaultSeed come from the RUN block."),
		jen.Id("DefaultDt").Op("=").Lit(m.Dt),
		jen.Id("DefaultDuration").Op("=").Lit(m.Duration),
		jen.Id("DefaultSeed").Op("=").Lit(m.Seed),
	)
	g.populationTable()
	g.params()
	g.shapeDecl()
	g.model()
	g.newFunc()
	g.step()
	for _, pr := range m.Projs {
		if len(pr.States) > 0 { // output DELTA has no synaptic state
			g.decay(pr)
		}
		g.deliver(pr)
	}
	for _, pop := range m.Pops {
		g.popStep(pop)
	}
	g.accessors()
	g.traces()
	g.inspection()
	g.faults()
	g.tables()
	g.blockBuf()
}

func (g *gen) populationTable() {
	g.f.Comment("Population describes one population: its neurons are Offset to Offset+Size-1")
	g.f.Comment("in the network-wide numbering used by spikes.")
	g.f.Type().Id("Population").Struct(
		jen.Id("Name").String(),
		jen.Id("Type").String(),
		jen.List(jen.Id("Offset"), jen.Id("Size")).Int(),
	)
	var rows []jen.Code
	for _, pop := range g.m.Pops {
		rows = append(rows, jen.Values(jen.Lit(pop.Name), jen.Lit(pop.Type), jen.Lit(pop.Offset), jen.Lit(pop.Size)))
	}
	g.f.Comment("Populations lists the populations in order of their offsets.")
	g.f.Var().Id("Populations").Op("=").Index().Id("Population").Values(rows...)
}

// tabsOf returns the tabulated locals of pop's update in TableSet field
// set, in the order of their indices in it.
func (g *gen) tabsOf(pop *ir.Population, set string) []*ir.Stmt {
	var tabs []*ir.Stmt
	for _, s := range pop.Update {
		if f, ok := g.tabField[s]; ok && f == set {
			tabs = append(tabs, s)
		}
	}
	return tabs
}

// tabOff is the index of tabulated local s's block array among its
// population's (the sets' one after the other).
func (g *gen) tabOff(s *ir.Stmt) int { return g.tabBase[g.tabField[s]] + g.tabIdx[s] }
