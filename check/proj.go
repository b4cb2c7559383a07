package check

import (
	"math"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	einrt "github.com/einetc/einetc/runtime"
	"github.com/einetc/einetc/runtime/units"
)

var projProps = []string{"connect", "weight", "synapse", "output", "delay"}

func (c *checker) projections(nb *netBuild) {
	// Default names: the presynaptic name, when only one projection starts there.
	count := map[string]int{}
	for _, p := range nb.decl.Projs {
		if p.Name == nil {
			count[p.Pre.Name]++
		}
	}
	used := map[string]dsl.Pos{}
	for _, p := range nb.decl.Projs {
		name := dsl.Ident{Pos: p.Pre.Pos, Name: p.Pre.Name}
		if p.Name != nil {
			name = *p.Name
		} else if count[p.Pre.Name] > 1 {
			c.errs.Add(p.Pos, "several projections start at %s; name them: PROJECTION name: %s -> %s { ... }", p.Pre.Name, p.Pre.Name, p.Post.Name)
			continue
		}
		if p.Name != nil && reserved(name.Name) {
			c.reservedName(name)
			continue
		}
		if _, isPop := nb.pops[name.Name]; isPop && p.Name != nil && name.Name != p.Pre.Name {
			c.errs.Add(name.Pos, "projection name %s is a population's name; choose another", name.Name)
			continue
		}
		if prev, dup := used[name.Name]; dup {
			c.errs.Add(name.Pos, "projection %s redeclared (previous at %s)", name.Name, prev)
			continue
		}
		used[name.Name] = name.Pos
		c.projection(nb, p, name.Name)
	}
}

func (c *checker) projection(nb *netBuild, d *dsl.ProjDecl, name string) {
	pre, okPre := c.rangeOf(nb, d.Pre)
	post, okPost := c.rangeOf(nb, d.Post)
	props := c.propMap(d.Props, projProps, "PROJECTION "+name)
	if !okPre || !okPost {
		return
	}
	pb := nb.builds[post.Pop]
	if pb == nil {
		c.errs.Add(d.Post.Pos, "projection target %s is a POISSON source; it cannot receive spikes", d.Post.Name)
		return
	}
	pr := &ir.Projection{Name: name, Pre: pre, Post: post, Pos: d.Pos}
	s := newScope(c, "")
	c.connectRule(s, pr, props["connect"], d)
	out := c.output(s, pr, props["output"], d)
	wDim := dimCond
	switch out {
	case "CUBA":
		wDim = dimCurrent
	case "DELTA":
		wDim = dimVoltage
	}
	if p := props["weight"]; p == nil {
		c.errs.Add(d.Pos, "projection %s needs a weight", name)
	} else if perSynapseValue(p.Value) {
		pr.Weights = c.perSynapse(p, wDim, pr, out == "COBA")
	} else if prm := c.quantity(s, p, wDim, name+".weight", weightBound(out)); prm != nil {
		pr.Weight = prm
	}
	delay := nonNegative("a delay")
	if p := props["delay"]; p != nil && perSynapseValue(p.Value) {
		pr.Delays = c.perSynapse(p, dimTime, pr, true)
	} else {
		pr.Delay = c.newParam(name+".delay", 0, dimTime, d.Pos, delay)
	}
	if p := props["delay"]; p != nil && pr.Delay != nil {
		if prm := c.quantity(s, p, dimTime, name+".delay", delay); prm != nil {
			c.params = c.params[:len(c.params)-2]
			c.params = append(c.params, prm)
			pr.Delay = prm
		}
	}
	if out == "DELTA" {
		c.delta(pb, pr, props["synapse"], d)
	} else {
		c.synapse(pb, pr, props["synapse"], d, wDim)
	}
	nb.projs = append(nb.projs, pr)
}

func (c *checker) output(s *scope, pr *ir.Projection, p *dsl.Prop, d *dsl.ProjDecl) string {
	if p == nil {
		c.errs.Add(d.Pos, "projection %s needs an output (COBA { e = 0 (mV) }, CUBA or DELTA)", pr.Name)
		return ""
	}
	n, ok := p.Value.(*dsl.Name)
	if !ok || (n.Path.String() != "COBA" && n.Path.String() != "CUBA" && n.Path.String() != "DELTA") {
		c.errs.Add(p.Value.At(), "output must be COBA { e = ... (mV) }, CUBA or DELTA")
		return ""
	}
	pr.Output = n.Path.String()
	if pr.Output == "CUBA" || pr.Output == "DELTA" {
		if len(p.Block) > 0 {
			c.errs.Add(p.Block[0].Pos, "%s takes no parameters", pr.Output)
		}
		return pr.Output
	}
	props := c.propMap(p.Block, []string{"e"}, "COBA")
	e := props["e"]
	if e == nil {
		c.errs.Add(p.Value.At(), "COBA needs a reversal potential: COBA { e = 0 (mV) }")
		return pr.Output
	}
	pr.E = c.quantity(s, e, dimVoltage, pr.Name+".e", anyValue)
	return pr.Output
}

// synapse instantiates the synapse mechanism on the postsynaptic side and
// adds its output current to the membrane equation of the target population.
func (c *checker) synapse(pb *popBuild, pr *ir.Projection, p *dsl.Prop, d *dsl.ProjDecl, wDim units.Dim) {
	if p == nil {
		c.errs.Add(d.Pos, "projection %s needs a synapse (e.g. synapse = Expon { tau = 5 (ms) })", pr.Name)
		return
	}
	n, ok := p.Value.(*dsl.Name)
	if !ok || len(n.Path.Parts) != 1 {
		c.errs.Add(p.Value.At(), "synapse must name a SYNAPSE mechanism")
		return
	}
	id := n.Path.Parts[0]
	m, found := c.mechs[id.Name]
	if !found {
		c.unknownDecl(id, "synapse", c.mechNames(dsl.Synapse))
		return
	}
	if m.Kind != dsl.Synapse {
		c.errs.Add(id.Pos, "%s is a CHANNEL; a projection needs a SYNAPSE", id.Name)
		return
	}
	pr.Synapse = id.Name
	env := &mechEnv{inst: pr.Name, paramPath: pr.Name + ".", v: &ir.StateRef{S: pb.pop.V}, celsius: pb.celsius,
		ions: map[string]*ionBuild{}, ionPos: id.Pos, host: "projection " + pr.Name, overrides: p.Block, wDim: wDim, statePath: pr.Name + "."}
	mi := c.instantiate(m, env)
	pr.States = append(mi.perNeuron, mi.states...)
	pr.OnSpike = mi.onSpike
	for _, a := range d.Initial {
		c.synInitial(mi, a)
	}
	if mi.output == nil || pr.Output == "" {
		return
	}
	want := wDim
	if !mi.output.ok || mi.output.dim != want {
		c.errs.Add(d.Pos, "output %s of projection %s needs a synapse OUTPUT in %s, but %s's OUTPUT (%s) is in %s", pr.Output, pr.Name, desc(want), m.Name.Name, mi.outPos, desc(mi.output.dim))
		return
	}
	pr.OutExpr = mi.output.e
	var term ir.Expr = pr.OutExpr
	if pr.Output == "COBA" && pr.E != nil {
		term = ir.Mul(pr.OutExpr, ir.Sub(&ir.ParamRef{P: pr.E}, &ir.StateRef{S: pb.pop.V}))
	}
	pb.syn = append(pb.syn, synTerm{proj: pr, term: term, inst: mi})
}

func (c *checker) synInitial(mi *mechInst, a *dsl.Assign) {
	if a.Op != "=" {
		c.errs.Add(a.Pos, "INITIAL assigns with =, not %s", a.Op)
		return
	}
	st, d := c.ownState(a, mi)
	if st == nil {
		return
	}
	if in := c.initValue(mi.scope, a.Value, d, a.Target.String()); in != nil {
		st.Init = in
	}
}

// connectRule checks connect = rule(args, flags).
func (c *checker) connectRule(s *scope, pr *ir.Projection, p *dsl.Prop, d *dsl.ProjDecl) {
	if p == nil {
		c.errs.Add(d.Pos, "projection %s needs a connect rule", pr.Name)
		return
	}
	var call *dsl.Call
	switch v := p.Value.(type) {
	case *dsl.Call:
		call = v
	case *dsl.Name:
		call = &dsl.Call{Pos: v.Path.Pos, Func: dsl.Ident{Pos: v.Path.Pos, Name: v.Path.String()}}
	default:
		c.errs.Add(p.Value.At(), "connect must be a rule such as fixed_outdegree(80, replace) or bernoulli(0.02)")
		return
	}
	r := &pr.Connect
	r.Kind = call.Func.Name
	args := c.ruleFlags(call, r)
	switch r.Kind {
	case "fixed_outdegree", "fixed_indegree":
		c.degree(s, call, args, pr)
	case "bernoulli":
		if len(args) != 1 {
			c.arity(call.Pos, r.Kind, 1, len(args))
			return
		}
		if t, x, ok := c.netExpr(args[0], "connection probability"); ok {
			if err := einrt.Probability(t); err != nil {
				c.errs.Add(args[0].At(), "%v", err)
			}
			r.P, r.PExpr = t, x
		}
	case "one_to_one", "all_to_all":
		if len(args) != 0 {
			c.arity(call.Pos, r.Kind, 0, len(args))
		}
		if err := einrt.SameSize(pr.Pre.Len(), pr.Post.Len()); r.Kind == "one_to_one" && err != nil {
			c.errs.Add(call.Pos, "%v", err)
		}
	case "file":
		if f, ok := c.fileArg(&dsl.Call{Pos: call.Pos, Func: call.Func, Args: args}, ".npy", ".csv"); ok {
			r.File = f
		}
	default:
		c.errs.Add(call.Func.Pos, "unknown connect rule %s (known: fixed_outdegree, fixed_indegree, bernoulli, one_to_one, all_to_all, file)%s",
			r.Kind, c.suggest(r.Kind, []string{"fixed_outdegree", "fixed_indegree", "bernoulli", "one_to_one", "all_to_all"}))
	}
}

// ruleFlags strips the flags replace and noself from the arguments.
func (c *checker) ruleFlags(call *dsl.Call, r *ir.ConnectRule) []dsl.Expr {
	var rest []dsl.Expr
	for _, a := range call.Args {
		n, ok := a.(*dsl.Name)
		if !ok || (c.netScope != nil && c.netScope.names[n.Path.String()] != nil) {
			rest = append(rest, a) // a value, or a network parameter
			continue
		}
		switch n.Path.String() {
		case "replace":
			r.Replace = true
			if r.Kind != "fixed_outdegree" && r.Kind != "fixed_indegree" {
				c.errs.Add(n.Path.Pos, "replace only applies to fixed_outdegree and fixed_indegree")
			}
		case "noself":
			r.NoSelf = true
		default:
			c.errs.Add(n.Path.Pos, "unknown flag %s in connect rule (known: replace, noself)", n.Path.String())
		}
	}
	return rest
}

// degree checks the k of fixed_outdegree/fixed_indegree: an integer count, or
// a fraction in (0, 1) of the other side's size, floored as braincell does.
func (c *checker) degree(s *scope, call *dsl.Call, args []dsl.Expr, pr *ir.Projection) {
	r := &pr.Connect
	if len(args) != 1 {
		c.arity(call.Pos, r.Kind, 1, len(args))
		return
	}
	k, x, ok := c.netExpr(args[0], "degree")
	if !ok {
		return
	}
	other := pr.Post.Len()
	if r.Kind == "fixed_indegree" {
		other = pr.Pre.Len()
	}
	r.K, r.KExpr = k, x
	n, err := einrt.Degree(r.Kind, k, other, r.Replace)
	if err != nil {
		c.errs.Add(args[0].At(), "%v", err)
		return
	}
	r.N = n
	if p, ok := x.(*ir.ParamRef); ok && k >= 1 {
		p.P.Integer, p.P.Rule = true, "a number of connections"
		p.P.Min, p.P.Max = math.Max(p.P.Min, 1), math.Min(p.P.Max, 1e9)
	}
}

func (c *checker) dimlessConst(s *scope, e dsl.Expr, what string) (float64, bool) {
	t := s.expr(e)
	if !t.ok {
		return 0, false
	}
	v, isConst := ir.ConstValue(t.e)
	if !t.dim.IsDimensionless() {
		c.wantT(e.At(), what, dimless, t)
		return 0, false
	}
	if !isConst {
		c.errs.Add(e.At(), "%s must be a constant", what)
		return 0, false
	}
	return v, true
}

// weightBound is the range of a projection's weight: a COBA weight is a
// conductance increment, not negative (an inhibitory synapse has a low
// reversal potential); a CUBA weight is a current of either sign.
func weightBound(output string) bound {
	if output == "COBA" {
		return nonNegative("a conductance")
	}
	return anyValue
}

// delta makes projection pr a delta synapse (output = DELTA): each
// delivered spike adds the weight, a voltage, to the target's v at the
// start of the step, as Brian2's on_pre = 'v_post += w'. There is no
// synapse mechanism and no synaptic state.
func (c *checker) delta(pb *popBuild, pr *ir.Projection, syn *dsl.Prop, d *dsl.ProjDecl) {
	if syn != nil {
		c.errs.Add(syn.Pos, "output DELTA adds the weight to v directly; projection %s takes no synapse", pr.Name)
	}
	for _, a := range d.Initial {
		c.errs.Add(a.Pos, "projection %s has output DELTA and no synaptic states to initialise", pr.Name)
	}
	v := pb.pop.V
	pr.OnSpike = []*ir.Stmt{{State: v, Value: ir.Add(&ir.StateRef{S: v}, &ir.Var{Name: "w"}), Src: cite(d.Pos, "output DELTA: v += w")}}
	pb.delta = append(pb.delta, pr)
}
