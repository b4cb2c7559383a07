package ir

import (
	"strconv"

	"github.com/einetc/einetc/dsl"
)

// ode is one state with its right-hand side, ready for a solver.
type ode struct {
	x   *State
	f   Expr
	pos dsl.Pos
	src string
	// terms, when set, are the additive parts of f checked one by one for
	// linearity (the membrane equation: one term per current).
	terms []linTerm
}

type linTerm struct {
	e    Expr
	pos  dsl.Pos
	what string
}

// exponential reports whether solver needs ODEs linear in their own state.
func exponential(solver string) bool {
	return solver == IndExpEuler || solver == ExpEuler || solver == Cnexp || solver == NeuronFixed
}

// integrate lowers odes through solver into update statements. Every new
// value is computed from the values at the start of the step (the states are
// written only after all statements), as braincell and Brian2 do.
func integrate(solver string, odes []*ode) []*Stmt {
	switch solver {
	case RK2:
		return rungeKutta(odes, [][]float64{{2.0 / 3}}, []float64{0.25, 0.75})
	case RK4:
		return rungeKutta(odes, [][]float64{{0.5}, {0, 0.5}, {0, 0, 1}}, []float64{1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6})
	case NeuronFixed:
		return neuronFixed(odes)
	}
	var out []*Stmt
	dt := &Var{Name: "dt"}
	for _, o := range odes {
		f := &Local{Name: o.x.Name + "'", Value: o.f, Pos: o.pos}
		out = append(out, &Stmt{Local: f, Value: f.Value, Src: o.src})
		fr := &LocalRef{L: f}
		x := &StateRef{S: o.x}
		switch solver {
		case Euler:
			out = append(out, &Stmt{State: o.x, Value: add(x, mul(dt, fr))})
		case IndExpEuler:
			out = append(out, indExpEuler(o, x, fr, dt)...)
		default: // exp_euler, cnexp
			out = append(out, expEuler(o, x, fr, dt)...)
		}
	}
	return out
}

// indExpEuler is braincell's update x + dt·exprel(dt·J)·f with J = ∂f/∂x.
func indExpEuler(o *ode, x, f, dt Expr) []*Stmt {
	j := Diff(o.f, o.x)
	if isConst(j, 0) {
		return []*Stmt{{State: o.x, Value: add(x, mul(dt, f))}}
	}
	jl := &Local{Name: "J(" + o.x.Name + ")", Value: j}
	return []*Stmt{
		{Local: jl, Value: j},
		{State: o.x, Value: add(x, mul(mul(dt, call("exprel", mul(dt, &LocalRef{L: jl}))), f))},
	}
}

// expEuler is Brian2's exponential Euler: with f = A + B·x,
// x ← −A/B + (x + A/B)·exp(B·dt).
func expEuler(o *ode, x, f, dt Expr) []*Stmt {
	b := Diff(o.f, o.x)
	if isConst(b, 0) {
		return []*Stmt{{State: o.x, Value: add(x, mul(dt, f))}}
	}
	bl := &Local{Name: "B(" + o.x.Name + ")", Value: b}
	bref := &LocalRef{L: bl}
	a := substitute(o.f, map[*State]Expr{o.x: num(0)})
	growth := call("exp", mul(bref, dt))
	if isConst(a, 0) {
		return []*Stmt{{Local: bl, Value: b}, {State: o.x, Value: mul(x, growth)}}
	}
	ba := &Local{Name: "A/B(" + o.x.Name + ")", Value: div(cancelCommon(a, b))}
	baref := &LocalRef{L: ba}
	return []*Stmt{
		{Local: bl, Value: b},
		{Local: ba, Value: ba.Value},
		{State: o.x, Value: add(neg(baref), mul(add(baref, x), growth))},
	}
}

// neuronFixed is NEURON's fixed-step scheme (secondorder = 0): the membrane
// equation f = A + B·v by backward Euler, v ← (v + dt·A)/(1 − dt·B), with the
// other states at their old values; then every other state by the
// exponential update (NMODL's cnexp) with the new v, through fresh copies
// of the definitions that read v. The states are thereby staggered half a
// step from v, as in NEURON. Without a membrane (a projection's synapses)
// it is exp_euler.
func neuronFixed(odes []*ode) []*Stmt {
	var out []*Stmt
	dt := &Var{Name: "dt"}
	m := map[*State]Expr{}
	for _, o := range odes {
		if o.x.Name != "v" {
			continue
		}
		b := Diff(o.f, o.x)
		a := substitute(o.f, map[*State]Expr{o.x: num(0)})
		vn := &Local{Name: "v@new", Value: div(add(&StateRef{S: o.x}, mul(dt, a)), sub(num(1), mul(dt, b))), Pos: o.pos}
		// To the states' updates the new v is a number computed before
		// them, not a function of the states: its dependencies are set,
		// not derived, so that ∂/∂x and x = 0 (expEuler's B and A) do not
		// look through it. It reads v, so it is not hoisted, and the nil
		// key makes it "not a function of v alone" for Tabulate.
		vn.deps = map[*State]bool{o.x: true, nil: true}
		out = append(out, &Stmt{Local: vn, Value: vn.Value, Src: o.src})
		out = append(out, &Stmt{State: o.x, Value: &LocalRef{L: vn}})
		m[o.x] = &LocalRef{L: vn}
	}
	subst := newSubstituter(m, "@new") // the definitions that read v, again with the new v
	for _, o := range odes {
		if _, isV := m[o.x]; isV {
			continue
		}
		n := &ode{x: o.x, f: subst(o.f), pos: o.pos, src: o.src}
		f := &Local{Name: o.x.Name + "'", Value: n.f, Pos: o.pos}
		out = append(out, &Stmt{Local: f, Value: f.Value, Src: o.src})
		out = append(out, expEuler(n, &StateRef{S: o.x}, &LocalRef{L: f}, dt)...)
	}
	return out
}

// rungeKutta emits an explicit Runge–Kutta method with Butcher matrix a and
// weights b, with k = dt·f as Brian2 writes it.
func rungeKutta(odes []*ode, a [][]float64, b []float64) []*Stmt {
	var out []*Stmt
	dt := &Var{Name: "dt"}
	ks := make([][]*Local, len(b)) // ks[stage][ode]
	for stage := range b {
		m := map[*State]Expr{}
		if stage > 0 {
			for i, o := range odes {
				var y Expr = &StateRef{S: o.x}
				for j, aij := range a[stage-1] {
					if aij != 0 {
						y = add(y, mul(num(aij), &LocalRef{L: ks[j][i]}))
					}
				}
				yl := &Local{Name: o.x.Name + "@" + strconv.Itoa(stage+1), Value: y}
				out = append(out, &Stmt{Local: yl, Value: y})
				m[o.x] = &LocalRef{L: yl}
			}
		}
		sub := newSubstituter(m, "@"+strconv.Itoa(stage+1)) // one copy of each definition per stage
		for _, o := range odes {
			f := o.f
			if stage > 0 {
				f = sub(f)
			}
			k := &Local{Name: "k" + strconv.Itoa(stage+1) + "(" + o.x.Name + ")", Value: mul(dt, f)}
			out = append(out, &Stmt{Local: k, Value: k.Value, Src: srcIf(stage == 0, o.src)})
			ks[stage] = append(ks[stage], k)
		}
	}
	for i, o := range odes {
		var sum Expr = num(0)
		for s, bs := range b {
			sum = add(sum, mul(num(bs), &LocalRef{L: ks[s][i]}))
		}
		out = append(out, &Stmt{State: o.x, Value: add(&StateRef{S: o.x}, sum)})
	}
	return out
}

func srcIf(ok bool, s string) string {
	if ok {
		return s
	}
	return ""
}

// steadyState turns an InitSteady into the expression −A/B of the linear ODE.
func steadyState(o *ode) Expr {
	b := Diff(o.f, o.x)
	a := substitute(o.f, map[*State]Expr{o.x: num(0)})
	return neg(div(cancelCommon(a, b)))
}

// cancelCommon strips the factors and divisors that A and B of a linear
// ODE share, so that A/B is computed as p/q rather than (p/c)/(q/c): for
// the membrane equation, A and B are both divided by C·area, and for a
// gate both multiplied by its temperature factor. The quotient is the
// same number, with one division (and its rounding) fewer per neuron.
func cancelCommon(a, b Expr) (Expr, Expr) {
	for {
		x, ok1 := a.(*Binary)
		y, ok2 := b.(*Binary)
		if !ok1 || !ok2 || x.Op != y.Op {
			return a, b
		}
		switch {
		case x.Op == "/" && Key(x.Y) == Key(y.Y):
			a, b = x.X, y.X
		case x.Op == "*" && Key(x.X) == Key(y.X):
			a, b = x.Y, y.Y
		case x.Op == "*" && Key(x.Y) == Key(y.Y):
			a, b = x.X, y.X
		default:
			return a, b
		}
	}
}
