package report

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// niceTicks marks an axis with major ticks at multiples of 1, 2 or 5 × 10ᵏ,
// three to seven of them, labelled with the shortest decimal form (250, not
// 250.00; 0 and 0.5, not 0.0 and 0.50), and unlabelled minor ticks between.
type niceTicks struct{}

func (niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return []plot.Tick{{Value: lo, Label: strconv.FormatFloat(lo, 'g', 4, 64)}}
	}
	step, mant := niceStep((hi - lo) / 6)
	minor := step / 5
	if mant == 2 {
		minor = step / 4
	}
	dec := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	var ticks []plot.Tick
	for k := math.Ceil(lo/minor - 1e-9); k*minor <= hi+minor*1e-9; k++ {
		v := k * minor
		t := plot.Tick{Value: v}
		if q := v / step; math.Abs(q-math.Round(q)) < 1e-6 {
			scale := math.Pow(10, float64(dec))
			v = math.Round(math.Round(q)*step*scale) / scale
			t = plot.Tick{Value: v, Label: strconv.FormatFloat(v+0, 'f', -1, 64)}
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// niceStep is the smallest 1, 2, 5 or 10 × 10ᵏ at least raw, and its mantissa.
func niceStep(raw float64) (step float64, mant int) {
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []int{1, 2, 5, 10} {
		if float64(m)*mag >= raw*(1-1e-9) {
			if m == 10 {
				return 10 * mag, 1
			}
			return float64(m) * mag, m
		}
	}
	return 10 * mag, 1
}

// logTicks marks a log axis at powers of ten, labelled in their shortest
// form (0.001, 1e-05, 1000; not 1000.0000000000007), every k-th power when
// the axis spans more than six decades, with minor ticks at 2…9 × 10ᵏ when
// it spans fewer.
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	a, b := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	every := max(1, math.Ceil((b-a)/6))
	var ticks []plot.Tick
	for e := a; e <= b; e++ {
		v, _ := strconv.ParseFloat("1e"+strconv.Itoa(int(e)), 64)
		t := plot.Tick{Value: v}
		if math.Mod(e-a, every) == 0 {
			t.Label = strconv.FormatFloat(v, 'g', -1, 64)
		}
		ticks = append(ticks, t)
		for m := 2; every == 1 && m < 10 && e < b; m++ {
			ticks = append(ticks, plot.Tick{Value: float64(m) * v})
		}
	}
	return ticks
}
