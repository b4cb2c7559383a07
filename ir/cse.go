package ir

// Common subexpression elimination: one local per value computed twice.

import (
	"sort"
	"strconv"
)

// cse computes every repeated non-trivial subexpression once: the largest
// first (by the length of its Key, ties in Key order), as a local cse1,
// cse2, … defined just before its first use.
//
// It numbers the values of all subexpressions once, bottom-up (two
// subexpressions with the same Key get the same number), and decides
// from the largest down how often each value is still computed when the
// larger ones are shared: a value occurs once per occurrence of an
// unshared parent and once per shared parent. This is linear in the size
// of the statements; the earlier search for the longest repeated Key,
// one round per local, was quadratic in the depth of an expression (a
// membrane equation of 50 000 currents is a sum 50 000 deep).
func cse(stmts []*Stmt) []*Stmt {
	vn := &numbering{ids: map[Expr]int{}, byKey: map[valueKey]int{}}
	roots := make([]int, len(stmts))
	for i, s := range stmts {
		roots[i] = vn.number(s.Value)
	}
	order := vn.shared(roots)
	if len(order) == 0 {
		return stmts
	}
	locals := make(map[int]*Local, len(order))
	for n, id := range order {
		locals[id] = &Local{Name: "cse" + strconv.Itoa(n+1), Value: vn.vals[id].e}
	}
	return placeLocals(stmts, order, locals, vn)
}

// A numbering assigns value numbers to expressions: equal numbers, equal
// Keys.
type numbering struct {
	ids   map[Expr]int // by node
	byKey map[valueKey]int
	vals  []value
}

type value struct {
	e    Expr  // the first expression seen with this value
	kids []int // value numbers of its children, in order (-1: trivial)
	klen int   // len(Key(e))
}

// valueKey identifies a value by its operator and its children's numbers
// (or, for a trivial expression, its Key).
type valueKey struct {
	op      string
	a, b, c int
	leaf    string
}

// number returns e's value number, or -1 if e is trivial.
func (vn *numbering) number(e Expr) int {
	if trivial(e) {
		return -1
	}
	if id, ok := vn.ids[e]; ok {
		return id
	}
	var kids []int
	klen := 0
	k := valueKey{a: -2, b: -2, c: -2}
	child := func(x Expr) int {
		id := vn.number(x)
		kids = append(kids, id)
		if id < 0 {
			klen += len(Key(x))
		} else {
			klen += vn.vals[id].klen
		}
		return id
	}
	switch e := e.(type) {
	case *Call:
		k.op = "call " + e.Fn
		ids := [3]int{-2, -2, -2}
		for i, a := range e.Args {
			ids[i] = child(a)
		}
		k.a, k.b, k.c = ids[0], ids[1], ids[2]
		klen += len(e.Fn) + 2 + len(e.Args) // fn( a, b, )
		if len(e.Args) > 3 || len(e.Args) == 0 {
			k.leaf = Key(e) // no built-in has more than two arguments
		}
	case *Unary:
		k.op = "unary " + e.Op
		k.a = child(e.X)
		klen += 2 + len(e.Op)
	case *Binary:
		k.op = e.Op
		k.a, k.b = child(e.X), child(e.Y)
		klen += 2 + len(e.Op)
	case *Cond:
		k.op = "if"
		k.a, k.b, k.c = child(e.C), child(e.T), child(e.E)
		klen += 7
	}
	if hasTrivialKid(kids) {
		// Trivial children are told apart by their Keys.
		for i, id := range kids {
			if id < 0 {
				k.leaf += strconv.Itoa(i) + ":" + Key(childAt(e, i)) + "\x00"
			}
		}
	}
	id, ok := vn.byKey[k]
	if !ok {
		id = len(vn.vals)
		vn.byKey[k] = id
		vn.vals = append(vn.vals, value{e: e, kids: kids, klen: klen})
	}
	vn.ids[e] = id
	return id
}

func hasTrivialKid(kids []int) bool {
	for _, id := range kids {
		if id < 0 {
			return true
		}
	}
	return false
}

// childAt returns e's i-th child, or nil if it has no more.
func childAt(e Expr, i int) Expr {
	switch e := e.(type) {
	case *Call:
		if i < len(e.Args) {
			return e.Args[i]
		}
	case *Unary:
		if i == 0 {
			return e.X
		}
	case *Binary:
		switch i {
		case 0:
			return e.X
		case 1:
			return e.Y
		}
	case *Cond:
		switch i {
		case 0:
			return e.C
		case 1:
			return e.T
		case 2:
			return e.E
		}
	}
	return nil
}

// shared returns the values to compute once, in the order the greedy
// largest-first search would choose them.
func (vn *numbering) shared(roots []int) []int {
	occ := make([]int, len(vn.vals))
	for _, r := range roots {
		if r >= 0 {
			occ[r]++
		}
	}
	byLen := make([]int, len(vn.vals))
	for i := range byLen {
		byLen[i] = i
	}
	sort.Slice(byLen, func(i, j int) bool { return vn.vals[byLen[i]].klen > vn.vals[byLen[j]].klen })
	var order []int
	for i := 0; i < len(byLen); {
		// A group of equal length: none is part of another, so each one's
		// count is final once the longer ones are decided.
		j := i
		for j < len(byLen) && vn.vals[byLen[j]].klen == vn.vals[byLen[i]].klen {
			j++
		}
		var chosen []int
		for _, id := range byLen[i:j] {
			times := occ[id]
			if times >= 2 {
				chosen = append(chosen, id)
				times = 1 // computed once, as a local
			}
			for _, k := range vn.vals[id].kids {
				if k >= 0 {
					occ[k] += times
				}
			}
		}
		if len(chosen) > 1 {
			keys := make(map[int]string, len(chosen))
			for _, id := range chosen {
				keys[id] = Key(vn.vals[id].e)
			}
			sort.Slice(chosen, func(a, b int) bool { return keys[chosen[a]] < keys[chosen[b]] })
		}
		order = append(order, chosen...)
		i = j
	}
	return order
}

// placeLocals replaces every shared value by its local and inserts each
// local's definition just before the first statement (or local) that
// reads it, taking the locals largest first.
func placeLocals(stmts []*Stmt, order []int, locals map[int]*Local, vn *numbering) []*Stmt {
	l := &stmtList{}
	users := map[*Local][]*listElem{}
	rewrite := func(el *listElem, e Expr, top bool) Expr {
		memo := map[Expr]Expr{}
		var walk func(e Expr, top bool) Expr
		walk = func(e Expr, top bool) Expr {
			if trivial(e) {
				return e
			}
			if r, ok := memo[e]; ok {
				if lr, isRef := r.(*LocalRef); isRef {
					users[lr.L] = appendUser(users[lr.L], el)
				}
				return r
			}
			var r Expr
			if loc := locals[vn.ids[e]]; loc != nil && !top {
				users[loc] = appendUser(users[loc], el)
				r = &LocalRef{L: loc}
			} else {
				r = mapChildren(e, func(c Expr) Expr { return walk(c, false) })
			}
			memo[e] = r
			return r
		}
		return walk(e, top)
	}
	for _, s := range stmts {
		el := l.pushBack(s)
		s.Value = rewrite(el, s.Value, false)
	}
	for _, id := range order {
		loc := locals[id]
		st := &Stmt{Local: loc}
		var first *listElem
		for _, u := range users[loc] {
			if first == nil || u.label < first.label {
				first = u
			}
		}
		el := l.insertBefore(first, st)
		st.Value = rewrite(el, loc.Value, true)
		loc.Value = st.Value
	}
	return l.slice()
}

func appendUser(us []*listElem, el *listElem) []*listElem {
	if n := len(us); n > 0 && us[n-1] == el {
		return us
	}
	return append(us, el)
}

// A stmtList is a linked list of statements whose labels increase along
// the list, so that which of two elements comes first is one comparison.
type stmtList struct {
	head, tail *listElem
}

type listElem struct {
	s          *Stmt
	label      int64
	prev, next *listElem
}

const labelGap = 1 << 32

func (l *stmtList) pushBack(s *Stmt) *listElem {
	el := &listElem{s: s, prev: l.tail}
	if l.tail == nil {
		l.head = el
	} else {
		l.tail.next = el
		el.label = l.tail.label + labelGap
	}
	l.tail = el
	return el
}

// insertBefore inserts s just before at, relabelling the list when two
// neighbours leave no room between them.
func (l *stmtList) insertBefore(at *listElem, s *Stmt) *listElem {
	lo := at.label - labelGap
	if at.prev != nil {
		lo = at.prev.label
	}
	if at.label-lo < 2 {
		n := int64(0)
		for el := l.head; el != nil; el = el.next {
			el.label = n * labelGap
			n++
		}
		return l.insertBefore(at, s)
	}
	el := &listElem{s: s, label: lo + (at.label-lo)/2, prev: at.prev, next: at}
	if at.prev == nil {
		l.head = el
	} else {
		at.prev.next = el
	}
	at.prev = el
	return el
}

func (l *stmtList) slice() []*Stmt {
	var out []*Stmt
	for el := l.head; el != nil; el = el.next {
		out = append(out, el.s)
	}
	return out
}
