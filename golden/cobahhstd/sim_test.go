package cobahhstd

import (
	"testing"

	"github.com/einetc/einetc/internal/simtest"
)

func newModel(t testing.TB) *Model {
	m, err := New(DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestNoAllocs proves that a step allocates nothing.
func TestNoAllocs(t *testing.T) { simtest.NoAllocs(t, newModel(t).Step) }

func BenchmarkStep(b *testing.B)         { simtest.BenchmarkStep(b, newModel(b), 1, NumNeurons) }
func BenchmarkStepWorkers2(b *testing.B) { simtest.BenchmarkStep(b, newModel(b), 2, NumNeurons) }
