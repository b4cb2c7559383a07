package codegen

// The synaptic phase of a step: decay and delivery of each projection.

import (
	"github.com/dave/jennifer/jen"

	"github.com/einetc/einetc/ir"
)

// decay emits the per-step update of a projection's synaptic states over
// the chunk [lo, hi) of the target population.
func (g *gen) decay(pr *ir.Projection) {
	name := g.decayFn[pr]
	pre, v, states := g.hoist(pr.PerStep, pr.Update, nil, chunked, false)
	read, compute, newName := g.body(pr.Update, v, states, jen.Id("i"))
	body := []jen.Code{
		jen.List(jen.Id("lo"), jen.Id("hi")).Op("=").Max(jen.Id("lo"), g.rangeLo(pr.Post)).Op(",").Min(jen.Id("hi"), g.rangeHi(pr.Post)),
		jen.If(jen.Id("lo").Op(">=").Id("hi")).Block(jen.Return()),
		jen.Id("n").Op(":=").Id("hi").Op("-").Id("lo"),
	}
	body = append(body, pre...)
	if st, k := scaling(pr.Update, v); st != nil {
		// A state decaying by a per-step factor: one vector call.
		body = append(body, jen.Qual(rtPath, "ScaleSlice").Call(jen.Id("a_"+g.stateField[st]), v.num(k)))
	} else if st, a, b := indDecay(pr.Update, v); st != nil {
		// The same under ind_exp_euler: x + a·((−x)·b), one vector call.
		body = append(body, jen.Qual(rtPath, "IndDecaySlice").Call(jen.Id("a_"+g.stateField[st]), a, b))
	} else {
		body = append(body, jen.For(jen.Id("i").Op(":=").Range().Id("n")).Block(
			append(append(read, compute...), g.writeBack(v, pr.Update, newName, jen.Id("i"))...)...))
	}
	g.f.Commentf("%s advances the synaptic states of projection %s (%s) by one step,", name, pr.Name, pr.Pos)
	g.f.Comment("for the target neurons in [lo, hi).")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id(name).Params(jen.List(jen.Id("lo"), jen.Id("hi")).Int()).Block(body...)
}

// scaling returns the state and the factor of an update that is one state
// times a value the same for every neuron (a parameter or a per-step
// local), as the exponential decay of a single synaptic state is; else nil.
func scaling(update []*ir.Stmt, v *env) (*ir.State, ir.Expr) {
	if len(update) != 1 || update[0].State == nil {
		return nil, nil
	}
	s := update[0]
	e, ok := s.Value.(*ir.Binary)
	if !ok || e.Op != "*" {
		return nil, nil
	}
	for _, xy := range [2][2]ir.Expr{{e.X, e.Y}, {e.Y, e.X}} {
		if isState(xy[0], s.State) && v.stepIdent(xy[1]) != "" {
			return s.State, xy[1]
		}
	}
	return nil, nil
}

// indDecay matches the ind_exp_euler update of a single decaying state,
// l := (−x)/τ (or (−x)·b); x' = x + a·l, with a, b and τ the same for every
// neuron and τ's reciprocal computed once per step: it returns the state
// and the Go expressions of a and b as the scalar code emits them, or nil.
func indDecay(update []*ir.Stmt, v *env) (*ir.State, *jen.Statement, *jen.Statement) {
	if len(update) != 2 || update[0].Local == nil || update[1].State == nil {
		return nil, nil, nil
	}
	l, x := update[0].Local, update[1].State
	neg, ok := update[0].Value.(*ir.Binary)
	if !ok {
		return nil, nil, nil
	}
	if u, ok := neg.X.(*ir.Unary); !ok || u.Op != "-" || !isState(u.X, x) {
		return nil, nil, nil
	}
	var b *jen.Statement
	switch {
	case neg.Op == "*" && v.stepIdent(neg.Y) != "":
		b = v.num(neg.Y)
	case neg.Op == "/":
		if q := v.quotient(neg); q.how == byRecipVar {
			b = v.id(q.rid)
		}
	}
	sum, ok := update[1].Value.(*ir.Binary)
	if b == nil || !ok || sum.Op != "+" || !isState(sum.X, x) {
		return nil, nil, nil
	}
	prod, ok := sum.Y.(*ir.Binary)
	if !ok || prod.Op != "*" || v.stepIdent(prod.X) == "" {
		return nil, nil, nil
	}
	if r, ok := prod.Y.(*ir.LocalRef); !ok || r.L != l {
		return nil, nil, nil
	}
	return x, v.num(prod.X), b
}

func isState(e ir.Expr, s *ir.State) bool {
	r, ok := e.(*ir.StateRef)
	return ok && r.S == s
}

// deliver emits the spike delivery of a projection to the target neurons in
// [lo, hi): for each presynaptic spike, in increasing neuron order, the
// ON_SPIKE statements run for each of its targets in the chunk, in
// increasing order. Each target's sum is therefore formed in the same order
// whatever the chunking, so the result is reproducible.
func (g *gen) deliver(pr *ir.Projection) {
	if pr.Weights != nil || pr.Delays != nil {
		g.deliverHetero(pr)
		return
	}
	name := g.deliverFn[pr]
	post := pr.Post.Pop
	pre, v, states := g.hoist(nil, pr.OnSpike, nil, whole(g.popSize(post)), false)
	v.vars["w"] = "w"
	read, compute, newName := g.body(pr.OnSpike, v, states, jen.Id("k"))
	// The presynaptic range in the network's numbering, the postsynaptic
	// one relative to its population: literals, or (structural models)
	// locals read from m.sh once.
	var body []jen.Code
	preLo, preHi, postLo, postHi := g.absLo(pr.Pre), g.absHi(pr.Pre), g.rangeLo(pr.Post), g.rangeHi(pr.Post)
	if g.sh != nil {
		body = append(body, jen.List(jen.Id("preLo"), jen.Id("preHi"), jen.Id("postLo"), jen.Id("postHi")).Op(":=").List(preLo, preHi, postLo, postHi))
		preLo, preHi, postLo, postHi = jen.Id("preLo"), jen.Id("preHi"), jen.Id("postLo"), jen.Id("postHi")
	}
	body = append(body,
		jen.If(jen.Id("lo").Op(">=").Add(postHi).Op("||").Id("hi").Op("<=").Add(postLo.Clone())).Block(jen.Return()),
		jen.Id("first").Op(":=").Int32().Call(jen.Max(jen.Id("lo").Op("-").Add(postLo.Clone()), jen.Lit(0))),
	)
	body = append(append(body, pre...), g.deltaPrelude(pr)...)
	body = append(body,
		jen.Id("w").Op(":=").Id("m").Dot("P").Dot(g.paramField[pr.Weight]),
		jen.List(jen.Id("start"), jen.Id("_")).Op(":=").Qual("slices", "BinarySearch").Call(jen.Id("spikes"), preLo.Clone()),
		jen.Id("ptr").Op(",").Id("idx").Op(":=").Id("m").Dot(g.connField[pr]).Dot("Ptr").Op(",").Id("m").Dot(g.connField[pr]).Dot("Idx"),
		jen.Id("starts").Op(":=").Id("m").Dot(g.startField[pr]),
		// Every spiking row's first target is asked for before the loop, so
		// that the rows' cache misses overlap (runtime.PrefetchRows).
		jen.Qual(rtPath, "PrefetchRows").Call(jen.Id("spikes").Index(jen.Id("start").Op(":")), preLo.Clone(), preHi.Clone(), jen.Id("ptr"), jen.Id("idx"), jen.Id("starts"), jen.Id("m").Dot("nw"), jen.Id("part")),
		jen.For(jen.List(jen.Id("_"), jen.Id("s")).Op(":=").Range().Id("spikes").Index(jen.Id("start").Op(":"))).Block(
			jen.If(jen.Id("s").Op(">=").Add(preHi)).Block(jen.Break()),
			jen.Id("i").Op(":=").Id("s").Op("-").Add(preLo.Clone()),
			jen.Id("row").Op(":=").Id("idx").Index(jen.Id("ptr").Index(jen.Id("i")).Op(":").Id("ptr").Index(jen.Id("i").Op("+").Lit(1))),
			jen.Id("r0").Op(":=").Lit(0),
			jen.If(jen.Id("first").Op(">").Lit(0)).Block(g.partStart(jen.Id("row"), true)...), // only a later part's chunk starts inside a row
			jen.For(jen.List(jen.Id("_"), jen.Id("j")).Op(":=").Range().Id("row").Index(jen.Id("r0").Op(":"))).Block(
				append(append(append([]jen.Code{
					jen.Id("k").Op(":=").Int().Call(jen.Id("j")).Op("+").Add(postLo.Clone()),
					jen.If(jen.Id("k").Op(">=").Id("hi")).Block(jen.Break()),
				}, append(g.deltaLost(pr), read...)...), compute...), g.writeBack(v, pr.OnSpike, newName, jen.Id("k"))...)...),
		),
	)
	g.f.Commentf("%s delivers the presynaptic spikes of projection %s (%s)", name, pr.Name, pr.Pos)
	g.f.Comment("to its targets in [lo, hi) of the target population.")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id(name).Params(jen.Id("part").Int(), jen.Id("spikes").Index().Int32(), jen.List(jen.Id("lo"), jen.Id("hi")).Int()).Block(body...)
}

// partStart emits the assignment to r0 of where part's chunk starts in
// row (of presynaptic neuron i): from the table SetWorkers built
// (runtime.CSR.PartStarts) if table and it exists, else by a binary search
// of the row for the chunk's first target, first.
func (g *gen) partStart(row jen.Code, table bool) []jen.Code {
	search := jen.List(jen.Id("r0"), jen.Id("_")).Op("=").Qual("slices", "BinarySearch").Call(row, jen.Id("first"))
	if !table {
		return []jen.Code{search}
	}
	return []jen.Code{jen.If(jen.Id("starts").Op("!=").Nil()).Block(
		jen.Id("r0").Op("=").Int().Call(jen.Id("starts").Index(jen.Int().Call(jen.Id("i")).Op("*").Id("m").Dot("nw").Op("+").Id("part"))),
	).Else().Block(search)}
}
