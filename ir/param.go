package ir

import (
	"math"

	einrt "github.com/einetc/einetc/runtime"
	"github.com/einetc/einetc/runtime/units"
)

// Spec returns p's description for the runtime: its name, the unit the
// model writes it in, its scale to internal units and its range. The
// compiler, `einetc run -set` and the generated Params judge values with it.
func (p *Param) Spec() einrt.ParamSpec {
	s := einrt.ParamSpec{Name: p.Name, Unit: p.Unit, Internal: p.Unit, Scale: 1,
		Min: p.Min, MinOpen: p.MinOpen, Max: p.Max, MaxOpen: p.MaxOpen, Rule: p.Rule, Integer: p.Integer}
	if p.ModelUnit != "" {
		if u, err := units.Parse(p.ModelUnit); err == nil && u.Dim.String() == p.Unit {
			s.Unit, s.Scale = p.ModelUnit, u.Factor()
		}
	}
	if s.Min == 0 && s.Max == 0 && !s.MinOpen && s.Rule == "" {
		s.Min, s.Max = math.Inf(-1), math.Inf(1) // a Param built without bounds
	}
	return s
}
