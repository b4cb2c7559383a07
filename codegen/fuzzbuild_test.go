package codegen_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"go/importer"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/einetc/einetc/codegen"
)

// buildEvery is the sampling rate of FuzzBuild: one valid model in this
// many (by the hash of its generated Go) is built with the go command, which
// takes a second or two where the rest of the pipeline takes milliseconds
// (and only about one fuzzed input in 40 is a valid model).
const buildEvery = 4

// FuzzBuild runs arbitrary text through the whole compiler, as FuzzPipeline
// does, and builds a sample of the generated packages with the go command
// (go build and go vet in a module that replaces einetc by this checkout,
// offline): type-checking alone misses what only the compiler checks
// (constant overflow in conversions, division by a constant zero, invalid
// shifts, duplicate cases) and what vet reports. Every valid model is
// type-checked; one in buildEvery (4) is built (and not vetted, to stay within
// the fuzzing engine's 10 s per input), and in a plain go test run only the
// first valid seed is built and vetted (none under -short).
func FuzzBuild(f *testing.F) {
	for _, pattern := range []string{"../examples/*/net.ein", "../golden/*/net.ein", "../check/testdata/*.ein", "testdata/*.ein"} {
		files, _ := filepath.Glob(pattern)
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(string(b))
			}
		}
	}
	b := &builder{dir: f.TempDir(), built: map[[32]byte]bool{}, limit: 5 * time.Minute}
	if flagSet("test.fuzz") && !testing.Short() {
		// The fuzzing engine gives each input 10 s before it declares the
		// process hung: type-check and compile the runtime now, outside
		// that clock, and give each build 6 s (an input whose build does
		// not finish is skipped, not reported: on a loaded machine that is
		// not a bug).
		warmTypeCheck(f)
		b.limit = 6 * time.Second
		b.once.Do(func() { b.err = b.setup() })
		if b.err == nil {
			if out, err := goCommand(b.dir, 5*time.Minute, "build", "github.com/einetc/einetc/runtime"); err != nil {
				f.Fatalf("cannot build the runtime: %v\n%s", err, out)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, files := fuzzGenerate(t, src)
		if files == nil {
			return
		}
		typeCheck(t, files)
		b.maybeBuild(t, files)
	})
}

// warmTypeCheck type-checks the runtime package from source once, as
// typeCheck's importer does on its first use: seconds on a loaded machine,
// which must not count against an input's 10 s.
func warmTypeCheck(f *testing.F) {
	typeOnce.Do(func() { imp = importer.ForCompiler(fset, "source", nil) })
	if _, err := imp.Import("github.com/einetc/einetc/runtime"); err != nil {
		f.Fatalf("cannot type-check the runtime: %v", err)
	}
}

// A builder builds generated packages in one module directory per process,
// so that the go command's cache of the runtime package is reused.
type builder struct {
	mu    sync.Mutex
	dir   string
	once  sync.Once
	err   error
	built map[[32]byte]bool // generated code already built (or skipped)
	n     int
	limit time.Duration // for one go command
}

func (b *builder) maybeBuild(t *testing.T, files []codegen.File) {
	h := sha256.New()
	for _, f := range files {
		h.Write(f.Content)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.built[sum] {
		return
	}
	b.built[sum] = true
	if testing.Short() {
		return
	}
	fuzzing := flagSet("test.fuzz")
	if (fuzzing && sum[0]%buildEvery != 0) || (!fuzzing && b.n > 0) {
		return
	}
	b.n++
	b.once.Do(func() { b.err = b.setup() })
	if b.err != nil {
		t.Fatalf("cannot set up the build module: %v", b.err)
	}
	pkg := filepath.Join(b.dir, "model")
	os.RemoveAll(pkg)
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(pkg, f.Name), f.Content, 0o644); err != nil {
			t.Fatal(err)
		}
		all.Write(f.Content)
	}
	cmds := [][]string{{"build", "./model"}, {"vet", "./model"}}
	if b.limit < time.Minute {
		cmds = cmds[:1] // fuzzing: build only, vet would double the time
	}
	for _, args := range cmds {
		start := time.Now()
		out, err := goCommand(b.dir, b.limit, args...)
		if errors.Is(err, context.DeadlineExceeded) {
			t.Logf("go %s did not finish in %v; not built", args[0], b.limit)
			tally(fmt.Sprintf("timeout go %s %x", args[0], sum[:4]))
			return
		}
		if err != nil {
			t.Fatalf("generated Go does not pass go %s: %v\n%s\n%s", args[0], err, out, all.String())
		}
		tally(fmt.Sprintf("ok go %s %x %.1fs", args[0], sum[:4], time.Since(start).Seconds()))
	}
}

// tally appends a line to the file named by $EINETC_FUZZBUILD_LOG, if
// set: the fuzzing engine does not show a target's own counts, and how many
// packages a campaign built is what docs/robustness.md reports.
func tally(line string) {
	name := os.Getenv("EINETC_FUZZBUILD_LOG")
	if name == "" {
		return
	}
	f, err := os.OpenFile(name, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	fmt.Fprintln(f, line)
	f.Close()
}

// setup writes a module that requires einetc, replaced by this checkout.
func (b *builder) setup() error {
	root, err := filepath.Abs("..")
	if err != nil {
		return err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return err
	}
	mod := "module example.com/fuzzbuild\n\ngo 1.26\n\nrequire github.com/einetc/einetc v0.0.0\n\nreplace github.com/einetc/einetc => " + root + "\n"
	if err := os.WriteFile(filepath.Join(b.dir, "go.mod"), []byte(mod), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(b.dir, "go.sum"), sum, 0o644)
}

// goCommand runs the go command in dir, offline, for at most limit.
func goCommand(dir string, limit time.Duration, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off", "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return out, ctx.Err()
	}
	return out, err
}

// flagSet reports whether the test binary's flag name is set.
func flagSet(name string) bool {
	fl := flag.Lookup(name)
	return fl != nil && fl.Value.String() != ""
}
