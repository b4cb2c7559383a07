package ir

import "strconv"

// TableSpec is the voltage grid of NMODL-style rate tables: values from Lo
// to Hi (mV) every Step mV. Outside the range the end values are used, as
// NEURON's TABLE does.
type TableSpec struct {
	Lo, Hi, Step float64
}

// DefaultTables covers −150 to +100 mV every 0.01 mV: 25 001 points per
// table, 200 kB each.
var DefaultTables = TableSpec{Lo: -150, Hi: 100, Step: 0.01}

// Table marks a local that is computed, in the step, by linear
// interpolation in a table over v built once by New.
type Table struct {
	TableSpec
	Name string // unique in the population, e.g. "tab1"
}

// Points returns the number of grid points.
func (t TableSpec) Points() int { return int((t.Hi-t.Lo)/t.Step+0.5) + 1 }

// Tabulate turns every expensive value of each population's update that
// depends on the membrane potential alone (rate functions, the gates'
// exponential-Euler factors) into a table lookup: an opt-in faster mode that
// trades exactness for speed, with the error measured by the tests.
func Tabulate(m *Module, spec TableSpec) {
	for _, pop := range m.Pops {
		if pop.V != nil {
			tabulatePop(pop, spec)
		}
	}
}

func tabulatePop(pop *Population, spec TableSpec) {
	t := &tabulator{v: pop.V, spec: spec, memo: map[string]*Local{}}
	var out []*Stmt
	for _, s := range pop.Update {
		if s.Local != nil && t.vOnly(s.Value) && !trivial(s.Value) {
			t.mark(s, s.Local.Table)
			out = append(out, s)
			continue
		}
		s.Value = t.expr(s.Value, true)
		out = append(out, t.pending...)
		t.pending = nil
		out = append(out, s)
	}
	pop.Update = pruneTables(materialize(out, pop.PerStep...))
	syncLocals(pop.Update)
}

type tabulator struct {
	v       *State
	spec    TableSpec
	n       int
	memo    map[string]*Local
	pending []*Stmt
}

// FunctionOfV reports whether e reads the membrane potential v and no
// other state, nor time: whether a table over v can hold it.
func FunctionOfV(e Expr, v *State) bool {
	return (&tabulator{v: v}).vOnly(e)
}

// vOnly reports whether e reads the membrane potential and no other state.
func (t *tabulator) vOnly(e Expr) bool {
	reads := map[*State]bool{}
	Walk(e, func(x Expr) {
		switch x := x.(type) {
		case *StateRef:
			reads[x.S] = true
		case *LocalRef:
			for s := range localDeps(x.L) {
				reads[s] = true
			}
		case *Var:
			if x.Name == "t" || x.Name == "w" {
				reads[nil] = true // time-dependent: not a function of v alone
			}
		}
	})
	return len(reads) == 1 && reads[t.v]
}

// mark tabulates s on grid, or on the default grid when grid is nil.
func (t *tabulator) mark(s *Stmt, grid *TableSpec) {
	t.n++
	spec := t.spec
	if grid != nil {
		spec = *grid
	}
	s.Table = &Table{TableSpec: spec, Name: "tab" + strconv.Itoa(t.n)}
}

// expr replaces the maximal v-only, non-trivial subtrees of e by tabulated
// locals, queued in t.pending.
func (t *tabulator) expr(e Expr, top bool) Expr {
	if !top && !trivial(e) && t.vOnly(e) {
		key := Key(e)
		l, ok := t.memo[key]
		if !ok {
			l = &Local{Name: "vtab" + strconv.Itoa(len(t.memo)+1), Value: e}
			t.memo[key] = l
			s := &Stmt{Local: l, Value: e}
			t.mark(s, nil)
			t.pending = append(t.pending, s)
		}
		return &LocalRef{L: l}
	}
	return mapChildren(e, func(c Expr) Expr { return t.expr(c, false) })
}

// pruneTables drops the locals that only tabulated values read: in the step
// those values come from their tables.
func pruneTables(stmts []*Stmt) []*Stmt {
	tabulated := map[*Local]bool{}
	for _, s := range stmts {
		if s.Local != nil && s.Table != nil {
			tabulated[s.Local] = true
		}
	}
	used := liveLocals(stmts, tabulated)
	var out []*Stmt
	for _, s := range stmts {
		if s.Local != nil && !used[s.Local] {
			continue
		}
		out = append(out, s)
	}
	return out
}
