package validation

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "github.com/einetc/einetc/internal/golden" // registers -update, so that go test ./... -update works
)

// python is Debian's interpreter, the one python3-brian installs Brian2 for
// (python3 on PATH may be another installation without it).
const python = "/usr/bin/python3"

// noBrian is the skip message of every test that needs Brian2.
const noBrian = "Brian2 not installed (apt-get install python3-brian)"

var writeDocs = flag.Bool("write-docs", false, "rewrite docs/validation.md and docs/validation-*.png from this run's measurements")

// suite is the state the tests share: the module root, a scratch directory,
// the einetc binary built once, and whether Brian2 is usable.
var suite struct {
	root, tmp string

	buildOnce sync.Once
	einetc    string
	buildErr  error

	brianOnce sync.Once
	brianSkip string
}

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(runSuite(m))
}

func runSuite(m *testing.M) int {
	root, err := filepath.Abs("..")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	tmp, err := os.MkdirTemp("", "einetc-validation-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	suite.root, suite.tmp = root, tmp
	// One simulation build cache for every test of this run.
	os.Setenv("EINETC_CACHE", filepath.Join(tmp, "cache"))
	code := m.Run()
	if *writeDocs {
		if code != 0 {
			fmt.Fprintln(os.Stderr, "-write-docs: tests failed, docs/validation.md left unchanged")
			return code
		}
		if err := writeDocFiles(root); err != nil {
			fmt.Fprintln(os.Stderr, "-write-docs:", err)
			return 1
		}
		fmt.Fprintln(os.Stderr, "wrote docs/validation.md and docs/validation-*.png")
	}
	return code
}

// einetc returns the path of the einetc binary, built once from the module.
func einetc(t *testing.T) string {
	t.Helper()
	suite.buildOnce.Do(func() {
		// Read every source file of the module, so that go test's cache
		// knows this package depends on them: the compiler under test is
		// built and run in subprocesses, which the cache does not see.
		if err := readSources(suite.root); err != nil {
			suite.buildErr = err
			return
		}
		suite.einetc = filepath.Join(suite.tmp, "einetc")
		cmd := exec.Command("go", "build", "-o", suite.einetc, "./cmd/einetc")
		cmd.Dir = suite.root
		if out, err := cmd.CombinedOutput(); err != nil {
			suite.buildErr = fmt.Errorf("go build ./cmd/einetc: %v\n%s", err, out)
		}
	})
	if suite.buildErr != nil {
		t.Fatal(suite.buildErr)
	}
	return suite.einetc
}

// readSources reads the module's sources (Go, .ein, templates, the Brian2
// scripts, data files) and returns nothing but an error: reading them is the
// point.
func readSources(root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "out" || name == "docs") {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(name) {
		case ".go", ".ein", ".tmpl", ".py", ".mod", ".sum", ".csv":
			_, err := os.ReadFile(path)
			return err
		}
		return nil
	})
}

// einetcRun runs `einetc run -q -o out args...` from the module root.
func einetcRun(bin, out string, args ...string) error {
	cmd := exec.Command(bin, append([]string{"run", "-q", "-o", out}, args...)...)
	cmd.Dir = suite.root
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("einetc run -o %s %s: %v\n%s", out, strings.Join(args, " "), err, buf.String())
	}
	return nil
}

// needBrian skips t unless Brian2, and g++ and make for its C++ standalone
// mode, are installed, and under -short: everyday runs leave the comparisons
// with Brian2 (minutes of Python and C++ builds) to the full suite.
func needBrian(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the comparisons with Brian2 run in the full suite")
	}
	suite.brianOnce.Do(func() {
		if err := exec.Command(python, "-c", "import brian2").Run(); err != nil {
			suite.brianSkip = noBrian
		} else if _, err := exec.LookPath("g++"); err != nil {
			suite.brianSkip = "g++ not installed, which Brian2's C++ standalone mode needs (apt-get install g++)"
		} else if _, err := exec.LookPath("make"); err != nil {
			suite.brianSkip = "make not installed, which Brian2's C++ standalone mode needs (apt-get install make)"
		}
	})
	if suite.brianSkip != "" {
		t.Skip(suite.brianSkip)
	}
}

// brian runs the Brian2 script validation/brian/<script> with args and
// returns its last output line (the scripts print their timings there).
func brian(script string, args ...string) (string, error) {
	path := filepath.Join(suite.root, "validation", "brian", script)
	cmd := exec.Command(python, append([]string{path}, args...)...)
	cmd.Env = append(os.Environ(), "PYTHONWARNINGS=ignore")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("%s %s: %v\n%s", script, strings.Join(args, " "), err, tail(out, 40))
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return lines[len(lines)-1], nil
}

// tail returns the last n lines of b.
func tail(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// brianProject returns the directory of the C++ standalone project name,
// kept between test runs so that Brian2 recompiles only what changed, and
// locks it until t ends (two go test processes must not build it at once).
func brianProject(t *testing.T, name string) string {
	t.Helper()
	base := os.Getenv("EINETC_VALIDATION_CACHE")
	if base == "" {
		d, err := os.UserCacheDir()
		if err != nil {
			d = os.TempDir()
		}
		base = filepath.Join(d, "einetc", "validation")
	}
	dir := filepath.Join(base, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	unlock, err := lockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(unlock)
	return dir
}

// goErr collects the error of a function run in a goroutine.
type goErr struct {
	wg  sync.WaitGroup
	mu  sync.Mutex
	err error
}

func (g *goErr) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.mu.Lock()
			g.err = errors.Join(g.err, err)
			g.mu.Unlock()
		}
	}()
}

func (g *goErr) Wait() error {
	g.wg.Wait()
	return g.err
}
