package nmodl

import (
	"github.com/einetc/einetc/dsl"
)

// builtins are NMODL's functions that einetc has under the same name.
var builtins = map[string]int{"exp": 1, "log": 1, "fabs": 1, "sqrt": 1, "tanh": 1, "pow": 2, "expm1": 1}

// physical are the values of the constants a UNITS block may name, in the
// units it may ask for, as NEURON 8's units database (2019 SI) gives them.
var physical = map[string]map[string]string{
	"faraday": {"coulomb": "96485.3321233100184", "coulombs": "96485.3321233100184", "kilocoulombs": "96.4853321233100184", "kilocoulomb": "96.4853321233100184"},
	"k-mole":  {"joule/degC": "8.31446261815324", "joule/kelvin": "8.31446261815324", "J/degC": "8.31446261815324"},
	"k":       {"joule/degC": "1.380649e-23", "joule/kelvin": "1.380649e-23"},
	"e":       {"coulomb": "1.602176634e-19", "coulombs": "1.602176634e-19"},
}

func (t *translator) expr(e Expr, s *scope) dsl.Expr {
	switch e := e.(type) {
	case *Num:
		return num(e.Pos, e.Text, "")
	case *Ref:
		return t.ref(e.Pos, e.Name, s)
	case *Unary:
		return &dsl.Unary{Pos: e.Pos, Op: e.Op, X: t.expr(e.X, s)}
	case *Binary:
		return &dsl.Binary{Pos: e.Pos, Op: e.Op, X: t.expr(e.X, s), Y: t.expr(e.Y, s)}
	case *Call:
		return t.callExpr(e, s)
	}
	panic("nmodl: unknown expression")
}

func (t *translator) callExpr(e *Call, s *scope) dsl.Expr {
	args := make([]dsl.Expr, len(e.Args))
	for i, a := range e.Args {
		args[i] = t.expr(a, s)
	}
	if f := t.m.Funcs[e.Name]; f != nil {
		if len(args) != len(f.Params) {
			t.errorf(e.Pos, "function %s takes %d arguments, not %d", e.Name, len(f.Params), len(args))
		}
		return &dsl.Call{Pos: e.Pos, Func: dsl.Ident{Pos: e.Pos, Name: e.Name}, Args: args}
	}
	if n, ok := builtins[e.Name]; ok {
		if len(args) != n {
			t.errorf(e.Pos, "%s takes %d arguments, not %d", e.Name, n, len(args))
		}
		return &dsl.Call{Pos: e.Pos, Func: dsl.Ident{Pos: e.Pos, Name: e.Name}, Args: args}
	}
	switch {
	case e.Name == "log10" && len(args) == 1:
		lg := func(x dsl.Expr) dsl.Expr {
			return &dsl.Call{Pos: e.Pos, Func: dsl.Ident{Pos: e.Pos, Name: "log"}, Args: []dsl.Expr{x}}
		}
		return &dsl.Binary{Pos: e.Pos, Op: "/", X: lg(args[0]), Y: lg(num(e.Pos, "10", ""))}
	case t.m.Procs[e.Name] != nil:
		t.errorf(e.Pos, "procedure %s used as a value", e.Name)
	default:
		t.errorf(e.Pos, "function %s is neither declared nor an einetc built-in (exp, log, log10, fabs, sqrt, tanh, pow)", e.Name)
	}
	return num(e.Pos, "0", "")
}

func (t *translator) ref(pos dsl.Pos, n string, s *scope) dsl.Expr {
	if s != nil {
		if x, ok := s.vars[n]; ok {
			return x
		}
	}
	if x, ok := t.vals[n]; ok {
		return x
	}
	inFunc := s != nil && s.isFunc
	g := t.names[n]
	switch {
	case n == "v" || n == "t":
		if inFunc {
			t.errorf(pos, "function %s reads %s: einetc functions take it as an argument (add a parameter)", s.proc.Name, n)
		}
		unit := map[string]string{"v": "mV", "t": "ms"}[n]
		return asNumber(pos, name(pos, n), unit)
	case n == "celsius":
		return asNumber(pos, name(pos, n), "degC")
	case n == "dt":
		t.errorf(pos, "dt is not readable in einetc: the solver owns the step")
		return num(pos, "0", "")
	case n == "PI":
		return num(pos, "3.14159265358979", "")
	case g == nil:
		if d := t.m.UnitDefs[n]; d != nil {
			if v, ok := physical[d.Value][d.Unit]; ok {
				return num(pos, v, "")
			}
			if d.Value != "" && (d.Value[0] >= '0' && d.Value[0] <= '9' || d.Value[0] == '.' || d.Value[0] == '-') {
				return num(pos, d.Value, "")
			}
			t.errorf(d.Pos, "the constant %s = (%s) (%s) is not known to einetc", n, d.Value, d.Unit)
			return num(pos, "0", "")
		}
		t.errorf(pos, "unknown name %s", n)
		return num(pos, "0", "")
	case g.kind == "refused": // reported at its USEION
		return num(pos, "0", "")
	case g.kind == "ion":
		return asNumber(pos, name(pos, n), "mV")
	case (g.kind == "conc" || g.kind == "state" && g.conc) && !inFunc:
		return asNumber(pos, name(pos, n), "mM")
	case g.kind == "ioncur" && !inFunc:
		// NMODL's ica is outward-positive, einetc's inward-positive.
		return &dsl.Unary{Pos: pos, Op: "-", X: asNumber(pos, name(pos, n), "mA/cm2")}
	case g.kind == "param":
		if g.unit != "" {
			return asNumber(pos, name(pos, n), g.unit)
		}
		return name(pos, n)
	case inFunc:
		t.errorf(pos, "function %s reads %s: einetc functions read only their arguments and PARAMETERs (pass it as an argument)", s.proc.Name, n)
		return num(pos, "0", "")
	case g.kind == "current":
		t.errorf(pos, "%s is read before it is assigned", n)
		return num(pos, "0", "")
	case g.kind == "assigned":
		t.readBeforeSet[n] = true
		return name(pos, n)
	}
	return name(pos, n)
}

// maxNodes bounds an expression built by inlining LOCALs and branches, whose
// tree may share subtrees and so grow exponentially when written out.
const maxNodes = 20000

// size is the number of nodes of x written out as a tree.
func size(x dsl.Expr, memo map[dsl.Expr]int) int {
	if n, ok := memo[x]; ok {
		return n
	}
	n := 1
	switch x := x.(type) {
	case *dsl.Unary:
		n += size(x.X, memo)
	case *dsl.Binary:
		n += size(x.X, memo) + size(x.Y, memo)
	case *dsl.Cond:
		n += size(x.Cond, memo) + size(x.Then, memo) + size(x.Else, memo)
	case *dsl.Call:
		for _, a := range x.Args {
			n += size(a, memo)
		}
	}
	if n > maxNodes {
		n = maxNodes + 1
	}
	memo[x] = n
	return n
}

// bounded returns x, or 0 with an error if it is too large to write out.
func (t *translator) bounded(pos dsl.Pos, what string, x dsl.Expr) dsl.Expr {
	if size(x, map[dsl.Expr]int{}) > maxNodes {
		t.errorf(pos, "the value of %s grows beyond %d terms when its LOCALs and branches are written out", what, maxNodes)
		return num(pos, "0", "")
	}
	return x
}
