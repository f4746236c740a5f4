package graph

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/ctohandbook/sitegen/internal/content"
)

// dump writes out everything a graph holds, pages by file, and fails t
// when it holds a page that is not one of cur (a value of an earlier
// build).
func dump(t *testing.T, g *Graph, cur map[*content.Page]bool) string {
	t.Helper()
	var b strings.Builder
	name := func(p *content.Page) string {
		if p == nil {
			return "-"
		}
		if !cur[p] {
			t.Errorf("the graph holds the old value of %s", p.File)
		}
		return p.File
	}
	names := func(ps []*content.Page) string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = name(p)
		}
		return strings.Join(out, ",")
	}
	byName := func(what string, m map[string]*content.Page) {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			fmt.Fprintf(&b, "%s %q %s\n", what, k, name(m[k]))
		}
	}
	lists := func(what string, m map[string][]*content.Page) {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			fmt.Fprintf(&b, "%s %q %s\n", what, k, names(m[k]))
		}
	}
	edges := func(es []Edge) string {
		var out []string
		for _, e := range es {
			out = append(out, name(e.From)+" "+e.Verb.Name+" "+name(e.To))
		}
		return strings.Join(out, "; ")
	}
	fmt.Fprintf(&b, "pages %s\nterms %s\nhome %s\n", names(g.Pages), names(g.Terms), name(g.Home))
	byName("section", g.Sections)
	byName("url", g.ByURL)
	byName("file", g.byFile)
	byName("slug", g.bySlug)
	byName("name", g.byName)
	byName("title", g.byTitle)
	byName("origurl", g.byOrigURL)
	byName("origname", g.byOrigName)
	byName("redirect", g.Redirects)
	lists("tag", g.Tags)
	lists("ambiguous", g.ambiguous)
	fmt.Fprintf(&b, "relations %s\n", edges(g.Relations))
	for _, gd := range g.Guides {
		fmt.Fprintf(&b, "guide %s: %s\n", name(gd.Page), names(gd.Chapters))
	}
	// Every page-keyed map, by key file (keys are checked as values are).
	keyed := map[string]map[*content.Page]string{}
	add := func(what string, p *content.Page, v string) {
		if keyed[what] == nil {
			keyed[what] = map[*content.Page]string{}
		}
		keyed[what][p] = v
	}
	for p, es := range g.Out {
		add("out", p, edges(es))
	}
	for p, es := range g.In {
		add("in", p, edges(es))
	}
	for p, ps := range g.Backlinks {
		add("backlinks", p, names(ps))
	}
	for p, ps := range g.Links {
		add("links", p, names(ps))
	}
	for p, ts := range g.Targets {
		var out []string
		for _, tg := range ts {
			out = append(out, fmt.Sprintf("%s→%s/%v", tg.URL, name(tg.Page), tg.External))
		}
		add("targets", p, strings.Join(out, " "))
	}
	for p, as := range g.AutoLinks {
		var out []string
		for _, a := range as {
			out = append(out, fmt.Sprintf("%d-%d→%s", a.Start, a.End, name(a.To)))
		}
		add("autolinks", p, strings.Join(out, " "))
	}
	for p, gd := range g.GuideOf {
		add("guideof", p, name(gd.Page))
	}
	for _, p := range g.Terms {
		nb := g.TermNeighbors(p)
		var rel []string
		for q, ok := range nb.Related {
			if ok {
				rel = append(rel, name(q))
			}
		}
		slices.Sort(rel)
		add("neighbors", p, fmt.Sprintf("%s %v related %s key %x", names(nb.Terms), nb.Conns, strings.Join(rel, ","), nb.Key))
	}
	for _, what := range slices.Sorted(maps.Keys(keyed)) {
		m := keyed[what]
		var lines []string
		for p, v := range m {
			lines = append(lines, fmt.Sprintf("%s %s: %s", what, name(p), v))
		}
		slices.Sort(lines)
		b.WriteString(strings.Join(lines, "\n") + "\n")
	}
	return b.String()
}

// TestPatchMatchesFreshBuild: after each edit, a build that patches the
// last build's index, relations and backlinks holds exactly what a build
// without a memo holds, with this build's page values only (every term's
// Neighbors too, kept from the last build where they hold), and writes
// the same graph.json from the last one's lines; and the patch is used
// where it can be.
func TestPatchMatchesFreshBuild(t *testing.T) {
	files := map[string]string{
		"content/_index.md":          "---\ntitle: Home\n---\nSee [[cto]], the [[ciso]] and the [[Guide]].\n",
		"content/about.md":           "---\ntitle: Notes\n---\nAbout.\n",
		"content/notes.md":           "---\ntitle: Notes\nredirect_from: [/old-notes/]\n---\nTwo pages share this title.\n",
		"content/guide.md":           "---\ntitle: Guide\ntags: [basics]\n---\nSecurity Information and Event Management needs a CTO.\n",
		"content/guide/g/_index.md":  "---\ntitle: G\n---\nThe guide.\n",
		"content/guide/g/01-one.md":  "---\ntitle: One\ntags: [basics, roles]\n---\nThe CTO and the CISO.\n",
		"content/guide/g/02-two.md":  "---\ntitle: Two\n---\nSee [[siem]].\n",
		"content/glossary/_index.md": "---\ntitle: Glossary\n---\n",
		"content/glossary/cto.md": "---\ntitle: CTO\naka: [Chief Technology Officer]\ntags: [roles]\nrelations:\n  complements: [ciso]\n  supervises: [siem]\n---\n" +
			"Works with the CISO. See [[ciso#skills]] and the [[Guide]].\n",
		"content/glossary/ciso.md": "---\ntitle: CISO\naka: [Chief Information Security Officer]\ntags: [roles]\nrelations:\n  complements: [cto]\n---\n" +
			"## Skills\nReports to the CTO.\n",
		"content/glossary/siem.md": "---\ntitle: SIEM\naka: [Security Information and Event Management]\n---\nRun by the CISO, read by the [[cto]].\n",
		"content/glossary/soc.md":  "---\ntitle: SOC\nrelations:\n  part-of: [siem]\n---\nStaffed for the CISO.\n",
	}
	type want struct{ index, relations, backlinks bool }
	edits := []struct {
		file, text string
		want       want
		also       []string // another file and its text, saved with the first
	}{
		{"", "", want{}, nil}, // the first build: nothing to patch
		{"", "", want{true, true, true}, nil},
		// Text only, links unchanged.
		{"content/glossary/siem.md", "---\ntitle: SIEM\naka: [Security Information and Event Management]\n---\nRun by the CISO and read by the [[cto]].\n", want{true, true, true}, nil},
		// A link more and an auto-link fewer (the CISO is now linked).
		{"content/glossary/soc.md", "---\ntitle: SOC\nrelations:\n  part-of: [siem]\n---\nStaffed for the [[ciso]], watched by the [[cto]].\n", want{true, true, true}, nil},
		// Links gone: the CTO and the CISO lose a backlink each.
		{"content/glossary/soc.md", "---\ntitle: SOC\nrelations:\n  part-of: [siem]\n---\nStaffed around the clock.\n", want{true, true, true}, nil},
		// Two pages at once, one of them a hub's; a new backlink list.
		{"content/guide/g/02-two.md", "---\ntitle: Two\n---\nSee [[soc]] and the [[cto]].\n", want{true, true, true}, nil},
		{"content/glossary/cto.md", "---\ntitle: CTO\naka: [Chief Technology Officer]\ntags: [roles]\nrelations:\n  complements: [ciso]\n  supervises: [siem]\n---\n" +
			"Works with the CISO and the SOC.\n", want{true, true, true}, nil},
		// Two pages at once: the SOC now links to the SIEM, itself
		// edited, and no longer to the CTO.
		{"content/glossary/soc.md", "---\ntitle: SOC\nrelations:\n  part-of: [siem]\n---\nFeeds the [[siem]].\n", want{true, true, true},
			[]string{"content/glossary/siem.md", "---\ntitle: SIEM\naka: [Security Information and Event Management]\n---\nRun by the CISO.\n"}},
		// New relations: the index is patched, the relations are not.
		{"content/glossary/soc.md", "---\ntitle: SOC\nrelations:\n  part-of: [siem]\n  depends-on: [ciso]\n---\nStaffed around the clock.\n", want{true, false, true}, nil},
		// A new title: nothing is patched.
		{"content/glossary/soc.md", "---\ntitle: Security Operations Center\nrelations:\n  part-of: [siem]\n---\nStaffed around the clock.\n", want{}, nil},
		// A new tag, a new page: nothing is patched.
		{"content/notes.md", "---\ntitle: Notes\ntags: [roles]\nredirect_from: [/old-notes/]\n---\nTwo pages share this title.\n", want{}, nil},
		{"content/glossary/vciso.md", "---\ntitle: vCISO\n---\nA part-time CISO.\n", want{}, nil},
		// And back to patching: the home page links elsewhere.
		{"content/_index.md", "---\ntitle: Home\n---\nSee [[vciso]] and the [[Guide]].\n", want{true, true, true}, nil},
		// The first node of graph.json loses its edges, and gets them
		// back: the next node's lines, kept, lose their comma and get it
		// back.
		{"content/glossary/ciso.md", "---\ntitle: CISO\naka: [Chief Information Security Officer]\ntags: [roles]\n---\n## Skills\nReports upward.\n", want{true, false, true}, nil},
		{"content/glossary/ciso.md", "---\ntitle: CISO\naka: [Chief Information Security Officer]\ntags: [roles]\nrelations:\n  complements: [cto]\n---\n## Skills\nReports to the CTO.\n", want{true, false, true}, nil},
		// A page that is not a term links to the SIEM: the terms related
		// to it keep their lists, but its connection count moved.
		{"content/about.md", "---\ntitle: Notes\n---\nAbout the [[siem]].\n", want{true, true, true}, nil},
		// A new term that an unchanged one mentions: the SOC's links
		// gain it (an auto-link), its other lists stay.
		{"content/glossary/clock.md", "---\ntitle: Clock\n---\nTime.\n", want{}, nil},
	}
	memo := NewMemo()
	parsed := map[string]parsedPage{}
	for i, e := range edits {
		if e.file != "" {
			files[e.file] = e.text
		}
		if e.also != nil {
			files[e.also[0]] = e.also[1]
		}
		got := memoSite(t, files, memo, parsed)
		if len(got.Problems) > 0 {
			t.Fatalf("edit %d: %v", i, got.Problems)
		}
		cur := map[*content.Page]bool{}
		for _, p := range got.Pages {
			cur[p] = true
		}
		// The same page values, built from scratch.
		fresh := Build(got.Pages, Options{URLs: map[string]bool{"/glossary/": true}, AutoLink: true})
		if len(fresh.Problems) > 0 {
			t.Fatalf("edit %d, fresh build: %v", i, fresh.Problems)
		}
		if a, b := dump(t, got, cur), dump(t, fresh, cur); a != b {
			t.Fatalf("edit %d (%s): the patched graph differs from a fresh one:\n%s", i, e.file, lineDiff(a, b))
		}
		// graph.json, from the last one's lines where they hold.
		gj, _ := got.JSON()
		fj, _ := fresh.JSON()
		if string(gj) != string(fj) {
			t.Fatalf("edit %d (%s): graph.json made from the last one differs from a fresh one:\n%s", i, e.file, lineDiff(string(gj), string(fj)))
		}
		if reused := got.neighbors.reused.Load(); i == 1 && reused != int64(len(got.Terms)) {
			// Nothing changed: every term keeps them.
			t.Errorf("edit %d: %d of %d terms kept their neighbors from the last build", i, reused, len(got.Terms))
		}
		if w := (want{got.patched.index, got.patched.relations, got.patched.backlinks}); w != e.want {
			t.Errorf("edit %d (%s): patched %+v, want %+v", i, e.file, w, e.want)
		}
	}
}

// lineDiff lists the lines of a and b that the other lacks.
func lineDiff(a, b string) string {
	as, bs := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for _, l := range as {
		if !slices.Contains(bs, l) {
			out = append(out, "patched: "+l)
		}
	}
	for _, l := range bs {
		if !slices.Contains(as, l) {
			out = append(out, "fresh:   "+l)
		}
	}
	return strings.Join(out, "\n")
}
