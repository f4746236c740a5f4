package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync"
)

// fitMemory sets the garbage collector's soft memory limit once the site
// is parsed and linked, to 1.6 times what the build then holds (at least
// 360 MiB): rendering makes short-lived garbage at a furious rate, and
// the default (collect when the heap doubles) lets a big site's build
// grow to twice its data for no gain in speed. A GOMEMLIMIT set by the
// user wins.
type fitMemory struct{ once sync.Once }

func (f *fitMemory) apply() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	f.once.Do(func() {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		debug.SetMemoryLimit(max(360<<20, int64(m.HeapAlloc)*16/10))
	})
}
