package nmodl

import (
	"strings"

	"github.com/einetc/einetc/dsl"
)

// Parse reads a .mod file. It reports every error it finds: a construct out
// of einetc's subset is reported at its position and skipped, and a syntax
// error skips to the end of the enclosing top-level block, so one mistake
// does not hide the others.
func Parse(name string, src []byte) (*Module, dsl.ErrorList) {
	var errs dsl.ErrorList
	p := &parser{toks: lex(name, string(src), &errs), errs: &errs}
	text := strings.TrimPrefix(string(src), "\uFEFF")
	m := &Module{File: name, Lines: strings.Split(text, "\n"), UnitDefs: map[string]*Decl{},
		Derivs: map[string]*Block{}, Kinetics: map[string]*Block{}, Procs: map[string]*Proc{}, Funcs: map[string]*Proc{}}
	p.src = text
	p.m = m
	for p.tok().kind != tEOF {
		p.topLevel()
	}
	errs.Sort()
	errs.RemoveDuplicates()
	return m, errs
}

// bail aborts the current top-level block after a syntax error.
type bail struct{}

type parser struct {
	toks []token
	i    int
	src  string
	errs *dsl.ErrorList
	m    *Module
}

func (p *parser) tok() token  { return p.toks[p.i] }
func (p *parser) peek() token { return p.toks[min(p.i+1, len(p.toks)-1)] }
func (p *parser) advance() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}
func (p *parser) is(s string) bool { t := p.tok(); return t.kind != tString && t.text == s }

func (p *parser) fail(pos dsl.Pos, format string, args ...any) {
	p.errs.Add(pos, format, args...)
	panic(bail{})
}

func (p *parser) expect(s string) token {
	if !p.is(s) {
		p.fail(p.tok().pos, "syntax error: expected %q, found %s", s, p.tok())
	}
	return p.advance()
}

func (p *parser) ident() *Name {
	t := p.tok()
	if t.kind != tIdent {
		p.fail(t.pos, "syntax error: expected a name, found %s", t)
	}
	p.advance()
	return &Name{Pos: t.pos, Name: t.text}
}

// skipBlock skips from the current token (at or before a "{") to just after
// the matching "}".
func (p *parser) skipBlock() {
	for !p.is("{") && p.tok().kind != tEOF {
		p.advance()
	}
	depth := 0
	for p.tok().kind != tEOF {
		t := p.advance()
		switch t.text {
		case "{":
			depth++
		case "}":
			depth--
			if depth == 0 {
				return
			}
		}
	}
}

// unsupported lists the constructs out of the subset with the reason given
// in their diagnostic.
var unsupported = map[string]string{
	"NET_RECEIVE":    "NET_RECEIVE (event handling of point processes) is not supported: einetc imports density mechanisms (SUFFIX)",
	"FUNCTION_TABLE": "FUNCTION_TABLE is not supported: write the function's formula as a FUNCTION",
	"LINEAR":         "LINEAR blocks are not supported",
	"NONLINEAR":      "NONLINEAR blocks are not supported",
	"DISCRETE":       "DISCRETE blocks are not supported",
	"PARTIAL":        "PARTIAL blocks are not supported",
	"CONSTRUCTOR":    "CONSTRUCTOR is not supported",
	"DESTRUCTOR":     "DESTRUCTOR is not supported",
	"BEFORE":         "BEFORE blocks are not supported",
	"AFTER":          "AFTER blocks are not supported",
}

func (p *parser) topLevel() {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bail); !ok {
				panic(r)
			}
			p.recoverTop()
		}
	}()
	t := p.tok()
	if t.kind == tVerbatim {
		p.errs.Add(t.pos, "VERBATIM (C code) is not supported: einetc cannot translate C")
		p.advance()
		return
	}
	if t.kind != tIdent {
		p.fail(t.pos, "syntax error: unexpected %s at top level", t)
	}
	switch t.text {
	case "UNITSOFF", "UNITSON", "THREADSAFE":
		p.advance()
	case "NEURON":
		p.advance()
		p.neuronBlock()
	case "UNITS":
		p.advance()
		p.unitsBlock()
	case "PARAMETER", "ASSIGNED", "STATE", "CONSTANT":
		p.advance()
		p.declBlock(t.text)
	case "INDEPENDENT":
		p.advance()
		p.skipBlock()
	case "BREAKPOINT", "INITIAL":
		p.advance()
		b := p.block(t.text)
		if t.text == "BREAKPOINT" {
			p.m.Breakpoint = b
		} else {
			p.m.Initial = b
		}
	case "DERIVATIVE", "KINETIC":
		p.advance()
		n := p.ident()
		b := p.block(n.Name)
		b.Pos = t.pos
		if t.text == "DERIVATIVE" {
			p.m.Derivs[n.Name] = b
		} else {
			p.m.Kinetics[n.Name] = b
		}
	case "PROCEDURE", "FUNCTION":
		p.advance()
		p.proc(t)
	case "LOCAL": // a module-level variable: an ASSIGNED one for einetc
		p.advance()
		for _, n := range p.names() {
			p.m.Assigned = append(p.m.Assigned, &Decl{Pos: n.Pos, Name: n.Name})
		}
	case "DEFINE":
		p.fail(t.pos, "DEFINE (a macro) is not supported: declare the value as a PARAMETER")
	default:
		if msg, ok := unsupported[t.text]; ok {
			p.errs.Add(t.pos, "%s", msg)
			if t.text == "FUNCTION_TABLE" { // a declaration without a body
				p.skipStmt()
				return
			}
			p.skipBlock()
			return
		}
		p.fail(t.pos, "syntax error: unexpected %s at top level", t)
	}
}

// recoverTop skips to the next token that starts a line at column 1 after
// the failed block, a keyword of the top level.
func (p *parser) recoverTop() {
	p.advance()
	for t := p.tok(); t.kind != tEOF; t = p.tok() {
		if t.kind == tIdent && t.pos.Column == 1 && isTopKeyword(t.text) {
			return
		}
		p.advance()
	}
}

func isTopKeyword(s string) bool {
	switch s {
	case "NEURON", "UNITS", "PARAMETER", "ASSIGNED", "STATE", "CONSTANT", "INDEPENDENT", "BREAKPOINT",
		"INITIAL", "DERIVATIVE", "KINETIC", "PROCEDURE", "FUNCTION", "UNITSOFF", "UNITSON", "DEFINE", "LOCAL", "TITLE", "COMMENT":
		return true
	}
	_, ok := unsupported[s]
	return ok
}

func (p *parser) neuronBlock() {
	p.expect("{")
	for !p.is("}") {
		t := p.tok()
		if t.kind == tEOF {
			p.fail(t.pos, "syntax error: NEURON block not closed")
		}
		if t.kind == tVerbatim {
			p.errs.Add(t.pos, "VERBATIM (C code) is not supported: einetc cannot translate C")
			p.advance()
			continue
		}
		p.advance()
		switch t.text {
		case "SUFFIX":
			p.m.Suffix = p.ident()
		case "POINT_PROCESS", "ARTIFICIAL_CELL":
			p.errs.Add(t.pos, "%s %s is not supported: einetc imports density mechanisms (SUFFIX)", t.text, p.ident().Name)
		case "USEION":
			p.useion(t.pos)
		case "NONSPECIFIC_CURRENT":
			p.m.Nonspecific = append(p.m.Nonspecific, p.names()...)
		case "RANGE", "GLOBAL":
			p.names()
		case "THREADSAFE":
		case "POINTER", "BBCOREPOINTER":
			p.m.Refused = append(p.m.Refused, p.names()...)
			p.errs.Add(t.pos, "%s is not supported: einetc mechanisms read only their own variables, v and ions", t.text)
		case "ELECTRODE_CURRENT":
			p.names()
			p.errs.Add(t.pos, "ELECTRODE_CURRENT is not supported")
		case "EXTERNAL":
			p.m.Refused = append(p.m.Refused, p.names()...)
			p.errs.Add(t.pos, "EXTERNAL is not supported")
		default:
			p.fail(t.pos, "syntax error: unexpected %s in NEURON block", t)
		}
	}
	p.advance()
}

func (p *parser) names() []*Name {
	ns := []*Name{p.ident()}
	for p.is(",") {
		p.advance()
		ns = append(ns, p.ident())
	}
	return ns
}

func (p *parser) useion(pos dsl.Pos) {
	u := &UseIon{Pos: pos, Ion: p.ident().Name}
	for {
		switch {
		case p.is("READ"):
			p.advance()
			u.Read = append(u.Read, p.names()...)
		case p.is("WRITE"):
			p.advance()
			u.Write = append(u.Write, p.names()...)
		case p.is("VALENCE"):
			p.advance()
			if p.is("-") || p.is("+") {
				p.advance()
			}
			if p.tok().kind != tNumber {
				p.fail(p.tok().pos, "syntax error: expected the valence, found %s", p.tok())
			}
			p.advance()
		default:
			p.m.Ions = append(p.m.Ions, u)
			return
		}
	}
}

// unit reads "( … )" as its raw text.
func (p *parser) unit() (string, dsl.Pos) {
	open := p.expect("(")
	depth := 1
	for {
		t := p.tok()
		switch {
		case t.kind == tEOF || t.text == "{" || t.text == "}":
			p.fail(open.pos, "syntax error: unit not closed")
		case t.text == "(":
			depth++
		case t.text == ")":
			depth--
		}
		p.advance()
		if depth == 0 {
			return strings.Join(strings.Fields(p.src[open.end:t.pos.Offset]), ""), open.pos
		}
	}
}

func (p *parser) unitsBlock() {
	p.expect("{")
	for !p.is("}") {
		switch {
		case p.is("("):
			p.unit()
			p.expect("=")
			p.unit()
		case p.tok().kind == tIdent:
			n := p.ident()
			p.expect("=")
			d := &Decl{Pos: n.Pos, Name: n.Name}
			if p.is("(") {
				d.Value, _ = p.unit() // (faraday): a physical constant by name
			} else {
				d.Value = p.signedNumber()
			}
			if p.is("(") {
				d.Unit, _ = p.unit()
			}
			p.m.UnitDefs[n.Name] = d
		default:
			p.fail(p.tok().pos, "syntax error: unexpected %s in UNITS block", p.tok())
		}
	}
	p.advance()
}

func (p *parser) signedNumber() string {
	s := ""
	if p.is("-") || p.is("+") {
		s = p.advance().text
	}
	t := p.tok()
	if t.kind != tNumber {
		p.fail(t.pos, "syntax error: expected a number, found %s", t)
	}
	p.advance()
	if s == "-" {
		return "-" + t.text
	}
	return t.text
}

func (p *parser) declBlock(kind string) {
	p.expect("{")
	for !p.is("}") {
		if p.tok().kind == tEOF {
			p.fail(p.tok().pos, "syntax error: %s block not closed", kind)
		}
		if p.is("UNITSOFF") || p.is("UNITSON") {
			p.advance()
			continue
		}
		n := p.ident()
		d := &Decl{Pos: n.Pos, Name: n.Name}
		if p.is("[") {
			p.errs.Add(p.tok().pos, "array %s is not supported: einetc has no array variables", n.Name)
			p.advance()
			for !p.is("]") && p.tok().kind != tEOF {
				p.advance()
			}
			p.expect("]")
		}
		if p.is("=") {
			p.advance()
			d.Value = p.signedNumber()
		}
		if p.is("(") {
			d.Unit, _ = p.unit()
		}
		if p.is("FROM") { // STATE { m FROM 0 TO 1 }
			p.advance()
			p.signedNumber()
			p.expect("TO")
			p.signedNumber()
		}
		if p.is("<") { // bounds <lo, hi>
			p.advance()
			p.signedNumber()
			p.expect(",")
			p.signedNumber()
			p.expect(">")
		}
		switch kind {
		case "PARAMETER":
			p.m.Params = append(p.m.Params, d)
		case "STATE":
			p.m.States = append(p.m.States, d)
		case "ASSIGNED":
			p.m.Assigned = append(p.m.Assigned, d)
		case "CONSTANT":
			p.m.Constants = append(p.m.Constants, d)
		}
	}
	p.advance()
}

func (p *parser) proc(kw token) {
	n := p.ident()
	pr := &Proc{Pos: kw.pos, Name: n.Name, IsFunc: kw.text == "FUNCTION"}
	p.expect("(")
	for !p.is(")") {
		pr.Params = append(pr.Params, p.ident())
		if p.is("(") {
			p.unit()
		}
		if !p.is(")") {
			p.expect(",")
		}
	}
	p.advance()
	if p.is("(") {
		p.unit()
	}
	pr.Body = p.block(n.Name)
	if pr.IsFunc {
		p.m.Funcs[n.Name] = pr
		p.m.FuncOrder = append(p.m.FuncOrder, n.Name)
	} else {
		p.m.Procs[n.Name] = pr
	}
}

func (p *parser) block(name string) *Block {
	b := &Block{Pos: p.tok().pos, Name: name}
	p.expect("{")
	for !p.is("}") {
		if p.tok().kind == tEOF {
			p.fail(b.Pos, "syntax error: block not closed")
		}
		if s := p.stmt(); s != nil {
			b.Stmts = append(b.Stmts, s)
		}
	}
	p.advance()
	return b
}

func (p *parser) stmt() *Stmt {
	t := p.tok()
	if t.kind == tVerbatim {
		p.advance()
		p.errs.Add(t.pos, "VERBATIM (C code) is not supported: einetc cannot translate C")
		return nil
	}
	if t.kind == tPunct {
		switch t.text {
		case "~":
			return p.reaction()
		case "{":
			p.errs.Add(t.pos, "a nested block is not supported")
			p.skipBlock()
			return nil
		}
		p.fail(t.pos, "syntax error: unexpected %s", t)
	}
	if t.kind != tIdent {
		p.fail(t.pos, "syntax error: unexpected %s", t)
	}
	switch t.text {
	case "UNITSOFF", "UNITSON":
		p.advance()
		return nil
	case "LOCAL":
		p.advance()
		return &Stmt{Kind: SLocal, Pos: t.pos, Names: p.names()}
	case "if":
		return p.ifStmt()
	case "SOLVE":
		p.advance()
		s := &Stmt{Kind: SSolve, Pos: t.pos, Target: p.ident()}
		if p.is("METHOD") {
			p.advance()
			s.Method = p.ident()
		} else if p.is("STEADYSTATE") {
			p.errs.Add(p.tok().pos, "SOLVE … STEADYSTATE is not supported")
			p.advance()
			p.ident()
		}
		return s
	case "TABLE":
		return p.table()
	case "CONSERVE":
		p.advance()
		s := &Stmt{Kind: SConserve, Pos: t.pos}
		p.expr()
		p.expect("=")
		p.expr()
		return s
	case "WATCH", "while", "FROM", "for", "return", "LAG", "SENS", "COMPARTMENT", "LONGITUDINAL_DIFFUSION", "MATCH", "FOR_NETCONS", "printf":
		p.errs.Add(t.pos, "%s is not supported", t.text)
		p.skipStmt()
		return nil
	}
	if p.peek().text == "(" {
		e := p.primary()
		if !p.is("}") && p.tok().pos.Line == t.pos.Line && p.tok().kind == tPunct {
			p.fail(p.tok().pos, "syntax error: unexpected %s after a call", p.tok())
		}
		return &Stmt{Kind: SCall, Pos: t.pos, X: e}
	}
	n := p.ident()
	s := &Stmt{Kind: SAssign, Pos: t.pos, Target: n}
	if p.is("[") {
		p.fail(p.tok().pos, "array %s is not supported: einetc has no array variables", n.Name)
	}
	if p.is("'") {
		p.advance()
		s.Deriv = true
	}
	p.expect("=")
	s.X = p.expr()
	return s
}

// skipStmt skips an unsupported statement: through its block if it has one,
// else to the end of its line.
func (p *parser) skipStmt() {
	line := p.tok().pos.Line
	p.advance()
	for t := p.tok(); t.kind != tEOF && t.text != "}"; t = p.tok() {
		if t.text == "{" {
			p.skipBlock()
			return
		}
		if t.pos.Line != line {
			return
		}
		p.advance()
	}
}

func (p *parser) table() *Stmt {
	t := p.advance()
	s := &Stmt{Kind: STable, Pos: t.pos}
	if p.tok().kind == tIdent && !p.is("DEPEND") && !p.is("FROM") {
		s.Names = p.names()
	}
	if p.is("DEPEND") {
		p.advance()
		p.names()
	}
	p.expect("FROM")
	s.X = p.expr()
	p.expect("TO")
	s.Y = p.expr()
	p.expect("WITH")
	s.With = p.expr()
	p.m.Tables = append(p.m.Tables, s)
	return s
}

func (p *parser) ifStmt() *Stmt {
	t := p.advance()
	s := &Stmt{Kind: SIf, Pos: t.pos}
	p.expect("(")
	s.X = p.expr()
	p.expect(")")
	s.Then = p.block("if")
	if p.is("else") {
		p.advance()
		if p.is("if") {
			e := p.ifStmt()
			s.Else = &Block{Pos: e.Pos, Stmts: []*Stmt{e}}
		} else {
			s.Else = p.block("else")
		}
	}
	return s
}

// reaction reads `~ A <-> B (kf, kb)`; `~ A + B <-> …` and `~ 2A …` are
// kept as several names or refused by the translator.
func (p *parser) reaction() *Stmt {
	t := p.advance()
	s := &Stmt{Kind: SReaction, Pos: t.pos}
	side := func() []*Name {
		var ns []*Name
		for {
			if p.tok().kind == tNumber {
				p.errs.Add(p.tok().pos, "a reaction with a stoichiometric coefficient is not first order: only first-order KINETIC schemes are translated")
				p.advance()
			}
			ns = append(ns, p.ident())
			if !p.is("+") {
				return ns
			}
			p.advance()
		}
	}
	s.Lhs = side()
	if p.is("<<") {
		p.fail(p.tok().pos, "a flux reaction (~ x << …) is not supported: only first-order KINETIC schemes are translated")
	}
	p.expect("<->")
	s.Rhs = side()
	p.expect("(")
	s.X = p.expr()
	p.expect(",")
	s.Y = p.expr()
	p.expect(")")
	return s
}

// Expressions, loosest first: ||, &&, comparisons, + -, * /, unary, ^.

func (p *parser) expr() Expr { return p.binary(0) }

var levels = [][]string{{"||"}, {"&&"}, {"<", "<=", ">", ">=", "==", "!="}, {"+", "-"}, {"*", "/", "%"}}

func (p *parser) binary(level int) Expr {
	if level == len(levels) {
		return p.unary()
	}
	x := p.binary(level + 1)
	for {
		t := p.tok()
		if t.kind != tPunct || !contains(levels[level], t.text) {
			return x
		}
		p.advance()
		if t.text == "%" {
			p.errs.Add(t.pos, "the operator %% is not supported")
		}
		x = &Binary{Pos: t.pos, Op: t.text, X: x, Y: p.binary(level + 1)}
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func (p *parser) unary() Expr {
	t := p.tok()
	if t.kind == tPunct && (t.text == "-" || t.text == "+" || t.text == "!") {
		p.advance()
		return &Unary{Pos: t.pos, Op: t.text, X: p.unary()}
	}
	return p.power()
}

func (p *parser) power() Expr {
	x := p.primary()
	if p.is("^") {
		t := p.advance()
		return &Binary{Pos: t.pos, Op: "^", X: x, Y: p.unary()}
	}
	return x
}

func (p *parser) primary() Expr {
	t := p.tok()
	switch {
	case t.kind == tNumber:
		p.advance()
		if p.is("(") { // 1 (mV): the unit of a literal is informative
			p.unit()
		}
		return &Num{Pos: t.pos, Text: t.text}
	case t.kind == tIdent:
		p.advance()
		if p.is("(") {
			c := &Call{Pos: t.pos, Name: t.text}
			p.advance()
			for !p.is(")") {
				c.Args = append(c.Args, p.expr())
				if !p.is(")") {
					p.expect(",")
				}
			}
			p.advance()
			return c
		}
		if p.is("[") {
			p.fail(p.tok().pos, "array %s is not supported: einetc has no array variables", t.text)
		}
		return &Ref{Pos: t.pos, Name: t.text}
	case t.is("("):
		p.advance()
		x := p.expr()
		p.expect(")")
		return x
	}
	p.fail(t.pos, "syntax error: unexpected %s in an expression", t)
	return nil
}

func (t token) is(s string) bool { return t.kind == tPunct && t.text == s }
