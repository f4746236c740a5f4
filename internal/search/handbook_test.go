package search

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/markdown"
	"gopkg.in/yaml.v3"
)

// handbook resolves the pages of one language of the repository's own
// content ("en", the default, or one of sitegen.yaml's languages), as a
// multilingual build indexes each language on its own.
func handbook(t testing.TB, lang string) *graph.Graph {
	t.Helper()
	fsys := os.DirFS("../..")
	var cfg struct{ Languages []struct{ Code string } }
	if b, err := fs.ReadFile(fsys, "sitegen.yaml"); err != nil || yaml.Unmarshal(b, &cfg) != nil {
		t.Fatalf("reading sitegen.yaml: %v", err)
	}
	opts := content.Options{Default: "en"}
	for i, l := range cfg.Languages {
		if i == 0 {
			opts.Default = l.Code
		} else {
			opts.Languages = append(opts.Languages, l.Code)
		}
	}
	files, probs := content.Files(fsys)
	if len(probs) > 0 {
		t.Fatalf("listing the handbook: %v", probs)
	}
	pages, probs := content.Load(fsys, files, markdown.New(markdown.Options{}), opts)
	if len(probs) > 0 {
		t.Fatalf("loading the handbook: %v", probs)
	}
	var published []*content.Page
	for _, p := range pages {
		if p != nil && !p.Draft && p.Lang == lang {
			published = append(published, p)
		}
	}
	if len(published) == 0 {
		t.Skipf("the handbook has no pages in %q", lang)
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
// that all of it that queries use, more than any query fetches, is under
// 150 KB gzipped, and that no page's excerpt (fetched only for a result
// shown, to show the passage that matched) is over 12 KB gzipped.
func TestHandbookSize(t *testing.T) {
	g := handbook(t, "en")
	start := time.Now()
	files := Index(g)
	took := time.Since(start)
	raw, gz, excerpts, largest := 0, 0, 0, 0
	var lines []string
	for _, p := range sortedKeys(files) {
		b := files[p]
		n := gzipSize(b)
		if strings.HasPrefix(p, "search/x-") {
			excerpts += n
			largest = max(largest, n)
			continue
		}
		raw += len(b)
		gz += n
		lines = append(lines, fmt.Sprintf("%s: %d B, %d B gzipped", p, len(b), n))
	}
	sort.Strings(lines)
	t.Logf("handbook (%d pages): %d search files, %d B, %d B gzipped, built in %s; excerpts %d B gzipped in all, the largest %d B\n%s",
		len(g.Pages), len(files), raw, gz, took.Round(time.Microsecond), excerpts, largest, strings.Join(lines, "\n"))
	if gz > 150<<10 {
		t.Errorf("the handbook's search files are %d B gzipped, want under 150 KB", gz)
	}
	if largest > 12<<10 {
		t.Errorf("the largest excerpt is %d B gzipped, want under 12 KB", largest)
	}
}

// TestHandbookRanking asks search.js, under node, what a reader of the
// handbook asks, and checks the pages they mean come first and that each
// of the first results shows a marked word under its title.
func TestHandbookRanking(t *testing.T) {
	g := handbook(t, "en")
	files := Index(g)
	first := map[string]string{
		"goverance":  "/glossary/it-governance/", // a typo
		"iso27001":   "/glossary/iso-27001/",     // glued
		"ISO-27001":  "/glossary/iso-27001/",     // hyphenated
		"iso 27001":  "/glossary/iso-27001/",
		"chief tech": "/glossary/cto/",
		"soc2":       "/glossary/soc-2/",
		"ci/cd":      "/glossary/ci-cd/",
		"managment":  "/glossary/risk-management/",
	}
	var queries []string
	for q := range first {
		queries = append(queries, q)
	}
	sort.Strings(queries)
	shown := append([]string{"iso", "board", "kubernetes"}, queries...)
	ans := runJS(t, files, jsCases{Queries: queries, Shown: shown})
	for _, q := range queries {
		got := ans.Results[q]
		if len(got) == 0 || got[0] != first[q] {
			t.Errorf("searching the handbook for %q gives %v, want %s first", q, top(got), first[q])
		}
	}
	// "chief tech": only pages that hold both words, not the many that
	// hold "tech…" alone.
	words := pageWords(g)
	got := ans.Results["chief tech"]
	for _, u := range got {
		if !hasPrefix(words[u], "chief") || !hasPrefix(words[u], "tech") {
			t.Errorf("searching for \"chief tech\" lists %s, which does not hold both words", u)
		}
	}
	if len(got) > len(g.Pages)/4 {
		t.Errorf("searching for \"chief tech\" lists %d of %d pages, want at most a quarter", len(got), len(g.Pages))
	}
	for _, q := range shown {
		for i, r := range ans.Shown[q] {
			if r.Field == "" || len(r.Marked) == 0 {
				t.Errorf("searching for %q: result %d (%s) shows nothing marked (shows %q, marked %q)", q, i+1, r.URL, r.Field, r.Marked)
			}
		}
	}
	if len(ans.Shown["kubernetes"]) == 0 {
		t.Errorf("searching for \"kubernetes\", a word of the guides' text only, finds nothing")
	}
	for _, r := range ans.Shown["kubernetes"] {
		if r.Field != "snippet" {
			t.Errorf("searching for \"kubernetes\": %s shows its %s, want a snippet of its text", r.URL, r.Field)
		}
	}
}

// pageWords are the tokens of each page's title, aka, summary and text,
// by URL.
func pageWords(g *graph.Graph) map[string][]string {
	out := map[string][]string{}
	for _, p := range g.Pages {
		var ws []string
		add := func(tok string, _ bool) { ws = append(ws, tok) }
		for _, s := range append([]string{p.Title, p.Summary, unescape(p.Text)}, p.Aka...) {
			tokenize(s, add)
		}
		out[p.URL] = ws
	}
	return out
}

func hasPrefix(words []string, prefix string) bool {
	for _, w := range words {
		if strings.HasPrefix(w, prefix) {
			return true
		}
	}
	return false
}

// top is the first few of a result list, for messages.
func top(urls []string) []string { return urls[:min(len(urls), 6)] }

// TestHandbookSpanish searches the handbook's Spanish edition, indexed on
// its own, as a Spanish reader types: without accents, by an acronym of
// its own (SGSI), by the English name a translation keeps as an aka.
func TestHandbookSpanish(t *testing.T) {
	g := handbook(t, "es")
	// The page meant, by its file: a translation may set its own slug.
	first := map[string]string{
		"sgsi":              "isms",
		"gestion seguridad": "isms",
		"deuda tecnica":     "technical-debt",
		"Deuda técnica":     "technical-debt",
		"ciberseguridad":    "cybersecurity",
		"presupuesto":       "technology-budget",
		"gobierno de ti":    "it-governance",
		"director tecnico":  "cto",
		"technical debt":    "technical-debt",
	}
	urls := map[string]string{}
	for _, p := range g.Pages {
		urls[strings.TrimSuffix(strings.TrimPrefix(p.File, "content/es/glossary/"), ".md")] = p.URL
	}
	var queries []string
	for q, f := range first {
		if urls[f] == "" {
			t.Skipf("the Spanish handbook has no content/es/glossary/%s.md yet", f)
		}
		queries = append(queries, q)
	}
	sort.Strings(queries)
	ans := runJS(t, Index(g), jsCases{Queries: queries, Shown: queries})
	for _, q := range queries {
		if got, want := ans.Results[q], urls[first[q]]; len(got) == 0 || got[0] != want {
			t.Errorf("searching the Spanish handbook for %q gives %v, want %s first", q, top(got), want)
		}
		for i, r := range ans.Shown[q] {
			if r.Field == "" || len(r.Marked) == 0 {
				t.Errorf("searching the Spanish handbook for %q: result %d (%s) shows nothing marked", q, i+1, r.URL)
			}
		}
	}
}
