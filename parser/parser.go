// Package parser turns .ein source text into the syntax tree of package dsl,
// and loads a main file together with its imports.
package parser

import (
	"errors"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"

	"github.com/einetc/einetc/dsl"
)

// Parse parses one source file. A syntax error is returned as a one-element
// list (participle stops at the first error); the checker in package ir finds
// all the other kinds of error in one run.
func Parse(filename string, src []byte) (*dsl.File, dsl.ErrorList) {
	g, err := grammar.ParseBytes(filename, src)
	if err != nil {
		var errs dsl.ErrorList
		var perr participle.Error
		if errors.As(err, &perr) {
			errs.Add(pos(perr.Position()), "syntax error: %s", perr.Message())
		} else {
			errs.Add(dsl.Pos{Filename: filename}, "syntax error: %v", err)
		}
		return nil, errs
	}
	return convertFile(filename, g), nil
}

func pos(p lexer.Position) dsl.Pos { return dsl.Pos(p) }
