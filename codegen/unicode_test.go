package codegen_test

import (
	"os"
	"testing"
)

// TestGenerateUnicodeNames generates testdata/unicode_names.ein, whose
// projections are named α and β (and a_b against ab, NSIMD against N), and
// type-checks the Go: it used to declare Model.decayX twice.
func TestGenerateUnicodeNames(t *testing.T) {
	typeCheck(t, generateFile(t, "testdata/unicode_names.ein", os.ReadFile))
}
