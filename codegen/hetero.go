package codegen

// Per-connection weights and delays: computed in New, read by delivery.

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/einetc/einetc/ir"
)

// streamSynapse is the stream of per-connection draws:
// (streamSynapse<<32 | 2·projection number + (0 weights, 1 delays), pre neuron).
const streamSynapse = 4

// synVar names New's local slice of projection n's per-connection weights
// ("W") or delays ("D"), in ms, before they are checked and stored.
func synVar(kind string, n int) string { return fmt.Sprintf("syn%s%d", kind, n) }

// synDecls declares the slices that synFiles and synValues fill.
func (g *gen) synDecls(pr *ir.Projection, n int) []jen.Code {
	var ids []jen.Code
	if pr.Weights != nil {
		ids = append(ids, jen.Id(synVar("W", n)))
	}
	if pr.Delays != nil {
		ids = append(ids, jen.Id(synVar("D", n)))
	}
	if ids == nil {
		return nil
	}
	return []jen.Code{jen.Var().List(ids...).Index().Float64()}
}

// synFiles emits, inside the block that reads projection n's pairs file
// (pre, post, perm in scope), the reading of its per-connection files: row r
// of a value file is the connection of row r of the pairs file, which is
// synapse perm[r] of the CSR. It returns nil when no value comes from a
// file.
func (g *gen) synFiles(pr *ir.Projection, n int) []jen.Code {
	var blk []jen.Code
	for _, f := range []struct {
		v    *ir.PerSynapse
		kind string
	}{{pr.Weights, "W"}, {pr.Delays, "D"}} {
		if f.v == nil || f.v.File == "" {
			continue
		}
		dst := jen.Id(synVar(f.kind, n))
		blk = append(blk, jen.Block(
			jen.List(jen.Id("name"), jen.Err()).Op(":=").Qual(rtPath, "DataFile").Call(jen.Id("p").Dot("DataDir"), jen.Lit(f.v.File)),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.List(jen.Id("vals"), jen.Err()).Op(":=").Qual(rtPath, "ReadValues").Call(jen.Id("name"), jen.Len(jen.Id("pre"))),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			dst.Clone().Op("=").Make(jen.Index().Float64(), jen.Len(jen.Id("vals"))),
			jen.For(jen.List(jen.Id("r"), jen.Id("q")).Op(":=").Range().Id("perm")).Block(
				dst.Clone().Index(jen.Id("q")).Op("=").Id("vals").Index(jen.Id("r"))),
		))
	}
	return blk
}

// synValues emits, after projection n's connectivity is built, the
// computation of its per-connection expressions, then the checks, the
// conversion of delays to steps and the sort of each row by delay.
func (g *gen) synValues(pr *ir.Projection, n int) []jen.Code {
	conn := jen.Id("m").Dot(g.connField[pr])
	var out []jen.Code
	for k, f := range []struct {
		v    *ir.PerSynapse
		kind string
	}{{pr.Weights, "W"}, {pr.Delays, "D"}} {
		if f.v == nil || f.v.File != "" {
			continue
		}
		out = append(out, jen.Commentf("%s: %s of projection %s, %s", f.v.Pos, map[string]string{"W": "weights", "D": "delays"}[f.kind], pr.Name, f.v.String()))
		out = append(out, g.synExpr(pr, f.v, jen.Id(synVar(f.kind, n)), streamID(streamSynapse, 2*n+k))...)
	}
	if pr.Weights != nil {
		unit := map[string]string{"COBA": "nS", "CUBA": "pA", "DELTA": "mV"}[pr.Output]
		out = append(out,
			jen.Id("m").Dot(g.wField[pr]).Op("=").Id(synVar("W", n)),
			jen.If(jen.Err().Op(":=").Qual(rtPath, "CheckSynapseValues").Call(jen.Op("&").Add(conn.Clone()), jen.Id(synVar("W", n)), jen.Lit(pr.Output == "COBA"), jen.Lit("projection "+pr.Name+": weight"), jen.Lit(unit)),
				jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())))
	}
	if pr.Delays != nil {
		sd, d := jen.Id("m").Dot(g.sdField[pr]), jen.Id("m").Dot(g.delayField[pr])
		vals := []jen.Code{jen.Op("&").Add(conn.Clone()), sd.Clone()}
		if pr.Weights != nil {
			vals = append(vals, jen.Id("m").Dot(g.wField[pr]))
		}
		out = append(out,
			jen.List(sd.Clone(), d.Clone(), jen.Err()).Op("=").Qual(rtPath, "SynapseDelays").Call(jen.Op("&").Add(conn.Clone()), jen.Id(synVar("D", n)), jen.Id("p").Dot("Dt"), g.neurons(), jen.Lit("projection "+pr.Name+": delay")),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Qual(rtPath, "SortByDelay").Call(vals...))
	}
	return out
}

// synExpr emits dst = one value of v per connection, row by row: the
// draws of presynaptic neuron i come from their own stream, in the row's
// order, so the values depend only on the seed and the connectivity.
func (g *gen) synExpr(pr *ir.Projection, v *ir.PerSynapse, dst *jen.Statement, stream uint64) []jen.Code {
	conn := jen.Id("m").Dot(g.connField[pr])
	e := g.initEnv(pr.Post.Pop)
	e.vars["i"] = "float64(i)"
	e.vars["j"] = "float64(j)"
	readsJ := false
	ir.Walk(v.Expr, func(x ir.Expr) {
		if vr, ok := x.(*ir.Var); ok && vr.Name == "j" {
			readsJ = true
		}
	})
	var inner []jen.Code
	if readsJ {
		inner = append(inner, jen.Id("j").Op(":=").Add(conn.Clone()).Dot("Idx").Index(jen.Id("q")))
	}
	for k, d := range v.Draws {
		r := fmt.Sprintf("r%d", k)
		e.vars[r] = r
		var val jen.Code
		if d.Normal {
			val = constant(d.A).Op("+").Add(constant(d.B)).Op("*").Id("rng").Dot("Normal").Call()
		} else {
			val = constant(d.A).Op("+").Parens(constant(d.B).Op("-").Add(constant(d.A))).Op("*").Id("rng").Dot("Float64").Call()
		}
		inner = append(inner, jen.Id(r).Op(":=").Add(val))
	}
	inner = append(inner, dst.Clone().Index(jen.Id("q")).Op("=").Add(e.num(v.Expr)))
	var row []jen.Code
	if len(v.Draws) > 0 {
		row = append(row, jen.Id("rng").Op(":=").Qual(rtPath, "Key").Call(jen.Id("p").Dot("Seed"), jen.Lit(stream), jen.Uint64().Call(jen.Id("i")), jen.Lit(0)))
	}
	row = append(row, jen.For(jen.Id("q").Op(":=").Add(conn.Clone()).Dot("Ptr").Index(jen.Id("i")), jen.Id("q").Op("<").Add(conn.Clone()).Dot("Ptr").Index(jen.Id("i").Op("+").Lit(1)), jen.Id("q").Op("++")).Block(inner...))
	return []jen.Code{
		dst.Clone().Op("=").Make(jen.Index().Float64(), conn.Clone().Dot("NumSynapses").Call()),
		jen.For(jen.Id("i").Op(":=").Range().Add(conn.Clone()).Dot("NumPre").Call()).Block(row...),
	}
}

// deliverCall is the step's call of projection pr's delivery: with one
// delay, the spikes emitted 1+delay steps ago; with a delay per
// connection, the delivery reads the ring itself.
func (g *gen) deliverCall(pr *ir.Projection) jen.Code {
	if pr.Delays != nil {
		return jen.Id("m").Dot(g.deliverFn[pr]).Call(jen.Id("lo"), jen.Id("hi"))
	}
	return jen.Id("m").Dot(g.deliverFn[pr]).Call(jen.Id("w"), jen.Id("m").Dot("ring").Dot("Ago").Call(jen.Id("m").Dot(g.delayField[pr])), jen.Id("lo"), jen.Id("hi"))
}

// deliverHetero emits the delivery of a projection with per-connection
// weights or delays to its targets in [lo, hi). With per-connection delays,
// the spikes emitted 1+d steps ago reach the connections of delay d, for
// d = 0, 1, … up to the longest delay: each row is sorted by delay, so
// those connections are a contiguous segment, in ascending target order.
// A target's sum is formed in the order (d, presynaptic neuron, position
// in the row) whatever the chunking, so the result is reproducible.
func (g *gen) deliverHetero(pr *ir.Projection) {
	name := g.deliverFn[pr]
	post := pr.Post.Pop
	pre, v, states := g.hoist(nil, pr.OnSpike, nil, whole(g.popSize(post)), false)
	v.vars["w"] = "w"
	read, compute, newName := g.body(pr.OnSpike, v, states, jen.Id("k"))
	// The ranges as in deliver: literals, or locals read from m.sh once.
	var body []jen.Code
	preLo, preHi, postLo, postHi := g.absLo(pr.Pre), g.absHi(pr.Pre), g.rangeLo(pr.Post), g.rangeHi(pr.Post)
	if g.sh != nil {
		body = append(body, jen.List(jen.Id("preLo"), jen.Id("preHi"), jen.Id("postLo"), jen.Id("postHi")).Op(":=").List(preLo, preHi, postLo, postHi))
		preLo, preHi, postLo, postHi = jen.Id("preLo"), jen.Id("preHi"), jen.Id("postLo"), jen.Id("postHi")
	}
	conn := jen.Id("m").Dot(g.connField[pr])
	w := jen.Id("w").Op(":=").Id("m").Dot("P").Dot(g.paramField[pr.Weight])
	if pr.Weights != nil {
		w = jen.Id("w").Op(":=").Id("wts").Index(jen.Id("q"))
	}
	inner := append(append(append([]jen.Code{
		jen.Id("k").Op(":=").Int().Call(jen.Id("idx").Index(jen.Id("q"))).Op("+").Add(postLo.Clone()),
		jen.If(jen.Id("k").Op(">=").Id("hi")).Block(jen.Break()),
		w,
	}, append(g.deltaLost(pr), read...)...), compute...), g.writeBack(v, pr.OnSpike, newName, jen.Id("k"))...)
	// seg emits the delivery of spike s to the connections [x, y).
	seg := func(xy jen.Code) []jen.Code {
		start := append([]jen.Code{jen.Id("r0").Op(":=").Lit(0)}, g.partStart(jen.Id("idx").Index(jen.Id("x").Op(":").Id("y")), pr.Delays == nil)...)
		return []jen.Code{
			jen.Id("i").Op(":=").Int().Call(jen.Id("s").Op("-").Add(preLo.Clone())),
			jen.List(jen.Id("x"), jen.Id("y")).Op(":=").Add(xy),
			jen.If(jen.Id("first").Op(">").Lit(0)).Block( // only a later part's chunk starts inside a segment
				append(start, jen.Id("x").Op("+=").Id("r0"))...),
			jen.For(jen.Id("q").Op(":=").Id("x"), jen.Id("q").Op("<").Id("y"), jen.Id("q").Op("++")).Block(inner...),
		}
	}
	spikeLoop := func(spikes jen.Code, xy jen.Code) []jen.Code {
		return []jen.Code{
			jen.List(jen.Id("start"), jen.Id("_")).Op(":=").Qual("slices", "BinarySearch").Call(spikes, preLo.Clone()),
			jen.For(jen.List(jen.Id("_"), jen.Id("s")).Op(":=").Range().Add(spikes).Index(jen.Id("start").Op(":"))).Block(
				append([]jen.Code{jen.If(jen.Id("s").Op(">=").Add(preHi.Clone())).Block(jen.Break())}, seg(xy)...)...),
		}
	}
	body = append(body,
		jen.If(jen.Id("lo").Op(">=").Add(postHi).Op("||").Id("hi").Op("<=").Add(postLo.Clone())).Block(jen.Return()),
		jen.Id("first").Op(":=").Int32().Call(jen.Max(jen.Id("lo").Op("-").Add(postLo.Clone()), jen.Lit(0))),
	)
	body = append(append(body, pre...), g.deltaPrelude(pr)...)
	if pr.Delays == nil {
		body = append(body, jen.Id("ptr").Op(",").Id("idx").Op(":=").Add(conn.Clone()).Dot("Ptr").Op(",").Add(conn.Clone()).Dot("Idx"),
			jen.Id("starts").Op(":=").Id("m").Dot(g.startField[pr]))
	} else {
		body = append(body, jen.Id("idx").Op(":=").Add(conn.Clone()).Dot("Idx"))
	}
	if pr.Weights != nil {
		body = append(body, jen.Id("wts").Op(":=").Id("m").Dot(g.wField[pr]))
	}
	params := []jen.Code{jen.Id("part").Int(), jen.Id("spikes").Index().Int32(), jen.List(jen.Id("lo"), jen.Id("hi")).Int()}
	if pr.Delays == nil {
		body = append(body, spikeLoop(jen.Id("spikes"), jen.List(jen.Int().Call(jen.Id("ptr").Index(jen.Id("i"))), jen.Int().Call(jen.Id("ptr").Index(jen.Id("i").Op("+").Lit(1)))))...)
	} else {
		params = params[2:]
		body = append(body, jen.For(jen.Id("d").Op(":=").Lit(0), jen.Id("d").Op("<=").Id("m").Dot(g.delayField[pr]), jen.Id("d").Op("++")).Block(
			append([]jen.Code{jen.Id("spikes").Op(":=").Id("m").Dot("ring").Dot("Ago").Call(jen.Id("d"))},
				spikeLoop(jen.Id("spikes"), jen.Qual(rtPath, "DelaySegment").Call(jen.Op("&").Add(conn.Clone()), jen.Id("m").Dot(g.sdField[pr]), jen.Id("i"), jen.Int32().Call(jen.Id("d"))))...)...))
	}
	g.f.Commentf("%s delivers the presynaptic spikes of projection %s (%s)", name, pr.Name, pr.Pos)
	g.f.Comment("to its targets in [lo, hi) of the target population, with the weight and")
	g.f.Comment("delay of each connection.")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id(name).Params(params...).Block(body...)
}

// deltaLost emits, for output DELTA onto a population with a reset and a
// refractory period, the jumps that are dropped. Brian2 adds a step's
// jumps after its threshold and before its reset, and a variable marked
// (unless refractory) takes no write while the neuron is refractory; here
// the jumps of Brian2's step n arrive at the start of step n + 1. So:
//   - a jump at the start of the step right after the target's spike is
//     lost (Brian2's reset follows, and overwrites, the jumps of its spike
//     step);
//   - if REFRACTORY holds v (frozen or clamped, Brian2's (unless
//     refractory)), so are the jumps of the following steps up to and
//     including step k + R after a spike in step k (R = round(refractory/dt)):
//     Brian2's not_refractory is false in its steps k … k + R − 1.
func (g *gen) deltaLost(pr *ir.Projection) []jen.Code {
	last, drops, window := g.deltaDrops(pr)
	if !drops {
		return nil
	}
	if window {
		since := jen.Id("m").Dot("step").Op("-").Int().Call(jen.Id("m").Dot(last).Index(jen.Id("k")))
		return []jen.Code{jen.If(since.Op("<=").Id("refr")).Block(jen.Continue())}
	}
	return []jen.Code{jen.If(jen.Int().Call(jen.Id("m").Dot(last).Index(jen.Id("k"))).Op("==").Id("m").Dot("step").Op("-").Lit(1)).Block(jen.Continue())}
}

// deltaPrelude emits, before the delivery loops of a projection whose
// deltaLost reads it, refr: the refractory period of the target in steps.
func (g *gen) deltaPrelude(pr *ir.Projection) []jen.Code {
	if _, _, window := g.deltaDrops(pr); !window {
		return nil
	}
	return []jen.Code{jen.Id("refr").Op(":=").Int().Call(jen.Qual("math", "Round").Call(
		jen.Id("m").Dot("P").Dot(g.paramField[pr.Post.Pop.Spike.Refractory]).Op("/").Id("m").Dot("P").Dot("Dt")))}
}

// deltaDrops reports whether deltaLost drops jumps of pr (output DELTA
// onto a population with a refractory period, whose reset sets v), with
// the target's last-spike field, and whether over the refractory window
// (its REFRACTORY block holds v too) or only right after the spike.
func (g *gen) deltaDrops(pr *ir.Projection) (last string, drops, window bool) {
	post := pr.Post.Pop
	last, ok := g.lastField[post]
	if pr.Output != "DELTA" || !ok || !setsState(post.OnSpike, post.V) {
		return "", false, false
	}
	return last, true, setsState(post.Hold, post.V)
}

// setsState reports whether one of stmts sets state x.
func setsState(stmts []*ir.Stmt, x *ir.State) bool {
	for _, s := range stmts {
		if s.State == x {
			return true
		}
	}
	return false
}
