package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// progress is the one self-updating line a long build shows on a
// terminal: the phase and how many of its items are done. It appears
// only after a second, only when stderr is a terminal, and never under CI
// (CI=true), so logs and pipes get nothing extra.
type progress struct {
	w     io.Writer
	on    bool
	start time.Time

	mu    sync.Mutex
	last  time.Time
	shown bool
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, on: isTerminal(w) && os.Getenv("CI") != "true" && os.Getenv("CI") != "1", start: time.Now()}
}

// report is site.Options.Progress.
func (p *progress) report(phase string, done, total int) {
	if !p.on {
		return
	}
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 100*time.Millisecond && done != total {
		return
	}
	p.last = now
	p.shown = true
	fmt.Fprintf(p.w, "\r\x1b[K%s: %d of %d", phase, done, total)
}

// done clears the line.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
	p.on = false
}

// isTerminal says whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
