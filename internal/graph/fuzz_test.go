package graph

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzResolve: any link written in a page resolves to a page, a known URL
// or an external link, or is reported as broken with the page's file and
// line; never a panic, and a resolved local URL never leaves the site.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{"[x](ciso.md)", "[[ciso#skills]]", "[x](../../../etc/passwd)", "[x](/glossary/ciso/../../x/)",
		"[x](%2e%2e/x)", "[[]]", "[x](#)", "[x](?q)", "![i](/images/logo.png)", "[x](//evil.example/)", "[x](c:\\x)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, link string) {
		if strings.ContainsAny(link, "\x00\r") || !utf8.ValidString(link) {
			return // content.Parse reports these; not link resolution's concern
		}
		files := map[string]string{}
		for k, v := range linkSite {
			files[k] = v
		}
		files["content/glossary/cto.md"] = "---\ntitle: CTO\n---\nSee " + link + ".\n"
		g := site(t, files, nil)
		for _, p := range g.Problems {
			if p.File != "content/glossary/cto.md" || p.Pos.Line < 4 {
				t.Fatalf("problem %q does not point into the page", p.String())
			}
		}
		for _, p := range g.Pages {
			for _, tg := range g.Targets[p] {
				if path, _, _ := strings.Cut(tg.URL, "#"); tg.Page != nil && strings.Contains(path, "..") {
					t.Fatalf("link %q resolved to %q", link, tg.URL)
				}
			}
		}
	})
}
