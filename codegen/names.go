package codegen

import (
	"go/token"
	"strconv"
	"strings"
	"unicode"
)

// goIdent maps a model name such as "INa_TM1991.g_max" or "J(v)" to a Go
// identifier fragment: ASCII letters, digits and underscores only; a
// non-ASCII letter or digit is spelled by its code point ("α" is "u3b1"), so
// that names in other scripts stay apart. Names from the model never reach
// generated code unmangled, so a model cannot inject Go. The mapping is
// readable, not injective ("a.b" and "a_b" both give "a_b"): every
// identifier built from it is handed out by a namer, which keeps distinct
// model names apart in each Go scope.
func goIdent(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == '\'':
			b.WriteString("_dot")
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'):
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteString("u" + strconv.FormatInt(int64(r), 16))
		default:
			if s := b.String(); !strings.HasSuffix(s, "_") {
				b.WriteByte('_')
			}
		}
	}
	s := strings.TrimRight(b.String(), "_")
	if s == "" {
		s = "x"
	}
	return s
}

// exported returns an exported Go identifier for name.
func exported(name string) string {
	s := goIdent(name)
	if s[0] >= 'a' && s[0] <= 'z' {
		return strings.ToUpper(s[:1]) + s[1:]
	}
	if s[0] < 'A' || s[0] > 'Z' {
		return "X" + s
	}
	return s
}

// namer hands out unique identifiers in one scope.
type namer struct {
	used map[string]bool
}

func newNamer(reserved ...string) *namer {
	n := &namer{used: map[string]bool{}}
	for _, r := range reserved {
		n.used[r] = true
	}
	return n
}

// name returns base, or base2, base3, ... if base is taken or a keyword.
func (n *namer) name(base string) string {
	s := base
	for i := 2; n.used[s] || token.IsKeyword(s); i++ {
		s = base + strconv.Itoa(i)
	}
	n.used[s] = true
	return s
}
