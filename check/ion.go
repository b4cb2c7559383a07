package check

import (
	"math"
	"slices"
	"sort"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/runtime/units"
)

// Ions of a neuron: reversal potentials, concentrations and ion currents
// (docs/language.md, R7a). A channel that WRITEs ix adds its CURRENT ix to
// ion x's current; one mechanism per neuron may WRITE a concentration (xi,
// xo), which is then one of its STATEs; a mechanism that READs ix sees the
// sum of the ion's currents, and e = nernst follows the concentrations.
// The ion's current and a Nernst potential that follows a state are held
// through the step: computed once from the values at the start of the step,
// as NEURON computes ica and eca before it advances the states.

var dimConc = units.Concentration

// constants are the named physical constants every scope can read, unless a
// declaration of the same name shadows them: the 2019 SI values, exact, as
// NEURON 8 has them (N_A·e and N_A·k_B), in internal units.
var constants = map[string]struct {
	value float64
	dim   units.Dim
	text  string
}{
	"FARADAY": {units.MustParse("C/mol").ToCanonical(96485.33212331001), units.MustParse("C/mol").Dim, "C/mol"},
	"R":       {units.MustParse("J/mol/degC").ToCanonical(8.31446261815324), units.MustParse("J/mol/degC").Dim, "J/mol/degC"},
	// The defining constants themselves, and π.
	"k_B": {units.MustParse("J/degC").ToCanonical(1.380649e-23), units.MustParse("J/degC").Dim, "J/degC"},
	"e":   {units.MustParse("C").ToCanonical(1.602176634e-19), units.MustParse("C").Dim, "C"},
	"N_A": {units.MustParse("/mol").ToCanonical(6.02214076e23), units.MustParse("/mol").Dim, "/mol"},
	"PI":  {math.Pi, units.Dimensionless().Dim, ""},
}

// ionBuild is one ion of a neuron.
type ionBuild struct {
	name      string
	pos       dsl.Pos
	e         ir.Expr // reversal potential (mV); nil when the neuron gives none
	nernst    *dsl.Prop
	valence   float64
	conc      [2]*ionConc // inside (cai), outside (cao)
	cur       *ir.Local   // Σ current densities (pA/um2, inward) of the channels that WRITE i<ion>
	writers   []ir.Expr
	readers   []ionUse  // mechanisms that READ i<ion>
	heldE     *ir.Local // the Nernst potential when a concentration is a state
	unchecked bool      // a mechanism checked on its own: any name resolves
}

// ionConc is an ion concentration: the ION's value, constant, or the state
// of the one mechanism that WRITEs it, starting from that value.
type ionConc struct {
	name   string // "cai"
	param  *ir.Param
	state  *ir.State
	writer string
	at     dsl.Pos
}

type ionUse struct {
	inst string
	at   dsl.Pos
}

// ionVarKind classifies a READ or WRITE name of ion x: "e" (ex), "i" (ix),
// "ci" (xi), "co" (xo), or "" for none of these.
func ionVarKind(ion, name string) string {
	switch name {
	case "e" + ion:
		return "e"
	case "i" + ion:
		return "i"
	case ion + "i":
		return "ci"
	case ion + "o":
		return "co"
	}
	return ""
}

func newIonBuild(name string, pos dsl.Pos) *ionBuild {
	cur := ir.NewHeldLocal("i"+name+"(ion)", ir.Num(0), pos) // its Value is the sum, set by finishIons
	return &ionBuild{name: name, pos: pos, cur: cur, conc: [2]*ionConc{{name: name + "i"}, {name: name + "o"}}}
}

// defaultValence is NEURON's charge of its built-in ions.
var defaultValence = map[string]float64{"na": 1, "k": 1, "ca": 2}

var ionKeys = func(ion string) []string { return []string{"e", ion + "i", ion + "o", "valence"} }

// neuronIons declares the neuron's ions with their properties.
func (c *checker) neuronIons(pb *popBuild) {
	seen := map[string]dsl.Pos{}
	for _, ion := range pb.decl.Ions {
		name := ion.Name.Name
		if prev, dup := seen[name]; dup {
			c.errs.Add(ion.Name.Pos, "ion %s declared twice (first at %s)", name, prev)
			continue
		}
		seen[name] = ion.Pos
		ib := newIonBuild(name, ion.Name.Pos)
		pb.ions[name] = ib
		props := c.propMap(ion.Props, ionKeys(name), "ION "+name)
		prefix := pb.pop.Name + "." + name + "."
		for k, cn := range ib.conc {
			if p := props[cn.name]; p != nil {
				cn.param = c.quantity(pb.scope, p, dimConc, prefix+cn.name, positive("a concentration"))
				if cn.param == nil {
					ib.conc[k].param = &ir.Param{Name: prefix + cn.name, Value: 1} // reported: no second error
				}
			}
		}
		ib.valence = defaultValence[name]
		if p := props["valence"]; p != nil {
			t := pb.scope.expr(p.Value)
			v, isConst := ir.ConstValue(t.e)
			switch {
			case !t.ok:
			case !t.dim.IsDimensionless() || !isConst || v == 0 || !c.finite(p.Value.At(), "valence", v):
				c.errs.Add(p.Value.At(), "valence of ion %s must be a nonzero constant number (the ion's charge: 2 for Ca²⁺)", name)
			default:
				ib.valence = v
			}
		}
		p := props["e"]
		if p == nil {
			continue
		}
		if n, ok := p.Value.(*dsl.Name); ok && n.Path.String() == "nernst" {
			ib.nernst = p
			continue
		}
		{
			if prm := c.quantity(pb.scope, p, dimVoltage, prefix+"e", anyValue); prm != nil {
				ib.e = &ir.ParamRef{P: prm}
			} else {
				ib.e = ir.Num(0) // reported
			}
		}
	}
}

// ionWriters finds, before any channel is checked, the mechanism that
// writes each concentration, and makes its state, so that every channel
// reads the same state whatever the order of the INSERTs.
func (c *checker) ionWriters(pb *popBuild) {
	names := map[string]bool{}
	for _, ins := range pb.decl.Inserts {
		m, ok := c.mechs[ins.Mech.Name]
		if !ok || m.Kind != dsl.Channel {
			continue
		}
		inst := ins.Mech.Name
		if ins.Alias != nil {
			inst = ins.Alias.Name
		}
		if names[inst] {
			continue // inserted twice: reported by neuronInserts
		}
		names[inst] = true
		for _, iv := range m.IonVars {
			ib := pb.ions[iv.Ion]
			k := ionVarKind(iv.Ion, iv.Name.Name)
			if !iv.Write || ib == nil || (k != "ci" && k != "co") {
				continue
			}
			cn := ib.conc[map[string]int{"ci": 0, "co": 1}[k]]
			if cn.state != nil {
				if cn.writer != inst {
					c.errs.Add(ins.Mech.Pos, "%s and %s (at %s) both write %s in neuron %s: one mechanism integrates an ion's concentration", inst, cn.writer, cn.at, cn.name, pb.decl.Name.Name)
				}
				continue
			}
			cn.state = &ir.State{Name: inst + "." + cn.name, Unit: dimConc.String(), Pos: iv.Name.Pos, Init: &ir.Init{Kind: ir.InitExpr, Expr: ir.Num(0)}}
			cn.writer, cn.at = inst, ins.Mech.Pos
		}
	}
}

// ionNernst gives each ion with e = nernst its reversal potential
// R·T/(z·F)·log(co/ci), T = celsius + 273.15, held through the step when a
// concentration is a state.
func (c *checker) ionNernst(pb *popBuild) {
	for _, ib := range pb.ions {
		if ib.nernst == nil {
			continue
		}
		ci, co := ib.concExpr(0), ib.concExpr(1)
		switch {
		case ci == nil || co == nil:
			c.errs.Add(ib.nernst.Value.At(), "e = nernst needs both concentrations of ion %s (add %si = ... (mM) and %so = ... (mM) to ION %s)", ib.name, ib.name, ib.name, ib.name)
			ib.e = ir.Num(0)
			continue
		case ib.valence == 0:
			c.errs.Add(ib.nernst.Value.At(), "e = nernst needs the valence of ion %s (add valence = ..., e.g. 2 for Ca²⁺)", ib.name)
			ib.e = ir.Num(0)
			continue
		}
		kelvin := ir.Add(pb.celsius, ir.Num(273.15))
		e := ir.Mul(ir.Div(ir.Mul(ir.Num(constants["R"].value), kelvin), ir.Num(ib.valence*constants["FARADAY"].value)), ir.NewCall("log", ir.Div(co, ci)))
		if ib.conc[0].state == nil && ib.conc[1].state == nil {
			ib.e = e
			continue
		}
		ib.heldE = ir.NewHeldLocal("e"+ib.name+"(nernst)", e, ib.nernst.Pos)
		ib.e = &ir.LocalRef{L: ib.heldE}
	}
}

// concExpr is concentration k of the ion: its state, its constant, or nil.
func (ib *ionBuild) concExpr(k int) ir.Expr {
	cn := ib.conc[k]
	switch {
	case cn.state != nil:
		return &ir.StateRef{S: cn.state}
	case cn.param != nil:
		return &ir.ParamRef{P: cn.param}
	case ib.unchecked:
		return ir.Num(1)
	}
	return nil
}

// useIons binds what each USEION makes readable: ex (a bare USEION x), or
// the READ names; and records what the mechanism WRITEs.
func (c *checker) useIons(m *dsl.Mechanism, env *mechEnv, mi *mechInst) {
	seen := map[string]bool{}
	for _, ion := range m.Ions {
		if seen[ion.Name] {
			c.errs.Add(ion.Pos, "ion %s listed twice in USEION", ion.Name)
			continue
		}
		seen[ion.Name] = true
		if m.Kind == dsl.Synapse {
			c.errs.Add(ion.Pos, "USEION is only allowed in a CHANNEL")
			continue
		}
		ib, ok := env.ions[ion.Name]
		if !ok {
			c.errs.Add(env.ionPos, "%s uses ion %s, which %s does not declare (add ION %s { e = ... (mV) })", m.Name.Name, ion.Name, env.host, ion.Name)
			ib = &ionBuild{name: ion.Name, e: ir.Num(0), unchecked: true, cur: &ir.Local{Name: "i" + ion.Name, Value: ir.Num(0)}, conc: [2]*ionConc{{name: ion.Name + "i"}, {name: ion.Name + "o"}}}
		}
		vars := ionVarsOf(m, ion.Name)
		if len(vars) == 0 {
			vars = []*dsl.IonVar{{Ion: ion.Name, Name: dsl.Ident{Pos: ion.Pos, Name: "e" + ion.Name}}}
		}
		c.ionVars(m, env, mi, ib, vars)
	}
	for _, iv := range m.IonVars {
		if iv.Ion == "" {
			c.errs.Add(iv.Name.Pos, "READ and WRITE follow a single ion, not a list: give each ion its own USEION (USEION ca READ cai WRITE ica)")
		}
	}
}

func ionVarsOf(m *dsl.Mechanism, ion string) []*dsl.IonVar {
	var out []*dsl.IonVar
	for _, iv := range m.IonVars {
		if iv.Ion == ion {
			out = append(out, iv)
		}
	}
	return out
}

// ionVars checks the READ and WRITE names of one ion.
func (c *checker) ionVars(m *dsl.Mechanism, env *mechEnv, mi *mechInst, ib *ionBuild, vars []*dsl.IonVar) {
	s, ion := mi.scope, ib.name
	written := map[string]bool{}
	for _, iv := range vars {
		if iv.Write {
			written[iv.Name.Name] = true
		}
	}
	listed := map[string]bool{}
	for _, iv := range vars {
		n := iv.Name.Name
		key := n + map[bool]string{true: "w", false: "r"}[iv.Write]
		if listed[key] {
			c.errs.Add(iv.Name.Pos, "%s listed twice in USEION %s", n, ion)
			continue
		}
		listed[key] = true
		k := ionVarKind(ion, n)
		switch {
		case k == "":
			c.errs.Add(iv.Name.Pos, "USEION %s: %s is none of e%s (reversal potential), %si, %so (concentrations), i%s (current)", ion, n, ion, ion, ion, ion)
		case iv.Write && k == "e":
			c.errs.Add(iv.Name.Pos, "a mechanism cannot write %s: the reversal potential is the ION's (e = ... (mV), or e = nernst to follow the concentrations)", n)
		case iv.Write && k == "i":
			if mi.ionCur == nil {
				mi.ionCur = map[string]*ionBuild{}
			}
			mi.ionCur[n] = ib
		case iv.Write:
			mi.concWrites = append(mi.concWrites, iv)
		case k == "e":
			if ib.e == nil {
				c.errs.Add(env.ionPos, "%s reads %s, but ION %s of %s has no reversal potential (add e = ... (mV), or e = nernst)", m.Name.Name, n, ion, env.host)
			}
			c.bindIon(s, iv.Name, dimVoltage, orZero(ib.e), "ion reversal potential", ib.heldE != nil)
		case k == "i":
			if hasCurrentWrite(m) {
				c.errs.Add(iv.Name.Pos, "%s both reads %s and writes an ion current: the sum would include itself (a concentration mechanism reads currents, a channel writes them)", m.Name.Name, n)
			}
			ib.readers = append(ib.readers, ionUse{inst: env.inst, at: env.ionPos})
			c.bindIon(s, iv.Name, dimCurDens, &ir.LocalRef{L: ib.cur}, "ion current", true)
		case !written[n]: // a concentration read only (a written one is the mechanism's state)
			e := ib.concExpr(map[string]int{"ci": 0, "co": 1}[k])
			if e == nil {
				c.errs.Add(env.ionPos, "%s reads %s, but ION %s of %s gives no %s (add %s = ... (mM))", m.Name.Name, n, ion, env.host, n, n)
			}
			_, isState := e.(*ir.StateRef)
			c.bindIon(s, iv.Name, dimConc, orZero(e), "ion concentration", isState)
		}
	}
}

func hasCurrentWrite(m *dsl.Mechanism) bool {
	for _, iv := range m.IonVars {
		if iv.Write && ionVarKind(iv.Ion, iv.Name.Name) == "i" {
			return true
		}
	}
	return false
}

func orZero(e ir.Expr) ir.Expr {
	if e == nil {
		return ir.Num(0)
	}
	return e
}

func (c *checker) bindIon(s *scope, id dsl.Ident, d units.Dim, e ir.Expr, what string, dynamic bool) {
	s.declare(id, &binding{dim: d, expr: e, what: what, dynamic: dynamic})
}

// ionStates checks that a mechanism that WRITEs a concentration declares it
// as a STATE in mM; mechStates has given it the neuron's state.
func (c *checker) ionStates(m *dsl.Mechanism, mi *mechInst) {
	for _, iv := range mi.concWrites {
		b, ok := mi.scope.names[iv.Name.Name]
		switch {
		case !ok || b.state == nil:
			c.errs.Add(iv.Name.Pos, "%s writes %s but has no STATE %s (add STATE { %s (mM) } and its equation)", m.Name.Name, iv.Name.Name, iv.Name.Name, iv.Name.Name)
		case b.dim != dimConc:
			c.errs.Add(b.pos, "state %s is ion %s's concentration, so its unit must be a concentration (mM), not %s", iv.Name.Name, iv.Ion, desc(b.dim))
		}
	}
}

// ionCurrents marks the CURRENTs a channel WRITEs as its ions' currents.
func (c *checker) ionCurrents(m *dsl.Mechanism, mi *mechInst) {
	for n, ib := range mi.ionCur {
		found := false
		for _, cu := range mi.currents {
			if cu.name == n {
				cu.ion, found = ib, true
			}
		}
		if !found {
			c.errs.Add(m.Name.Pos, "%s writes %s but declares no CURRENT %s", m.Name.Name, n, n)
		}
	}
}

// finishIons sums each ion's current once every channel is checked, and
// reports what a concentration mechanism reads and nothing provides.
func (c *checker) finishIons(pb *popBuild) {
	for _, name := range sortedIonNames(pb.ions) {
		ib := pb.ions[name]
		var sum ir.Expr = ir.Num(0)
		for _, w := range ib.writers {
			sum = ir.Add(sum, w)
		}
		ib.cur.Value = sum
		if len(ib.writers) > 0 {
			continue
		}
		for _, r := range ib.readers {
			c.errs.Add(r.at, "%s reads i%s, but no channel of neuron %s writes it (a channel declares USEION %s WRITE i%s and CURRENT i%s = ...)", r.inst, name, pb.decl.Name.Name, name, name, name)
		}
	}
	// The concentrations are initialised right after v, before the states
	// that may read them (through e = nernst, say).
	var conc []*ir.State
	for _, name := range sortedIonNames(pb.ions) {
		for _, cn := range pb.ions[name].conc {
			if cn.state != nil && slices.Contains(pb.pop.States, cn.state) {
				conc = append(conc, cn.state)
			}
		}
	}
	if len(conc) > 0 {
		rest := slices.DeleteFunc(slices.Clone(pb.pop.States[1:]), func(s *ir.State) bool { return slices.Contains(conc, s) })
		pb.pop.States = append(append([]*ir.State{pb.pop.V}, conc...), rest...)
	}
	// A channel's CURRENT ix without WRITE ix is not ion x's current: say so
	// where it matters, when a mechanism reads the ion's current.
	for _, mi := range pb.insts {
		for _, cu := range mi.currents {
			for _, ion := range mi.decl.Ions {
				ib := pb.ions[ion.Name]
				if cu.ion == nil && cu.name == "i"+ion.Name && ib != nil && len(ib.readers) > 0 {
					c.errs.Add(cu.pos, "CURRENT %s of %s does not reach ion %s: %s reads the sum of the currents declared with WRITE %s (write USEION %s WRITE %s)", cu.name, mi.decl.Name.Name, ion.Name, ib.readers[0].inst, cu.name, ion.Name, cu.name)
				}
			}
		}
	}
}

func sortedIonNames(m map[string]*ionBuild) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// ionLets are the held per-step values of the ions, before the updates.
func ionLets(pb *popBuild) []*ir.Stmt {
	var out []*ir.Stmt
	for _, name := range sortedIonNames(pb.ions) {
		ib := pb.ions[name]
		if ib.heldE != nil {
			out = append(out, &ir.Stmt{Local: ib.heldE, Value: ib.heldE.Value, Src: cite(ib.heldE.Pos, "e"+name+" = nernst (held through the step)")})
		}
		if len(ib.readers) > 0 {
			out = append(out, &ir.Stmt{Local: ib.cur, Value: ib.cur.Value, Src: cite(ib.pos, "i"+name+" = Σ CURRENTs that WRITE i"+name+" (held through the step)")})
		}
	}
	return out
}

// ionWriter adds a channel's CURRENT ix to ion x's current density.
func (c *checker) ionWriter(pb *popBuild, inst string, cu *curTerm) {
	e := cu.e
	if !cu.density {
		if pb.area == nil {
			c.errs.Add(cu.pos, "%s.%s is ion %s's current, so neuron %s needs an area for its density (add area = ... (um2))", inst, cu.name, cu.ion.name, pb.decl.Name.Name)
			return
		}
		e = ir.Div(e, pb.area)
	}
	cu.ion.writers = append(cu.ion.writers, e)
}

// isConc reports whether st is an ion concentration of the neuron.
func (pb *popBuild) isConc(st *ir.State) bool {
	for _, ib := range pb.ions {
		for _, cn := range ib.conc {
			if cn.state == st {
				return true
			}
		}
	}
	return false
}
