package codegen

// The generated Params: fields, defaults, names, specs, Validate.

import (
	"fmt"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/einetc/einetc/ir"
	einrt "github.com/einetc/einetc/runtime"
)

// params emits the Params struct, DefaultParams, the parameter table and
// name-based access for sweeps and command-line overrides. Every value set
// by name goes through the parameter's einrt.ParamSpec, the very check the
// compiler applied to the model's own value.
func (g *gen) params() {
	fields := []jen.Code{
		jen.Id("Dt").Float64().Comment("time step (ms)"),
		jen.Id("Seed").Uint64().Comment("seed of every random stream"),
		jen.Id("DataDir").String().Comment("directory that file(...) names in the model are relative to"),
	}
	// DefaultParams and ParamNames list one entry a line, in the order of
	// the fields.
	multi := jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}
	defaults := []jen.Code{jen.Id("Dt").Op(":").Lit(g.m.Dt), jen.Id("Seed").Op(":").Lit(g.m.Seed)}
	var names, specs, cases []jen.Code
	for i, p := range g.m.Params {
		fld := g.paramField[p]
		fields = append(fields, jen.Id(fld).Float64().Comment(paramComment(p)))
		defaults = append(defaults, jen.Id(fld).Op(":").Add(constant(p.Value)))
		names = append(names, jen.Values(jen.Lit(p.Name), jen.Lit(p.Unit)))
		specs = append(specs, specLit(p.Spec()))
		cases = append(cases, jen.Case(jen.Lit(p.Name)).Block(jen.Return(jen.Op("&").Id("p").Dot(fld), jen.Op("&").Id("ParamSpecs").Index(jen.Lit(i)))))
	}
	g.f.Comment("Params holds the model's parameters in einetc's internal units (ms, mV,")
	g.f.Comment("pA, nS, pF, um, mM), whatever unit the model writes them in: each field's")
	g.f.Comment("comment gives both. Change them between New calls to sweep a model without")
	g.f.Comment("running einetc again; SetQuantity takes a value in any unit, checked as")
	g.f.Comment("einetc run -set checks it.")
	g.f.Type().Id("Params").Struct(fields...)
	g.f.Comment("DefaultParams returns the parameters as written in the model.")
	g.f.Func().Id("DefaultParams").Params().Id("Params").Block(jen.Return(jen.Id("Params").Custom(multi, defaults...)))
	g.f.Comment("ParamNames lists each parameter's dotted name and internal unit.")
	g.f.Var().Id("ParamNames").Op("=").Index().Index(jen.Lit(2)).String().Custom(multi, names...)
	g.f.Comment("ParamSpecs describes each parameter, in the order of ParamNames: the unit the")
	g.f.Comment("model writes it in, the scale from that unit to the internal one, and the")
	g.f.Comment("range the model's rules allow (a time constant is positive, a delay is not")
	g.f.Comment("negative, ...). Set, SetQuantity and Validate check values with it.")
	g.f.Var().Id("ParamSpecs").Op("=").Index().Qual(rtPath, "ParamSpec").Values(specs...)
	g.paramMethods(cases)
}

// paramMethods emits the methods of Params: field (by dotted name, from
// the switch cases), Set, SetQuantity and Validate.
func (g *gen) paramMethods(cases []jen.Code) {
	cases = append(cases, jen.Default().Block(jen.Return(jen.Nil(), jen.Nil())))
	g.f.Comment("field returns the field and the spec of the parameter with the given dotted name.")
	g.f.Func().Params(jen.Id("p").Op("*").Id("Params")).Id("field").Params(jen.Id("name").String()).Params(jen.Op("*").Float64(), jen.Op("*").Qual(rtPath, "ParamSpec")).Block(
		jen.Switch(jen.Id("name")).Block(cases...))
	unknown := jen.Return(jen.Qual("fmt", "Errorf").Call(jen.Lit("unknown parameter %q"), jen.Id("name")))
	g.f.Comment("Set sets the parameter with the given dotted name to value, in internal")
	g.f.Comment("units (see Params), after checking it against the parameter's ParamSpec.")
	g.f.Func().Params(jen.Id("p").Op("*").Id("Params")).Id("Set").Params(jen.Id("name").String(), jen.Id("value").Float64()).Error().Block(
		jen.List(jen.Id("f"), jen.Id("spec")).Op(":=").Id("p").Dot("field").Call(jen.Id("name")),
		jen.If(jen.Id("f").Op("==").Nil()).Block(unknown.Clone()),
		jen.If(jen.Err().Op(":=").Id("spec").Dot("Check").Call(jen.Id("value")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Op("*").Id("f").Op("=").Id("value"),
		jen.Return(jen.Nil()),
	)
	g.f.Comment("SetQuantity sets the parameter with the given dotted name to a quantity with")
	g.f.Comment(`its unit, such as "20 mS/cm2" or "5 (ms)", converted exactly to internal units`)
	g.f.Comment("and checked as einetc run -set checks it: the dimension must be the")
	g.f.Comment("parameter's, the value finite and within its ParamSpec's range.")
	g.f.Func().Params(jen.Id("p").Op("*").Id("Params")).Id("SetQuantity").Params(jen.List(jen.Id("name"), jen.Id("quantity")).String()).Error().Block(
		jen.List(jen.Id("f"), jen.Id("spec")).Op(":=").Id("p").Dot("field").Call(jen.Id("name")),
		jen.If(jen.Id("f").Op("==").Nil()).Block(unknown.Clone()),
		jen.List(jen.Id("v"), jen.Err()).Op(":=").Id("spec").Dot("Parse").Call(jen.Id("quantity")),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Op("*").Id("f").Op("=").Id("v"),
		jen.Return(jen.Nil()),
	)
	g.f.Comment("Validate checks every parameter against its ParamSpec, and Dt, and reports")
	g.f.Comment("all that fail. New calls it.")
	g.f.Func().Params(jen.Id("p").Op("*").Id("Params")).Id("Validate").Params().Error().Block(
		jen.Var().Id("errs").Index().Error(),
		jen.If(jen.Op("!").Parens(jen.Id("p").Dot("Dt").Op(">").Lit(0.0).Op("&&").Op("!").Qual("math", "IsInf").Call(jen.Id("p").Dot("Dt"), jen.Lit(1)))).Block(
			jen.Id("errs").Op("=").Append(jen.Id("errs"), jen.Qual("fmt", "Errorf").Call(jen.Lit("dt must be positive, not %g ms"), jen.Id("p").Dot("Dt")))),
		jen.For(jen.Id("i").Op(":=").Range().Id("ParamSpecs")).Block(
			jen.Id("s").Op(":=").Op("&").Id("ParamSpecs").Index(jen.Id("i")),
			jen.List(jen.Id("f"), jen.Id("_")).Op(":=").Id("p").Dot("field").Call(jen.Id("s").Dot("Name")),
			jen.If(jen.Err().Op(":=").Id("s").Dot("Check").Call(jen.Op("*").Id("f")), jen.Err().Op("!=").Nil()).Block(
				jen.Id("errs").Op("=").Append(jen.Id("errs"), jen.Err()))),
		jen.Add(g.rateChecks()...),
		jen.Return(jen.Qual("errors", "Join").Call(jen.Id("errs").Op("..."))),
	)
}

// paramComment documents a Params field: the parameter, the unit the field
// holds and the unit the model writes it in, and where.
func paramComment(p *ir.Param) string {
	s := p.Spec()
	if s.Internal == "1" {
		return fmt.Sprintf("%s, dimensionless, %s", p.Name, p.Pos)
	}
	if s.Unit == s.Internal {
		return fmt.Sprintf("%s in %s, %s", p.Name, s.Internal, p.Pos)
	}
	return fmt.Sprintf("%s in %s (the model writes %s: 1 %s = %s %s), %s", p.Name, s.Internal, s.Unit, s.Unit, strconv.FormatFloat(s.Scale, 'g', -1, 64), s.Internal, p.Pos)
}

// specLit is the Go literal of a parameter's spec.
func specLit(s einrt.ParamSpec) jen.Code {
	d := jen.Dict{jen.Id("Name"): jen.Lit(s.Name), jen.Id("Unit"): jen.Lit(s.Unit), jen.Id("Internal"): jen.Lit(s.Internal),
		jen.Id("Scale"): constant(s.Scale), jen.Id("Min"): constant(s.Min), jen.Id("Max"): constant(s.Max)}
	if s.MinOpen {
		d[jen.Id("MinOpen")] = jen.True()
	}
	if s.MaxOpen {
		d[jen.Id("MaxOpen")] = jen.True()
	}
	if s.Rule != "" {
		d[jen.Id("Rule")] = jen.Lit(s.Rule)
	}
	if s.Integer {
		d[jen.Id("Integer")] = jen.True()
	}
	return jen.Values(d)
}

// rateChecks are the statements of Validate that check the parameters tied
// to the time step, as the compiler does (ir.Module.CheckTimeStep): each
// Poisson rate (runtime.SpikeProbability) and refractory period
// (runtime.RefractorySteps).
func (g *gen) rateChecks() []jen.Code {
	var out []jen.Code
	if g.sh != nil { // the structure, once every parameter is in its range
		out = append(out, jen.If(jen.Len(jen.Id("errs")).Op("==").Lit(0)).Block(
			jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("p").Dot("shape").Call(), jen.Err().Op("!=").Nil()).Block(
				jen.Id("errs").Op("=").Append(jen.Id("errs"), jen.Err()))), jen.Line())
	}
	for _, pop := range g.m.Pops {
		if pop.Rate == nil {
			continue
		}
		out = append(out, jen.If(jen.Err().Op(":=").Qual(rtPath, "SpikeProbability").Call(jen.Lit(pop.Rate.Name), jen.Id("p").Dot(g.paramField[pop.Rate]), jen.Id("p").Dot("Dt")), jen.Err().Op("!=").Nil()).Block(
			jen.Id("errs").Op("=").Append(jen.Id("errs"), jen.Err())), jen.Line())
	}
	for _, pop := range g.m.Pops {
		if r := pop.Spike.Refractory; r != nil {
			out = append(out, jen.If(jen.Err().Op(":=").Qual(rtPath, "RefractorySteps").Call(jen.Lit(r.Name), jen.Id("p").Dot(g.paramField[r]), jen.Id("p").Dot("Dt")), jen.Err().Op("!=").Nil()).Block(
				jen.Id("errs").Op("=").Append(jen.Id("errs"), jen.Err())), jen.Line())
		}
	}
	return out
}
