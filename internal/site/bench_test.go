package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// GeneratedSite is a synthetic glossary of n terms, each with three
// relations and a few prose links, plus a guide of n/100 chapters. It is
// what the benchmarks build.
func GeneratedSite(n int) fstest.MapFS {
	fsys := fstest.MapFS{
		"sitegen.yaml":                {Data: []byte("title: Bench\nbase_url: https://example.org\n")},
		"content/_index.md":           {Data: []byte("---\ntitle: Bench\n---\nSee [[term-0]].\n")},
		"content/guide/big/_index.md": {Data: []byte("---\ntitle: Big guide\nsummary: Many chapters.\n---\nRead on.\n")},
	}
	verbs := []string{"complements", "implements", "supervises", "leads", "manages", "part-of", "depends-on", "see-also"}
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Term %d\naka: [T%d]\nsummary: Term %d is a synthetic concept for benchmarks.\ntags: [tag%d]\ndate: 2026-01-01\nrelations:\n", i, i, i, i%9)
		fmt.Fprintf(&b, "  %s: [term-%d]\n  %s: [term-%d, term-%d]\n", verbs[i%8], (i+1)%n, verbs[(i+3)%8], (i*7+3)%n, (i*13+5)%n)
		b.WriteString("---\n")
		fmt.Fprintf(&b, "Term %d relates to [[term-%d]] and [[term-%d|another term]].\n\n## Details\n\n", i, (i+2)%n, (i*31+7)%n)
		b.WriteString(strings.Repeat("Some prose about the concept, with *emphasis* and `code`. ", 20))
		fmt.Fprintf(&b, "\n\nSee [the details](#details) and [term %d](/glossary/term-%d/).\n", (i+5)%n, (i+5)%n)
		if (i+1)%n == i || (i*7+3)%n == i || (i*13+5)%n == i {
			// Avoid self-relations in tiny sites.
			continue
		}
		fsys[fmt.Sprintf("content/glossary/term-%d.md", i)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	for c := 0; c < n/100+1; c++ {
		fsys[fmt.Sprintf("content/guide/big/%03d-chapter-%d.md", c, c)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"---\ntitle: Chapter %d\nweight: %d\n---\n## Part one\n\nAbout [[term-%d]].\n\n### Detail\n\n%s\n", c, c, c%n, strings.Repeat("Chapter prose. ", 100)))}
	}
	return fsys
}

func TestGeneratedSiteBuilds(t *testing.T) {
	res := buildFS(t, GeneratedSite(300), Options{})
	if !res.OK() {
		t.Fatalf("the generated site has problems: %v", res.Problems[:min(5, len(res.Problems))])
	}
	if res.Stats.Terms < 290 {
		t.Errorf("terms = %d", res.Stats.Terms)
	}
}

// BenchmarkBuild builds a generated site of thousands of pages in memory:
// parse, resolve and render, without writing.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 5000} {
		fsys := GeneratedSite(n)
		b.Run(fmt.Sprintf("terms=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				s, _ := New(fsys, Options{})
				if res := s.Build(); !res.OK() {
					b.Fatal(res.Problems[0])
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(n), "ms/page")
		})
	}
}

// BenchmarkRebuild times the rebuild after one edited term on a generated
// site: a body edit, and a summary edit (which every list shows).
func BenchmarkRebuild(b *testing.B) {
	for _, n := range []int{10000} {
		fsys := GeneratedSite(n)
		s, _ := New(fsys, Options{})
		if res := s.Build(); !res.OK() {
			b.Fatal(res.Problems[0])
		}
		f := "content/glossary/term-42.md"
		orig := string(fsys[f].Data)
		for _, edit := range []struct{ name, old, new string }{
			{"body", "## Details", "## Details\n\nEdited."},
			{"summary", "summary: ", "summary: Edited. "},
		} {
			b.Run(fmt.Sprintf("terms=%d/%s", n, edit.name), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					text := orig
					if i%2 == 0 {
						text = strings.Replace(orig, edit.old, edit.new, 1)
					}
					fsys[f] = &fstest.MapFile{Data: []byte(text)}
					if res := s.Rebuild([]string{f}); !res.OK() {
						b.Fatal(res.Problems[0])
					}
				}
			})
		}
	}
}
