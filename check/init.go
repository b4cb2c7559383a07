package check

import (
	"path"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
	"github.com/einetc/einetc/runtime/units"
)

// initValue checks the initial value of a state with dimension d: a
// constant or per-neuron expression, uniform(a, b), normal(mu, sigma),
// steady, or file("values.npy").
func (c *checker) initValue(s *scope, e dsl.Expr, d units.Dim, target string) *ir.Init {
	if n, ok := e.(*dsl.Name); ok && n.Path.String() == "steady" {
		return &ir.Init{Kind: ir.InitSteady, Pos: n.Path.Pos}
	}
	if call, ok := e.(*dsl.Call); ok {
		switch call.Func.Name {
		case "steady":
			if len(call.Args) != 0 {
				c.arity(call.Pos, "steady", 0, len(call.Args))
				return nil
			}
			return &ir.Init{Kind: ir.InitSteady, Pos: call.Pos}
		case "uniform", "normal":
			return c.randomInit(s, call, d, target)
		case "file":
			if f, ok := c.fileArg(call, ".npy", ".csv"); ok {
				return &ir.Init{Kind: ir.InitFile, File: f, Pos: call.Pos}
			}
			return nil
		}
	}
	// Any other expression, a call to a function included.
	t := s.expr(e)
	if !t.ok {
		return nil
	}
	if t.dim != d {
		c.wantT(e.At(), "initial value of "+target, d, t)
		return nil
	}
	return &ir.Init{Kind: ir.InitExpr, Expr: t.e, Pos: e.At()}
}

func (c *checker) randomInit(s *scope, call *dsl.Call, d units.Dim, target string) *ir.Init {
	if len(call.Args) != 2 {
		c.arity(call.Pos, call.Func.Name, 2, len(call.Args))
		return nil
	}
	var vals [2]float64
	var exprs [2]ir.Expr
	ok := true
	for i, a := range call.Args {
		t := s.expr(a)
		if !t.ok {
			ok = false
			continue
		}
		if t.dim != d {
			c.wantT(a.At(), "argument of "+call.Func.Name+" for "+target, d, t)
			ok = false
			continue
		}
		v, isConst := ir.ConstValue(t.e)
		if !isConst {
			c.errs.Add(a.At(), "arguments of %s must be constants", call.Func.Name)
			ok = false
			continue
		}
		vals[i], exprs[i] = v, t.e
	}
	if !ok {
		return nil
	}
	in := &ir.Init{Kind: ir.InitUniform, A: exprs[0], B: exprs[1], Pos: call.Pos}
	if call.Func.Name == "normal" {
		in.Kind = ir.InitNormal
		if vals[1] < 0 {
			c.errs.Add(call.Args[1].At(), "standard deviation of normal must not be negative")
			return nil
		}
	} else if vals[0] > vals[1] {
		c.errs.Add(call.Pos, "uniform(a, b) needs a <= b")
		return nil
	}
	return in
}

// fileArg checks file("name.ext") and returns the name.
func (c *checker) fileArg(call *dsl.Call, exts ...string) (string, bool) {
	if len(call.Args) != 1 {
		c.arity(call.Pos, "file", 1, len(call.Args))
		return "", false
	}
	str, ok := call.Args[0].(*dsl.String)
	if !ok {
		c.errs.Add(call.Args[0].At(), "file(...) takes a file name in double quotes")
		return "", false
	}
	if r, bad := badFileRune(str.Value); bad {
		c.errs.Add(str.Pos, "file %q: a data file name may hold letters, digits, space and . _ - + / only, not %q", str.Value, r)
		return "", false
	}
	clean := path.Clean(strings.ReplaceAll(str.Value, "\\", "/"))
	if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") || filepath.IsAbs(str.Value) {
		c.errs.Add(str.Pos, "file %q: data files must be inside the model's directory (a relative path without ..)", str.Value)
		return "", false
	}
	for _, ext := range exts {
		if strings.HasSuffix(strings.ToLower(str.Value), ext) {
			return clean, true
		}
	}
	c.errs.Add(str.Pos, "file %q: the file name must end in %s", str.Value, strings.Join(exts, " or "))
	return "", false
}

// badFileRune returns the first character of a data file name that einetc
// does not accept: file names reach the generated Go as string literals and
// the operating system as paths, so a backtick, quote, newline, NUL or other
// control or punctuation character is refused at check time, with its
// position, rather than failing at run time without one.
func badFileRune(name string) (rune, bool) {
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		case strings.ContainsRune(" ._-+/", r):
		default:
			return r, true
		}
	}
	return 0, false
}
