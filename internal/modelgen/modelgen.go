// Package modelgen writes large and deep einetc models for the tests and
// benchmarks that check the compiler's cost grows with its input, no faster:
// a DAG of definitions, thousands of channels, long sums and deep nesting.
// Every model is valid unless its doc says otherwise.
package modelgen

import (
	"fmt"
	"strings"
)

// DefineDAG is a model whose channel has a chain of depth definitions,
// each reading the previous one twice (2^depth paths through the DAG), and
// feeding the membrane current, so that the linearity check, the solver
// and the optimizer all walk it.
func DefineDAG(depth int, solver string) string {
	var b strings.Builder
	b.WriteString("import \"std/leak.ein\"\n\nCHANNEL Chain {\n  PARAMETER { g_max = 1 (mS/cm2) }\n  DEFINE d0 = v\n")
	for k := 1; k <= depth; k++ {
		fmt.Fprintf(&b, "  DEFINE d%d = d%d + d%d\n", k, k-1, k-1)
	}
	fmt.Fprintf(&b, "  CURRENT i = g_max * (-80 (mV) - d%d / 2^%d)\n}\n\n", depth, depth)
	return b.String() + Cell(solver, "  INSERT IL { g_max = 0.05 (mS/cm2)  e = -65 (mV) }\n  INSERT Chain\n")
}

// DefineChain is a model whose channel has n definitions, each reading the
// previous one once, feeding the membrane current.
func DefineChain(n int, solver string) string {
	var b strings.Builder
	b.WriteString("CHANNEL Chain {\n  PARAMETER { g_max = 1 (mS/cm2) }\n  DEFINE d0 = v\n")
	for k := 1; k <= n; k++ {
		fmt.Fprintf(&b, "  DEFINE d%d = d%d + 1 (mV)\n", k, k-1)
	}
	fmt.Fprintf(&b, "  CURRENT i = g_max * (-80 (mV) - d%d)\n}\n\n", n)
	return b.String() + Cell(solver, "  INSERT Chain\n")
}

// Channels is a model of n channels, all inserted into one neuron: n
// declarations, n parameter pairs and an n-term membrane equation (about
// 100 bytes of source per channel).
func Channels(n int) string {
	var b strings.Builder
	for k := range n {
		fmt.Fprintf(&b, "CHANNEL C%d {\n  PARAMETER { g_max = 0.001 (mS/cm2)  e = -70 (mV) }\n  CURRENT i = g_max * (e - v)\n}\n", k)
	}
	var ins strings.Builder
	for k := range n {
		fmt.Fprintf(&ins, "  INSERT C%d\n", k)
	}
	return b.String() + Cell("exp_euler", ins.String())
}

// Sum is a model whose one definition is a sum of n terms, each reading
// the membrane potential (k·v for k = 1…97, so terms repeat). Under
// exp_euler the sum folds into the membrane equation's coefficients; under
// euler it is computed at every step.
func Sum(n int, solver string) string {
	var b strings.Builder
	b.WriteString("CHANNEL S {\n  PARAMETER { g_max = 0.001 (mS/cm2)  e = -70 (mV) }\n  DEFINE s = ")
	for k := range n {
		if k > 0 {
			b.WriteString(" + ")
		}
		fmt.Fprintf(&b, "%d * v", k%97+1)
	}
	fmt.Fprintf(&b, "\n  CURRENT i = g_max * (e - s / %d)\n}\n\n", 49*n)
	return b.String() + Cell(solver, "  INSERT S\n")
}

// Nested is a model whose current holds v inside depth pairs of
// parentheses (open + "v" + close, e.g. "(", ")" or "-(", ")").
func Nested(depth int, open, close string) string {
	e := strings.Repeat(open, depth) + "v" + strings.Repeat(close, depth)
	return "CHANNEL D {\n  PARAMETER { g_max = 0.001 (mS/cm2) }\n  CURRENT i = g_max * (0 (mV) - " + e + ")\n}\n\n" +
		Cell("euler", "  INSERT D\n")
}

// Network is a model of n populations of ten neurons in a ring, each
// projecting onto the next.
func Network(n int) string {
	var b strings.Builder
	b.WriteString("import \"std/leak.ein\"\nimport \"std/synapses.ein\"\n\n")
	b.WriteString("NEURON Cell {\n  area = 20000 (um2)\n  cm = 1 (uF/cm2)\n  threshold = above(-50 (mV))\n  INSERT IL { g_max = 0.05 (mS/cm2)  e = -65 (mV) }\n  INITIAL { v = -65 (mV) }\n}\n\nNETWORK Net {\n")
	for k := range n {
		fmt.Fprintf(&b, "  POPULATION P%d = Cell[10]\n", k)
	}
	for k := range n {
		fmt.Fprintf(&b, "  PROJECTION P%d -> P%d {\n    connect = fixed_indegree(2)\n    weight = 1 (nS)\n    synapse = Expon { tau = 5 (ms) }\n    output = COBA { e = 0 (mV) }\n  }\n", k, (k+1)%n)
	}
	b.WriteString("}\n\nRUN {\n  dt = 0.1 (ms)\n  duration = 10 (ms)\n  seed = 1\n  RECORD spikes\n}\n")
	return b.String()
}

// Cell is a neuron with the given INSERT lines and solver, a network of
// ten such neurons and a run block.
func Cell(solver, inserts string) string {
	return fmt.Sprintf(`NEURON Cell {
  area      = 20000 (um2)
  cm        = 1 (uF/cm2)
  threshold = above(-50 (mV))
  solver    = %s
%s  INITIAL { v = -65 (mV) }
}

NETWORK Net { POPULATION N = Cell[10] }

RUN {
  dt       = 0.1 (ms)
  duration = 10 (ms)
  seed     = 1
  RECORD spikes
}
`, solver, inserts)
}
