// Package parser turns .ein source text into the syntax tree of package dsl,
// and loads a main file together with its imports.
package parser

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/einetc/einetc/dsl"
)

// Parse parses one source file. A syntax error is returned as a one-element
// list (participle stops at the first error); the checker in package ir finds
// all the other kinds of error in one run.
func Parse(filename string, src []byte) (*dsl.File, dsl.ErrorList) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF")) // a byte-order mark is not text
	if errs := checkShape(filename, src); len(errs) > 0 {
		return nil, errs
	}
	g, err := grammar.ParseBytes(filename, src)
	if err != nil {
		var errs dsl.ErrorList
		var perr participle.Error
		if errors.As(err, &perr) {
			errs.Add(pos(perr.Position()), "syntax error: %s", friendly(perr.Message()))
		} else {
			errs.Add(dsl.Pos{Filename: filename}, "syntax error: %v", err)
		}
		return nil, errs
	}
	return convertFile(filename, g), nil
}

func pos(p lexer.Position) dsl.Pos { return dsl.Pos(p) }

// friendly rewords the lexer's "invalid input text" errors.
func friendly(msg string) string {
	if strings.Contains(msg, `unexpected token "/*"`) {
		return "unterminated /* comment"
	}
	const prefix = "invalid input text "
	i := strings.Index(msg, prefix)
	if i < 0 {
		return msg
	}
	text, err := strconv.Unquote(msg[i+len(prefix):])
	if err != nil || text == "" {
		return msg
	}
	switch {
	case strings.HasPrefix(text, `"`):
		return "unterminated string"
	case strings.HasPrefix(text, "/*"):
		return "unterminated /* comment"
	}
	r, _ := utf8.DecodeRuneInString(text)
	return fmt.Sprintf("unexpected character %q", r)
}
