package ir

import (
	"strconv"

	"github.com/einetc/einetc/dsl"
)

// ODE is one state with its right-hand side, ready for a solver: dX/dt = F,
// written at Pos, cited in generated code as Src.
type ODE struct {
	X   *State
	F   Expr
	Pos dsl.Pos
	Src string
	// Terms, when set, are the additive parts of F checked one by one for
	// linearity (the membrane equation: one term per current).
	Terms []LinTerm
	// First marks an ion concentration: neuron_fixed advances it right
	// after v, and the other states read its new value, as NEURON does
	// when the concentration mechanism comes first in its mechanism list
	// (nrnivmodl registers the .mod files in alphabetical order: cad.mod
	// before kca.mod). Other solvers ignore it.
	First bool
	// Implicit, when set, names the group of states (a CHANNEL with
	// METHOD implicit) that neuron_fixed advances together by backward
	// Euler, as NEURON's derivimplicit and sparse do; the group's ODEs
	// must be linear in its states (CheckImplicit). Other solvers ignore it.
	Implicit string
	// Euler: neuron_fixed advances the state by explicit Euler with the
	// new v, as NEURON's METHOD euler does (a CHANNEL with METHOD euler).
	Euler bool
	// LinStep is NEURON's step in v (0.001 mV, in internal units) for the
	// finite-difference conductance of a membrane current that is not
	// linear in v, which neuron_fixed uses as NEURON does. Other solvers
	// ignore it.
	LinStep float64
}

// LinTerm is one additive part E of an ODE's right-hand side, written at
// Pos; What names it in a diagnostic that it is not linear.
type LinTerm struct {
	E    Expr
	Pos  dsl.Pos
	What string
	// Div is what the membrane equation divides E by (C·area for a
	// current); nil: E enters as is (the v' = rhs of a neuron's own).
	Div Expr
}

// NeedsLinear reports whether solver needs ODEs linear in their own state.
func NeedsLinear(solver string) bool {
	return solver == IndExpEuler || solver == ExpEuler || solver == Cnexp || solver == NeuronFixed
}

// Lower turns odes, after the definitions lets they read, into an update:
// the solver's statements, with the locals they read materialized, the
// unread ones pruned, then split into per-step and per-neuron statements
// and optimized.
func Lower(solver string, lets []*Stmt, odes []*ODE) (perStep, update []*Stmt) {
	return optimize(prune(materialize(append(lets, integrate(solver, odes)...))))
}

// integrate lowers odes through solver into update statements. Every new
// value is computed from the values at the start of the step (the states are
// written only after all statements), as braincell and Brian2 do.
func integrate(solver string, odes []*ODE) []*Stmt {
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
		f := &Local{Name: o.X.Name + "'", Value: o.F, Pos: o.Pos}
		out = append(out, &Stmt{Local: f, Value: f.Value, Src: o.Src})
		fr := &LocalRef{L: f}
		x := &StateRef{S: o.X}
		switch solver {
		case Euler:
			out = append(out, &Stmt{State: o.X, Value: Add(x, Mul(dt, fr))})
		case IndExpEuler:
			out = append(out, indExpEuler(o, x, fr, dt)...)
		default: // exp_euler, cnexp
			out = append(out, expEuler(o, x, fr, dt)...)
		}
	}
	return out
}

// indExpEuler is braincell's update x + dt·exprel(dt·J)·f with J = ∂f/∂x.
func indExpEuler(o *ODE, x, f, dt Expr) []*Stmt {
	j := Diff(o.F, o.X)
	if isConst(j, 0) {
		return []*Stmt{{State: o.X, Value: Add(x, Mul(dt, f))}}
	}
	jl := &Local{Name: "J(" + o.X.Name + ")", Value: j}
	return []*Stmt{
		{Local: jl, Value: j},
		{State: o.X, Value: Add(x, Mul(Mul(dt, NewCall("exprel", Mul(dt, &LocalRef{L: jl}))), f))},
	}
}

// expEuler is Brian2's exponential Euler: with f = A + B·x,
// x ← −A/B + (x + A/B)·exp(B·dt).
func expEuler(o *ODE, x, f, dt Expr) []*Stmt {
	b := Diff(o.F, o.X)
	if isConst(b, 0) {
		return []*Stmt{{State: o.X, Value: Add(x, Mul(dt, f))}}
	}
	bl := &Local{Name: "B(" + o.X.Name + ")", Value: b}
	bref := &LocalRef{L: bl}
	a := substitute(o.F, map[*State]Expr{o.X: Num(0)})
	growth := NewCall("exp", Mul(bref, dt))
	if isConst(a, 0) {
		return []*Stmt{{Local: bl, Value: b}, {State: o.X, Value: Mul(x, growth)}}
	}
	ba := &Local{Name: "A/B(" + o.X.Name + ")", Value: Div(cancelCommon(a, b))}
	baref := &LocalRef{L: ba}
	return []*Stmt{
		{Local: bl, Value: b},
		{Local: ba, Value: ba.Value},
		{State: o.X, Value: Add(Neg(baref), Mul(Add(baref, x), growth))},
	}
}

// neuronFixed is NEURON's fixed-step scheme (secondorder = 0): the membrane
// equation f = A + B·v by backward Euler, v ← (v + dt·A)/(1 − dt·B), with the
// other states at their old values; then every other state by the
// exponential update (NMODL's cnexp) with the new v, through fresh copies
// of the definitions that read v. The states are thereby staggered half a
// step from v, as in NEURON. Without a membrane (a projection's synapses)
// it is exp_euler.
func neuronFixed(odes []*ODE) []*Stmt {
	var out []*Stmt
	dt := &Var{Name: "dt"}
	m := map[*State]Expr{}
	for _, o := range odes {
		if o.X.Name != "v" {
			continue
		}
		var vn *Local
		if b, ok := neuronConductance(o); ok {
			// A current not linear in v: NEURON's linearisation,
			// v ← v + dt·f/(1 − dt·B), B by finite differences.
			f := &Local{Name: "v'", Value: o.F, Pos: o.Pos}
			out = append(out, &Stmt{Local: f, Value: f.Value, Src: o.Src})
			vn = &Local{Name: "v@new", Value: Add(&StateRef{S: o.X}, Div(Mul(dt, &LocalRef{L: f}), Sub(Num(1), Mul(dt, b)))), Pos: o.Pos}
		} else {
			b := Diff(o.F, o.X)
			a := substitute(o.F, map[*State]Expr{o.X: Num(0)})
			vn = &Local{Name: "v@new", Value: Div(Add(&StateRef{S: o.X}, Mul(dt, a)), Sub(Num(1), Mul(dt, b))), Pos: o.Pos}
		}
		// To the states' updates the new v is a number computed before
		// them, not a function of the states: its dependencies are set,
		// not derived, so that ∂/∂x and x = 0 (expEuler's B and A) do not
		// look through it. It reads v, so it is not hoisted, and the nil
		// key makes it "not a function of v alone" for Tabulate.
		vn.deps = map[*State]bool{o.X: true, nil: true}
		out = append(out, &Stmt{Local: vn, Value: vn.Value, Src: o.Src})
		out = append(out, &Stmt{State: o.X, Value: &LocalRef{L: vn}})
		m[o.X] = &LocalRef{L: vn}
	}
	// The concentrations first, with the new v; then the others, with the
	// new v and the new concentrations. Each pass substitutes afresh: the
	// definitions that read v, then those that read v or a concentration.
	for _, first := range []bool{true, false} {
		subst := newSubstituter(m, "@new")
		var news []*Stmt
		var groups []string
		implicit := map[string][]*ODE{}
		for _, o := range odes {
			if _, done := m[o.X]; done || o.First != first {
				continue
			}
			n := &ODE{X: o.X, F: subst(o.F), Pos: o.Pos, Src: o.Src}
			if o.Implicit != "" {
				if implicit[o.Implicit] == nil {
					groups = append(groups, o.Implicit)
				}
				implicit[o.Implicit] = append(implicit[o.Implicit], n)
				continue
			}
			f := &Local{Name: o.X.Name + "'", Value: n.F, Pos: o.Pos}
			out = append(out, &Stmt{Local: f, Value: f.Value, Src: o.Src})
			upd := expEuler(n, &StateRef{S: o.X}, &LocalRef{L: f}, dt)
			if o.Euler {
				upd = []*Stmt{{State: o.X, Value: Add(&StateRef{S: o.X}, Mul(dt, &LocalRef{L: f}))}}
			}
			if first {
				// The new value as a local the other states read, a number
				// to them as the new v is.
				last := upd[len(upd)-1]
				xn := &Local{Name: o.X.Name + "@new", Value: last.Value, Pos: o.Pos}
				xn.deps = map[*State]bool{o.X: true, nil: true}
				upd = append(upd[:len(upd)-1], &Stmt{Local: xn, Value: xn.Value}, &Stmt{State: o.X, Value: &LocalRef{L: xn}})
				news = append(news, &Stmt{State: o.X, Value: &LocalRef{L: xn}})
			}
			out = append(out, upd...)
		}
		for _, g := range groups {
			upd := backwardEuler(implicit[g], dt)
			out = append(out, upd...)
			if first {
				for _, s := range upd {
					if s.State != nil {
						news = append(news, s)
					}
				}
			}
		}
		for _, s := range news {
			m[s.State] = s.Value
		}
	}
	return out
}

// neuronConductance returns B = ∂f/∂v of the membrane equation as NEURON
// computes it when a current is not linear in v: that current's
// conductance by the finite difference (i(v + h) − i(v))/h with
// h = 0.001 mV (NEURON's nrn_cur), the linear ones' exactly, each divided
// as the equation divides it. ok is false when every term is linear (the
// symbolic B, A of f = A + B·v, is then exact) or the ODE lacks the terms.
func neuronConductance(o *ODE) (b Expr, ok bool) {
	if o.LinStep <= 0 || len(o.Terms) == 0 {
		return nil, false
	}
	nonlinear := false
	for _, t := range o.Terms {
		if Depends(Diff(t.E, o.X), o.X) {
			nonlinear = true
		}
	}
	if !nonlinear {
		return nil, false
	}
	h := Num(o.LinStep)
	b = Num(0)
	for _, t := range o.Terms {
		g := Diff(t.E, o.X)
		if Depends(g, o.X) {
			up := substitute(t.E, map[*State]Expr{o.X: Add(&StateRef{S: o.X}, h)})
			g = Div(Sub(up, t.E), h)
		}
		if t.Div != nil {
			g = Div(g, t.Div)
		}
		b = Add(b, g)
	}
	return b, true
}

// backwardEuler advances a group of ODEs linear in the group's states,
// f = a + J·x (a and J free of them), by one backward-Euler step:
// (I − dt·J)·x_new = x + dt·a, solved by Gaussian elimination written out
// symbolically (no pivoting: for gates and first-order kinetic schemes
// I − dt·J is diagonally dominant by columns). A zero entry of J stays a
// zero, so independent gates cost x_new = (x + dt·a)/(1 − dt·J). This is
// the solution NEURON's derivimplicit (Newton iteration on the same
// equations) and sparse (one linear solve for a linear scheme) converge to.
// Each new value is a local that, like the new v, is a number to the
// statements that read it.
func backwardEuler(odes []*ODE, dt Expr) []*Stmt {
	n := len(odes)
	zero := map[*State]Expr{}
	for _, o := range odes {
		zero[o.X] = Num(0)
	}
	var out []*Stmt
	let := func(name string, e Expr, src string) Expr {
		if _, ok := e.(*Const); ok {
			return e
		}
		if _, ok := e.(*LocalRef); ok {
			return e
		}
		l := &Local{Name: name, Value: e}
		out = append(out, &Stmt{Local: l, Value: e, Src: src})
		return &LocalRef{L: l}
	}
	mat := make([][]Expr, n)
	rhs := make([]Expr, n)
	for i, o := range odes {
		a := substitute(o.F, zero)
		rhs[i] = let(o.X.Name+"@rhs", Add(&StateRef{S: o.X}, Mul(dt, a)), o.Src)
		mat[i] = make([]Expr, n)
		for j, p := range odes {
			e := Neg(Mul(dt, Diff(o.F, p.X)))
			if i == j {
				e = Add(Num(1), e)
			}
			mat[i][j] = let(o.X.Name+"@M("+p.X.Name+")", e, "")
		}
	}
	for k := 0; k < n; k++ {
		for i := k + 1; i < n; i++ {
			if isConst(mat[i][k], 0) {
				continue
			}
			f := let(odes[i].X.Name+"@l"+strconv.Itoa(k+1), Div(mat[i][k], mat[k][k]), "")
			for j := k + 1; j < n; j++ {
				if !isConst(mat[k][j], 0) {
					mat[i][j] = let(odes[i].X.Name+"@M"+strconv.Itoa(k+1)+"("+odes[j].X.Name+")", Sub(mat[i][j], Mul(f, mat[k][j])), "")
				}
			}
			rhs[i] = let(odes[i].X.Name+"@rhs"+strconv.Itoa(k+1), Sub(rhs[i], Mul(f, rhs[k])), "")
		}
	}
	news := make([]Expr, n)
	for i := n - 1; i >= 0; i-- {
		num := rhs[i]
		for j := i + 1; j < n; j++ {
			if !isConst(mat[i][j], 0) {
				num = Sub(num, Mul(mat[i][j], news[j]))
			}
		}
		xn := &Local{Name: odes[i].X.Name + "@new", Value: Div(num, mat[i][i]), Pos: odes[i].Pos}
		xn.deps = map[*State]bool{odes[i].X: true, nil: true}
		out = append(out, &Stmt{Local: xn, Value: xn.Value})
		news[i] = &LocalRef{L: xn}
	}
	for i, o := range odes {
		out = append(out, &Stmt{State: o.X, Value: news[i]})
	}
	return out
}

// CheckImplicit reports, for each state of a group that neuron_fixed
// advances implicitly, an ODE that is not linear in the group's states:
// the first such (ODE, state) pair, or nil when the group is linear.
func CheckImplicit(odes []*ODE) (bad *ODE, in *State) {
	for _, o := range odes {
		for _, p := range odes {
			d := Diff(o.F, p.X)
			for _, q := range odes {
				if Depends(d, q.X) {
					return o, q.X
				}
			}
		}
	}
	return nil, nil
}

// rungeKutta emits an explicit Runge–Kutta method with Butcher matrix a and
// weights b, with k = dt·f as Brian2 writes it.
func rungeKutta(odes []*ODE, a [][]float64, b []float64) []*Stmt {
	var out []*Stmt
	dt := &Var{Name: "dt"}
	ks := make([][]*Local, len(b)) // ks[stage][ode]
	for stage := range b {
		m := map[*State]Expr{}
		if stage > 0 {
			for i, o := range odes {
				var y Expr = &StateRef{S: o.X}
				for j, aij := range a[stage-1] {
					if aij != 0 {
						y = Add(y, Mul(Num(aij), &LocalRef{L: ks[j][i]}))
					}
				}
				yl := &Local{Name: o.X.Name + "@" + strconv.Itoa(stage+1), Value: y}
				out = append(out, &Stmt{Local: yl, Value: y})
				m[o.X] = &LocalRef{L: yl}
			}
		}
		sub := newSubstituter(m, "@"+strconv.Itoa(stage+1)) // one copy of each definition per stage
		for _, o := range odes {
			f := o.F
			if stage > 0 {
				f = sub(f)
			}
			k := &Local{Name: "k" + strconv.Itoa(stage+1) + "(" + o.X.Name + ")", Value: Mul(dt, f)}
			out = append(out, &Stmt{Local: k, Value: k.Value, Src: srcIf(stage == 0, o.Src)})
			ks[stage] = append(ks[stage], k)
		}
	}
	for i, o := range odes {
		var sum Expr = Num(0)
		for s, bs := range b {
			sum = Add(sum, Mul(Num(bs), &LocalRef{L: ks[s][i]}))
		}
		out = append(out, &Stmt{State: o.X, Value: Add(&StateRef{S: o.X}, sum)})
	}
	return out
}

func srcIf(ok bool, s string) string {
	if ok {
		return s
	}
	return ""
}

// SteadyState turns an InitSteady into the expression −A/B of the linear ODE.
func SteadyState(o *ODE) Expr {
	b := Diff(o.F, o.X)
	a := substitute(o.F, map[*State]Expr{o.X: Num(0)})
	return Neg(Div(cancelCommon(a, b)))
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
