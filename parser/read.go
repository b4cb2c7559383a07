package parser

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	einrt "github.com/einetc/einetc/runtime"
)

// MaxSource is the largest model file einetc reads (64 MiB): a model is
// text written by hand or by a script, and a bound keeps `einetc check
// /dev/zero` or a runaway generator from exhausting memory.
const MaxSource = 64 << 20

// ReadOS returns the ReadFunc einetc uses on the real file system for the
// model whose main file is mainFile. It is the one place where model
// sources are read from disk:
//
//   - only regular files are read (a named pipe, a device such as
//     /dev/zero or a directory is refused before it is opened, so it can
//     neither hang nor fill memory), and at most MaxSource bytes;
//   - every file but the main one must lie inside the main file's
//     directory after symbolic links are resolved (Load's own check
//     compares the paths as written), so a link inside the model's
//     directory cannot make einetc read, or quote, a file outside it.
func ReadOS(mainFile string) ReadFunc {
	return func(name string) ([]byte, error) {
		if filepath.Clean(name) != filepath.Clean(mainFile) {
			if err := einrt.Confined(filepath.Dir(mainFile), name); err != nil {
				return nil, err
			}
		}
		return readRegular(name, MaxSource)
	}
}

// readRegular reads the regular file name, refusing anything else and
// anything longer than max bytes.
func readRegular(name string, max int64) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", kind(fi.Mode()))
	}
	if fi.Size() > max {
		return nil, fmt.Errorf("file of %d bytes is larger than the %d MiB a model may be", fi.Size(), max>>20)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err == nil && int64(len(b)) > max { // grew since Stat
		err = fmt.Errorf("file is larger than the %d MiB a model may be", max>>20)
	}
	return b, err
}

func kind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return m.Type().String()
}
