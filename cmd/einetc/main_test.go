package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/einetc/einetc/internal/golden"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"einetc": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScript runs the CLI scripts in testdata/script: each is a txtar archive
// with the commands to run, the model files and the expected output.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       golden.Update(),
		Setup: func(env *testscript.Env) error {
			wd, err := os.Getwd()
			if err != nil {
				return err
			}
			env.Setenv("EINETC_ROOT", filepath.Join(wd, "..", ".."))
			// Scripts that run the go command use this machine's module and
			// build caches and never the network: every module they need is
			// a dependency of einetc, already in the cache.
			for _, k := range []string{"GOMODCACHE", "GOCACHE"} {
				out, err := exec.Command("go", "env", k).Output()
				if err != nil {
					return err
				}
				env.Setenv(k, strings.TrimSpace(string(out)))
			}
			env.Setenv("GOPROXY", "off")
			env.Setenv("GOSUMDB", "off")
			env.Setenv("GOFLAGS", "-mod=mod")
			env.Setenv("GOTOOLCHAIN", "local")
			return nil
		},
	})
}
