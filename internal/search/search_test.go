package search

import (
	"bytes"
	"encoding/json"
	"maps"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/graph/graphtest"
)

// small is a glossary with the names readers type: acronyms, an aka in
// another language, camel case, a compound, and pages that mention a
// term in a heading or only in their body.
var small = map[string]string{
	"content/glossary/isms.md": `---
title: ISMS
aka: [Information security management system, SGSI]
summary: A documented system of policies and controls for managing information security risks.
---
An ISMS is how an organization decides what to protect. It implements [[iso-27001]].
`,
	"content/glossary/iso-27001.md": `---
title: ISO 27001
aka: [ISO/IEC 27001]
summary: The international standard for an information security management system.
---
The standard sets the requirements for an ISMS that can be certified.
`,
	"content/glossary/devsecops.md": `---
title: DevSecOps
summary: Security built into every stage of delivery.
---
Developers, security and operations share the pipeline: "shifting left".
`,
	"content/glossary/vciso.md": `---
title: vCISO
aka: [Virtual CISO]
summary: A security leader hired part time.
---
A fractional security executive.
`,
	"content/glossary/ci-cd.md": `---
title: CI/CD
aka: [Continuous integration and delivery]
summary: Building, testing and deploying every change automatically.
---
Small changes, shipped often.
`,
	"content/glossary/risk-management.md": `---
title: Risk management
aka: [Gestión de riesgos]
summary: Finding, rating and treating risks.
---
Teams practising DevSecOps review risks in every sprint. The register
feeds the ISMS. Nothing here is about pipelines.
`,
	"content/guide/security/_index.md": `---
title: Security guide
summary: Security for a new CTO.
---
Read on.
`,
	"content/guide/security/first-steps.md": `---
title: First steps
---
Where to begin: the team's "first" steps.

## Pipelines that ship safely

Start small.
`,
}

// decodeIndex reads search/index.json.
func decodeIndex(t testing.TB, files map[string][]byte) indexFile {
	t.Helper()
	var idx indexFile
	if err := json.Unmarshal(files["search/index.json"], &idx); err != nil {
		t.Fatalf("search/index.json: %v", err)
	}
	return idx
}

// postingsOf finds a token's postings as search.js does: in the last
// shard whose first token is not after it. It returns score by URL.
func postingsOf(t testing.TB, files map[string][]byte, tok string) map[string]int {
	t.Helper()
	idx := decodeIndex(t, files)
	i := sort.Search(len(idx.Shards.From), func(i int) bool { return lessUTF16(tok, idx.Shards.From[i]) }) - 1
	if i < 0 {
		return nil
	}
	var shard struct {
		T []string
		P [][]int
	}
	if err := json.Unmarshal(files["search/"+idx.Shards.Files[i]], &shard); err != nil {
		t.Fatalf("shard %s: %v", idx.Shards.Files[i], err)
	}
	out := map[string]int{}
	for k, tk := range shard.T {
		if tk != tok {
			continue
		}
		doc := 0
		for j := 0; j < len(shard.P[k]); j += 2 {
			doc += shard.P[k][j]
			out[idx.Docs[doc].URL] = shard.P[k][j+1]
		}
	}
	return out
}

func TestIndexListsNamesForTheBrowser(t *testing.T) {
	files := Index(graphtest.Build(t, small))
	idx := decodeIndex(t, files)
	if idx.Version != Version {
		t.Errorf("version = %d, want %d", idx.Version, Version)
	}
	byURL := map[string]docEntry{}
	for _, d := range idx.Docs {
		byURL[d.URL] = d
	}
	isms := byURL["/glossary/isms/"]
	if isms.Title != "ISMS" || len(isms.Aka) != 2 || isms.Aka[1] != "SGSI" || isms.Kind != "term" {
		t.Errorf("the ISMS entry is %+v, want title ISMS, kind term, aka [… SGSI]", isms)
	}
	if ch := byURL["/guide/security/first-steps/"]; ch.Guide != "Security guide" || ch.Kind != "chapter" {
		t.Errorf("the chapter's entry is %+v, want kind chapter in guide \"Security guide\"", ch)
	}
	if len(idx.Summaries.Files) != 1 || idx.Summaries.Size != ChunkDocs {
		t.Fatalf("summaries = %+v, want one file of %d pages", idx.Summaries, ChunkDocs)
	}
	var chunk summaryChunk
	if err := json.Unmarshal(files["search/"+idx.Summaries.Files[0]], &chunk); err != nil || len(chunk.Summaries) != len(idx.Docs) || len(chunk.Excerpts) != len(idx.Docs) {
		t.Fatalf("the summaries file holds %d summaries and %d excerpt names (%v), want %d of each", len(chunk.Summaries), len(chunk.Excerpts), err, len(idx.Docs))
	}
	for i, d := range idx.Docs {
		if d.URL != "/guide/security/first-steps/" {
			continue
		}
		if chunk.Summaries[i] != "Where to begin: the team’s “first” steps." {
			t.Errorf("the summary taken from the chapter's body is %q, want its text with typographic quotes", chunk.Summaries[i])
		}
		var x excerpt
		if err := json.Unmarshal(files["search/"+chunk.Excerpts[i]], &x); err != nil {
			t.Fatalf("the chapter's excerpt %s: %v", chunk.Excerpts[i], err)
		}
		want := excerpt{Headings: []string{"Pipelines that ship safely"}, Text: "Where to begin: the team’s “first” steps.\nPipelines that ship safely\nStart small."}
		if !reflect.DeepEqual(x, want) {
			t.Errorf("the chapter's excerpt is %+v, want %+v", x, want)
		}
	}
}

func TestSqueeze(t *testing.T) {
	for _, c := range []struct {
		in    string
		limit int
		want  string
	}{
		{"  a  b\t\n\n c ", 100, "a b\nc"},
		{"héllo wörld", 7, "héllo"},
		{"héllo", 2, "h"},
	} {
		if got := squeeze(c.in, c.limit); got != c.want {
			t.Errorf("squeeze(%q, %d) = %q, want %q", c.in, c.limit, got, c.want)
		}
	}
}

// TestEntriesAssemble checks the way a preview server rebuilds: entries
// kept from before, with one page's remade, give the files a full
// build gives.
func TestEntriesAssemble(t *testing.T) {
	g := graphtest.Build(t, small)
	entries := make([]*Entry, len(g.Pages))
	for i, p := range g.Pages {
		entries[i] = PageEntry(p, GuideTitle(g, p))
	}
	got, want := Assemble(entries), Index(g)
	if len(got) != len(want) {
		t.Fatalf("Assemble gave %d files, Index %d", len(got), len(want))
	}
	for p, b := range want {
		if !bytes.Equal(got[p], b) {
			t.Errorf("%s differs between Assemble and Index", p)
		}
	}
	for _, p := range g.Pages {
		if p.Kind.String() == "chapter" && GuideTitle(g, p) != "Security guide" {
			t.Errorf("GuideTitle of %s = %q, want \"Security guide\"", p.URL, GuideTitle(g, p))
		}
	}
}

func TestPostingsHoldHeadingsSummariesAndBody(t *testing.T) {
	files := Index(graphtest.Build(t, small))
	for _, c := range []struct {
		tok  string
		want []string // pages that must be listed
	}{
		{"devsecops", []string{"/glossary/risk-management/"}},   // body
		{"pipelines", []string{"/guide/security/first-steps/"}}, // heading
		{"delivery", []string{"/glossary/devsecops/"}},          // summary
		{"27001", []string{"/glossary/isms/"}},                  // body link text "iso-27001"
		{"practising", []string{"/glossary/risk-management/"}},
		{"register", []string{"/glossary/risk-management/"}},
		{"left", []string{"/glossary/devsecops/"}}, // before a typographic quote
	} {
		got := postingsOf(t, files, c.tok)
		for _, u := range c.want {
			if got[u] == 0 {
				t.Errorf("postings of %q = %v, want %s listed", c.tok, got, u)
			}
		}
	}
	if got := postingsOf(t, files, "leftrdquo"); len(got) > 0 {
		t.Errorf("the entity of a closing quote was indexed as a word: %v", got)
	}
	// A word in a heading outweighs the same word in body text.
	p := postingsOf(t, files, "pipelines")
	if h, b := p["/guide/security/first-steps/"], p["/glossary/risk-management/"]; !(h > b && b > 0) {
		t.Errorf("score of \"pipelines\": heading %d, body %d; want the heading higher", h, b)
	}
}

func TestIndexIsByteStable(t *testing.T) {
	a := Index(graphtest.Build(t, small))
	b := Index(graphtest.Build(t, small))
	if len(a) != len(b) {
		t.Fatalf("two builds made %d and %d files", len(a), len(b))
	}
	for p, x := range a {
		if !bytes.Equal(x, b[p]) {
			t.Errorf("%s differs between two builds of the same pages", p)
		}
	}
	// Files are named by their content, and listed: excerpts in the
	// summary chunks, the rest in index.json.
	idx := decodeIndex(t, a)
	lists := string(a["search/index.json"])
	for _, f := range idx.Summaries.Files {
		lists += string(a["search/"+f])
	}
	for p := range a {
		if p != "search/index.json" && !strings.Contains(lists, `"`+p[len("search/"):]+`"`) {
			t.Errorf("%s is not listed in search/index.json or a summary chunk", p)
		}
	}
}

func TestEmptySite(t *testing.T) {
	files := Index(graph.Build(nil, graph.Options{}))
	idx := decodeIndex(t, files)
	if len(files) != 1 || len(idx.Docs) != 0 || idx.Shards.Files == nil {
		t.Errorf("an empty site gives %d files and %+v; want index.json alone, with empty lists", len(files), idx)
	}
}

func TestLessUTF16(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"a", "b", true},
		{"ab", "a", false},
		{"a", "ab", true},
		{"\uffe0", "𝐀", false}, // U+1D400 is a surrogate pair, before U+FFE0
		{"𝐀", "\uffe0", true},
		{"𝐀", "𝐁", true},
	} {
		if got := lessUTF16(c.a, c.b); got != c.want {
			t.Errorf("lessUTF16(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestAssembleUntil: asked to stop, AssembleUntil returns nil whatever
// step it is at; never asked to, it gives what Assemble gives.
func TestAssembleUntil(t *testing.T) {
	g := graphtest.Build(t, small)
	entries := make([]*Entry, len(g.Pages))
	for i, p := range g.Pages {
		entries[i] = PageEntry(p, GuideTitle(g, p))
	}
	want := Assemble(entries)
	asks := 0
	got := AssembleUntil(entries, func() bool { asks++; return false })
	if len(got) != len(want) || asks == 0 {
		t.Fatalf("AssembleUntil never stopped gave %d files (Assemble %d), asking %d times", len(got), len(want), asks)
	}
	for n := 1; n <= asks; n++ {
		k := 0
		if files := AssembleUntil(entries, func() bool { k++; return k >= n }); files != nil {
			t.Errorf("told to stop at its ask %d of %d, AssembleUntil gave %d files", n, asks, len(files))
		}
	}
}

// TestAssembleWithDict: an index assembled with a Dict kept across
// indexes is byte for byte the one assembled afresh, also after an edit
// that brings a word in and takes another out (the Dict keeps both).
func TestAssembleWithDict(t *testing.T) {
	dict := NewDict()
	edited := maps.Clone(small)
	edited["content/glossary/devsecops.md"] = "---\ntitle: DevSecOps\nsummary: Security built into every stage of delivery.\n---\nA zeppelin of a pipeline.\n"
	for _, files := range []map[string]string{small, edited, small} {
		g := graphtest.Build(t, files)
		entries := make([]*Entry, len(g.Pages))
		for i, p := range g.Pages {
			entries[i] = PageEntry(p, GuideTitle(g, p))
		}
		want := Assemble(entries)
		for round := 0; round < 2; round++ { // numbered afresh, then known
			got := AssembleWith(dict, entries, nil)
			if len(got) != len(want) {
				t.Fatalf("with a Dict: %d files, afresh %d", len(got), len(want))
			}
			for p, b := range want {
				if !bytes.Equal(got[p], b) {
					t.Errorf("with a Dict, %s differs from the index assembled afresh", p)
				}
			}
		}
	}
	if len(dict.known()) == 0 {
		t.Fatal("the Dict numbered no word")
	}
}
