package parser

import "github.com/einetc/einetc/dsl"

// The convert* functions map the grammar-shaped g* structs to the dsl tree.

func convertFile(name string, g *gFile) *dsl.File {
	f := &dsl.File{Name: name}
	for _, it := range g.Items {
		switch {
		case it.Import != nil:
			f.Imports = append(f.Imports, &dsl.Import{Pos: pos(it.Pos), Path: it.Import.Path})
		case it.Mech != nil:
			f.Mechanisms = append(f.Mechanisms, convertMech(it.Mech))
		case it.Neuron != nil:
			f.Neurons = append(f.Neurons, convertNeuron(it.Pos, it.Neuron))
		case it.Network != nil:
			f.Networks = append(f.Networks, convertNetwork(it.Pos, it.Network))
		case it.Run != nil:
			f.Runs = append(f.Runs, convertRun(it.Pos, it.Run))
		}
	}
	return f
}

func ident(g *name) dsl.Ident {
	if g == nil {
		return dsl.Ident{}
	}
	return dsl.Ident{Pos: pos(g.Pos), Name: g.Name}
}

func identPtr(g *name) *dsl.Ident {
	if g == nil {
		return nil
	}
	id := ident(g)
	return &id
}

func unit(g *gUnit) *dsl.Unit {
	if g == nil {
		return nil
	}
	return &dsl.Unit{Pos: pos(g.Pos), Text: g.Text}
}

func convertUseIon(m *dsl.Mechanism, u *gUseIon) {
	for _, id := range u.Ions {
		m.Ions = append(m.Ions, ident(id))
	}
	ion := u.Ions[0].Name
	if len(u.Ions) > 1 {
		ion = "" // READ and WRITE follow a single ion: ir reports it
	}
	for _, id := range u.Read {
		m.IonVars = append(m.IonVars, &dsl.IonVar{Ion: ion, Name: ident(id)})
	}
	for _, id := range u.Write {
		m.IonVars = append(m.IonVars, &dsl.IonVar{Ion: ion, Name: ident(id), Write: true})
	}
}

func convertMech(g *gMech) *dsl.Mechanism {
	m := &dsl.Mechanism{Pos: pos(g.Pos), Name: ident(g.Name)}
	if g.Kind == "SYNAPSE" {
		m.Kind = dsl.Synapse
	}
	for _, s := range g.Stmts {
		switch {
		case s.UseIon != nil:
			convertUseIon(m, s.UseIon)
		case s.Params != nil:
			m.Params = append(m.Params, props(s.Params.Props)...)
		case s.States != nil:
			for _, st := range s.States.States {
				m.States = append(m.States, &dsl.StateDecl{Name: ident(st.Name), Unit: unit(st.Unit)})
			}
		case s.Func != nil:
			m.Funcs = append(m.Funcs, convertFunc(s.Func))
		case s.Define != nil:
			m.Defines = append(m.Defines, &dsl.Define{Pos: pos(s.Pos), Name: ident(s.Define.Name), Value: expr(s.Define.Value)})
		case s.Current != nil:
			m.Currents = append(m.Currents, &dsl.Current{Pos: pos(s.Pos), Name: ident(s.Current.Name), Value: expr(s.Current.Value)})
		case s.Output != nil:
			m.Outputs = append(m.Outputs, &dsl.Output{Pos: pos(s.Pos), Value: expr(s.Output)})
		case s.Initial != nil:
			m.Initial = append(m.Initial, assigns(s.Initial)...)
		case s.OnSpike != nil:
			m.OnSpike = append(m.OnSpike, assigns(s.OnSpike)...)
		case s.Table != nil:
			td := &dsl.TableDecl{Pos: pos(s.Pos), From: expr(s.Table.From), To: expr(s.Table.To), With: expr(s.Table.With)}
			for _, n := range s.Table.Names {
				td.Names = append(td.Names, ident(n))
			}
			m.Tables = append(m.Tables, td)
		case s.Method != nil:
			m.Methods = append(m.Methods, ident(s.Method))
		case s.ODE != nil:
			m.ODEs = append(m.ODEs, &dsl.ODE{Pos: pos(s.ODE.Pos), State: ident(s.ODE.State), RHS: expr(s.ODE.RHS)})
		}
	}
	return m
}

func convertFunc(g *gFunc) *dsl.Func {
	f := &dsl.Func{Pos: pos(g.Pos), Name: ident(g.Name), Body: expr(g.Body)}
	for _, p := range g.Params {
		f.Params = append(f.Params, &dsl.FuncParam{Name: ident(p.Name), Unit: unit(p.Unit)})
	}
	return f
}

func props(gs []*gProp) []*dsl.Prop {
	var out []*dsl.Prop
	for _, g := range gs {
		p := &dsl.Prop{Pos: pos(g.Pos), Key: ident(g.Key), Value: expr(g.Value)}
		if g.Block != nil {
			p.HasBlock = true
			p.Block = props(g.Block.Props)
		}
		out = append(out, p)
	}
	return out
}

func blockProps(b *gBlock) []*dsl.Prop {
	if b == nil {
		return nil
	}
	return props(b.Props)
}

func assigns(g *gAssigns) []*dsl.Assign {
	var out []*dsl.Assign
	for _, a := range g.Assigns {
		out = append(out, &dsl.Assign{Pos: pos(a.Pos), Target: gpath(a.Target), Op: a.Op, Value: expr(a.Value)})
	}
	return out
}

func gpath(g *gPath) dsl.Path {
	p := dsl.Path{Pos: pos(g.Pos)}
	for _, id := range g.Parts {
		p.Parts = append(p.Parts, ident(id))
	}
	return p
}

func convertNeuron(at lexerPos, g *gNeuron) *dsl.Neuron {
	n := &dsl.Neuron{Pos: pos(at), Name: ident(g.Name)}
	for _, s := range g.Stmts {
		switch {
		case s.Ion != nil:
			n.Ions = append(n.Ions, &dsl.IonDecl{Pos: pos(s.Ion.Pos), Name: ident(s.Ion.Name), Props: blockProps(s.Ion.Props)})
		case s.Insert != nil:
			n.Inserts = append(n.Inserts, &dsl.Insert{Pos: pos(s.Pos), Mech: ident(s.Insert.Mech), Alias: identPtr(s.Insert.Alias), Props: blockProps(s.Insert.Props)})
		case s.Initial != nil:
			n.Initial = append(n.Initial, assigns(s.Initial)...)
		case s.OnSpike != nil:
			n.OnSpike = append(n.OnSpike, assigns(s.OnSpike)...)
		case s.Refractory != nil:
			for _, h := range s.Refractory.Holds {
				n.Refractory = append(n.Refractory, &dsl.Hold{Pos: pos(h.Pos), Target: gpath(h.Target), Value: exprOrNil(h.Value)})
			}
		case s.Prop != nil:
			n.Props = append(n.Props, props([]*gProp{s.Prop})...)
		default:
			ownStmt(n, s)
		}
	}
	return n
}

// ownStmt adds a mechanism statement of a neuron to its own mechanism.
func ownStmt(n *dsl.Neuron, s *gNeuronStmt) {
	if s.Params == nil && s.States == nil && s.Func == nil && s.Define == nil && s.Current == nil && s.ODE == nil {
		return
	}
	if n.Own == nil {
		n.Own = &dsl.Mechanism{Pos: n.Pos, Kind: dsl.Channel, Name: n.Name}
	}
	m := n.Own
	switch {
	case s.Params != nil:
		m.Params = append(m.Params, props(s.Params.Props)...)
	case s.States != nil:
		for _, st := range s.States.States {
			m.States = append(m.States, &dsl.StateDecl{Name: ident(st.Name), Unit: unit(st.Unit)})
		}
	case s.Func != nil:
		m.Funcs = append(m.Funcs, convertFunc(s.Func))
	case s.Define != nil:
		m.Defines = append(m.Defines, &dsl.Define{Pos: pos(s.Pos), Name: ident(s.Define.Name), Value: expr(s.Define.Value)})
	case s.Current != nil:
		m.Currents = append(m.Currents, &dsl.Current{Pos: pos(s.Pos), Name: ident(s.Current.Name), Value: expr(s.Current.Value)})
	case s.ODE != nil:
		m.ODEs = append(m.ODEs, &dsl.ODE{Pos: pos(s.ODE.Pos), State: ident(s.ODE.State), RHS: expr(s.ODE.RHS)})
	}
}

func convertNetwork(at lexerPos, g *gNetwork) *dsl.Network {
	n := &dsl.Network{Pos: pos(at), Name: ident(g.Name)}
	for _, s := range g.Stmts {
		switch {
		case s.Pop != nil:
			n.Pops = append(n.Pops, &dsl.PopDecl{Pos: pos(s.Pos), Name: ident(s.Pop.Name), Type: ident(s.Pop.Type), Size: expr(s.Pop.Size), Props: blockProps(s.Pop.Props)})
		case s.Group != nil:
			n.Groups = append(n.Groups, &dsl.GroupDecl{Pos: pos(s.Pos), Name: ident(s.Group.Name), Pop: ident(s.Group.Pop), Lo: expr(s.Group.Lo), Hi: expr(s.Group.Hi)})
		case s.Proj != nil:
			n.Projs = append(n.Projs, convertProj(s.Pos, s.Proj))
		case s.Param != nil:
			n.Params = append(n.Params, props(s.Param.Props)...)
		case s.Input != nil:
			n.Inputs = append(n.Inputs, &dsl.InputDecl{Pos: pos(s.Pos), Target: ident(s.Input.Target), Props: blockProps(s.Input.Props)})
		}
	}
	return n
}

func convertProj(at lexerPos, g *gProj) *dsl.ProjDecl {
	p := &dsl.ProjDecl{Pos: pos(at), Name: identPtr(g.Name), Pre: ident(g.Pre), Post: ident(g.Post)}
	for _, s := range g.Stmts {
		switch {
		case s.Initial != nil:
			p.Initial = append(p.Initial, assigns(s.Initial)...)
		case s.Prop != nil:
			p.Props = append(p.Props, props([]*gProp{s.Prop})...)
		}
	}
	return p
}

func convertRun(at lexerPos, g *gRun) *dsl.Run {
	r := &dsl.Run{Pos: pos(at), Name: identPtr(g.Name)}
	for _, s := range g.Stmts {
		switch {
		case s.Record != nil:
			r.Records = append(r.Records, &dsl.Record{Pos: pos(s.Record.Pos), Path: gpath(s.Record.Path), Lo: exprOrNil(s.Record.Lo), Hi: exprOrNil(s.Record.Hi)})
		case s.Prop != nil:
			r.Props = append(r.Props, props([]*gProp{s.Prop})...)
		}
	}
	return r
}
