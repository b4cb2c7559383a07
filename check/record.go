package check

import (
	"github.com/einetc/einetc/dsl"

	"github.com/einetc/einetc/ir"
)

// record checks RECORD spikes, RECORD X.spikes and RECORD X.state[lo:hi],
// where X is a population, a group or a projection.
func (c *checker) record(mod *ir.Module, nb *netBuild, r *dsl.Record) {
	parts := r.Path.Parts
	if r.Path.String() == "spikes" {
		if r.Lo != nil {
			c.errs.Add(r.Lo.At(), "RECORD spikes takes no index range")
		}
		mod.Records = append(mod.Records, &ir.Record{Spikes: true, Name: "spikes", Pos: r.Pos})
		return
	}
	if len(parts) < 2 {
		c.errs.Add(r.Path.Pos, "RECORD %s: write spikes, Pop.spikes or Pop.state[lo:hi]", r.Path.String())
		return
	}
	head, rest := parts[0], dsl.Path{Pos: parts[1].Pos, Parts: parts[1:]}
	rec := &ir.Record{Name: r.Path.String(), Pos: r.Pos}
	var size, lo int
	rg, isRange := nb.groups[head.Name], false
	pop, isPop := nb.pops[head.Name]
	switch {
	case isPop:
		rec.Pop, lo, size, isRange = pop, 0, pop.Size, true
	case rg != nil:
		rec.Pop, lo, size, isRange = rg.Pop, rg.Lo, rg.Hi-rg.Lo, true
	}
	if isRange {
		if rest.String() == "spikes" {
			rec.Spikes = true
		} else {
			rec.State = findState(rec.Pop.States, rest.String())
		}
	}
	if pr := findProj(mod, head.Name); pr != nil && !rec.Spikes && rec.State == nil {
		rec.Proj, rec.Pop = pr, pr.Post.Pop
		lo, size = pr.Post.Lo, pr.Post.Len()
		rec.State = findState(pr.States, pr.Name+"."+rest.String())
	} else if !isRange {
		c.unknownDecl(head, "population, group or projection", append(popNames(nb), projNames(mod)...))
		return
	}
	if !rec.Spikes && rec.State == nil {
		c.errs.Add(rest.Pos, "RECORD: %s has no state %s", head.Name, rest.String())
		return
	}
	if rec.State != nil && resizable(rec, rg) {
		c.errs.Add(r.Path.Pos, "RECORD %s: the neurons of %s depend on network parameters; record a state of a population and range of constant size", r.Path.String(), head.Name)
		return
	}
	rec.Lo, rec.Hi = lo, lo+size
	if r.Lo != nil {
		s := newScope(c, "")
		a, okA := c.intValue(s, r.Lo, "record index")
		b, okB := a+1, okA
		if r.Hi != nil {
			b, okB = c.intValue(s, r.Hi, "record index")
		}
		if !okA || !okB {
			return
		}
		if a >= b || b > size {
			c.errs.Add(r.Lo.At(), "RECORD range [%d:%d] is not a non-empty range inside %s[0:%d]", a, b, head.Name, size)
			return
		}
		rec.Lo, rec.Hi = lo+a, lo+b
	}
	mod.Records = append(mod.Records, rec)
}

func projNames(mod *ir.Module) []string {
	var out []string
	for _, p := range mod.Projs {
		out = append(out, p.Name)
	}
	return out
}

func findProj(mod *ir.Module, name string) *ir.Projection {
	for _, p := range mod.Projs {
		if p.Name == name {
			return p
		}
	}
	return nil
}

func findState(states []*ir.State, names ...string) *ir.State {
	for _, s := range states {
		for _, n := range names {
			if s.Name == n {
				return s
			}
		}
	}
	return nil
}

// resizable reports whether the neurons a state RECORD reads (of its
// population, group rg or projection) move with network parameters.
func resizable(rec *ir.Record, rg *ir.Group) bool {
	if rec.Pop.SizeExpr != nil {
		return true
	}
	if rec.Proj != nil {
		rg = rec.Proj.Post.Group
	}
	return rg != nil && (rg.LoExpr != nil || rg.HiExpr != nil)
}
