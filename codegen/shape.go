package codegen

// The network's structure: population sizes and offsets, group bounds, the
// degree or probability of connection rules. In a model whose structure is
// constant these are literals. In one whose NETWORK has PARAMETERs that
// sizes, bounds or rules read (ir.Module.Structural), New computes them
// from Params into the Model's field sh (a value of type shape), with the
// checks of package runtime that einetc applies to the model's own values,
// and the code reads them from there. The connectivity and the initial
// values are drawn from the same streams either way, so a model run with
// -set n_exc=2400 gives the spikes of the model with 2400 written in.

import (
	"github.com/dave/jennifer/jen"

	"github.com/einetc/einetc/ir"
)

// shapeFields names the fields of the generated shape struct.
type shapeFields struct {
	size, off map[*ir.Population]string
	lo, hi    map[*ir.Group]string
	k, p      map[*ir.Projection]string
	in        string // the shape being built ("s" in Params.shape), or "" for m.sh
}

// newShapeFields names the fields of a structural model's shape, or
// returns nil for a model whose structure is constant.
func newShapeFields(m *ir.Module) *shapeFields {
	if !m.Structural() {
		return nil
	}
	s := &shapeFields{size: map[*ir.Population]string{}, off: map[*ir.Population]string{}, lo: map[*ir.Group]string{}, hi: map[*ir.Group]string{},
		k: map[*ir.Projection]string{}, p: map[*ir.Projection]string{}}
	n := newNamer("neurons")
	for _, pop := range m.Pops {
		s.size[pop] = n.name(goIdent(pop.Name) + "_size")
		s.off[pop] = n.name(goIdent(pop.Name) + "_offset")
	}
	for _, g := range m.Groups {
		s.lo[g] = n.name(goIdent(g.Name) + "_lo")
		s.hi[g] = n.name(goIdent(g.Name) + "_hi")
	}
	for _, pr := range m.Projs {
		switch pr.Connect.Kind {
		case "fixed_outdegree", "fixed_indegree":
			s.k[pr] = n.name("proj_" + goIdent(pr.Name) + "_k")
		case "bernoulli":
			s.p[pr] = n.name("proj_" + goIdent(pr.Name) + "_p")
		}
	}
	return s
}

// field reads a field of the shape.
func (s *shapeFields) field(name string) *jen.Statement {
	if s.in != "" {
		return jen.Id(s.in).Dot(name)
	}
	return jen.Id("m").Dot("sh").Dot(name)
}

// popSize is the number of neurons of pop.
func (g *gen) popSize(pop *ir.Population) *jen.Statement {
	if g.sh == nil {
		return jen.Lit(pop.Size)
	}
	return g.sh.field(g.sh.size[pop])
}

// popOffset is the network-wide index of pop's first neuron.
func (g *gen) popOffset(pop *ir.Population) *jen.Statement {
	if g.sh == nil {
		return jen.Lit(pop.Offset)
	}
	return g.sh.field(g.sh.off[pop])
}

// rangeLo and rangeHi are r's bounds, relative to its population.
func (g *gen) rangeLo(r ir.Range) *jen.Statement {
	if g.sh == nil {
		return jen.Lit(r.Lo)
	}
	if r.Group != nil {
		return g.sh.field(g.sh.lo[r.Group])
	}
	return jen.Lit(0)
}

func (g *gen) rangeHi(r ir.Range) *jen.Statement {
	if g.sh == nil {
		return jen.Lit(r.Hi)
	}
	if r.Group != nil {
		return g.sh.field(g.sh.hi[r.Group])
	}
	return g.popSize(r.Pop)
}

// rangeLen is r's number of neurons.
func (g *gen) rangeLen(r ir.Range) *jen.Statement {
	if g.sh == nil {
		return jen.Lit(r.Len())
	}
	if r.Group == nil {
		return g.popSize(r.Pop)
	}
	return g.rangeHi(r).Op("-").Add(g.rangeLo(r))
}

// absLo and absHi are r's bounds in the network-wide numbering, as int32.
func (g *gen) absLo(r ir.Range) *jen.Statement {
	if g.sh == nil {
		return jen.Lit(int32(r.Pop.Offset + r.Lo))
	}
	return jen.Int32().Call(g.popOffset(r.Pop).Op("+").Add(g.rangeLo(r)))
}

func (g *gen) absHi(r ir.Range) *jen.Statement {
	if g.sh == nil {
		return jen.Lit(int32(r.Pop.Offset + r.Hi))
	}
	return jen.Int32().Call(g.popOffset(r.Pop).Op("+").Add(g.rangeHi(r)))
}

// neurons is the number of neurons of the network.
func (g *gen) neurons() *jen.Statement {
	if g.sh == nil {
		return jen.Id("NumNeurons")
	}
	return g.sh.field("neurons")
}

// degree and prob are a projection's k and p.
func (g *gen) degree(pr *ir.Projection) *jen.Statement {
	if g.sh == nil {
		return jen.Lit(pr.Connect.N)
	}
	return g.sh.field(g.sh.k[pr])
}

func (g *gen) prob(pr *ir.Projection) *jen.Statement {
	if g.sh == nil {
		return jen.Lit(pr.Connect.P)
	}
	return g.sh.field(g.sh.p[pr])
}

// shapeDecl emits, for a structural model, the type shape, Params.shape,
// which computes and checks it (the checks of ir.Module.Shape, in the
// same order, with the same messages), and Model.Layout.
func (g *gen) shapeDecl() {
	s := g.sh
	if s == nil {
		return
	}
	fields := []jen.Code{jen.Id("neurons").Int().Comment("in all populations")}
	for _, pop := range g.m.Pops {
		fields = append(fields, jen.List(jen.Id(s.size[pop]), jen.Id(s.off[pop])).Int().Comment("population "+pop.Name))
	}
	for _, gr := range g.m.Groups {
		fields = append(fields, jen.List(jen.Id(s.lo[gr]), jen.Id(s.hi[gr])).Int().Comment("group "+gr.Name+", relative to "+gr.Pop.Name))
	}
	for _, pr := range g.m.Projs {
		if f, ok := s.k[pr]; ok {
			fields = append(fields, jen.Id(f).Int().Comment("degree of projection "+pr.Name))
		}
		if f, ok := s.p[pr]; ok {
			fields = append(fields, jen.Id(f).Float64().Comment("connection probability of projection "+pr.Name))
		}
	}
	g.f.Comment("shape is the structure of the network, computed from the network's")
	g.f.Comment("parameters by Params.shape.")
	g.f.Type().Id("shape").Struct(fields...)

	s.in = "s"
	defer func() { s.in = "" }()
	v := g.initEnv(nil)
	fail := func(prefix string) jen.Code {
		if prefix == "" {
			return jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("s"), jen.Err()))
		}
		return jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("s"), jen.Qual("fmt", "Errorf").Call(jen.Lit(prefix+": %w"), jen.Err())))
	}
	count := func(dst *jen.Statement, what string, e ir.Expr, value int, prefix string) []jen.Code {
		if e == nil {
			return []jen.Code{dst.Op("=").Lit(value)}
		}
		return []jen.Code{jen.List(dst, jen.Err()).Op("=").Qual(rtPath, "Count").Call(jen.Lit(what), v.num(e)), fail(prefix)}
	}
	body := []jen.Code{jen.Var().Id("s").Id("shape"), jen.Var().Id("err").Error(), jen.Id("_").Op("=").Id("err")}
	for _, pop := range g.m.Pops {
		what := "population " + pop.Name
		body = append(body, jen.Commentf("%s: %s", what, pop.Pos))
		body = append(body, count(s.field(s.size[pop]), "population size", pop.SizeExpr, pop.Size, what)...)
		if pop.SizeExpr != nil {
			body = append(body, jen.Err().Op("=").Qual(rtPath, "PopulationSize").Call(s.field(s.size[pop])), fail(what))
		}
		body = append(body, s.field(s.off[pop]).Op("=").Id("s").Dot("neurons"), jen.Id("s").Dot("neurons").Op("+=").Add(s.field(s.size[pop])))
	}
	body = append(body, jen.If(jen.Id("s").Dot("neurons").Op(">").Qual(rtPath, "MaxNeurons")).Block(
		jen.Return(jen.Id("s"), jen.Qual("fmt", "Errorf").Call(jen.Lit("the network has %d neurons, more than %d"), jen.Id("s").Dot("neurons"), jen.Qual(rtPath, "MaxNeurons")))))
	for _, gr := range g.m.Groups {
		what := "group " + gr.Name
		body = append(body, jen.Commentf("%s: %s", what, gr.Pos))
		body = append(body, count(s.field(s.lo[gr]), "group start", gr.LoExpr, gr.Lo, what)...)
		body = append(body, count(s.field(s.hi[gr]), "group end", gr.HiExpr, gr.Hi, what)...)
		body = append(body, jen.Err().Op("=").Qual(rtPath, "GroupRange").Call(jen.Lit(gr.Name), jen.Lit(gr.Pop.Name), s.field(s.lo[gr]), s.field(s.hi[gr]), s.field(s.size[gr.Pop])), fail(""))
	}
	for _, pr := range g.m.Projs {
		body = append(body, g.shapeProj(pr, v, fail("projection "+pr.Name))...)
	}
	body = append(body, jen.Return(jen.Id("s"), jen.Nil()))
	g.f.Comment("shape computes the structure of the network from p and checks it as einetc")
	g.f.Comment("checks the model's own values: sizes, group bounds, connection rules.")
	g.f.Func().Params(jen.Id("p").Op("*").Id("Params")).Id("shape").Params().Params(jen.Id("shape"), jen.Error()).Block(body...)

	s.in = ""
	var rows []jen.Code
	for _, pop := range g.m.Pops {
		rows = append(rows, jen.Values(jen.Lit(pop.Name), jen.Lit(pop.Type), g.popOffset(pop), g.popSize(pop)))
	}
	g.f.Comment("Layout lists the populations as New built them from its parameters (the")
	g.f.Comment("variable Populations lists them with DefaultParams).")
	g.f.Func().Params(jen.Id("m").Op("*").Id("Model")).Id("Layout").Params().Index().Id("Population").Block(
		jen.Return(jen.Index().Id("Population").Values(rows...)))
}

// shapeProj emits the part of Params.shape for projection pr.
func (g *gen) shapeProj(pr *ir.Projection, v *env, fail jen.Code) []jen.Code {
	s, r := g.sh, pr.Connect
	switch r.Kind {
	case "fixed_outdegree", "fixed_indegree":
		other := g.rangeLen(pr.Post)
		if r.Kind == "fixed_indegree" {
			other = g.rangeLen(pr.Pre)
		}
		k := constant(r.K)
		if r.KExpr != nil {
			k = v.num(r.KExpr)
		} else if r.K == 0 {
			k = constant(float64(r.N))
		}
		return []jen.Code{jen.Commentf("projection %s: %s", pr.Name, pr.Pos),
			jen.List(s.field(s.k[pr]), jen.Err()).Op("=").Qual(rtPath, "Degree").Call(jen.Lit(r.Kind), k, other, jen.Lit(r.Replace)), fail}
	case "bernoulli":
		p := constant(r.P)
		if r.PExpr != nil {
			p = v.num(r.PExpr)
		}
		return []jen.Code{jen.Commentf("projection %s: %s", pr.Name, pr.Pos),
			s.field(s.p[pr]).Op("=").Add(p),
			jen.Err().Op("=").Qual(rtPath, "Probability").Call(s.field(s.p[pr])), fail}
	case "one_to_one":
		return []jen.Code{jen.Commentf("projection %s: %s", pr.Name, pr.Pos),
			jen.Err().Op("=").Qual(rtPath, "SameSize").Call(g.rangeLen(pr.Pre), g.rangeLen(pr.Post)), fail}
	}
	return nil
}

// selfOffset is the index in post of pre's first neuron, for noself.
func (g *gen) selfOffset(pr *ir.Projection) *jen.Statement {
	if g.sh == nil {
		return jen.Lit(pr.Pre.Lo - pr.Post.Lo)
	}
	if pr.Post.Group == nil {
		return g.rangeLo(pr.Pre)
	}
	return g.rangeLo(pr.Pre).Op("-").Add(g.rangeLo(pr.Post))
}
