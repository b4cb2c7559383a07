package dsl

import "embed"

// Std is the standard library of mechanisms, written in the language itself
// and embedded in the binary. Models import its files as "std/<file>.ein".
//
//go:embed std/*.ein
var Std embed.FS
