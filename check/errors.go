package check

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/runtime/units"
)

// All diagnostic wording of package ir lives in this file, one method per
// kind of error, so golden files change only when a message does.

// desc renders a dimension for a message: its spelling in internal units and
// the physical quantity, e.g. "mV (voltage)".
func desc(d units.Dim) string {
	if k := d.Kind(); k != "" {
		return d.String() + " (" + k + ")"
	}
	return d.String()
}

var opVerb = map[string]string{
	"+": "add", "-": "subtract", "<": "compare", "<=": "compare", ">": "compare",
	">=": "compare", "==": "compare", "!=": "compare",
}

func (c *checker) mismatch(at dsl.Pos, op string, tx, ty typed) {
	verb := opVerb[op]
	x, y := descT(tx), descT(ty)
	switch op {
	case "+":
		c.errs.Add(at, "cannot add %s and %s", x, y)
	case "-":
		c.errs.Add(at, "cannot subtract %s from %s", y, x)
	default:
		c.errs.Add(at, "cannot %s %s with %s", verb, x, y)
	}
}

func (c *checker) wantDim(at dsl.Pos, what string, want, got units.Dim) {
	c.errs.Add(at, "%s must be in %s, not %s", what, desc(want), desc(got))
}

// wantT is wantDim for a checked expression: a literal shows the unit as
// written, e.g. "not mS/cm2 (conductance density)".
func (c *checker) wantT(at dsl.Pos, what string, want units.Dim, t typed) {
	c.errs.Add(at, "%s must be in %s, not %s", what, desc(want), descT(t))
}

// wantParam reports an override of parameter p with the wrong dimension,
// naming the unit the model writes p in (mS/cm2), not the internal one.
func (c *checker) wantParam(at dsl.Pos, what string, p *ir.Param, want units.Dim, t typed) {
	if p.ModelUnit == "" {
		c.wantT(at, what, want, t)
		return
	}
	c.errs.Add(at, "%s must be in %s, not %s", what, descT(typed{dim: want, text: p.ModelUnit}), descT(t))
}

// descT describes the dimension of t, in the user's unit for a literal.
func descT(t typed) string {
	if t.text == "" || t.text == t.dim.String() {
		return desc(t.dim)
	}
	if k := t.dim.Kind(); k != "" {
		return t.text + " (" + k + ")"
	}
	return t.text
}

func (c *checker) reservedName(id dsl.Ident) {
	c.errs.Add(id.Pos, "%q is reserved and cannot be declared", id.Name)
}

func (c *checker) duplicate(id dsl.Ident, what string, prev dsl.Pos) {
	c.errs.Add(id.Pos, "%s redeclared (previous %s at %s)", id.Name, what, prev)
}

func (c *checker) arity(at dsl.Pos, fn string, want, got int) {
	c.errs.Add(at, "%s takes %d argument%s, got %d", fn, want, plural(want), got)
}

func (c *checker) unknownName(p dsl.Path, s *scope) {
	name := p.String()
	_, builtin := builtinArity[name]
	switch {
	case builtin:
		c.errs.Add(p.Pos, "%s is a function; call it as %s(...)", name, name)
	case name == "w" && s.synapse:
		c.errs.Add(p.Pos, "the weight w can only be read in ON_SPIKE")
	case ionHint(name) != "" && !s.synapse && len(p.Parts) == 1:
		c.errs.Add(p.Pos, "unknown name %s (to read %s, add USEION %s READ %s)", name, ionHint(name), ionOf(name), name)
	case len(name) > 1 && name[0] == 'e' && len(p.Parts) == 1 && s.names["e"+name[1:]] == nil && !s.synapse && strings.ToLower(name) == name && len(name) <= 4:
		c.errs.Add(p.Pos, "unknown name %s (to read the reversal potential of ion %s, add USEION %s)", name, name[1:], name[1:])
	default:
		c.errs.Add(p.Pos, "unknown name %s%s", name, c.suggest(name, keys(s.names)))
	}
}

func (c *checker) unknownFunc(id dsl.Ident, s *scope) {
	var known []string
	for k := range builtinArity {
		known = append(known, k)
	}
	known = append(known, keysF(s.funcs)...)
	c.errs.Add(id.Pos, "unknown function %s%s", id.Name, c.suggest(id.Name, known))
}

func (c *checker) unknownDecl(id dsl.Ident, what string, known []string) {
	if file, kw, ok := dsl.StdDefinition(id.Name); ok && stdKeyword[what] == kw {
		c.errs.Add(id.Pos, "unknown %s %s: %s defines it; add import %q", what, id.Name, file, file)
		return
	}
	c.errs.Add(id.Pos, "unknown %s %s%s", what, id.Name, c.suggest(id.Name, known))
}

// stdKeyword is the standard library's declaration keyword for each kind of
// name unknownDecl reports: a missing import of the file that declares it is
// then the likely mistake.
var stdKeyword = map[string]string{"channel": "CHANNEL", "synapse": "SYNAPSE", "neuron type": "NEURON"}

func (c *checker) unknownKey(id dsl.Ident, where string, known []string) {
	sort.Strings(known)
	c.errs.Add(id.Pos, "unknown property %s in %s (known: %s)", id.Name, where, strings.Join(known, ", "))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// maxSuggestions bounds how many diagnostics look for a close known name:
// each compares the name with every name known there, so 5 000 unknown
// names among 5 000 channels took 40 s. Ten are shown by default.
const maxSuggestions = 100

// suggest returns ` (did you mean "x"?)` when a known name is close to name.
func (c *checker) suggest(name string, known []string) string {
	key := name + "\x00" + strconv.Itoa(len(known)) // one answer per name and context
	if r, ok := c.suggested[key]; ok {
		return r
	}
	if c.suggested == nil {
		c.suggested = map[string]string{}
	}
	r := ""
	if len(c.suggested) < maxSuggestions {
		r = closest(name, known)
	}
	c.suggested[key] = r
	return r
}

func closest(name string, known []string) string {
	best, bestD := "", 3
	sort.Strings(known)
	for _, k := range known {
		if k == name || len(k) > len(name)+3 || len(name) > len(k)+3 {
			continue // equal, or too far apart in length to be close
		}
		d := editDistance(strings.ToLower(name), strings.ToLower(k))
		if strings.HasPrefix(strings.ToLower(k), strings.ToLower(name)) && len(name) >= 3 {
			d-- // a prefix of a longer name: "Expo" means Expon
		}
		if d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func keys(m map[string]*binding) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func keysF(m map[string]*userFunc) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// ionHint says what a name like cai or ica is, for the common ions.
func ionHint(name string) string {
	for _, ion := range []string{"na", "k", "ca", "cl"} {
		switch name {
		case ion + "i":
			return "ion " + ion + "'s inside concentration"
		case ion + "o":
			return "ion " + ion + "'s outside concentration"
		case "i" + ion:
			return "ion " + ion + "'s current"
		}
	}
	return ""
}

func ionOf(name string) string {
	for _, ion := range []string{"na", "k", "ca", "cl"} {
		if name == ion+"i" || name == ion+"o" || name == "i"+ion {
			return ion
		}
	}
	return ""
}
