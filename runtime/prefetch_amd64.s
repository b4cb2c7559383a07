//go:build amd64 && !purego

#include "textflag.h"

// func prefetch(p *int32)
TEXT ·prefetch(SB), NOSPLIT, $0-8
	MOVQ p+0(FP), AX
	PREFETCHT0 (AX)
	RET
