package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows simulated time, steps/s and the ETA on a terminal, and
// nothing otherwise (logs and CI stay clean).
type progress struct {
	bar *progressbar.ProgressBar
	dt  float64
}

func newProgress(w io.Writer, steps int, dt float64, quiet bool) *progress {
	f, ok := w.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return &progress{}
	}
	bar := progressbar.NewOptions(steps,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("simulating"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("steps"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	return &progress{bar: bar, dt: dt}
}

func (p *progress) set(step int) {
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("t = %.1f ms", float64(step)*p.dt))
		p.bar.Set(step)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
