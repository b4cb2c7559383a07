package runtime

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// checkCSR verifies the CSR invariants: Ptr shape, indices in range,
// ascending rows, and no self connection when spec forbids it.
func checkCSR(t *testing.T, c CSR, s ConnSpec) {
	t.Helper()
	if len(c.Ptr) != s.NPre+1 || c.Ptr[0] != 0 || int(c.Ptr[s.NPre]) != len(c.Idx) {
		t.Fatalf("bad Ptr: len %d (want %d), first %v, last %v, len(Idx) %d", len(c.Ptr), s.NPre+1, c.Ptr[0], c.Ptr[len(c.Ptr)-1], len(c.Idx))
	}
	for i := 0; i < s.NPre; i++ {
		row := c.Row(i)
		if !slices.IsSorted(row) {
			t.Fatalf("row %d not sorted: %v", i, row)
		}
		for _, j := range row {
			if j < 0 || int(j) >= s.NPost {
				t.Fatalf("row %d: target %d out of range [0, %d)", i, j, s.NPost)
			}
			if s.NoSelf && s.SamePop && int(j) == i+s.SelfOffset {
				t.Fatalf("row %d: self connection to %d", i, j)
			}
		}
	}
}

// inDegrees returns the number of synapses onto each post neuron.
func inDegrees(c CSR, nPost int) []int {
	d := make([]int, nPost)
	for _, j := range c.Idx {
		d[j]++
	}
	return d
}

// hasDuplicates reports whether some row lists a target twice.
func hasDuplicates(c CSR) bool {
	for i := 0; i+1 < len(c.Ptr); i++ {
		row := c.Row(i)
		for k := 1; k < len(row); k++ {
			if row[k] == row[k-1] {
				return true
			}
		}
	}
	return false
}

// degreeRule is FixedOutdegree or FixedIndegree.
type degreeRule func(ConnSpec, int) (CSR, error)

func TestFixedDegree(t *testing.T) {
	rules := []struct {
		name string
		f    degreeRule
		out  bool // the fixed degree is per pre neuron
	}{
		{"outdegree", FixedOutdegree, true},
		{"indegree", FixedIndegree, false},
	}
	specs := []struct {
		name string
		s    ConnSpec
		k    int
		dups bool // duplicates expected (with replacement, small population)
	}{
		{"replace", ConnSpec{NPre: 50, NPost: 8, Replace: true}, 6, true},
		{"replace-noself", ConnSpec{NPre: 30, NPost: 30, SamePop: true, NoSelf: true, Replace: true}, 20, true},
		{"distinct", ConnSpec{NPre: 40, NPost: 30}, 30, false},
		{"distinct-noself", ConnSpec{NPre: 30, NPost: 30, SamePop: true, NoSelf: true}, 29, false},
		{"distinct-offset", ConnSpec{NPre: 20, NPost: 25, SamePop: true, NoSelf: true, SelfOffset: 10}, 24, false},
		{"negative-offset", ConnSpec{NPre: 40, NPost: 10, SamePop: true, NoSelf: true, SelfOffset: -30, Replace: true}, 5, true},
		{"zero-degree", ConnSpec{NPre: 5, NPost: 5}, 0, false},
		{"empty-pre", ConnSpec{NPre: 0, NPost: 5}, 3, false},
		{"braincell", ConnSpec{NPre: 400, NPost: 400, Replace: true}, 8, false},
	}
	for _, r := range rules {
		for _, sp := range specs {
			t.Run(r.name+"/"+sp.name, func(t *testing.T) {
				s := sp.s
				s.Seed, s.Stream = 42, 7
				if !r.out { // mirror the spec, so the same degree is feasible
					s.NPre, s.NPost, s.SelfOffset = s.NPost, s.NPre, -s.SelfOffset
				}
				c, err := r.f(s, sp.k)
				if err != nil {
					t.Fatal(err)
				}
				checkCSR(t, c, s)
				if r.out {
					for i := 0; i < s.NPre; i++ {
						if n := len(c.Row(i)); n != sp.k {
							t.Fatalf("row %d has %d targets, want %d", i, n, sp.k)
						}
					}
				} else {
					for j, n := range inDegrees(c, s.NPost) {
						if n != sp.k {
							t.Fatalf("post %d has %d sources, want %d", j, n, sp.k)
						}
					}
				}
				if sp.dups && !hasDuplicates(c) {
					t.Error("no multapses, but sampling with replacement from a small population should make some")
				}
				if !s.Replace && hasDuplicates(c) {
					t.Error("multapses without replacement")
				}
				again, _ := r.f(s, sp.k)
				if !slices.Equal(again.Ptr, c.Ptr) || !slices.Equal(again.Idx, c.Idx) {
					t.Error("same spec gave a different CSR")
				}
				s.Stream++
				other, _ := r.f(s, sp.k)
				if len(c.Idx) > 0 && sp.k < min(s.NPre, s.NPost)-1 && slices.Equal(other.Idx, c.Idx) {
					t.Error("a different stream gave the same CSR")
				}
			})
		}
	}
}

// TestFixedOutdegreeUniform checks that targets are uniform: over many
// rows each post neuron is hit about equally often (chi-square bound),
// with and without replacement.
func TestFixedOutdegreeUniform(t *testing.T) {
	for _, replace := range []bool{true, false} {
		s := ConnSpec{Seed: 1, Stream: 2, NPre: 20000, NPost: 20, Replace: replace}
		c, err := FixedOutdegree(s, 5)
		if err != nil {
			t.Fatal(err)
		}
		d := inDegrees(c, s.NPost)
		exp := float64(len(c.Idx)) / float64(s.NPost)
		chi2 := 0.0
		for _, n := range d {
			chi2 += (float64(n) - exp) * (float64(n) - exp) / exp
		}
		// Without replacement the counts vary less than multinomial, so
		// the same bound is conservative.
		if df := float64(s.NPost - 1); chi2 > df+6*math.Sqrt(2*df) {
			t.Errorf("replace=%v: chi-square %.1f; in-degrees %v", replace, chi2, d)
		}
	}
}

// TestFixedDegreeRowsIndependent checks that a row depends only on its
// own stream: a larger population leaves the common rows unchanged.
func TestFixedDegreeRowsIndependent(t *testing.T) {
	small, _ := FixedOutdegree(ConnSpec{Seed: 3, Stream: 4, NPre: 10, NPost: 50}, 7)
	large, _ := FixedOutdegree(ConnSpec{Seed: 3, Stream: 4, NPre: 100, NPost: 50}, 7)
	for i := 0; i < 10; i++ {
		if !slices.Equal(small.Row(i), large.Row(i)) {
			t.Fatalf("row %d differs: %v vs %v", i, small.Row(i), large.Row(i))
		}
	}
}

func TestFixedDegreeErrors(t *testing.T) {
	tests := []struct {
		name string
		f    degreeRule
		s    ConnSpec
		k    int
		want string
	}{
		{"too many", FixedOutdegree, ConnSpec{NPre: 3, NPost: 5}, 6, "degree 6 exceeds the 5 candidate neurons"},
		{"too many noself", FixedOutdegree, ConnSpec{NPre: 5, NPost: 5, SamePop: true, NoSelf: true}, 5, "exceeds the 4 candidate"},
		{"too many indegree", FixedIndegree, ConnSpec{NPre: 5, NPost: 3}, 6, "degree 6 exceeds the 5 candidate"},
		{"no candidates", FixedOutdegree, ConnSpec{NPre: 1, NPost: 1, SamePop: true, NoSelf: true, Replace: true}, 1, "no candidate neurons"},
		{"no post", FixedOutdegree, ConnSpec{NPre: 2, NPost: 0, Replace: true}, 1, "no candidate neurons"},
		{"negative k", FixedIndegree, ConnSpec{NPre: 2, NPost: 2}, -1, "negative degree -1"},
		{"negative n", FixedOutdegree, ConnSpec{NPre: -2, NPost: 2}, 1, "negative population size"},
		{"huge", FixedOutdegree, ConnSpec{NPre: 100000, NPost: 100000, Replace: true}, 30000, "3000000000 synapses exceed the limit of 2147483647 (estimated memory 11.2 GiB)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.f(tt.s, tt.k)
			wantError(t, err, tt.want)
		})
	}
}

// TestCheckSize checks the memory bound, which the rules cannot reach in
// a test without first passing the synapse bound.
func TestCheckSize(t *testing.T) {
	if err := checkSize("r", 1e9, 1000, 4); err != nil {
		t.Errorf("8 GB: %v", err)
	}
	wantError(t, checkSize("r", 2.1e9, 1000, 4.5), "r: 2100000000 synapses need an estimated 16.6 GiB, more than the limit of 16.0 GiB")
	wantError(t, checkSize("r", 1<<31, 0, 0), "r: 2147483648 synapses exceed the limit of 2147483647 (estimated memory 8.0 GiB)")
}

func TestBernoulli(t *testing.T) {
	tests := []struct {
		name string
		s    ConnSpec
		p    float64
	}{
		{"sparse", ConnSpec{NPre: 400, NPost: 500}, 0.02},
		{"dense", ConnSpec{NPre: 100, NPost: 100}, 0.7},
		{"noself", ConnSpec{NPre: 300, NPost: 300, SamePop: true, NoSelf: true}, 0.1},
		{"one", ConnSpec{NPre: 20, NPost: 30, SamePop: true, NoSelf: true, SelfOffset: 5}, 1},
		{"zero", ConnSpec{NPre: 20, NPost: 30}, 0},
		{"tiny", ConnSpec{NPre: 1000, NPost: 1000}, 1e-5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.s
			s.Seed, s.Stream = 9, 1
			c, err := Bernoulli(s, tt.p)
			if err != nil {
				t.Fatal(err)
			}
			checkCSR(t, c, s)
			if hasDuplicates(c) {
				t.Error("Bernoulli made a multapse")
			}
			pairs := float64(s.NPre) * float64(s.NPost)
			if s.NoSelf {
				for i := 0; i < s.NPre; i++ {
					if s.self(i) >= 0 {
						pairs--
					}
				}
			}
			mean, sd := tt.p*pairs, math.Sqrt(pairs*tt.p*(1-tt.p))
			if got := float64(c.NumSynapses()); math.Abs(got-mean) > 5*sd {
				t.Errorf("%v synapses, want %v ± 5·%.1f", got, mean, sd)
			}
			again, _ := Bernoulli(s, tt.p)
			if !slices.Equal(again.Idx, c.Idx) || !slices.Equal(again.Ptr, c.Ptr) {
				t.Error("same spec gave a different CSR")
			}
			s.Stream++
			other, _ := Bernoulli(s, tt.p)
			if tt.p > 0 && tt.p < 1 && slices.Equal(other.Idx, c.Idx) {
				t.Error("a different stream gave the same CSR")
			}
		})
	}
}

// TestBernoulliPairProbability checks the geometric skipping: every
// column, including the first and last, is hit with probability p.
func TestBernoulliPairProbability(t *testing.T) {
	const p = 0.3
	s := ConnSpec{Seed: 5, Stream: 6, NPre: 20000, NPost: 10}
	c, err := Bernoulli(s, p)
	if err != nil {
		t.Fatal(err)
	}
	sd := math.Sqrt(float64(s.NPre) * p * (1 - p))
	for j, n := range inDegrees(c, s.NPost) {
		if math.Abs(float64(n)-p*float64(s.NPre)) > 5*sd {
			t.Errorf("column %d hit %d times, want %v ± %.0f", j, n, p*float64(s.NPre), 5*sd)
		}
	}
}

func TestBernoulliErrors(t *testing.T) {
	for _, p := range []float64{-0.1, 1.5, math.NaN()} {
		_, err := Bernoulli(ConnSpec{NPre: 2, NPost: 2}, p)
		wantError(t, err, fmt.Sprintf("probability %v not in [0, 1]", p))
	}
	_, err := Bernoulli(ConnSpec{NPre: 1000000, NPost: 1000000}, 0.01)
	wantError(t, err, "bernoulli: 10000000000 synapses exceed the limit")
}

func TestOneToOne(t *testing.T) {
	s := ConnSpec{NPre: 5, NPost: 5}
	c, err := OneToOne(s)
	if err != nil {
		t.Fatal(err)
	}
	checkCSR(t, c, s)
	if want := []int32{0, 1, 2, 3, 4}; !slices.Equal(c.Idx, want) || c.NumSynapses() != 5 {
		t.Errorf("Idx = %v, want %v", c.Idx, want)
	}
	s = ConnSpec{NPre: 4, NPost: 4, SamePop: true, NoSelf: true}
	if c, _ = OneToOne(s); c.NumSynapses() != 0 {
		t.Errorf("NoSelf one-to-one within a population: %v, want none", c.Idx)
	}
	s.SelfOffset = 1 // i → i is not a neuron and itself
	if c, _ = OneToOne(s); c.NumSynapses() != 4 {
		t.Errorf("with offset: %v, want 4 synapses", c.Idx)
	}
	_, err = OneToOne(ConnSpec{NPre: 4, NPost: 5})
	wantError(t, err, "one_to_one: 4 presynaptic but 5 postsynaptic neurons")
}

func TestAllToAll(t *testing.T) {
	s := ConnSpec{NPre: 3, NPost: 4, SamePop: true, NoSelf: true, SelfOffset: 1}
	c, err := AllToAll(s)
	if err != nil {
		t.Fatal(err)
	}
	checkCSR(t, c, s)
	want := CSR{Ptr: []int32{0, 3, 6, 9}, Idx: []int32{0, 2, 3, 0, 1, 3, 0, 1, 2}}
	if !slices.Equal(c.Ptr, want.Ptr) || !slices.Equal(c.Idx, want.Idx) {
		t.Errorf("got %v, want %v", c, want)
	}
	if c, _ = AllToAll(ConnSpec{NPre: 3, NPost: 4}); c.NumSynapses() != 12 || c.NumPre() != 3 {
		t.Errorf("plain all-to-all: %d synapses, %d rows", c.NumSynapses(), c.NumPre())
	}
	_, err = AllToAll(ConnSpec{NPre: 100000, NPost: 100000})
	wantError(t, err, "all_to_all: 10000000000 synapses exceed the limit of 2147483647 (estimated memory 37.3 GiB)")
}

func TestFromPairs(t *testing.T) {
	pre := []int64{2, 0, 2, 1, 0, 2, 2}
	post := []int64{3, 1, 0, 2, 1, 3, 1}
	c, perm, err := FromPairsPerm(pre, post, 4, 5, "conn.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := CSR{Ptr: []int32{0, 2, 3, 7, 7}, Idx: []int32{1, 1, 2, 0, 1, 3, 3}}
	if !slices.Equal(c.Ptr, want.Ptr) || !slices.Equal(c.Idx, want.Idx) {
		t.Errorf("got %v, want %v", c, want)
	}
	// Duplicates keep file order: rows 1 and 4 are (0, 1); rows 0 and 5
	// are (2, 3).
	if wantPerm := []int32{5, 0, 3, 2, 1, 6, 4}; !slices.Equal(perm, wantPerm) {
		t.Errorf("perm = %v, want %v", perm, wantPerm)
	}
	for r := range pre {
		if k := perm[r]; int64(c.Idx[k]) != post[r] || k < c.Ptr[pre[r]] || k >= c.Ptr[pre[r]+1] {
			t.Errorf("row %d (%d, %d) maps to synapse %d", r, pre[r], post[r], k)
		}
	}
	if c2, err := FromPairs(pre, post, 4, 5, "conn.csv"); err != nil || !slices.Equal(c2.Idx, c.Idx) {
		t.Errorf("FromPairs disagrees with FromPairsPerm: %v, %v", c2, err)
	}
}

func TestFromPairsErrors(t *testing.T) {
	tests := []struct {
		pre, post []int64
		want      string
	}{
		{[]int64{0, 1, 9}, []int64{0, 1, 2}, "conn.npy: row 2: pre index 9 out of range [0, 3)"},
		{[]int64{0, 1}, []int64{0, -1}, "conn.npy: row 1: post index -1 out of range [0, 4)"},
		{[]int64{0, -3}, []int64{0, 1}, "conn.npy: row 1: pre index -3 out of range [0, 3)"},
		{[]int64{0, 1}, []int64{0}, "conn.npy: 2 presynaptic but 1 postsynaptic indices"},
	}
	for _, tt := range tests {
		_, err := FromPairs(tt.pre, tt.post, 3, 4, "conn.npy")
		wantError(t, err, tt.want)
	}
}

// TestDegreeStreams pins the documented streams: row i of a fixed
// out-degree with replacement is k draws Intn(NPost) from
// Key(seed, stream, i, 1), sorted (numpy randint semantics), and the
// sources of post neuron j of a fixed in-degree are k draws Intn(NPre)
// from Key(seed, stream, j, 2).
func TestDegreeStreams(t *testing.T) {
	const k = 6
	s := ConnSpec{Seed: 77, Stream: 3, NPre: 15, NPost: 9, Replace: true}
	out, _ := FixedOutdegree(s, k)
	for i := 0; i < s.NPre; i++ {
		st := Key(s.Seed, s.Stream, uint64(i), 1)
		want := make([]int32, k)
		for t := range want {
			want[t] = int32(st.Intn(s.NPost))
		}
		slices.Sort(want)
		if got := out.Row(i); !slices.Equal(got, want) {
			t.Errorf("out-degree row %d = %v, want %v", i, got, want)
		}
	}
	in, _ := FixedIndegree(s, k)
	got := make([][]int32, s.NPost)
	for i := 0; i < s.NPre; i++ {
		for _, j := range in.Row(i) {
			got[j] = append(got[j], int32(i))
		}
	}
	for j := 0; j < s.NPost; j++ {
		st := Key(s.Seed, s.Stream, uint64(j), 2)
		want := make([]int32, k)
		for t := range want {
			want[t] = int32(st.Intn(s.NPre))
		}
		slices.Sort(want)
		if !slices.Equal(got[j], want) {
			t.Errorf("in-degree sources of %d = %v, want %v", j, got[j], want)
		}
	}
}

// TestPartStarts checks the table against a search of each row for the
// first target of each chunk, with targets that start inside the
// population (post > 0), and that it is nil where the delivery searches.
func TestPartStarts(t *testing.T) {
	c, err := FixedOutdegree(ConnSpec{Seed: 3, Stream: 1, NPre: 50, NPost: 300}, 40)
	if err != nil {
		t.Fatal(err)
	}
	const neurons, post = 400, 100 // targets are neurons 100..399
	for _, parts := range []int{2, 3, 4, 7, 10} {
		starts := c.PartStarts(parts, neurons, post)
		if len(starts) != c.NumPre()*parts {
			t.Fatalf("%d parts: %d entries, want %d", parts, len(starts), c.NumPre()*parts)
		}
		for i := range c.NumPre() {
			row := c.Row(i)
			for k := range parts {
				lo, _ := Part(k, parts, neurons)
				r := int(starts[i*parts+k])
				if r > len(row) || r < len(row) && int(row[r])+post < lo || r > 0 && int(row[r-1])+post >= lo {
					t.Fatalf("%d parts, row %d, part %d: start %d is not the first target at or after neuron %d", parts, i, k, r, lo)
				}
			}
		}
	}
	if c.PartStarts(1, neurons, post) != nil {
		t.Error("one part: a table, want nil")
	}
	if c.PartStarts(11, neurons, post) != nil { // 50·11 > 2000/4 entries
		t.Error("11 parts of rows of 40: a table, want nil (more than a quarter of Idx)")
	}
}
