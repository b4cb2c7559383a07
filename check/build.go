package check

import (
	"errors"
	"fmt"
	"math"

	"github.com/einetc/einetc/dsl"
	"github.com/einetc/einetc/ir"
)

// Build checks prog and lowers it to a Module. It reports every error it
// finds, sorted by position; the Module is nil when there is any.
func Build(prog *dsl.Program) (*ir.Module, dsl.ErrorList) {
	c := &checker{mechs: map[string]*dsl.Mechanism{}, neurons: map[string]*dsl.Neuron{}}
	main := prog.Main()
	c.main = main.Name
	c.declarations(prog)
	c.checkUnused()
	mod := &ir.Module{Source: main.Name}
	c.params = nil
	var nb *netBuild
	switch len(main.Networks) {
	case 0:
		c.errs.Add(dsl.Pos{Filename: main.Name, Line: 1, Column: 1}, "no NETWORK in %s: nothing to simulate", main.Name)
	default:
		for _, extra := range main.Networks[1:] {
			c.errs.Add(extra.Name.Pos, "second NETWORK %s (a model has one; first is %s)", extra.Name.Name, main.Networks[0].Name.Name)
		}
		nb = c.network(main.Networks[0])
		mod.Name = main.Networks[0].Name.Name
	}
	if nb != nil {
		c.assemble(mod, nb)
		c.run(mod, nb, main)
		c.checkMemory(mod, nb)
		c.checkTimeStep(mod)
	}
	mod.Params = c.params
	c.uniqueParams(mod.Params)
	c.errs.RemoveDuplicates()
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	ir.Shallow(mod)
	return mod, nil
}

// declarations indexes mechanisms and neuron types of all files, rejecting
// duplicates and misplaced NETWORK/RUN blocks.
func (c *checker) declarations(prog *dsl.Program) {
	seen := map[string]dsl.Pos{}
	declare := func(id dsl.Ident) bool {
		if reserved(id.Name) {
			c.reservedName(id)
			return false
		}
		if prev, dup := seen[id.Name]; dup {
			c.errs.Add(id.Pos, "%s redeclared (previous declaration at %s)", id.Name, prev)
			return false
		}
		seen[id.Name] = id.Pos
		return true
	}
	for i, f := range prog.Files {
		for _, m := range f.Mechanisms {
			if declare(m.Name) {
				c.mechs[m.Name.Name] = m
			}
		}
		for _, n := range f.Neurons {
			if declare(n.Name) {
				c.neurons[n.Name.Name] = n
			}
		}
		if i < len(prog.Files)-1 {
			for _, n := range f.Networks {
				c.errs.Add(n.Pos, "NETWORK in imported file %s: only the main file may declare NETWORK and RUN", f.Name)
			}
			for _, r := range f.Runs {
				c.errs.Add(r.Pos, "RUN in imported file %s: only the main file may declare NETWORK and RUN", f.Name)
			}
		}
	}
}

// checkUnused checks every mechanism and neuron type once on its own, so that
// errors in declarations the network does not use are reported too.
func (c *checker) checkUnused() {
	for _, m := range c.mechs {
		env := &mechEnv{inst: m.Name.Name, paramPath: m.Name.Name + ".", v: &ir.StateRef{S: &ir.State{Name: "v"}},
			celsius: ir.Num(36), ions: map[string]*ionBuild{}, host: "", wDim: dimCond}
		for _, ion := range m.Ions {
			ib := newIonBuild(ion.Name, ion.Pos)
			ib.e, ib.unchecked = ir.Num(0), true
			env.ions[ion.Name] = ib
		}
		n := len(c.errs)
		if c.instantiate(m, env).ok || m.Kind != dsl.Synapse {
			continue
		}
		// A synapse may be meant for CUBA: accept it if it checks with
		// current weights; otherwise report the conductance errors.
		c.errs = c.errs[:n]
		env.wDim = dimCurrent
		if c.instantiate(m, env).ok {
			continue
		}
		c.errs = c.errs[:n]
		env.wDim = dimCond
		c.instantiate(m, env)
	}
	for _, n := range c.neurons {
		pb := c.neuronPop(n, &ir.Population{Name: n.Name.Name, Size: 1}, nil)
		c.finalizePop(pb)
	}
}

// assemble orders populations, groups and projections, and finalizes every
// population's update now that the synaptic terms are known.
func (c *checker) assemble(mod *ir.Module, nb *netBuild) {
	for _, p := range nb.decl.Pops {
		if pop, ok := nb.pops[p.Name.Name]; ok && pop.Pos == p.Pos {
			mod.Pops = append(mod.Pops, pop)
			mod.Neurons += pop.Size
		}
	}
	if mod.Neurons > maxNeurons {
		c.errs.Add(nb.decl.Name.Pos, "network %s has %d neurons, more than the %d einetc supports", nb.decl.Name.Name, mod.Neurons, maxNeurons)
	}
	for _, g := range nb.decl.Groups {
		if gr, ok := nb.groups[g.Name.Name]; ok {
			mod.Groups = append(mod.Groups, gr)
		}
	}
	mod.Projs = nb.projs
	for _, pop := range mod.Pops {
		pb := nb.builds[pop]
		if pb == nil {
			continue
		}
		c.finalizePop(pb)
		for _, st := range pb.syn {
			c.finalizeProj(pb, st)
		}
	}
}

// uniqueParams reports two parameters with one name, which -set and the
// generated Params could not tell apart.
func (c *checker) uniqueParams(ps []*ir.Param) {
	seen := map[string]*ir.Param{}
	for _, p := range ps {
		if prev, dup := seen[p.Name]; dup {
			c.errs.Add(p.Pos, "parameter name %s is used twice (also at %s); rename the projection or population", p.Name, prev.Pos)
			continue
		}
		seen[p.Name] = p
	}
}

var runProps = []string{"dt", "duration", "seed"}

// run checks the RUN block: time step, duration, seed and records.
func (c *checker) run(mod *ir.Module, nb *netBuild, f *dsl.File) {
	mod.Dt, mod.Duration, mod.Seed = 0.1, 100, 0
	var r *dsl.Run
	if len(f.Runs) > 0 {
		r = f.Runs[0]
		for _, extra := range f.Runs[1:] {
			c.errs.Add(extra.Pos, "second RUN block (first at %s)", r.Pos)
		}
	}
	if r == nil {
		mod.Steps = int(math.Round(mod.Duration / mod.Dt))
		return
	}
	s := newScope(c, "")
	props := c.propMap(r.Props, runProps, "RUN")
	if p := props["dt"]; p != nil {
		if v, ok := c.runQuantity(s, p); ok {
			mod.Dt = v
		}
	}
	if p := props["duration"]; p != nil {
		if v, ok := c.runQuantity(s, p); ok {
			mod.Duration = v
		}
	}
	if p := props["seed"]; p != nil {
		if v, ok := c.intValue(s, p.Value, "seed"); ok {
			mod.Seed = uint64(v)
		}
	}
	n, err := Steps(mod.Duration, mod.Dt)
	mod.Steps = n
	var whole *notWhole
	switch {
	case errors.As(err, &whole) && props["duration"] != nil:
		c.errs.Add(props["duration"].Value.At(), "%v", err)
	case err != nil && !errors.As(err, &whole):
		c.errs.Add(r.Pos, "%v", err)
	}
	for _, rec := range r.Records {
		c.record(mod, nb, rec)
	}
}

func (c *checker) runQuantity(s *scope, p *dsl.Prop) (float64, bool) {
	prm := c.quantity(s, p, dimTime, p.Key.Name, positive(""))
	if prm == nil {
		return 0, false
	}
	c.params = c.params[:len(c.params)-1] // dt and duration are run settings, not model parameters
	return prm.Value, prm.Value > 0       // else reported by quantity
}

// maxSteps bounds the number of steps of a run: the generated code keeps
// the step of each neuron's last spike as an int32 (half the memory traffic
// of an int64 in the update loop), which a longer run would wrap around,
// silently ending refractory periods early. 2^31-1 steps of 0.1 ms are 59
// hours of simulated time.
const maxSteps = math.MaxInt32

// notWhole is the error of a duration that is not a whole number of steps.
type notWhole struct{ duration, dt float64 }

func (e *notWhole) Error() string {
	return fmt.Sprintf("duration %s ms is not a whole number of steps of dt = %s ms (%.6g steps)", ir.FormatFloat(e.duration), ir.FormatFloat(e.dt), e.duration/e.dt)
}

// Steps returns the number of steps of dt that make duration, and an error
// if duration is not a whole number of them (within 1e-9 relative) or they
// are too many. It is the rule of a model's RUN block, and einetc run
// applies it to -dt and -duration too.
func Steps(duration, dt float64) (int, error) {
	steps := duration / dt
	if !(steps <= maxSteps) {
		return 0, fmt.Errorf("duration/dt = %.3g steps is too many (a run takes at most %d steps)", steps, maxSteps)
	}
	n := int(math.Round(steps))
	if math.Abs(steps-float64(n)) > 1e-9*steps {
		return n, &notWhole{duration, dt}
	}
	return n, nil
}
