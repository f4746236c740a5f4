package main

import (
	"context"
	"fmt"
)

func (m *Main) serve(ctx context.Context, args []string) int {
	fmt.Fprintln(m.Stderr, "sitegen serve: not yet")
	return exitUsage
}
