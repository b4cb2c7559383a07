package ir

import (
	"math"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/runtime/units"
)

// checker holds what every pass shares: the declarations of the whole
// program and the diagnostics found so far.
type checker struct {
	errs    dsl.ErrorList
	mechs   map[string]*dsl.Mechanism
	neurons map[string]*dsl.Neuron
	params  []*Param
	main    string       // main file name, for citations
	sizes   map[Expr]int // treeSize's memo

	suggested map[string]string // suggest's answers, by name and context
}

func (c *checker) unit(u *dsl.Unit) (units.Unit, bool) {
	v, err := units.Parse(u.Text)
	if err != nil {
		c.errs.Add(u.Pos, "%v", err)
		return units.Dimensionless(), false
	}
	return v, true
}

// newParam registers a runtime parameter with the range b.
func (c *checker) newParam(name string, v float64, d units.Dim, at dsl.Pos, b bound) *Param {
	p := &Param{Name: name, Value: v, Unit: d.String(), Pos: at}
	p.setBound(b)
	c.params = append(c.params, p)
	return p
}

// reservedWords may not be declared as names: built-in variables, keywords
// and functions.
var reservedWords = map[string]bool{
	"v": true, "t": true, "dt": true, "celsius": true, "if": true, "else": true,
	"steady": true, "import": true,
	"CHANNEL": true, "SYNAPSE": true, "NEURON": true, "NETWORK": true, "RUN": true,
	"PARAMETER": true, "STATE": true, "FUNCTION": true, "DEFINE": true, "CURRENT": true,
	"OUTPUT": true, "INITIAL": true, "ON_SPIKE": true, "USEION": true, "ION": true,
	"INSERT": true, "AS": true, "POPULATION": true, "GROUP": true, "PROJECTION": true,
	"INPUT": true, "RECORD": true, "POISSON": true,
}

func reserved(name string) bool {
	if reservedWords[name] {
		return true
	}
	_, builtin := builtinArity[name]
	_, ctx := contextCalls[name]
	return builtin || ctx
}

// finite reports a value that is NaN or infinite (1/0 in a model).
func (c *checker) finite(at dsl.Pos, what string, v float64) bool {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		c.errs.Add(at, "%s is not a finite number (%v)", what, v)
		return false
	}
	return true
}

func readsParam(e Expr) bool {
	found := false
	Walk(e, func(x Expr) {
		if _, ok := x.(*ParamRef); ok {
			found = true
		}
	})
	return found
}

// constValue evaluates an expression that may read only constants and
// parameters (at their current values).
func constValue(e Expr) (float64, bool) {
	switch e := e.(type) {
	case *Const:
		return e.V, true
	case *ParamRef:
		return e.P.Value, true
	case *Unary:
		x, ok := constValue(e.X)
		if e.Op == "-" {
			return -x, ok
		}
		return b2f(x == 0), ok
	case *Binary:
		x, okx := constValue(e.X)
		y, oky := constValue(e.Y)
		return evalBinary(e.Op, x, y), okx && oky
	case *Call:
		if len(e.Args) == 1 {
			x, ok := constValue(e.Args[0])
			v, ok2 := evalBuiltin(e.Fn, x)
			return v, ok && ok2
		}
		x, okx := constValue(e.Args[0])
		y, oky := constValue(e.Args[1])
		return evalCall2(e.Fn, x, y), okx && oky
	case *Cond:
		c, ok := constValue(e.C)
		if !ok {
			return 0, false
		}
		if c != 0 {
			return constValue(e.T)
		}
		return constValue(e.E)
	}
	return 0, false
}
