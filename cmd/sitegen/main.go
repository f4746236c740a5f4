// Command sitegen builds the CTO Handbook, or any site written to the same
// contract, into a static site. main only wires signals and arguments to
// Main, which tests drive too.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr}
	stopProfile := startProfile()
	code := m.Run(ctx, os.Args[1:])
	stopProfile()
	os.Exit(code)
}
