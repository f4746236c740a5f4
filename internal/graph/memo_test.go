package graph

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/markdown"
)

// parsedPage is a file's text and the page parsed from it.
type parsedPage struct {
	text string
	page *content.Page
}

// memoSite builds the graph of files with memo, as the builds of one site
// do: a file parsed before (in parsed, when not nil) with the same text is
// the same page value.
func memoSite(t *testing.T, files map[string]string, memo *Memo, parsed map[string]parsedPage) *Graph {
	t.Helper()
	md := markdown.New(markdown.Options{})
	var pages []*content.Page
	for _, n := range slices.Sorted(maps.Keys(files)) {
		if pp, ok := parsed[n]; ok && pp.text == files[n] {
			pages = append(pages, pp.page)
			continue
		}
		p, probs := content.Parse(n, []byte(files[n]), md, content.Options{})
		if len(probs) > 0 {
			t.Fatalf("parse %s: %v", n, probs)
		}
		if parsed != nil {
			parsed[n] = parsedPage{files[n], p}
		}
		pages = append(pages, p)
	}
	return Build(pages, Options{URLs: map[string]bool{"/glossary/": true}, AutoLink: true, Memo: memo})
}

// TestMemoMatchesFreshBuild: builds with a memo, after each edit, resolve
// every link and auto-link as a build without one does, to the pages of
// this build (not the parsed pages of the build that remembered them).
func TestMemoMatchesFreshBuild(t *testing.T) {
	files := map[string]string{
		"content/_index.md":       "---\ntitle: Home\n---\nSee [[cto]] and [CISO skills](/glossary/ciso/#skills).\n",
		"content/glossary/cto.md": "---\ntitle: CTO\n---\nWorks with the CISO. See [[ciso#skills]] and the [[Guide]].\n",
		"content/guide.md":        "---\ntitle: Guide\n---\nSecurity Information and Event Management needs a CTO.\n",
		"content/glossary/ciso.md": "---\ntitle: CISO\naka: [Chief Information Security Officer]\n---\n" +
			"## Skills\nReports to the CTO.\n",
		"content/glossary/siem.md": "---\ntitle: SIEM\n---\nRun by the CISO.\n",
	}
	memo := NewMemo()
	parsed := map[string]parsedPage{}
	edits := []struct {
		file, text string
		broken     string // a problem the build must report, or ""
	}{
		{"", "", ""},
		// Body only: the CISO page is parsed again, its links remembered.
		{"content/glossary/ciso.md", "---\ntitle: CISO\naka: [Chief Information Security Officer]\n---\n## Skills\nReports to the CTO, and reads the SIEM.\n", ""},
		// The heading that two links name goes: both break.
		{"content/glossary/ciso.md", "---\ntitle: CISO\naka: [Chief Information Security Officer]\n---\n## Abilities\nReports to the CTO.\n", "no heading #skills"},
		// It comes back under its name: both resolve again.
		{"content/glossary/ciso.md", "---\ntitle: CISO\n---\n## Skills\nReports to the CTO.\n", ""},
		// A new aka: the guide, not edited, now mentions it.
		{"content/glossary/siem.md", "---\ntitle: SIEM\naka: [Security Information and Event Management]\n---\nRun by the CISO.\n", ""},
		// A second page of the same title: the CTO's [[Guide]], though
		// the CTO page is the same value, is now ambiguous.
		{"content/guide2.md", "---\ntitle: Guide\n---\nAnother.\n", "2 pages have this title"},
		{"content/guide2.md", "---\ntitle: Second guide\n---\nAnother.\n", ""},
	}
	for i, e := range edits {
		if e.file != "" {
			files[e.file] = e.text
		}
		got := memoSite(t, files, memo, parsed)
		want := memoSite(t, files, nil, nil)
		if e.broken != "" {
			if len(got.Problems) == 0 || !strings.Contains(got.Problems[0].Msg, e.broken) {
				t.Fatalf("edit %d: problems %v, want %q", i, got.Problems, e.broken)
			}
			if len(got.Problems) != len(want.Problems) {
				t.Fatalf("edit %d: %d problems with the memo, %d without", i, len(got.Problems), len(want.Problems))
			}
			continue
		}
		if len(got.Problems) > 0 {
			t.Fatalf("edit %d: %v", i, got.Problems)
		}
		for _, p := range got.Pages {
			w := want.ByURL[p.URL]
			if describeTargets(got, got.Targets[p]) != describeTargets(want, want.Targets[w]) {
				t.Errorf("edit %d, %s: targets %s, want %s", i, p.File, describeTargets(got, got.Targets[p]), describeTargets(want, want.Targets[w]))
			}
			for _, tg := range got.Targets[p] {
				if tg.Page != nil && got.ByURL[tg.Page.URL] != tg.Page {
					t.Errorf("edit %d, %s: a target is a page of an earlier build", i, p.File)
				}
			}
			if a, b := pageURLs(got.Backlinks[p]), pageURLs(want.Backlinks[w]); a != b {
				t.Errorf("edit %d, %s: backlinks %s, want %s", i, p.File, a, b)
			}
			if a, b := pageURLs(got.Links[p]), pageURLs(want.Links[w]); a != b {
				t.Errorf("edit %d, %s: links %s, want %s", i, p.File, a, b)
			}
			var ga, wa []string
			for _, a := range got.AutoLinks[p] {
				ga = append(ga, a.To.URL)
				if got.ByURL[a.To.URL] != a.To {
					t.Errorf("edit %d, %s: an auto-link goes to a page of an earlier build", i, p.File)
				}
			}
			for _, a := range want.AutoLinks[w] {
				wa = append(wa, a.To.URL)
			}
			if strings.Join(ga, " ") != strings.Join(wa, " ") {
				t.Errorf("edit %d, %s: auto-links %v, want %v", i, p.File, ga, wa)
			}
		}
	}
	// The guide, not edited, mentions SIEM by the aka it was given.
	g := memoSite(t, files, memo, parsed)
	if got := pageURLs(g.Links[g.ByURL["/guide/"]]); !strings.Contains(got, "/glossary/siem/") {
		t.Errorf("the guide links %s, want the SIEM term by its aka", got)
	}
}

func describeTargets(g *Graph, ts []Target) string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.URL)
		if t.Page != nil {
			b.WriteString("→" + t.Page.File)
		}
		b.WriteString(" ")
	}
	return b.String()
}

func pageURLs(ps []*content.Page) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.URL)
	}
	return strings.Join(out, " ")
}
