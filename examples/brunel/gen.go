// Package brunel is the example model examples/brunel/net.ein (Brunel 2000,
// model A) compiled by einetc. Regenerate net_ein.go with go generate after
// editing the model.
package brunel

//go:generate go run github.com/einetc/einetc/cmd/einetc compile net.ein
