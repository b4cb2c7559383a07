package codegen

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/dave/jennifer/jen"

	"github.com/einetc/einetc/ir"
)

// blockSize is the number of neurons a blocked update loop advances
// together: its temporaries (one array per exponential and per value
// carried between phases: 19 for COBAHH, 29 KB at 192) stay in the L1
// cache. 192 was the fastest of 128 to 256 on COBAHH once the deferred
// quotients had added their arrays (256 had been the fastest of 32 to 512
// before); the measurements are in docs/performance.md ("Block size"). A
// multiple of 16: the runtime kernels take two groups of eight per
// iteration.
const blockSize = 192

// blockSize32 is blockSize in float32 (-f32): its block arrays take half
// the bytes, so twice the neurons fit the same L1 (measured in
// docs/performance.md, "The float32 mode").
const blockSize32 = 384

// bsize is the block size of the update's precision.
func (g *gen) bsize() int {
	if g.f32 {
		return blockSize32
	}
	return blockSize
}

// A blocked update evaluates the exponentials of a population's update
// (exp, expm1, exprel and the rate factor x/(e^x − 1)) block by block: a
// phase loop computes, for every neuron of the block, the arguments of the
// exponentials whose inputs are ready, one runtime call per exponential
// evaluates them for the whole block (in SIMD where built for it), and the
// next phase uses the results. Phase 0 reads only states and parameters;
// phase p reads exponentials of phase p−1. The last phase computes the new
// states, checks them, writes them back and tests for spikes.
//
// The arithmetic is the scalar update's, operation for operation, except
// that a/exprel(x) becomes a·(x/(e^x − 1)), exp(−x) paired with an
// exponential of x becomes 1/e^x (pairNegations), and a division by a
// constant, a parameter or a per-step value becomes a multiplication by
// its reciprocal (each within an ulp or two; -stdmath keeps the plain
// update as the reference).

// slot is one exponential of a blocked update.
type slot struct {
	call  *ir.Call
	fn    string // runtime slice function
	phase int    // phase whose loop computes its argument
	id    string // its block array
	neg   *slot  // exp(−x) of this slot's argument x, computed with it
	negOf *slot  // this slot is exp(−x) of that slot's argument: no call, no argument of its own
}

// plan is the phase structure of a blocked update.
type plan struct {
	slots   []*slot
	byCall  map[*ir.Call]*slot
	inv     map[*ir.Call]bool // exprel calls that appear as a divisor: use ExprelInv
	phase   map[*ir.Stmt]int
	lphase  map[*ir.Local]int
	carried map[*ir.Local]string // locals used after their phase: their block array
	tabArr  map[*ir.Local]string // tabulated locals: their block array, which TableSet.AtTo fills
	tabs    []*ir.Stmt
	last    int // the last phase
}

var sliceFn = map[string]string{"exp": "ExpSlice", "expm1": "Expm1Slice", "exprel": "ExprelSlice"}

// planBlocked returns the plan of a population's update, or nil if it has
// no exponential to batch (then the plain loop is as good). It runs in
// three steps: phase every statement and find its exponentials (phases),
// choose each exponential's runtime function and pair negations
// (functions), and give the locals read after their phase block arrays
// (carry).
func planBlocked(stmts []*ir.Stmt) *plan {
	p := &plan{byCall: map[*ir.Call]*slot{}, inv: map[*ir.Call]bool{}, phase: map[*ir.Stmt]int{},
		lphase: map[*ir.Local]int{}, carried: map[*ir.Local]string{}, tabArr: map[*ir.Local]string{}}
	divUses, allUses := p.phases(stmts)
	if len(p.slots) == 0 {
		return nil
	}
	p.functions(divUses, allUses)
	p.carry(stmts)
	return p
}

// phases assigns each statement its phase and collects its exponentials
// as slots; tabulated locals are phase 0. It returns, for each call, how
// many times it appears as a divisor and how many times in all.
func (p *plan) phases(stmts []*ir.Stmt) (divUses, allUses map[*ir.Call]int) {
	divUses, allUses = map[*ir.Call]int{}, map[*ir.Call]int{}
	for _, s := range stmts {
		if s.Table != nil {
			p.phase[s] = 0
			p.lphase[s.Local] = 0
			p.tabArr[s.Local] = fmt.Sprintf("t%d", len(p.tabs)+1)
			p.tabs = append(p.tabs, s)
			continue
		}
		ir.Walk(s.Value, func(e ir.Expr) {
			if b, ok := e.(*ir.Binary); ok && b.Op == "/" {
				if c, ok := b.Y.(*ir.Call); ok && c.Fn == "exprel" {
					divUses[c]++
				}
			}
			if c, ok := e.(*ir.Call); ok {
				allUses[c]++
			}
		})
		p.addSlots(s.Value)
		ph := p.phaseOf(s.Value)
		p.phase[s] = ph
		if s.Local != nil {
			p.lphase[s.Local] = ph
		}
		p.last = max(p.last, ph)
	}
	return divUses, allUses
}

// functions names each slot's block array and runtime function: an
// exprel that is only ever a divisor is computed as its inverse. Then it
// pairs negated exponentials.
func (p *plan) functions(divUses, allUses map[*ir.Call]int) {
	for c, n := range divUses {
		p.inv[c] = n == allUses[c] // only ever a divisor
	}
	for i, sl := range p.slots {
		sl.id = fmt.Sprintf("c%d", i+1)
		if p.inv[sl.call] {
			sl.fn = "ExprelInvSlice"
		}
	}
	p.pairNegations()
}

// carry gives the locals read in a later phase than their own a block
// array each.
func (p *plan) carry(stmts []*ir.Stmt) {
	later := map[*ir.Local]bool{}
	uses := func(e ir.Expr, at int) {
		p.walk(e, func(x ir.Expr) {
			if r, ok := x.(*ir.LocalRef); ok {
				if ph, ok := p.lphase[r.L]; ok && ph < at {
					later[r.L] = true
				}
			}
		})
	}
	for _, s := range stmts {
		if s.Table != nil {
			continue
		}
		at := p.phase[s]
		if s.State != nil {
			at = p.last
		}
		uses(s.Value, at)
	}
	for _, sl := range p.slots {
		if sl.negOf != nil {
			continue // its argument is not computed
		}
		uses(sl.call.Args[0], sl.phase)
	}
	for _, s := range stmts {
		if s.Local != nil && later[s.Local] && p.tabArr[s.Local] == "" {
			p.carried[s.Local] = fmt.Sprintf("b%d", len(p.carried)+1)
		}
	}
}

func (p *plan) walk(e ir.Expr, f func(ir.Expr)) {
	f(e)
	switch e := e.(type) {
	case *ir.Call:
		if p.byCall[e] != nil {
			return
		}
		for _, a := range e.Args {
			p.walk(a, f)
		}
	case *ir.Unary:
		p.walk(e.X, f)
	case *ir.Binary:
		p.walk(e.X, f)
		p.walk(e.Y, f)
	case *ir.Cond:
		p.walk(e.C, f)
		p.walk(e.T, f)
		p.walk(e.E, f)
	}
}

// addSlots gives every batchable call in e (innermost first) a slot.
func (p *plan) addSlots(e ir.Expr) {
	ir.Walk(e, func(x ir.Expr) {
		c, ok := x.(*ir.Call)
		if !ok || sliceFn[c.Fn] == "" || len(c.Args) != 1 || p.byCall[c] != nil {
			return
		}
		p.addSlots(c.Args[0])
		sl := &slot{call: c, fn: sliceFn[c.Fn], phase: p.phaseOf(c.Args[0])}
		p.byCall[c] = sl
		p.slots = append(p.slots, sl)
	})
}

// phaseOf returns the first phase in which e can be computed.
func (p *plan) phaseOf(e ir.Expr) int {
	ph := 0
	ir.Walk(e, func(x ir.Expr) {
		switch x := x.(type) {
		case *ir.Call:
			if sl := p.byCall[x]; sl != nil {
				ph = max(ph, sl.phase+1)
			}
		case *ir.LocalRef:
			ph = max(ph, p.lphase[x.L])
		}
	})
	return ph
}

// blocked emits the block loop of one population update.
type blocked struct {
	g      *gen
	pop    *ir.Population
	p      *plan
	v      *env
	stmts  []*ir.Stmt
	states []*ir.State
	ln     *namer
	vec    *venv // nil: scalar loops only
	quot   map[*ir.Local]*deferred
	parts  map[*slot]string    // pair slots whose 1/e^x is deferred: the den array
	divs   map[*slot][2]string // exp slots called as ExpDivSlice: the q and d arrays
	dens   []string            // the den arrays, in order
	arrs   []string            // every block array (arrays)
}

// deferred is a quotient X/Y whose division a runtime call does: its
// phase stores X in the local's block array and Y in den, and the
// ExpDivSlice call of slot exp divides them.
type deferred struct {
	x, y ir.Expr
	den  string
	exp  *slot
}

// blockedLoop emits the block loop of a population update with plan p. pre
// has set up v (parameters, per-step locals, the chunk's state arrays a_*).
// With lanes (4 or 8; 0 for none), phases whose arithmetic archsimd can
// express get a loop over groups of that many neurons before the scalar
// loop that finishes the block.
func (g *gen) blockedLoop(pop *ir.Population, p *plan, v *env, stmts []*ir.Stmt, states []*ir.State, lanes int) []jen.Code {
	b := &blocked{g: g, pop: pop, p: p, v: v, stmts: stmts, states: states, ln: newNamer()}
	if lanes > 0 {
		b.vec = newVenv(b, lanes)
	}
	b.deferQuotients()
	arrs := b.arrays()
	b.arrs = arrs
	v.slots = map[*ir.Call]string{}
	v.inv = p.inv

	block := b.prologue(arrs)
	for ph := 0; ph <= p.last; ph++ {
		block = append(block, b.phase(ph)...)
	}
	out := []jen.Code{jen.Comment(fmt.Sprintf("Blocks of %d neurons; one runtime call per exponential and block (see einetc's codegen/batch.go).", g.bsize()))}
	if b.vec != nil {
		out = append(out, b.vec.decls()...)
	}
	out = append(out, g.blockArrays(arrs, p, v.f32, b.flat())...)
	if b.vec != nil && len(p.tabs) > 0 {
		// The block loop then starts with no vector in a register, and its
		// back edge reloads none among the scalars it reloads for the table
		// lookup at its top (legacy SSE after AVX: docs/performance.md,
		// "Exact float64, fourth pass"). Without tables it measured slower
		// (examples/einet +2 %).
		out = append(out, jen.Qual(simdPath, "ClearAVXUpperBits").Call())
	}
	return append(out,
		jen.For(jen.Id("b0").Op(":=").Lit(0), jen.Id("b0").Op("<").Id("n"), jen.Id("b0").Op("+=").Lit(g.bsize())).Block(block...))
}

// flat reports whether the block arrays are read as one array, bk[o_c1+i]
// (the scalar float64 form), rather than through one pointer each, c1[i]
// (see blockArrays).
func (b *blocked) flat() bool { return b.vec == nil && !b.v.f32 }

// elem is element i of block array id, as the environment names it. A
// table array (tabArr) is never in bk: its own array, t1[i].
func (b *blocked) elem(id string) string {
	if b.flat() && !b.isTab(id) {
		return "bk[o_" + id + "+i]"
	}
	return id + "[i]"
}

// block is block array id's first nb elements, the slice a runtime call
// takes (a table array's too).
func (b *blocked) block(id string) *jen.Statement {
	if b.flat() && !b.isTab(id) {
		return jen.Id("bk").Index(jen.Id("o_" + id).Op(":").Id("o_" + id).Op("+").Id("nb"))
	}
	return jen.Id(id).Index(jen.Op(":").Id("nb"))
}

// arrays returns the names of the block arrays: one per exponential and
// per carried local.
func (b *blocked) arrays() []string {
	var arrs []string
	for _, sl := range b.p.slots {
		arrs = append(arrs, sl.id)
	}
	for _, s := range b.stmts {
		if s.Local != nil && b.p.carried[s.Local] != "" {
			arrs = append(arrs, b.p.carried[s.Local])
		}
	}
	return append(arrs, b.dens...)
}

// Deferred quotients. A phase loop that divides several times per neuron
// waits on the divider (one division of four or eight lanes every 8–16
// cycles on the CPUs measured), while the exponential kernels after it
// leave the divider idle. So a quotient X/Y of the update that only
// later phases read is not divided in its phase: the phase stores X in
// the quotient's block array and Y in a den array, and one of the phase's
// exp calls becomes ExpDivSlice (ExpDivSlice32 in float32), which divides
// them while it computes the exponentials. The division is the same IEEE
// operation on the same operands, so the bits do not change.

// The same holds for a pair kernel (an exponential and e^−x = 1/e^x from
// one reduction): with ExprelInv's division it divides twice per value. Its
// parts form stores 1 and e^x, and a plain exp call after it in the same
// phase divides them.

// deferQuotients chooses the divisions to defer: first the 1/e^x of each
// pair slot, to a plain exp slot called after it in its phase; then the
// carried locals whose value is a division the emitters write as X/Y,
// read by no statement or exponential argument of their own phase, to a
// plain exp slot of that phase. One division per exp slot.
func (b *blocked) deferQuotients() {
	b.quot, b.parts, b.divs = map[*ir.Local]*deferred{}, map[*slot]string{}, map[*slot][2]string{}
	if b.v.stdMath {
		return
	}
	newDen := func() string {
		den := fmt.Sprintf("d%d", len(b.dens)+1)
		b.dens = append(b.dens, den)
		return den
	}
	free := func(sl *slot, ph int) bool {
		_, taken := b.divs[sl]
		return sl.phase == ph && sl.fn == "ExpSlice" && sl.neg == nil && sl.negOf == nil && !taken
	}
	for i, sl := range b.p.slots {
		if sl.neg == nil {
			continue
		}
		for _, e := range b.p.slots[i+1:] {
			if free(e, sl.phase) {
				den := newDen()
				b.parts[sl] = den
				b.divs[e] = [2]string{sl.neg.id, den}
				break
			}
		}
	}
	own := b.readInOwnPhase()
	for _, s := range b.stmts {
		if s.Local == nil || s.Table != nil || b.p.carried[s.Local] == "" || own[s.Local] {
			continue
		}
		e, ok := s.Value.(*ir.Binary)
		if !ok || e.Op != "/" {
			continue
		}
		if _, call := e.Y.(*ir.Call); call || b.v.quotient(e).how != byDiv {
			continue
		}
		for _, sl := range b.p.slots {
			if free(sl, b.p.phase[s]) {
				den := newDen()
				b.quot[s.Local] = &deferred{x: e.X, y: e.Y, den: den, exp: sl}
				b.divs[sl] = [2]string{b.p.carried[s.Local], den}
				break
			}
		}
	}
}

// readInOwnPhase returns the update's locals that a statement or an
// exponential argument of their own phase reads, directly or through a
// local emitted inline.
func (b *blocked) readInOwnPhase() map[*ir.Local]bool {
	own := map[*ir.Local]bool{}
	var scan func(e ir.Expr, at int, seen map[*ir.Local]bool)
	scan = func(e ir.Expr, at int, seen map[*ir.Local]bool) {
		b.p.walk(e, func(x ir.Expr) {
			r, ok := x.(*ir.LocalRef)
			if !ok {
				return
			}
			if ph, ok := b.p.lphase[r.L]; ok {
				if ph == at {
					own[r.L] = true
				}
			} else if !b.v.perStep[r.L] && !seen[r.L] {
				seen[r.L] = true
				scan(r.L.Value, at, seen)
			}
		})
	}
	for _, s := range b.stmts {
		if s.Table != nil {
			continue
		}
		at := b.p.phase[s]
		if s.State != nil {
			at = b.p.last
		}
		scan(s.Value, at, map[*ir.Local]bool{})
	}
	for _, sl := range b.p.slots {
		if sl.negOf == nil {
			scan(sl.call.Args[0], sl.phase, map[*ir.Local]bool{})
		}
	}
	return own
}

// prologue returns the start of a block: its size nb, its first neuron,
// the block's slices of the state arrays (and, in SIMD, of the block
// arrays) and the table lookups of its neurons.
func (b *blocked) prologue(arrs []string) []jen.Code {
	g, p := b.g, b.p
	block := []jen.Code{
		jen.Id("nb").Op(":=").Min(jen.Lit(g.bsize()), jen.Id("n").Op("-").Id("b0")),
		jen.Comment("lo is the block's first neuron from here on."),
		jen.Id("lo").Op(":=").Id("lo").Op("+").Id("b0")}
	// The block's slices get length and capacity nb, so that the loops'
	// i < nb (and i+4 <= nb) bound every access.
	for _, st := range b.states {
		a := "a_" + g.stateField[st]
		block = append(block, jen.Id(a).Op(":=").Id(a).Index(jen.Id("b0").Op(":").Id("b0").Op("+").Id("nb").Op(":").Id("b0").Op("+").Id("nb")))
	}
	if b.vec != nil { // (the scalar loops measured faster on the arrays themselves)
		var lhs, rhs []jen.Code
		reslice := func(a string) {
			lhs = append(lhs, jen.Id(a))
			rhs = append(rhs, jen.Id(a).Index(jen.Op(":").Id("nb").Op(":").Id("nb")))
		}
		for _, a := range arrs {
			reslice(a)
		}
		for _, s := range p.tabs {
			reslice(p.tabArr[s.Local])
		}
		block = append(block, jen.List(lhs...).Op(":=").List(rhs...))
	}
	if _, ok := g.lastField[b.pop]; ok {
		block = append(block, jen.Id("last").Op(":=").Id("last").Index(jen.Id("b0").Op(":").Id("b0").Op("+").Id("nb")))
	}
	if len(p.tabs) > 0 {
		// One lookup per grid fills the block arrays of its tables.
		for _, set := range g.tabSets[b.pop] {
			from := jen.Op(":")
			if off := g.tabBase[set] * g.bsize(); off > 0 { // blockArrays' layout of tv
				from = jen.Lit(off).Op(":")
			}
			block = append(block, jen.Id("m").Dot(set).Dot("AtTo").Call(jen.Id("tv").Index(from), jen.Lit(g.bsize()), jen.Id("a_"+g.stateField[b.pop.V])))
		}
	}
	return block
}

// phase returns the loop of phase ph over the block (in SIMD, four neurons
// at a time, then the rest), followed by the runtime calls that evaluate
// the exponentials whose arguments it computed.
func (b *blocked) phase(ph int) []jen.Code {
	var block []jen.Code
	emit, args := b.items(ph)
	b.earlier(ph)
	if ph == b.p.last && len(args) == 0 {
		if steps := b.eulerSteps(emit); steps != nil {
			return b.eulerPhase(steps)
		}
	}
	scalar := b.scalarBody(ph, emit, args)
	if b.vec != nil && b.vec.ok(ph, emit, args) {
		vbody := b.vec.body(ph, emit, args)
		w := b.vec.lanes()
		block = append(block, jen.Block(
			jen.Id("i").Op(":=").Lit(0),
			jen.For(jen.Op(";").Id("i").Op("+").Lit(w).Op("<=").Id("nb"), jen.Id("i").Op("+=").Lit(w)).Block(vbody...),
			jen.Comment("Scalar SSE code after AVX runs several times slower unless the upper halves"),
			jen.Comment("are cleared: also without a tail, the compiler may load the tail's scalars."),
			jen.Qual(simdPath, "ClearAVXUpperBits").Call(),
			jen.For(jen.Op(";").Id("i").Op("<").Id("nb"), jen.Id("i").Op("++")).Block(scalar...)))
	} else {
		if b.vec != nil {
			block = append(block, jen.Qual(simdPath, "ClearAVXUpperBits").Call().Comment("before scalar code"))
		}
		block = append(block, jen.For(jen.Id("i").Op(":=").Range().Id("nb")).Block(scalar...))
	}
	for _, sl := range args {
		nb := b.block
		if den, ok := b.parts[sl]; ok {
			block = append(block, jen.Qual(rtPath, b.v.fn(partsFn[sl.fn])).Call(nb(sl.id), nb(sl.neg.id), nb(den)))
			continue
		}
		if sl.neg != nil {
			block = append(block, jen.Qual(rtPath, b.v.fn(pairFn[sl.fn])).Call(nb(sl.id), nb(sl.neg.id)))
			continue
		}
		if qd, ok := b.divs[sl]; ok {
			block = append(block, jen.Qual(rtPath, b.v.fn("ExpDivSlice")).Call(nb(sl.id), nb(qd[0]), nb(qd[1])))
			continue
		}
		fn := sl.fn
		if b.v.f32 {
			fn = sliceFn32[fn]
		}
		block = append(block, jen.Qual(rtPath, fn).Call(nb(sl.id)))
	}
	return block
}

// Exponential-Euler steps in the runtime. The last phase of the scalar
// float64 form computes each state's new value n = (B + s)·C − B (the IR's
// (−B) + (B + s)·C, written without the negation) from two block arrays
// and the old value, checks it and stores it: a third of the portable
// step's phase time for COBAHH, one neuron at a time. When that is all the
// phase does, it calls runtime.ExpEulerSlice once per state instead, which
// runs the same IEEE operations in vector registers where the CPU has
// them (AVX-512 or AVX2 assembly in both builds, the Go loop elsewhere),
// stores n and leaves the old value in C's array, and reports whether
// every n is finite; only a block with a non-finite value runs the
// neuron-by-neuron check, which reports the same first neuron, old and new
// values as before. runtime.AboveMask then compares the block's v with the
// threshold, and only the neurons above it are visited for the spike.

// eulerStep is one state's step in the last phase: its block arrays B and
// C, and for the form s + h·C·B (ind_exp_euler) the factor h, a parameter,
// constant or dt; nil for (B + s)·C − B.
type eulerStep struct {
	s    *ir.Stmt
	b, c string
	h    ir.Expr
}

// eulerSteps returns the steps of the last phase's statements emit, or nil
// unless it can run them as runtime calls: the scalar float64 form, every
// statement a state's (−B) + (B + s)·C with B and C block arrays of
// earlier phases, each C used once and never as a B (ExpEulerSlice
// overwrites C), or a state's s + h·C·B (indStep); no refractory hold, no
// ON_SPIKE or reset, and a spike rule, if any, with a parameter threshold
// (v > θ, or the crossing rule, which reads the old v from C's array).
func (b *blocked) eulerSteps(emit []*ir.Stmt) []eulerStep {
	pop := b.pop
	if !b.flat() || len(pop.Hold) > 0 || len(pop.OnSpike) > 0 || len(emit) == 0 {
		return nil
	}
	if pop.Spike.PerNeuron != nil {
		return nil
	}
	elem := map[string]string{}
	for _, id := range b.arrs {
		elem[b.elem(id)] = id
	}
	for _, id := range b.p.tabArr { // filled again by each block's lookup
		elem[b.elem(id)] = id
	}
	array := func(e ir.Expr) string {
		switch e := e.(type) {
		case *ir.LocalRef:
			return elem[b.v.locals[e.L]]
		case *ir.Call:
			return elem[b.v.slots[e]]
		}
		return ""
	}
	var steps []eulerStep
	uses := map[string]int{}
	updated := map[*ir.State]bool{}
	for _, s := range emit {
		if s.State == nil || updated[s.State] || b.g.st32[s.State] {
			return nil
		}
		updated[s.State] = true
		e, ok := s.Value.(*ir.Binary)
		if !ok || e.Op != "+" || negPart(e.Y) != nil {
			return nil
		}
		if st, ok := b.indStep(s, e, array); ok {
			uses[st.b]++
			uses[st.c]++
			steps = append(steps, st)
			continue
		}
		neg, ok := e.X.(*ir.Unary)
		if !ok || neg.Op != "-" {
			return nil
		}
		prod, ok := e.Y.(*ir.Binary)
		if !ok || prod.Op != "*" {
			return nil
		}
		sum, ok := prod.X.(*ir.Binary)
		if !ok || sum.Op != "+" {
			return nil
		}
		if r, ok := sum.Y.(*ir.StateRef); !ok || r.S != s.State {
			return nil
		}
		st := eulerStep{s: s, b: array(neg.X), c: array(prod.Y)}
		if st.b == "" || st.c == "" || array(sum.X) != st.b {
			return nil
		}
		uses[st.b]++
		uses[st.c]++
		steps = append(steps, st)
	}
	for _, st := range steps {
		if uses[st.c] != 1 {
			return nil
		}
	}
	if pop.Spike.Threshold != nil && !updated[pop.V] {
		return nil
	}
	return steps
}

// isTab reports whether block array id is a table array (tabArr).
func (b *blocked) isTab(id string) bool {
	for _, t := range b.p.tabArr {
		if t == id {
			return true
		}
	}
	return false
}

// indStep matches s + h·C·B, which the scalar emitter writes so (the
// products grouped (h·C)·B), with h the same for every neuron.
func (b *blocked) indStep(s *ir.Stmt, e *ir.Binary, array func(ir.Expr) string) (eulerStep, bool) {
	if r, ok := e.X.(*ir.StateRef); !ok || r.S != s.State {
		return eulerStep{}, false
	}
	prod, ok := e.Y.(*ir.Binary)
	if !ok || prod.Op != "*" {
		return eulerStep{}, false
	}
	hc, ok := prod.X.(*ir.Binary)
	if !ok || hc.Op != "*" {
		return eulerStep{}, false
	}
	switch hc.X.(type) {
	case *ir.Var, *ir.ParamRef, *ir.Const:
	default:
		return eulerStep{}, false
	}
	st := eulerStep{s: s, b: array(prod.Y), c: array(hc.Y), h: hc.X}
	return st, st.b != "" && st.c != ""
}

// eulerPhase emits the last phase as ExpEulerSlice and IndEulerSlice calls
// (see eulerSteps).
func (b *blocked) eulerPhase(steps []eulerStep) []jen.Code {
	g, v := b.g, b.v
	newName := map[*ir.State]string{}
	var block, reads []jen.Code
	for k, st := range steps {
		a := "a_" + g.stateField[st.s.State]
		id := b.ln.name("n_" + g.stateField[st.s.State])
		newName[st.s.State] = id
		reads = append(reads, jen.Id(id).Op(":=").Id(a).Index(jen.Id("i")))
		call := jen.Qual(rtPath, "ExpEulerSlice").Call(jen.Id(a), b.block(st.b), b.block(st.c))
		if st.h != nil {
			call = jen.Qual(rtPath, "IndEulerSlice").Call(jen.Id(a), b.block(st.c), b.block(st.b), v.num(st.h))
		}
		if st.s.Src != "" {
			block = append(block, jen.Comment(st.s.Src))
		}
		if k == 0 {
			block = append(block, jen.Id("fin").Op(":=").Add(call))
		} else {
			block = append(block, jen.Id("fin").Op("=").Add(call).Op("&&").Id("fin"))
		}
	}
	// The check reports the old values, which C's array now holds.
	old := map[*ir.State]string{}
	for _, st := range steps {
		old[st.s.State] = v.states[st.s.State]
		v.states[st.s.State] = b.elem(st.c)
	}
	check := g.finiteCheck(b.pop, v, newName)
	block = append(block, jen.If(jen.Op("!").Id("fin")).Block(
		jen.For(jen.Id("i").Op(":=").Range().Id("nb")).Block(append(slices.Clip(reads), check...)...)))
	if b.pop.Spike.Threshold != nil && b.pop.Spike.Crossing {
		// The crossing rule reads the old v too, from C's array.
		body := []jen.Code{jen.Id(newName[b.pop.V]).Op(":=").Id("a_" + g.stateField[b.pop.V]).Index(jen.Id("i"))}
		body = append(body, g.spikeTest(b.pop, v, newName)...)
		block = append(block, jen.For(jen.Id("i").Op(":=").Range().Id("nb")).Block(body...))
	}
	for s, id := range old {
		v.states[s] = id
	}
	if th := b.pop.Spike.Threshold; th != nil && !b.pop.Spike.Crossing {
		// The spike test v > θ: runtime.AboveMask compares the block in
		// vector registers, and only the neurons above θ are visited.
		block = append(block,
			jen.Var().Id("above").Index(jen.Lit((g.bsize()+63)/64)).Uint64(),
			jen.Qual(rtPath, "AboveMask").Call(jen.Id("a_"+g.stateField[b.pop.V]), v.id(v.params[th]), jen.Id("above").Index(jen.Op(":"))),
			jen.For(jen.List(jen.Id("k"), jen.Id("word")).Op(":=").Range().Id("above")).Block(
				jen.For(jen.Id("word").Op("!=").Lit(0)).Block(append([]jen.Code{
					jen.Id("i").Op(":=").Id("k").Op("*").Lit(64).Op("+").Qual("math/bits", "TrailingZeros64").Call(jen.Id("word")),
					jen.Id("word").Op("&=").Id("word").Op("-").Lit(1)},
					g.fire(b.pop, v, newName, nil)...)...)))
	}
	return block
}

// items returns the statements and the exponential arguments that phase
// ph computes.
func (b *blocked) items(ph int) (emit []*ir.Stmt, args []*slot) {
	for _, s := range b.stmts {
		if s.Table == nil && (s.Local != nil && b.p.phase[s] == ph || s.State != nil && ph == b.p.last) {
			emit = append(emit, s)
		}
	}
	for _, sl := range b.p.slots {
		if sl.phase == ph && sl.negOf == nil {
			args = append(args, sl)
		}
	}
	return emit, args
}

// earlier points the environment at the arrays holding earlier phases'
// results.
func (b *blocked) earlier(ph int) {
	for l, id := range b.p.carried {
		if b.p.lphase[l] < ph {
			b.v.locals[l] = b.elem(id)
		}
	}
	for l, id := range b.p.tabArr {
		b.v.locals[l] = id + "[i]"
	}
	for _, sl := range b.p.slots {
		if sl.phase < ph {
			b.v.slots[sl.call] = b.elem(sl.id)
		}
	}
}

// reads returns the states phase ph reads, in field order.
func (b *blocked) reads(ph int, emit []*ir.Stmt, args []*slot) []*ir.State {
	need := map[*ir.State]bool{}
	for _, s := range emit { // tabulated locals are not among them: AtTo reads v
		b.g.stateRefs(b.p, s.Value, b.v, need)
	}
	for _, sl := range args {
		b.g.stateRefs(b.p, sl.call.Args[0], b.v, need)
	}
	if ph == b.p.last {
		for _, s := range b.stmts {
			if s.State != nil {
				need[s.State] = true // the finite check reports the old values
			}
		}
		if b.pop.Spike.Threshold != nil && b.pop.Spike.Crossing {
			need[b.pop.V] = true
		}
		for _, s := range append(slices.Clip(b.pop.Hold), b.pop.OnSpike...) {
			b.g.stateRefs(b.p, s.Value, b.v, need)
		}
	}
	return b.g.sortStates(need)
}

// scalarBody emits one neuron's share of phase ph.
func (b *blocked) scalarBody(ph int, emit []*ir.Stmt, args []*slot) []jen.Code {
	g, v, p := b.g, b.v, b.p
	var body []jen.Code
	for _, st := range b.reads(ph, emit, args) {
		body = append(body, g.readState(v, st, jen.Id("i")))
	}
	newName := map[*ir.State]string{}
	for _, s := range emit {
		if s.Src != "" {
			body = append(body, jen.Comment(s.Src))
		}
		if s.State != nil {
			id := b.ln.name("n_" + g.stateField[s.State])
			newName[s.State] = id
			body = append(body, jen.Id(id).Op(":=").Add(v.typed(s.Value)))
			continue
		}
		if q := b.quot[s.Local]; q != nil {
			body = append(body, jen.Id(b.elem(p.carried[s.Local])).Op("=").Add(v.num(q.x)),
				jen.Id(b.elem(q.den)).Op("=").Add(v.num(q.y)))
			continue
		}
		id := b.ln.name("l_" + goIdent(s.Local.Name))
		v.locals[s.Local] = id
		body = append(body, jen.Id(id).Op(":=").Add(v.typed(s.Value)))
		if c := p.carried[s.Local]; c != "" {
			body = append(body, jen.Id(b.elem(c)).Op("=").Id(id))
		}
	}
	for _, sl := range args {
		body = append(body, jen.Id(b.elem(sl.id)).Op("=").Add(v.num(sl.call.Args[0])))
	}
	if ph == p.last {
		body = append(body, g.hold(b.pop, v, newName)...)
		body = append(body, g.finiteCheck(b.pop, v, newName)...)
		body = append(body, g.writeBack(v, b.stmts, newName, jen.Id("i"))...)
		if b.pop.Spike.Threshold != nil {
			body = append(body, g.spikeTest(b.pop, v, newName)...)
		}
	}
	return body
}

// stateRefs adds the states that emitting e in env v reads: directly, or
// through locals that are neither statements of the update nor hoisted and
// so are emitted inline (each looked into once: locals that reuse each
// other twice would otherwise be walked exponentially often).
func (g *gen) stateRefs(p *plan, e ir.Expr, v *env, need map[*ir.State]bool) {
	g.stateRefsSeen(p, e, v, need, map[*ir.Local]bool{})
}

func (g *gen) stateRefsSeen(p *plan, e ir.Expr, v *env, need map[*ir.State]bool, seen map[*ir.Local]bool) {
	p.walk(e, func(x ir.Expr) {
		switch x := x.(type) {
		case *ir.StateRef:
			need[x.S] = true
		case *ir.LocalRef:
			_, stmt := p.lphase[x.L]
			_, named := v.locals[x.L]
			if !stmt && !named && !seen[x.L] { // inlined: look inside
				seen[x.L] = true
				g.stateRefsSeen(p, x.L.Value, v, need, seen)
			}
		}
	})
}

func (g *gen) sortStates(m map[*ir.State]bool) []*ir.State {
	var out []*ir.State
	for st := range m {
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return g.stateField[out[i]] < g.stateField[out[j]] })
	return out
}

// reciprocal returns 1/c when multiplying by it is as good as dividing by
// c: c finite and nonzero with a finite, nonzero reciprocal.
func reciprocal(c float64) (float64, bool) {
	r := 1 / c
	ok := c != 0 && !math.IsInf(c, 0) && !math.IsNaN(c) && r != 0 && !math.IsInf(r, 0)
	return r, ok
}

// blockArrays names the block arrays of an update as array pointers into
// part w's blockBuf, c1 := (*[192]float64)(blk.f64[0:]), …: the block
// arrays of the update's exponentials and carried locals, then tv, those of
// its tables one after the other (TableSet.AtTo fills them with one call),
// with each table's named in turn. On the stack they were zeroed at every
// call: 30 KB and about a microsecond per part and step for examples/einet
// (docs/performance.md, "Parts per worker").
//
// flat (the scalar float64 form, blocked.flat) views them instead as one
// array, bk := (*[n]float64)(blk.f64[0:n]), each at a constant offset,
// const o_c1, o_c2 = 0, 192: the loops index bk[o_c1+i], one base
// register for all of them, where COBAHH's nineteen pointers had taken
// most of the general registers and the compiler reloaded them from the
// stack around every store (portable step −9 %, docs/performance.md).
func (g *gen) blockArrays(arrs []string, p *plan, f32, flat bool) []jen.Code {
	bs := g.bsize() // the loop's block: every array below holds one block
	out := []jen.Code{jen.Id("blk").Op(":=").Op("&").Id("m").Dot("blocks").Index(jen.Id("w"))}
	if flat && len(arrs) > 0 {
		n := len(arrs) * bs
		out = append(out, jen.Id("bk").Op(":=").Parens(jen.Op("*").Index(jen.Lit(n)).Float64()).Call(jen.Id("blk").Dot("f64").Index(jen.Lit(0).Op(":").Lit(n))))
		var consts []jen.Code
		for i, a := range arrs {
			consts = append(consts, jen.Id("o_"+a).Op("=").Lit(i*bs))
		}
		out = append(out, jen.Const().Defs(consts...))
	}
	view := func(name string, field string, t *jen.Statement, off int) jen.Code {
		return jen.Id(name).Op(":=").Parens(jen.Op("*").Index(jen.Lit(bs)).Add(t)).Call(jen.Id("blk").Dot(field).Index(jen.Lit(off).Op(":")))
	}
	field, t, n64 := "f64", jen.Float64(), 0
	if f32 {
		field, t = "f32", jen.Float32()
	}
	for i, a := range arrs {
		if !flat { // flat: bk and the offsets above
			out = append(out, view(a, field, t.Clone(), i*bs))
		}
	}
	if f32 {
		g.blk32 = max(g.blk32, len(arrs)*bs)
	} else {
		n64 = len(arrs) * bs
	}
	if len(p.tabs) > 0 {
		out = append(out, jen.Id("tv").Op(":=").Id("blk").Dot("f64").Index(jen.Lit(n64).Op(":").Lit(n64+len(p.tabs)*bs)))
		for _, s := range p.tabs {
			out = append(out, jen.Id(p.tabArr[s.Local]).Op(":=").Parens(jen.Op("*").Index(jen.Lit(bs)).Float64()).Call(jen.Id("tv").Index(jen.Lit(g.tabOff(s)*bs).Op(":"))))
		}
		n64 += len(p.tabs) * bs
	}
	g.blk64 = max(g.blk64, n64)
	return out
}

// pageBytes is the page size blockBuf is padded to.
const pageBytes = 4096

// blockBuf emits the type of a part's block arrays, sized for the largest
// blocked update of the model; nothing if no update runs in blocks.
func (g *gen) blockBuf() {
	if !g.anyBlocked() {
		return
	}
	fields := []jen.Code{jen.Id("f64").Index(jen.Lit(g.blk64)).Float64()}
	if g.blk32 > 0 {
		fields = append(fields, jen.Id("f32").Index(jen.Lit(g.blk32)).Float32())
	}
	// Whole 4 KB pages, so that no two parts' block arrays share a page: with
	// examples/einet's 23 040 bytes, part 0's last array and part 1's first
	// shared one, which the two cores write at the same time
	// (docs/performance.md, "The concurrent slowdown is in sharing one model").
	if pad := (pageBytes - (8*g.blk64+4*g.blk32)%pageBytes) % pageBytes; pad > 0 {
		fields = append(fields, jen.Id("_").Index(jen.Lit(pad)).Byte())
	}
	g.f.Comment("blockBuf holds the block arrays of one part's blocked neuron updates")
	g.f.Comment("(einetc's codegen/batch.go): in the model, not on the stack, so that a")
	g.f.Comment("step does not zero them at every call. Its size is a whole number of")
	g.f.Comment("4 KB pages, so that two parts' arrays never share one.")
	g.f.Type().Id("blockBuf").Struct(fields...)
}

// pairFn is the slice function that also computes exp(−x).
var pairFn = map[string]string{"ExpSlice": "ExpAndNegSlice", "Expm1Slice": "Expm1AndNegSlice",
	"ExprelSlice": "ExprelAndNegSlice", "ExprelInvSlice": "ExprelInvAndNegSlice"}

// partsFn is the pair function that leaves 1/e^x to an ExpDivSlice call.
var partsFn = map[string]string{"ExpSlice": "ExpAndNegPartsSlice", "Expm1Slice": "Expm1AndNegPartsSlice",
	"ExprelSlice": "ExprelAndNegPartsSlice", "ExprelInvSlice": "ExprelInvAndNegPartsSlice"}

// pairNegations shares one exponential between exp(−x) and an exponential
// of x (exp, expm1, exprel or the inverted exprel) of the same phase: the
// runtime's pair function computes e^−x as 1/e^x from the first one's
// reduction. In the Traub–Miles rates, β_m's exprel((u − 40)/5) and β_h's
// exp((40 − u)/5) are such a pair.
func (p *plan) pairNegations() {
	for _, b := range p.slots {
		if b.call.Fn != "exp" || b.neg != nil || b.negOf != nil {
			continue
		}
		for _, a := range p.slots {
			if a != b && a.neg == nil && a.negOf == nil && a.phase == b.phase && negated(a.call.Args[0], b.call.Args[0]) {
				a.neg, b.negOf = b, a
				break
			}
		}
	}
}

// negated reports whether y is −x exactly in floating point: −x, x·c and
// −x·c, x/c and −x/c, a − b and b − a.
func negated(x, y ir.Expr) bool {
	same := func(a, b ir.Expr) bool { return ir.Key(a) == ir.Key(b) }
	if u, ok := y.(*ir.Unary); ok && u.Op == "-" && same(u.X, x) {
		return true
	}
	if u, ok := x.(*ir.Unary); ok && u.Op == "-" && same(u.X, y) {
		return true
	}
	if a, ok := x.(*ir.Const); ok {
		if b, ok := y.(*ir.Const); ok {
			return a.V == -b.V && a.V != 0
		}
	}
	a, ok1 := x.(*ir.Binary)
	b, ok2 := y.(*ir.Binary)
	if !ok1 || !ok2 || a.Op != b.Op {
		return false
	}
	switch a.Op {
	case "*", "/":
		return negated(a.X, b.X) && same(a.Y, b.Y) || same(a.X, b.X) && negated(a.Y, b.Y)
	case "-":
		return same(a.X, b.Y) && same(a.Y, b.X)
	}
	return false
}
