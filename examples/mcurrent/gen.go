// Package mcurrent is the example model examples/mcurrent/net.ein compiled by einetc.
// Regenerate net_ein.go with go generate after editing the model.
package mcurrent

//go:generate go run github.com/einetc/einetc/cmd/einetc compile net.ein
