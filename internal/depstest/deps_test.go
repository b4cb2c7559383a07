// Package depstest holds the import policy of einetc as a test, in the manner
// of go/build's deps_test.go: imports flow dsl → parser, dsl → ir → check
// and ir → codegen, then internal/driver → commands (the checker builds the
// IR; neither the IR nor codegen knows the checker); runtime imports only the standard library (and
// its own subpackage runtime/units); generated code imports only the runtime.
// It is the one check of runtime's stdlib-only rule, made in every build that
// selects other runtime files (amd64, arm64, GOEXPERIMENT=simd).
package depstest

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	_ "github.com/einetc/einetc/internal/golden" // registers -update
)

const mod = "github.com/einetc/einetc"

// generated is the policy of every generated package: the runtime and the
// standard library only.
var generated = []string{"runtime", "runtime/units"}

// allowed lists, for each package of the module (by path inside it; "."
// is the root package, "dir/*" every package directly under dir), the module
// packages and third-party paths it may import, directly or not. The
// standard library is always allowed; "3rd" allows any third-party package
// but no package of ours, "*" anything. Every package of the module must
// match exactly one entry. DO NOT CHANGE THIS TABLE TO FIX A BUILD: fix the
// import instead, or change the policy on purpose in its own commit.
var allowed = map[string][]string{
	".":                      {}, // RuntimeSource: the embedded runtime source
	"dsl":                    {},
	"runtime/units":          {},
	"runtime":                {"runtime/units"},                                                                   // its stdlib-only subpackage: ParamSpec parses quantities
	"parser":                 {"dsl", "nmodl", "runtime", "runtime/units", "github.com/alecthomas/participle/v2"}, // runtime: Confined, the one confinement check
	"ir":                     {"dsl", "runtime", "runtime/units"},                                                 // runtime: ParamSpec, the one check of parameter values
	"check":                  {"dsl", "ir", "runtime", "runtime/units"},                                           // syntax tree → IR: not parser, not codegen
	"codegen":                {"dsl", "ir", "runtime", "runtime/units", "github.com/dave/jennifer"},
	"nmodl":                  {"dsl", "runtime/units"}, // the .mod front end: produces dsl, checks units
	"internal/driver":        {"dsl", "nmodl", "parser", "check", "ir", "codegen", "runtime", "runtime/units", "github.com/alecthomas/participle/v2", "github.com/dave/jennifer"},
	"analysis":               {"gonum.org/v1/gonum"}, // a public package: the standard library and gonum only
	"internal/atomicfile":    {},
	"internal/sweep":         {"internal/atomicfile"},
	"internal/golden":        {"github.com/rogpeppe/go-internal", "golang.org/x/tools/txtar"}, // go-internal/txtar forwards to x/tools/txtar
	"internal/modelgen":      {},
	"internal/runner":        {"."}, // the root package, for the embedded runtime source
	"internal/report":        {"3rd", "internal/atomicfile", "analysis"},
	"internal/simtest":       {"internal/golden", "runtime", "runtime/units", "github.com/rogpeppe/go-internal", "golang.org/x/tools/txtar"},
	"internal/depstest":      {},
	"cmd/einetc":             {"*"},
	"bench":                  {"3rd", "internal/driver", "dsl", "nmodl", "parser", "check", "ir", "codegen", "runtime", "runtime/units"}, // a command: the pipeline, and plots
	"bench/internal/harness": {},
	"validation":             {},
	"golden":                 {},
	// Generated code: only the runtime and the standard library.
	"golden/*":   generated,
	"examples/*": generated,
}

// builds are the environments whose file selections the policy is checked
// in: the default build, another architecture, and the SIMD experiment.
var builds = [][]string{nil, {"GOARCH=arm64"}, {"GOEXPERIMENT=simd"}}

func TestImportPolicy(t *testing.T) {
	for _, env := range builds {
		out, err := goList(env)
		if err != nil {
			t.Fatalf("go list %v: %v", env, err)
		}
		used := map[string]bool{}
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			pkg, deps, _ := strings.Cut(line, ":")
			rel := relative(pkg)
			key, ok := entry(rel)
			if !ok {
				t.Errorf("%s is not in the import policy: add it to the table", rel)
				continue
			}
			used[key] = true
			for _, dep := range strings.Fields(deps) {
				if standard(dep) || dep == pkg || permitted(dep, allowed[key]) {
					continue
				}
				t.Errorf("%s imports %s (%v), which the layering policy forbids", rel, dep, env)
			}
		}
		if env == nil {
			for key := range allowed {
				if !used[key] {
					t.Errorf("policy entry %q matches no package: remove it", key)
				}
			}
		}
	}
}

// goList returns, one line per package of the module, "path: deps...".
func goList(env []string) (string, error) {
	c := exec.Command("go", "list", "-e", "-f", "{{.ImportPath}}:{{range .Deps}} {{.}}{{end}}", mod+"/...")
	c.Env = append(os.Environ(), env...)
	out, err := c.Output()
	return string(out), err
}

// relative is a module package's path inside the module, "." for the root.
func relative(pkg string) string {
	if pkg == mod {
		return "."
	}
	return strings.TrimPrefix(pkg, mod+"/")
}

// entry returns the one key of allowed that matches the package at rel.
func entry(rel string) (string, bool) {
	var keys []string
	for key := range allowed {
		if match(key, rel) {
			keys = append(keys, key)
		}
	}
	if len(keys) != 1 {
		return "", false
	}
	return keys[0], true
}

// match reports whether a policy key names rel: element by element, "*"
// standing for any one element ("golden/*", "examples/*/cmd").
func match(key, rel string) bool {
	kp, rp := strings.Split(key, "/"), strings.Split(rel, "/")
	if len(kp) != len(rp) {
		return false
	}
	for i := range kp {
		if kp[i] != "*" && kp[i] != rp[i] {
			return false
		}
	}
	return true
}

// standard reports whether an import path is the standard library's: its
// first element has no dot.
func standard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// permitted reports whether dep, a full import path that is not the
// standard library's, is one the entries allow.
func permitted(dep string, allow []string) bool {
	ours := dep == mod || strings.HasPrefix(dep, mod+"/")
	for _, a := range allow {
		switch {
		case a == "*":
			return true // a command may use anything
		case a == "3rd":
			if !ours {
				return true // any third-party package, but no package of ours
			}
		case a == "." || standard(a): // a package of ours, or a pattern of them
			if ours && match(a, relative(dep)) {
				return true
			}
		default: // a third-party path and the packages under it
			if dep == a || strings.HasPrefix(dep, a+"/") {
				return true
			}
		}
	}
	return false
}

// TestPermitted pins the matching rules, including the hole the table used
// to have: an empty entry once allowed every import.
func TestPermitted(t *testing.T) {
	for _, tc := range []struct {
		dep   string
		allow []string
		want  bool
	}{
		{mod, []string{"."}, true},
		{mod + "/ir", []string{"."}, false},
		{mod + "/ir", []string{""}, false},
		{mod + "/ir", []string{"3rd"}, false},
		{"gonum.org/v1/plot", []string{"3rd"}, true},
		{mod + "/runtime/units", []string{"runtime"}, false},
		{mod + "/runtime", []string{"runtime"}, true},
		{mod + "/golden/delay", []string{"golden/*"}, true},
		{mod + "/golden/delay/x", []string{"golden/*"}, false},
		{mod + "/bench/gen/a/run", []string{"bench/gen/*/run"}, true},
		{"gonum.org/v1/gonum/mat", []string{"gonum.org/v1/gonum"}, true},
		{"gonum.org/v1/gonumx", []string{"gonum.org/v1/gonum"}, false},
		{"example.com/" + mod, []string{"runtime"}, false},
	} {
		if got := permitted(tc.dep, tc.allow); got != tc.want {
			t.Errorf("permitted(%s, %q) = %v, want %v", tc.dep, tc.allow, got, tc.want)
		}
	}
	if _, ok := entry("golden/x"); !ok {
		t.Error("golden/x matches no single entry")
	}
	if _, ok := entry("golden/x/y"); ok {
		t.Error("golden/x/y matches an entry")
	}
}
