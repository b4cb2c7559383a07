package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows simulated time, steps/s and the time left on a terminal,
// and nothing otherwise (logs and CI stay clean). The rate and the time left
// appear once measured, between two progress reports: the first frame shows
// neither (the progress bar's own rate would read "0 steps/hr").
type progress struct {
	bar       *progressbar.ProgressBar
	dt        float64
	steps     int
	seen      bool      // a report has arrived
	first     time.Time // when
	firstStep int       // and at which step
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func newProgress(w io.Writer, steps int, dt float64, quiet bool) *progress {
	if quiet || !isTerminal(w) {
		return &progress{}
	}
	bar := progressbar.NewOptions(steps,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("simulating"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(false), // its first frame read "[0s:0s]"; describe says the time left once known
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	return &progress{bar: bar, dt: dt, steps: steps}
}

func (p *progress) set(step int) {
	if p.bar != nil {
		p.bar.Set(step)
		p.bar.Describe(p.describe(step, time.Now())) // renders, with the count just set
	}
}

// describe is the text before the bar at step, reported at now: the
// simulated time and, from the second report on, the measured rate and the
// time left.
func (p *progress) describe(step int, now time.Time) string {
	d := fmt.Sprintf("t = %.1f ms", float64(step)*p.dt)
	if !p.seen {
		p.seen, p.first, p.firstStep = true, now, step
		return d
	}
	elapsed := now.Sub(p.first).Seconds()
	if elapsed <= 0 || step <= p.firstStep {
		return d
	}
	rate := float64(step-p.firstStep) / elapsed
	left := time.Duration(float64(p.steps-step) / rate * float64(time.Second)).Round(time.Second)
	return d + fmt.Sprintf(", %.0f steps/s, %v left", rate, left)
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// buildClock counts the seconds of a build on a terminal, on the line after
// "building the simulation…", and clears it when stopped; it shows nothing
// elsewhere.
type buildClock struct{ stop, done chan struct{} }

func startBuildClock(w io.Writer, quiet bool) *buildClock {
	if quiet || !isTerminal(w) {
		return nil
	}
	c := &buildClock{stop: make(chan struct{}), done: make(chan struct{})}
	start := time.Now()
	go func() {
		defer close(c.done)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-c.stop:
				fmt.Fprint(w, "\r\033[K")
				return
			case <-tick.C:
				fmt.Fprintf(w, "\r  %.0f s", time.Since(start).Seconds())
			}
		}
	}()
	return c
}

// Stop ends the count (a nil clock, off a terminal, does nothing).
func (c *buildClock) Stop() {
	if c != nil {
		close(c.stop)
		<-c.done
	}
}
