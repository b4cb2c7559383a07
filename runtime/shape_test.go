package runtime

import (
	"strings"
	"testing"
)

// The structural checks refuse what the compiler refuses in a model's own
// values, with the same messages, and accept the rest.
func TestShapeChecks(t *testing.T) {
	ok := func(err error) string {
		if err == nil {
			return ""
		}
		return err.Error()
	}
	n, err := Count("group end", 3200)
	if n != 3200 || err != nil {
		t.Errorf("Count(3200) = %d, %v", n, err)
	}
	for _, v := range []float64{-1, 2400.5, 1e16} {
		if _, err := Count("group end", v); !strings.Contains(ok(err), "group end must be a non-negative integer, not ") {
			t.Errorf("Count(%g): %v", v, err)
		}
	}
	if err := PopulationSize(0); ok(err) != "population size 0 is out of range (1 to 100000000)" {
		t.Errorf("PopulationSize(0): %v", err)
	}
	if err := PopulationSize(MaxNeurons); err != nil {
		t.Error(err)
	}
	if err := GroupRange("E", "N", 0, 4001, 4000); ok(err) != "group E = N[0:4001] is not a non-empty range inside N[0:4000]" {
		t.Errorf("GroupRange: %v", err)
	}
	for _, c := range [][3]int{{3200, 3200, 4000}, {-1, 5, 4000}} {
		if GroupRange("I", "N", c[0], c[1], c[2]) == nil {
			t.Errorf("GroupRange(%v) accepted", c)
		}
	}
	if err := GroupRange("I", "N", 3200, 4000, 4000); err != nil {
		t.Error(err)
	}
	for _, c := range []struct {
		k       float64
		other   int
		replace bool
		want    int
		err     string
	}{
		{80, 4000, true, 80, ""},
		{0.02, 4000, true, 80, ""},
		{0.0001, 4000, true, 0, "degree 0.0001 × 4000 candidates rounds down to 0 connections"},
		{80.5, 4000, true, 0, "degree must be a positive integer or a fraction in (0, 1), not 80.5"},
		{0, 4000, true, 0, "degree must be a positive integer or a fraction in (0, 1), not 0"},
		{100, 50, false, 0, "fixed_outdegree(100) without replace needs at least 100 candidates, but there are 50 (add replace)"},
		{100, 50, true, 100, ""},
	} {
		n, err := Degree("fixed_outdegree", c.k, c.other, c.replace)
		if n != c.want || ok(err) != c.err {
			t.Errorf("Degree(%g, %d, %v) = %d, %v; want %d, %q", c.k, c.other, c.replace, n, err, c.want, c.err)
		}
	}
	if err := Probability(1.5); ok(err) != "connection probability 1.5 is outside [0, 1]" {
		t.Errorf("Probability(1.5): %v", err)
	}
	if Probability(0) != nil || Probability(1) != nil {
		t.Error("Probability refuses 0 or 1")
	}
	if err := SameSize(3, 4); ok(err) != "one_to_one needs pre and post of the same size, not 3 and 4" {
		t.Errorf("SameSize: %v", err)
	}
}

// An integer parameter refuses a fraction with its own name, as -set shows it.
func TestParamSpecInteger(t *testing.T) {
	s := ParamSpec{Name: "n_exc", Unit: "1", Internal: "1", Scale: 1, Max: 1e8, Integer: true, Rule: "a number of neurons"}
	if err := s.Check(2400); err != nil {
		t.Error(err)
	}
	if _, err := s.Parse("2400.5"); err == nil || err.Error() != "n_exc = 2400.5: must be an integer (a number of neurons)" {
		t.Errorf("Parse(2400.5): %v", err)
	}
	if _, err := s.Parse("-1"); err == nil || err.Error() != "n_exc = -1: must be in [0, 1e+08] (a number of neurons)" {
		t.Errorf("Parse(-1): %v", err)
	}
}
