package graph

import (
	"sort"
	"strings"
	"testing"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/markdown"
)

// site parses files (path → source) into pages and builds the graph.
func site(t testing.TB, files map[string]string, perma map[string]string) *Graph {
	t.Helper()
	md := markdown.New(markdown.Options{})
	var pages []*content.Page
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p, probs := content.Parse(n, []byte(files[n]), md, content.Options{Permalinks: perma})
		if len(probs) > 0 {
			t.Fatalf("parse %s: %v", n, probs)
		}
		pages = append(pages, p)
	}
	return Build(pages, Options{URLs: map[string]bool{"/glossary/": true, "/images/logo.png": true}})
}

var linkSite = map[string]string{
	"content/_index.md":                  "---\ntitle: Home\n---\n",
	"content/about.md":                   "---\ntitle: About\n---\n## Contributing\n",
	"content/glossary/ciso.md":           "---\ntitle: CISO\naka: [Chief Information Security Officer]\n---\n## Skills\n",
	"content/glossary/cto.md":            "---\ntitle: CTO\n---\n## Skills\n",
	"content/guide/basics/_index.md":     "---\ntitle: Basics\n---\n",
	"content/guide/basics/01-intro.md":   "---\ntitle: Intro\n---\n## First steps\n",
	"content/guide/basics/02-second.md":  "---\ntitle: Second\n---\n",
	"content/guide/basics/03-chapter.md": "---\ntitle: Chapter\n---\n",
	"content/guide/other/_index.md":      "---\ntitle: Other\n---\n",
	"content/guide/other/01-chapter.md":  "---\ntitle: Chapter\n---\n",
}

// TestResolve: each way of writing a link, from the CTO term's page, and
// where it must point (or the message it must get).
func TestResolve(t *testing.T) {
	tests := []struct {
		link, url, problem string
	}{
		{"[x](../glossary/ciso.md)", "/glossary/ciso/", ""},
		{"[x](ciso.md)", "/glossary/ciso/", ""},
		{"[x](/glossary/ciso.md)", "/glossary/ciso/", ""},
		{"[x](/glossary/ciso.md#skills)", "/glossary/ciso/#skills", ""},
		{"[x](/glossary/ciso/)", "/glossary/ciso/", ""},
		{"[x](/glossary/ciso)", "/glossary/ciso/", ""},
		{"[x](/glossary/ciso/index.html)", "/glossary/ciso/", ""},
		{"[x](/glossary/ciso/#skills)", "/glossary/ciso/#skills", ""},
		{"[x](../ciso/)", "/glossary/ciso/", ""},
		{"[[ciso]]", "/glossary/ciso/", ""},
		{"[[CISO]]", "/glossary/ciso/", ""},
		{"[[chief information security officer]]", "/glossary/ciso/", ""},
		{"[[ciso|the CISO]]", "/glossary/ciso/", ""},
		{"[[ciso#skills]]", "/glossary/ciso/#skills", ""},
		{"[[Intro]]", "/guide/basics/intro/", ""},
		{"[x](#skills)", "#skills", ""},
		{"[x](/guide/basics/_index.md)", "/guide/basics/", ""},
		{"[x](/guide/basics/)", "/guide/basics/", ""},
		{"[x](/guide/basics/01-intro.md#first-steps)", "/guide/basics/intro/#first-steps", ""},
		{"[x](/glossary/)", "/glossary/", ""},
		{"[x](/glossary/_index.md)", "/glossary/", ""},
		{"[x](/)", "/", ""},
		{"[x](/about/#contributing)", "/about/#contributing", ""},
		{"![logo](/images/logo.png)", "/images/logo.png", ""},
		{"[x](https://example.org/a)", "https://example.org/a", ""},
		{"[x](mailto:a@example.org)", "mailto:a@example.org", ""},
		{"[[cisoo]]", "", `broken link "[[cisoo]]" (did you mean "ciso"?)`},
		{"[[Chapter]]", "", `broken link "[[Chapter]]" (2 pages have this title, content/guide/basics/03-chapter.md and content/guide/other/01-chapter.md: link to the file instead)`},
		{"[[zzz-nothing-like-it]]", "", `broken link "[[zzz-nothing-like-it]]" (no term or page has this slug, title or aka)`},
		{"[[ciso#skils]]", "", `broken link "[[ciso#skils]]" (no heading #skils in content/glossary/ciso.md; did you mean #skills?)`},
		{"[x](/glossary/cisoo/)", "", `broken link "/glossary/cisoo/" (did you mean "/glossary/ciso/"?)`},
		{"[x](nope.md)", "", `broken link "nope.md" (no such file in content/)`},
		{"[x](#nowhere)", "", `broken link "#nowhere" (no heading #nowhere in content/glossary/cto.md)`},
		{"[x](/about/#nothing)", "", `broken link "/about/#nothing" (no heading #nothing in content/about.md)`},
		{"![x](/images/none.png)", "", `broken image "/images/none.png" (no such file in static/)`},
		{"[[ | label]]", "", `broken link "[[ | label]]" (empty target: write [[slug]] or [[slug|text]])`},
	}
	for _, tt := range tests {
		t.Run(tt.link, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range linkSite {
				files[k] = v
			}
			files["content/glossary/cto.md"] = "---\ntitle: CTO\n---\nSee " + tt.link + ".\n\n## Skills\n"
			g := site(t, files, nil)
			var cto *content.Page
			for _, p := range g.Terms {
				if p.Slug == "cto" {
					cto = p
				}
			}
			var probs []string
			for _, p := range g.Problems {
				probs = append(probs, p.String())
			}
			if tt.problem != "" {
				want := "content/glossary/cto.md:4:5: " + tt.problem
				if len(probs) != 1 || probs[0] != want {
					t.Fatalf("link %s: problems = %q, want %q", tt.link, probs, want)
				}
				return
			}
			if len(probs) > 0 {
				t.Fatalf("link %s: unexpected problems %q", tt.link, probs)
			}
			if got := g.Targets[cto][0].URL; got != tt.url {
				t.Errorf("link %s points to %q, want %q", tt.link, got, tt.url)
			}
		})
	}
}

// TestRelationsBothEnds: every declared relation shows on the declaring
// term under its verb and on the target under the inverse label.
func TestRelationsBothEnds(t *testing.T) {
	g := site(t, map[string]string{
		"content/glossary/cto.md":  "---\ntitle: CTO\nrelations:\n  complements: [ciso]\n  implements: [iso]\n  supervises: [siem]\n---\n",
		"content/glossary/ciso.md": "---\ntitle: CISO\nrelations:\n  complements: [cto]\n---\n",
		"content/glossary/iso.md":  "---\ntitle: ISO 27001\nrelated: [siem]\n---\n",
		"content/glossary/siem.md": "---\ntitle: SIEM\nrelations:\n  part-of: [iso]\n---\n",
	}, nil)
	if len(g.Problems) > 0 {
		t.Fatal(g.Problems)
	}
	var got []string
	for _, e := range g.Relations {
		got = append(got, e.From.Slug+" "+e.Verb.Name+" "+e.To.Slug+" / "+e.To.Slug+" "+e.Verb.InverseLabel()+" "+e.From.Slug)
	}
	want := []string{
		"ciso complements cto / cto complements ciso", // declared on both ends: one edge
		"cto implements iso / iso implemented by cto",
		"cto supervises siem / siem supervised by cto",
		"iso see-also siem / siem see also iso",
		"siem part-of iso / iso includes siem",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("relations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var warns []string
	for _, w := range g.Warnings() {
		if strings.Contains(w.Msg, "one-way") {
			warns = append(warns, w.String())
		}
	}
	if len(warns) != 1 || !strings.HasPrefix(warns[0], "content/glossary/iso.md:3:11: warning: one-way related entry \"siem\"") {
		t.Errorf("one-way related warnings = %q", warns)
	}
}

// TestDuplicates: two pages claiming a URL, a slug (in any case), a title
// or an aka are errors naming both files.
func TestDuplicates(t *testing.T) {
	g := site(t, map[string]string{
		"content/glossary/a.md":  "---\ntitle: Alpha\naka: [A1]\n---\n",
		"content/glossary/b.md":  "---\ntitle: Beta\naka: [a1]\n---\n",
		"content/glossary/c.md":  "---\ntitle: alpha\nslug: c2\n---\n",
		"content/glossary/d.md":  "---\ntitle: Delta\nslug: C2\n---\n",
		"content/glossary/zz.md": "---\ntitle: Zeta\nslug: a\n---\n",
		"content/about.md":       "---\ntitle: About\n---\n",
		"content/about-again.md": "---\ntitle: About 2\nslug: about\n---\n",
	}, nil)
	var got []string
	for _, p := range g.Problems {
		got = append(got, p.String())
	}
	want := []string{
		"content/about.md: URL /about/ is also claimed by content/about-again.md",
		"content/glossary/b.md:3:7: name \"a1\" is also the title or aka of content/glossary/a.md",
		"content/glossary/c.md:2:8: name \"alpha\" is also the title or aka of content/glossary/a.md",
		"content/glossary/d.md:3:7: slug \"C2\" is also used by content/glossary/c.md",
		"content/glossary/zz.md: URL /glossary/a/ is also claimed by content/glossary/a.md",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSuggest(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"cisoo", "ciso"}, {"devsecop", "devsecops"}, {"zzzzzz", ""}, {"ciso", ""},
	} {
		if got := Suggest(tt.in, []string{"ciso", "cto", "devsecops", "ciso-role"}); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRedirectClaims(t *testing.T) {
	g := site(t, map[string]string{
		"content/glossary/a.md": "---\ntitle: A\nredirect_from: [/glossary/b/, old, /x/../../y/, /fine/]\n---\n",
		"content/glossary/b.md": "---\ntitle: B\nredirect_from: [/fine/]\n---\n",
	}, nil)
	var got []string
	for _, p := range g.Problems {
		got = append(got, p.String())
	}
	want := []string{
		`content/glossary/a.md:3:17: redirect_from "/glossary/b/" is the URL of content/glossary/b.md`,
		`content/glossary/a.md:3:31: redirect_from "old": must start with /`,
		`content/glossary/a.md:3:36: redirect_from "/x/../../y/": URL "/x/../../y/" contains ".."`,
		`content/glossary/b.md:3:17: redirect_from "/fine/" is also claimed by content/glossary/a.md`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if g.Redirects["/fine/"] == nil || g.Redirects["/fine/"].Slug != "a" {
		t.Error("the first claim on /fine/ was not kept")
	}
}
