package ir

// Dependency queries on expressions: which states an expression reads.

// Depends reports whether e reads state s, directly or through locals.
// Each local's set of states is computed once, so chains of definitions that
// reuse each other cost linear time.
func Depends(e Expr, s *State) bool {
	switch e := e.(type) {
	case *StateRef:
		return e.S == s
	case *LocalRef:
		return localDeps(e.L)[s]
	case *Call:
		for _, a := range e.Args {
			if Depends(a, s) {
				return true
			}
		}
	case *Unary:
		return Depends(e.X, s)
	case *Binary:
		return Depends(e.X, s) || Depends(e.Y, s)
	case *Cond:
		return Depends(e.C, s) || Depends(e.T, s) || Depends(e.E, s)
	}
	return false
}

func localDeps(l *Local) map[*State]bool {
	if l.deps != nil {
		return l.deps
	}
	l.deps = map[*State]bool{}
	Walk(l.Value, func(x Expr) {
		switch x := x.(type) {
		case *StateRef:
			l.deps[x.S] = true
		case *LocalRef:
			for s := range localDeps(x.L) {
				l.deps[s] = true
			}
		}
	})
	return l.deps
}

// readsAnyState reports whether e reads any state variable.
func readsAnyState(e Expr) bool {
	switch e := e.(type) {
	case *StateRef:
		return true
	case *LocalRef:
		return len(localDeps(e.L)) > 0
	case *Call:
		for _, a := range e.Args {
			if readsAnyState(a) {
				return true
			}
		}
	case *Unary:
		return readsAnyState(e.X)
	case *Binary:
		return readsAnyState(e.X) || readsAnyState(e.Y)
	case *Cond:
		return readsAnyState(e.C) || readsAnyState(e.T) || readsAnyState(e.E)
	}
	return false
}

// DependsDeep is Depends, looking into held values too (an ion's current
// reads the channels' states, though the solver holds it): for initial
// values, which compute everything they read.
func DependsDeep(e Expr, s *State) bool {
	found := false
	walkDeep(e, func(x Expr) {
		if r, ok := x.(*StateRef); ok && r.S == s {
			found = true
		}
	})
	return found
}

// walkDeep is Walk through e and the values of the locals it reads
// (LocalsOf), each once.
func walkDeep(e Expr, fn func(Expr)) {
	Walk(e, fn)
	for _, l := range LocalsOf(e) {
		Walk(l.Value, fn)
	}
}
