package check

import (
	"math"

	"github.com/einetc/einetc/ir"
	einrt "github.com/einetc/einetc/runtime"
)

// Memory limits, checked before anything is allocated: a model of 10^9
// neurons or 10^12 synapses is refused with the estimate, not killed by the
// operating system half-way through New.
const maxSynapsesPerProj = math.MaxInt32 // CSR indices are int32

// checkMemory estimates the memory of the built model and reports a model
// that cannot fit.
func (c *checker) checkMemory(mod *ir.Module, nb *netBuild) {
	for _, pr := range mod.Projs {
		if n, ok := pr.ExpectedSynapses(); ok && n > maxSynapsesPerProj {
			c.errs.Add(pr.Pos, "projection %s would have about %.3g connections (%s of connectivity); einetc supports at most %d per projection",
				pr.Name, n, einrt.HumanBytes(n*4), maxSynapsesPerProj)
		}
	}
	if err := mod.CheckMemory(mod.Dt, nil); err != nil {
		c.errs.Add(nb.decl.Name.Pos, "%v", err)
	}
}

// checkTimeStep is Module.CheckTimeStep at the model's dt, reported at each
// population.
func (c *checker) checkTimeStep(mod *ir.Module) {
	for _, pop := range mod.Pops {
		if err := pop.CheckTimeStep(mod.Dt, nil); err != nil {
			at := pop.Pos
			switch {
			case pop.Rate != nil:
				at = pop.Rate.Pos
			case pop.Spike.Refractory != nil:
				at = pop.Spike.Refractory.Pos
			}
			c.errs.Add(at, "%v", err)
		}
	}
}
