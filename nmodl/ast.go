package nmodl

import "github.com/einetc/einetc/dsl"

// Module is one parsed .mod file: the declarations and blocks of the subset
// einetc translates (docs/nmodl.md).
type Module struct {
	File        string
	Lines       []string // the source lines, for the comments that cite them
	Suffix      *Name
	Ions        []*UseIon
	Nonspecific []*Name
	Params      []*Decl
	States      []*Decl
	Assigned    []*Decl
	Constants   []*Decl
	UnitDefs    map[string]*Decl // UNITS { FARADAY = (faraday) (coulomb) }: the named constants
	Breakpoint  *Block
	Initial     *Block
	Derivs      map[string]*Block
	Kinetics    map[string]*Block
	Procs       map[string]*Proc
	Funcs       map[string]*Proc
	FuncOrder   []string
	Tables      []*Stmt // TABLE statements, accepted and computed exactly
	Refused     []*Name // POINTER and EXTERNAL names: reported once, where declared
}

// Name is an identifier with its position.
type Name struct {
	Pos  dsl.Pos
	Name string
}

// UseIon is `USEION x READ a, b WRITE c VALENCE z`.
type UseIon struct {
	Pos         dsl.Pos
	Ion         string
	Read, Write []*Name
}

// Decl is one name in PARAMETER, STATE, ASSIGNED or CONSTANT: `g = .1 (S/cm2) <0,1e9>`.
type Decl struct {
	Pos   dsl.Pos
	Name  string
	Value string // the literal as written, with its sign; "" when absent
	Unit  string // the unit text between its parentheses; "" when absent
}

// Block is a brace-delimited statement list.
type Block struct {
	Pos   dsl.Pos
	Name  string
	Stmts []*Stmt
}

// Proc is a PROCEDURE or FUNCTION.
type Proc struct {
	Pos    dsl.Pos
	Name   string
	Params []*Name
	Body   *Block
	IsFunc bool
}

// StmtKind tells statements apart.
type StmtKind int

// The statements of the subset.
const (
	SAssign   StmtKind = iota // Target = X, or Target' = X when Deriv
	SIf                       // if (X) Then else Else
	SCall                     // X (a call) as a statement
	SLocal                    // LOCAL Names
	SSolve                    // SOLVE Target METHOD Method
	STable                    // TABLE Names FROM X TO Y WITH With
	SReaction                 // ~ Lhs <-> Rhs (X, Y) in KINETIC
	SConserve                 // CONSERVE … (implied by the reactions)
)

// Stmt is one statement.
type Stmt struct {
	Kind     StmtKind
	Pos      dsl.Pos
	Target   *Name
	Deriv    bool
	X, Y     Expr
	Then     *Block
	Else     *Block
	Names    []*Name
	Method   *Name
	With     Expr    // TABLE … WITH n
	Lhs, Rhs []*Name // reaction sides (only single names; stoichiometry > 1 is refused)
}

// Expr is an NMODL expression.
type Expr interface{ at() dsl.Pos }

// Num is a number literal (a unit after it is informative and dropped).
type Num struct {
	Pos  dsl.Pos
	Text string
}

// Ref reads a name.
type Ref struct {
	Pos  dsl.Pos
	Name string
}

// Call calls a function or procedure.
type Call struct {
	Pos  dsl.Pos
	Name string
	Args []Expr
}

// Unary is op X.
type Unary struct {
	Pos dsl.Pos
	Op  string
	X   Expr
}

// Binary is X op Y; Pos is the operator's.
type Binary struct {
	Pos  dsl.Pos
	Op   string
	X, Y Expr
}

func (e *Num) at() dsl.Pos    { return e.Pos }
func (e *Ref) at() dsl.Pos    { return e.Pos }
func (e *Call) at() dsl.Pos   { return e.Pos }
func (e *Unary) at() dsl.Pos  { return e.Pos }
func (e *Binary) at() dsl.Pos { return e.X.at() }
