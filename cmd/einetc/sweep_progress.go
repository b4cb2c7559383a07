package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/einetc/einetc/internal/sweep"
	"github.com/schollz/progressbar/v3"
)

// pointsBar is a sweep's progress over points: done, failed, running and
// the time left. On a terminal it is one bar; elsewhere (a log, a Slurm
// output file) one line per finished point; nothing with -q.
type pointsBar struct {
	mu                           sync.Mutex
	w                            io.Writer
	bar                          *progressbar.ProgressBar
	quiet                        bool
	total, done, failed, running int
	began                        time.Time
}

func newPointsBar(w io.Writer, total int, quiet bool) *pointsBar {
	b := &pointsBar{w: w, total: total, quiet: quiet, began: time.Now()}
	if !quiet && isTerminal(w) && total > 0 {
		b.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(false),
			progressbar.OptionSetElapsedTime(true), // no throttle: a frame per point, whose count and text must agree
			progressbar.OptionClearOnFinish(),
		)
		b.bar.Describe(b.describe())
	}
	return b
}

// describe is the text before the bar: the counts and, once a point has
// finished, the time left at the rate so far.
func (b *pointsBar) describe() string {
	d := fmt.Sprintf("points: %d done, %d failed, %d running", b.done, b.failed, b.running)
	if b.done > 0 && b.done < b.total {
		left := time.Duration(float64(time.Since(b.began)) / float64(b.done) * float64(b.total-b.done))
		d += fmt.Sprintf(", ETA %v", left.Round(time.Second))
	}
	return d
}

func (b *pointsBar) start() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.running++
	if b.bar != nil {
		b.bar.Describe(b.describe())
	}
}

// finished counts a finished point (failed unless OK).
func (b *pointsBar) finished(rec sweep.Record, g sweep.Grid) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.running--
	b.done++
	if rec.Status != sweep.OK {
		b.failed++
	}
	b.set(rec, g)
}

// set shows the counts; off a terminal it prints the finished point.
func (b *pointsBar) set(rec sweep.Record, g sweep.Grid) {
	switch {
	case b.bar != nil:
		b.bar.Set(b.done)
		b.bar.Describe(b.describe()) // renders, with the count just set
	case !b.quiet:
		var vals []string
		for i, a := range g.Axes() {
			if i < len(rec.Values) {
				vals = append(vals, a.Name+"="+rec.Values[i])
			}
		}
		status := rec.Status
		if rec.Error != "" {
			status += ": " + rec.Error
		}
		fmt.Fprintf(b.w, "einetc: point %s (%s) %s, %.1f s [%s]\n", rec.ID, strings.Join(vals, ", "), status, rec.WallS, b.describe())
	}
}

// update sets the counts from outside (a Slurm sweep, whose points finish
// in other processes).
func (b *pointsBar) update(done, failed, running int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	changed := done != b.done || failed != b.failed || running != b.running
	b.done, b.failed, b.running = done, failed, running
	if b.bar != nil {
		b.bar.Set(b.done)
		b.bar.Describe(b.describe())
	} else if changed && !b.quiet {
		fmt.Fprintf(b.w, "einetc: %s\n", b.describe())
	}
}

func (b *pointsBar) finish() {
	if b.bar != nil {
		b.bar.Finish()
	}
}
