package ir

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/einetc/einetc/dsl"
)

// Print writes m in a stable, readable text form (what `einetc ir` shows).
// Parameters print as [name], locals as %name; numbers are in internal units.
func Print(w io.Writer, m *Module) {
	p := &printer{}
	p.line("module %s  // %s", m.Name, m.Source)
	p.line("run dt=%s ms duration=%s ms steps=%d seed=%d neurons=%d", FormatFloat(m.Dt), FormatFloat(m.Duration), m.Steps, m.Seed, m.Neurons)
	p.line("")
	p.line("params:")
	for _, prm := range m.Params {
		p.line("  %-32s = %s %s", prm.Name, FormatFloat(prm.Value), prm.Unit)
	}
	for _, pop := range m.Pops {
		p.line("")
		p.population(pop)
	}
	for _, g := range m.Groups {
		p.line("")
		p.line("group %s = %s[%d:%d]%s", g.Name, g.Pop.Name, g.Lo, g.Hi, structure(g.LoExpr, g.HiExpr, g.Lo, g.Hi))
	}
	for _, pr := range m.Projs {
		p.line("")
		p.projection(pr)
	}
	if len(m.Records) > 0 {
		p.line("")
	}
	for _, r := range m.Records {
		p.record(r)
	}
	io.WriteString(w, p.b.String())
}

type printer struct{ b strings.Builder }

func (p *printer) line(format string, args ...any) {
	fmt.Fprintf(&p.b, format, args...)
	p.b.WriteByte('\n')
}

func (p *printer) population(pop *Population) {
	if pop.Kind == PoissonPop {
		p.line("population %s: POISSON[%d] offset=%d rate=[%s]", pop.Name, pop.Size, pop.Offset, pop.Rate.Name)
		return
	}
	p.line("population %s: %s[%d] offset=%d solver=%s%s", pop.Name, pop.Type, pop.Size, pop.Offset, pop.Solver, sizeFrom(pop.SizeExpr))
	p.states(pop.States)
	for _, in := range pop.Inputs {
		p.line("  input I_ext[%d:%d] += [%s]", in.Lo, in.Hi, in.Current.Name)
	}
	for _, cu := range pop.Currents {
		p.line("  current %s = %s", cu.Name, Format(cu.Value))
	}
	if len(pop.PerStep) > 0 {
		p.line("  per step:")
		p.stmts(pop.PerStep)
	}
	p.line("  update:")
	p.stmts(pop.Update)
	rule := "above"
	if pop.Spike.Crossing {
		rule = "crossing"
	}
	if pop.Spike.Threshold != nil || pop.Spike.PerNeuron != nil {
		ref := ""
		if pop.Spike.Refractory != nil {
			ref = " refractory=[" + pop.Spike.Refractory.Name + "]"
		}
		var th string
		if pop.Spike.PerNeuron != nil {
			th = pop.Spike.PerNeuron.Name
		} else {
			th = "[" + pop.Spike.Threshold.Name + "]"
		}
		p.line("  spike %s(v, %s)%s", rule, th, ref)
	}
	if len(pop.Hold) > 0 {
		p.line("  while refractory:")
		p.stmts(pop.Hold)
	}
	if len(pop.OnSpike) > 0 {
		p.line("  on spike:")
		p.stmts(pop.OnSpike)
	}
}

func (p *printer) states(states []*State) {
	for _, s := range states {
		kind := "state"
		if s.Kind == Fixed {
			kind = "fixed"
		}
		p.line("  %s %s (%s) init %s", kind, s.Name, s.Unit, formatInit(s.Init))
	}
}

func (p *printer) stmts(stmts []*Stmt) {
	for _, s := range stmts {
		if s.Src != "" {
			p.line("    // %s", s.Src)
		}
		if s.Local != nil && s.Table != nil {
			p.line("    let %%%s = table[%s, v in %g:%g step %g] of %s", s.Local.Name, s.Table.Name, s.Table.Lo, s.Table.Hi, s.Table.Step, Format(s.Value))
		} else if s.Local != nil {
			p.line("    let %%%s = %s", s.Local.Name, Format(s.Value))
		} else {
			p.line("    set %s = %s", s.State.Name, Format(s.Value))
		}
	}
}

func (p *printer) projection(pr *Projection) {
	p.line("projection %s: %s[%d:%d] -> %s[%d:%d]", pr.Name, pr.Pre.Pop.Name, pr.Pre.Lo, pr.Pre.Hi, pr.Post.Pop.Name, pr.Post.Lo, pr.Post.Hi)
	p.line("  connect %s", formatRule(pr.Connect))
	if pr.Weight != nil && pr.Delay != nil {
		p.line("  weight [%s]  delay [%s]", pr.Weight.Name, pr.Delay.Name)
	} else {
		w, d := "", ""
		if pr.Weight != nil {
			w = "[" + pr.Weight.Name + "]"
		} else if pr.Weights != nil {
			w = pr.Weights.String()
		}
		if pr.Delay != nil {
			d = "[" + pr.Delay.Name + "]"
		} else if pr.Delays != nil {
			d = pr.Delays.String()
		}
		p.line("  weight %s  delay %s", w, d)
	}
	p.line("  synapse %s", pr.Synapse)
	p.states(pr.States)
	if len(pr.PerStep) > 0 {
		p.line("  per step:")
		p.stmts(pr.PerStep)
	}
	p.line("  decay:")
	p.stmts(pr.Update)
	p.line("  on spike:")
	p.stmts(pr.OnSpike)
	if pr.OutExpr != nil {
		e := ""
		if pr.E != nil {
			e = " e=[" + pr.E.Name + "]"
		}
		p.line("  output %s%s of %s", pr.Output, e, Format(pr.OutExpr))
	}
}

func (p *printer) record(r *Record) {
	switch {
	case r.Spikes && r.Pop == nil:
		p.line("record spikes")
	case r.Spikes:
		p.line("record %s.spikes [%d:%d]", r.Pop.Name, r.Lo, r.Hi)
	default:
		owner := r.Pop.Name
		if r.Proj != nil {
			owner = r.Proj.Name
		}
		p.line("record %s.%s [%d:%d] of %s", owner, r.State.Name, r.Lo, r.Hi, r.Pop.Name)
	}
}

func formatRule(r ConnectRule) string {
	var args []string
	switch r.Kind {
	case "fixed_outdegree", "fixed_indegree":
		args = append(args, fmt.Sprint(r.N))
	case "bernoulli":
		args = append(args, FormatFloat(r.P))
	case "file":
		args = append(args, fmt.Sprintf("%q", r.File))
	}
	if r.KExpr != nil {
		args[0] += " = " + Format(r.KExpr)
	}
	if r.PExpr != nil {
		args[0] += " = " + Format(r.PExpr)
	}
	if r.Replace {
		args = append(args, "replace")
	}
	if r.NoSelf {
		args = append(args, "noself")
	}
	return r.Kind + "(" + strings.Join(args, ", ") + ")"
}

func formatInit(in *Init) string {
	if in == nil {
		return "0"
	}
	switch in.Kind {
	case InitUniform:
		return "uniform(" + Format(in.A) + ", " + Format(in.B) + ")"
	case InitNormal:
		return "normal(" + Format(in.A) + ", " + Format(in.B) + ")"
	case InitFile:
		return fmt.Sprintf("file(%q)", in.File)
	case InitSteady:
		return "steady"
	}
	return Format(in.Expr)
}

// Format renders an IR expression with minimal parentheses, by the rules
// of dsl.FormatExpr (dsl.WriteBinary, dsl.WriteUnary): the one expression
// printer, with the IR's leaves ([param], %local) and "if c then t else e".
func Format(e Expr) string {
	var b strings.Builder
	formatIR(&b, e, 0)
	return b.String()
}

func formatIR(b *strings.Builder, e Expr, outer int) {
	switch e := e.(type) {
	case *Const:
		s := FormatFloat(e.V)
		if e.V < 0 && outer > 0 {
			s = "(" + s + ")"
		}
		b.WriteString(s)
	case *ParamRef:
		b.WriteString("[" + e.P.Name + "]")
	case *StateRef:
		b.WriteString(e.S.Name)
	case *LocalRef:
		b.WriteString("%" + e.L.Name)
	case *Var:
		b.WriteString(e.Name)
	case *Call:
		dsl.WriteCall(b, e.Fn, len(e.Args), func(i int) { formatIR(b, e.Args[i], 0) })
	case *Unary:
		dsl.WriteUnary(b, e.Op, outer, func(outer int) { formatIR(b, e.X, outer) })
	case *Binary:
		dsl.WriteBinary(b, e.Op, outer, func(outer int) { formatIR(b, e.X, outer) }, func(outer int) { formatIR(b, e.Y, outer) })
	case *Cond:
		dsl.Paren(b, outer > 0, func() {
			b.WriteString("if ")
			formatIR(b, e.C, 0)
			b.WriteString(" then ")
			formatIR(b, e.T, 0)
			b.WriteString(" else ")
			formatIR(b, e.E, 0)
		})
	case *ArgRef:
		fmt.Fprintf(b, "arg%d", e.I)
	}
}

// FormatFloat renders v as the shortest decimal that reads back exactly.
func FormatFloat(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// String describes a per-connection value: "per connection from w.npy", or
// "per connection: max(r0, 0) with r0 ~ normal(6, 2)".
func (v *PerSynapse) String() string {
	if v.File != "" {
		return "per connection from " + v.File
	}
	s := "per connection: " + Format(v.Expr)
	for k, d := range v.Draws {
		sep := ", "
		if k == 0 {
			sep = " with "
		}
		dist := "uniform"
		if d.Normal {
			dist = "normal"
		}
		s += fmt.Sprintf("%sr%d ~ %s(%s, %s)", sep, k, dist, FormatFloat(d.A), FormatFloat(d.B))
	}
	return s
}

// sizeFrom shows how a population's size follows from network
// parameters: " size=[n_total]"; nothing when it is constant.
func sizeFrom(e Expr) string {
	if e == nil {
		return ""
	}
	return " size=" + Format(e)
}

// structure shows how a group's range follows from network parameters:
// " from [0:[n_exc]]"; nothing when it is constant.
func structure(a, b Expr, lo, hi int) string {
	if a == nil && b == nil {
		return ""
	}
	x, y := fmt.Sprint(lo), fmt.Sprint(hi)
	if a != nil {
		x = Format(a)
	}
	if b != nil {
		y = Format(b)
	}
	return " from [" + x + ":" + y + "]"
}
