package ir

import (
	"errors"
	"fmt"
	"math"

	einrt "github.com/einetc/einetc/runtime"
)

// maxBytes is the memory a model may need: 16 GiB, two thirds of this
// machine class.
const maxBytes = einrt.MaxMemory

// ExpectedSynapses estimates the projection's number of connections; false
// when they come from a file, known only when it is read.
func (pr *Projection) ExpectedSynapses() (float64, bool) {
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

// Memory estimates the bytes the model needs (states, per-neuron
// parameters, connectivity, per-connection weights and delays, and the
// spike ring, whose depth is the longest delay) at time step dt, with the
// parameter values of value (nil: the model's own). Connections read from
// a file, and per-connection delays without a known bound, are counted by
// New, which refuses a spike ring beyond the limit.
func (mod *Module) Memory(dt float64, value map[*Param]float64) float64 {
	get := func(p *Param) float64 {
		if v, ok := value[p]; ok {
			return v
		}
		return p.Value
	}
	bytes := 0.0
	for _, pop := range mod.Pops {
		bytes += float64(pop.Size) * float64(len(pop.States)+1) * 8
	}
	maxDelay := 0.0
	for _, pr := range mod.Projs {
		bytes += float64(pr.Post.Pop.Size) * float64(len(pr.States)) * 8
		if n, ok := pr.ExpectedSynapses(); ok {
			bytes += n*4 + float64(pr.Pre.Len()+1)*4
			if pr.Weights != nil {
				bytes += n * 8 // one float64 per connection
			}
			if pr.Delays != nil {
				bytes += n * 4 // one int32 (steps) per connection
			}
		}
		if pr.Delay != nil {
			maxDelay = max(maxDelay, math.Round(get(pr.Delay)/dt))
		}
		if pr.Delays != nil {
			if hi, ok := pr.Delays.Upper(); ok {
				maxDelay = max(maxDelay, math.Round(hi/dt))
			}
		}
	}
	bytes += float64(mod.Neurons) * 4 // the workers' spike buffers
	return bytes + einrt.RingBytes(maxDelay+1, mod.Neurons)
}

// CheckMemory reports a model that would need more than the memory limit at
// time step dt with the parameter values of value (nil: the model's own);
// `einetc run` calls it with its -dt and -set values.
func (mod *Module) CheckMemory(dt float64, value map[*Param]float64) error {
	if b := mod.Memory(dt, value); b > maxBytes {
		return fmt.Errorf("network %s needs about %s of memory (states, connectivity and the spike ring of the longest delay), more than the %s limit", mod.Name, humanBytes(b), humanBytes(maxBytes))
	}
	return nil
}

func humanBytes(b float64) string { return einrt.HumanBytes(b) }

// CheckTimeStep reports the rules that tie parameters to the time step dt,
// with the parameter values of value (nil: the model's own): a Poisson
// source's spike probability per step is at most 1
// (runtime.SpikeProbability), a refractory period lasts at most
// runtime.MaxRefractorySteps steps. `einetc run` calls it with its -dt and
// -set values; the generated Validate checks the same.
func (mod *Module) CheckTimeStep(dt float64, value map[*Param]float64) error {
	var errs []error
	for _, pop := range mod.Pops {
		if err := pop.CheckTimeStep(dt, value); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// CheckTimeStep reports the population's rules of Module.CheckTimeStep.
func (pop *Population) CheckTimeStep(dt float64, value map[*Param]float64) error {
	get := func(p *Param) float64 {
		if v, ok := value[p]; ok {
			return v
		}
		return p.Value
	}
	if pop.Rate != nil {
		if err := einrt.SpikeProbability(pop.Rate.Name, get(pop.Rate), dt); err != nil {
			return err
		}
	}
	if r := pop.Spike.Refractory; r != nil {
		return einrt.RefractorySteps(r.Name, get(r), dt)
	}
	return nil
}

// Upper returns a bound on the values of v when it has one: a bare
// uniform(a, b) is below b. Any other value is bounded only once New has
// computed it.
func (v *PerSynapse) Upper() (float64, bool) {
	if r, ok := v.Expr.(*Var); ok && len(v.Draws) == 1 && r.Name == "r0" && !v.Draws[0].Normal {
		return v.Draws[0].B, true
	}
	return 0, false
}
