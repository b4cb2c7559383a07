package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/einetc/einetc/internal/atomicfile"
	"github.com/einetc/einetc/nmodl"
	"github.com/einetc/einetc/parser"
)

// importCmd is `einetc import [-o FILE.ein] [-report] FILE.mod…`: it
// translates NEURON density mechanisms into .ein channels (docs/nmodl.md).
// With -report it prints, for each file, what translates and every reason
// what does not, and writes nothing.
func importCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("einetc import", stderr)
	out := fs.String("o", "", "output file (default: FILE.ein next to FILE.mod; - for standard output)")
	report := fs.Bool("report", false, "print a compatibility report for each file and write nothing")
	maxErrs := errorsFlag(fs)
	if err := parseArgs(fs, args); err != nil {
		return 2
	}
	if fs.NArg() == 0 || !*report && fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: einetc import [-o FILE.ein] FILE.mod\n       einetc import -report FILE.mod...")
		return 2
	}
	status := 0
	for _, path := range fs.Args() {
		// The same reading as a model's: regular files only, bounded.
		src, err := parser.ReadOS(path)(path)
		if err != nil {
			fmt.Fprintf(stderr, "%s: cannot read: %s\n", path, parser.ReadErrorText(err))
			status = 1
			continue
		}
		tr, errs := nmodl.Translate(path, src)
		if *report {
			fmt.Fprint(stdout, nmodl.Report(path, tr, errs))
			if len(errs) > 0 {
				status = 1
			}
			continue
		}
		if len(errs) > 0 {
			printErrors(stderr, errs, *maxErrs)
			return 1
		}
		dst := *out
		if dst == "" {
			dst = strings.TrimSuffix(path, ".mod") + ".ein"
		}
		if dst == "-" {
			stdout.Write(tr.Ein())
			continue
		}
		if err := atomicfile.WriteIfChanged(dst, tr.Ein()); err != nil {
			fmt.Fprintf(stderr, "einetc import: %v\n", err)
			return 1
		}
	}
	return status
}
