//go:build !unix

package runtime

import "errors"

func mkfifo(path string) error { return errors.New("named pipes are a unix feature") }
