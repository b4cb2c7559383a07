package nmodl

import (
	"fmt"
	"strings"

	"github.com/einetc/einetc/dsl"
)

// Ein renders the translation as a readable .ein file: one CHANNEL with the
// .mod's names and equations, each declaration followed by a comment citing
// the .mod line it comes from.
func (tr *Translation) Ein() []byte {
	var b strings.Builder
	m, mech := tr.Module, tr.Mech
	file := baseName(m.File)
	fmt.Fprintf(&b, "// %s: translated from NEURON's NMODL by `einetc import %s`.\n", strings.TrimSuffix(file, ".mod")+".ein", file)
	b.WriteString(`//
// NEURON's conventions, made explicit (docs/nmodl.md):
// - v, t, celsius and the reversal potentials are read as numbers in mV, ms
//   and degC: v / 1 (mV). A PARAMETER keeps its .mod unit, so an INSERT may
//   override it in any unit, and is read as a number in that unit.
// - STATEs and ASSIGNED values are numbers in their .mod units; an ODE's
//   right-hand side is per ms (/ 1 (ms)).
// - NMODL currents are outward-positive mA/cm2, einetc's inward-positive:
//   CURRENT i = -1 (mA/cm2) * (the .mod's expression).
`)
	for _, n := range tr.Notes {
		b.WriteString("// - " + n + "\n")
	}
	fmt.Fprintf(&b, "\nCHANNEL %s { // %s\n", mech.Name.Name, tr.comments[mech])
	for i, ion := range mech.Ions {
		line(&b, "  ", "USEION "+ion.Name+ionVars(mech, ion.Name), tr.ionComments[i])
	}
	for _, td := range mech.Tables {
		names := make([]string, len(td.Names))
		for i, n := range td.Names {
			names[i] = n.Name
		}
		line(&b, "  ", fmt.Sprintf("TABLE %s FROM %s TO %s WITH %s", strings.Join(names, ", "), dsl.FormatExpr(td.From), dsl.FormatExpr(td.To), dsl.FormatExpr(td.With)), tr.comments[td])
	}
	for i := range mech.Methods {
		line(&b, "  ", "METHOD "+mech.Methods[i].Name, tr.comments[&mech.Methods[i]])
	}
	if len(mech.Params) > 0 {
		b.WriteString("\n  PARAMETER {\n")
		for _, p := range mech.Params {
			line(&b, "    ", p.Key.Name+" = "+dsl.FormatExpr(p.Value), tr.comments[p])
		}
		b.WriteString("  }\n")
	}
	if len(mech.States) > 0 {
		b.WriteString("\n  STATE {\n")
		for i := 0; i < len(mech.States); {
			// The states declared on one .mod line stay on one line.
			j, names := i, []string{}
			for ; j < len(mech.States) && mech.States[j].Name.Pos.Line == mech.States[i].Name.Pos.Line; j++ {
				n := mech.States[j].Name.Name
				if u := mech.States[j].Unit; u != nil {
					n += " (" + u.Text + ")"
				}
				names = append(names, n)
			}
			line(&b, "    ", strings.Join(names, " "), tr.comments[mech.States[i]])
			i = j
		}
		b.WriteString("  }\n")
	}
	for _, f := range mech.Funcs {
		ps := make([]string, len(f.Params))
		for i, p := range f.Params {
			ps[i] = p.Name.Name
		}
		b.WriteString("\n")
		line(&b, "  ", fmt.Sprintf("FUNCTION %s(%s) = %s", f.Name.Name, strings.Join(ps, ", "), dsl.FormatExpr(f.Body)), tr.comments[f])
	}
	if len(mech.Defines) > 0 {
		b.WriteString("\n")
	}
	for _, d := range mech.Defines {
		line(&b, "  ", "DEFINE "+d.Name.Name+" = "+dsl.FormatExpr(d.Value), tr.comments[d])
	}
	if len(mech.ODEs) > 0 {
		b.WriteString("\n")
	}
	for _, o := range mech.ODEs {
		line(&b, "  ", o.State.Name+"' = "+dsl.FormatExpr(o.RHS), tr.comments[o])
	}
	if len(mech.Currents) > 0 {
		b.WriteString("\n")
	}
	for _, c := range mech.Currents {
		line(&b, "  ", "CURRENT "+c.Name.Name+" = "+dsl.FormatExpr(c.Value), tr.comments[c])
	}
	if len(mech.Initial) > 0 {
		b.WriteString("\n  INITIAL {\n")
		for _, a := range mech.Initial {
			line(&b, "    ", a.Target.String()+" = "+dsl.FormatExpr(a.Value), tr.comments[a])
		}
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
	return []byte(b.String())
}

// line writes code and, when there is one, its citation on the line above.
func line(b *strings.Builder, indent, code, comment string) {
	if comment != "" {
		b.WriteString(indent + "// " + comment + "\n")
	}
	b.WriteString(indent + code + "\n")
}

// Report is the compatibility report of `einetc import -report`: what was
// translated, what was mapped, and (for a file that does not translate) every
// error.
func Report(file string, tr *Translation, errs dsl.ErrorList) string {
	var b strings.Builder
	if len(errs) > 0 {
		fmt.Fprintf(&b, "%s: does not translate (%d errors)\n", file, len(errs))
		for _, e := range errs {
			fmt.Fprintf(&b, "  %s\n", e)
		}
		return b.String()
	}
	m := tr.Mech
	fmt.Fprintf(&b, "%s: translates to CHANNEL %s: %d parameters, %d states, %d functions, %d definitions, %d ODEs, %d currents\n",
		file, m.Name.Name, len(m.Params), len(m.States), len(m.Funcs), len(m.Defines), len(m.ODEs), len(m.Currents))
	for _, n := range tr.Notes {
		fmt.Fprintf(&b, "  note: %s\n", n)
	}
	return b.String()
}

// ionVars renders the READ and WRITE lists of one ion.
func ionVars(mech *dsl.Mechanism, ion string) string {
	var r, w []string
	for _, iv := range mech.IonVars {
		switch {
		case iv.Ion != ion:
		case iv.Write:
			w = append(w, iv.Name.Name)
		default:
			r = append(r, iv.Name.Name)
		}
	}
	s := ""
	if len(r) > 0 {
		s += " READ " + strings.Join(r, ", ")
	}
	if len(w) > 0 {
		s += " WRITE " + strings.Join(w, ", ")
	}
	return s
}
