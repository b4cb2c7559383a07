// Package check checks a parsed einetc program (a dsl.Program) and lowers
// it to an ir.Module: it resolves names, checks units, types, values and
// sizes, inlines functions, and lowers every ODE through its solver
// (ir.Lower) into update statements. Build is the entry; it reports every
// error it finds, each at its position in the model's source.
//
// The files follow the model's parts: build.go (Build, the network and RUN
// blocks), scope.go (names and scopes), mech.go, neuron.go, proj.go,
// network.go, record.go and init.go (mechanisms, neurons, projections,
// populations, records, initial values), spike.go (a neuron's own
// equations, reset and refractoriness), ion.go (ions and concentrations),
// hetero.go (per-neuron and per-connection values), expr.go and call.go
// (expressions, calls, units), bounds.go and limits.go (rules on values
// and sizes), finalize.go (each population's update) and errors.go (the
// messages). See docs/architecture.md.
package check
