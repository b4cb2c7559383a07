package dsl

// Expr is an expression node. The set of implementations is closed.
type Expr interface {
	At() Pos
	exprNode()
}

// Number is a numeric literal with an optional unit: 100 (mS/cm2).
type Number struct {
	Pos  Pos
	Text string // the literal as written, for exact unit conversion
	Unit *Unit
}

// String is a string literal (file names).
type String struct {
	Pos   Pos
	Value string
}

// Name is a reference to a named value, possibly dotted (INa.p).
type Name struct {
	Path Path
}

// Call is f(args).
type Call struct {
	Pos  Pos
	Func Ident
	Args []Expr
}

// Unary is op X with op one of - + !.
type Unary struct {
	Pos Pos
	Op  string
	X   Expr
}

// Binary is X op Y.
type Binary struct {
	Pos  Pos
	Op   string
	X, Y Expr
}

// Cond is `if (c) a else b`.
type Cond struct {
	Pos              Pos
	Cond, Then, Else Expr
}

func (e *Number) At() Pos { return e.Pos }
func (e *String) At() Pos { return e.Pos }
func (e *Name) At() Pos   { return e.Path.Pos }
func (e *Call) At() Pos   { return e.Pos }
func (e *Unary) At() Pos  { return e.Pos }
func (e *Binary) At() Pos { return e.X.At() } // where the expression starts
func (e *Cond) At() Pos   { return e.Pos }

func (*Number) exprNode() {}
func (*String) exprNode() {}
func (*Name) exprNode()   {}
func (*Call) exprNode()   {}
func (*Unary) exprNode()  {}
func (*Binary) exprNode() {}
func (*Cond) exprNode()   {}
