// Package ir is einetc's intermediate representation: a flat, typed,
// ordered model (populations, projections, runtime parameters, records)
// that package codegen walks without looking back at the syntax tree, and
// the passes over it. Package check builds it from a parsed program. All
// values are float64 in einetc's internal units (ms, mV, pA, nS, pF, µm,
// mM; see package runtime/units).
//
// The IR types are in ir.go and expr.go; the queries and rewrites of
// expressions in deps.go, diff.go, subst.go, eval.go and simplify.go (the
// simplifying constructors Num, Add, Mul, NewBinary, NewCall, …, which the
// checker and every rewrite use); the rewrite helpers the passes share in
// rewrite.go; the passes one file each: solver.go (Lower: ODEs through a
// solver into update statements), hoist.go, cse.go, tables.go (Tabulate)
// and shallow.go; the printer in print.go. See docs/architecture.md.
package ir

import "github.com/einetc/einetc/dsl"

// Module is a checked model ready for code generation.
type Module struct {
	Name     string // network name
	Source   string // main file
	Dt       float64
	Duration float64
	Steps    int
	Seed     uint64
	Params   []*Param // every runtime parameter, in declaration order
	Pops     []*Population
	Groups   []*Group
	Projs    []*Projection
	Records  []*Record
	Neurons  int // total neurons, the sum of the population sizes

	// NetParams are the NETWORK's PARAMETERs (also in Params): plain numbers
	// that population sizes, group bounds and connection rules may be
	// computed from, so that a run can override the network's structure.
	NetParams []*Param
}

// Param is a runtime parameter: a named value the generated Params struct
// exposes, so a user can sweep it without recompiling. Value is in internal
// units.
type Param struct {
	Name      string // dotted path, e.g. "N.INa_TM1991.g_max", "I.weight"
	Value     float64
	Unit      string // internal unit, e.g. "nS/um2"
	ModelUnit string // the unit the model writes it in, e.g. "mS/cm2" ("" if none)
	Pos       dsl.Pos

	// The allowed range, in internal units (see Spec): -Inf and +Inf when
	// unbounded; Rule says what it follows from ("a time constant").
	Min, Max         float64
	MinOpen, MaxOpen bool
	Rule             string
	Integer          bool // whole numbers only: a network parameter used as a count
}

// StateKind tells integrated states from per-neuron constants.
type StateKind int

// The kinds of state.
const (
	Dynamic StateKind = iota // has an ODE
	Fixed                    // per-neuron value set at initialisation (external current)
)

// State is a per-neuron variable stored as one array per population (or per
// projection, for synaptic states).
type State struct {
	Name string // dotted path inside its owner: "v", "INa_TM1991.p", "g"
	Unit string
	Kind StateKind
	Init *Init
	Pos  dsl.Pos
}

// Local is a named intermediate value computed once per neuron and step.
type Local struct {
	Name  string
	Value Expr
	Pos   dsl.Pos
	// Table, when set, is the grid of a TABLE statement naming this
	// definition: with -tables (Tabulate) it is looked up in a table over
	// v on this grid rather than on the default one.
	Table *TableSpec

	deps   map[*State]bool // states Value reads, directly or through locals (memo)
	derivs map[*State]Expr // ∂Value/∂state: a constant or a local of its own (memo)
}

// InitKind selects how a state is initialised.
type InitKind int

// The initialisers.
const (
	InitExpr    InitKind = iota // Expr, evaluated per neuron (may read v and earlier states)
	InitUniform                 // uniform in [A, B)
	InitNormal                  // normal with mean A and standard deviation B
	InitSteady                  // steady state of a linear ODE at the initial v: -f(0)/J
	InitFile                    // one value per neuron from a CSV or NPY file
)

// Init describes the initial value of a state.
type Init struct {
	Kind InitKind
	Expr Expr // InitExpr
	A, B Expr // InitUniform, InitNormal; constant expressions
	File string
	Pos  dsl.Pos
}

// Stmt is one statement of a per-neuron update.
type Stmt struct {
	Local *Local // Let: compute a local
	State *State // Set: the new value of State (written after all statements)
	Value Expr
	Src   string // source citation: "net.ein:42: m' = ..."
	Table *Table // set when the local is looked up in a table over v (Tabulate)
}

// Solver names.
const (
	IndExpEuler = "ind_exp_euler"
	ExpEuler    = "exp_euler"
	Cnexp       = "cnexp"
	Euler       = "euler"
	RK2         = "rk2"
	RK4         = "rk4"
	// NeuronFixed is NEURON's fixed-step scheme: v by backward Euler, then
	// every other state by the exponential update with the new v.
	NeuronFixed = "neuron_fixed"
)

// SpikeRule is how a population detects spikes.
type SpikeRule struct {
	Crossing  bool // true: v_old <= θ <= v_new (braincell); false: v_new > θ (Brian2)
	Threshold *Param
	// PerNeuron, when set, is the threshold of each neuron (a Fixed state:
	// a neuron parameter drawn per neuron, threshold = above(v_th) with
	// v_th = normal(...)); Threshold is then nil.
	PerNeuron  *State
	Refractory *Param // nil when there is no refractory period
}

// PopKind tells neuron populations from spike sources.
type PopKind int

// The kinds of population.
const (
	NeuronPop  PopKind = iota
	PoissonPop         // independent Poisson spike trains
)

// Population is a homogeneous set of neurons of one type, stored as
// struct-of-arrays and updated by one fused loop.
type Population struct {
	Name     string
	Kind     PopKind
	Type     string // neuron type name, or "POISSON"
	Size     int    // with the parameters' own values (see SizeExpr)
	SizeExpr Expr   // the size from network parameters; nil when it is the constant Size
	Offset   int    // index of its first neuron in the network-wide numbering
	Solver   string
	States   []*State
	V        *State  // the membrane potential (nil for Poisson sources)
	PerStep  []*Stmt // values that read no state, computed once per step before the neuron loop
	Update   []*Stmt // per-neuron update after the synaptic phase
	Spike    SpikeRule
	// OnSpike runs, in order, for every neuron that spikes, right after the
	// spike test: the reset (v = reset) first, then the neuron's ON_SPIKE.
	// Its values read the states' new values, and each assignment sees the
	// ones before it.
	OnSpike []*Stmt
	// Hold replaces the new value of each of its states while the neuron
	// is refractory: by the old value (Value is the state itself: frozen)
	// or by Value computed from the values at the start of the step
	// (clamped).
	Hold     []*Stmt
	Rate     *Param   // Poisson rate (1/ms)
	Inputs   []*Input // constant currents, folded into the Fixed state I_ext
	IExt     *State   // the external current, nil when no INPUT targets this population
	Currents []*Current
	Pos      dsl.Pos
}

// Current is a membrane current of a population, kept for recording.
type Current struct {
	Name  string // "INa_TM1991.i"
	Value Expr   // total current (pA) of one neuron
	Pos   dsl.Pos
}

// Input is a constant current injected into a range of a population.
type Input struct {
	Lo, Hi  int    // population-relative range
	Group   *Group // the target group, nil for a whole population
	Current *Param
	Pos     dsl.Pos
}

// Group is a contiguous range of a population.
type Group struct {
	Name           string
	Pop            *Population
	Lo, Hi         int  // with the parameters' own values (see LoExpr, HiExpr)
	LoExpr, HiExpr Expr // the bounds from network parameters; nil when constant
	Pos            dsl.Pos
}

// Range is a contiguous range of neurons of one population.
type Range struct {
	Pop    *Population
	Lo, Hi int
	Name   string // group or population name
	Group  *Group // the group, nil for a whole population
}

// Len returns the number of neurons in r.
func (r Range) Len() int { return r.Hi - r.Lo }

// ConnectRule is a connectivity rule.
type ConnectRule struct {
	Kind    string  // fixed_outdegree, fixed_indegree, bernoulli, one_to_one, all_to_all, file
	N       int     // degree for fixed_*
	K       float64 // the degree as written: a count, or a fraction of the other side
	P       float64 // probability for bernoulli
	Replace bool    // sample targets (sources) with replacement: multapses allowed
	NoSelf  bool    // forbid i -> i when pre and post overlap
	File    string

	// The degree k as written and the probability, when they read network
	// parameters; nil otherwise.
	KExpr, PExpr Expr
}

// Projection connects a presynaptic range to a postsynaptic range through a
// synapse mechanism instantiated once per postsynaptic neuron.
type Projection struct {
	Name       string
	Pre        Range
	Post       Range
	Connect    ConnectRule
	Weight     *Param      // the weight of every connection; nil when Weights is set
	Weights    *PerSynapse // one weight per connection (nS or pA); nil when uniform
	Delay      *Param      // ms; the delivery delay is round(delay/dt) steps beyond the one-step latency; nil when Delays is set
	Delays     *PerSynapse // one delay per connection (ms); nil when uniform
	DelaySteps int
	Synapse    string
	States     []*State // synaptic states, one per postsynaptic neuron
	PerStep    []*Stmt  // values that read no state, computed once per step
	Update     []*Stmt  // decay, before delivery
	OnSpike    []*Stmt  // per delivered spike; reads Var "w"
	Output     string   // "COBA" or "CUBA"
	OutExpr    Expr     // the synaptic quantity the output reads (nS for COBA, pA for CUBA)
	E          *Param   // COBA reversal potential
	Pos        dsl.Pos
}

// PerSynapse is a value that differs from connection to connection: a
// projection's weight or delay drawn from a distribution, computed from the
// presynaptic and postsynaptic indices, or read from a file aligned row by
// row with file() connectivity. It is computed once, in New, and costs
// memory per connection (8 bytes for a weight, 4 for a delay).
type PerSynapse struct {
	// Expr is the value of one connection, in internal units. It reads Var
	// "i" (the presynaptic index, relative to the projection's pre range),
	// Var "j" (the postsynaptic index, relative to its post range) and Var
	// "r0", "r1", … (Draws). Nil when the values come from File.
	Expr  Expr
	Draws []Draw // the random numbers Expr reads, drawn in order for each connection
	File  string // one value per row of the connectivity file, in internal units
	Pos   dsl.Pos
}

// Draw is a random number drawn independently for every connection:
// uniform in [A, B) or normal with mean A and standard deviation B.
type Draw struct {
	Normal bool
	A, B   float64
}

// Record is something the run records.
type Record struct {
	Spikes bool
	Pop    *Population // nil for all populations when Spikes
	Proj   *Projection // non-nil for a synaptic state
	State  *State
	Lo, Hi int // relative to Pop (or Proj.Post)
	Name   string
	Pos    dsl.Pos
}

// NewHeldLocal returns a value computed once per step from the values at
// the start of the step and held through the solver's update, every stage
// of it (an ion's current, a Nernst potential: NEURON's ica and eca during
// its state update): derivatives, the exponential solvers' A and B, and
// the substitutions of Runge–Kutta stages and neuron_fixed's new v do not
// look through it, so it reads as a number to them. It reads states, so it
// is computed per neuron, and it is never tabulated. Its Value may be set
// later, before the module is lowered. DependsDeep looks through it.
func NewHeldLocal(name string, value Expr, pos dsl.Pos) *Local {
	return &Local{Name: name, Value: value, Pos: pos, deps: map[*State]bool{nil: true}}
}
