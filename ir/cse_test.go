package ir

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestCSEMatchesReference compares cse, which numbers values once, with
// the search it replaced (one round per local, each finding the longest
// repeated Key), on random statements over a small alphabet, so that
// repeats are frequent: the same locals, in the same order, with the same
// values.
func TestCSEMatchesReference(t *testing.T) {
	shared, nested := 0, 0
	for seed := range uint64(10000) {
		got := formatStmts(cse(randomStmts(seed)))
		want := formatStmts(cseReference(randomStmts(seed)))
		if got != want {
			t.Fatalf("seed %d:\ngot:\n%s\nwant:\n%s", seed, got, want)
		}
		if strings.Contains(got, "cse1") {
			shared++
		}
		if strings.Contains(got, "cse3") {
			nested++
		}
	}
	if shared < 1500 || nested < 80 {
		t.Fatalf("too few cases share values to test anything: %d with one local, %d with three", shared, nested)
	}
	t.Logf("%d cases with a shared value, %d with three or more", shared, nested)
}

// randomStmts builds the same statements for the same seed.
func randomStmts(seed uint64) []*Stmt {
	r := rand.New(rand.NewPCG(seed, 1))
	states := []*State{{Name: "x"}, {Name: "y"}}
	params := []*Param{{Name: "p"}, {Name: "q"}}
	local := &Local{Name: "l", Value: &StateRef{S: states[0]}}
	var gen func(depth int) Expr
	gen = func(depth int) Expr {
		if depth == 0 || r.IntN(3) == 0 {
			switch r.IntN(8) {
			case 0:
				return &ParamRef{P: params[r.IntN(2)]}
			case 1:
				return Num(float64(r.IntN(3) - 1))
			case 2:
				return &LocalRef{L: local}
			case 3:
				return &Var{Name: "dt"}
			}
			return &StateRef{S: states[r.IntN(2)]}
		}
		switch r.IntN(12) {
		case 0:
			return &Call{Fn: "exp", Args: []Expr{gen(depth - 1)}}
		case 1:
			return &Call{Fn: "min", Args: []Expr{gen(depth - 1), gen(depth - 1)}}
		case 2:
			return &Unary{Op: "-", X: gen(depth - 1)}
		case 3:
			return &Cond{C: &Binary{Op: "<", X: gen(depth - 1), Y: gen(depth - 1)}, T: gen(depth - 1), E: gen(depth - 1)}
		}
		return &Binary{Op: []string{"+", "*"}[r.IntN(2)], X: gen(depth - 1), Y: gen(depth - 1)}
	}
	var stmts []*Stmt
	for i := range 1 + r.IntN(8) {
		v := gen(1 + r.IntN(5))
		if r.IntN(2) == 0 {
			stmts = append(stmts, &Stmt{Local: &Local{Name: "a" + strconv.Itoa(i), Value: v}, Value: v})
		} else {
			stmts = append(stmts, &Stmt{State: states[r.IntN(2)], Value: v})
		}
	}
	return stmts
}

func formatStmts(stmts []*Stmt) string {
	var b strings.Builder
	for _, s := range stmts {
		if s.Local != nil {
			b.WriteString("let " + s.Local.Name)
		} else {
			b.WriteString("set " + s.State.Name)
		}
		b.WriteString(" = " + Format(s.Value) + "\n")
	}
	return b.String()
}

// cseReference is the earlier cse: quadratic in the depth of an
// expression, kept as the definition of what cse computes.
func cseReference(stmts []*Stmt) []*Stmt {
	for n := 1; ; n++ {
		counts := map[string]int{}
		for _, s := range stmts {
			countSubtrees(s.Value, counts)
		}
		best := ""
		for k, c := range counts {
			if c >= 2 && (len(k) > len(best) || (len(k) == len(best) && k < best)) {
				best = k
			}
		}
		if best == "" {
			return stmts
		}
		var l *Local
		first := -1
		for i, s := range stmts {
			var found Expr
			s.Value = replaceKey(s.Value, best, func(e Expr) Expr {
				if l == nil {
					l = &Local{Name: "cse" + strconv.Itoa(n), Value: e}
				}
				found = e
				return &LocalRef{L: l}
			})
			if found != nil && first < 0 {
				first = i
			}
		}
		stmts = append(stmts[:first], append([]*Stmt{{Local: l, Value: l.Value}}, stmts[first:]...)...)
	}
}

func countSubtrees(e Expr, counts map[string]int) {
	if trivial(e) {
		return
	}
	counts[Key(e)]++
	for i := 0; childAt(e, i) != nil; i++ {
		countSubtrees(childAt(e, i), counts)
	}
}

// replaceKey replaces every subtree whose Key is key by f(subtree).
func replaceKey(e Expr, key string, f func(Expr) Expr) Expr {
	if trivial(e) {
		return e
	}
	if Key(e) == key {
		return f(e)
	}
	return mapChildren(e, func(c Expr) Expr { return replaceKey(c, key, f) })
}
