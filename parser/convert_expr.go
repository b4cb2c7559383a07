package parser

import (
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/einetc/einetc/dsl"
)

type lexerPos = lexer.Position

func exprOrNil(g *expression) dsl.Expr {
	if g == nil {
		return nil
	}
	return expr(g)
}

func expr(g *expression) dsl.Expr {
	return or(g.Or)
}

func or(g *gOr) dsl.Expr {
	x := and(g.Left)
	for _, t := range g.Rest {
		x = &dsl.Binary{Pos: pos(t.Pos), Op: t.Op, X: x, Y: and(t.Right)}
	}
	return x
}

func and(g *gAnd) dsl.Expr {
	x := cmp(g.Left)
	for _, t := range g.Rest {
		x = &dsl.Binary{Pos: pos(t.Pos), Op: t.Op, X: x, Y: cmp(t.Right)}
	}
	return x
}

func cmp(g *gCmp) dsl.Expr {
	x := add(g.Left)
	if g.Tail != nil {
		x = &dsl.Binary{Pos: pos(g.Tail.Pos), Op: g.Tail.Op, X: x, Y: add(g.Tail.Right)}
	}
	return x
}

func add(g *gAdd) dsl.Expr {
	x := mul(g.Left)
	for _, t := range g.Rest {
		x = &dsl.Binary{Pos: pos(t.Pos), Op: t.Op, X: x, Y: mul(t.Right)}
	}
	return x
}

func mul(g *gMul) dsl.Expr {
	x := unary(g.Left)
	for _, t := range g.Rest {
		x = &dsl.Binary{Pos: pos(t.Pos), Op: t.Op, X: x, Y: unary(t.Right)}
	}
	return x
}

func unary(g *gUnary) dsl.Expr {
	if g.X != nil {
		return &dsl.Unary{Pos: pos(g.Pos), Op: g.Op, X: unary(g.X)}
	}
	return pow(g.P)
}

func pow(g *gPow) dsl.Expr {
	x := primary(g.Base)
	if g.Exp != nil {
		return &dsl.Binary{Pos: pos(g.Pos), Op: "^", X: x, Y: unary(g.Exp)}
	}
	return x
}

func primary(g *gPrimary) dsl.Expr {
	switch {
	case g.If != nil:
		return &dsl.Cond{Pos: pos(g.Pos), Cond: expr(g.If.Cond), Then: expr(g.If.Then), Else: expr(g.If.Else)}
	case g.Num != nil:
		return &dsl.Number{Pos: pos(g.Num.Pos), Text: g.Num.Text, Unit: unit(g.Num.Unit)}
	case g.Str != nil:
		return &dsl.String{Pos: pos(g.Pos), Value: *g.Str}
	case g.Named != nil:
		p := gpath(g.Named.Path)
		if g.Named.Args == nil {
			return &dsl.Name{Path: p}
		}
		c := &dsl.Call{Pos: pos(g.Named.Pos), Func: p.Parts[len(p.Parts)-1]}
		if len(p.Parts) > 1 {
			// A dotted call such as a.f(x): keep the full name so the
			// checker can report it as an unknown function.
			c.Func = dsl.Ident{Pos: p.Pos, Name: p.String()}
		}
		for _, a := range g.Named.Args.List {
			c.Args = append(c.Args, expr(a))
		}
		return c
	}
	return expr(g.Sub)
}
