package main

import (
	"fmt"
	goruntime "runtime"
	"runtime/debug"
	"strings"
)

// version is the einetc version, reported by `einetc version`.
const version = "0.1.0-dev"

// buildInfo identifies this einetc binary: its version and what go build
// recorded about it (the module version, and the VCS revision and whether
// the work tree had local changes, when built from a checkout with VCS
// stamping on).
type buildInfo struct {
	Version  string `json:"version"`
	Module   string `json:"module_version,omitempty"`
	Revision string `json:"vcs_revision,omitempty"`
	Modified bool   `json:"vcs_modified,omitempty"`
	Go       string `json:"go"`
}

// einetcBuild reads this binary's build information.
func einetcBuild() buildInfo {
	b := buildInfo{Version: version, Go: goruntime.Version()}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if bi.Main.Version != "(devel)" { // what go build says of a build inside the module
		b.Module = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// String is the line `einetc version` prints, e.g. "einetc 0.1.0-dev
// (module v0.1.0, revision 3e1ef52b9c1d, modified) go1.26.8".
func (b buildInfo) String() string {
	var extra []string
	if b.Module != "" {
		extra = append(extra, "module "+b.Module)
	}
	if b.Revision != "" {
		extra = append(extra, "revision "+b.Revision[:min(12, len(b.Revision))])
	}
	if b.Modified {
		extra = append(extra, "modified")
	}
	s := "einetc " + b.Version
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return fmt.Sprintf("%s %s", s, b.Go)
}
