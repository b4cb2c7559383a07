// Package depstest holds the import policy of einetc as a test, in the manner
// of go/build's deps_test.go: imports flow dsl → parser → ir → codegen → cmd,
// runtime imports only the standard library.
package depstest

import (
	"os/exec"
	"strings"
	"testing"

	_ "github.com/einetc/einetc/internal/golden" // registers -update
)

const mod = "github.com/einetc/einetc/"

// allowed lists, for each package, the module packages it may import
// (directly or not). The standard library is always allowed; third-party
// modules only where named. DO NOT CHANGE THIS TABLE TO FIX A BUILD: fix the
// import instead, or change the policy on purpose in its own commit.
var allowed = map[string][]string{
	"dsl":               {},
	"runtime/units":     {},
	"internal/modelgen": {},
	"parser":            {"dsl", "runtime", "runtime/units", "github.com/alecthomas/participle/v2"}, // runtime: Confined, the one confinement check
	"ir":                {"dsl", "runtime", "runtime/units"},                                        // runtime: ParamSpec, the one check of parameter values
	"runtime":           {"runtime/units"},                                                          // its stdlib-only subpackage: ParamSpec parses quantities
	"codegen":           {"dsl", "ir", "runtime", "runtime/units", "github.com/dave/jennifer"},
	"internal/runner":   {""}, // the root package, for the embedded runtime source
	"internal/report":   {"3rd", "internal/atomicfile", "analysis"},
	"analysis":          {"gonum.org/v1/gonum"}, // a public package: the standard library and gonum only
	"cmd/einetc":        {"*"},
	// Generated code: only the runtime and the standard library.
	"examples/einet":    {"runtime", "runtime/units"},
	"examples/cobahh":   {"runtime", "runtime/units"},
	"examples/mcurrent": {"runtime", "runtime/units"},
	"golden/einet":      {"runtime", "runtime/units"},
}

func TestImportPolicy(t *testing.T) {
	for pkg, allow := range allowed {
		out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", mod+pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == mod+pkg || permitted(dep, allow) {
				continue
			}
			t.Errorf("%s imports %s, which the layering policy forbids", pkg, dep)
		}
	}
}

func permitted(dep string, allow []string) bool {
	for _, a := range allow {
		if a == "*" {
			return true // a command may use anything
		}
		if a == "3rd" && !strings.HasPrefix(dep, mod) {
			return true // any third-party package, but no package of ours
		}
		if a == "" && dep == strings.TrimSuffix(mod, "/") {
			return true
		}
		if dep == mod+a || strings.HasPrefix(dep, a) {
			return true
		}
	}
	return false
}
