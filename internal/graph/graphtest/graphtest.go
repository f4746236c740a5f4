// Package graphtest builds graphs from Markdown held in memory, for the
// tests of the packages that read a graph (render, search). It is not used
// by the generator itself.
package graphtest

import (
	"sort"
	"testing"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/markdown"
)

// Build parses files (path → source, in file-name order) and resolves them
// into a graph, failing the test on a parse or link problem.
func Build(t testing.TB, files map[string]string) *graph.Graph {
	t.Helper()
	md := markdown.New(markdown.Options{})
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var pages []*content.Page
	for _, n := range names {
		p, probs := content.Parse(n, []byte(files[n]), md, content.Options{})
		if len(probs) > 0 {
			t.Fatalf("parsing %s: %v", n, probs)
		}
		pages = append(pages, p)
	}
	g := graph.Build(pages, graph.Options{})
	if len(g.Problems) > 0 {
		t.Fatalf("resolving links: %v", g.Problems)
	}
	return g
}
