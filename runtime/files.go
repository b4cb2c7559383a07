package runtime

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ReadValues reads the n values of a per-neuron quantity (an initial
// condition or a parameter) from the file at path, by its extension:
//
//   - .npy: a numpy array of dtype <f8, <f4, <i8 or <i4 and shape (n,)
//     or (n, 1), NPY format 1.0, 2.0 or 3.0;
//   - .csv: one number per line, with an optional header line (a first
//     line that is not a number) and blank lines ignored.
//
// NaN and infinite values are errors. Errors begin with path (and for
// CSV the line), as in "v0.npy: shape (10,) but the population has 12
// neurons" or "v0.csv:3: not a number: \"abc\"".
func ReadValues(path string, n int) ([]float64, error) {
	if n < 0 {
		return nil, fmt.Errorf("%s: negative population size %d", path, n)
	}
	f, kind, err := openData(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	if kind == ".npy" {
		return readValuesNPY(r, path, n)
	}
	return readValuesCSV(r, path, n)
}

// openData opens a .npy or .csv file and returns its lower-case
// extension. Only a regular file is opened: a named pipe would block the
// open, a device such as /dev/zero never ends.
func openData(path string) (*os.File, string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".npy" && ext != ".csv" {
		return nil, "", fmt.Errorf("%s: unsupported file type %q (want .npy or .csv)", path, ext)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, "", err
	}
	if !fi.Mode().IsRegular() {
		return nil, "", fmt.Errorf("%s: not a regular file", path)
	}
	f, err := os.Open(path)
	return f, ext, err
}

// DataFile returns the path of the data file name (a relative path, as a
// model's file("...") gives it) in the directory dir, after checking that
// it stays inside dir once symbolic links are resolved and that it is a
// regular file. The generated New calls it before reading any data file, so
// a link in the model's directory cannot make a simulation read a file
// outside it (or quote that file's content in an error).
func DataFile(dir, name string) (string, error) {
	path := filepath.Join(dir, name)
	if filepath.IsAbs(name) || !filepath.IsLocal(name) {
		return "", fmt.Errorf("%s: data files must be inside the model's directory %s", name, dir)
	}
	if err := Confined(dir, path); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("%s: not a regular file", path)
	}
	return path, nil
}

// Confined reports an error unless name, with every symbolic link
// resolved, lies inside dir (also resolved). It is the one confinement
// check of einetc: for the imports of a model (package parser) and for its
// data files (DataFile).
func Confined(dir, name string) error {
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return err
	}
	real, err := filepath.EvalSymlinks(name)
	if err != nil {
		return err
	}
	if root, err = filepath.Abs(root); err != nil {
		return err
	}
	if real, err = filepath.Abs(real); err != nil {
		return err
	}
	if real != root && !strings.HasPrefix(real, root+string(filepath.Separator)) {
		return errors.New("it leads outside the model's directory (through a symbolic link)")
	}
	return nil
}

// readValuesNPY reads the values of the NPY file path.
func readValuesNPY(r io.Reader, path string, n int) ([]float64, error) {
	h, err := readNPYHeader(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	size, ok := npyItemSize[h.descr]
	if !ok {
		return nil, fmt.Errorf("%s: dtype %s not supported (want float64, float32, int64 or int32)", path, h.descr)
	}
	switch {
	case len(h.shape) == 1 || len(h.shape) == 2 && h.shape[1] == 1:
		if h.shape[0] != n {
			return nil, fmt.Errorf("%s: shape %s but the population has %d neurons", path, shapeString(h.shape), n)
		}
	default:
		return nil, fmt.Errorf("%s: shape %s not supported (want (%d,) or (%d, 1))", path, shapeString(h.shape), n, n)
	}
	v := make([]float64, n)
	if err := readNPYData(r, n, size, func(k int, b []byte) { v[k] = npyFloat(h.descr, b) }); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for k, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("%s: element %d is %v", path, k, x)
		}
	}
	return v, nil
}

// readValuesCSV reads one number per line from the CSV file path.
func readValuesCSV(r io.Reader, path string, n int) ([]float64, error) {
	v := make([]float64, 0, n)
	err := scanLines(r, path, func(s string, first bool) error {
		x, err := strconv.ParseFloat(s, 64)
		switch {
		case err != nil && first && !isNumeric(s):
			return nil // a header
		case errors.Is(err, strconv.ErrRange):
			return fmt.Errorf("out of range: %q", s)
		case err != nil:
			return fmt.Errorf("not a number: %q", s)
		case math.IsNaN(x) || math.IsInf(x, 0):
			return fmt.Errorf("%v", x)
		}
		v = append(v, x)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(v) != n {
		return nil, fmt.Errorf("%s: %d values but the population has %d neurons", path, len(v), n)
	}
	return v, nil
}

// scanLines calls fn with each non-blank line of the file path, trimmed;
// first is set for the first non-blank line. An error from fn is
// returned prefixed with "path:line: ".
func scanLines(r io.Reader, path string, fn func(s string, first bool) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	first := true
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" {
			continue
		}
		if err := fn(s, first); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		first = false
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// ReadPairs reads the pairs of an explicit connectivity from the file at
// path, by its extension:
//
//   - .npy: an integer array (dtype <i8 or <i4) of shape (m, 2), each row
//     a (pre, post) pair, in C or Fortran order;
//   - .csv: two integer columns "pre,post" per line, with an optional
//     header line and blank lines ignored.
//
// It does not check the ranges of the indices; [FromPairs] does.
func ReadPairs(path string) (pre, post []int64, err error) {
	f, kind, err := openData(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	if kind == ".npy" {
		return readPairsNPY(r, path)
	}
	return readPairsCSV(r, path)
}

// readPairsNPY reads an (m, 2) integer array from the NPY file path.
func readPairsNPY(r io.Reader, path string) (pre, post []int64, err error) {
	h, err := readNPYHeader(r)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if h.descr != "<i8" && h.descr != "<i4" {
		return nil, nil, fmt.Errorf("%s: dtype %s not supported for pairs (want int64 or int32)", path, h.descr)
	}
	if len(h.shape) != 2 || h.shape[1] != 2 {
		return nil, nil, fmt.Errorf("%s: shape %s not supported for pairs (want (m, 2))", path, shapeString(h.shape))
	}
	m := h.shape[0]
	if m > MaxSynapses {
		return nil, nil, fmt.Errorf("%s: %d pairs exceed the limit of %d synapses", path, m, MaxSynapses)
	}
	pre, post = make([]int64, m), make([]int64, m)
	size := npyItemSize[h.descr]
	err = readNPYData(r, 2*m, size, func(k int, b []byte) {
		x := npyInt(h.descr, b)
		switch {
		case h.fortran && k < m:
			pre[k] = x
		case h.fortran:
			post[k-m] = x
		case k%2 == 0:
			pre[k/2] = x
		default:
			post[k/2] = x
		}
	})
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return pre, post, nil
}

// readPairsCSV reads "pre,post" lines from the CSV file path.
func readPairsCSV(r io.Reader, path string) (pre, post []int64, err error) {
	err = scanLines(r, path, func(s string, first bool) error {
		i, j, err := parsePair(s)
		if err != nil {
			if first && !isNumeric(s) {
				return nil // a header
			}
			return err
		}
		pre, post = append(pre, i), append(post, j)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return pre, post, nil
}

// parsePair parses "i,j".
func parsePair(s string) (i, j int64, err error) {
	f := strings.Split(s, ",")
	if len(f) != 2 {
		return 0, 0, fmt.Errorf("want 2 columns \"pre,post\", got %d", len(f))
	}
	for k, p := range f {
		p = strings.TrimSpace(p)
		x, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("not an integer: %q", p)
		}
		if k == 0 {
			i = x
		} else {
			j = x
		}
	}
	return i, j, nil
}

// isNumeric reports whether s starts like a number, so that a bad first
// data line (such as "1.2.3") is reported rather than taken for a header.
func isNumeric(s string) bool {
	c := s[0]
	return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.'
}
