// Command einetc compiles spiking neural network models written in the
// einetc language (.ein files).
//
// Usage:
//
//	einetc check FILE.ein   check a model and report every error
//	einetc ir FILE.ein      print the checked, lowered model (the IR)
//	einetc compile [-o DIR] [-pkg NAME] [-check] FILE.ein
//	                        generate the model's Go package as FILE_ein.go
//	einetc run [flags] FILE.ein
//	                        compile, build (cached), simulate, and write spikes,
//	                        raster plots and a summary to out/<model>/
//	einetc sweep -grid 'NAME=VALUES [UNIT]' [flags] FILE.ein
//	                        build once, run every point of the grid (in
//	                        parallel, or as a Slurm job array), gather
//	                        sweep.csv and sweep.png/svg
//	einetc import [-o FILE.ein] [-report] FILE.mod
//	                        translate a NEURON .mod density mechanism into
//	                        a .ein channel (docs/nmodl.md)
//	einetc version          print the version, the module version and VCS
//	                        revision go build recorded, and the Go version
//
// Diagnostics are printed one per line as file:line:col: message, sorted by
// position; the exit status is 1 when there is any, 2 for usage errors.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/internal/driver"
	"github.com/einetc/einetc/ir"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: einetc <command> [flags] FILE.ein

commands:
  check    check a model and report every error
  ir       print the checked model in its intermediate form
  compile  generate the model's Go package (FILE_ein.go)
  run      simulate a model: spikes.csv, raster.png/svg, summary.json
  sweep    simulate a model over a grid of parameters and seeds: sweep.csv, sweep.png/svg
  import   translate a NEURON .mod channel into a .ein channel (FILE.ein)
  version  print the einetc version
`

// run is the whole command line tool; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "check", "ir":
		return checkCmd(cmd, rest, stdout, stderr)
	case "compile":
		return compileCmd(rest, stdout, stderr)
	case "run":
		return runCmd(rest, stdout, stderr)
	case "sweep":
		return sweepCmd(rest, stdout, stderr)
	case "import":
		return importCmd(rest, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, einetcBuild())
		return 0
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "einetc: unknown command %q\n%s", cmd, usage)
	return 2
}

func checkCmd(cmd string, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("einetc "+cmd, stderr)
	maxErrs := errorsFlag(fs)
	if err := parseArgs(fs, args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "usage: einetc %s [-e N] FILE.ein\n", cmd)
		return 2
	}
	mod, errs := compile(fs.Arg(0))
	if len(errs) > 0 {
		printErrors(stderr, errs, *maxErrs)
		return 1
	}
	if cmd == "ir" {
		ir.Print(stdout, mod)
	}
	return 0
}

// compile loads, parses and checks a model from disk (driver.Load).
func compile(path string) (*ir.Module, dsl.ErrorList) {
	m, errs := driver.Load(path)
	if len(errs) > 0 {
		return nil, errs
	}
	return m.Module, nil
}

func printErrors(w io.Writer, errs dsl.ErrorList, max int) {
	printSomeErrors(w, errs, max, "-e 0 shows all")
}

// printSomeErrors is printErrors with the hint, after the count of errors
// not shown, on how to see them.
func printSomeErrors(w io.Writer, errs dsl.ErrorList, max int, hint string) {
	shown := errs
	if max > 0 && len(errs) > max {
		shown = errs[:max]
	}
	shown.Print(w)
	if len(shown) < len(errs) {
		fmt.Fprintf(w, "too many errors (%d more; %s)\n", len(errs)-len(shown), hint)
	}
}

// failed reports the error that ended `einetc cmd` on src and returns exit
// status 1: a model's diagnostics, at most 10 of them (run and sweep have
// no -e flag: einetc check prints them all), or one line.
func failed(stderr io.Writer, cmd, src string, err error) int {
	var list errList
	if errors.As(err, &list) {
		printSomeErrors(stderr, list.errs, 10, "einetc check -e 0 "+src+" shows all")
	} else {
		fmt.Fprintf(stderr, "einetc %s: %v\n", cmd, err)
	}
	return 1
}

// parseArgs parses flags placed before or after the file name, as in
// `einetc compile net.ein -o gen` (the flag package stops at the first
// non-flag argument on its own).
func parseArgs(fs *flag.FlagSet, args []string) error {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return fs.Parse(append([]string{"--"}, files...))
}
