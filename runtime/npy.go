package runtime

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// npyMagic starts every NPY file.
const npyMagic = "\x93NUMPY"

// An npyHeader is the parsed header of an NPY file.
type npyHeader struct {
	descr   string // dtype, e.g. "<f8"
	fortran bool   // column-major data
	shape   []int
}

// npyItemSize gives the element size of the supported dtypes.
var npyItemSize = map[string]int{"<f8": 8, "<f4": 4, "<i8": 8, "<i4": 4}

// count returns the number of elements.
func (h *npyHeader) count() int {
	n := 1
	for _, d := range h.shape {
		n *= d
	}
	return n
}

// shapeString formats a shape as Python does: (), (3,), (3, 2).
func shapeString(shape []int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, d := range shape {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(d))
	}
	if len(shape) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}

// readNPYHeader reads the magic string, version and header of an NPY
// file (format versions 1.0, 2.0 and 3.0).
func readNPYHeader(r io.Reader) (npyHeader, error) {
	var pre [10]byte
	if n, err := io.ReadFull(r, pre[:8]); err != nil {
		if n < len(npyMagic) || string(pre[:len(npyMagic)]) != npyMagic {
			return npyHeader{}, errors.New("not an NPY file (no \\x93NUMPY magic)")
		}
		return npyHeader{}, errors.New("truncated header")
	}
	if string(pre[:6]) != npyMagic {
		return npyHeader{}, errors.New("not an NPY file (no \\x93NUMPY magic)")
	}
	var hlen int
	switch major := pre[6]; major {
	case 1:
		if _, err := io.ReadFull(r, pre[8:10]); err != nil {
			return npyHeader{}, errors.New("truncated header")
		}
		hlen = int(binary.LittleEndian.Uint16(pre[8:10]))
	case 2, 3:
		var l [4]byte
		if _, err := io.ReadFull(r, l[:]); err != nil {
			return npyHeader{}, errors.New("truncated header")
		}
		hlen = int(binary.LittleEndian.Uint32(l[:]))
		if hlen > 1<<20 {
			return npyHeader{}, fmt.Errorf("header of %d bytes is too long", hlen)
		}
	default:
		return npyHeader{}, fmt.Errorf("NPY format version %d.%d not supported (want 1.0, 2.0 or 3.0)", major, pre[7])
	}
	text := make([]byte, hlen)
	if _, err := io.ReadFull(r, text); err != nil {
		return npyHeader{}, errors.New("truncated header")
	}
	return parseNPYHeader(string(text))
}

// parseNPYHeader parses the Python dict literal of an NPY header, e.g.
// {'descr': '<f8', 'fortran_order': False, 'shape': (10,), }.
func parseNPYHeader(text string) (npyHeader, error) {
	p := &pyLexer{s: text}
	var h npyHeader
	seen := map[string]bool{}
	if !p.punct('{') {
		return h, p.errorf("want '{'")
	}
	for !p.punct('}') {
		key, ok := p.str()
		if !ok || !p.punct(':') {
			return h, p.errorf("want 'key':")
		}
		var err error
		switch key {
		case "descr":
			var ok bool
			if h.descr, ok = p.str(); !ok {
				err = p.errorf("descr is not a simple dtype string (structured arrays are not supported)")
			}
		case "fortran_order":
			h.fortran, err = p.boolean()
		case "shape":
			h.shape, err = p.tuple()
		default:
			err = p.errorf("unknown key %q", key)
		}
		if err != nil {
			return h, err
		}
		seen[key] = true
		if !p.punct(',') && !p.peek('}') {
			return h, p.errorf("want ',' or '}'")
		}
	}
	for _, k := range []string{"descr", "fortran_order", "shape"} {
		if !seen[k] {
			return h, fmt.Errorf("bad header: no %q key", k)
		}
	}
	return h, nil
}

// A pyLexer reads the tokens of a Python literal.
type pyLexer struct {
	s string
	i int
}

// errorf returns a header syntax error at the current position.
func (p *pyLexer) errorf(format string, args ...any) error {
	return fmt.Errorf("bad header at byte %d: %s", p.i, fmt.Sprintf(format, args...))
}

// skip skips white space.
func (p *pyLexer) skip() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.i]) >= 0 {
		p.i++
	}
}

// peek reports whether the next token is c, without consuming it.
func (p *pyLexer) peek(c byte) bool {
	p.skip()
	return p.i < len(p.s) && p.s[p.i] == c
}

// punct consumes c if it is next.
func (p *pyLexer) punct(c byte) bool {
	if p.peek(c) {
		p.i++
		return true
	}
	return false
}

// str consumes a quoted string without escapes.
func (p *pyLexer) str() (string, bool) {
	p.skip()
	if p.i >= len(p.s) || (p.s[p.i] != '\'' && p.s[p.i] != '"') {
		return "", false
	}
	q := p.s[p.i]
	end := strings.IndexByte(p.s[p.i+1:], q)
	if end < 0 {
		return "", false
	}
	v := p.s[p.i+1 : p.i+1+end]
	p.i += end + 2
	return v, true
}

// word consumes an identifier or number.
func (p *pyLexer) word() string {
	p.skip()
	j := p.i
	for j < len(p.s) && (p.s[j] == '_' || p.s[j] >= '0' && p.s[j] <= '9' || p.s[j]|0x20 >= 'a' && p.s[j]|0x20 <= 'z') {
		j++
	}
	w := p.s[p.i:j]
	p.i = j
	return w
}

// boolean consumes True or False.
func (p *pyLexer) boolean() (bool, error) {
	switch w := p.word(); w {
	case "True":
		return true, nil
	case "False":
		return false, nil
	default:
		return false, p.errorf("want True or False, got %q", w)
	}
}

// tuple consumes a tuple of non-negative integers, such as (3,) or (3, 2).
func (p *pyLexer) tuple() ([]int, error) {
	if !p.punct('(') {
		return nil, p.errorf("shape is not a tuple")
	}
	shape := []int{}
	for !p.punct(')') {
		w := strings.TrimSuffix(p.word(), "L") // Python 2 longs
		d, err := strconv.Atoi(w)
		if err != nil || d < 0 {
			return nil, p.errorf("bad dimension %q in shape", w)
		}
		shape = append(shape, d)
		if !p.punct(',') && !p.peek(')') {
			return nil, p.errorf("want ',' or ')' in shape")
		}
	}
	return shape, nil
}

// readNPYData reads the n elements of size bytes each that follow the
// header, calling put for each in file order.
func readNPYData(r io.Reader, n, size int, put func(k int, b []byte)) error {
	buf := make([]byte, min(n*size, 1<<16)/size*size+size)
	for k := 0; k < n; {
		chunk := min(n-k, len(buf)/size)
		got, err := io.ReadFull(r, buf[:chunk*size])
		if err != nil {
			return fmt.Errorf("truncated data: want %d bytes, got %d", n*size, k*size+got)
		}
		for e := 0; e < chunk; e++ {
			put(k+e, buf[e*size:(e+1)*size])
		}
		k += chunk
	}
	return nil
}

// npyFloat decodes one element of a supported dtype as a float64.
func npyFloat(descr string, b []byte) float64 {
	switch descr {
	case "<f8":
		return math.Float64frombits(binary.LittleEndian.Uint64(b))
	case "<f4":
		return float64(math.Float32frombits(binary.LittleEndian.Uint32(b)))
	case "<i8":
		return float64(int64(binary.LittleEndian.Uint64(b)))
	default: // "<i4"
		return float64(int32(binary.LittleEndian.Uint32(b)))
	}
}

// npyInt decodes one element of an integer dtype.
func npyInt(descr string, b []byte) int64 {
	if descr == "<i8" {
		return int64(binary.LittleEndian.Uint64(b))
	}
	return int64(int32(binary.LittleEndian.Uint32(b)))
}

// writeNPYHeader writes an NPY 1.0 header for the dtype and shape, padded
// with spaces so that the data starts at a multiple of 64 bytes.
func writeNPYHeader(w io.Writer, descr string, shape []int) error {
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, shapeString(shape))
	total := 10 + len(dict) + 1 // magic, version, length; the dict; '\n'
	pad := (64 - total%64) % 64
	hlen := len(dict) + pad + 1
	if hlen > math.MaxUint16 {
		return fmt.Errorf("NPY header of %d bytes is too long for format 1.0", hlen)
	}
	b := make([]byte, 0, 10+hlen)
	b = append(b, npyMagic...)
	b = append(b, 1, 0)
	b = binary.LittleEndian.AppendUint16(b, uint16(hlen))
	b = append(b, dict...)
	b = append(b, strings.Repeat(" ", pad)...)
	b = append(b, '\n')
	_, err := w.Write(b)
	return err
}

// writeNPY writes an array of n elements of size bytes, encoded by put.
func writeNPY(w io.Writer, descr string, shape []int, n, size int, put func(b []byte, k int) []byte) error {
	bw := bufio.NewWriter(w)
	if err := writeNPYHeader(bw, descr, shape); err != nil {
		return err
	}
	buf := make([]byte, 0, 1<<12)
	for k := 0; k < n; k++ {
		buf = put(buf, k)
		if len(buf)+size > cap(buf) {
			if _, err := bw.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	if _, err := bw.Write(buf); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteNPY writes data to w as a one-dimensional little-endian float64
// array ('<f8', shape (len(data),)) in NPY format 1.0, readable by
// numpy.load and by [ReadValues].
func WriteNPY(w io.Writer, data []float64) error {
	return writeNPY(w, "<f8", []int{len(data)}, len(data), 8, func(b []byte, k int) []byte {
		return binary.LittleEndian.AppendUint64(b, math.Float64bits(data[k]))
	})
}

// WriteNPYInt32 writes data to w as a one-dimensional little-endian
// int32 array ('<i4') in NPY format 1.0, e.g. recorded spike indices.
func WriteNPYInt32(w io.Writer, data []int32) error {
	return writeNPY(w, "<i4", []int{len(data)}, len(data), 4, func(b []byte, k int) []byte {
		return binary.LittleEndian.AppendUint32(b, uint32(data[k]))
	})
}

// WriteNPYPairs writes the pairs (pre[k], post[k]) to w as a
// little-endian int64 array of shape (len(pre), 2) in NPY format 1.0,
// readable by [ReadPairs]. pre and post must have the same length.
func WriteNPYPairs(w io.Writer, pre, post []int64) error {
	if len(pre) != len(post) {
		return fmt.Errorf("WriteNPYPairs: %d presynaptic but %d postsynaptic indices", len(pre), len(post))
	}
	return writeNPY(w, "<i8", []int{len(pre), 2}, len(pre), 16, func(b []byte, k int) []byte {
		b = binary.LittleEndian.AppendUint64(b, uint64(pre[k]))
		return binary.LittleEndian.AppendUint64(b, uint64(post[k]))
	})
}
