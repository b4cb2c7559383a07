package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/runtime/units"
)

type diagList = dsl.ErrorList

var quantityRE = regexp.MustCompile(`^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*\(?\s*([^()]*?)\s*\)?\s*$`)

// parseQuantity reads "500ms", "2 s", "0.05 (ms)" or a bare number (in
// defUnit) and returns it in internal units of time.
func parseQuantity(s, defUnit, flagName string) (float64, error) {
	m := quantityRE.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("%s %q: want a number with a unit, e.g. 500ms (a number alone is in %s)", flagName, s, defUnit)
	}
	unit := m[2]
	if unit == "" {
		unit = defUnit
	}
	u, err := units.Parse(unit)
	if err != nil {
		return 0, fmt.Errorf("%s %q: %v", flagName, s, err)
	}
	want := units.MustParse(defUnit)
	if u.Dim != want.Dim {
		return 0, fmt.Errorf("%s %q: want %s, not %s", flagName, s, want.Dim.Kind(), u.Describe())
	}
	return units.ConvertLiteral(m[1], u)
}

// checkSet parses -set NAME=VALUE UNIT, finds the parameter and converts the
// value to internal units with the parameter's runtime.ParamSpec: the very
// check the compiler applies to the model's own value and the generated
// Params.SetQuantity applies in a Go program (dimension, finiteness, range).
// Errors start with flag ("-set "), or with nothing when flag is "": a
// sweep's -grid value, which the sweep's error names itself.
func checkSet(m *ir.Module, s, flag string) (*ir.Param, float64, error) {
	if flag != "" {
		flag += " "
	}
	name, value, ok := strings.Cut(s, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return nil, 0, fmt.Errorf("%s%q: want NAME=VALUE, e.g. -set 'I.weight=80 nS'", flag, s)
	}
	name = strings.TrimPrefix(name, m.Name+".")
	var p *ir.Param
	var names []string
	for _, q := range m.Params {
		names = append(names, q.Name)
		if q.Name == name {
			p = q
		}
	}
	if p == nil {
		return nil, 0, fmt.Errorf("%s%s: unknown parameter (the model has: %s)", flag, name, strings.Join(names, ", "))
	}
	spec := p.Spec()
	v, err := spec.Parse(value)
	if err != nil {
		return nil, 0, fmt.Errorf("%s%v", flag, err)
	}
	return p, v, nil
}
