// Package runner builds and caches the executable that simulates one model
// for `einetc run`: a tiny Go module holding the generated model package, a
// copy of the runtime embedded in einetc, and a main program. It needs the Go
// toolchain but no network and no other module.
package runner

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/einetc/einetc"
)

//go:embed main.go.tmpl
var mainSource string

// Build describes a prepared simulation executable.
type Build struct {
	Binary   string        // path of the executable
	Cached   bool          // true when an earlier build was reused
	Duration time.Duration // time spent building (0 when cached)
	SIMD     bool          // built with GOEXPERIMENT=simd
}

// ErrNoGo reports that the go command is missing.
var ErrNoGo = errors.New("the Go toolchain is needed to build the model (go not found in PATH); install Go from https://go.dev/dl")

// Prepare returns the executable for the generated model files gen (name →
// content), building it unless a build of the same inputs is cached under
// cacheDir. The cache key hashes the generated code, the runner, the
// runtime, the Go version, extra (the einetc version) and simd. With simd
// the build sets GOEXPERIMENT=simd, which compiles the *_simd.go files: the
// AVX2 code, bit-identical to the portable code. building, when not nil,
// is called just before a build starts (not for a cached one), so that the
// caller can say what the wait is for.
func Prepare(gen map[string][]byte, cacheDir, extra string, simd bool, building func()) (*Build, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return nil, ErrNoGo
	}
	goVersion, err := exec.Command(goBin, "env", "GOVERSION").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOVERSION: %v", err)
	}
	files, err := moduleFiles(gen)
	if err != nil {
		return nil, err
	}
	if simd {
		extra += "\x00GOEXPERIMENT=simd"
	}
	key := hashFiles(files, string(goVersion), extra)
	dir := filepath.Join(cacheDir, key)
	bin := filepath.Join(dir, "sim")
	if fi, err := os.Stat(bin); err == nil && fi.Mode().IsRegular() {
		return &Build{Binary: bin, Cached: true, SIMD: simd}, nil
	}
	if building != nil {
		building()
	}
	start := time.Now()
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(cacheDir, "build-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	for name, content := range files {
		path := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return nil, err
		}
	}
	cmd := exec.Command(goBin, "build", "-o", "sim", ".")
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local")
	if simd {
		cmd.Env = append(cmd.Env, "GOEXPERIMENT=simd")
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("internal error: the generated simulation does not build (please report):\n%s", out)
	}
	// Publish atomically: a concurrent einetc run sees either nothing or a
	// complete build directory.
	if err := os.Rename(tmp, dir); err != nil && !exists(bin) {
		return nil, err
	}
	return &Build{Binary: bin, Duration: time.Since(start), SIMD: simd}, nil
}

// moduleFiles lays out the simulation module.
func moduleFiles(gen map[string][]byte) (map[string][]byte, error) {
	files := map[string][]byte{
		"go.mod":        []byte("module einetcrun\n\ngo 1.22\n\nrequire github.com/einetc/einetc v0.0.0\n\nreplace github.com/einetc/einetc => ./einetc\n"),
		"main.go":       []byte(mainSource),
		"einetc/go.mod": []byte("module github.com/einetc/einetc\n\ngo 1.22\n"),
	}
	for name, content := range gen {
		files["model/"+name] = content
	}
	err := fs.WalkDir(einetc.RuntimeSource, "runtime", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, "_test.go") {
			return err
		}
		b, err := einetc.RuntimeSource.ReadFile(path)
		files["einetc/"+path] = b
		return err
	})
	return files, err
}

func hashFiles(files map[string][]byte, extra ...string) string {
	h := sha256.New()
	var names []string
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
	}
	for _, e := range extra {
		fmt.Fprintf(h, "%s\x00", e)
	}
	return hex.EncodeToString(h.Sum(nil))[:24]
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
