// Package validation holds einetc's scientific validation suite: tests that
// run models through `einetc run` and compare the results with Brian2 2.5
// (the Debian package python3-brian, driving the scripts in brian/), with
// the properties of braincell's E–I network that braincell-model.md reports,
// and the network-state analysis of summary.json with an independent
// numpy/scipy implementation (scipy/analysis.py, python3-scipy; case 6 in
// analysis_test.go, described in docs/analysis.md).
//
// The package has no code of its own; everything is in its tests:
//
//	go test ./validation/                      # the whole suite (about 3 minutes on 2 cores)
//	go test ./validation/ -short               # without Brian2, the E–I network and scipy: the rules cases only
//	go test ./validation/ -run . -args -write-docs
//	                                            # also rewrite docs/validation.md and its plots
//
// Tests that need Brian2 skip with "Brian2 not installed (apt-get install
// python3-brian)" when /usr/bin/python3 cannot import brian2. Brian2's C++
// standalone projects are kept between runs in $EINETC_VALIDATION_CACHE
// (default: the user cache directory, einetc/validation), so that only the
// first run pays for their compilation. docs/validation.md describes every
// case, its tolerance and the measured differences.
package validation
