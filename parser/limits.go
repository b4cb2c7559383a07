package parser

import (
	"bytes"

	"github.com/alecthomas/participle/v2/lexer"

	"github.com/einetc/einetc/dsl"
)

// Bounds on the shape of an expression, checked on the tokens before the
// parser (which recurses once per level) runs: deeper nesting would make
// the parser and the checker recurse until the goroutine stack (1 GB) is
// exhausted, a crash rather than an error, and a longer chain would make the
// checker's expression trees as deep. No model needs a tenth of either.
const (
	maxNesting = 1000   // parentheses, unary operators, powers and ifs
	maxTerms   = 200000 // terms of a sum (or factors of a product) in one expression
)

// A level is an open parenthesis or if of an expression being scanned.
type level struct {
	paren   bool // a parenthesis (else an if, closed when its expression ends)
	ifCond  bool // the parenthesis of an if's condition
	chain   int  // unary operators and powers since the last other operator
	terms   int  // operands joined by +, -, comparisons and logic so far
	factors int  // operands joined by * and / since the last of those
}

// checkShape reports an expression nested more than maxNesting levels deep
// or with more than maxTerms terms. It follows the grammar loosely: its
// nesting counts every level the parser would enter, or more.
func checkShape(filename string, src []byte) dsl.ErrorList {
	lx, err := lex.Lex(filename, bytes.NewReader(src))
	if err != nil {
		return nil
	}
	s := &shape{stack: []level{{paren: true}}, depth: 1}
	sym := lex.Symbols()
	for {
		tok, err := lx.Next()
		if err != nil || tok.EOF() {
			return nil // the parser reports the lexical error
		}
		if tok.Type == sym["Whitespace"] || tok.Type == sym["Comment"] {
			continue
		}
		if msg := s.token(tok, sym); msg != "" {
			var errs dsl.ErrorList
			errs.Add(pos(tok.Pos), "%s", msg)
			return errs
		}
	}
}

type shape struct {
	stack   []level
	depth   int  // levels open plus their chains
	operand bool // the previous token ends an operand
	afterIf bool // the previous token is "if"
}

func (s *shape) top() *level { return &s.stack[len(s.stack)-1] }

// token takes one token and returns an error message if a bound is passed.
func (s *shape) token(tok lexer.Token, sym map[string]lexer.TokenType) string {
	wasOperand, afterIf := s.operand, s.afterIf
	s.operand, s.afterIf = false, false
	switch {
	case tok.Type == sym["Ident"] && tok.Value == "if":
		if wasOperand {
			s.endExpr()
		}
		s.afterIf = true
		return s.push(level{})
	case tok.Type == sym["Ident"] && tok.Value == "else":
		s.top().chain, s.depth = 0, s.depth-s.top().chain
	case tok.Type == sym["Ident"] || tok.Type == sym["Number"] || tok.Type == sym["String"]:
		if wasOperand {
			s.endExpr() // an operand after an operand starts a new expression
		}
		s.operand = true
	case tok.Value == "(":
		return s.push(level{paren: true, ifCond: afterIf})
	case tok.Value == ")":
		cond := s.closeParen()
		s.operand = !cond // an if's condition is followed by its operand
	case tok.Value == "," || tok.Value == ";" || tok.Value == "{" || tok.Value == "}" || tok.Value == "[" || tok.Value == "]" || tok.Value == ":" || tok.Value == "=" || tok.Value == "->" || len(tok.Value) == 2 && tok.Value[1] == '=' && tok.Value != "==" && tok.Value != "!=" && tok.Value != "<=" && tok.Value != ">=":
		s.endExpr()
	case tok.Value == "'":
		s.operand = wasOperand // m' is a name
	case !wasOperand || tok.Value == "^" || tok.Value == "**":
		// A unary operator, or a power: the parser recurses on its operand.
		s.top().chain++
		s.depth++
		if s.depth > maxNesting {
			return "expression nested more than 1000 levels deep (parentheses, unary operators, powers and ifs count)"
		}
	default: // a binary operator
		t := s.top()
		s.depth -= t.chain
		t.chain = 0
		if tok.Value == "*" || tok.Value == "/" {
			t.factors++
		} else {
			t.terms, t.factors = t.terms+1, 0
		}
		if t.terms >= maxTerms || t.factors >= maxTerms {
			return "expression of more than 200000 terms or factors; split it into DEFINEs"
		}
	}
	return ""
}

func (s *shape) push(l level) string {
	s.stack = append(s.stack, l)
	s.depth++
	if s.depth > maxNesting {
		return "expression nested more than 1000 levels deep (parentheses, unary operators, powers and ifs count)"
	}
	return ""
}

func (s *shape) pop() level {
	l := *s.top()
	s.depth -= 1 + l.chain
	s.stack = s.stack[:len(s.stack)-1]
	return l
}

// endExpr closes the ifs of the expression that ends here and resets its
// chain and terms.
func (s *shape) endExpr() {
	for !s.top().paren {
		s.pop()
	}
	t := s.top()
	s.depth -= t.chain
	t.chain, t.terms, t.factors = 0, 0, 0
}

// closeParen closes the innermost parenthesis (and the ifs inside it) and
// reports whether it held an if's condition.
func (s *shape) closeParen() bool {
	s.endExpr()
	if len(s.stack) == 1 {
		return false // unbalanced: the parser reports it
	}
	return s.pop().ifCond
}
