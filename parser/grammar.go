package parser

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar is declared as participle struct tags on the g* types below.
// Keywords are matched as literal strings on Ident tokens (not a separate
// keyword token) so that "unexpected token" errors read naturally (STYLE P1);
// reserved words used as names are caught by the checker. Expressions are
// layered by precedence without left recursion (STYLE P5).

var lex = lexer.MustSimple([]lexer.SimpleRule{
	{Name: "Comment", Pattern: `//[^\n]*|/\*([^*]|\*+[^*/])*\*+/`},
	{Name: "Whitespace", Pattern: `[ \t\r\n]+`},
	{Name: "OpenComment", Pattern: `/\*`}, // only matches when the comment never closes
	{Name: "String", Pattern: `"(\\.|[^"\\\n])*"`},
	{Name: "Number", Pattern: `(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?`},
	{Name: "Ident", Pattern: `[\p{L}_][\p{L}\p{N}_]*`},
	{Name: "Punct", Pattern: `->|\+=|-=|\*=|/=|==|!=|<=|>=|&&|\|\||\*\*|[-+*/^(){}\[\]=<>!,:;.']`},
})

var grammar = participle.MustBuild[gFile](
	participle.Lexer(lex),
	participle.Elide("Comment", "Whitespace"),
	participle.Unquote("String"),
	participle.UseLookahead(2),
)

// EBNF returns the grammar of the language in participle's EBNF notation.
func EBNF() string { return grammar.String() }

type gFile struct {
	Items []*gItem `parser:"@@*"`
}

type gItem struct {
	Pos     lexer.Position
	Import  *gImport  `parser:"'import' @@"`
	Mech    *gMech    `parser:"| @@"`
	Neuron  *gNeuron  `parser:"| 'NEURON' @@"`
	Network *gNetwork `parser:"| 'NETWORK' @@"`
	Run     *gRun     `parser:"| 'RUN' @@"`
	Semi    bool      `parser:"| @';'"`
}

type gImport struct {
	Pos  lexer.Position
	Path string `parser:"@String"`
}

type name struct {
	Pos  lexer.Position
	Name string `parser:"@Ident"`
}

type gMech struct {
	Pos   lexer.Position
	Kind  string       `parser:"@('CHANNEL' | 'SYNAPSE')"`
	Name  *name        `parser:"@@"`
	Stmts []*gMechStmt `parser:"'{' @@* '}'"`
}

type gMechStmt struct {
	Pos     lexer.Position
	UseIon  *gUseIon    `parser:"'USEION' @@"`
	Params  *gBlock     `parser:"| 'PARAMETER' @@"`
	States  *gStates    `parser:"| 'STATE' @@"`
	Func    *gFunc      `parser:"| 'FUNCTION' @@"`
	Define  *gDefine    `parser:"| 'DEFINE' @@"`
	Current *gDefine    `parser:"| 'CURRENT' @@"`
	Output  *expression `parser:"| 'OUTPUT' '=' @@"`
	Initial *gAssigns   `parser:"| 'INITIAL' @@"`
	OnSpike *gAssigns   `parser:"| 'ON_SPIKE' @@"`
	Method  *name       `parser:"| 'METHOD' @@"`
	Table   *gTable     `parser:"| 'TABLE' @@"`
	ODE     *gODE       `parser:"| @@"`
	Semi    bool        `parser:"| @';'"`
}

// gTable is `TABLE minf, mtau FROM -100 (mV) TO 100 (mV) WITH 200`.
type gTable struct {
	Names []*name     `parser:"@@ (',' @@)*"`
	From  *expression `parser:"'FROM' @@"`
	To    *expression `parser:"'TO' @@"`
	With  *expression `parser:"'WITH' @@"`
}

// gUseIon is `USEION na, k` (reversal potentials only) or
// `USEION ca READ eca, cai WRITE ica`.
type gUseIon struct {
	Ions  []*name `parser:"@@ (',' @@)*"`
	Read  []*name `parser:"('READ' @@ (',' @@)*)?"`
	Write []*name `parser:"('WRITE' @@ (',' @@)*)?"`
}

type gBlock struct {
	Open  bool     `parser:"@'{'"`
	Props []*gProp `parser:"@@* '}'"`
}

type gStates struct {
	States []*gStateDecl `parser:"'{' @@* '}'"`
}

type gStateDecl struct {
	Name *name  `parser:"@@"`
	Unit *gUnit `parser:"@@?"`
	Semi bool   `parser:"@(';' | ',')?"`
}

type gUnit struct {
	Pos  lexer.Position
	Text string `parser:"'(' @(Ident | Number | '/' | '*' | '**' | '^' | '-' | '.')+ ')'"`
}

type gFunc struct {
	Pos    lexer.Position
	Name   *name         `parser:"@@"`
	Params []*gFuncParam `parser:"'(' (@@ (',' @@)*)? ')'"`
	Body   *expression   `parser:"'=' @@"`
}

type gFuncParam struct {
	Name *name  `parser:"@@"`
	Unit *gUnit `parser:"@@?"`
}

type gDefine struct {
	Pos   lexer.Position
	Name  *name       `parser:"@@ '='"`
	Value *expression `parser:"@@"`
}

type gODE struct {
	Pos   lexer.Position
	State *name       `parser:"@@ \"'\" '='"`
	RHS   *expression `parser:"@@"`
}

type gAssigns struct {
	Assigns []*gAssign `parser:"'{' @@* '}'"`
}

type gAssign struct {
	Pos    lexer.Position
	Target *gPath      `parser:"@@"`
	Op     string      `parser:"@('=' | '+=' | '-=' | '*=' | '/=')"`
	Value  *expression `parser:"@@"`
	Semi   bool        `parser:"@(';' | ',')?"`
}

type gPath struct {
	Pos   lexer.Position
	Parts []*name `parser:"@@ ('.' @@)*"`
}

type gProp struct {
	Pos   lexer.Position
	Key   *name       `parser:"@@ '='"`
	Value *expression `parser:"@@"`
	Block *gBlock     `parser:"@@?"`
	Semi  bool        `parser:"@(';' | ',')?"`
}

type gNeuron struct {
	Pos   lexer.Position
	Name  *name          `parser:"@@"`
	Stmts []*gNeuronStmt `parser:"'{' @@* '}'"`
}

type gNeuronStmt struct {
	Pos        lexer.Position
	Ion        *gIon     `parser:"'ION' @@"`
	Insert     *gInsert  `parser:"| 'INSERT' @@"`
	Initial    *gAssigns `parser:"| 'INITIAL' @@"`
	OnSpike    *gAssigns `parser:"| 'ON_SPIKE' @@"`
	Refractory *gHolds   `parser:"| 'REFRACTORY' @@"`
	Params     *gBlock   `parser:"| 'PARAMETER' @@"`
	States     *gStates  `parser:"| 'STATE' @@"`
	Func       *gFunc    `parser:"| 'FUNCTION' @@"`
	Define     *gDefine  `parser:"| 'DEFINE' @@"`
	Current    *gDefine  `parser:"| 'CURRENT' @@"`
	ODE        *gODE     `parser:"| @@"`
	Prop       *gProp    `parser:"| @@"`
	Semi       bool      `parser:"| @';'"`
}

type gHolds struct {
	Holds []*gHold `parser:"'{' @@* '}'"`
}

type gHold struct {
	Pos    lexer.Position
	Target *gPath      `parser:"@@"`
	Value  *expression `parser:"('=' @@)?"`
	Semi   bool        `parser:"@(';' | ',')?"`
}

type gIon struct {
	Pos   lexer.Position
	Name  *name   `parser:"@@"`
	Props *gBlock `parser:"@@"`
}

type gInsert struct {
	Pos   lexer.Position
	Mech  *name   `parser:"@@"`
	Alias *name   `parser:"('AS' @@)?"`
	Props *gBlock `parser:"@@?"`
}

type gNetwork struct {
	Pos   lexer.Position
	Name  *name       `parser:"@@"`
	Stmts []*gNetStmt `parser:"'{' @@* '}'"`
}

type gNetStmt struct {
	Pos   lexer.Position
	Pop   *gPop   `parser:"'POPULATION' @@"`
	Param *gBlock `parser:"| 'PARAMETER' @@"`
	Group *gGroup `parser:"| 'GROUP' @@"`
	Proj  *gProj  `parser:"| 'PROJECTION' @@"`
	Input *gInput `parser:"| 'INPUT' @@"`
	Semi  bool    `parser:"| @';'"`
}

type gPop struct {
	Pos   lexer.Position
	Name  *name       `parser:"@@ '='"`
	Type  *name       `parser:"@@"`
	Size  *expression `parser:"'[' @@ ']'"`
	Props *gBlock     `parser:"@@?"`
}

type gGroup struct {
	Pos  lexer.Position
	Name *name       `parser:"@@ '='"`
	Pop  *name       `parser:"@@"`
	Lo   *expression `parser:"'[' @@"`
	Hi   *expression `parser:"':' @@ ']'"`
}

type gProj struct {
	Pos   lexer.Position
	Name  *name        `parser:"(@@ ':')?"`
	Pre   *name        `parser:"@@ '->'"`
	Post  *name        `parser:"@@"`
	Stmts []*gProjStmt `parser:"'{' @@* '}'"`
}

type gProjStmt struct {
	Initial *gAssigns `parser:"'INITIAL' @@"`
	Prop    *gProp    `parser:"| @@"`
	Semi    bool      `parser:"| @';'"`
}

type gInput struct {
	Pos    lexer.Position
	Target *name   `parser:"@@"`
	Props  *gBlock `parser:"@@"`
}

type gRun struct {
	Pos   lexer.Position
	Name  *name       `parser:"@@?"`
	Stmts []*gRunStmt `parser:"'{' @@* '}'"`
}

type gRunStmt struct {
	Record *gRecord `parser:"'RECORD' @@"`
	Prop   *gProp   `parser:"| @@"`
	Semi   bool     `parser:"| @';'"`
}

type gRecord struct {
	Pos  lexer.Position
	Path *gPath      `parser:"@@"`
	Lo   *expression `parser:"('[' @@"`
	Hi   *expression `parser:"(':' @@)? ']')?"`
}

// Expressions, lowest precedence first.

type expression struct {
	Pos lexer.Position
	Or  *gOr `parser:"@@"`
}

type gIf struct {
	Pos  lexer.Position
	Cond *expression `parser:"'(' @@ ')'"`
	Then *expression `parser:"@@"`
	Else *expression `parser:"'else' @@"`
}

type gOr struct {
	Left *gAnd   `parser:"@@"`
	Rest []*gOrT `parser:"@@*"`
}

type gOrT struct {
	Pos   lexer.Position
	Op    string `parser:"@'||'"`
	Right *gAnd  `parser:"@@"`
}

type gAnd struct {
	Left *gCmp    `parser:"@@"`
	Rest []*gAndT `parser:"@@*"`
}

type gAndT struct {
	Pos   lexer.Position
	Op    string `parser:"@'&&'"`
	Right *gCmp  `parser:"@@"`
}

type gCmp struct {
	Left *gAdd  `parser:"@@"`
	Tail *gCmpT `parser:"@@?"`
}

type gCmpT struct {
	Pos   lexer.Position
	Op    string `parser:"@('<=' | '>=' | '==' | '!=' | '<' | '>')"`
	Right *gAdd  `parser:"@@"`
}

type gAdd struct {
	Left *gMul    `parser:"@@"`
	Rest []*gAddT `parser:"@@*"`
}

type gAddT struct {
	Pos   lexer.Position
	Op    string `parser:"@('+' | '-')"`
	Right *gMul  `parser:"@@"`
}

type gMul struct {
	Left *gUnary  `parser:"@@"`
	Rest []*gMulT `parser:"@@*"`
}

type gMulT struct {
	Pos   lexer.Position
	Op    string  `parser:"@('*' | '/')"`
	Right *gUnary `parser:"@@"`
}

type gUnary struct {
	Pos lexer.Position
	Op  string  `parser:"(  @('-' | '+' | '!')"`
	X   *gUnary `parser:"@@ )"`
	P   *gPow   `parser:"| @@"`
}

type gPow struct {
	Pos  lexer.Position
	Base *gPrimary `parser:"@@"`
	Op   string    `parser:"( @('^' | '**')"`
	Exp  *gUnary   `parser:"@@ )?"`
}

type gPrimary struct {
	Pos   lexer.Position
	If    *gIf        `parser:"'if' @@"`
	Num   *gNum       `parser:"| @@"`
	Str   *string     `parser:"| @String"`
	Named *gNamed     `parser:"| @@"`
	Sub   *expression `parser:"| '(' @@ ')'"`
}

type gNum struct {
	Pos  lexer.Position
	Text string `parser:"@Number"`
	Unit *gUnit `parser:"@@?"`
}

type gNamed struct {
	Pos  lexer.Position
	Path *gPath `parser:"@@"`
	Args *gArgs `parser:"@@?"`
}

type gArgs struct {
	Open bool          `parser:"@'('"`
	List []*expression `parser:"(@@ (',' @@)*)? ')'"`
}
