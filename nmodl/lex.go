package nmodl

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/einetc/einetc/dsl"
)

// NMODL's lexical structure fights a generated parser: `:` and `?` start
// comments, COMMENT … ENDCOMMENT and VERBATIM … ENDVERBATIM swallow raw text,
// TITLE runs to the end of its line, and a parenthesis is a unit after a
// number or a declared name but a grouping in an expression. A hand-written
// lexer handles these directly and the parser reads a unit as the raw source
// between its parentheses (see parser.unit).

type kind int

const (
	tEOF kind = iota
	tIdent
	tNumber
	tString
	tPunct
	tVerbatim // a whole VERBATIM … ENDVERBATIM block
)

type token struct {
	kind kind
	text string
	pos  dsl.Pos
	end  int // byte offset just after the token
}

func (t token) String() string {
	switch t.kind {
	case tEOF:
		return "end of file"
	case tVerbatim:
		return "VERBATIM"
	}
	return fmt.Sprintf("%q", t.text)
}

type lexer struct {
	name string
	src  string
	off  int
	line int
	col  int
	errs *dsl.ErrorList
}

func (l *lexer) pos() dsl.Pos {
	return dsl.Pos{Filename: l.name, Offset: l.off, Line: l.line, Column: l.col}
}

func (l *lexer) peekRune() rune {
	if l.off >= len(l.src) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(l.src[l.off:])
	return r
}

func (l *lexer) next() rune {
	if l.off >= len(l.src) {
		return -1
	}
	r, n := utf8.DecodeRuneInString(l.src[l.off:])
	l.off += n
	if r == '\n' {
		l.line++
		l.col = 1
	} else {
		l.col++
	}
	return r
}

func (l *lexer) skipLine() {
	for r := l.peekRune(); r != -1 && r != '\n'; r = l.peekRune() {
		l.next()
	}
}

// skipUntilWord skips past the next occurrence of end.
func (l *lexer) skipUntilWord(end string) bool {
	i := strings.Index(l.src[l.off:], end)
	if i < 0 {
		for l.off < len(l.src) {
			l.next()
		}
		return false
	}
	stop := l.off + i + len(end)
	for l.off < stop {
		l.next()
	}
	return true
}

func lex(name, src string, errs *dsl.ErrorList) []token {
	l := &lexer{name: name, src: strings.TrimPrefix(src, "\uFEFF"), line: 1, col: 1, errs: errs}
	var toks []token
	for {
		r := l.peekRune()
		switch {
		case r == -1:
			toks = append(toks, token{kind: tEOF, pos: l.pos(), end: l.off})
			return toks
		case unicode.IsSpace(r):
			l.next()
		case r == ':' || r == '?':
			l.skipLine()
		case r == '/' && strings.HasPrefix(l.src[l.off:], "//"):
			l.skipLine()
		case unicode.IsLetter(r) || r == '_':
			toks = l.word(toks)
		case r >= '0' && r <= '9' || r == '.' && l.off+1 < len(l.src) && isDigit(l.src[l.off+1]):
			toks = append(toks, l.number())
		case r == '"':
			toks = append(toks, l.str())
		default:
			toks = append(toks, l.punct())
		}
	}
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func (l *lexer) word(toks []token) []token {
	p := l.pos()
	start := l.off
	for r := l.peekRune(); unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'; r = l.peekRune() {
		l.next()
	}
	w := l.src[start:l.off]
	switch w {
	case "COMMENT":
		if !l.skipUntilWord("ENDCOMMENT") {
			l.errs.Add(p, "COMMENT without ENDCOMMENT")
		}
		return toks
	case "TITLE":
		l.skipLine()
		return toks
	case "VERBATIM":
		if !l.skipUntilWord("ENDVERBATIM") {
			l.errs.Add(p, "VERBATIM without ENDVERBATIM")
		}
		return append(toks, token{kind: tVerbatim, text: w, pos: p, end: l.off})
	}
	return append(toks, token{kind: tIdent, text: w, pos: p, end: l.off})
}

func (l *lexer) number() token {
	p := l.pos()
	start := l.off
	digits := func() {
		for l.off < len(l.src) && isDigit(l.src[l.off]) {
			l.next()
		}
	}
	digits()
	if l.off < len(l.src) && l.src[l.off] == '.' {
		l.next()
		digits()
	}
	if l.off < len(l.src) && (l.src[l.off] == 'e' || l.src[l.off] == 'E') {
		save := *l
		l.next()
		if l.off < len(l.src) && (l.src[l.off] == '+' || l.src[l.off] == '-') {
			l.next()
		}
		if l.off < len(l.src) && isDigit(l.src[l.off]) {
			digits()
		} else {
			*l = save
		}
	}
	return token{kind: tNumber, text: l.src[start:l.off], pos: p, end: l.off}
}

func (l *lexer) str() token {
	p := l.pos()
	start := l.off
	l.next()
	for r := l.next(); r != '"'; r = l.next() {
		if r == -1 || r == '\n' {
			l.errs.Add(p, "unterminated string")
			break
		}
	}
	return token{kind: tString, text: l.src[start:l.off], pos: p, end: l.off}
}

var twoChar = []string{"<->", "<=", ">=", "==", "!=", "&&", "||", "->", "<<"}

func (l *lexer) punct() token {
	p := l.pos()
	for _, op := range twoChar {
		if strings.HasPrefix(l.src[l.off:], op) {
			for range op {
				l.next()
			}
			return token{kind: tPunct, text: op, pos: p, end: l.off}
		}
	}
	r := l.next()
	if !strings.ContainsRune("{}()[],=+-*/^<>!'~;@&|%", r) {
		l.errs.Add(p, "unexpected character %q", r)
	}
	return token{kind: tPunct, text: string(r), pos: p, end: l.off}
}
