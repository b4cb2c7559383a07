package dsl

// File is one parsed .ein source file. Declarations keep their source order
// within each kind.
type File struct {
	Name       string // file name as given to the parser
	Imports    []*Import
	Mechanisms []*Mechanism
	Neurons    []*Neuron
	Networks   []*Network
	Runs       []*Run
}

// Program is a main file together with every file it imports, transitively,
// in dependency order: a file comes after all the files it imports, and the
// main file is last.
type Program struct {
	Files []*File
}

// Main returns the file the user compiled (the last one).
func (p *Program) Main() *File { return p.Files[len(p.Files)-1] }

// Ident is a name with its position.
type Ident struct {
	Pos  Pos
	Name string
}

// Import is `import "path"`.
type Import struct {
	Pos  Pos
	Path string
}

// MechKind tells channels from synapses.
type MechKind int

// The kinds of mechanism.
const (
	Channel MechKind = iota // CHANNEL: inserted into a neuron, contributes a membrane current
	Synapse                 // SYNAPSE: instantiated per projection on the postsynaptic side
)

func (k MechKind) String() string {
	if k == Synapse {
		return "SYNAPSE"
	}
	return "CHANNEL"
}

// Mechanism is a CHANNEL or SYNAPSE declaration.
type Mechanism struct {
	Pos      Pos
	Kind     MechKind
	Name     Ident
	Ions     []Ident   // USEION
	IonVars  []*IonVar // the READ and WRITE names of USEION x READ … WRITE …
	Params   []*Prop   // PARAMETER { name = default }
	States   []*StateDecl
	Funcs    []*Func
	Defines  []*Define
	ODEs     []*ODE
	Currents []*Current
	Initial  []*Assign // INITIAL { x = ... }
	OnSpike  []*Assign // ON_SPIKE { g += w }
	Outputs  []*Output // OUTPUT = expr (synapses)
	// Methods holds `METHOD implicit` (at most one is legal): under the
	// neuron_fixed solver the CHANNEL's states advance by backward Euler,
	// as NEURON's derivimplicit and sparse do (R14). None: the
	// exponential update.
	Methods []Ident
	Tables  []*TableDecl // TABLE a, b FROM lo TO hi WITH n
}

// TableDecl is `TABLE minf, mtau FROM -100 (mV) TO 100 (mV) WITH 200` in a
// CHANNEL: NMODL's TABLE. The named definitions are computed exactly; with
// -tables they are interpolated in tables over v from From to To in With
// intervals (R8).
type TableDecl struct {
	Pos      Pos
	Names    []Ident
	From, To Expr
	With     Expr
}

// IonVar is one name after READ or WRITE in `USEION ca READ ica WRITE cai`:
// a reversal potential (eca), a concentration (cai, cao) or the ion's
// current (ica).
type IonVar struct {
	Ion   string
	Name  Ident
	Write bool
}

// StateDecl declares one state variable, with an optional unit.
type StateDecl struct {
	Name Ident
	Unit *Unit
}

// Unit is a unit annotation such as (mS/cm2).
type Unit struct {
	Pos  Pos
	Text string
}

// Func is a pure function `FUNCTION f(a, b (mV)) = expr`.
type Func struct {
	Pos    Pos
	Name   Ident
	Params []*FuncParam
	Body   Expr
}

// FuncParam is one function parameter with an optional unit (dimensionless
// when absent).
type FuncParam struct {
	Name Ident
	Unit *Unit
}

// Define is `DEFINE name = expr`, a named intermediate value recomputed every
// step (NMODL's ASSIGNED, Brian2's subexpression).
type Define struct {
	Pos   Pos
	Name  Ident
	Value Expr
}

// ODE is `x' = expr`.
type ODE struct {
	Pos   Pos
	State Ident
	RHS   Expr
}

// Current is `CURRENT i = expr`: a membrane current, positive inward
// (depolarizing), braincell's convention.
type Current struct {
	Pos   Pos
	Name  Ident
	Value Expr
}

// Output is `OUTPUT = expr` in a synapse: the quantity the projection's output
// (COBA or CUBA) reads.
type Output struct {
	Pos   Pos
	Value Expr
}

// Assign is `target op value` with op one of = += -= *= /=.
type Assign struct {
	Pos    Pos
	Target Path
	Op     string
	Value  Expr
}

// Path is a dotted name such as INa_TM1991.p.
type Path struct {
	Pos   Pos
	Parts []Ident
}

// String joins the parts with dots.
func (p Path) String() string {
	s := ""
	for i, id := range p.Parts {
		if i > 0 {
			s += "."
		}
		s += id.Name
	}
	return s
}

// Prop is `key = value` with an optional override block, as in
// `synapse = Expon { tau = 5 (ms) }`.
type Prop struct {
	Pos      Pos
	Key      Ident
	Value    Expr
	HasBlock bool
	Block    []*Prop
}

// Neuron is a single-compartment neuron type.
type Neuron struct {
	Pos     Pos
	Name    Ident
	Props   []*Prop // area, cm, C, threshold, reset, refractory, solver, celsius
	Ions    []*IonDecl
	Inserts []*Insert
	Initial []*Assign
	// Own holds the neuron's own PARAMETER, STATE, FUNCTION, DEFINE,
	// CURRENT and ODE statements (v' = ... among them), as a CHANNEL named
	// after the neuron; it is nil when the neuron has none.
	Own        *Mechanism
	OnSpike    []*Assign // ON_SPIKE { w += b }: runs after each spike of the neuron
	Refractory []*Hold   // REFRACTORY { v  w = 0 (pA) }: states held while refractory
}

// Hold is one entry of a neuron's REFRACTORY block: the state Target is
// frozen (Value nil) or clamped at Value while the neuron is refractory.
type Hold struct {
	Pos    Pos
	Target Path
	Value  Expr
}

// IonDecl is `ION na { e = 50 (mV) }`.
type IonDecl struct {
	Pos   Pos
	Name  Ident
	Props []*Prop
}

// Insert is `INSERT Mech [AS alias] { overrides }`.
type Insert struct {
	Pos   Pos
	Mech  Ident
	Alias *Ident
	Props []*Prop
}

// Network is a NETWORK block.
type Network struct {
	Pos    Pos
	Name   Ident
	Pops   []*PopDecl
	Groups []*GroupDecl
	Projs  []*ProjDecl
	Inputs []*InputDecl
	Params []*Prop // PARAMETER { n_exc = 3200 }: numbers the structure may read
}

// PopDecl is `POPULATION N = HH[4000] { overrides }`.
type PopDecl struct {
	Pos   Pos
	Name  Ident
	Type  Ident
	Size  Expr
	Props []*Prop
}

// GroupDecl is `GROUP E = N[0:3200]`.
type GroupDecl struct {
	Pos    Pos
	Name   Ident
	Pop    Ident
	Lo, Hi Expr
}

// ProjDecl is `PROJECTION [name:] pre -> post { props INITIAL {...} }`.
type ProjDecl struct {
	Pos     Pos
	Name    *Ident
	Pre     Ident
	Post    Ident
	Props   []*Prop
	Initial []*Assign
}

// InputDecl is `INPUT target { current = 0.1 (nA) }`.
type InputDecl struct {
	Pos    Pos
	Target Ident
	Props  []*Prop
}

// Run is the RUN block.
type Run struct {
	Pos     Pos
	Name    *Ident
	Props   []*Prop
	Records []*Record
}

// Record is `RECORD spikes` or `RECORD E.v[0:10]`.
type Record struct {
	Pos    Pos
	Path   Path
	Lo, Hi Expr // nil when absent; Hi nil with Lo set means a single index
}
