package main

import (
	"os"
	"runtime/pprof"
)

// startProfile writes a CPU profile to $SITEGEN_CPUPROFILE while a command
// runs, for performance work; it does nothing when the variable is unset.
func startProfile() func() {
	path := os.Getenv("SITEGEN_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// writeHeapProfile writes the live heap to $SITEGEN_MEMPROFILE, for
// memory work; build calls it when rendering ends, at the peak.
func writeHeapProfile() {
	path := os.Getenv("SITEGEN_MEMPROFILE")
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		return
	}
	defer f.Close()
	_ = pprof.Lookup("heap").WriteTo(f, 0)
}
