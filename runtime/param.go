package runtime

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/einetc/einetc/runtime/units"
)

// ParamSpec describes one model parameter: its dotted name, the unit the
// model writes it in, the internal unit a generated Params field holds it in,
// and the values the model's rules allow.
//
// It is the one place where a parameter value is judged: einetc checks the
// model's own values with Check when it compiles, `einetc run -set` parses
// overrides with Parse, and the generated Params.Set, SetQuantity and
// Validate call the same two methods.
type ParamSpec struct {
	Name     string  // dotted model name, e.g. "N.IA.g_max"
	Unit     string  // unit as written in the model, e.g. "mS/cm2"
	Internal string  // unit of the value in Params, e.g. "nS/um2"
	Scale    float64 // the value of one Unit in Internal units (0.01 for mS/cm2)
	Min      float64 // smallest allowed value (internal units); -Inf: no bound
	MinOpen  bool    // Min itself is not allowed: time constants are > 0
	Max      float64 // largest allowed value (internal units); +Inf: no bound
	MaxOpen  bool    // Max itself is not allowed
	Rule     string  // what the bounds follow from, e.g. "a time constant"
	Integer  bool    // only whole numbers: a network parameter that is a count (n_exc)
}

// Check reports whether v, in internal units, is an allowed value: finite
// and within the bounds. The error names the parameter and gives the value
// in the model's unit.
func (s *ParamSpec) Check(v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%s = %v: not a finite number", s.Name, v)
	}
	if s.Integer && v != math.Trunc(v) {
		return fmt.Errorf("%s = %s: must be an integer%s", s.Name, s.Format(v), s.why())
	}
	low := v < s.Min || (s.MinOpen && v == s.Min)
	high := v > s.Max || (s.MaxOpen && v == s.Max)
	if !low && !high {
		return nil
	}
	return fmt.Errorf("%s = %s: must be %s%s", s.Name, s.Format(v), s.bounds(), s.why())
}

func (s *ParamSpec) why() string {
	if s.Rule == "" {
		return ""
	}
	return " (" + s.Rule + ")"
}

// bounds describes the allowed range in words.
func (s *ParamSpec) bounds() string {
	lo, hi := !math.IsInf(s.Min, -1), !math.IsInf(s.Max, 1)
	switch {
	case lo && hi:
		l, r := "[", "]"
		if s.MinOpen {
			l = "("
		}
		if s.MaxOpen {
			r = ")"
		}
		return fmt.Sprintf("in %s%s, %s%s", l, s.number(s.Min), s.Format(s.Max), r)
	case lo && s.Min == 0 && s.MinOpen:
		return "positive"
	case lo && s.Min == 0:
		return "zero or positive"
	case lo && s.MinOpen:
		return "greater than " + s.Format(s.Min)
	case lo:
		return "at least " + s.Format(s.Min)
	case hi && s.MaxOpen:
		return "less than " + s.Format(s.Max)
	}
	return "at most " + s.Format(s.Max)
}

// number formats v (internal units) in the model's unit, without the unit.
func (s *ParamSpec) number(v float64) string {
	if s.Scale != 0 && s.Scale != 1 {
		v /= s.Scale
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

// Format formats v (internal units) as a quantity in the model's unit, e.g.
// "20 mS/cm2".
func (s *ParamSpec) Format(v float64) string {
	if s.Unit == "" || s.Unit == "1" {
		return s.number(v)
	}
	return s.number(v) + " " + s.Unit
}

// Parse reads a quantity such as "20 mS/cm2", "20 (mS/cm2)", "-1ms" or,
// for a dimensionless parameter, a bare number; converts it exactly to
// internal units and checks it with Check. A quantity of the wrong
// dimension is refused with the model's unit named.
func (s *ParamSpec) Parse(quantity string) (float64, error) {
	num, unit, ok := splitQuantity(quantity)
	if !ok {
		return 0, fmt.Errorf("%s=%s: want a number with a unit, e.g. %s", s.Name, strings.TrimSpace(quantity), s.Format(s.example()))
	}
	want, err := units.Parse(s.Unit)
	if err != nil {
		return 0, fmt.Errorf("internal error: parameter %s has unit %q: %v", s.Name, s.Unit, err)
	}
	u := units.Dimensionless()
	if unit != "" {
		if u, err = units.Parse(unit); err != nil {
			return 0, fmt.Errorf("%s=%s: %v", s.Name, strings.TrimSpace(quantity), err)
		}
	}
	if u.Dim != want.Dim {
		return 0, fmt.Errorf("%s=%s: %s is in %s, not %s", s.Name, strings.TrimSpace(quantity), s.Name, want.Describe(), u.Describe())
	}
	v, err := units.ConvertLiteral(num, u)
	if err != nil {
		return 0, fmt.Errorf("%s=%s: %v", s.Name, strings.TrimSpace(quantity), err)
	}
	return v, s.Check(v)
}

func (s *ParamSpec) example() float64 {
	if s.Min > 0 || (s.Min == 0 && !math.IsInf(s.Max, 1)) {
		return s.Min
	}
	return s.Scale
}

// splitQuantity splits "20 (mS/cm2)" into "20" and "mS/cm2".
func splitQuantity(q string) (num, unit string, ok bool) {
	q = strings.TrimSpace(q)
	i := 0
	if i < len(q) && (q[i] == '-' || q[i] == '+') {
		i++
	}
	digits := 0
	for i < len(q) && (q[i] >= '0' && q[i] <= '9' || q[i] == '.') {
		if q[i] != '.' {
			digits++
		}
		i++
	}
	if digits == 0 {
		return "", "", false
	}
	if i < len(q) && (q[i] == 'e' || q[i] == 'E') {
		j := i + 1
		if j < len(q) && (q[j] == '-' || q[j] == '+') {
			j++
		}
		k := j
		for k < len(q) && q[k] >= '0' && q[k] <= '9' {
			k++
		}
		if k > j { // an exponent, not the start of a unit such as "eV"
			i = k
		}
	}
	num, unit = q[:i], strings.TrimSpace(q[i:])
	if strings.HasPrefix(unit, "(") {
		if !strings.HasSuffix(unit, ")") {
			return "", "", false
		}
		unit = strings.TrimSpace(unit[1 : len(unit)-1])
	}
	if strings.ContainsAny(unit, "()") {
		return "", "", false
	}
	return num, unit, true
}

// MaxMemory is the memory einetc allows a model to need (16 GiB), by its own
// estimate; the compiler refuses a larger model with the estimate, and the
// generated New refuses parameters that would need more.
const MaxMemory = 16 << 30

// RingBytes returns the memory of a spike ring of depth past steps for
// neurons neurons (NewSpikeRing(depth, neurons)), as a float64 so that
// absurd delays do not overflow.
func RingBytes(depth float64, neurons int) float64 {
	return (depth + 1) * float64(neurons) * 4
}

// DelaySteps converts a delay (ms) into a whole number of steps of dt,
// round(delay/dt) (halves away from zero), and refuses a delay whose spike
// ring for neurons neurons would need more than MaxMemory.
func DelaySteps(delay, dt float64, neurons int) (int, error) {
	steps := math.Round(delay / dt)
	if !(steps >= 0) {
		return 0, fmt.Errorf("delay %g ms is not a non-negative number of steps of dt = %g ms", delay, dt)
	}
	if b := RingBytes(steps+1, neurons); b > MaxMemory {
		return 0, fmt.Errorf("delay %g ms is %.4g steps of dt = %g ms: the spike ring would need %s, more than the %s limit", delay, steps, dt, HumanBytes(b), HumanBytes(MaxMemory))
	}
	return int(steps), nil
}

// HumanBytes formats b bytes with a binary prefix: "3.64 TiB".
func HumanBytes(b float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"}
	i := 0
	for b >= 1024 && i < len(units)-1 {
		b /= 1024
		i++
	}
	return fmt.Sprintf("%.3g %s", b, units[i])
}

// SpikeProbability checks that a Poisson source of rate (1/ms) spikes with
// a probability rate·dt of at most 1 per step of dt (ms): above that it
// would spike in every step, silently below its rate. name is the rate
// parameter's, for the message.
func SpikeProbability(name string, rate, dt float64) error {
	if p := rate * dt; p > 1 {
		return fmt.Errorf("%s = %g Hz at dt = %g ms is a spike probability of %.3g per step, more than 1 (a Poisson source spikes at most once per step): lower the rate or dt", name, rate*1000, dt, p)
	}
	return nil
}

// MaxRefractorySteps bounds a refractory period in steps: the generated code
// marks "no spike yet" as a step far in the past (math.MinInt32/2), so a
// longer period would suppress a neuron's first spike too.
const MaxRefractorySteps = 1 << 29

// RefractorySteps checks that a refractory period refr (ms) is at most
// MaxRefractorySteps steps of dt (ms). name is the parameter's, for the
// message.
func RefractorySteps(name string, refr, dt float64) error {
	if steps := math.Round(refr / dt); steps > MaxRefractorySteps {
		return fmt.Errorf("%s = %g ms at dt = %g ms is %.3g steps, more than the %d a refractory period may last", name, refr, dt, steps, MaxRefractorySteps)
	}
	return nil
}

// MaxSteps bounds the steps a model takes: the generated code keeps the step
// of each neuron's last spike in an int32. Step does nothing once a model has
// taken MaxSteps steps, and its Err reports StepLimitError.
const MaxSteps = math.MaxInt32

// StepLimitError is the error of a model that has taken MaxSteps steps of dt
// (ms).
func StepLimitError(dt float64) error {
	return fmt.Errorf("t=%g ms: the model has taken %d steps, the most a run may take; Step does nothing more", float64(MaxSteps)*dt, MaxSteps)
}
