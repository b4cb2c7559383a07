package check

import (
	"math"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/runtime/units"
)

// checker holds what every pass shares: the declarations of the whole
// program and the diagnostics found so far.
type checker struct {
	errs    dsl.ErrorList
	mechs   map[string]*dsl.Mechanism
	neurons map[string]*dsl.Neuron
	params  []*ir.Param
	main    string          // main file name, for citations
	sizes   map[ir.Expr]int // treeSize's memo

	netScope *scope             // the NETWORK's PARAMETERs (check_netparam.go)
	netSet   map[*ir.Param]bool // the same, as a set

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
func (c *checker) newParam(name string, v float64, d units.Dim, at dsl.Pos, b bound) *ir.Param {
	p := &ir.Param{Name: name, Value: v, Unit: d.String(), Pos: at}
	setBound(p, b)
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
	"INPUT": true, "RECORD": true, "POISSON": true, "READ": true, "WRITE": true, "REFRACTORY": true, "METHOD": true, "TABLE": true,
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

func readsParam(e ir.Expr) bool {
	found := false
	ir.Walk(e, func(x ir.Expr) {
		if _, ok := x.(*ir.ParamRef); ok {
			found = true
		}
	})
	return found
}
