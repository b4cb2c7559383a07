package cobahh

import (
	"strings"
	"testing"

	einrt "github.com/einetc/einetc/runtime"
)

// TestStepLimit: a model stops at runtime.MaxSteps steps instead of wrapping
// the int32 last-spike steps (which would break refractoriness), and Err says
// why. Reaching the limit honestly takes 2³¹ steps, so the test starts near it.
func TestStepLimit(t *testing.T) {
	m, err := New(DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	m.step = einrt.MaxSteps - 2
	m.Run(2, nil)
	if m.StepIndex() != einrt.MaxSteps || m.Err() != nil {
		t.Fatalf("after the last allowed steps: StepIndex %d, Err %v; want %d, nil", m.StepIndex(), m.Err(), einrt.MaxSteps)
	}
	for i := range m.P_lastSpike {
		if s := int(m.P_lastSpike[i]); s > einrt.MaxSteps-1 {
			t.Fatalf("neuron %d: last spike at step %d, past the last step", i, s)
		}
	}
	before := append([]float64(nil), m.P_v...)
	m.Run(3, nil)
	if m.StepIndex() != einrt.MaxSteps {
		t.Fatalf("StepIndex %d after stepping past the limit, want %d", m.StepIndex(), einrt.MaxSteps)
	}
	for i, v := range m.P_v {
		if v != before[i] {
			t.Fatalf("neuron %d: v changed from %g to %g past the step limit", i, before[i], v)
		}
	}
	err = m.Err()
	if err == nil || !strings.Contains(err.Error(), "2147483647 steps") {
		t.Fatalf("Err past the step limit = %v, want the step limit", err)
	}
}
