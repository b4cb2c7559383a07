package runtime

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeFile writes content to a file name in a temporary directory and
// returns its path.
func writeFile(t *testing.T, name string, content []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// npyBytes builds an NPY 1.0 file with the given header dict and data.
func npyBytes(dict string, data []byte) []byte {
	b := []byte(npyMagic + "\x01\x00")
	b = binary.LittleEndian.AppendUint16(b, uint16(len(dict)+1))
	b = append(b, dict...)
	b = append(b, '\n')
	return append(b, data...)
}

// le encodes values little-endian with the given element size.
func le(size int, vals ...float64) []byte {
	var b []byte
	for _, v := range vals {
		switch size {
		case 8:
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		case 4:
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(v)))
		}
	}
	return b
}

// leInt encodes integers little-endian with the given element size.
func leInt(size int, vals ...int64) []byte {
	var b []byte
	for _, v := range vals {
		if size == 8 {
			b = binary.LittleEndian.AppendUint64(b, uint64(v))
		} else {
			b = binary.LittleEndian.AppendUint32(b, uint32(v))
		}
	}
	return b
}

func TestReadValuesNPY(t *testing.T) {
	tests := []struct {
		name, dict string
		data       []byte
	}{
		{"f8", "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", le(8, 1.5, -2, 3)},
		{"f4", "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", le(4, 1.5, -2, 3)},
		{"i8", "{'descr': '<i8', 'fortran_order': False, 'shape': (3, 1), }", leInt(8, 1, -2, 3)},
		{"i4", `{"descr": "<i4", "fortran_order": True, "shape": (3L, 1L)}`, leInt(4, 1, -2, 3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, "v0.npy", npyBytes(tt.dict, tt.data))
			v, err := ReadValues(p, 3)
			if err != nil {
				t.Fatal(err)
			}
			want := []float64{1.5, -2, 3}
			if tt.name[0] == 'i' {
				want[0] = 1
			}
			if !slices.Equal(v, want) {
				t.Errorf("got %v, want %v", v, want)
			}
		})
	}
}

// TestReadValuesErrors checks every error message; the path is written
// as "<p>" and replaced by the temporary path.
func TestReadValuesErrors(t *testing.T) {
	hdr := func(descr, shape string) string {
		return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }"
	}
	tests := []struct {
		name    string
		content []byte
		n       int
		want    string
	}{
		{"v0.npy", npyBytes(hdr("<f8", "(10,)"), le(8, make([]float64, 10)...)), 12, "<p>: shape (10,) but the population has 12 neurons"},
		{"v0.npy", npyBytes(hdr("<f8", "(3, 2)"), le(8, make([]float64, 6)...)), 3, "<p>: shape (3, 2) not supported (want (3,) or (3, 1))"},
		{"v0.npy", npyBytes(hdr("|b1", "(3,)"), []byte{1, 0, 1}), 3, "<p>: dtype |b1 not supported (want float64, float32, int64 or int32)"},
		{"v0.npy", npyBytes(hdr(">f8", "(1,)"), le(8, 1)), 1, "<p>: dtype >f8 not supported"},
		{"v0.npy", npyBytes(hdr("<f8", "(3,)"), le(8, 1, 2)), 3, "<p>: truncated data: want 24 bytes, got 16"},
		{"v0.npy", npyBytes(hdr("<f8", "(3,)"), le(8, 1, math.NaN(), 3)), 3, "<p>: element 1 is NaN"},
		{"v0.npy", npyBytes(hdr("<f8", "(2,)"), le(8, 1, math.Inf(-1))), 2, "<p>: element 1 is -Inf"},
		{"v0.npy", []byte(npyMagic + "\x01\x00\x40"), 3, "<p>: truncated header"},
		{"v0.npy", []byte(npyMagic + "\x01\x00\x40\x00{'descr'"), 3, "<p>: truncated header"},
		{"v0.npy", []byte("hello world, this is text"), 3, "<p>: not an NPY file"},
		{"v0.npy", []byte(npyMagic + "\x04\x00\x00\x00"), 3, "<p>: NPY format version 4.0 not supported"},
		{"v0.npy", npyBytes("{'descr': '<f8', 'shape': (3,)}", nil), 3, `<p>: bad header: no "fortran_order" key`},
		{"v0.npy", npyBytes("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (3,)}", nil), 3, "structured arrays are not supported"},
		{"v0.npy", npyBytes("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (3,)}", nil), 3, `want True or False, got "Maybe"`},
		{"v0.npy", npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (3,x)}", nil), 3, `bad dimension "x" in shape`},
		{"v0.csv", []byte("v\n1\nabc\n"), 3, `<p>:3: not a number: "abc"`},
		{"v0.csv", []byte("1.2.3\n1\n2\n"), 3, `<p>:1: not a number: "1.2.3"`},
		{"v0.csv", []byte("1\n2\n\n\nNaN\n"), 3, "<p>:5: NaN"},
		{"v0.csv", []byte("1\n2\n-inf\n"), 3, "<p>:3: -Inf"},
		{"v0.csv", []byte("1\n2\n1e999\n"), 3, `<p>:3: out of range: "1e999"`},
		{"v0.csv", []byte("1\n2\n"), 3, "<p>: 2 values but the population has 3 neurons"},
		{"v0.txt", []byte("1\n"), 1, `<p>: unsupported file type ".txt" (want .npy or .csv)`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			p := writeFile(t, tt.name, tt.content)
			_, err := ReadValues(p, tt.n)
			wantError(t, err, strings.ReplaceAll(tt.want, "<p>", p))
		})
	}
	_, err := ReadValues(filepath.Join(t.TempDir(), "missing.csv"), 1)
	wantError(t, err, "missing.csv: no such file")
}

func TestReadValuesCSV(t *testing.T) {
	p := writeFile(t, "v0.csv", []byte("v0 (mV)\r\n-65\r\n\r\n  -64.5 \n1e-3\n"))
	v, err := ReadValues(p, 3)
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{-65, -64.5, 1e-3}; !slices.Equal(v, want) {
		t.Errorf("got %v, want %v", v, want)
	}
}

func TestReadPairs(t *testing.T) {
	wantPre, wantPost := []int64{0, 2, 1}, []int64{5, 3, 4}
	tests := []struct {
		name    string
		content []byte
	}{
		{"c.npy", npyBytes("{'descr': '<i8', 'fortran_order': False, 'shape': (3, 2), }", leInt(8, 0, 5, 2, 3, 1, 4))},
		{"i4.npy", npyBytes("{'descr': '<i4', 'fortran_order': False, 'shape': (3, 2), }", leInt(4, 0, 5, 2, 3, 1, 4))},
		{"f.npy", npyBytes("{'descr': '<i8', 'fortran_order': True, 'shape': (3, 2), }", leInt(8, 0, 2, 1, 5, 3, 4))},
		{"h.csv", []byte("pre,post\n0,5\n\n2, 3\n1 ,4\n")},
		{"n.csv", []byte("0,5\n2,3\n1,4")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pre, post, err := ReadPairs(writeFile(t, tt.name, tt.content))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(pre, wantPre) || !slices.Equal(post, wantPost) {
				t.Errorf("got %v %v, want %v %v", pre, post, wantPre, wantPost)
			}
		})
	}
}

func TestReadPairsErrors(t *testing.T) {
	tests := []struct {
		name    string
		content []byte
		want    string
	}{
		{"p.npy", npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", le(8, 0, 1)), "<p>: dtype <f8 not supported for pairs (want int64 or int32)"},
		{"p.npy", npyBytes("{'descr': '<i8', 'fortran_order': False, 'shape': (4,), }", leInt(8, 0, 1, 2, 3)), "<p>: shape (4,) not supported for pairs (want (m, 2))"},
		{"p.npy", npyBytes("{'descr': '<i8', 'fortran_order': False, 'shape': (2, 2), }", leInt(8, 0, 1, 2)), "<p>: truncated data: want 32 bytes, got 24"},
		{"p.npy", npyBytes("{'descr': '<i8', 'fortran_order': False, 'shape': (3000000000, 2), }", nil), "<p>: 3000000000 pairs exceed the limit of 2147483647 synapses"},
		{"p.npy", []byte(npyMagic), "<p>: truncated header"},
		{"p.csv", []byte("pre,post\n0,1\n0,1,2\n"), `<p>:3: want 2 columns "pre,post", got 3`},
		{"p.csv", []byte("0,1\n1.5,2\n"), `<p>:2: not an integer: "1.5"`},
		{"p.csv", []byte("0,1\n1,x\n"), `<p>:2: not an integer: "x"`},
		{"p.csv", []byte("1;2\n"), `<p>:1: want 2 columns "pre,post", got 1`},
		{"p.dat", nil, `<p>: unsupported file type ".dat"`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			p := writeFile(t, tt.name, tt.content)
			_, _, err := ReadPairs(p)
			wantError(t, err, strings.ReplaceAll(tt.want, "<p>", p))
		})
	}
}

// TestNPYRoundTrip writes with the NPY writers and reads back.
func TestNPYRoundTrip(t *testing.T) {
	for _, n := range []int{0, 1, 7, 5000} { // 5000·8 bytes spans several write chunks
		data := make([]float64, n)
		for i := range data {
			data[i] = math.Sin(float64(i)) * 1e3
		}
		var b bytes.Buffer
		if err := WriteNPY(&b, data); err != nil {
			t.Fatal(err)
		}
		checkHeaderAlignment(t, b.Bytes())
		got, err := ReadValues(writeFile(t, "x.npy", b.Bytes()), n)
		if err != nil || !slices.Equal(got, data) {
			t.Fatalf("n=%d: round trip gave %v, %v", n, len(got), err)
		}
	}

	pre, post := []int64{0, 1, 1 << 40, 3}, []int64{7, -2, 5, 1 << 33}
	var b bytes.Buffer
	if err := WriteNPYPairs(&b, pre, post); err != nil {
		t.Fatal(err)
	}
	checkHeaderAlignment(t, b.Bytes())
	gpre, gpost, err := ReadPairs(writeFile(t, "p.npy", b.Bytes()))
	if err != nil || !slices.Equal(gpre, pre) || !slices.Equal(gpost, post) {
		t.Fatalf("pairs round trip: %v %v %v", gpre, gpost, err)
	}
	wantError(t, WriteNPYPairs(&b, pre, post[:1]), "4 presynaptic but 1 postsynaptic")

	b.Reset()
	ints := []int32{5, -1, 1 << 30}
	if err := WriteNPYInt32(&b, ints); err != nil {
		t.Fatal(err)
	}
	checkHeaderAlignment(t, b.Bytes())
	got, err := ReadValues(writeFile(t, "i.npy", b.Bytes()), 3)
	if err != nil || !slices.Equal(got, []float64{5, -1, 1 << 30}) {
		t.Fatalf("int32 round trip: %v %v", got, err)
	}
}

// checkHeaderAlignment checks the NPY 1.0 layout: the data starts at a
// multiple of 64 and the header ends with a newline.
func checkHeaderAlignment(t *testing.T, b []byte) {
	t.Helper()
	if string(b[:8]) != npyMagic+"\x01\x00" {
		t.Fatalf("bad magic or version %q", b[:8])
	}
	start := 10 + int(binary.LittleEndian.Uint16(b[8:10]))
	if start%64 != 0 || b[start-1] != '\n' {
		t.Errorf("data starts at %d (want a multiple of 64), header ends %q", start, b[start-1])
	}
	if !bytes.HasPrefix(b[10:], []byte("{'descr': '")) {
		t.Errorf("header %q", b[10:start])
	}
}

// TestNPYExactBytes pins the header bytes that numpy itself writes for
// np.save(f, np.array([1.0, 2.0])).
func TestNPYExactBytes(t *testing.T) {
	var b bytes.Buffer
	if err := WriteNPY(&b, []float64{1, 2}); err != nil {
		t.Fatal(err)
	}
	dict := "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }"
	want := npyMagic + "\x01\x00\x76\x00" + dict + strings.Repeat(" ", 117-len(dict)) + "\n"
	if got := b.String()[:128]; got != want {
		t.Errorf("header\n%q\nwant\n%q", got, want)
	}
}

func TestNPYVersion2(t *testing.T) {
	dict := "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }\n"
	b := []byte(npyMagic + "\x02\x00")
	b = binary.LittleEndian.AppendUint32(b, uint32(len(dict)))
	b = append(b, dict...)
	b = append(b, le(8, 4, 5)...)
	v, err := ReadValues(writeFile(t, "v2.npy", b), 2)
	if err != nil || !slices.Equal(v, []float64{4, 5}) {
		t.Errorf("got %v, %v", v, err)
	}
}

// TestDataFileConfined checks that a data file must stay inside the model's
// directory once symbolic links are resolved, and must be a regular file
// (issue 13: file("link.csv") -> /etc/passwd was read and quoted; a named
// pipe would block the open).
func TestDataFileConfined(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.csv")
	if err := os.WriteFile(secret, []byte("root:x:0:0:SECRET\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "v0.csv"), []byte("1\n2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{"link.csv": secret, "zero.csv": "/dev/zero", "inner.csv": "v0.csv"} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	fifo := filepath.Join(dir, "fifo.csv")
	if err := mkfifo(fifo); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	for _, name := range []string{"v0.csv", "inner.csv"} {
		p, err := DataFile(dir, name)
		if err != nil {
			t.Fatalf("DataFile(%s): %v", name, err)
		}
		if v, err := ReadValues(p, 2); err != nil || v[1] != 2 {
			t.Errorf("ReadValues(%s) = %v, %v", name, v, err)
		}
	}
	for name, want := range map[string]string{
		"link.csv":      "leads outside the model's directory",
		"zero.csv":      "leads outside the model's directory",
		"fifo.csv":      "not a regular file",
		"../secret.csv": "must be inside the model's directory",
		secret:          "must be inside the model's directory",
	} {
		_, err := DataFile(dir, name)
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "SECRET") {
			t.Errorf("DataFile(%s) = %v; want %q", name, err, want)
		}
	}
	// Read directly, a pipe is refused before it is opened (which would block).
	if _, err := ReadValues(fifo, 2); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("ReadValues(fifo) = %v", err)
	}
}
