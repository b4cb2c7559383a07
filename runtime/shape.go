package runtime

import (
	"fmt"
	"math"
	"strconv"
)

// The structure of a network (population sizes, group bounds, the degree
// or probability of a connection rule) may be computed from network
// parameters, which a user overrides at run time (`GROUP E = N[0:n_exc]`,
// `-set n_exc=2400`). The functions below are the checks of such values:
// einetc applies them to the model's own values when it compiles the model
// and to overridden ones before a run, and the generated New applies them
// when it lays the network out, so all three refuse the same values with
// the same message.

// MaxNeurons bounds the size of a population, so that a typo (4000000000)
// is refused before anything is allocated.
const MaxNeurons = 100_000_000

// maxCount bounds any count before it is converted to an int.
const maxCount = 1e15

// Count converts v, the value of what ("population size", "group end"), to
// an int: it must be a whole number, not negative.
func Count(what string, v float64) (int, error) {
	if !(v >= 0 && v <= maxCount && v == math.Trunc(v)) {
		return 0, fmt.Errorf("%s must be a non-negative integer, not %s", what, formatNum(v))
	}
	return int(v), nil
}

// PopulationSize checks a population's number of neurons.
func PopulationSize(n int) error {
	if n < 1 || n > MaxNeurons {
		return fmt.Errorf("population size %d is out of range (1 to %d)", n, MaxNeurons)
	}
	return nil
}

// GroupRange checks GROUP group = pop[lo:hi] against the population's size:
// a non-empty range inside it.
func GroupRange(group, pop string, lo, hi, size int) error {
	if lo < 0 || lo >= hi || hi > size {
		return fmt.Errorf("group %s = %s[%d:%d] is not a non-empty range inside %s[0:%d]", group, pop, lo, hi, pop, size)
	}
	return nil
}

// Degree converts the k of fixed_outdegree or fixed_indegree (kind) into a
// number of connections per neuron: a positive integer, or a fraction in
// (0, 1) of other, the number of candidates on the other side, rounded
// down as braincell does. Without replace, k may not exceed other.
func Degree(kind string, k float64, other int, replace bool) (int, error) {
	var n int
	switch {
	case k > 0 && k < 1:
		n = int(math.Floor(k * float64(other)))
		if n == 0 {
			return 0, fmt.Errorf("degree %s × %d candidates rounds down to 0 connections", formatNum(k), other)
		}
	case k >= 1 && k == math.Trunc(k) && k <= 1e9:
		n = int(k)
	default:
		return 0, fmt.Errorf("degree must be a positive integer or a fraction in (0, 1), not %s", formatNum(k))
	}
	if !replace && n > other {
		return 0, fmt.Errorf("%s(%d) without replace needs at least %d candidates, but there are %d (add replace)", kind, n, n, other)
	}
	return n, nil
}

// Probability checks the p of bernoulli(p).
func Probability(p float64) error {
	if !(p >= 0 && p <= 1) {
		return fmt.Errorf("connection probability %s is outside [0, 1]", formatNum(p))
	}
	return nil
}

// SameSize checks the sides of one_to_one.
func SameSize(pre, post int) error {
	if pre != post {
		return fmt.Errorf("one_to_one needs pre and post of the same size, not %d and %d", pre, post)
	}
	return nil
}

func formatNum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
