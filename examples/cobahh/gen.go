// Package cobahh is the example model examples/cobahh/net.ein compiled by einetc.
// Regenerate net_ein.go with go generate after editing the model.
package cobahh

//go:generate go run github.com/einetc/einetc/cmd/einetc compile net.ein
