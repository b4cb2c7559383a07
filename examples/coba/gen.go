// Package coba is the example model examples/coba/net.ein compiled by einetc.
// Regenerate net_ein.go with go generate after editing the model.
package coba

//go:generate go run github.com/einetc/einetc/cmd/einetc compile net.ein
