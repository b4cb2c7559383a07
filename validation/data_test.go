package validation

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// spike is one spike: the step in which it was detected and the neuron.
type spike struct{ step, neuron int }

func compareSpikes(a, b spike) int {
	if a.step != b.step {
		return a.step - b.step
	}
	return a.neuron - b.neuron
}

// readSpikesCSV reads einetc's spikes.csv (t_ms,neuron; the spike of step i
// is labelled i*dt) as steps of dt.
func readSpikesCSV(path string, dt float64) ([]spike, error) {
	rows, _, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	out := make([]spike, len(rows))
	for k, r := range rows {
		if len(r) != 2 {
			return nil, fmt.Errorf("%s: row %d has %d fields", path, k+2, len(r))
		}
		out[k] = spike{int(math.Round(r[0] / dt)), int(r[1])}
	}
	slices.SortFunc(out, compareSpikes)
	return out, nil
}

// traces is einetc's traces.csv: col[j][i] is column j at the start of step i.
type traces struct {
	names []string
	col   [][]float64
}

func (tr *traces) column(name string) ([]float64, error) {
	for j, n := range tr.names {
		if n == name {
			return tr.col[j], nil
		}
	}
	return nil, fmt.Errorf("no trace %s (have %v)", name, tr.names)
}

func readTracesCSV(path string) (*traces, error) {
	rows, header, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	tr := &traces{names: header[1:], col: make([][]float64, len(header)-1)}
	for j := range tr.col {
		tr.col[j] = make([]float64, len(rows))
	}
	for i, r := range rows {
		for j := range tr.col {
			tr.col[j][i] = r[j+1]
		}
	}
	return tr, nil
}

// readCSV reads a CSV file of numbers with one header line. NaN and ±Inf
// are accepted, as strconv spells them.
func readCSV(path string) (rows [][]float64, header []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if header == nil {
			header = strings.Split(line, ",")
			continue
		}
		fields := strings.Split(line, ",")
		row := make([]float64, len(fields))
		for j, s := range fields {
			if row[j], err = strconv.ParseFloat(s, 64); err != nil {
				return nil, nil, fmt.Errorf("%s: %v", path, err)
			}
		}
		rows = append(rows, row)
	}
	if header == nil {
		return nil, nil, fmt.Errorf("%s: empty", path)
	}
	return rows, header, sc.Err()
}

// npy is a C-ordered NPY array of float64 or integers, as numpy.save writes
// them; data holds the values as float64 (integers convert exactly up to
// 2^53).
type npy struct {
	shape []int
	data  []float64
}

var npyHeader = regexp.MustCompile(`'descr':\s*'([<>|][fiu][1248])'.*'fortran_order':\s*(True|False).*'shape':\s*\(([0-9, ]*)\)`)

func readNPY(path string) (*npy, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) < 10 || string(b[:6]) != "\x93NUMPY" {
		return nil, fmt.Errorf("%s: not an NPY file", path)
	}
	var hlen, start int
	if b[6] == 1 {
		hlen, start = int(binary.LittleEndian.Uint16(b[8:10])), 10
	} else {
		hlen, start = int(binary.LittleEndian.Uint32(b[8:12])), 12
	}
	m := npyHeader.FindStringSubmatch(string(b[start : start+hlen]))
	if m == nil || m[2] == "True" || m[1][0] == '>' {
		return nil, fmt.Errorf("%s: unsupported NPY header %q", path, b[start:start+hlen])
	}
	a := &npy{}
	n := 1
	for _, s := range strings.Split(m[3], ",") {
		if s = strings.TrimSpace(s); s != "" {
			k, _ := strconv.Atoi(s)
			a.shape = append(a.shape, k)
			n *= k
		}
	}
	size := int(m[1][2] - '0')
	body := b[start+hlen:]
	if len(body) != n*size {
		return nil, fmt.Errorf("%s: %d bytes of data for shape %v", path, len(body), a.shape)
	}
	a.data = make([]float64, n)
	for k := range a.data {
		x := body[k*size : (k+1)*size]
		switch m[1][1:] {
		case "f8":
			a.data[k] = math.Float64frombits(binary.LittleEndian.Uint64(x))
		case "f4":
			a.data[k] = float64(math.Float32frombits(binary.LittleEndian.Uint32(x)))
		case "i8":
			a.data[k] = float64(int64(binary.LittleEndian.Uint64(x)))
		case "i4":
			a.data[k] = float64(int32(binary.LittleEndian.Uint32(x)))
		default:
			return nil, fmt.Errorf("%s: unsupported dtype %s", path, m[1])
		}
	}
	return a, nil
}

// readSpikesNPY reads a Brian2 script's (k, 2) int64 array of (step, neuron).
func readSpikesNPY(path string) ([]spike, error) {
	a, err := readNPY(path)
	if err != nil {
		return nil, err
	}
	if len(a.shape) != 2 || a.shape[1] != 2 {
		if len(a.data) == 0 {
			return nil, nil
		}
		return nil, fmt.Errorf("%s: shape %v, want (k, 2)", path, a.shape)
	}
	out := make([]spike, a.shape[0])
	for k := range out {
		out[k] = spike{int(a.data[2*k]), int(a.data[2*k+1])}
	}
	slices.SortFunc(out, compareSpikes)
	return out, nil
}

// columns returns the columns of a 2-D (rows, cols) array.
func (a *npy) columns() [][]float64 {
	rows, cols := a.shape[0], a.shape[1]
	out := make([][]float64, cols)
	for j := range out {
		out[j] = make([]float64, rows)
		for i := range rows {
			out[j][i] = a.data[i*cols+j]
		}
	}
	return out
}

// firstDifference returns the first step in which the rasters a and b
// (sorted) differ, or -1 when they are identical.
func firstDifference(a, b []spike) int {
	for k := 0; k < len(a) || k < len(b); k++ {
		switch {
		case k == len(a):
			return b[k].step
		case k == len(b):
			return a[k].step
		case a[k] != b[k]:
			return min(a[k].step, b[k].step)
		}
	}
	return -1
}

// ofNeuron returns the steps at which neuron n spiked.
func ofNeuron(s []spike, n int) []int {
	var out []int
	for _, x := range s {
		if x.neuron == n {
			out = append(out, x.step)
		}
	}
	return out
}
