package check

import (
	"math"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/runtime/units"
)

// mechEnv is what the host (a neuron, or a projection for synapses) provides
// to a mechanism instance.
type mechEnv struct {
	inst      string               // instance name: mechanism name or INSERT alias
	paramPath string               // prefix of parameter names, e.g. "N.INa_TM1991."
	v         ir.Expr              // membrane potential of the host neuron
	celsius   ir.Expr              // temperature
	ions      map[string]*ionBuild // the ions the host declares
	ionPos    dsl.Pos              // where to report a missing ion
	host      string               // host name for messages
	overrides []*dsl.Prop          // INSERT or synapse = M { ... } overrides
	wDim      units.Dim            // synapses: dimension of the weight
	statePath string               // prefix of state names
	builtins  map[string]*binding  // more names the host provides (a neuron's C and area to its own equations)
}

// mechInst is a checked instance of a mechanism.
type mechInst struct {
	decl   *dsl.Mechanism
	scope  *scope
	states []*ir.State
	// perNeuron holds the parameters given one value per neuron
	// (uniform, normal, file): Fixed states the host stores with its own.
	perNeuron []*ir.State
	stateDim  map[*ir.State]units.Dim
	odes      map[*ir.State]*odeRHS
	currents  []*curTerm
	init      map[*ir.State]*ir.Init
	onSpike   []*ir.Stmt
	output    *typed
	outPos    dsl.Pos
	ok        bool

	implicit bool // METHOD implicit: neuron_fixed advances the states by backward Euler
	euler    bool // METHOD euler: neuron_fixed advances the states by explicit Euler

	ionCur     map[string]*ionBuild // CURRENTs that are ion currents (WRITE ica)
	concWrites []*dsl.IonVar        // concentrations it integrates (WRITE cai)
}

type odeRHS struct {
	f   ir.Expr
	pos dsl.Pos
	src string
}

type curTerm struct {
	ion     *ionBuild // the ion it carries (WRITE i<ion>), nil if none
	name    string
	e       ir.Expr
	density bool
	pos     dsl.Pos
}

var (
	dimTime    = units.MustParse("ms").Dim
	dimVoltage = units.MustParse("mV").Dim
	dimCurrent = units.MustParse("pA").Dim
	dimCond    = units.MustParse("nS").Dim
	dimArea    = units.MustParse("um2").Dim
	dimCurDens = units.MustParse("pA/um2").Dim
	dimCap     = units.MustParse("pF").Dim
	dimCapDens = units.MustParse("uF/cm2").Dim
	dimTemp    = units.MustParse("degC").Dim
	dimRate    = units.MustParse("Hz").Dim
)

// instantiate checks mechanism m in environment env and lowers it.
func (c *checker) instantiate(m *dsl.Mechanism, env *mechEnv) *mechInst {
	nerr := len(c.errs)
	prefix := env.inst + "."
	if env.inst == "" { // a neuron's own statements
		prefix = ""
	}
	s := newScope(c, prefix)
	s.synapse = m.Kind == dsl.Synapse
	mi := &mechInst{decl: m, scope: s, stateDim: map[*ir.State]units.Dim{}, odes: map[*ir.State]*odeRHS{}, init: map[*ir.State]*ir.Init{}}
	s.names["v"] = &binding{dim: dimVoltage, expr: env.v, what: "membrane potential"}
	s.names["celsius"] = &binding{dim: dimTemp, expr: env.celsius, what: "built-in"}
	s.names["t"] = &binding{dim: dimTime, expr: &ir.Var{Name: "t"}, what: "built-in"}
	for name, b := range env.builtins {
		s.names[name] = b
	}
	c.useIons(m, env, mi)
	c.mechParams(m, env, mi)
	c.mechStates(m, env, mi)
	c.ionStates(m, mi)
	for _, f := range m.Funcs {
		if reserved(f.Name.Name) {
			c.reservedName(f.Name)
			continue
		}
		if b, dup := s.names[f.Name.Name]; dup {
			c.duplicate(f.Name, b.what, b.pos)
			continue
		}
		if prev, dup := s.funcs[f.Name.Name]; dup {
			c.duplicate(f.Name, "function", prev.decl.Pos)
			continue
		}
		s.funcs[f.Name.Name] = &userFunc{decl: f}
	}
	for _, d := range m.Defines {
		s.declare(d.Name, &binding{define: d, what: "definition"})
	}
	// Check every function and definition, used or not.
	for _, f := range m.Funcs {
		if uf, ok := s.funcs[f.Name.Name]; ok && uf.decl == f {
			s.checkFunc(uf)
		}
	}
	for _, d := range m.Defines {
		if b, ok := s.names[d.Name.Name]; ok && b.define == d {
			s.define(b)
		}
	}
	c.mechODEs(m, mi)
	c.mechCurrents(m, mi)
	c.ionCurrents(m, mi)
	c.mechInitial(m, mi)
	c.mechOnSpike(m, env, mi)
	c.mechOutput(m, mi)
	c.mechMethod(m, mi)
	c.mechTables(m, env, mi)
	mi.ok = len(c.errs) == nerr
	return mi
}

// mechParams declares the parameters with their defaults, then applies the
// host's overrides, checking that each names a parameter and keeps its units.
func (c *checker) mechParams(m *dsl.Mechanism, env *mechEnv, mi *mechInst) {
	s := mi.scope
	var params []*ir.Param
	var dims []units.Dim
	byName := map[string]int{}
	perNeuron := map[int]*ir.State{} // parameters given one value per neuron
	for _, p := range m.Params {
		if call, ok := p.Value.(*dsl.Call); ok && (call.Func.Name == "uniform" || call.Func.Name == "normal") && len(call.Args) == 2 {
			// A per-neuron default takes its unit from its arguments.
			t := s.expr(call.Args[0])
			if !t.ok {
				continue
			}
			st := c.perNeuronParam(s, p, t.dim, env.statePath+p.Key.Name, "parameter "+p.Key.Name)
			prm := &ir.Param{Name: env.paramPath + p.Key.Name, Unit: t.dim.String(), Pos: p.Pos}
			if st != nil && s.declare(p.Key, &binding{dim: t.dim, what: "parameter", param: prm, text: t.text}) {
				byName[p.Key.Name] = len(params)
				perNeuron[len(params)] = st
				params = append(params, prm)
				dims = append(dims, t.dim)
			}
			continue
		}
		if perNeuronValue(p.Value) {
			c.errs.Add(p.Value.At(), "a parameter default cannot be read from a file, which gives no unit; read it in an override (INSERT M { %s = file(...) })", p.Key.Name)
			s.declare(p.Key, &binding{what: "parameter"}) // reported: its uses stay quiet
			continue
		}
		t := s.expr(p.Value)
		if p.HasBlock {
			c.errs.Add(p.Pos, "a parameter default takes no { } block")
		}
		v, isConst := ir.ConstValue(t.e)
		switch {
		case t.ok && !isConst:
			c.errs.Add(p.Value.At(), "default of parameter %s must be a constant", p.Key.Name)
		case t.ok && readsParam(t.e):
			c.errs.Add(p.Value.At(), "default of parameter %s must not read other parameters (an override of those would not update it); use a DEFINE", p.Key.Name)
		}
		prm := &ir.Param{Name: env.paramPath + p.Key.Name, Value: v, Unit: t.dim.String(), Pos: p.Pos, ModelUnit: writtenUnit(p.Value, t.dim)}
		setBound(prm, mechBound(p.Key.Name, t.dim))
		if t.ok && isConst && !readsParam(t.e) {
			c.checkParam(prm, p.Key.Name, p.Value.At())
		}
		var ref ir.Expr = &ir.ParamRef{P: prm}
		if !t.ok {
			ref = nil // already reported: uses of it stay quiet
		}
		if s.declare(p.Key, &binding{dim: t.dim, expr: ref, what: "parameter", param: prm, text: t.text}) {
			byName[p.Key.Name] = len(params)
			params = append(params, prm)
			dims = append(dims, t.dim)
		}
	}
	seen := map[string]dsl.Pos{}
	for _, o := range env.overrides {
		if prev, dup := seen[o.Key.Name]; dup {
			c.errs.Add(o.Key.Pos, "parameter %s set twice (first at %s)", o.Key.Name, prev)
			continue
		}
		seen[o.Key.Name] = o.Pos
		i, ok := byName[o.Key.Name]
		if !ok {
			var known []string
			for k := range byName {
				known = append(known, k)
			}
			c.errs.Add(o.Key.Pos, "%s has no parameter %s%s", m.Name.Name, o.Key.Name, c.suggest(o.Key.Name, known))
			continue
		}
		if o.HasBlock {
			c.errs.Add(o.Pos, "parameter %s takes no { } block", o.Key.Name)
		}
		if perNeuronValue(o.Value) {
			// One value per neuron: the parameter becomes a state that is
			// set once, in New, and read wherever the parameter is.
			if st := c.perNeuronParam(s, o, dims[i], env.statePath+o.Key.Name, "parameter "+o.Key.Name+" of "+m.Name.Name); st != nil {
				perNeuron[i] = st
			}
			continue
		}
		if _, ok := perNeuron[i]; ok {
			// A constant override of a per-neuron default: one value again.
			delete(perNeuron, i)
			s.names[o.Key.Name].expr = &ir.ParamRef{P: params[i]}
		}
		t := s.expr(o.Value)
		v, isConst := ir.ConstValue(t.e)
		switch {
		case !t.ok:
		case t.dim != dims[i]:
			c.wantParam(o.Value.At(), "parameter "+o.Key.Name+" of "+m.Name.Name, params[i], dims[i], t)
		case !isConst:
			c.errs.Add(o.Value.At(), "value of parameter %s must be a constant", o.Key.Name)
		default:
			params[i].Value, params[i].Pos = v, o.Pos
			if u := writtenUnit(o.Value, t.dim); u != "" {
				params[i].ModelUnit = u
			}
			c.checkParam(params[i], o.Key.Name, o.Value.At())
		}
	}
	for i, p := range params {
		if st, ok := perNeuron[i]; ok {
			// One value per neuron: the parameter is a state that is set
			// once, in New, and read wherever the parameter is.
			mi.perNeuron = append(mi.perNeuron, st)
			s.names[lastPart(st.Name)].expr = &ir.StateRef{S: st}
			continue
		}
		c.params = append(c.params, p)
	}
}

func (c *checker) mechStates(m *dsl.Mechanism, env *mechEnv, mi *mechInst) {
	for _, sd := range m.States {
		d := dimless
		if m.Kind == dsl.Synapse {
			d = env.wDim
		}
		if sd.Unit != nil {
			u, _ := c.unit(sd.Unit)
			d = u.Dim
		}
		st := &ir.State{Name: env.statePath + sd.Name.Name, Unit: d.String(), Pos: sd.Name.Pos,
			Init: &ir.Init{Kind: ir.InitExpr, Expr: ir.Num(0)}}
		if cn := writtenConc(env, mi, sd.Name.Name); cn != nil && d == dimConc {
			// The neuron's state of the ion's concentration, from the ION's value.
			st = cn.state
			st.Pos = sd.Name.Pos
			if cn.param != nil {
				st.Init = &ir.Init{Kind: ir.InitExpr, Expr: &ir.ParamRef{P: cn.param}, Pos: cn.at}
			}
		}
		if mi.scope.declare(sd.Name, &binding{dim: d, expr: &ir.StateRef{S: st}, what: "state", state: st}) {
			mi.states = append(mi.states, st)
			mi.stateDim[st] = d
		}
	}
}

func (c *checker) mechODEs(m *dsl.Mechanism, mi *mechInst) {
	s := mi.scope
	for _, o := range m.ODEs {
		b, ok := s.names[o.State.Name]
		if !ok || b.state == nil {
			c.errs.Add(o.State.Pos, "%s' = ...: %s is not a state of %s", o.State.Name, o.State.Name, m.Name.Name)
			s.expr(o.RHS)
			continue
		}
		if prev, dup := mi.odes[b.state]; dup {
			c.errs.Add(o.Pos, "second equation for %s' (first at %s)", o.State.Name, prev.pos)
			continue
		}
		t := s.expr(o.RHS)
		// Record the equation even when it is wrong, so that the state is
		// not also reported as having none.
		mi.odes[b.state] = &odeRHS{f: t.e, pos: o.Pos, src: cite(o.Pos, o.State.Name+"' = "+dsl.FormatExpr(o.RHS))}
		if want := b.dim.Div(dimTime); t.ok && t.dim != want {
			c.wantT(o.RHS.At(), o.State.Name+"' (state per time)", want, t)
		}
	}
	for _, st := range mi.states {
		if _, ok := mi.odes[st]; !ok {
			c.errs.Add(st.Pos, "state %s has no equation (add %s' = ...)", lastPart(st.Name), lastPart(st.Name))
		}
	}
}

func (c *checker) mechCurrents(m *dsl.Mechanism, mi *mechInst) {
	for _, cu := range m.Currents {
		if m.Kind == dsl.Synapse {
			c.errs.Add(cu.Pos, "CURRENT is only allowed in a CHANNEL; a synapse acts through its OUTPUT")
			continue
		}
		t := mi.scope.expr(cu.Value)
		if !t.ok {
			continue
		}
		if t.dim != dimCurDens && t.dim != dimCurrent {
			c.errs.Add(cu.Value.At(), "current %s must be a current density (%s) or a current (%s), not %s", cu.Name.Name, desc(dimCurDens), desc(dimCurrent), desc(t.dim))
			continue
		}
		for _, prev := range mi.currents {
			if prev.name == cu.Name.Name {
				c.errs.Add(cu.Name.Pos, "current %s redeclared (previous at %s)", cu.Name.Name, prev.pos)
			}
		}
		mi.currents = append(mi.currents, &curTerm{name: cu.Name.Name, e: t.e, density: t.dim == dimCurDens, pos: cu.Pos})
	}
}

func (c *checker) mechInitial(m *dsl.Mechanism, mi *mechInst) {
	for _, a := range m.Initial {
		st, d := c.ownState(a, mi)
		if st == nil {
			continue
		}
		if a.Op != "=" {
			c.errs.Add(a.Pos, "INITIAL assigns with =, not %s", a.Op)
			continue
		}
		if in := c.initValue(mi.scope, a.Value, d, a.Target.String()); in != nil {
			mi.init[st] = in
			st.Init = in
		}
	}
}

func (c *checker) mechOnSpike(m *dsl.Mechanism, env *mechEnv, mi *mechInst) {
	if m.Kind == dsl.Channel {
		for _, a := range m.OnSpike {
			c.errs.Add(a.Pos, "ON_SPIKE is only allowed in a SYNAPSE")
		}
		return
	}
	if len(m.OnSpike) == 0 {
		c.errs.Add(m.Name.Pos, "synapse %s has no ON_SPIKE block, so spikes would have no effect", m.Name.Name)
	}
	s := mi.scope
	s.allowW, s.wDim = true, env.wDim
	defer func() { s.allowW = false }()
	for _, a := range m.OnSpike {
		st, d := c.ownState(a, mi)
		if st == nil {
			continue
		}
		t := s.expr(a.Value)
		if !t.ok {
			continue
		}
		e, ok := c.compound(a, &ir.StateRef{S: st}, d, t)
		if ok {
			mi.onSpike = append(mi.onSpike, &ir.Stmt{State: st, Value: e, Src: cite(a.Pos, a.Target.String()+" "+a.Op+" "+dsl.FormatExpr(a.Value))})
		}
	}
}

// compound lowers x op= value.
func (c *checker) compound(a *dsl.Assign, x ir.Expr, d units.Dim, t typed) (ir.Expr, bool) {
	switch a.Op {
	case "=", "+=", "-=":
		if t.dim != d {
			c.wantT(a.Value.At(), "value assigned to "+a.Target.String(), d, t)
			return nil, false
		}
	default:
		if !t.dim.IsDimensionless() {
			c.wantT(a.Value.At(), "factor in "+a.Op, dimless, t)
			return nil, false
		}
	}
	switch a.Op {
	case "+=":
		return ir.Add(x, t.e), true
	case "-=":
		return ir.Sub(x, t.e), true
	case "*=":
		return ir.Mul(x, t.e), true
	case "/=":
		return ir.Div(x, t.e), true
	}
	return t.e, true
}

func (c *checker) mechOutput(m *dsl.Mechanism, mi *mechInst) {
	for i, o := range m.Outputs {
		if m.Kind == dsl.Channel {
			c.errs.Add(o.Pos, "OUTPUT is only allowed in a SYNAPSE; a channel declares a CURRENT")
			return
		}
		if i > 0 {
			c.errs.Add(o.Pos, "second OUTPUT in %s (first at %s)", m.Name.Name, m.Outputs[0].Pos)
			return
		}
		t := mi.scope.expr(o.Value)
		if t.ok {
			mi.output, mi.outPos = &t, o.Pos
		}
	}
	if m.Kind == dsl.Synapse && len(m.Outputs) == 0 {
		c.errs.Add(m.Name.Pos, "synapse %s has no OUTPUT (add OUTPUT = g)", m.Name.Name)
	}
}

// ownState resolves the target of an assignment to one of mi's states.
func (c *checker) ownState(a *dsl.Assign, mi *mechInst) (*ir.State, units.Dim) {
	if len(a.Target.Parts) == 1 {
		if b, ok := mi.scope.names[a.Target.Parts[0].Name]; ok && b.state != nil {
			return b.state, b.dim
		}
	}
	c.errs.Add(a.Target.Pos, "cannot assign to %s: not a state of %s", a.Target.String(), mi.decl.Name.Name)
	return nil, dimless
}

func lastPart(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '.' {
			return name[i+1:]
		}
	}
	return name
}

func cite(p dsl.Pos, text string) string {
	return p.String() + ": " + text
}

// mechMethod checks `METHOD implicit` or `METHOD euler`: one, in a
// CHANNEL with states.
func (c *checker) mechMethod(m *dsl.Mechanism, mi *mechInst) {
	for i, id := range m.Methods {
		switch {
		case i > 0:
			c.errs.Add(id.Pos, "second METHOD in %s (first at %s)", m.Name.Name, m.Methods[0].Pos)
		case id.Name != "implicit" && id.Name != "euler":
			c.errs.Add(id.Pos, "unknown METHOD %s (known: implicit, NEURON's derivimplicit and sparse; euler)", id.Name)
		case m.Kind != dsl.Channel:
			c.errs.Add(id.Pos, "METHOD %s is for a CHANNEL's states; a SYNAPSE's follow the population's solver", id.Name)
		case len(m.States) == 0:
			c.errs.Add(id.Pos, "METHOD %s in %s, which has no STATE to advance", id.Name, m.Name.Name)
		case id.Name == "euler":
			mi.euler = true
		default:
			mi.implicit = true
		}
	}
}

// mechTables checks the TABLE statements of m and gives each definition
// they name its grid (ir.Local.Table), which -tables uses.
func (c *checker) mechTables(m *dsl.Mechanism, env *mechEnv, mi *mechInst) {
	s := mi.scope
	seen := map[string]dsl.Pos{}
	for _, td := range m.Tables {
		if m.Kind != dsl.Channel {
			c.errs.Add(td.Pos, "TABLE is for a CHANNEL's definitions of v")
			continue
		}
		spec, ok := c.tableGrid(s, td)
		var locals []*ir.Local
		for _, id := range td.Names {
			if prev, dup := seen[id.Name]; dup {
				c.errs.Add(id.Pos, "%s is tabulated twice (first at %s)", id.Name, prev)
				ok = false
				continue
			}
			seen[id.Name] = id.Pos
			b := s.names[id.Name]
			if b == nil || b.define == nil {
				what := "nothing"
				if b != nil {
					what = "a " + b.what
				}
				c.errs.Add(id.Pos, "TABLE %s: %s is %s in %s; a TABLE names DEFINEs", id.Name, id.Name, what, m.Name.Name)
				ok = false
				continue
			}
			r, isLocal := b.expr.(*ir.LocalRef)
			if !isLocal {
				ok = false // its error is reported already
				continue
			}
			if v, isState := env.v.(*ir.StateRef); isState && !ir.FunctionOfV(r, v.S) {
				c.errs.Add(id.Pos, "TABLE %s: %s is not a function of v alone (it reads a state or t), so no table over v can hold it", id.Name, id.Name)
				ok = false
				continue
			}
			locals = append(locals, r.L)
		}
		if ok {
			for _, l := range locals {
				l.Table = &spec
			}
		}
	}
}

// tableGrid checks a TABLE's FROM and TO (voltages, FROM < TO) and WITH
// (a whole number of intervals, at least 1) and returns its grid in mV.
func (c *checker) tableGrid(s *scope, td *dsl.TableDecl) (ir.TableSpec, bool) {
	mV, _ := units.ConvertLiteral("1", units.MustParse("mV"))
	volt := func(e dsl.Expr, what string) (float64, bool) {
		t := s.expr(e)
		if !t.ok {
			return 0, false
		}
		if t.dim != dimVoltage {
			c.wantT(e.At(), "TABLE "+what, dimVoltage, t)
			return 0, false
		}
		x, ok := ir.ConstValue(t.e)
		if !ok {
			c.errs.Add(e.At(), "TABLE %s must be a constant voltage", what)
			return 0, false
		}
		return x / mV, true
	}
	lo, ok1 := volt(td.From, "FROM")
	hi, ok2 := volt(td.To, "TO")
	n, ok3 := 0.0, false
	if t := s.expr(td.With); t.ok {
		x, isConst := ir.ConstValue(t.e)
		switch {
		case !t.dim.IsDimensionless() || !isConst || x != math.Trunc(x) || x < 1 || x > 1e6:
			c.errs.Add(td.With.At(), "TABLE WITH must be a whole number of intervals from 1 to 1e6")
		default:
			n, ok3 = x, true
		}
	}
	if ok1 && ok2 && !(lo < hi) {
		c.errs.Add(td.To.At(), "TABLE FROM %g mV TO %g mV: TO must be above FROM", lo, hi)
		ok2 = false
	}
	if !ok1 || !ok2 || !ok3 {
		return ir.TableSpec{}, false
	}
	return ir.TableSpec{Lo: lo, Hi: hi, Step: (hi - lo) / n}, true
}

// checkLinear checks that the exponential solvers can advance each ODE
// (linear in its own state) and, under neuron_fixed, that each group of
// METHOD implicit states is linear in the group's states.
func (c *checker) checkLinear(solver string, odes []*ir.ODE) bool {
	ok := true
	groups := map[string][]*ir.ODE{}
	var keys []string
	for _, o := range odes {
		if solver == ir.NeuronFixed && o.Implicit != "" {
			if groups[o.Implicit] == nil {
				keys = append(keys, o.Implicit)
			}
			groups[o.Implicit] = append(groups[o.Implicit], o)
		}
	}
	for _, k := range keys {
		if bad, x := ir.CheckImplicit(groups[k]); bad != nil {
			c.errs.Add(bad.Pos, "METHOD implicit under solver neuron_fixed needs the ODEs of %s linear in its states (one backward-Euler step solves them), but a coefficient of %s' reads %s; drop METHOD implicit or use euler, rk2 or rk4", k, lastPart(bad.X.Name), lastPart(x.Name))
			ok = false
		}
	}
	for _, o := range odes {
		if solver == ir.NeuronFixed && (o.Implicit != "" || o.Euler) {
			continue
		}
		if len(o.Terms) > 0 {
			if solver == ir.NeuronFixed && o.LinStep > 0 {
				continue // a current not linear in v is linearised as NEURON does
			}
			for _, t := range o.Terms {
				if ir.Depends(ir.Diff(t.E, o.X), o.X) {
					c.errs.Add(t.Pos, "solver %s needs the membrane equation linear in v, but %s is not linear in v; use euler, rk2 or rk4", solver, t.What)
					ok = false
				}
			}
			continue
		}
		if ir.Depends(ir.Diff(o.F, o.X), o.X) {
			c.errs.Add(o.Pos, "solver %s needs %s' linear in %s (f = A + B·%s with A, B free of %s), but it is not; use euler, rk2 or rk4", solver, lastPart(o.X.Name), lastPart(o.X.Name), lastPart(o.X.Name), lastPart(o.X.Name))
			ok = false
		}
	}
	return ok
}

// writtenConc is the ion concentration named name that mi WRITEs, when the
// host has made its state (a neuron; not a mechanism checked on its own).
func writtenConc(env *mechEnv, mi *mechInst, name string) *ionConc {
	for _, iv := range mi.concWrites {
		if iv.Name.Name != name {
			continue
		}
		if ib := env.ions[iv.Ion]; ib != nil {
			for _, cn := range ib.conc {
				if cn.name == name && cn.state != nil && cn.writer == env.inst {
					return cn
				}
			}
		}
	}
	return nil
}
