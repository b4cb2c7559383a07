package check

import (
	"math"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	einrt "github.com/einetc/einetc/runtime"
)

// netBuild is the network under construction.
type netBuild struct {
	decl   *dsl.Network
	pops   map[string]*ir.Population
	builds map[*ir.Population]*popBuild
	groups map[string]*ir.Group
	projs  []*ir.Projection
	names  map[string]dsl.Pos // every population and group name
	bad    map[string]bool    // declared, but with errors already reported
	offset int
}

// maxNeurons bounds the size of a network so that a typo (4000000000) is
// reported before anything is allocated.
const maxNeurons = 100_000_000

func (c *checker) network(n *dsl.Network) *netBuild {
	nb := &netBuild{decl: n, pops: map[string]*ir.Population{}, builds: map[*ir.Population]*popBuild{},
		groups: map[string]*ir.Group{}, names: map[string]dsl.Pos{}, bad: map[string]bool{}}
	c.netParams(n)
	for _, p := range n.Pops {
		c.population(nb, p)
	}
	for _, g := range n.Groups {
		c.group(nb, g)
	}
	for _, in := range n.Inputs {
		c.input(nb, in)
	}
	c.projections(nb)
	return nb
}

func (c *checker) netName(nb *netBuild, id dsl.Ident) bool {
	if reserved(id.Name) {
		c.reservedName(id)
		return false
	}
	if prev, dup := nb.names[id.Name]; dup {
		c.errs.Add(id.Pos, "%s redeclared (previous declaration at %s)", id.Name, prev)
		return false
	}
	nb.names[id.Name] = id.Pos
	return true
}

// intValue checks a dimensionless non-negative integer constant.
func (c *checker) intValue(s *scope, e dsl.Expr, what string) (int, bool) {
	t := s.expr(e)
	if !t.ok {
		return 0, false
	}
	v, isConst := ir.ConstValue(t.e)
	switch {
	case !t.dim.IsDimensionless():
		c.wantT(e.At(), what, dimless, t)
	case !isConst || v != math.Trunc(v) || v < 0 || v > 1e15:
		c.errs.Add(e.At(), "%s must be a non-negative integer", what)
	default:
		return int(v), true
	}
	return 0, false
}

func (c *checker) population(nb *netBuild, p *dsl.PopDecl) {
	ok := c.netName(nb, p.Name)
	size, sizeExpr, okSize := c.count(p.Size, "population size", 1)
	if err := einrt.PopulationSize(size); okSize && err != nil {
		c.errs.Add(p.Size.At(), "%v", err)
		okSize = false
	}
	pop := &ir.Population{Name: p.Name.Name, Size: size, SizeExpr: sizeExpr, Pos: p.Pos}
	if p.Type.Name == "POISSON" {
		c.poisson(pop, p)
	} else if n, found := c.neurons[p.Type.Name]; found {
		var overrides []*dsl.Prop
		switch {
		case n.Own != nil:
			overrides = p.Props // values of the neuron's own PARAMETERs
		case len(p.Props) > 0:
			c.errs.Add(p.Props[0].Pos, "a population of neuron type %s takes no { } block: NEURON %s has no PARAMETER of its own; set parameters in it", n.Name.Name, n.Name.Name)
		}
		nb.builds[pop] = c.neuronPop(n, pop, overrides)
	} else {
		var known []string
		for k := range c.neurons {
			known = append(known, k)
		}
		c.unknownDecl(p.Type, "neuron type", append(known, "POISSON"))
		nb.bad[p.Name.Name] = true
		return
	}
	if !ok || !okSize {
		nb.bad[p.Name.Name] = true
	}
	if ok && okSize {
		pop.Offset = nb.offset
		nb.offset += size
		nb.pops[pop.Name] = pop
	}
}

func (c *checker) poisson(pop *ir.Population, p *dsl.PopDecl) {
	pop.Kind, pop.Type = ir.PoissonPop, "POISSON"
	props := c.propMap(p.Props, []string{"rate"}, "POISSON population "+pop.Name)
	r := props["rate"]
	if r == nil {
		c.errs.Add(p.Type.Pos, "POISSON population %s needs a rate (add { rate = 5 (Hz) })", pop.Name)
		return
	}
	if prm := c.quantity(newScope(c, ""), r, dimRate, pop.Name+".rate", nonNegative("a rate")); prm != nil {
		pop.Rate = prm
	}
}

func (c *checker) group(nb *netBuild, g *dsl.GroupDecl) {
	ok := c.netName(nb, g.Name)
	lo, loExpr, okLo := c.count(g.Lo, "group start", 0)
	hi, hiExpr, okHi := c.count(g.Hi, "group end", 0)
	nb.bad[g.Name.Name] = true // until it checks
	pop, found := nb.pops[g.Pop.Name]
	switch {
	case nb.bad[g.Pop.Name]:
		return
	case !found && nb.groups[g.Pop.Name] != nil:
		c.errs.Add(g.Pop.Pos, "group %s is made of group %s; a GROUP is a range of a POPULATION", g.Name.Name, g.Pop.Name)
		return
	case !found:
		c.unknownDecl(g.Pop, "population", popNames(nb))
		return
	}
	if !okLo || !okHi || !ok {
		return
	}
	if err := einrt.GroupRange(g.Name.Name, pop.Name, lo, hi, pop.Size); err != nil {
		c.errs.Add(g.Lo.At(), "%v", err)
		return
	}
	delete(nb.bad, g.Name.Name)
	nb.groups[g.Name.Name] = &ir.Group{Name: g.Name.Name, Pop: pop, Lo: lo, Hi: hi, LoExpr: loExpr, HiExpr: hiExpr, Pos: g.Pos}
}

func popNames(nb *netBuild) []string {
	var out []string
	for k := range nb.pops {
		out = append(out, k)
	}
	return out
}

// rangeOf resolves a population or group name.
func (c *checker) rangeOf(nb *netBuild, id dsl.Ident) (ir.Range, bool) {
	if p, ok := nb.pops[id.Name]; ok {
		return ir.Range{Pop: p, Lo: 0, Hi: p.Size, Name: p.Name}, true
	}
	if g, ok := nb.groups[id.Name]; ok {
		return ir.Range{Pop: g.Pop, Lo: g.Lo, Hi: g.Hi, Name: g.Name, Group: g}, true
	}
	if nb.bad[id.Name] {
		return ir.Range{}, false // its declaration is already reported
	}
	var known []string
	for k := range nb.names {
		known = append(known, k)
	}
	c.unknownDecl(id, "population or group", known)
	return ir.Range{}, false
}

func (c *checker) input(nb *netBuild, in *dsl.InputDecl) {
	r, ok := c.rangeOf(nb, in.Target)
	props := c.propMap(in.Props, []string{"current"}, "INPUT")
	if !ok {
		return
	}
	pb := nb.builds[r.Pop]
	if pb == nil {
		c.errs.Add(in.Target.Pos, "INPUT needs a population of neurons; %s is a POISSON source", in.Target.Name)
		return
	}
	p := props["current"]
	if p == nil {
		c.errs.Add(in.Pos, "INPUT needs a current (add { current = 0.1 (nA) })")
		return
	}
	prm := c.quantity(newScope(c, ""), p, dimCurrent, "input."+in.Target.Name+".current", anyValue)
	if prm == nil {
		return
	}
	pop := r.Pop
	if pop.IExt == nil {
		pop.IExt = &ir.State{Name: "I_ext", Unit: "pA", Kind: ir.Fixed, Pos: in.Pos}
		pop.States = append(pop.States, pop.IExt)
		pb.iTerms = append(pb.iTerms, &ir.StateRef{S: pop.IExt})
	}
	pop.Inputs = append(pop.Inputs, &ir.Input{Lo: r.Lo, Hi: r.Hi, Group: r.Group, Current: prm, Pos: in.Pos})
}
