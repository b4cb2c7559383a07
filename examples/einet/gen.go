// Package einet is the example model examples/einet/net.ein compiled by einetc.
// Regenerate net_ein.go with go generate after editing the model.
package einet

//go:generate go run github.com/einetc/einetc/cmd/einetc compile net.ein
