package golden_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestStepDoesNotEscape builds the golden packages and the examples with -gcflags=-m and fails
// if the compiler reports a heap allocation inside a step function (Step,
// step*, decay*, deliver*) of a generated file: the static counterpart of the
// AllocsPerRun tests, which catches an allocation on a path a test run did
// not take.
func TestStepDoesNotEscape(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the golden packages")
	}
	files, _ := filepath.Glob("*/net_ein.go")
	examples, _ := filepath.Glob("../examples/*/net_ein.go")
	files = append(files, examples...)
	hot := map[string][][2]int{} // file -> line ranges of step functions
	for _, f := range files {
		hot[f] = stepRanges(t, f)
	}
	out, err := exec.Command("go", "build", "-gcflags=-m", "./...", "../examples/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	re := regexp.MustCompile(`^(?:\./)?([^:]+/net_ein\.go):(\d+):\d+: (.*)$`)
	checked := 0
	for _, line := range strings.Split(string(out), "\n") {
		m := re.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		if !inRanges(hot[m[1]], n) {
			continue
		}
		checked++
		// "leaking param content: m" is expected where Step hands m.work to
		// the worker pool: data m points to outlives the call, which is no
		// allocation. An allocation shows as "escapes to heap" or "moved to heap".
		if strings.Contains(m[3], "escapes to heap") || strings.Contains(m[3], "moved to heap") {
			t.Errorf("%s:%d: %s", m[1], n, m[3])
		}
	}
	if checked == 0 {
		t.Fatal("no compiler diagnostics matched a step function; the check is not looking at the right lines")
	}
}

func stepRanges(t *testing.T, file string) [][2]int {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out [][2]int
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil {
			continue
		}
		name := fd.Name.Name
		if name == "Step" || name == "work" || strings.HasPrefix(name, "step") || strings.HasPrefix(name, "decay") || strings.HasPrefix(name, "deliver") {
			out = append(out, [2]int{fset.Position(fd.Pos()).Line, fset.Position(fd.End()).Line})
		}
	}
	return out
}

func inRanges(rs [][2]int, n int) bool {
	for _, r := range rs {
		if n >= r[0] && n <= r[1] {
			return true
		}
	}
	return false
}
