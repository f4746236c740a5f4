package synth_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ctohandbook/sitegen/internal/site"
	"github.com/ctohandbook/sitegen/internal/synth"
)

func mapFS(files map[string][]byte) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, b := range files {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	return fsys
}

// digest is one hash of every file name and its bytes, in name order.
func digest(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(files[name]))
		h.Write(files[name])
	}
	return fmt.Sprintf("%x", h.Sum(nil))[:16]
}

func TestSameOptionsSameBytes(t *testing.T) {
	a := synth.Site(synth.Options{Terms: 500, Seed: 7})
	b := synth.Site(synth.Options{Terms: 500, Seed: 7})
	if digest(a) != digest(b) {
		t.Fatal("two sites generated with the same options differ")
	}
	if c := synth.Site(synth.Options{Terms: 500, Seed: 8}); digest(a) == digest(c) {
		t.Error("seeds 7 and 8 gave the same site")
	}
}

// TestByteStable pins the bytes of a small site: a change here changes
// every benchmark's input, and should be deliberate (update the digest).
func TestByteStable(t *testing.T) {
	const want = "7f62af78f6dc9fb6"
	if got := digest(synth.Site(synth.Options{Terms: 100, Seed: 1})); got != want {
		t.Errorf("digest of the 100-term site with seed 1 = %s, want %s", got, want)
	}
}

func TestSizeAndShape(t *testing.T) {
	const n = 10000
	files := synth.Site(synth.Options{Terms: n})
	var total, terms, chapters, guides, sections, blocks int
	langs := map[string]int{}
	inDegree := map[string]int{}
	fence := regexp.MustCompile("(?m)^```([a-z]+)$")
	relation := regexp.MustCompile(`(?m)^  (complements|implements|supervises|leads|manages|part-of|depends-on|see-also): \[(.*)\]$`)
	for name, b := range files {
		total += len(b)
		switch {
		case strings.HasPrefix(name, "content/glossary/") && !strings.HasSuffix(name, "_index.md"):
			terms++
			for _, m := range relation.FindAllSubmatch(b, -1) {
				for _, to := range strings.Split(string(m[2]), ", ") {
					inDegree[to]++
				}
			}
			for _, key := range []string{"\ntitle: ", "\nsummary: ", "\ntags: [", "\ndate: 2026-"} {
				if !bytes.Contains(b, []byte(key)) {
					t.Fatalf("%s has no %q in its front matter:\n%s", name, key, b)
				}
			}
		case strings.HasSuffix(name, "/_index.md") && strings.HasPrefix(name, "content/guide/"):
			guides++
		case strings.HasPrefix(name, "content/guide/"):
			chapters++
		}
		if strings.HasSuffix(name, ".md") {
			sections += bytes.Count(b, []byte("\n## "))
			for _, m := range fence.FindAllSubmatch(b, -1) {
				blocks++
				langs[string(m[1])]++
			}
		}
	}
	if terms != n || chapters != n/25 {
		t.Errorf("%d terms and %d chapters, want %d and %d", terms, chapters, n, n/25)
	}
	if per := float64(chapters) / float64(guides); per < 8 || per > 12 {
		t.Errorf("%d guides of %d chapters: %.1f chapters a guide, want about 10", guides, chapters, per)
	}
	if mb := float64(total) / 1e6; mb < 40 || mb > 47 {
		t.Errorf("%.1f MB of Markdown at %d terms, want about 43", mb, n)
	}
	if share := float64(blocks) / float64(sections); share < 0.2 || share > 0.3 {
		t.Errorf("%d code blocks in %d sections (%.2f), want about a quarter", blocks, sections, share)
	}
	for _, lang := range []string{"go", "yaml", "python", "bash", "json", "sql"} {
		if langs[lang] < blocks/12 {
			t.Errorf("%d %s blocks of %d, want about a sixth", langs[lang], lang, blocks)
		}
	}
	top := 0
	for _, d := range inDegree {
		top = max(top, d)
	}
	if top < 100 {
		t.Errorf("the most related-to term has %d relations towards it; want hubs of at least 100", top)
	}
}

// TestCodeDiffers checks that no two code blocks are the same, so that a
// cache of highlighted blocks cannot skip work.
func TestCodeDiffers(t *testing.T) {
	files := synth.Site(synth.Options{Terms: 1000})
	block := regexp.MustCompile("(?s)\n```[a-z]+\n.*?\n```\n")
	seen := map[string]string{}
	for name, b := range files {
		for _, m := range block.FindAll(b, -1) {
			if other, dup := seen[string(m)]; dup {
				t.Fatalf("%s and %s hold the same code block:%s", other, name, m)
			}
			seen[string(m)] = name
		}
	}
	if len(seen) < 500 {
		t.Errorf("only %d code blocks in a 1000-term site", len(seen))
	}
}

// TestBuildsWithoutProblems builds a generated site with sitegen: every
// link, anchor and relation must resolve.
func TestBuildsWithoutProblems(t *testing.T) {
	for _, n := range []int{1, 2, 30, 300} {
		s, probs := site.New(mapFS(synth.Site(synth.Options{Terms: n, Seed: uint64(n)})), site.Options{})
		if len(probs) > 0 {
			t.Fatalf("%d terms: site.New: %v", n, probs)
		}
		res := s.Build()
		for i, p := range res.Problems {
			if i == 10 {
				t.Errorf("... and %d more", len(res.Problems)-10)
				break
			}
			t.Errorf("%d terms: %v", n, p)
		}
		if res.Stats.Terms != n || res.Stats.Chapters != max(1, n/25) {
			t.Errorf("%d terms: built %d terms and %d chapters, want %d and %d", n, res.Stats.Terms, res.Stats.Chapters, n, max(1, n/25))
		}
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	files := synth.Site(synth.Options{Terms: 60})
	if err := synth.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(dir + "/" + name)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%s: read back %d bytes (%v), want the %d written", name, len(got), err, len(want))
		}
	}
	s, probs := site.New(os.DirFS(dir), site.Options{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if res := s.Build(); len(res.Problems) > 0 {
		t.Errorf("the site written to disk has problems: %v", res.Problems)
	}
	if _, err := os.Stat(dir + "/" + synth.TermFile(59)); err != nil {
		t.Errorf("TermFile(59): %v", err)
	}
}

// TestLinkHook checks that a custom Link writer is used for every link.
func TestLinkHook(t *testing.T) {
	files := synth.Site(synth.Options{Terms: 100, Link: func(l synth.Link) string { return "<" + l.To + ">" }})
	for name, b := range files {
		if bytes.Contains(b, []byte("[[")) || bytes.Contains(b, []byte(".md)")) {
			t.Fatalf("%s has a link in sitegen syntax although Link was set", name)
		}
	}
}
