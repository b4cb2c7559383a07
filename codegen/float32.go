package codegen

// The float32 mode (Options.F32, einetc -f32): a population's update
// computes in float32. Its states are stored as []float32 where only that
// update reads and writes them (markStored32), so it loads and stores them
// without conversion; StateArrays returns them as NamedArray.Data32. What
// stays float64, because it accumulates or must not drift: the synaptic
// states (decay and delivery: a conductance sums many small increments),
// which the update reads rounded to float32, a neuron state that a
// projection writes (output DELTA), I_ext, time and the step counter,
// parameters and the per-step values computed from them, which are then
// rounded once to float32 (fp_P_area := float32(p_P_area)) for the
// per-neuron arithmetic. The blocked update's exponentials are the
// runtime's float32 functions (Exp32, ...), sixteen or eight lanes at a
// time; other functions (log, pow, ...) are package math's in float64,
// rounded once.

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/dave/jennifer/jen"

	"github.com/einetc/einetc/ir"
)

// fn32 names the runtime's float32 forms of the exponentials.
var fn32 = map[string]string{"exp": "Exp32", "expm1": "Expm1_32", "exprel": "Exprel32"}

// sliceFn32 names the float32 slice functions.
var sliceFn32 = map[string]string{"ExpSlice": "ExpSlice32", "Expm1Slice": "Expm1Slice32",
	"ExprelSlice": "ExprelSlice32", "ExprelInvSlice": "ExprelInvSlice32"}

// fn returns the runtime function name for the environment's precision:
// Select → Select32, B2F → B2F32.
func (v *env) fn(name string) string {
	if v.f32 {
		return name + "32"
	}
	return name
}

// float returns the element type of the update's arithmetic.
func (v *env) float() *jen.Statement {
	if v.f32 {
		return jen.Float32()
	}
	return jen.Float64()
}

// math emits a call of a float64 function of package math: in float32,
// with its arguments widened and its result rounded once.
func (v *env) math(f *jen.Statement, args ...jen.Code) *jen.Statement {
	if !v.f32 {
		return f.Call(args...)
	}
	wide := make([]jen.Code, len(args))
	for i, a := range args {
		wide[i] = jen.Float64().Call(a)
	}
	return jen.Float32().Call(f.Call(wide...))
}

// constant emits x; in float32, a constant past float32's range is ±Inf
// (an untyped constant that overflows float32 does not compile) and the
// special values are converted.
func (v *env) constant(x float64) *jen.Statement {
	if !v.f32 {
		return constant(x)
	}
	if f := float32(x); math.IsInf(float64(f), 0) || math.IsNaN(x) {
		return jen.Float32().Call(constant(float64(f)))
	}
	return constant(x)
}

// typed emits e as the value of a new local: in float32, a constant
// expression (whose Go type would otherwise be float64) is converted.
func (v *env) typed(e ir.Expr) *jen.Statement {
	if v.f32 && isConstExpr(e) {
		return jen.Float32().Call(v.num(e))
	}
	return v.num(e)
}

// isConstExpr reports whether e is built from constants only.
func isConstExpr(e ir.Expr) bool {
	c := true
	ir.Walk(e, func(x ir.Expr) {
		switch x.(type) {
		case *ir.Const, *ir.Unary, *ir.Binary:
		default:
			c = false
		}
	})
	return c
}

// readState emits the read of state st's element idx from its chunk array,
// converted to the update's precision where it is stored in the other.
func (g *gen) readState(v *env, st *ir.State, idx jen.Code) jen.Code {
	a := jen.Id("a_" + g.stateField[st]).Index(idx)
	switch {
	case v.f32 && !g.st32[st]:
		a = jen.Float32().Call(a)
	case !v.f32 && g.st32[st]:
		a = jen.Float64().Call(a)
	}
	return jen.Id(v.states[st]).Op(":=").Add(a)
}

// stored emits x, a new value of state st computed in v's precision, in
// the precision st is stored in.
func (g *gen) stored(v *env, st *ir.State, x jen.Code) *jen.Statement {
	switch {
	case g.st32[st] && !v.f32:
		return jen.Float32().Call(x)
	case g.st32[st]:
		return jen.Add(x)
	}
	return v.widen(x)
}

// elem is the element type of state st's array.
func (g *gen) elem(st *ir.State) *jen.Statement {
	if g.st32[st] {
		return jen.Float32()
	}
	return jen.Float64()
}

// markStored32 chooses, in the float32 mode, the states stored as
// float32: every state of a neuron population that only the
// population's (float32) update reads and writes. A state that a
// projection reads or writes (an output DELTA adds its jumps to v: a sum
// of many increments) stays float64, as do the synaptic states and I_ext
// (the sum of the INPUT currents, added in New).
func (g *gen) markStored32() {
	g.st32 = map[*ir.State]bool{}
	if !g.f32 {
		return
	}
	shared := map[*ir.State]bool{}
	walk := func(x ir.Expr) {
		if r, ok := x.(*ir.StateRef); ok {
			shared[r.S] = true
		}
	}
	mark := func(e ir.Expr) { // the states e reads, also through its locals
		ir.Walk(e, walk)
		for _, l := range ir.LocalsOf(e) {
			ir.Walk(l.Value, walk)
		}
	}
	for _, pr := range g.m.Projs {
		for _, s := range slices.Concat(pr.PerStep, pr.Update, pr.OnSpike) {
			if s.State != nil {
				shared[s.State] = true
			}
			mark(s.Value)
		}
		if pr.OutExpr != nil {
			mark(pr.OutExpr)
		}
	}
	for _, pop := range g.m.Pops {
		for _, st := range pop.States {
			if pop.Kind == ir.NeuronPop && st != pop.IExt && !shared[st] {
				g.st32[st] = true
			}
		}
	}
}

// copyValues emits the copy of vals, read from a data file, into dst, the
// slice of state st's array: rounded, if st is stored as float32.
func (g *gen) copyValues(st *ir.State, dst *jen.Statement) jen.Code {
	if !g.st32[st] {
		return jen.Copy(dst, jen.Id("vals"))
	}
	return jen.Block(jen.Id("dst").Op(":=").Add(dst),
		jen.For(jen.List(jen.Id("k"), jen.Id("x")).Op(":=").Range().Id("vals")).Block(
			jen.Id("dst").Index(jen.Id("k")).Op("=").Float32().Call(jen.Id("x"))))
}

// widen emits x as a float64.
func (v *env) widen(x jen.Code) *jen.Statement {
	if v.f32 {
		return jen.Float64().Call(x)
	}
	return jen.Add(x)
}

// to32 switches v, set up by hoist with float64 parameters, variables
// and per-step values, to a float32 update: each of them is named by its
// float32 copy, declared by conversions32 if the update reads it.
func (v *env) to32() {
	v.f32, v.conv, v.used = true, map[string]string{}, map[string]bool{}
	rename := func(id string) string {
		f := "f" + id
		v.conv[f] = id
		return f
	}
	for p, id := range v.params {
		v.params[p] = rename(id)
	}
	for k, id := range v.vars {
		v.vars[k] = rename(id)
	}
	for l, id := range v.locals {
		if v.perStep[l] {
			v.locals[l] = rename(id)
		}
	}
	recips := map[string]string{}
	for k, id := range v.recips { // keyed by the divisor, now its copy
		recips["f"+k] = rename(id)
	}
	v.recips = recips
}

// conversions32 declares the float32 copies the update has read, in the
// order of their names.
func (v *env) conversions32() []jen.Code {
	var names []string
	for f := range v.used {
		names = append(names, f)
	}
	sort.Strings(names)
	var out []jen.Code
	for _, f := range names {
		out = append(out, jen.Id(f).Op(":=").Float32().Call(jen.Id(v.conv[f])))
	}
	return out
}

// conv32Name names the helper fn ("load32" or "store32") of lanes lanes:
// load32 and store32 for eight, load32x16 and store32x16 for sixteen.
func conv32Name(fn string, lanes int) string {
	if lanes == 8 {
		return fn
	}
	return fmt.Sprintf("%sx%d", fn, lanes)
}

// conv32Helpers emits into the SIMD file the functions, of the widths the
// vector loops use, that move eight or sixteen states between a float64
// array and a Float32x8 or Float32x16 (VCVTPD2PS and VCVTPS2PD on each
// half).
func (g *gen) conv32Helpers() {
	for _, lanes := range []int{8, 16} {
		if !g.needConv32[lanes] {
			continue
		}
		h := lanes / 2
		wide, narrow := fmt.Sprintf("Float64x%d", h), fmt.Sprintf("Float32x%d", lanes)
		half := func(lo int) *jen.Statement {
			return jen.Parens(jen.Op("*").Index(jen.Lit(h)).Float64()).Call(jen.Id("p").Index(jen.Lit(lo).Op(":").Lit(lo + h)))
		}
		arr := jen.Op("*").Index(jen.Lit(lanes)).Float64()
		load, store := conv32Name("load32", lanes), conv32Name("store32", lanes)
		g.simd.Commentf("%s rounds %s float64 states to a %s.", load, numWord[lanes], narrow)
		g.simd.Func().Id(load).Params(jen.Id("p").Add(arr.Clone())).Qual(simdPath, narrow).Block(
			jen.Id("lo").Op(":=").Qual(simdPath, "Load"+wide).Call(half(0)).Dot("ConvertToFloat32").Call(),
			jen.Id("hi").Op(":=").Qual(simdPath, "Load"+wide).Call(half(h)).Dot("ConvertToFloat32").Call(),
			jen.Return(jen.Qual(simdPath, narrow).Values().Dot("SetLo").Call(jen.Id("lo")).Dot("SetHi").Call(jen.Id("hi"))))
		g.simd.Commentf("%s widens a %s into %s float64 states.", store, narrow, numWord[lanes])
		g.simd.Func().Id(store).Params(jen.Id("x").Qual(simdPath, narrow), jen.Id("p").Add(arr)).Block(
			jen.Id("x").Dot("GetLo").Call().Dot("ConvertToFloat64").Call().Dot("Store").Call(half(0)),
			jen.Id("x").Dot("GetHi").Call().Dot("ConvertToFloat64").Call().Dot("Store").Call(half(h)))
	}
}

var numWord = map[int]string{8: "eight", 16: "sixteen"}
