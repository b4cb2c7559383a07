//go:build goexperiment.simd && amd64

package golden_test

import (
	"debug/elf"
	"debug/gosym"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// sseKnown are the SIMD step functions that still run legacy-SSE code with
// dirty upper halves: on the block loop's back edge the register allocator
// reloads loop-carried scalars (MOVSD) among the vectors' reloads, once per
// block of neurons. A ClearAVXUpperBits before the block loop removes them
// but made examples/einet 2 % slower, so codegen emits it only where a
// table lookup starts the block (docs/performance.md, "Exact float64,
// fourth pass"). hetero is no exact-float64 benchmark case.
var sseKnown = map[string]bool{
	"golden/hetero.(*Model).stepOwnSIMD":   true,
	"golden/hetero.(*Model).stepOwnSIMD8":  true,
	"golden/hetero.(*Model).stepPostSIMD":  true,
	"golden/hetero.(*Model).stepPostSIMD8": true,
}

// TestNoLegacySSEAfterAVX disassembles the SIMD step functions of every
// golden case and example linked into this test binary (GNU objdump, which
// decodes EVEX; go tool objdump does not) and fails if, in address order, a
// legacy-SSE instruction (no VEX/EVEX prefix, on an XMM register: MOVSD,
// MOVUPS, CVTTSD2SI, ...) follows an instruction on a YMM or ZMM register
// with no VZEROUPPER or call between them. On the Xeon of
// docs/performance.md each such return to SSE code with dirty upper halves
// costs about 130 ns. The scan is linear, not along the control flow: a
// finding is a place to read in the disassembly, e.g.
//
//	GOEXPERIMENT=simd go test -c -o g.test ./golden
//	go tool nm -size g.test | grep stepPSIMD8   # address and size
//	objdump -d -M intel --start-address=... --stop-address=... g.test
func TestNoLegacySSEAfterAVX(t *testing.T) {
	objdump, err := exec.LookPath("objdump")
	if err != nil {
		t.Skip("GNU objdump (binutils, which .ci/run installs) not installed")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	f, err := elf.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	// go test strips the symbol table; the Go function table remains.
	pcln, text := f.Section(".gopclntab"), f.Section(".text")
	if pcln == nil || text == nil {
		f.Close()
		t.Fatal("no .gopclntab or .text section")
	}
	data, err := pcln.Data()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	tab, err := gosym.NewTable(nil, gosym.NewLineTable(data, text.Addr))
	if err != nil {
		t.Fatal(err)
	}
	const mod = "github.com/einetc/einetc/"
	step := regexp.MustCompile(`^(examples|golden)/[a-z0-9]+\.\(\*Model\)\.step\w*SIMD8?$`)
	checked := 0
	for _, fn := range tab.Funcs {
		name := strings.TrimPrefix(fn.Name, mod)
		if name == fn.Name || !step.MatchString(name) {
			continue
		}
		checked++
		out, err := exec.Command(objdump, "-d", "-M", "intel", "--no-show-raw-insn",
			fmt.Sprintf("--start-address=%#x", fn.Entry), fmt.Sprintf("--stop-address=%#x", fn.End), exe).Output()
		if err != nil {
			t.Fatalf("objdump %s: %v", name, err)
		}
		found := legacySSEAfterAVX(out)
		switch {
		case len(found) > 0 && !sseKnown[name]:
			t.Errorf("%s: %d legacy-SSE instructions after YMM/ZMM code without VZEROUPPER:\n%s", name, len(found), strings.Join(found, "\n"))
		case len(found) > 0:
			t.Logf("%s (known): %d, first %s", name, len(found), found[0])
		case sseKnown[name]:
			t.Logf("%s: listed in sseKnown but clean now", name)
		}
	}
	if checked < 10 {
		t.Fatalf("checked %d SIMD step functions, want at least 10 (symbol names changed?)", checked)
	}
}
