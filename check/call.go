package check

import (
	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/runtime/units"
)

// builtinArity lists the built-in functions and their argument counts.
var builtinArity = map[string]int{
	"exp": 1, "expm1": 1, "exprel": 1, "log": 1, "sqrt": 1, "fabs": 1, "abs": 1,
	"tanh": 1, "pow": 2, "min": 2, "max": 2,
}

// contextCalls are calls that only make sense in one place.
var contextCalls = map[string]string{
	"uniform": "an initial value, a parameter override or a weight or delay", "normal": "an initial value, a parameter override or a weight or delay",
	"file":   "an initial value, a parameter override, a connect rule or a weight or delay",
	"steady": "an initial value", "crossing": "a threshold", "above": "a threshold",
	"fixed_outdegree": "a connect rule", "fixed_indegree": "a connect rule", "bernoulli": "a connect rule",
	"one_to_one": "a connect rule", "all_to_all": "a connect rule",
}

func (s *scope) call(e *dsl.Call) typed {
	name := e.Func.Name
	if f, ok := s.funcs[name]; ok {
		return s.userCall(e, f)
	}
	if s.draws != nil && (name == "uniform" || name == "normal") {
		return s.draw(e)
	}
	n, ok := builtinArity[name]
	if !ok {
		if where, ok := contextCalls[name]; ok {
			s.c.errs.Add(e.Pos, "%s(...) is only allowed as %s", name, where)
		} else {
			s.c.unknownFunc(e.Func, s)
		}
		return bad
	}
	if len(e.Args) != n {
		s.c.arity(e.Pos, name, n, len(e.Args))
		return bad
	}
	args := make([]typed, len(e.Args))
	for i, a := range e.Args {
		if args[i] = s.expr(a); !args[i].ok {
			return bad
		}
	}
	return s.builtin(e, name, args)
}

func (s *scope) builtin(e *dsl.Call, name string, args []typed) typed {
	x := args[0]
	switch name {
	case "exp", "expm1", "exprel", "log", "tanh":
		if !x.dim.IsDimensionless() {
			s.c.errs.Add(e.Pos, "argument of %s must be dimensionless, not %s", name, desc(x.dim))
			return bad
		}
		return good(ir.NewCall(name, x.e), dimless)
	case "sqrt":
		half, ok := halfDim(x.dim)
		if !ok {
			s.c.errs.Add(e.Pos, "sqrt of %s has no unit", desc(x.dim))
			return bad
		}
		return good(ir.NewCall("sqrt", x.e), half)
	case "fabs", "abs":
		return good(ir.NewCall("fabs", x.e), x.dim)
	case "pow":
		return s.power(e.Pos, x, args[1])
	}
	// min, max
	if x.dim != args[1].dim {
		s.c.errs.Add(e.Pos, "arguments of %s differ in units: %s and %s", name, desc(x.dim), desc(args[1].dim))
		return bad
	}
	return good(&ir.Call{Fn: name, Args: []ir.Expr{x.e, args[1].e}}, x.dim)
}

func halfDim(d units.Dim) (units.Dim, bool) {
	var h units.Dim
	for i, e := range d {
		if e%2 != 0 {
			return h, false
		}
		h[i] = e / 2
	}
	return h, true
}

// userCall checks the function on first use and inlines its body.
func (s *scope) userCall(e *dsl.Call, f *userFunc) typed {
	if !s.checkFunc(f) {
		return bad
	}
	if len(e.Args) != len(f.params) {
		s.c.arity(e.Pos, f.decl.Name.Name, len(f.params), len(e.Args))
		return bad
	}
	args := make([]ir.Expr, len(e.Args))
	ok := true
	for i, a := range e.Args {
		t := s.expr(a)
		if !t.ok {
			ok = false
			continue
		}
		if t.dim != f.params[i] {
			s.c.errs.Add(a.At(), "argument %d of %s must be in %s, not %s", i+1, f.decl.Name.Name, desc(f.params[i]), desc(t.dim))
			ok = false
		}
		args[i] = t.e
	}
	if !ok {
		return bad
	}
	body := inline(f.body, args)
	if n := s.c.treeSize(body); n > maxInlined {
		s.c.errs.Add(e.Pos, "call of %s expands to more than %d operations once functions are inlined (each call copies its function's body, and an argument once per use); compute shared values once with DEFINE", f.decl.Name.Name, maxInlined)
		return bad
	}
	return good(body, f.dim)
}

// maxInlined bounds the size of an expression after inlining: functions
// are copied into each call, so a chain of functions each calling the
// previous one twice (or g(g(g(v))) with g(x) = x + x) doubles it at every
// level. 65 536 operations is far beyond any rate function, and far below
// what the later passes and the Go compiler handle in a second.
const maxInlined = 1 << 16

// treeSize returns the number of operations in e counted as a tree (a
// shared subexpression once per use), at most maxInlined+1. Each node's
// size is remembered, so the cost is linear in the nodes of the DAG.
func (c *checker) treeSize(e ir.Expr) int {
	if n, ok := c.sizes[e]; ok {
		return n
	}
	n := 1
	switch e := e.(type) {
	case *ir.Call:
		for _, a := range e.Args {
			n += c.treeSize(a)
		}
	case *ir.Unary:
		n += c.treeSize(e.X)
	case *ir.Binary:
		n += c.treeSize(e.X) + c.treeSize(e.Y)
	case *ir.Cond:
		n += c.treeSize(e.C) + c.treeSize(e.T) + c.treeSize(e.E)
	default:
		return 1 // a leaf: not worth remembering
	}
	n = min(n, maxInlined+1)
	if c.sizes == nil {
		c.sizes = map[ir.Expr]int{}
	}
	c.sizes[e] = n
	return n
}

// checkFunc checks a function body once, with its parameters bound.
func (s *scope) checkFunc(f *userFunc) bool {
	if f.checked {
		return f.ok
	}
	if f.visiting {
		s.c.errs.Add(f.decl.Pos, "function %s calls itself; recursion is not allowed", f.decl.Name.Name)
		return false
	}
	f.visiting = true
	defer func() { f.visiting = false }()
	saveArgs, saveDims := s.args, s.argDim
	s.args, s.argDim = map[string]int{}, nil
	f.ok = true
	for i, p := range f.decl.Params {
		d := dimless
		if p.Unit != nil {
			u, ok := s.c.unit(p.Unit)
			f.ok = f.ok && ok
			d = u.Dim
		}
		if _, dup := s.args[p.Name.Name]; dup {
			s.c.duplicate(p.Name, "parameter", f.decl.Pos)
			f.ok = false
		}
		s.args[p.Name.Name] = i
		s.argDim = append(s.argDim, d)
		f.params = append(f.params, d)
	}
	t := s.expr(f.decl.Body)
	s.args, s.argDim = saveArgs, saveDims
	f.checked = true
	f.ok = f.ok && t.ok
	f.body, f.dim = t.e, t.dim
	return f.ok
}

// inline substitutes args for the function parameters of body.
func inline(body ir.Expr, args []ir.Expr) ir.Expr {
	switch e := body.(type) {
	case *ir.ArgRef:
		return args[e.I]
	case *ir.Call:
		out := make([]ir.Expr, len(e.Args))
		for i, a := range e.Args {
			out[i] = inline(a, args)
		}
		return ir.NewCall(e.Fn, out...)
	case *ir.Unary:
		if e.Op == "-" {
			return ir.Neg(inline(e.X, args))
		}
		return &ir.Unary{Op: e.Op, X: inline(e.X, args)}
	case *ir.Binary:
		return ir.NewBinary(e.Op, inline(e.X, args), inline(e.Y, args))
	case *ir.Cond:
		return &ir.Cond{C: inline(e.C, args), T: inline(e.T, args), E: inline(e.E, args)}
	}
	return body
}
