// Package dsl holds the syntax of the einetc modelling language: source
// positions, diagnostics, the abstract syntax tree produced by package parser
// and the embedded standard library of mechanisms written in the language.
//
// It imports only the standard library, so that every later stage (ir,
// codegen, cmd/einetc) can share positions and diagnostics without depending
// on the parser implementation.
package dsl

import "fmt"

// Pos is a position in a source file. Line and Column are 1-based; Column
// counts runes, not bytes (the convention of the participle lexer). Its field
// layout matches participle's lexer.Position so the two convert directly.
type Pos struct {
	Filename string
	Offset   int
	Line     int
	Column   int
}

// IsValid reports whether p refers to a line in a file.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String renders p as file:line:col, the format of go vet and go build.
func (p Pos) String() string {
	switch {
	case !p.IsValid() && p.Filename == "":
		return "-"
	case !p.IsValid():
		return p.Filename
	case p.Filename == "":
		return fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	return fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Column)
}

// Before reports whether p sorts before q: by file name, then line, then column.
func (p Pos) Before(q Pos) bool {
	if p.Filename != q.Filename {
		return p.Filename < q.Filename
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Column < q.Column
}
