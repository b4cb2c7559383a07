package nmodl

import (
	"fmt"
	"sort"
	"strings"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/runtime/units"
)

// Translation is a .mod file translated into one einetc CHANNEL. Every
// node carries a position in the .mod file, so that einetc's checker
// reports its errors there; comments cite the .mod lines each declaration
// comes from.
type Translation struct {
	Module      *Module
	File        *dsl.File
	Mech        *dsl.Mechanism
	Notes       []string       // what the translation did that a reader should know (the -report lines)
	comments    map[any]string // per declaration: its .mod citation
	ionComments []string
}

// Translate parses a .mod file and translates it. Every error is reported,
// at its position in the .mod file.
func Translate(name string, src []byte) (*Translation, dsl.ErrorList) {
	m, errs := Parse(name, src)
	t := newTranslator(m)
	if !hasSyntaxError(errs) {
		// Constructs out of the subset were skipped by Parse; translating
		// the rest finds the other errors in the same run.
		t.run()
	}
	errs = append(errs, t.errs...)
	errs.Sort()
	errs.RemoveDuplicates()
	if len(errs) > 0 {
		return nil, errs
	}
	return t.tr, nil
}

func hasSyntaxError(errs dsl.ErrorList) bool {
	for _, e := range errs {
		if strings.HasPrefix(e.Msg, "syntax error") || strings.Contains(e.Msg, "without END") {
			return true
		}
	}
	return false
}

// ver is one value given to an ASSIGNED variable or a LOCAL: a DEFINE. Its
// name is chosen when the translation ends (finalize): the last value of an
// ASSIGNED variable takes the variable's own name.
type ver struct {
	base  string
	def   *dsl.Define
	refs  []*dsl.Name
	local bool
}

// table is a TABLE of a PROCEDURE called as proc(v): the versions its
// names have after the call.
type table struct {
	st   *Stmt
	vers []*ver
}

type global struct {
	decl  *Decl
	unit  string // the einetc unit of a parameter, "" for a pure number
	kind  string // param, state, assigned, current, ion, ioncur, conc, concw, refused
	conc  bool   // a state that is an ion concentration (WRITE cai): mM in einetc
	value dsl.Expr
}

type translator struct {
	m     *Module
	tr    *Translation
	errs  dsl.ErrorList
	names map[string]*global
	vers  map[string][]*ver
	order []*ver
	used  map[string]bool
	// The current top-level block: the values assigned so far.
	vals          map[string]dsl.Expr
	depth         int
	calls         map[string]map[string]dsl.Expr
	calling       map[string]bool
	currents      map[string]string // current name → ion ("" for NONSPECIFIC_CURRENT)
	readBeforeSet map[string]bool
	failed        map[string]bool    // names already reported: no further errors about them
	valPos        map[string]dsl.Pos // where each of vals was last assigned
	verOf         map[*dsl.Name]*ver // a version's first reference → the version
	tabs          []*table           // the TABLEs that map to einetc's
	tabNoted      map[*Stmt]bool     // TABLEs noted as not mapped
}

func newTranslator(m *Module) *translator {
	mech := &dsl.Mechanism{Kind: dsl.Channel}
	return &translator{
		m:             m,
		tr:            &Translation{Module: m, File: &dsl.File{Name: m.File, Mechanisms: []*dsl.Mechanism{mech}}, Mech: mech, comments: map[any]string{}},
		names:         map[string]*global{},
		vers:          map[string][]*ver{},
		used:          map[string]bool{},
		calls:         map[string]map[string]dsl.Expr{},
		verOf:         map[*dsl.Name]*ver{},
		tabNoted:      map[*Stmt]bool{},
		calling:       map[string]bool{},
		currents:      map[string]string{},
		readBeforeSet: map[string]bool{},
		failed:        map[string]bool{},
		valPos:        map[string]dsl.Pos{},
	}
}

func (t *translator) errorf(pos dsl.Pos, format string, args ...any) {
	t.errs.Add(pos, format, args...)
}

func (t *translator) note(format string, args ...any) {
	t.tr.Notes = append(t.tr.Notes, fmt.Sprintf(format, args...))
}

// cite is the comment of a declaration from line pos.Line: file:line: text.
func (t *translator) cite(pos dsl.Pos) string {
	line := ""
	if pos.Line-1 < len(t.m.Lines) {
		line = strings.Join(strings.Fields(t.m.Lines[pos.Line-1]), " ")
	}
	return fmt.Sprintf("%s:%d: %s", baseName(t.m.File), pos.Line, line)
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

func (t *translator) run() {
	defer func() {
		if r := recover(); r != nil && len(t.errs) == 0 {
			panic(r)
		}
	}()
	m, mech := t.m, t.tr.Mech
	if m.Suffix == nil {
		t.errorf(dsl.Pos{Filename: m.File, Line: 1, Column: 1}, "no SUFFIX: einetc imports density mechanisms (NEURON { SUFFIX name })")
		return
	}
	mech.Pos, mech.Name = m.Suffix.Pos, dsl.Ident{Pos: m.Suffix.Pos, Name: m.Suffix.Name}
	t.tr.comments[mech] = t.cite(m.Suffix.Pos)
	t.declare()
	t.functions()
	if m.Initial != nil {
		t.topBlock(m.Initial, "INITIAL")
	}
	if m.Breakpoint == nil {
		t.errorf(m.Suffix.Pos, "no BREAKPOINT block: the mechanism computes no current")
	} else {
		t.topBlock(m.Breakpoint, "BREAKPOINT")
	}
	t.finalize()
	t.tables()
}

// procTables records the TABLEs of procedure p, just run for call c: a
// TABLE over p's one argument maps to einetc's TABLE of the definitions
// its names now have when the argument is v.
func (t *translator) procTables(p *Proc, c *Call, s *scope) {
	for _, st := range p.Body.Stmts {
		if st.Kind != STable {
			continue
		}
		if len(c.Args) != 1 || !isV(c.Args[0]) || (s != nil && s.vars["v"] != nil) || t.depth > 0 {
			if !t.tabNoted[st] {
				t.note("TABLE (%s): computed exactly, not tabulated: %s is not called as %s(v)", t.cite(st.Pos), p.Name, p.Name)
				t.tabNoted[st] = true
			}
			continue
		}
		tb := &table{st: st}
		for _, n := range st.Names {
			if r, ok := t.vals[n.Name].(*dsl.Name); ok && t.verOf[r] != nil {
				tb.vers = append(tb.vers, t.verOf[r])
			}
		}
		t.tabs = append(t.tabs, tb)
	}
}

// isV reports whether e is v, or v*1(unit) (khhchan.mod's rate(v*1(/mV))).
func isV(e Expr) bool {
	if b, ok := e.(*Binary); ok && b.Op == "*" {
		if n, ok := b.Y.(*Num); ok && n.Text == "1" {
			e = b.X
		}
	}
	r, ok := e.(*Ref)
	return ok && r.Name == "v"
}

// tables writes the channel's TABLE statements, after finalize has named
// the definitions: each name whose definition is a function of v alone
// (v, celsius, parameters, functions and other such definitions), with
// FROM and TO in mV. The rest is noted: computed exactly all the same.
func (t *translator) tables() {
	byName := map[string]*dsl.Define{}
	for _, d := range t.tr.Mech.Defines {
		byName[d.Name.Name] = d
	}
	mapped := map[*Stmt]bool{}
	for _, tb := range t.tabs {
		mapped[tb.st] = true
	}
	for _, st := range t.m.Tables {
		if !mapped[st] && !t.tabNoted[st] {
			t.note("TABLE (%s): computed exactly, not tabulated by name (a FUNCTION's, or a PROCEDURE's that is not called); einetc -tables tabulates whatever depends on v alone", t.cite(st.Pos))
		}
	}
	for _, tb := range t.tabs {
		from, ok1 := t.millivolts(tb.st.X)
		to, ok2 := t.millivolts(tb.st.Y)
		with, ok3 := tb.st.With.(*Num)
		if !ok1 || !ok2 || !ok3 {
			t.note("TABLE (%s): computed exactly, not tabulated: FROM, TO and WITH are not numbers", t.cite(tb.st.Pos))
			continue
		}
		td := &dsl.TableDecl{Pos: tb.st.Pos, From: from, To: to, With: &dsl.Number{Pos: with.Pos, Text: with.Text}}
		var skipped []string
		for _, v := range tb.vers {
			if t.functionOfV(v.def.Value, byName, map[*dsl.Define]bool{}) {
				td.Names = append(td.Names, v.def.Name)
			} else {
				skipped = append(skipped, v.def.Name.Name)
			}
		}
		if len(skipped) > 0 {
			t.note("TABLE (%s): %s computed exactly, not tabulated: not a function of v alone", t.cite(tb.st.Pos), strings.Join(skipped, ", "))
		}
		if len(td.Names) > 0 {
			t.tr.Mech.Tables = append(t.tr.Mech.Tables, td)
			t.tr.comments[td] = t.cite(tb.st.Pos)
		}
	}
}

// millivolts is a TABLE bound, a number or a negated one, as a voltage.
func (t *translator) millivolts(e Expr) (dsl.Expr, bool) {
	neg := false
	if u, ok := e.(*Unary); ok && u.Op == "-" {
		neg, e = true, u.X
	}
	n, ok := e.(*Num)
	if !ok {
		return nil, false
	}
	var x dsl.Expr = &dsl.Number{Pos: n.Pos, Text: n.Text, Unit: &dsl.Unit{Pos: n.Pos, Text: "mV"}}
	if neg {
		x = &dsl.Unary{Pos: n.Pos, Op: "-", X: x}
	}
	return x, true
}

// functionOfV reports whether a translated expression reads only v,
// celsius, parameters, numbers, function calls of such, and definitions
// that do the same.
func (t *translator) functionOfV(e dsl.Expr, defs map[string]*dsl.Define, seen map[*dsl.Define]bool) bool {
	switch e := e.(type) {
	case *dsl.Number:
		return true
	case *dsl.Name:
		n := e.Path.String()
		if n == "v" || n == "celsius" {
			return true
		}
		if g := t.names[n]; g != nil && g.kind == "param" {
			return true
		}
		if d := defs[n]; d != nil {
			if r, ok := seen[d]; ok {
				return r // true while in progress: a cycle is the checker's error
			}
			seen[d] = true
			seen[d] = t.functionOfV(d.Value, defs, seen)
			return seen[d]
		}
		return false
	case *dsl.Call:
		for _, a := range e.Args {
			if !t.functionOfV(a, defs, seen) {
				return false
			}
		}
		return true
	case *dsl.Unary:
		return t.functionOfV(e.X, defs, seen)
	case *dsl.Binary:
		return t.functionOfV(e.X, defs, seen) && t.functionOfV(e.Y, defs, seen)
	case *dsl.Cond:
		return t.functionOfV(e.Cond, defs, seen) && t.functionOfV(e.Then, defs, seen) && t.functionOfV(e.Else, defs, seen)
	}
	return false
}

// declare enters the NEURON, PARAMETER, STATE, ASSIGNED and CONSTANT names.
func (t *translator) declare() {
	m, mech := t.m, t.tr.Mech
	for _, u := range m.Ions {
		t.useIon(u)
	}
	for _, n := range m.Refused {
		t.names[n.Name] = &global{kind: "refused"}
	}
	for _, n := range m.Nonspecific {
		t.currents[n.Name] = ""
		t.names[n.Name] = &global{kind: "current"}
	}
	for _, d := range append(append([]*Decl{}, m.Params...), m.Constants...) {
		t.param(d)
	}
	for _, d := range m.States {
		conc := t.names[d.Name] != nil && t.names[d.Name].kind == "concw"
		if !conc && t.skipSpecial(d) {
			continue
		}
		t.names[d.Name] = &global{decl: d, kind: "state", conc: conc}
		sd := &dsl.StateDecl{Name: dsl.Ident{Pos: d.Pos, Name: d.Name}}
		if conc {
			sd.Unit = &dsl.Unit{Pos: d.Pos, Text: "mM"}
		}
		mech.States = append(mech.States, sd)
		c := t.cite(d.Pos)
		switch {
		case conc:
			c += " (ion " + strings.TrimSuffix(strings.TrimSuffix(d.Name, "i"), "o") + "'s concentration, in mM)"
		case d.Unit != "" && d.Unit != "1":
			c += fmt.Sprintf(" (a number in %s)", d.Unit)
		}
		t.tr.comments[sd] = c
		t.used[d.Name] = true
	}
	for _, d := range m.Assigned {
		if t.skipSpecial(d) || t.names[d.Name] != nil {
			continue
		}
		t.names[d.Name] = &global{decl: d, kind: "assigned"}
	}
	for _, u := range m.Ions {
		for _, w := range u.Write {
			if g := t.names[w.Name]; g != nil && g.kind == "concw" {
				t.errorf(w.Pos, "WRITE %s of a variable that is not a STATE: einetc integrates a concentration as a STATE with its equation (%s' = ...)", w.Name, w.Name)
				g.kind = "refused"
			}
		}
	}
}

// useIon maps USEION x READ … WRITE … onto einetc's (docs/language.md,
// R7a): reversal potentials, concentrations (a written one is a STATE in
// mM) and ion currents (read: the sum of the ion's currents, inward in
// einetc; written: a CURRENT).
func (t *translator) useIon(u *UseIon) {
	mech := t.tr.Mech
	mech.Ions = append(mech.Ions, dsl.Ident{Pos: u.Pos, Name: u.Ion})
	t.tr.ionComments = append(t.tr.ionComments, t.cite(u.Pos))
	written := map[string]bool{}
	for _, w := range u.Write {
		written[w.Name] = true
	}
	iv := func(n *Name, write bool) {
		mech.IonVars = append(mech.IonVars, &dsl.IonVar{Ion: u.Ion, Name: dsl.Ident{Pos: n.Pos, Name: n.Name}, Write: write})
	}
	for _, r := range u.Read {
		switch {
		case written[r.Name]: // READ cai WRITE cai: the state
		case r.Name == "e"+u.Ion:
			t.names[r.Name] = &global{kind: "ion", unit: "mV"}
			iv(r, false)
		case r.Name == "i"+u.Ion:
			t.names[r.Name] = &global{kind: "ioncur"}
			iv(r, false)
			t.note("%s: %s is read: the sum of the currents that WRITE it, inward-positive in einetc, so the .mod's %s is -(%s / 1 (mA/cm2))", t.cite(r.Pos), r.Name, r.Name, r.Name)
		case r.Name == u.Ion+"i" || r.Name == u.Ion+"o":
			t.names[r.Name] = &global{kind: "conc", unit: "mM"}
			iv(r, false)
			t.note("%s: %s is read: the concentration of ion %s, which the model's ION %s gives (NEURON's default: %s mM) unless a mechanism writes it", t.cite(r.Pos), r.Name, u.Ion, u.Ion, concDefault[r.Name])
		default:
			t.errorf(r.Pos, "USEION %s READ %s: einetc knows e%s, %si, %so and i%s", u.Ion, r.Name, u.Ion, u.Ion, u.Ion, u.Ion)
			t.names[r.Name] = &global{kind: "refused"}
		}
	}
	for _, w := range u.Write {
		switch {
		case w.Name == "i"+u.Ion:
			t.currents[w.Name] = u.Ion
			t.names[w.Name] = &global{kind: "current"}
			iv(w, true)
		case w.Name == u.Ion+"i" || w.Name == u.Ion+"o":
			t.names[w.Name] = &global{kind: "concw"}
			iv(w, true)
		default:
			t.errorf(w.Pos, "writing %s is not supported: einetc mechanisms write ion currents and concentrations (i%s, %si, %so)", w.Name, u.Ion, u.Ion, u.Ion)
			t.names[w.Name] = &global{kind: "refused"}
		}
	}
}

// concDefault are NEURON's initial ion concentrations (mM), for the notes.
var concDefault = map[string]string{"nai": "10", "nao": "140", "ki": "54.4", "ko": "2.5", "cai": "5e-5", "cao": "2"}

// skipSpecial reports whether d declares one of NEURON's own variables,
// which einetc provides: v, celsius, t, dt, and the ion variables.
func (t *translator) skipSpecial(d *Decl) bool {
	switch d.Name {
	case "v", "t", "dt", "celsius", "area", "diam":
		if d.Name == "celsius" && d.Value != "" {
			t.note("%s: celsius is the NEURON's temperature in einetc (celsius = %s (degC) on the NEURON; einetc's default is 36 degC, NEURON's 6.3 degC)", t.cite(d.Pos), d.Value)
		}
		return true
	}
	g := t.names[d.Name]
	return g != nil && (g.kind == "ion" || g.kind == "ioncur" || g.kind == "conc" || g.kind == "concw" || g.kind == "current" || g.kind == "refused")
}

// einUnit maps a .mod unit onto einetc's unit syntax, or "" for a pure
// number (no unit, (1), or a unit einetc does not know).
func einUnit(u string) (string, bool) {
	if u == "" || u == "1" {
		return "", true
	}
	r := strings.NewReplacer("mho", "S", "molar", "M", "micron", "um", "millivolt", "mV", "ohm", "ohm")
	s := r.Replace(u)
	if _, err := units.Parse(s); err != nil {
		return "", false
	}
	return s, true
}

func (t *translator) param(d *Decl) {
	if t.skipSpecial(d) {
		return
	}
	if g := t.names[d.Name]; g != nil {
		t.errorf(d.Pos, "%s is declared twice", d.Name)
		return
	}
	unit, ok := einUnit(d.Unit)
	zeroTau := false
	if u, err := units.Parse(unit); err == nil && unit != "" && u.Dim == units.Time && strings.HasPrefix(d.Name, "tau") && strings.Trim(d.Value, "0.-") == "" {
		// einetc requires a time constant named tau… to be positive; the
		// .mod uses 0 as a value of its own (release.mod: tauGen = 0 means
		// instantaneous). Keep it a number in its unit.
		unit, zeroTau = "", true
	}
	g := &global{decl: d, kind: "param", unit: unit}
	t.names[d.Name] = g
	t.used[d.Name] = true
	val := d.Value
	if val == "" {
		val = "0"
	}
	var x dsl.Expr = num(d.Pos, strings.TrimPrefix(val, "-"), unit)
	if strings.HasPrefix(val, "-") {
		x = &dsl.Unary{Pos: d.Pos, Op: "-", X: x}
	}
	p := &dsl.Prop{Pos: d.Pos, Key: dsl.Ident{Pos: d.Pos, Name: d.Name}, Value: x}
	t.tr.Mech.Params = append(t.tr.Mech.Params, p)
	c := t.cite(d.Pos)
	switch {
	case !ok:
		c += fmt.Sprintf(" (unit %s: not an einetc unit, kept as a number in it)", d.Unit)
	case zeroTau:
		c += fmt.Sprintf(" (a number in %s: einetc's time constants tau… are positive, and the .mod uses 0)", d.Unit)
	}
	t.tr.comments[p] = c
}

func num(pos dsl.Pos, text, unit string) *dsl.Number {
	n := &dsl.Number{Pos: pos, Text: text}
	if unit != "" {
		n.Unit = &dsl.Unit{Pos: pos, Text: unit}
	}
	return n
}

func name(pos dsl.Pos, s string) *dsl.Name {
	return &dsl.Name{Path: dsl.Path{Pos: pos, Parts: []dsl.Ident{{Pos: pos, Name: s}}}}
}

// asNumber reads a quantity of einetc as a number in unit: x / 1 (unit).
func asNumber(pos dsl.Pos, x dsl.Expr, unit string) dsl.Expr {
	return &dsl.Binary{Pos: pos, Op: "/", X: x, Y: num(pos, "1", unit)}
}

// functions translates every FUNCTION into a pure einetc FUNCTION.
func (t *translator) functions() {
	for _, fn := range t.m.FuncOrder {
		f := t.m.Funcs[fn]
		t.used[fn] = true
		if t.names[fn] != nil {
			t.errorf(f.Pos, "%s is declared twice", fn)
		}
	}
	for _, fn := range t.m.FuncOrder {
		t.function(t.m.Funcs[fn])
	}
}

// blockScope is the frame of a block's own LOCALs; they are named after it
// (breakpoint_kca, states_inf).
func blockScope(name string) *scope {
	return &scope{proc: &Proc{Name: name}, vars: map[string]dsl.Expr{}, locals: map[string]bool{}}
}

// scope is the frame of a FUNCTION or PROCEDURE body.
type scope struct {
	proc   *Proc
	vars   map[string]dsl.Expr // locals, parameters and (in a function) its name
	locals map[string]bool
	isFunc bool
}

func (t *translator) function(f *Proc) {
	s := &scope{proc: f, vars: map[string]dsl.Expr{}, locals: map[string]bool{}, isFunc: true}
	df := &dsl.Func{Pos: f.Pos, Name: dsl.Ident{Pos: f.Pos, Name: f.Name}}
	for _, p := range f.Params {
		df.Params = append(df.Params, &dsl.FuncParam{Name: dsl.Ident{Pos: p.Pos, Name: p.Name}})
		s.vars[p.Name] = name(p.Pos, p.Name)
		s.locals[p.Name] = true
	}
	s.locals[f.Name] = true
	saved := t.vals
	t.vals = map[string]dsl.Expr{}
	t.stmts(f.Body.Stmts, s)
	t.vals = saved
	body, ok := s.vars[f.Name]
	if !ok {
		t.errorf(f.Pos, "function %s never assigns its value (%s = …)", f.Name, f.Name)
		body = num(f.Pos, "0", "")
	}
	df.Body = body
	t.tr.Mech.Funcs = append(t.tr.Mech.Funcs, df)
	t.tr.comments[df] = t.cite(f.Pos)
}

// topBlock runs INITIAL or BREAKPOINT and emits what it assigned.
func (t *translator) topBlock(b *Block, kind string) {
	t.vals = map[string]dsl.Expr{}
	t.stmts(b.Stmts, blockScope(strings.ToLower(kind)))
	keys := t.sortedKeys(t.vals)
	for _, k := range keys {
		x := t.vals[k]
		pos := t.valPos[k]
		switch {
		case strings.HasSuffix(k, "'"):
			st := strings.TrimSuffix(k, "'")
			if g := t.names[st]; g != nil && g.conc {
				x = &dsl.Binary{Pos: pos, Op: "*", X: x, Y: num(pos, "1", "mM")}
			}
			ode := &dsl.ODE{Pos: pos, State: dsl.Ident{Pos: pos, Name: st}, RHS: &dsl.Binary{Pos: pos, Op: "/", X: x, Y: num(pos, "1", "ms")}}
			t.tr.Mech.ODEs = append(t.tr.Mech.ODEs, ode)
			t.tr.comments[ode] = t.cite(pos)
		case t.names[k] != nil && t.names[k].kind == "state":
			if kind != "INITIAL" {
				t.errorf(pos, "%s assigns the state %s: only INITIAL may (einetc advances states by their ODEs)", kind, k)
				continue
			}
			if t.names[k].conc {
				x = &dsl.Binary{Pos: pos, Op: "*", X: x, Y: num(pos, "1", "mM")}
			}
			a := &dsl.Assign{Pos: pos, Target: dsl.Path{Pos: pos, Parts: []dsl.Ident{{Pos: pos, Name: k}}}, Op: "=", Value: x}
			t.tr.Mech.Initial = append(t.tr.Mech.Initial, a)
			t.tr.comments[a] = t.cite(pos)
		case t.names[k] != nil && t.names[k].kind == "current":
			if kind != "BREAKPOINT" {
				continue
			}
			c := &dsl.Current{Pos: pos, Name: dsl.Ident{Pos: pos, Name: k},
				Value: &dsl.Binary{Pos: pos, Op: "*", X: &dsl.Unary{Pos: pos, Op: "-", X: num(pos, "1", "mA/cm2")}, Y: x}}
			t.tr.Mech.Currents = append(t.tr.Mech.Currents, c)
			t.tr.comments[c] = t.cite(pos) + " (outward-positive mA/cm2 in NMODL: the sign flips)"
		}
	}
	for _, c := range t.m.Nonspecific {
		if _, ok := t.vals[c.Name]; !ok && kind == "BREAKPOINT" {
			t.errorf(c.Pos, "the current %s is never assigned in BREAKPOINT", c.Name)
		}
	}
	for _, u := range t.m.Ions {
		for _, w := range u.Write {
			if _, ok := t.vals[w.Name]; !ok && kind == "BREAKPOINT" && t.currents[w.Name] != "" {
				t.errorf(w.Pos, "the current %s is never assigned in BREAKPOINT", w.Name)
			}
		}
	}
}

func (t *translator) sortedKeys(m map[string]dsl.Expr) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := t.valPos[keys[i]], t.valPos[keys[j]]
		if a.Line != b.Line || a.Column != b.Column {
			return a.Before(b)
		}
		return keys[i] < keys[j]
	})
	return keys
}

func (t *translator) stmts(ss []*Stmt, s *scope) {
	for _, st := range ss {
		t.stmt(st, s)
	}
}

func (t *translator) stmt(st *Stmt, s *scope) {
	switch st.Kind {
	case SLocal:
		for _, n := range st.Names {
			s.locals[n.Name] = true
			s.vars[n.Name] = num(n.Pos, "0", "")
		}
	case SAssign:
		t.assign(st, s)
	case SIf:
		t.ifStmt(st, s)
	case SCall:
		c := st.X.(*Call)
		if t.m.Procs[c.Name] == nil {
			if t.m.Funcs[c.Name] != nil {
				t.expr(c, s) // a function called for nothing: still checked
				return
			}
			t.errorf(c.Pos, "unknown procedure %s", c.Name)
			return
		}
		t.call(c, s)
	case SSolve:
		t.solve(st, s)
	case STable, SConserve:
	case SReaction:
		t.errorf(st.Pos, "a reaction outside a KINETIC block")
	}
}

func (t *translator) assign(st *Stmt, s *scope) {
	n := st.Target.Name
	x := t.bounded(st.Pos, n, t.expr(st.X, s))
	if st.Deriv {
		if g := t.names[n]; g == nil || g.kind != "state" {
			t.errorf(st.Target.Pos, "%s' for %s, which is not a STATE", n, n)
			return
		}
		t.vals[n+"'"] = x
		t.valPos[n+"'"] = st.Pos
		return
	}
	if s != nil && s.locals[n] {
		if !s.isFunc && t.depth == 0 && !trivial(x) {
			x = t.version(s.proc.Name+"_"+n, x, st.Pos, true)
		}
		s.vars[n] = x
		return
	}
	g := t.names[n]
	switch {
	case g == nil:
		t.errorf(st.Target.Pos, "assignment to %s, which is not declared (declare it in ASSIGNED, or LOCAL)", n)
	case s != nil && s.isFunc:
		t.errorf(st.Target.Pos, "function %s assigns %s: einetc functions are pure (make it a PROCEDURE)", s.proc.Name, n)
	case g.kind == "param" || g.kind == "ion":
		t.errorf(st.Target.Pos, "assignment to %s, which is a PARAMETER", n)
	case g.kind == "conc" || g.kind == "ioncur":
		t.errorf(st.Target.Pos, "assignment to %s, which the mechanism only READs (WRITE it in USEION)", n)
	case g.kind == "assigned" && t.depth == 0:
		t.vals[n] = t.version(n, x, st.Pos, false)
		t.valPos[n] = st.Pos
	default:
		t.vals[n] = x
		t.valPos[n] = st.Pos
	}
}

// trivial reports whether x is short enough to repeat where it is read.
func trivial(x dsl.Expr) bool {
	switch x := x.(type) {
	case *dsl.Number, *dsl.Name:
		return true
	case *dsl.Unary:
		return trivial(x.X)
	case *dsl.Binary:
		_, isName := x.X.(*dsl.Name)
		n, isNum := x.Y.(*dsl.Number)
		return x.Op == "/" && isName && isNum && n.Text == "1"
	}
	return false
}

// version makes x a DEFINE and returns a reference to it.
func (t *translator) version(base string, x dsl.Expr, pos dsl.Pos, local bool) dsl.Expr {
	v := &ver{base: base, local: local, def: &dsl.Define{Pos: pos, Name: dsl.Ident{Pos: pos}, Value: x}}
	t.vers[base] = append(t.vers[base], v)
	t.order = append(t.order, v)
	t.tr.comments[v.def] = t.cite(pos)
	ref := name(pos, base)
	v.refs = append(v.refs, ref)
	t.verOf[ref] = v
	return ref
}

func (t *translator) ifStmt(st *Stmt, s *scope) {
	cond := t.expr(st.X, s)
	before := copyMap(t.vals)
	var beforeVars map[string]dsl.Expr
	if s != nil {
		beforeVars = copyMap(s.vars)
	}
	t.depth++
	t.stmts(st.Then.Stmts, s)
	thenVals := t.vals
	var thenVars map[string]dsl.Expr
	t.vals = copyMap(before)
	if s != nil {
		thenVars = s.vars
		s.vars = copyMap(beforeVars)
	}
	if st.Else != nil {
		t.stmts(st.Else.Stmts, s)
	}
	t.depth--
	t.vals = t.merge(st, cond, before, thenVals, t.vals, nil)
	if s != nil {
		s.vars = t.merge(st, cond, beforeVars, thenVars, s.vars, s)
	}
}

func copyMap(m map[string]dsl.Expr) map[string]dsl.Expr {
	c := make(map[string]dsl.Expr, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// merge joins the values after the two branches of an if into
// `if (cond) a else b`.
func (t *translator) merge(st *Stmt, cond dsl.Expr, before, a, b map[string]dsl.Expr, s *scope) map[string]dsl.Expr {
	out := copyMap(before)
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	ks := make([]string, 0, len(keys))
	changed := map[string]bool{} // assigned in a branch
	for k := range keys {
		ks = append(ks, k)
		if x, ok := a[k]; !ok || x != before[k] {
			changed[k] = true
		}
		if y, ok := b[k]; !ok || y != before[k] {
			changed[k] = true
		}
	}
	sort.Strings(ks)
	for _, k := range ks {
		x, okA := a[k]
		y, okB := b[k]
		if okA && okB && x == y {
			out[k] = x
			continue
		}
		if !okA || !okB {
			if s != nil && s.isFunc && k == s.proc.Name {
				if !okA {
					x = num(st.Pos, "0", "")
				} else {
					y = num(st.Pos, "0", "")
				}
			} else if x, ok := t.cached(st, cond, changed, k, x, y, okA, s); ok {
				// A value cached once, as in `if (s_celsius != celsius) {
				// s_celsius = celsius  Q = … }`: constant over a run.
				out[k] = x
				continue
			} else {
				t.errorf(st.Pos, "%s is assigned in only one branch of this if: einetc cannot keep its previous value", k)
				t.failed[k] = true
				continue
			}
		}
		m := t.bounded(st.Pos, k, &dsl.Cond{Pos: st.Pos, Cond: cond, Then: x, Else: y})
		if t.depth == 0 {
			switch {
			case s != nil && !s.isFunc && s.locals[k]:
				m = t.version(s.proc.Name+"_"+k, m, st.Pos, true)
			case s == nil || !s.locals[k]:
				if g := t.names[k]; g != nil && g.kind == "assigned" {
					m = t.version(k, m, st.Pos, false)
				}
			}
		}
		out[k] = m
		if s == nil || !s.locals[k] {
			t.valPos[k] = st.Pos
		}
	}
	return out
}

// cached recognises a variable assigned in only one branch that has no
// earlier value and is given a value constant over a run (it reads only
// numbers, PARAMETERs and celsius): NEURON computes it at the first
// evaluation, when the cache test fails against its initial 0, and keeps
// it, so it is that value throughout.
func (t *translator) cached(st *Stmt, cond dsl.Expr, assigned map[string]bool, k string, x, y dsl.Expr, okA bool, s *scope) (dsl.Expr, bool) {
	if s != nil && s.locals[k] {
		return nil, false
	}
	// The test must read only constants and the cached values themselves
	// (s_celsius != celsius), so that it fails first, against their initial
	// 0, and then never again.
	if !t.invariantWith(cond, assigned) {
		return nil, false
	}
	if g := t.names[k]; g == nil || g.kind != "assigned" {
		return nil, false
	}
	v := y
	if okA {
		v = x
	}
	if !t.invariant(v) {
		return nil, false
	}
	if t.depth == 0 {
		v = t.version(k, v, st.Pos, false)
	}
	t.note("%s: %s is assigned in one branch only, a value cached over the run: it is that value throughout", t.cite(st.Pos), k)
	return v, true
}

// invariant reports whether x is constant over a run: it reads only
// numbers, PARAMETERs, celsius and functions of them.
func (t *translator) invariant(x dsl.Expr) bool { return t.invariantWith(x, nil) }

// invariantWith is invariant, also allowing the names in also.
func (t *translator) invariantWith(x dsl.Expr, also map[string]bool) bool {
	switch x := x.(type) {
	case *dsl.Number:
		return true
	case *dsl.Name:
		n := x.Path.String()
		g := t.names[n]
		return n == "celsius" || also[n] || g != nil && g.kind == "param"
	case *dsl.Unary:
		return t.invariantWith(x.X, also)
	case *dsl.Binary:
		return t.invariantWith(x.X, also) && t.invariantWith(x.Y, also)
	case *dsl.Cond:
		return t.invariantWith(x.Cond, also) && t.invariantWith(x.Then, also) && t.invariantWith(x.Else, also)
	case *dsl.Call:
		for _, a := range x.Args {
			if !t.invariantWith(a, also) {
				return false
			}
		}
		return true
	}
	return false
}

// call runs a PROCEDURE for its assignments, once per distinct argument
// list: a second call with the same arguments reuses the first's DEFINEs.
func (t *translator) call(c *Call, s *scope) {
	p := t.m.Procs[c.Name]
	if s != nil && s.isFunc {
		t.errorf(c.Pos, "function %s calls procedure %s: einetc functions are pure", s.proc.Name, c.Name)
		return
	}
	if len(c.Args) != len(p.Params) {
		t.errorf(c.Pos, "procedure %s takes %d arguments, not %d", c.Name, len(p.Params), len(c.Args))
		return
	}
	if t.calling[c.Name] {
		t.errorf(c.Pos, "procedure %s calls itself: recursion is not supported", c.Name)
		return
	}
	args := make([]dsl.Expr, len(c.Args))
	key := c.Name + "("
	for i, a := range c.Args {
		args[i] = t.expr(a, s)
		key += dsl.FormatExpr(args[i]) + ","
	}
	if res, ok := t.calls[key]; ok {
		for k, v := range res {
			t.vals[k] = v
		}
		return
	}
	for k := range t.calls {
		if strings.HasPrefix(k, c.Name+"(") {
			t.errorf(c.Pos, "procedure %s is called again with other arguments: einetc gives each ASSIGNED variable one definition", c.Name)
			return
		}
	}
	ps := &scope{proc: p, vars: map[string]dsl.Expr{}, locals: map[string]bool{}}
	for i, prm := range p.Params {
		ps.locals[prm.Name] = true
		x := args[i]
		if !trivial(x) && t.depth == 0 {
			x = t.version(p.Name+"_"+prm.Name, x, c.Pos, true)
		}
		ps.vars[prm.Name] = x
	}
	before := copyMap(t.vals)
	t.calling[c.Name] = true
	t.stmts(p.Body.Stmts, ps)
	delete(t.calling, c.Name)
	t.procTables(p, c, s)
	res := map[string]dsl.Expr{}
	for k, v := range t.vals {
		if before[k] != v {
			res[k] = v
		}
	}
	if t.depth == 0 {
		t.calls[key] = res
	}
}

func (t *translator) solve(st *Stmt, s *scope) {
	n := st.Target.Name
	method := ""
	if st.Method != nil {
		method = st.Method.Name
	}
	if b := t.m.Derivs[n]; b != nil {
		switch method {
		case "derivimplicit":
			t.method(st, "implicit")
			t.note("%s: METHOD implicit: with solver = neuron_fixed the states advance by backward Euler, as derivimplicit does in NEURON; other solvers integrate them as they do every state", t.cite(st.Pos))
		case "euler":
			t.method(st, "euler")
			t.note("%s: METHOD euler: with solver = neuron_fixed the states advance by explicit Euler with the new v, as in NEURON; other solvers integrate them as they do every state", t.cite(st.Pos))
		case "cnexp", "":
			t.note("%s: the ODEs of %s are integrated by the NEURON type's solver (solver = neuron_fixed for NEURON's scheme, cnexp included)", t.cite(st.Pos), n)
		default:
			t.errorf(st.Method.Pos, "METHOD %s is not supported (cnexp, derivimplicit and euler are)", method)
		}
		t.stmts(b.Stmts, blockScope(n))
		return
	}
	if b := t.m.Kinetics[n]; b != nil {
		t.method(st, "implicit")
		t.note("%s: METHOD implicit: with solver = neuron_fixed the scheme advances by backward Euler, as sparse does in NEURON; other solvers integrate its ODEs as they do every state", t.cite(st.Pos))
		t.kinetic(b, blockScope(n))
		return
	}
	t.errorf(st.Target.Pos, "SOLVE %s: no DERIVATIVE or KINETIC block of that name", n)
}

// method gives the mechanism its METHOD (implicit or euler), citing the
// SOLVE at st.
func (t *translator) method(st *Stmt, name string) {
	if len(t.tr.Mech.Methods) > 0 {
		return // a second SOLVE: one METHOD per channel
	}
	id := dsl.Ident{Pos: st.Pos, Name: name}
	t.tr.Mech.Methods = append(t.tr.Mech.Methods, id)
	t.tr.comments[&t.tr.Mech.Methods[0]] = t.cite(st.Pos)
}

// kinetic translates a scheme of first-order reactions A <-> B (kf, kb)
// into ODEs exactly: the flux kf·A − kb·B leaves A and enters B.
func (t *translator) kinetic(b *Block, s *scope) {
	for _, st := range b.Stmts {
		if st.Kind != SReaction {
			t.stmt(st, s)
			continue
		}
		if len(st.Lhs) != 1 || len(st.Rhs) != 1 {
			t.errorf(st.Pos, "a reaction of more than one species per side is not first order: only first-order KINETIC schemes are translated")
			continue
		}
		a, bb := st.Lhs[0], st.Rhs[0]
		// A species that is not a STATE (a PARAMETER, a concentration the
		// mechanism reads) is held: it has no equation, as in NEURON.
		isState := func(n *Name) bool { g := t.names[n.Name]; return g != nil && g.kind == "state" }
		held := func(n *Name) bool {
			g := t.names[n.Name]
			return g != nil && (g.kind == "param" || g.kind == "conc")
		}
		ok := true
		for _, n := range []*Name{a, bb} {
			if !isState(n) && !held(n) {
				t.errorf(n.Pos, "%s in a reaction is neither a STATE nor a PARAMETER", n.Name)
				ok = false
			}
		}
		if !ok || !isState(a) && !isState(bb) {
			if ok {
				t.errorf(st.Pos, "a reaction between %s and %s, neither of them a STATE, changes nothing", a.Name, bb.Name)
			}
			continue
		}
		kf, kb := t.expr(st.X, s), t.expr(st.Y, s)
		flux := &dsl.Binary{Pos: st.Pos, Op: "-",
			X: &dsl.Binary{Pos: st.Pos, Op: "*", X: kf, Y: t.ref(a.Pos, a.Name, s)},
			Y: &dsl.Binary{Pos: st.Pos, Op: "*", X: kb, Y: t.ref(bb.Pos, bb.Name, s)}}
		for _, n := range []*Name{a, bb} {
			if held(n) {
				t.note("%s: %s in a reaction is not a STATE: held constant, as NEURON does", t.cite(n.Pos), n.Name)
			}
		}
		if isState(a) {
			t.addFlux(a.Name, flux, "-", st.Pos)
		}
		if isState(bb) {
			t.addFlux(bb.Name, flux, "+", st.Pos)
		}
	}
}

func (t *translator) addFlux(state string, flux dsl.Expr, op string, pos dsl.Pos) {
	k := state + "'"
	if _, ok := t.valPos[k]; !ok {
		t.valPos[k] = pos
	}
	if old, ok := t.vals[k]; ok {
		t.vals[k] = &dsl.Binary{Pos: old.At(), Op: op, X: old, Y: flux}
	} else if op == "-" {
		t.vals[k] = &dsl.Unary{Pos: pos, Op: "-", X: flux}
	} else {
		t.vals[k] = flux
	}
}

// finalize names the DEFINEs: the last value of an ASSIGNED variable takes
// its name, earlier ones and LOCALs get name_1, name_2, …
func (t *translator) finalize() {
	for _, base := range sortedVerKeys(t.vers) {
		vs := t.vers[base]
		for i, v := range vs {
			n := base
			switch {
			case !v.local && i == len(vs)-1:
			case len(vs) > 1:
				n = fmt.Sprintf("%s_%d", base, i+1)
			}
			if v.local || i != len(vs)-1 {
				for t.used[n] || t.names[n] != nil {
					n += "_"
				}
			}
			t.used[n] = true
			v.def.Name.Name = n
			for _, r := range v.refs {
				r.Path.Parts[0].Name = n
			}
		}
	}
	for _, v := range t.order {
		t.tr.Mech.Defines = append(t.tr.Mech.Defines, v.def)
	}
	for _, d := range t.m.Assigned {
		if g := t.names[d.Name]; g != nil && g.kind == "assigned" && g.decl == d && len(t.vers[d.Name]) == 0 && t.readBeforeSet[d.Name] && !t.failed[d.Name] {
			t.errorf(d.Pos, "%s is read but never assigned", d.Name)
		}
	}
}

func sortedVerKeys(m map[string][]*ver) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
