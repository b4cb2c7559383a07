package codegen

import (
	"fmt"
	"math"
	"sort"

	"github.com/dave/jennifer/jen"

	"github.com/einetc/einetc/ir"
)

// The SIMD file (<model>_ein_simd.go, built with GOEXPERIMENT=simd on
// amd64) repeats each blocked population update with its phases written in
// archsimd vectors, twice in float64: Float64x8, eight neurons per
// iteration, for CPUs with AVX-512, and Float64x4, four, for CPUs with AVX2
// (the runtime picks one at start-up: runtime.SIMD512, runtime.SIMD); in
// -f32 mode likewise in Float32x16 and Float32x8. Each does the scalar update's operations in
// the scalar update's order, no fused multiply-add. Every lane therefore
// computes exactly what the scalar code computes, and the spikes and states
// are bit-identical with and without SIMD, at either width (the golden
// tests run every build, and the four-lane code also on an AVX-512
// machine, with EINETC_VECTOR=avx2). A phase with an operation archsimd cannot
// express exactly (conditionals, comparisons, calls to package math) stays
// scalar; tables are looked up for the whole block first (TableSet.AtTo);
// the scalar loop also finishes each block's last neurons, and takes over
// from a group of four with a non-finite new state so that the fault is
// reported as without SIMD.

const simdPath = "simd/archsimd"

// venv emits the vector form of a blocked update's phases.
type venv struct {
	b      *blocked
	locals map[*ir.Local]string // this phase's locals, as vectors
	states map[*ir.State]string // this phase's state vectors
	bcast  map[string]string    // scalar hoisted to a vector before the block loop
	consts map[uint64]string    // constant (bits) hoisted to a vector
	corder []float64
	f32    bool // float32 lanes
	n      int  // neurons per vector: 8 or 4 in float64, 16 or 8 in float32
}

// newVenv returns the vector emitter of b on lanes neurons at a time: 8 or
// 4 in float64, 16 or 8 in float32.
func newVenv(b *blocked, lanes int) *venv {
	return &venv{b: b, bcast: map[string]string{}, consts: map[uint64]string{}, f32: b.v.f32, n: lanes}
}

// lanes is the number of neurons per vector.
func (ve *venv) lanes() int { return ve.n }

// vtype is the archsimd vector type: Float64x4, Float64x8, Float32x8 or
// Float32x16.
func (ve *venv) vtype() string {
	if ve.f32 {
		return fmt.Sprintf("Float32x%d", ve.n)
	}
	return fmt.Sprintf("Float64x%d", ve.n)
}

// decls declares the broadcast parameters the vector loops use.
func (ve *venv) decls() []jen.Code {
	names := make([]string, 0, len(ve.bcast))
	for s := range ve.bcast {
		names = append(names, s)
	}
	sort.Strings(names)
	// The parameters reach their vectors through memory: each is stored
	// n times into vbcast (scalar stores, ordered before the vector loads
	// by memory), and the vectors are loaded from there. Broadcasting the
	// scalars instead (archsimd.Broadcast*) makes the compiler convert every
	// scalar to a 128-bit vector first, all of them before the first
	// broadcast; with more than about 14 parameters it spills some of them
	// and reloads them with MOVUPS, a legacy-SSE instruction, after the
	// first broadcast has dirtied the upper halves (about 130 ns each on
	// the Xeon of docs/performance.md).
	var out []jen.Code
	if len(names) > 0 {
		elem := "float64"
		if ve.f32 {
			elem = "float32"
		}
		rows := make([]jen.Code, len(names))
		for i, s := range names {
			vals := make([]jen.Code, ve.n)
			for j := range vals {
				vals[j] = jen.Id(s)
			}
			rows[i] = jen.Line().Values(vals...)
		}
		out = append(out, jen.Id("vbcast").Op(":=").Index(jen.Lit(len(names))).Index(jen.Lit(ve.n)).Id(elem).Values(append(rows, jen.Line())...))
		for i, s := range names {
			out = append(out, jen.Id(ve.bcast[s]).Op(":=").Qual(simdPath, "Load"+ve.vtype()).Call(jen.Op("&").Id("vbcast").Index(jen.Lit(i))))
		}
	}
	for _, c := range ve.corder {
		out = append(out, jen.Id(ve.consts[math.Float64bits(c)]).Op(":=").Qual(simdPath, "Broadcast"+ve.vtype()).Call(ve.b.v.constant(c)))
	}
	return out
}

// constant returns the vector of the constant c, hoisted out of the loops
// (the compiler does not hoist broadcasts itself).
func (ve *venv) constant(c float64) *jen.Statement {
	k := math.Float64bits(c)
	id, ok := ve.consts[k]
	if !ok {
		id = fmt.Sprintf("vc%d", len(ve.corder)+1)
		ve.consts[k] = id
		ve.corder = append(ve.corder, c)
	}
	return jen.Id(id)
}

// scalar returns the vector broadcast of the scalar variable s.
func (ve *venv) scalar(s string) *jen.Statement {
	ve.b.v.id(s) // a float32 copy is then declared
	id, ok := ve.bcast[s]
	if !ok {
		id = "v" + s
		ve.bcast[s] = id
	}
	return jen.Id(id)
}

// ok reports whether phase ph can be written in vector form.
func (ve *venv) ok(ph int, emit []*ir.Stmt, args []*slot) bool {
	good := true
	seen := map[*ir.Local]bool{}
	var check func(e ir.Expr)
	check = func(e ir.Expr) {
		ve.b.p.walk(e, func(x ir.Expr) {
			switch x := x.(type) {
			case *ir.Const, *ir.ParamRef, *ir.StateRef:
			case *ir.Var:
				good = good && (x.Name == "dt" || x.Name == "t")
			case *ir.LocalRef:
				if _, known := ve.b.p.lphase[x.L]; !known && !ve.b.v.perStep[x.L] && !seen[x.L] {
					seen[x.L] = true
					check(x.L.Value) // inlined
				}
			case *ir.Call:
				good = good && ve.b.p.byCall[x] != nil
			case *ir.Unary:
				good = good && x.Op == "-"
			case *ir.Binary:
				switch x.Op {
				case "+", "-", "*", "/":
				case "^":
					good = good && intPower(x.X, x.Y) > 0
				default:
					good = false
				}
			default:
				good = false
			}
		})
	}
	for _, s := range emit {
		check(s.Value)
	}
	for _, sl := range args {
		check(sl.call.Args[0])
	}
	return good
}

// body emits one iteration (neurons i..i+3) of phase ph.
func (ve *venv) body(ph int, emit []*ir.Stmt, args []*slot) []jen.Code {
	b := ve.b
	g := b.g
	ve.locals, ve.states = map[*ir.Local]string{}, map[*ir.State]string{}
	var body []jen.Code
	for _, st := range b.reads(ph, emit, args) {
		id := "vs_" + g.stateField[st]
		ve.states[st] = id
		body = append(body, jen.Id(id).Op(":=").Add(ve.loadState(st)))
	}
	newName := map[*ir.State]string{}
	var news []*ir.State
	ln := newNamer() // vl_ locals of this phase
	for _, s := range emit {
		if s.State != nil {
			id := "vn_" + g.stateField[s.State]
			newName[s.State] = id
			news = append(news, s.State)
			body = append(body, jen.Id(id).Op(":=").Add(ve.num(s.Value)))
			continue
		}
		if q := b.quot[s.Local]; q != nil {
			body = append(body, ve.store(ve.num(q.x), b.p.carried[s.Local]), ve.store(ve.num(q.y), q.den))
			continue
		}
		id := ln.name("vl_" + goIdent(s.Local.Name))
		ve.locals[s.Local] = id
		body = append(body, jen.Id(id).Op(":=").Add(ve.num(s.Value)))
		if c := b.p.carried[s.Local]; c != "" {
			body = append(body, ve.store(jen.Id(id), c))
		}
	}
	for _, sl := range args {
		body = append(body, ve.store(ve.num(sl.call.Args[0]), sl.id))
	}
	if ph == b.p.last {
		body = append(body, ve.finish(news, newName)...)
	}
	return body
}

// finish emits the last phase's check, write-back and spike test for four
// neurons.
func (ve *venv) finish(news []*ir.State, newName map[*ir.State]string) []jen.Code {
	b := ve.b
	g, pop := b.g, b.pop
	var out []jen.Code
	if len(news) > 0 {
		// x−x is 0 for finite x and NaN otherwise; NaN ≠ NaN.
		var sum *jen.Statement
		for _, st := range news {
			d := jen.Id(newName[st]).Dot("Sub").Call(jen.Id(newName[st]))
			if sum == nil {
				sum = d
			} else {
				sum = sum.Dot("Add").Call(d)
			}
		}
		out = append(out,
			jen.Id("fin").Op(":=").Add(sum),
			jen.If(jen.Id("check").Op("&&").Id("fin").Dot("Equal").Call(jen.Id("fin")).Dot("ToBits").Call().Op("!=").Lit(1<<ve.lanes()-1)).Block(
				jen.Break().Comment("the scalar loop redoes these neurons and reports the fault")))
	}
	for _, s := range b.stmts {
		if s.State != nil {
			out = append(out, ve.storeState(jen.Id(newName[s.State]), s.State))
		}
	}
	if pop.Spike.Threshold == nil {
		return out
	}
	th := ve.scalar(b.v.params[pop.Spike.Threshold])
	nv := jen.Id(newName[pop.V])
	var mask *jen.Statement
	if pop.Spike.Crossing {
		mask = jen.Id(ve.states[pop.V]).Dot("LessEqual").Call(th.Clone()).Dot("And").Call(nv.Dot("GreaterEqual").Call(th))
	} else {
		mask = nv.Dot("Greater").Call(th)
	}
	lane := jen.Id("i").Op("+").Id("l")
	spike := []jen.Code{push(jen.Id("lo").Op("+").Add(lane.Clone()).Op("+").Add(g.popOffset(pop)))}
	if _, ok := g.lastField[pop]; ok {
		spike = []jen.Code{jen.If(sinceSpike(lane.Clone()).Op(">=").Id("refr")).Block(
			append(spike, jen.Id("last").Index(lane.Clone()).Op("=").Int32().Call(jen.Id("m").Dot("step")))...)}
	}
	// Only the lanes above threshold, in increasing order (lowest set bit
	// first): a group with one such lane costs one iteration, not one per
	// lane (with a refractory period a neuron stays above threshold for
	// several steps, so most steps have such groups).
	return append(out,
		jen.Comment("spike rule of "+pop.Type+" ("+pop.Pos.String()+")"),
		jen.For(jen.Id("sp").Op(":=").Add(mask).Dot("ToBits").Call(), jen.Id("sp").Op("!=").Lit(0), jen.Id("sp").Op("&=").Id("sp").Op("-").Lit(1)).Block(
			append([]jen.Code{jen.Id("l").Op(":=").Qual("math/bits", "TrailingZeros").Call(jen.Uint().Call(jen.Id("sp")))}, spike...)...))
}

// num emits the vector expression of e, with the scalar emitter's
// operations in its order; in float32, with the negations moved (signed).
func (ve *venv) num(e ir.Expr) *jen.Statement {
	if ve.f32 {
		x, neg := ve.signed(e)
		return ve.negate(x, neg)
	}
	return ve.plain(e)
}

// signed emits e in float32 as x and a sign, e = −x if neg: a negation
// is carried up through products (a sign flip commutes exactly with a
// rounded product) and absorbed by a sum or difference, (−x) + y as
// y − x and x + (−y) as x − y (IEEE defines a − b as a + (−b)), or by a
// constant factor, (−x)·c as x·(−c). Every rewrite gives the scalar
// code's bits; it saves the multiplications by −1 that negations cost in
// vector registers (four per HH neuron's exponential-Euler updates,
// (−A) + (A + s)·e). A sum of two negated terms keeps one negation:
// −(x + y) could differ from (−x) + (−y) in the sign of a zero.
//
// The scalar emitter has its own, narrower rule (negPart in expr.go, every
// precision): only x + (−y), x − (−y) and (−x) + y, with −y a negation or
// a product with one directly negated factor; deeper negations stay unary
// minus there. The float64 vector form keeps every negation (plain), as
// the scalar code's operations. They are not merged into one helper:
// either set of rules applied to the other emitter changes its generated
// code (the goldens).
func (ve *venv) signed(e ir.Expr) (*jen.Statement, bool) {
	switch e := e.(type) {
	case *ir.Unary:
		if e.Op == "-" {
			x, neg := ve.signed(e.X)
			return x, !neg
		}
	case *ir.Binary:
		switch e.Op {
		case "*":
			x, nx := ve.signed(e.X)
			y, ny := ve.signed(e.Y)
			if nx == ny {
				return x.Dot("Mul").Call(y), false
			}
			if c, ok := e.Y.(*ir.Const); ok {
				return x.Dot("Mul").Call(ve.constant(-c.V)), false
			}
			if c, ok := e.X.(*ir.Const); ok {
				return ve.constant(-c.V).Dot("Mul").Call(y), false
			}
			return x.Dot("Mul").Call(y), true
		case "+", "-":
			x, nx := ve.signed(e.X)
			y, ny := ve.signed(e.Y)
			if e.Op == "-" {
				ny = !ny // x − y is x + (−y)
			}
			switch {
			case !nx && !ny:
				return x.Dot("Add").Call(y), false
			case !nx:
				return x.Dot("Sub").Call(y), false
			case !ny:
				return y.Dot("Sub").Call(x), false
			}
			return ve.negate(x, true).Dot("Sub").Call(y), false
		}
	}
	return ve.plain(e), false
}

// negate emits −x if neg: multiplying by −1 flips the sign bit exactly,
// as negation does.
func (ve *venv) negate(x *jen.Statement, neg bool) *jen.Statement {
	if !neg {
		return x
	}
	return x.Dot("Mul").Call(ve.constant(-1))
}

// plain emits e's operation as the scalar emitter writes it, its operands
// through num.
func (ve *venv) plain(e ir.Expr) *jen.Statement {
	b := ve.b
	switch e := e.(type) {
	case *ir.Const:
		return ve.constant(e.V)
	case *ir.ParamRef:
		return ve.scalar(b.v.params[e.P])
	case *ir.StateRef:
		return jen.Id(ve.states[e.S])
	case *ir.Var:
		return ve.scalar(b.v.vars[e.Name])
	case *ir.LocalRef:
		if id, ok := ve.locals[e.L]; ok {
			return jen.Id(id)
		}
		if c := b.p.carried[e.L]; c != "" {
			return ve.load(c)
		}
		if c := b.p.tabArr[e.L]; c != "" {
			return ve.load(c)
		}
		if b.v.perStep[e.L] {
			return ve.scalar(b.v.locals[e.L])
		}
		return ve.num(e.L.Value) // defined elsewhere: inline it, as the scalar code does
	case *ir.Call:
		return ve.load(b.p.byCall[e].id)
	case *ir.Unary: // "-": multiplying by −1 flips the sign bit exactly, as negation does
		return ve.num(e.X).Dot("Mul").Call(ve.constant(-1))
	case *ir.Binary:
		return ve.binary(e)
	}
	panic("codegen: no vector form") // excluded by ok
}

// load and store move arr[i:i+4] through an array pointer: with every
// block slice's capacity cut to the block (blockedLoop) and the loop
// running while i+4 <= nb, the compiler proves the accesses in bounds,
// where LoadFloat64x4Slice(arr[i:]) costs a length check and a pointer
// mask per access.
func (ve *venv) load(arr string) *jen.Statement {
	return jen.Qual(simdPath, "Load"+ve.vtype()).Call(ve.quad(arr, ve.b.v.float()))
}

func (ve *venv) store(v *jen.Statement, arr string) *jen.Statement {
	return v.Dot("Store").Call(ve.quad(arr, ve.b.v.float()))
}

// quad is the array pointer (*[lanes]elem)(arr[i:i+lanes]).
func (ve *venv) quad(arr string, elem *jen.Statement) *jen.Statement {
	w := ve.lanes()
	return jen.Parens(jen.Op("*").Index(jen.Lit(w)).Add(elem)).Call(jen.Id(arr).Index(jen.Id("i").Op(":").Id("i").Op("+").Lit(w)))
}

// loadState and storeState move a vector of states between the model's
// arrays and the update: in float32, a float64 array (a synaptic state)
// through the generated load32/store32 (converting), otherwise as load and
// store.
func (ve *venv) loadState(st *ir.State) *jen.Statement {
	arr := "a_" + ve.b.g.stateField[st]
	if !ve.f32 || ve.b.g.st32[st] {
		return ve.load(arr)
	}
	ve.b.g.needConv32[ve.n] = true
	return jen.Id(conv32Name("load32", ve.n)).Call(ve.quad(arr, jen.Float64()))
}

func (ve *venv) storeState(v *jen.Statement, st *ir.State) *jen.Statement {
	arr := "a_" + ve.b.g.stateField[st]
	if !ve.f32 || ve.b.g.st32[st] {
		return ve.store(v, arr)
	}
	ve.b.g.needConv32[ve.n] = true
	return jen.Id(conv32Name("store32", ve.n)).Call(v, ve.quad(arr, jen.Float64()))
}

var vecOp = map[string]string{"+": "Add", "-": "Sub", "*": "Mul", "/": "Div"}

func (ve *venv) binary(e *ir.Binary) *jen.Statement {
	if e.Op == "^" {
		x := ve.num(e.X)
		for range intPower(e.X, e.Y) - 1 {
			x = x.Dot("Mul").Call(ve.num(e.X))
		}
		return x
	}
	if e.Op == "/" {
		switch q := ve.b.v.quotient(e); q.how {
		case byInv:
			return ve.num(e.X).Dot("Mul").Call(ve.load(ve.b.p.byCall[q.inv].id))
		case byRecip:
			return ve.num(e.X).Dot("Mul").Call(ve.constant(q.recip))
		case byRecipVar:
			return ve.num(e.X).Dot("Mul").Call(ve.scalar(q.rid))
		}
	}
	return ve.num(e.X).Dot(vecOp[e.Op]).Call(ve.num(e.Y))
}
