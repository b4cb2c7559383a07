package parser

import (
	"strings"
	"testing"
)

// TestDeepNesting checks the bounds on an expression's shape: 1000 levels
// of parentheses, unary operators, powers or ifs parse, and one more is a
// positioned error; so are 200 000 terms. Without the bound, 100 000
// parentheses took the parser seconds per 10 000 and then the goroutine
// stack (a crash, not an error).
func TestDeepNesting(t *testing.T) {
	// The expression sits at nesting 1 (the define itself), so n levels
	// of the construct reach n+1.
	for _, c := range []struct{ name, open, close string }{
		{"parens", "(", ")"},
		{"unary minus", "-", ""},
		{"not", "!", ""},
		{"mixed", "-(", ")"},
		{"power", "2^", ""},
		{"power **", "2**", ""},
		{"if", "if (v > 0 (mV)) 1 else ", ""},
		{"if in then", "if (v > 0 (mV)) ", " else 1"},
		{"call", "exp(", ")"},
	} {
		t.Run(c.name, func(t *testing.T) {
			levels := 999 // the define itself is level 1
			switch {
			case c.open == "-(":
				levels = 499 // two levels each
			case strings.HasPrefix(c.open, "if"):
				levels = 997 // the condition's parentheses nest two more
			}
			ok := define(strings.Repeat(c.open, levels) + "v" + strings.Repeat(c.close, levels))
			if _, errs := Parse("m.ein", []byte(ok)); errs != nil {
				t.Fatalf("%d levels refused: %v", levels, errs)
			}
			deep := define(strings.Repeat(c.open, 100000) + "v" + strings.Repeat(c.close, 100000))
			_, errs := Parse("m.ein", []byte(deep))
			if len(errs) != 1 || !strings.Contains(errs[0].Error(), "m.ein:2:") || !strings.Contains(errs[0].Msg, "nested more than 1000 levels") {
				t.Fatalf("want one positioned nesting error, got %v", errs)
			}
		})
	}
	for _, op := range []string{" + ", " * ", " < ", " && "} {
		long := define("v" + strings.Repeat(op+"v", maxTerms))
		_, errs := Parse("m.ein", []byte(long))
		if len(errs) != 1 || !strings.Contains(errs[0].Msg, "more than 200000 terms or factors") {
			t.Fatalf("want one error for %d operands joined by %q, got %v", maxTerms+1, op, errs)
		}
	}
	if testing.Short() {
		return
	}
	// Long and deep, but each expression within the bounds: statements
	// of 100 000 terms and 900 levels each.
	var b strings.Builder
	b.WriteString("CHANNEL D {\n")
	for i := range 1 {
		b.WriteString("  DEFINE x" + string(rune('a'+i)) + " = v" + strings.Repeat(" + 2 * v", maxTerms/2) + "\n")
		b.WriteString("  DEFINE y" + string(rune('a'+i)) + " = " + strings.Repeat("(", 900) + "v" + strings.Repeat(")", 900) + "\n")
	}
	b.WriteString("}\n")
	if _, errs := Parse("m.ein", []byte(b.String())); errs != nil {
		t.Fatalf("statements within the bounds refused: %v", errs)
	}
}

func define(e string) string {
	return "CHANNEL D {\n  DEFINE x = " + e + "\n}\n"
}
