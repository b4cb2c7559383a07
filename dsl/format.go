package dsl

import "strings"

// FormatExpr renders e as source text with minimal parentheses, for source
// citations in the IR dump and in generated code.
func FormatExpr(e Expr) string {
	var b strings.Builder
	format(&b, e, 0)
	return b.String()
}

// The printers of expressions, this one of the syntax tree and ir.Format of
// the IR, share the rules below: the binding power of each operator, and how
// a binary or unary operation is written with minimal parentheses. They
// differ only in their leaves and in the spelling of a conditional.

// prec is the binding power of each binary operator.
var prec = map[string]int{
	"||": 1, "&&": 2, "<": 3, "<=": 3, ">": 3, ">=": 3, "==": 3, "!=": 3,
	"+": 4, "-": 4, "*": 5, "/": 5, "^": 7,
}

// unaryPrec is the binding power of a prefix operator: above products,
// below powers (-x^2 is -(x^2)).
const unaryPrec = 6

// WriteBinary writes the binary operation x op y into b for a context of
// binding power outer, with parentheses only where needed; x and y write
// the operands for the binding power given to them. ^ associates to the
// right, comparisons not at all (the grammar has no a < b < c: an operand
// that is a comparison is parenthesized), every other operator to the left.
func WriteBinary(b *strings.Builder, op string, outer int, x, y func(outer int)) {
	p := prec[op]
	Paren(b, p < outer, func() {
		left, right := p, p+1
		switch {
		case op == "^":
			left, right = p+1, p
		case p == prec["<"]:
			left = p + 1
		}
		x(left)
		b.WriteString(" " + op + " ")
		y(right)
	})
}

// WriteUnary writes the prefix operation op x into b for a context of
// binding power outer.
func WriteUnary(b *strings.Builder, op string, outer int, x func(outer int)) {
	Paren(b, outer > unaryPrec, func() { b.WriteString(op); x(unaryPrec) })
}

// WriteCall writes the call name(args...) into b; arg writes argument i.
func WriteCall(b *strings.Builder, name string, args int, arg func(i int)) {
	b.WriteString(name + "(")
	for i := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		arg(i)
	}
	b.WriteString(")")
}

// Paren calls f, between parentheses if need.
func Paren(b *strings.Builder, need bool, f func()) {
	if need {
		b.WriteString("(")
	}
	f()
	if need {
		b.WriteString(")")
	}
}

func format(b *strings.Builder, e Expr, outer int) {
	operand := func(e Expr) func(int) { return func(outer int) { format(b, e, outer) } }
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
		WriteCall(b, e.Func.Name, len(e.Args), func(i int) { format(b, e.Args[i], 0) })
	case *Unary:
		if _, nested := e.X.(*Unary); nested {
			// -(-x), not --x
			WriteUnary(b, e.Op, outer, func(int) { format(b, e.X, unaryPrec+1) })
			break
		}
		WriteUnary(b, e.Op, outer, operand(e.X))
	case *Binary:
		WriteBinary(b, e.Op, outer, operand(e.X), operand(e.Y))
	case *Cond:
		Paren(b, outer > 0, func() {
			b.WriteString("if (")
			format(b, e.Cond, 0)
			b.WriteString(") ")
			format(b, e.Then, 0)
			b.WriteString(" else ")
			format(b, e.Else, 0)
		})
	}
}
