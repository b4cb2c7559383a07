//go:build !unix

package parser

import "errors"

func mkfifo(path string) error { return errors.New("named pipes are a unix feature") }
