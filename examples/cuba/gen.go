// Package cuba is the example model examples/cuba/net.ein compiled by einetc.
// Regenerate net_ein.go with go generate after editing the model.
package cuba

//go:generate go run github.com/einetc/einetc/cmd/einetc compile net.ein
