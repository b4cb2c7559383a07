package dsl

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// A Diagnostic is one problem found in a source file.
type Diagnostic struct {
	Pos Pos
	Msg string // lower case, no trailing period
}

// Error renders the diagnostic as file:line:col: message.
func (d *Diagnostic) Error() string { return d.Pos.String() + ": " + d.Msg }

// ErrorList is a list of diagnostics. The zero value is an empty list ready
// to use. It is modelled on go/scanner.ErrorList.
type ErrorList []*Diagnostic

// Add appends a diagnostic at pos with a formatted message.
//
// What a message quotes from the input is capped: each string argument
// (and error or Stringer) longer than MaxQuote bytes is cut to that length
// with an ellipsis, so that a 1 MB identifier gives a line of a few hundred
// bytes, not 1 MB.
func (l *ErrorList) Add(pos Pos, format string, args ...any) {
	for i, a := range args {
		switch a := a.(type) {
		case string:
			args[i] = Clip(a)
		case error:
			args[i] = Clip(a.Error())
		case fmt.Stringer:
			args[i] = Clip(a.String())
		}
	}
	*l = append(*l, &Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// MaxQuote is the most a diagnostic quotes of one piece of input, in bytes.
const MaxQuote = 256

// Clip returns s, or its first MaxQuote bytes (cut at a rune boundary)
// followed by "…" when it is longer.
func Clip(s string) string {
	if len(s) <= MaxQuote {
		return s
	}
	n := MaxQuote
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// Len returns the number of diagnostics.
func (l ErrorList) Len() int { return len(l) }

// Sort orders the list by position, then message.
func (l ErrorList) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos != b.Pos {
			return a.Pos.Before(b.Pos)
		}
		return a.Msg < b.Msg
	})
}

// RemoveDuplicates sorts the list and drops diagnostics that repeat an earlier
// one exactly (same position and message). A mechanism checked once per use
// reports each of its own errors only once this way.
func (l *ErrorList) RemoveDuplicates() {
	l.Sort()
	out := (*l)[:0]
	for i, d := range *l {
		if i > 0 && d.Pos == (*l)[i-1].Pos && d.Msg == (*l)[i-1].Msg {
			continue
		}
		out = append(out, d)
	}
	*l = out
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error returns the first diagnostic and how many more there are.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Print writes one diagnostic per line to w.
func (l ErrorList) Print(w io.Writer) {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.Error())
		b.WriteByte('\n')
	}
	io.WriteString(w, b.String())
}
