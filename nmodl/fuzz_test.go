package nmodl_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/einetc/einetc/nmodl"
	"github.com/einetc/einetc/parser"
)

// FuzzTranslate: any input either translates or reports positioned
// errors; nothing panics; and what translates prints as .ein that our own
// parser reads (einetc import never writes a file it could not load).
func FuzzTranslate(f *testing.F) {
	for _, dir := range []string{"testdata/corpus", "testdata/errors"} {
		mods, _ := filepath.Glob(filepath.Join(dir, "*.mod"))
		for _, m := range mods {
			if b, err := os.ReadFile(m); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		tr, errs := nmodl.Translate("f.mod", src)
		for _, e := range errs {
			if !e.Pos.IsValid() {
				t.Fatalf("error without a position: %v", e)
			}
		}
		if len(errs) == 0 {
			ein := tr.Ein()
			if _, perrs := parser.Parse("f.ein", []byte(ein)); len(perrs) > 0 {
				t.Fatalf("the translation does not parse: %v\n%s", perrs, ein)
			}
		}
	})
}
