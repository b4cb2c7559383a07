package runtime

import (
	"math"
	"testing"
)

func TestTable(t *testing.T) {
	tab := newTable(-1, 0.25, 9) // -1 .. 1
	for k := range tab.Data {
		tab.Data[k] = math.Exp(tab.X(k))
	}
	if got := tab.At(0); got != 1 {
		t.Errorf("At(grid point 0) = %v", got)
	}
	want := (math.Exp(0.25) + math.Exp(0.5)) / 2
	if got := tab.At(0.375); math.Abs(got-want) > 1e-15 {
		t.Errorf("At(0.375) = %v, want the midpoint %v", got, want)
	}
	if tab.At(-5) != tab.Data[0] || tab.At(5) != tab.Data[8] || tab.At(1) != tab.Data[8] {
		t.Error("outside the grid At must return the end values")
	}
	if !raceEnabled {
		if a := testing.AllocsPerRun(100, func() { tab.At(0.3) }); a != 0 {
			t.Errorf("At allocates %v times", a)
		}
	}
}
