package check

import (
	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/runtime/units"
)

// A binding is what a name means inside a mechanism, neuron or network.
type binding struct {
	dim  units.Dim
	expr ir.Expr // what a reference evaluates to
	pos  dsl.Pos // declaration, for "previous declaration" notes
	what string  // "parameter", "state", "definition", "built-in", ...
	text string  // unit as written at the declaration, for messages

	param   *ir.Param // set for parameters (overridable, settable)
	dynamic bool      // changes during the run, though not a state of this scope (an ion's concentration, current or Nernst potential)
	state   *ir.State // set for states (assignable in INITIAL/ON_SPIKE)

	define   *dsl.Define // lazily checked definition
	visiting bool
	failed   bool // the definition has an error (already reported)
}

// A userFunc is a checked FUNCTION, inlined at each call.
type userFunc struct {
	decl     *dsl.Func
	params   []units.Dim
	body     ir.Expr
	dim      units.Dim
	checked  bool
	visiting bool
	ok       bool
}

// scope resolves names for one mechanism instance, neuron or network.
type scope struct {
	c       *checker
	names   map[string]*binding
	funcs   map[string]*userFunc
	args    map[string]int // function parameters while checking a body
	argDim  []units.Dim
	locals  []*ir.Local // definitions in dependency order
	prefix  string      // prefix of local names, e.g. "INa_TM1991."
	allowW  bool        // ON_SPIKE: the weight w is readable
	synapse bool        // w is reserved for the weight
	wDim    units.Dim
	draws   *[]ir.Draw // a per-connection value: uniform and normal draw per connection
}

func newScope(c *checker, prefix string) *scope {
	return &scope{c: c, names: map[string]*binding{}, funcs: map[string]*userFunc{}, prefix: prefix}
}

// declare binds name, reporting a duplicate.
func (s *scope) declare(id dsl.Ident, b *binding) bool {
	if reserved(id.Name) || (s.synapse && id.Name == "w") {
		s.c.reservedName(id)
		return false
	}
	if prev, ok := s.names[id.Name]; ok {
		s.c.duplicate(id, prev.what, prev.pos)
		return false
	}
	if _, ok := s.funcs[id.Name]; ok {
		s.c.duplicate(id, "function", s.funcs[id.Name].decl.Pos)
		return false
	}
	b.pos = id.Pos
	s.names[id.Name] = b
	return true
}
