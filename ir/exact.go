package ir

// The exact solver: Brian2's `exact` state updater (method='exact', once
// called 'linear') for the systems einetc can solve in closed form.

import (
	"fmt"

	"github.com/einetc/einetc/dsl"
)

// Exact integrates a linear system with constant coefficients by its
// propagator, as Brian2's `exact` does (see exact).
const Exact = "exact"

// LowerExact is Lower for the exact solver. inputs are ODEs integrated
// elsewhere (the synapses of a population, by their projections) whose
// states odes read: their own coefficients enter the propagators of the
// states they feed. The checker has made sure the system is one that exact
// solves (ExactProblem).
func LowerExact(lets []*Stmt, odes, inputs []*ODE) (perStep, update []*Stmt) {
	return optimize(prune(materialize(append(lets, exact(odes, inputs)...))))
}

// exact lowers odes by their exact propagators over one step. Each ODE is
//
//	x' = a·x + Σ c_s·s + b
//
// with a, c_s and b free of the system's states (the ODEs' and the inputs'),
// where each state s it reads decays on its own, s' = a_s·s (an exponential
// synapse's conductance or current, a spike-triggered adaptation current).
// Over a step, s(τ) = s·e^(a_s·τ), so
//
//	x ← e^(a·dt)·x + dt·exprel(a·dt)·b + Σ c_s·e^(a·dt)·dt·exprel((a_s − a)·dt)·s
//
// since ∫₀^dt e^(a(dt−τ))·e^(a_s·τ) dτ = e^(a·dt)·dt·exprel((a_s − a)·dt).
// This is Rotter & Diesmann's (1999) propagator of a LIF with exponential
// synapses, and Brian2's `exact` update of it, written with exprel (1 at 0),
// which is finite for a = 0 (no leak) and for a_s = a (τ_s = τ_m, where
// Brian2's sympy form divides by zero): the degenerate case is the limit
// c_s·e^(a·dt)·dt·s, exactly.
func exact(odes, inputs []*ODE) []*Stmt {
	all, zero := system(odes, inputs)
	dt := &Var{Name: "dt"}
	var out []*Stmt
	for _, o := range odes {
		a := Diff(o.F, o.X)
		ea := NewCall("exp", timesDt(a))
		v := Mul(ea, &StateRef{S: o.X})
		if b := substitute(o.F, zero); !isConst(b, 0) {
			v = Add(v, Mul(Mul(dt, NewCall("exprel", timesDt(a))), b))
		}
		for _, s := range all {
			if s.X == o.X || !Depends(o.F, s.X) {
				continue
			}
			as := Diff(s.F, s.X)
			e := Mul(ea, Mul(dt, NewCall("exprel", timesDt(Sub(as, a)))))
			v = Add(v, Mul(Mul(Diff(o.F, s.X), e), &StateRef{S: s.X}))
		}
		out = append(out, &Stmt{State: o.X, Value: v, Src: o.Src})
	}
	return out
}

// system returns the ODEs of odes and inputs together, and the
// substitution of 0 for each of their states (what is left of an ODE is
// its constant part).
func system(odes, inputs []*ODE) ([]*ODE, map[*State]Expr) {
	all := append(append([]*ODE{}, odes...), inputs...)
	zero := map[*State]Expr{}
	for _, o := range all {
		zero[o.X] = Num(0)
	}
	return all, zero
}

// timesDt is a·dt, with dt moved into numerators and through sums, so that
// −1/τ becomes −dt/τ, as Brian2 writes it (one rounding fewer).
func timesDt(a Expr) Expr {
	dt := &Var{Name: "dt"}
	switch e := a.(type) {
	case *Unary:
		if e.Op == "-" {
			return Neg(timesDt(e.X))
		}
	case *Binary:
		switch e.Op {
		case "+":
			return Add(timesDt(e.X), timesDt(e.Y))
		case "-":
			return Sub(timesDt(e.X), timesDt(e.Y))
		case "/":
			return Div(timesDt(e.X), e.Y)
		}
	case *Const:
		if e.V == 0 {
			return Num(0)
		}
		if e.V == 1 {
			return dt
		}
		if e.V == -1 {
			return Neg(dt)
		}
	}
	return Mul(a, dt)
}

// A Problem is a reason a solver cannot integrate an ODE: Msg, about the
// part of it written at Pos.
type Problem struct {
	Pos dsl.Pos
	Msg string
}

// ExactProblems lists every reason exact cannot integrate odes, which read
// the states of inputs (see LowerExact); none when it can. exact needs
// every ODE linear in the system's states with constant coefficients (free
// of the states and of t; per-neuron parameters and constant inputs are
// constants), and a state that reads another only when that one decays on
// its own (s' = a_s·s): the triangular systems whose propagator exact
// writes in closed form. Brian2's `exact` solves any linear system by
// sympy's matrix exponential; a coupled pair such as v and a subthreshold
// adaptation w' = (a·(v − e_l) − w)/τ_w is refused here.
func ExactProblems(odes, inputs []*ODE) []Problem {
	all, zero := system(odes, inputs)
	var out []Problem
	add := func(pos dsl.Pos, format string, args ...any) {
		out = append(out, Problem{Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	const use = "; use exp_euler, euler, rk2 or rk4"
	linear := true
	for _, o := range all {
		x := o.X.Name
		parts := o.Terms
		if len(parts) == 0 {
			parts = []LinTerm{{E: o.F, Pos: o.Pos, What: x + "' = ..."}}
		}
		for _, p := range parts {
			if readsVar(p.E, "t") {
				add(p.Pos, "solver exact needs %s' with constant coefficients, but %s reads the time t%s", x, p.What, use)
				linear = false
				continue
			}
			if s, how := nonlinearUse(p.E, all, map[*Local]bool{}); s != nil {
				add(p.Pos, "solver exact needs %s' linear in the states, but %s %s %s%s", x, p.What, how, s.Name, use)
				linear = false
				continue
			}
			for _, s := range all {
				if !Depends(p.E, s.X) {
					continue
				}
				if r := dynamicRead(Diff(p.E, s.X)); r != nil {
					add(p.Pos, "solver exact needs %s' linear in the states with constant coefficients, but in %s the factor of %s reads %s%s", x, p.What, s.X.Name, r.Name, use)
					linear = false
					break
				}
			}
		}
	}
	if !linear {
		return out
	}
	// The couplings: a state read by another must decay on its own to 0.
	reported := map[[2]*State]bool{}
	for _, o := range all {
		x := o.X.Name
		for _, s := range all {
			if s.X == o.X || !Depends(o.F, s.X) || reported[[2]*State{s.X, o.X}] {
				continue
			}
			pos := o.Pos
			for _, p := range o.Terms {
				if Depends(p.E, s.X) {
					pos = p.Pos
					break
				}
			}
			y := s.X.Name
			var other *State
			for _, r := range all {
				if r.X != s.X && Depends(s.F, r.X) {
					other = r.X
					break
				}
			}
			switch {
			case other != nil:
				add(pos, "solver exact integrates %s' reading %s only if %s decays on its own (%s' = -%s/tau, as an exponential synapse's state does), but %s' reads %s%s", x, y, y, y, y, y, other.Name, use)
			case !isConst(substitute(s.F, zero), 0):
				add(pos, "solver exact integrates %s' reading %s only if %s decays to 0 (%s' = -%s/tau), but %s' has a constant part%s", x, y, y, y, y, y, use)
			default:
				continue
			}
			reported[[2]*State{o.X, s.X}] = true
		}
	}
	return out
}

// readsVar reports whether e reads the variable name (t), through locals too.
func readsVar(e Expr, name string) bool {
	found := false
	walkDeep(e, func(x Expr) {
		if v, ok := x.(*Var); ok && v.Name == name {
			found = true
		}
	})
	return found
}

// dynamicRead returns an integrated state that e reads, nil if none.
func dynamicRead(e Expr) *State {
	var found *State
	Walk(e, func(x Expr) {
		switch x := x.(type) {
		case *StateRef:
			if x.S.Kind == Dynamic && found == nil {
				found = x.S
			}
		case *LocalRef:
			for s := range localDeps(x.L) {
				if s != nil && s.Kind == Dynamic && (found == nil || s.Name < found.Name) {
					found = s
				}
			}
		}
	})
	return found
}

// nonlinearUse finds a state of sys that e uses other than by sums,
// products and division by state-free values, and says how.
func nonlinearUse(e Expr, sys []*ODE, seen map[*Local]bool) (*State, string) {
	first := func(es ...Expr) *State {
		for _, x := range es {
			for _, o := range sys {
				if Depends(x, o.X) {
					return o.X
				}
			}
		}
		return nil
	}
	switch e := e.(type) {
	case *LocalRef:
		if seen[e.L] {
			return nil, ""
		}
		seen[e.L] = true
		return nonlinearUse(e.L.Value, sys, seen)
	case *Call:
		if s := first(e.Args...); s != nil {
			return s, "applies " + e.Fn + " to"
		}
	case *Cond:
		if s := first(e.C, e.T, e.E); s != nil {
			return s, "has a condition on"
		}
	case *Unary:
		if e.Op != "-" {
			if s := first(e.X); s != nil {
				return s, "compares"
			}
		}
		return nonlinearUse(e.X, sys, seen)
	case *Binary:
		switch e.Op {
		case "+", "-", "*":
		case "/":
			if s := first(e.Y); s != nil {
				return s, "divides by"
			}
		case "^":
			if s := first(e.X, e.Y); s != nil {
				return s, "takes a power of"
			}
		default:
			if s := first(e.X, e.Y); s != nil {
				return s, "compares"
			}
		}
		if s, how := nonlinearUse(e.X, sys, seen); s != nil {
			return s, how
		}
		return nonlinearUse(e.Y, sys, seen)
	}
	return nil, ""
}
