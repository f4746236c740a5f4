package search

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/markdown"
)

// handbook resolves the repository's own content, as a build does.
func handbook(t testing.TB) *graph.Graph {
	t.Helper()
	fsys := os.DirFS("../..")
	files, probs := content.Files(fsys)
	if len(probs) > 0 {
		t.Fatalf("listing the handbook: %v", probs)
	}
	pages, probs := content.Load(fsys, files, markdown.New(markdown.Options{}), content.Options{})
	if len(probs) > 0 {
		t.Fatalf("loading the handbook: %v", probs)
	}
	var published []*content.Page
	for _, p := range pages {
		if p != nil && !p.Draft {
			published = append(published, p)
		}
	}
	return graph.Build(published, graph.Options{})
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// TestHandbookSize builds the index of the shipped handbook and checks
// that all of it, more than any query fetches, is under 150 KB gzipped.
func TestHandbookSize(t *testing.T) {
	g := handbook(t)
	start := time.Now()
	files := Index(g)
	took := time.Since(start)
	raw, gz := 0, 0
	var lines []string
	for _, p := range sortedKeys(files) {
		b := files[p]
		raw += len(b)
		gz += gzipSize(b)
		lines = append(lines, fmt.Sprintf("%s: %d B, %d B gzipped", p, len(b), gzipSize(b)))
	}
	sort.Strings(lines)
	t.Logf("handbook (%d pages): %d search files, %d B, %d B gzipped, built in %s\n%s",
		len(g.Pages), len(files), raw, gz, took.Round(time.Microsecond), strings.Join(lines, "\n"))
	if gz > 150<<10 {
		t.Errorf("the handbook's search files are %d B gzipped, want under 150 KB", gz)
	}
}
