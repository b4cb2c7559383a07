// Package sweep holds what `einetc sweep` needs apart from the compiler:
// the grid syntax of -grid and its points, the sweep's manifest
// (sweep.json), the record of each point (point.json), and the rules that
// decide which points a rerun redoes. It checks the syntax of values; what
// a value means for the model (a parameter's unit and range, a seed) is
// checked by the caller with the checks `einetc run` applies to -set and
// -seed, so that a sweep accepts exactly what a run does.
//
// Grid syntax, one -grid flag:
//
//	NAME=VALUES [UNIT]              one axis
//	NAME=VALUES UNIT; NAME=VALUES   several axes zipped (equal lengths)
//
// VALUES is one of
//
//	20,40,67                        a list
//	20..150/14                      14 values evenly spaced from 20 to 150
//	1..1000/4 log                   4 values evenly spaced in log (1, 10, 100, 1000)
//	1..8                            the integers 1 to 8
//
// Several -grid flags form the product of their values, the first flag
// varying slowest.
package sweep

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// MaxPoints is the largest grid a sweep runs without -yes: a typo in a
// range's count (20..150/1400) should not start thousands of simulations.
const MaxPoints = 10000

// maxAxis bounds the values of one axis (and so an integer range): a larger
// one is surely a typo and would take the parser's memory.
const maxAxis = 1_000_000

// Axis is one swept name and its values.
type Axis struct {
	Name   string    `json:"name"`   // a parameter as -set names it, or seed, duration or dt
	Unit   string    `json:"unit"`   // as written after the values ("" when none)
	Values []float64 `json:"values"` // in Unit
	Log    bool      `json:"log,omitempty"`
	Given  string    `json:"given"` // the text of the axis, as typed
}

// Text is value i as -set, -seed or -duration reads it: the shortest
// decimal that parses to the very same float64, and the unit.
func (a *Axis) Text(i int) string {
	s := strconv.FormatFloat(a.Values[i], 'g', -1, 64)
	if a.Unit != "" {
		s += " " + a.Unit
	}
	return s
}

// Header is the column name of the axis in sweep.csv: the name and, in
// parentheses, the unit.
func (a *Axis) Header() string {
	if a.Unit == "" {
		return a.Name
	}
	return a.Name + " (" + a.Unit + ")"
}

// Dim is one -grid flag: axes of equal length, zipped.
type Dim []Axis

// Len is the number of values of the dimension.
func (d Dim) Len() int { return len(d[0].Values) }

// Grid is the sweep's dimensions, crossed.
type Grid []Dim

// Size is the number of points of the grid (math.MaxInt when it overflows).
func (g Grid) Size() int {
	n := 1
	for _, d := range g {
		if d.Len() > 0 && n > math.MaxInt/d.Len() {
			return math.MaxInt
		}
		n *= d.Len()
	}
	return n
}

// Axes lists every axis of the grid in order.
func (g Grid) Axes() []*Axis {
	var as []*Axis
	for i := range g {
		for j := range g[i] {
			as = append(as, &g[i][j])
		}
	}
	return as
}

// Point is one combination of values: Index[k] is the value index in the
// grid's k-th dimension.
type Point struct {
	ID    string
	Index []int
}

// Points enumerates the grid, the first dimension varying slowest. Point
// ids are the position in this order, zero-padded to at least four digits.
func (g Grid) Points() []Point {
	n := g.Size()
	width := max(4, len(strconv.Itoa(n-1)))
	ps := make([]Point, n)
	for k := range ps {
		idx := make([]int, len(g))
		rest := k
		for d := len(g) - 1; d >= 0; d-- {
			idx[d] = rest % g[d].Len()
			rest /= g[d].Len()
		}
		ps[k] = Point{ID: fmt.Sprintf("%0*d", width, k), Index: idx}
	}
	return ps
}

// Values are the point's values, one per axis of the grid, as texts for
// -set/-seed/-duration, in the order of Axes.
func (g Grid) Values(p Point) []string {
	var vs []string
	for d, dim := range g {
		for a := range dim {
			vs = append(vs, dim[a].Text(p.Index[d]))
		}
	}
	return vs
}

// Numbers are the point's values as numbers (in each axis's unit), in the
// order of Axes.
func (g Grid) Numbers(p Point) []float64 {
	var vs []float64
	for d, dim := range g {
		for a := range dim {
			vs = append(vs, dim[a].Values[p.Index[d]])
		}
	}
	return vs
}

// ParseDim parses one -grid flag: one axis, or several zipped with ";".
func ParseDim(s string) (Dim, error) {
	var d Dim
	for _, part := range strings.Split(s, ";") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		a, err := ParseAxis(part)
		if err != nil {
			return nil, err
		}
		for _, b := range d {
			if b.Name == a.Name {
				return nil, fmt.Errorf("-grid %q: %s is given twice", s, a.Name)
			}
		}
		if len(d) > 0 && len(a.Values) != d.Len() {
			return nil, fmt.Errorf("-grid %q: zipped axes need as many values each: %s has %d, %s has %d", s, d[0].Name, d.Len(), a.Name, len(a.Values))
		}
		d = append(d, a)
	}
	if len(d) == 0 {
		return nil, fmt.Errorf("-grid %q: want NAME=VALUES, e.g. -grid 'I.weight=20,40,67 nS'", s)
	}
	return d, nil
}

// valuesRE splits an axis's text into its values and its unit: the unit
// starts at the first character that cannot be part of a number, a list or
// a range (so a unit that starts with a digit is written in parentheses,
// "(1/ms)", as in the model).
var valuesRE = regexp.MustCompile(`^([-+0-9.eE,/\s]*[0-9.])\s*(.*)$`)

// ParseAxis parses NAME=VALUES [log] [UNIT].
func ParseAxis(s string) (Axis, error) {
	name, rhs, ok := strings.Cut(s, "=")
	a := Axis{Name: strings.TrimSpace(name), Given: strings.TrimSpace(s)}
	if !ok || a.Name == "" {
		return a, fmt.Errorf("-grid %q: want NAME=VALUES, e.g. -grid 'I.weight=20,40,67 nS'", a.Given)
	}
	m := valuesRE.FindStringSubmatch(strings.TrimSpace(rhs))
	if m == nil {
		return a, fmt.Errorf("-grid %q: no values (want a list 20,40,67, a range 20..150/14 or 1..100/3 log, or integers 1..8)", a.Given)
	}
	vals, unit := strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
	if unit != "" && strings.ContainsAny(unit[:1], "/,.+-") {
		return a, fmt.Errorf("-grid %q: malformed values %q (want a list 20,40,67, a range 20..150/14 or 1..100/3 log, or integers 1..8, then the unit)", a.Given, strings.TrimSpace(rhs))
	}
	if rest, ok := strings.CutPrefix(unit, "log"); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
		a.Log, unit = true, strings.TrimSpace(rest)
	}
	a.Unit = strings.TrimSuffix(strings.TrimPrefix(unit, "("), ")")
	if unit != "" && (strings.HasPrefix(unit, "(") != strings.HasSuffix(unit, ")")) {
		return a, fmt.Errorf("-grid %q: unbalanced parentheses in the unit %q", a.Given, unit)
	}
	var err error
	if strings.Contains(vals, "..") {
		a.Values, err = parseRange(vals, a.Log)
	} else if a.Log {
		err = fmt.Errorf("log applies to a range lo..hi/n")
	} else {
		a.Values, err = parseList(vals)
	}
	if err != nil {
		return a, fmt.Errorf("-grid %q: %v", a.Given, err)
	}
	return a, nil
}

func parseList(s string) ([]float64, error) {
	var vs []float64
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			return nil, fmt.Errorf("an empty value in the list %q", s)
		}
		v, err := number(f)
		if err != nil {
			return nil, err
		}
		vs = append(vs, v)
	}
	return vs, nil
}

func number(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return v, nil
}

// parseRange reads lo..hi/n (linear, or log when log) or lo..hi (integers).
func parseRange(s string, log bool) ([]float64, error) {
	lohi, count, hasCount := strings.Cut(s, "/")
	los, his, _ := strings.Cut(lohi, "..")
	lo, err := number(strings.TrimSpace(los))
	if err != nil {
		return nil, fmt.Errorf("range %q: %v", s, err)
	}
	hi, err := number(strings.TrimSpace(his))
	if err != nil {
		return nil, fmt.Errorf("range %q: %v", s, err)
	}
	if !hasCount {
		if log {
			return nil, fmt.Errorf("range %q: a log range needs a count, lo..hi/n log", s)
		}
		return intRange(s, lo, hi)
	}
	n, err := strconv.Atoi(strings.TrimSpace(count))
	if err != nil || n < 2 || n > maxAxis {
		return nil, fmt.Errorf("range %q: the count after / must be an integer from 2 to %d", s, maxAxis)
	}
	if !(hi > lo) {
		return nil, fmt.Errorf("range %q is empty: want lo < hi", s)
	}
	if log && !(lo > 0) {
		return nil, fmt.Errorf("range %q: a log range needs 0 < lo", s)
	}
	vs := make([]float64, n)
	for i := range vs {
		f := float64(i) / float64(n-1)
		v := lo + (hi-lo)*f
		if log {
			v = lo * math.Pow(hi/lo, f)
		}
		if i == n-1 {
			v = hi
		}
		vs[i] = round12(v)
	}
	return vs, nil
}

func intRange(s string, lo, hi float64) ([]float64, error) {
	if lo != math.Trunc(lo) || hi != math.Trunc(hi) {
		return nil, fmt.Errorf("range %q: without a count (lo..hi/n) a range is of integers", s)
	}
	if hi < lo {
		return nil, fmt.Errorf("range %q is empty: want lo <= hi", s)
	}
	if hi-lo >= maxAxis {
		return nil, fmt.Errorf("range %q has more than %d values", s, maxAxis)
	}
	var vs []float64
	for v := lo; v <= hi; v++ {
		vs = append(vs, v)
	}
	return vs, nil
}

// round12 rounds to 12 significant digits, so that 20..150/14 gives 30, not
// 29.999999999999996: the value a user would type for the same point.
func round12(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	return r
}
