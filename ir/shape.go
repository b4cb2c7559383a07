package ir

import (
	"fmt"

	einrt "github.com/einetc/einetc/runtime"
)

// The structure of a network (population sizes, group bounds, the degree
// or probability of a connection rule) may be computed from the NETWORK's
// PARAMETERs. The Size, Lo, Hi, N and P fields of the IR hold the values
// with the parameters' own values; SizeExpr, LoExpr, HiExpr, KExpr and
// PExpr say how to compute them for other values, as the generated New
// does. Shape computes them here, with the same checks (package runtime's
// Count, PopulationSize, GroupRange, Degree, Probability, SameSize).

// Structural reports whether the network's structure depends on parameters.
func (m *Module) Structural() bool {
	for _, p := range m.Pops {
		if p.SizeExpr != nil {
			return true
		}
	}
	for _, g := range m.Groups {
		if g.LoExpr != nil || g.HiExpr != nil {
			return true
		}
	}
	for _, pr := range m.Projs {
		if pr.Connect.KExpr != nil || pr.Connect.PExpr != nil {
			return true
		}
	}
	return false
}

// EvalConst evaluates a constant expression (numbers and parameters), each
// parameter with value(p).
func EvalConst(e Expr, value func(*Param) float64) float64 {
	switch e := e.(type) {
	case *Const:
		return e.V
	case *ParamRef:
		return value(e.P)
	case *Unary:
		x := EvalConst(e.X, value)
		switch e.Op {
		case "-":
			return -x
		case "+":
			return x
		}
		return b2f(x == 0)
	case *Binary:
		return evalBinary(e.Op, EvalConst(e.X, value), EvalConst(e.Y, value))
	case *Call:
		if len(e.Args) == 1 {
			v, _ := evalBuiltin(e.Fn, EvalConst(e.Args[0], value))
			return v
		}
		return evalCall2(e.Fn, EvalConst(e.Args[0], value), EvalConst(e.Args[1], value))
	case *Cond:
		if EvalConst(e.C, value) != 0 {
			return EvalConst(e.T, value)
		}
		return EvalConst(e.E, value)
	}
	panic(fmt.Sprintf("ir: EvalConst of %T", e))
}

// Shape is the structure of a network for given parameter values.
type Shape struct {
	Size, Offset map[*Population]int
	Lo, Hi       map[*Group]int
	Degree       map[*Projection]int     // fixed_outdegree, fixed_indegree
	Prob         map[*Projection]float64 // bernoulli
	Neurons      int
}

// Range returns r's bounds, relative to its population, in sh.
func (sh *Shape) Range(r Range) (lo, hi int) {
	if r.Group != nil {
		return sh.Lo[r.Group], sh.Hi[r.Group]
	}
	return 0, sh.Size[r.Pop]
}

// Shape computes the network's structure with the parameter values of
// value (nil, or a parameter missing from it: the parameter's own value)
// and checks it as the compiler checks the model's own values and the
// generated New checks its parameters. The first error found is returned,
// prefixed with what it is about ("population N: ").
func (m *Module) Shape(value map[*Param]float64) (*Shape, error) {
	get := func(p *Param) float64 {
		if v, ok := value[p]; ok {
			return v
		}
		return p.Value
	}
	sh := &Shape{Size: map[*Population]int{}, Offset: map[*Population]int{}, Lo: map[*Group]int{}, Hi: map[*Group]int{},
		Degree: map[*Projection]int{}, Prob: map[*Projection]float64{}}
	for _, p := range m.Pops {
		n := p.Size
		if p.SizeExpr != nil {
			var err error
			if n, err = einrt.Count("population size", EvalConst(p.SizeExpr, get)); err != nil {
				return nil, fmt.Errorf("population %s: %v", p.Name, err)
			}
			if err := einrt.PopulationSize(n); err != nil {
				return nil, fmt.Errorf("population %s: %v", p.Name, err)
			}
		}
		sh.Size[p], sh.Offset[p] = n, sh.Neurons
		sh.Neurons += n
	}
	if sh.Neurons > einrt.MaxNeurons {
		return nil, fmt.Errorf("the network has %d neurons, more than %d", sh.Neurons, einrt.MaxNeurons)
	}
	for _, g := range m.Groups {
		lo, hi, err := g.Lo, g.Hi, error(nil)
		if g.LoExpr != nil {
			if lo, err = einrt.Count("group start", EvalConst(g.LoExpr, get)); err != nil {
				return nil, fmt.Errorf("group %s: %v", g.Name, err)
			}
		}
		if g.HiExpr != nil {
			if hi, err = einrt.Count("group end", EvalConst(g.HiExpr, get)); err != nil {
				return nil, fmt.Errorf("group %s: %v", g.Name, err)
			}
		}
		if err := einrt.GroupRange(g.Name, g.Pop.Name, lo, hi, sh.Size[g.Pop]); err != nil {
			return nil, err
		}
		sh.Lo[g], sh.Hi[g] = lo, hi
	}
	for _, pr := range m.Projs {
		if err := m.shapeProj(sh, pr, get); err != nil {
			return nil, fmt.Errorf("projection %s: %v", pr.Name, err)
		}
	}
	return sh, nil
}

func (m *Module) shapeProj(sh *Shape, pr *Projection, get func(*Param) float64) error {
	r := &pr.Connect
	preLo, preHi := sh.Range(pr.Pre)
	postLo, postHi := sh.Range(pr.Post)
	pre, post := preHi-preLo, postHi-postLo
	switch r.Kind {
	case "fixed_outdegree", "fixed_indegree":
		other := post
		if r.Kind == "fixed_indegree" {
			other = pre
		}
		k := r.K
		if r.KExpr != nil {
			k = EvalConst(r.KExpr, get)
		} else if k == 0 {
			k = float64(r.N) // a Module built without K
		}
		n, err := einrt.Degree(r.Kind, k, other, r.Replace)
		if err != nil {
			return err
		}
		sh.Degree[pr] = n
	case "bernoulli":
		p := r.P
		if r.PExpr != nil {
			p = EvalConst(r.PExpr, get)
		}
		if err := einrt.Probability(p); err != nil {
			return err
		}
		sh.Prob[pr] = p
	case "one_to_one":
		return einrt.SameSize(pre, post)
	}
	return nil
}

// Resized returns a copy of m with the structure of sh: its populations,
// groups and projections are copies with sh's sizes, offsets, bounds,
// degrees and probabilities, and Neurons is sh's. It is what einetc reports
// and estimates the memory of for a run with overridden parameters; code is
// generated from m itself, which computes the same structure in New.
func (m *Module) Resized(sh *Shape) *Module {
	c := *m
	pops := map[*Population]*Population{}
	c.Pops = nil
	for _, p := range m.Pops {
		q := *p
		q.Size, q.Offset = sh.Size[p], sh.Offset[p]
		pops[p] = &q
		c.Pops = append(c.Pops, &q)
	}
	groups := map[*Group]*Group{}
	c.Groups = nil
	for _, g := range m.Groups {
		h := *g
		h.Pop, h.Lo, h.Hi = pops[g.Pop], sh.Lo[g], sh.Hi[g]
		groups[g] = &h
		c.Groups = append(c.Groups, &h)
	}
	rng := func(r Range) Range {
		r.Lo, r.Hi = sh.Range(r)
		r.Pop = pops[r.Pop]
		if r.Group != nil {
			r.Group = groups[r.Group]
		}
		return r
	}
	c.Projs = nil
	for _, pr := range m.Projs {
		q := *pr
		q.Pre, q.Post = rng(pr.Pre), rng(pr.Post)
		if n, ok := sh.Degree[pr]; ok {
			q.Connect.N = n
		}
		if p, ok := sh.Prob[pr]; ok {
			q.Connect.P = p
		}
		c.Projs = append(c.Projs, &q)
	}
	c.Neurons = sh.Neurons
	return &c
}
