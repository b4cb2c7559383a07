package main

import (
	"flag"
	"io"
)

// newFlagSet returns the flag set of `einetc name`: it prints its errors
// and -help to stderr and returns them instead of exiting.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// errorsFlag defines -e, how many of a model's errors check, ir, compile
// and import print.
func errorsFlag(fs *flag.FlagSet) *int {
	return fs.Int("e", 10, "report at most this many errors (0: all)")
}

// modeFlags defines -tables, -stdmath and -f32, the code generation modes
// (driver.Options) of compile, run and sweep.
func modeFlags(fs *flag.FlagSet, tables, stdMath, f32 *bool) {
	fs.BoolVar(tables, "tables", false, "look up rate functions and gate factors in tables over v (faster, approximate; docs/performance.md gives the error)")
	fs.BoolVar(stdMath, "stdmath", false, "use package math's exp/expm1 (the reference) instead of the runtime's faster ones")
	fs.BoolVar(f32, "f32", false, "compute neuron updates in float32, eight or sixteen neurons per vector (faster, approximate; docs/simulation.md gives the error)")
}
