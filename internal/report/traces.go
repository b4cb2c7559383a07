package report

import (
	"fmt"
	"strings"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Traces plots recorded state traces, one panel per unit (membrane
// potentials in mV, gating variables, concentrations, ...), each with its
// unit on the y axis, and writes base+".png" and base+".svg". units[i] is
// the unit of column i ("1" for a dimensionless state).
func Traces(base, title string, names, units []string, t []float64, cols [][]float64) error {
	groups := byUnit(units)
	var panels []*panel
	for k, group := range groups {
		pn := newPanel()
		if k == 0 {
			pn.p.Title.Text = title
		}
		if k == len(groups)-1 {
			pn.p.X.Label.Text = "time (ms)"
		}
		pn.p.Y.Label.Text = axisLabel(names, group, units[group[0]])
		for _, i := range group {
			pts := make(plotter.XYs, 0, len(t))
			for j := range t {
				if y := cols[i][j]; y-y == 0 { // skip NaN and Inf (a run with -nocheck)
					pts = append(pts, plotter.XY{X: t[j], Y: y})
				}
			}
			if len(pts) == 0 {
				continue
			}
			l, err := plotter.NewLine(pts)
			if err != nil {
				return err
			}
			l.Color = colour(i)
			pn.p.Add(l)
			pn.leg.Add(names[i], swatch(colour(i)))
		}
		panels = append(panels, pn)
	}
	if len(panels) == 0 {
		return nil
	}
	h := 4*vg.Centimeter + vg.Length(len(panels))*7*vg.Centimeter
	return save(base, panels, 24*vg.Centimeter, h)
}

// byUnit groups the columns by unit, in the order the units first appear:
// the panels of the figure.
func byUnit(units []string) [][]int {
	var groups [][]int
	index := map[string]int{}
	for i, u := range units {
		k, ok := index[u]
		if !ok {
			k = len(groups)
			index[u] = k
			groups = append(groups, nil)
		}
		groups[k] = append(groups[k], i)
	}
	return groups
}

// axisLabel names a panel's y axis: the states it shows (without their
// neuron indices) and their unit, e.g. "N.v (mV)" or
// "N.INa.m, N.INa.h (dimensionless)".
func axisLabel(names []string, cols []int, unit string) string {
	var states []string
	seen := map[string]bool{}
	for _, i := range cols {
		s := names[i]
		if j := strings.LastIndexByte(s, '['); j > 0 {
			s = s[:j]
		}
		if !seen[s] {
			seen[s] = true
			states = append(states, s)
		}
	}
	if len(states) > 3 {
		states = append(states[:3], "…")
	}
	if unit == "1" || unit == "" {
		unit = "dimensionless"
	}
	return fmt.Sprintf("%s (%s)", strings.Join(states, ", "), unit)
}
