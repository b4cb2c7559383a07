package runner

import (
	"strings"
	"testing"

	_ "github.com/einetc/einetc/internal/golden" // registers -update
)

// TestModuleFiles checks the layout of the simulation module: the runtime
// without its tests, the model package and the main program.
func TestModuleFiles(t *testing.T) {
	files, err := moduleFiles(map[string][]byte{"model_ein.go": []byte("package model\n")})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"go.mod", "main.go", "model/model_ein.go", "einetc/go.mod", "einetc/runtime/ring.go", "einetc/runtime/version.go", "einetc/runtime/fastexp_amd64.s"} {
		if _, ok := files[want]; !ok {
			t.Errorf("module lacks %s", want)
		}
	}
	for name := range files {
		if strings.HasSuffix(name, "_test.go") {
			t.Errorf("module contains test file %s", name)
		}
	}
}

// TestCacheKey checks that the key changes with the model and the extras and
// nothing else.
func TestCacheKey(t *testing.T) {
	a, _ := moduleFiles(map[string][]byte{"model_ein.go": []byte("package model // a\n")})
	b, _ := moduleFiles(map[string][]byte{"model_ein.go": []byte("package model // b\n")})
	if hashFiles(a, "go1", "v1") != hashFiles(a, "go1", "v1") {
		t.Error("key is not deterministic")
	}
	if hashFiles(a, "go1", "v1") == hashFiles(b, "go1", "v1") {
		t.Error("key ignores the model")
	}
	if hashFiles(a, "go1", "v1") == hashFiles(a, "go2", "v1") || hashFiles(a, "go1", "v1") == hashFiles(a, "go1", "v2") {
		t.Error("key ignores the Go or einetc version")
	}
}
