package golden_test

import (
	"math"
	"testing"

	"github.com/einetc/einetc/golden/pointstd"
)

// TestStdPointNeurons runs the standard library's LIF, AdEx and
// Izhikevich neurons under constant drive, with population overrides: the
// LIF fires at its analytic interval, AdEx and Izhikevich's regular-spiking
// cell adapt (their intervals lengthen), and Izhikevich's fast-spiking
// parameter (a = 0.1/ms, set on its population) fires faster and adapts
// less.
func TestStdPointNeurons(t *testing.T) {
	p := pointstd.DefaultParams()
	m, err := pointstd.New(p)
	if err != nil {
		t.Fatal(err)
	}
	steps := int(math.Round(pointstd.DefaultDuration / pointstd.DefaultDt))
	isi := make([][]int, 4) // per neuron: L, A, Z, ZF
	last := []int{-1, -1, -1, -1}
	for n := range steps {
		m.Step()
		for _, s := range m.Spikes() {
			if last[s] >= 0 {
				isi[s] = append(isi[s], n-last[s])
			}
			last[s] = n
		}
	}
	if p.L_e_l != -40 {
		t.Fatalf("the population override e_l = -40 mV did not reach L: e_l = %g", p.L_e_l)
	}
	T := p.L_tau_m * math.Log((p.L_e_l-p.L_v_r)/(p.L_e_l-p.L_v_th))
	want := int(math.Round(p.L_refractory/p.Dt)) + int(math.Floor(T/p.Dt))
	if len(isi[0]) < 5 {
		t.Fatalf("LIF intervals %v", isi[0])
	}
	for _, d := range isi[0] {
		if d != want {
			t.Fatalf("LIF interval %d steps, want R + floor(T/dt) = %d (intervals %v)", d, want, isi[0])
		}
	}
	for k, name := range []string{"AdEx", "Izhikevich RS"} {
		d := isi[k+1]
		if len(d) < 5 || !(float64(d[len(d)-1]) > 1.5*float64(d[0])) {
			t.Errorf("%s does not adapt: intervals %v (steps of %g ms)", name, d, p.Dt)
		}
	}
	if p.ZF_a != 0.1 || p.Z_a != 0.02 {
		t.Fatalf("a = %g (Z), %g (ZF): want the default 0.02 and the override 0.1", p.Z_a, p.ZF_a)
	}
	rs, fs := isi[2], isi[3]
	if len(fs) <= len(rs) || fs[len(fs)-1] >= rs[len(rs)-1] {
		t.Errorf("fast spiking (a = 0.1/ms) fires %d intervals ending at %d steps, regular spiking %d ending at %d: want more, shorter", len(fs), fs[len(fs)-1], len(rs), rs[len(rs)-1])
	}
	t.Logf("LIF interval %d steps; AdEx %v; Izhikevich RS %v; FS %d intervals, last %d", want, isi[1], isi[2], len(fs), fs[len(fs)-1])
}
