package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

// i18nSite is a small site in English and Spanish, with the site's own
// Spanish strings beside sitegen.yaml.
func i18nSite() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"sitegen.yaml":               file("title: Handbook\nbase_url: https://example.org\nlanguages:\n  - code: en\n    name: English\n  - code: es\n    name: Español\n    title: Manual\n"),
		"i18n/es.yaml":               file("nav_glossary: Vocabulario\n"),
		"content/_index.md":          file("---\ntitle: Home\n---\nWelcome.\n"),
		"content/glossary/cto.md":    file("---\ntitle: CTO\nsummary: The top technologist.\nupdated: 2026-12-02\nrelations:\n  implements: [iso]\n---\nText.\n"),
		"content/glossary/iso.md":    file("---\ntitle: ISO 27001\nsummary: A standard.\n---\nText.\n"),
		"content/es/_index.md":       file("---\ntitle: Inicio\n---\nBienvenida.\n"),
		"content/es/glossary/cto.md": file("---\ntitle: CTO\nsummary: El responsable de la tecnología.\nupdated: 2026-12-02\nrelations:\n  implements: [iso]\n---\nTexto.\n"),
	}
}

func buildI18n(t *testing.T, fsys fstest.MapFS) (*Site, *Result) {
	t.Helper()
	s, probs := New(fsys, Options{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return s, s.Build()
}

// TestSiteInTwoLanguages: each language's pages speak it, link within its
// tree, and the site's own i18n/es.yaml wins over the theme's.
func TestSiteInTwoLanguages(t *testing.T) {
	_, res := buildI18n(t, i18nSite())
	if !res.OK() {
		t.Fatalf("build failed:\n%s", problemText(res))
	}
	for _, c := range []struct{ path, want, not string }{
		{"es/glossary/cto/index.html", `<a href="/es/glossary/" aria-current="true">Vocabulario</a>`, ">Glossary<"},
		{"es/glossary/cto/index.html", `Actualizado el <time datetime="2026-12-02">2 de diciembre de 2026</time>`, "Updated"},
		{"es/glossary/cto/index.html", "<dt>implementa</dt>", "<dt>implements</dt>"},
		{"es/glossary/cto/index.html", `action="/es/search/"`, `action="/search/"`},
		{"es/glossary/iso/index.html", "<dt>implementado por</dt>", "implemented by"},
		{"es/index.html", "Ir al contenido", "Skip to content"},
		{"glossary/cto/index.html", `<a href="/glossary/" aria-current="true">Glossary</a>`, "Vocabulario"},
		{"glossary/cto/index.html", `Updated <time datetime="2026-12-02">December 2, 2026</time>`, "Actualizado"},
	} {
		page := string(res.Files[c.path])
		if page == "" {
			t.Errorf("no page %s", c.path)
			continue
		}
		if !strings.Contains(page, c.want) {
			t.Errorf("%s lacks %s", c.path, c.want)
		}
		if strings.Contains(page, c.not) {
			t.Errorf("%s has %s", c.path, c.not)
		}
	}
	for _, w := range res.Warnings {
		if strings.HasPrefix(w.File, "i18n/") {
			t.Errorf("a site whose languages the theme speaks is warned: %s", w)
		}
	}
}

// TestMissingStringsWarn: a language the theme does not speak shows
// English where its i18n file is silent, and the build's warnings (what
// sitegen check prints) name each string and the file it belongs in.
func TestMissingStringsWarn(t *testing.T) {
	fsys := i18nSite()
	fsys["sitegen.yaml"] = &fstest.MapFile{Data: []byte("title: Handbook\nlanguages:\n  - code: en\n  - code: fr\n    name: Français\n")}
	fsys["i18n/fr.yaml"] = &fstest.MapFile{Data: []byte("nav_glossary: Glossaire\n")}
	_, res := buildI18n(t, fsys)
	if !res.OK() {
		t.Fatalf("build failed:\n%s", problemText(res))
	}
	page := string(res.Files["fr/index.html"])
	if !strings.Contains(page, ">Glossaire</a>") || !strings.Contains(page, ">Guides</a>") {
		t.Errorf("the French home page does not show Glossaire and the English Guides")
	}
	var text []string
	for _, w := range res.Warnings {
		text = append(text, w.String())
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{
		`i18n/fr.yaml: warning: missing string "nav_guides" (English is used)`,
		`i18n/fr.yaml: warning: missing string "js_copy" (English is used)`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q; got:\n%s", want, all)
		}
	}
	if strings.Contains(all, `missing string "nav_glossary"`) {
		t.Errorf("a string the file has is reported missing")
	}
}

// TestBadStringsFile: a malformed i18n file fails the build with its
// file and line; fixing it and rebuilding (as serve does on a change
// under i18n/) brings the site back, with the new strings.
func TestBadStringsFile(t *testing.T) {
	fsys := i18nSite()
	fsys["i18n/es.yaml"] = &fstest.MapFile{Data: []byte("nav_glossary: Vocabulario\nnav_guides:\n  uno: Guía\n")}
	s, res := buildI18n(t, fsys)
	if res.OK() {
		t.Fatal("a build with a malformed i18n/es.yaml succeeded")
	}
	if got := problemText(res); !strings.Contains(got, `i18n/es.yaml:3:3: string "nav_guides": "uno" is not a plural form`) {
		t.Errorf("problems do not name the file and line:\n%s", got)
	}
	fsys["i18n/es.yaml"] = &fstest.MapFile{Data: []byte("nav_glossary: Léxico\n")}
	res = s.Rebuild([]string{"i18n/es.yaml"})
	if !res.OK() {
		t.Fatalf("the rebuild after the fix failed:\n%s", problemText(res))
	}
	if page := string(res.Files["es/index.html"]); !strings.Contains(page, ">Léxico</a>") {
		t.Errorf("the rebuild does not show the new string")
	}
	fsys["i18n/es.yaml"] = &fstest.MapFile{Data: []byte("nav_glossary: Términos\n")}
	res = s.Rebuild([]string{"i18n/es.yaml"})
	if !res.OK() || !strings.Contains(string(res.Files["es/index.html"]), ">Términos</a>") {
		t.Errorf("a second change to i18n/es.yaml is not rebuilt")
	}
	if res.Changed == nil || !contains(res.Changed, "es/index.html") || contains(res.Changed, "index.html") {
		t.Errorf("changing a Spanish string changed %v; want the Spanish pages only", res.Changed)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
