package golden_test

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

var (
	objLine = regexp.MustCompile(`^\s+([0-9a-f]+):\s+(\S+)\s*(.*)$`)
	wideReg = regexp.MustCompile(`\b[yz]mm\d+\b`)
	xmmReg  = regexp.MustCompile(`\bxmm\d+\b`)
)

// legacySSEAfterAVX returns the legacy-SSE instructions of objdump's Intel
// listing that follow a YMM/ZMM instruction in address order with no
// VZEROUPPER or call in between (the runtime's kernels return with clean
// upper halves).
func legacySSEAfterAVX(listing []byte) []string {
	var found []string
	dirty := ""
	sc := bufio.NewScanner(bytes.NewReader(listing))
	for sc.Scan() {
		m := objLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		addr, op, args := m[1], m[2], m[3]
		switch {
		case op == "vzeroupper" || op == "call":
			dirty = ""
		case wideReg.MatchString(args):
			dirty = addr
		case dirty != "" && !strings.HasPrefix(op, "v") && xmmReg.MatchString(args):
			found = append(found, fmt.Sprintf("  %s %s %s (after %s)", addr, op, args, dirty))
		}
	}
	return found
}

// TestLegacySSEScan checks the scan of TestNoLegacySSEAfterAVX (SIMD
// build, amd64 only) on a listing of the pattern it looks for; it needs
// no SIMD build, so it runs in every build, -short included.
func TestLegacySSEScan(t *testing.T) {
	listing := []byte(`
  4c7aee:	vbroadcastsd zmm13,xmm14
  4c7aff:	movups xmm14,XMMWORD PTR [rsp+0x9f0]
  4c7b08:	vzeroupper
  4c7b19:	movsd  xmm12,QWORD PTR [rsp+0x9e0]
  4c7b22:	vaddpd ymm1,ymm2,ymm3
  4c7b28:	vmovsd xmm6,QWORD PTR [rip+0x3bafd]
  4c7b30:	call   4c9000
  4c7b38:	cvttsd2si rax,xmm0
`)
	got := legacySSEAfterAVX(listing)
	if len(got) != 1 || !strings.Contains(got[0], "4c7aff movups") {
		t.Fatalf("scan found %q, want only the movups at 4c7aff", got)
	}
}
