package dsl

import (
	"fmt"
	"io"
	"sort"
	"strings"
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
func (l *ErrorList) Add(pos Pos, format string, args ...any) {
	*l = append(*l, &Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...)})
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
