package runtime

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEnforceVersion compiles the two lines that generated code carries
// against a copy of version.go, for generator versions on both sides of
// [MinVersion, MaxVersion], and checks that a mismatch is the documented
// build error.
func TestEnforceVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	src, err := os.ReadFile("version.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, gen := range []int{MinVersion - 1, Version, MaxVersion + 1} {
		dir := t.TempDir()
		gen := strconv.Itoa(gen)
		files := map[string]string{
			"go.mod":     "module check\n\ngo 1.21\n",
			"version.go": string(src),
			"gen.go": "package runtime\n\nconst genVersion = " + gen + "\n\nconst (\n" +
				"\t_ = EnforceVersion(genVersion - MinVersion)\n" +
				"\t_ = EnforceVersion(MaxVersion - genVersion)\n)\n",
		}
		for name, content := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cmd := exec.Command(gocmd, "build", "./...")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local")
		out, err := cmd.CombinedOutput()
		if gen == strconv.Itoa(Version) {
			if err != nil {
				t.Errorf("genVersion %s: %v\n%s", gen, err, out)
			}
			continue
		}
		if err == nil || !strings.Contains(string(out), "constant -1 overflows EnforceVersion") {
			t.Errorf("genVersion %s: want the error \"constant -1 overflows EnforceVersion\", got %v\n%s", gen, err, out)
		}
	}
}
