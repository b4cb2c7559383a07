package dsl

import "strings"

// FormatExpr renders e as source text with minimal parentheses, for source
// citations in the IR dump and in generated code.
func FormatExpr(e Expr) string {
	var b strings.Builder
	format(&b, e, 0)
	return b.String()
}

var prec = map[string]int{
	"||": 1, "&&": 2, "<": 3, "<=": 3, ">": 3, ">=": 3, "==": 3, "!=": 3,
	"+": 4, "-": 4, "*": 5, "/": 5, "^": 7,
}

func format(b *strings.Builder, e Expr, outer int) {
	switch e := e.(type) {
	case *Number:
		b.WriteString(e.Text)
		if e.Unit != nil {
			b.WriteString(" (" + e.Unit.Text + ")")
		}
	case *String:
		b.WriteString(`"` + strings.ReplaceAll(e.Value, `"`, `\"`) + `"`)
	case *Name:
		b.WriteString(e.Path.String())
	case *Call:
		b.WriteString(e.Func.Name + "(")
		for i, a := range e.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			format(b, a, 0)
		}
		b.WriteString(")")
	case *Unary:
		paren(b, outer > 6, func() { b.WriteString(e.Op); format(b, e.X, 6) })
	case *Binary:
		p := prec[e.Op]
		paren(b, p < outer, func() {
			left, right := p, p+1
			if e.Op == "^" {
				left, right = p+1, p
			}
			format(b, e.X, left)
			b.WriteString(" " + e.Op + " ")
			format(b, e.Y, right)
		})
	case *Cond:
		paren(b, outer > 0, func() {
			b.WriteString("if (")
			format(b, e.Cond, 0)
			b.WriteString(") ")
			format(b, e.Then, 0)
			b.WriteString(" else ")
			format(b, e.Else, 0)
		})
	}
}

func paren(b *strings.Builder, need bool, f func()) {
	if need {
		b.WriteString("(")
	}
	f()
	if need {
		b.WriteString(")")
	}
}
