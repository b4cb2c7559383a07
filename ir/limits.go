package ir

import (
	"fmt"
	"math"
)

// Memory limits, checked before anything is allocated: a model of 10^9
// neurons or 10^12 synapses is refused with the estimate, not killed by the
// operating system half-way through New.
const (
	maxSynapsesPerProj = math.MaxInt32 // CSR indices are int32
	maxBytes           = 16 << 30      // 16 GiB: two thirds of this machine class
)

// expectedSynapses estimates a projection's number of connections.
func expectedSynapses(pr *Projection) (float64, bool) {
	pre, post := float64(pr.Pre.Len()), float64(pr.Post.Len())
	switch pr.Connect.Kind {
	case "fixed_outdegree":
		return pre * float64(pr.Connect.N), true
	case "fixed_indegree":
		return post * float64(pr.Connect.N), true
	case "bernoulli":
		return pr.Connect.P * pre * post, true
	case "all_to_all":
		return pre * post, true
	case "one_to_one":
		return pre, true
	}
	return 0, false // from a file: known only when it is read
}

// checkMemory estimates the memory of the built model and reports a model
// that cannot fit.
func (c *checker) checkMemory(mod *Module, nb *netBuild) {
	bytes := 0.0
	for _, pop := range mod.Pops {
		bytes += float64(pop.Size) * float64(len(pop.States)+1) * 8
	}
	for _, pr := range mod.Projs {
		bytes += float64(pr.Post.Pop.Size) * float64(len(pr.States)) * 8
		n, ok := expectedSynapses(pr)
		if !ok {
			continue
		}
		if n > maxSynapsesPerProj {
			c.errs.Add(pr.Pos, "projection %s would have about %.3g connections (%s of connectivity); einetc supports at most %d per projection",
				pr.Name, n, humanBytes(n*4), maxSynapsesPerProj)
		}
		bytes += n*4 + float64(pr.Pre.Len()+1)*4
	}
	bytes += float64(mod.Neurons) * 4 * 2 // spike ring and worker buffer, at least
	if bytes > maxBytes {
		c.errs.Add(nb.decl.Name.Pos, "network %s needs about %s of memory (states and connectivity), more than the %s limit", mod.Name, humanBytes(bytes), humanBytes(maxBytes))
	}
}

func humanBytes(b float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB"}
	i := 0
	for b >= 1024 && i < len(units)-1 {
		b /= 1024
		i++
	}
	return fmt.Sprintf("%.3g %s", b, units[i])
}
