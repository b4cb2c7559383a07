// Package einetc is the root of the einetc module. It holds no API of its
// own beyond RuntimeSource: the source of package runtime, embedded so that
// `einetc run` can build a model's simulation anywhere, offline, against the
// runtime of the very einetc that generated it.
//
// See README.md for the tool and docs/ for the language and the generated code.
package einetc

import "embed"

// RuntimeSource holds runtime/*.go, runtime/*.s and runtime/units/*.go (tests included;
// callers skip them).
//
//go:embed runtime/*.go runtime/*.s runtime/units/*.go
var RuntimeSource embed.FS
