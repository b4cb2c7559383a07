package sweep

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseAxis(t *testing.T) {
	for _, c := range []struct {
		in     string
		name   string
		unit   string
		values []float64
		log    bool
	}{
		{"I.weight=20,40,67,100,150 nS", "I.weight", "nS", []float64{20, 40, 67, 100, 150}, false},
		{" I.weight = 20, 40 (nS)", "I.weight", "nS", []float64{20, 40}, false},
		{"I.weight=20..150/14 nS", "I.weight", "nS", []float64{20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150}, false},
		{"g=1..1000/4 log mS/cm2", "g", "mS/cm2", []float64{1, 10, 100, 1000}, true},
		{"seed=1..8", "seed", "", []float64{1, 2, 3, 4, 5, 6, 7, 8}, false},
		{"seed=3..3", "seed", "", []float64{3}, false},
		{"x=1e3,2.5e-1", "x", "", []float64{1000, 0.25}, false},
		{"duration=1,2 s", "duration", "s", []float64{1, 2}, false},
		{"r=0.1..0.3/3 (1/ms)", "r", "1/ms", []float64{0.1, 0.2, 0.3}, false},
		{"v=-70..-50/3 mV", "v", "mV", []float64{-70, -60, -50}, false},
	} {
		a, err := ParseAxis(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if a.Name != c.name || a.Unit != c.unit || a.Log != c.log || !reflect.DeepEqual(a.Values, c.values) {
			t.Errorf("%q: got %s %q %v log=%v, want %s %q %v log=%v", c.in, a.Name, a.Unit, a.Values, a.Log, c.name, c.unit, c.values, c.log)
		}
	}
}

func TestParseAxisErrors(t *testing.T) {
	for in, want := range map[string]string{
		"I.weight":              "want NAME=VALUES",
		"=1,2":                  "want NAME=VALUES",
		"I.weight=nS":           "no values",
		"I.weight=":             "no values",
		"I.weight=1,,2 nS":      "an empty value",
		"I.weight=5..1/3 nS":    "is empty: want lo < hi",
		"I.weight=1..5/1 nS":    "the count after / must be",
		"I.weight=1..5/x nS":    "malformed values",
		"I.weight=1..5/0 nS":    "the count after / must be",
		"seed=8..1":             "is empty: want lo <= hi",
		"seed=1.5..3":           "a range is of integers",
		"g=0..10/3 log nS":      "a log range needs 0 < lo",
		"g=1..10 log nS":        "a log range needs a count",
		"g=1,2 log nS":          "log applies to a range",
		"g=1..2..3/4 nS":        "not a number",
		"seed=1..100000000":     "more than",
		"I.weight=1,2 (nS":      "unbalanced parentheses",
		"I.weight=1.2.3,4 nS":   "not a number",
		"I.weight=1..9/3000000": "the count after / must be",
	} {
		_, err := ParseAxis(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want an error with %q", in, err, want)
		}
	}
}

// TestRangeValuesRoundTrip checks that a range's values print as a user
// would type them and parse back to the same float64: 20..150/14 gives 30,
// not 29.999999999999996.
func TestRangeValuesRoundTrip(t *testing.T) {
	a, err := ParseAxis("w=0.1..0.7/7 nS")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"0.1 nS", "0.2 nS", "0.3 nS", "0.4 nS", "0.5 nS", "0.6 nS", "0.7 nS"}
	for i := range a.Values {
		if a.Text(i) != want[i] {
			t.Errorf("value %d: %q, want %q", i, a.Text(i), want[i])
		}
	}
}

func TestPointsProductAndZip(t *testing.T) {
	w, err := ParseDim("I.weight=20,67 nS; E.weight=6,7 nS")
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParseDim("seed=1..3")
	if err != nil {
		t.Fatal(err)
	}
	g := Grid{w, s}
	if g.Size() != 6 {
		t.Fatalf("size %d, want 6", g.Size())
	}
	var got []string
	for _, p := range g.Points() {
		got = append(got, p.ID+":"+strings.Join(g.Values(p), "/"))
	}
	want := []string{"0000:20 nS/6 nS/1", "0001:20 nS/6 nS/2", "0002:20 nS/6 nS/3", "0003:67 nS/7 nS/1", "0004:67 nS/7 nS/2", "0005:67 nS/7 nS/3"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("points\n got %v\nwant %v", got, want)
	}
	if _, err := ParseDim("a=1,2; a=3,4"); err == nil {
		t.Error("an axis given twice in a zip is accepted")
	}
	big := Grid{}
	for range 5 {
		d, _ := ParseDim("seed=1..100000")
		big = append(big, d)
	}
	if big.Size() <= MaxPoints {
		t.Errorf("an overflowing grid has size %d", big.Size())
	}
}
