package render

import (
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/text/feature/plural"

	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/graph/graphtest"
	"github.com/ctohandbook/sitegen/internal/markdown"
	"github.com/ctohandbook/sitegen/internal/problem"
	"github.com/ctohandbook/sitegen/themes"
)

// defaultTheme is the embedded default theme, as a site without
// overrides loads it.
func defaultTheme(t testing.TB) *Theme {
	t.Helper()
	th, probs := LoadTheme(themes.Default(), "themes/default", nil, nil)
	if len(probs) > 0 {
		t.Fatalf("the default theme does not load: %v", probs)
	}
	return th
}

// english are the default theme's English strings.
func english(t testing.TB) *Strings { return defaultTheme(t).Strings("en") }

// withSite loads the default theme with a site folder holding files.
func withSite(t *testing.T, files map[string]string) (*Theme, []problem.Problem) {
	t.Helper()
	site := fstest.MapFS{}
	for name, text := range files {
		site[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return LoadTheme(themes.Default(), "themes/default", nil, site)
}

// usedKeys are the keys the theme's templates, scripts and this package's
// Go code ask for by name, each with where it was seen, plus the keys
// made at run time (kinds, relation verbs, months).
func usedKeys(t *testing.T) map[string]string {
	t.Helper()
	used := map[string]string{}
	scan := func(fsys fs.FS, glob string, res ...*regexp.Regexp) {
		names, _ := fs.Glob(fsys, glob)
		if len(names) == 0 {
			t.Fatalf("no files match %s", glob)
		}
		for _, name := range names {
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				t.Fatal(err)
			}
			for _, re := range res {
				for _, m := range re.FindAllStringSubmatch(string(b), -1) {
					used[m[1]] = name
				}
			}
		}
	}
	theme := themes.Default()
	scan(theme, "templates/*.html", regexp.MustCompile(`\{\{-?\s*(?:t|tn|tdate|tlink)\s+"([a-z0-9_]+)"`),
		regexp.MustCompile(`\(\s*(?:t|tn|tdate|tlink)\s+"([a-z0-9_]+)"`))
	scan(theme, "static/*.js", regexp.MustCompile(`\b(?:t|tn|i18n|i18nCount)\(\s*"(js_[a-z0-9_]+)"`))
	scan(os.DirFS("."), "*.go", regexp.MustCompile(`\b(?:tr|site\.tr|s\.tr|d\.tr|r\.strings\(\))\.(?:T|N|Has)\(\s*"([a-z0-9_]+)"`),
		regexp.MustCompile(`\b(?:linkHTML|timeHTML)\([^,]+,\s*"([a-z0-9_]+)"`))
	for _, k := range []string{"page", "home", "term", "guide", "chapter", "section"} {
		used["kind_"+k] = "_partials.html (kind_ + Ref.Kind)"
	}
	for _, g := range []string{"group_terms", "group_guides", "group_chapters", "group_pages"} {
		used[g] = "reader.go (kindGroup)"
	}
	for _, v := range graph.Builtin {
		for _, label := range []string{v.Label(), v.InverseLabel()} {
			used["verb_"+strings.NewReplacer(" ", "_", "-", "_").Replace(label)] = "graph.Builtin"
		}
	}
	used["verb_mentions"] = "graph.MentionVerb"
	used["date_format"] = "Strings.Date"
	for m := 1; m <= 12; m++ {
		used["month_"+strconv.Itoa(m)] = "Strings.Date"
	}
	return used
}

// TestEveryUsedKeyIsInEnglish: each string the theme's templates and
// scripts and the Go code ask for is in themes/default/i18n/en.yaml, so
// no reader ever sees a bare key.
func TestEveryUsedKeyIsInEnglish(t *testing.T) {
	en := english(t)
	used := usedKeys(t)
	if len(used) < 150 {
		t.Fatalf("found only %d keys in use: the scan is broken", len(used))
	}
	for key, where := range used {
		if !en.Has(key) {
			t.Errorf("%s uses the string %q, which themes/default/i18n/en.yaml lacks", where, key)
		}
	}
	// And the other way round: en.yaml holds no string nothing uses.
	for key := range english(t).msgs {
		if _, ok := used[key]; !ok {
			t.Errorf("en.yaml has %q, which nothing uses", key)
		}
	}
}

// TestSpanishIsComplete: es.yaml has every string en.yaml has, in the
// same shape and with no placeholder English does not fill.
func TestSpanishIsComplete(t *testing.T) {
	th := defaultTheme(t)
	if missing := th.Strings("es").Missing(); len(missing) > 0 {
		t.Errorf("themes/default/i18n/es.yaml lacks %d strings: %s", len(missing), strings.Join(missing, ", "))
	}
	if w := th.Warnings("es"); len(w) > 0 {
		t.Errorf("a Spanish site gets warnings about the theme's strings: %v", w)
	}
	es := th.Strings("es")
	same := 0
	for key, m := range th.Strings("en").msgs {
		if es.msgs[key].text == m.text && m.forms == nil && len(m.text) > 8 {
			same++
			t.Logf("%s is the same in Spanish: %q", key, m.text)
		}
	}
	if same > 3 {
		t.Errorf("%d Spanish strings are the English text", same)
	}
}

// TestScriptFallbacksAreTheEnglish: the English each script falls back
// to, when a page has no #sitegen-i18n, is en.yaml's text.
func TestScriptFallbacksAreTheEnglish(t *testing.T) {
	en := english(t)
	str := `"((?:[^"\\]|\\.)*)"`
	plain := regexp.MustCompile(`\b(?:t|i18n)\(\s*"(js_[a-z0-9_]+)",\s*` + str)
	counted := regexp.MustCompile(`\b(?:tn|i18nCount)\(\s*"(js_[a-z0-9_]+)",[^{]*\{\s*one:\s*` + str + `,\s*other:\s*` + str + `\s*\}`)
	unquote := func(s string) string {
		u, err := strconv.Unquote(`"` + s + `"`)
		if err != nil {
			t.Fatalf("cannot read the JavaScript string %q: %v", s, err)
		}
		return u
	}
	seen := 0
	for _, name := range []string{"app.js", "graph.js", "search.js"} {
		b, err := fs.ReadFile(themes.Default(), "static/"+name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range plain.FindAllStringSubmatch(string(b), -1) {
			seen++
			if got, want := unquote(m[2]), en.msgs[m[1]].text; got != want {
				t.Errorf("%s falls back to %q for %s; en.yaml says %q", name, got, m[1], want)
			}
		}
		for _, m := range counted.FindAllStringSubmatch(string(b), -1) {
			seen++
			forms := en.msgs[m[1]].forms
			if forms == nil {
				t.Errorf("%s counts with %s, which en.yaml does not give plural forms", name, m[1])
				continue
			}
			if one, other := unquote(m[2]), unquote(m[3]); one != forms[plural.One] || other != forms[plural.Other] {
				t.Errorf("%s falls back to %q / %q for %s; en.yaml says %q / %q", name, one, other, m[1], forms[plural.One], forms[plural.Other])
			}
		}
	}
	if seen < 30 {
		t.Errorf("found %d script strings: the scan is broken", seen)
	}
}

// TestDatesAndCounts: dates, reading time and counts as each language
// writes them.
func TestDatesAndCounts(t *testing.T) {
	th := defaultTheme(t)
	day := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	en, es := th.Strings("en"), th.Strings("es")
	for _, c := range []struct{ got, want string }{
		{en.Date(day), "December 2, 2026"},
		{es.Date(day), "2 de diciembre de 2026"},
		{en.N("reading_time", 3), "3 min read"},
		{es.N("reading_time", 3), "3 min de lectura"},
		{en.N("chapter_count", 1), "1 chapter"},
		{en.N("chapter_count", 4), "4 chapters"},
		{es.N("chapter_count", 1), "1 capítulo"},
		{es.N("chapter_count", 0), "0 capítulos"},
		{es.T("tagged", "liderazgo"), "Etiqueta «liderazgo»"},
		{es.N("glossary_description", 66, "site", "Manual del CTO"), "Un glosario de la A a la Z con los 66 términos de Manual del CTO."},
		{es.Verb("implemented by"), "implementado por"},
		{es.Verb("mentored by"), "mentored by"},             // a site's own verb
		{th.Strings("es-mx").T("nav_glossary"), "Glosario"}, // es-mx reads es
		{en.Date(time.Time{}), ""},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestSiteStrings: a site's i18n/<code>.yaml overrides the theme's
// strings key by key and adds languages, with their plural rules; what a
// language lacks is English and a warning that names the site's file.
func TestSiteStrings(t *testing.T) {
	th, probs := withSite(t, map[string]string{
		"i18n/es.yaml": "nav_glossary: Vocabulario\n",
		"i18n/ru.yaml": "nav_glossary: Глоссарий\nchapter_count:\n  one: \"{count} глава\"\n  few: \"{count} главы\"\n  many: \"{count} глав\"\n  other: \"{count} главы\"\n",
	})
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	es, ru := th.Strings("es"), th.Strings("ru")
	for _, c := range []struct{ got, want string }{
		{es.T("nav_glossary"), "Vocabulario"}, // the site's
		{es.T("nav_guides"), "Guías"},         // the theme's
		{ru.T("nav_glossary"), "Глоссарий"},
		{ru.T("nav_guides"), "Guides"}, // English
		{ru.N("chapter_count", 1), "1 глава"},
		{ru.N("chapter_count", 3), "3 главы"},
		{ru.N("chapter_count", 5), "5 глав"},
		{ru.N("chapter_count", 21), "21 глава"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	warnings := th.Warnings("en", "es", "ru", "de")
	var text []string
	for _, w := range warnings {
		text = append(text, w.String())
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{
		`i18n/ru.yaml: warning: missing string "nav_guides" (English is used)`,
		`i18n/de.yaml: warning: no strings for language "de": the theme shows English (add this file to translate it)`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q; got:\n%s", want, all)
		}
	}
	if strings.Contains(all, "i18n/es.yaml") || strings.Contains(all, "i18n/en.yaml") {
		t.Errorf("complete languages are warned about:\n%s", all)
	}
	if n := strings.Count(all, "i18n/de.yaml"); n != 1 {
		t.Errorf("a language without strings gets %d warnings, want 1", n)
	}
}

// TestBadStrings: every malformed strings file is a problem at its file
// and line, never a panic, and the rest of the theme is not used.
func TestBadStrings(t *testing.T) {
	for _, c := range []struct{ name, file, text, want string }{
		{"malformed YAML", "i18n/es.yaml", "nav_glossary: Glosario\nnav_guides: Guías: todas\n", "i18n/es.yaml:2: malformed YAML: mapping values are not allowed"},
		{"unclosed list", "i18n/es.yaml", "nav_glossary: Glosario\nnav_guides: [Guías\nnav_tags: Etiquetas\n", "i18n/es.yaml:2: malformed YAML: did not find expected ',' or ']'"},
		{"a tab", "i18n/es.yaml", "nav_guides: Guías\n\tnav_tags: x\n", "i18n/es.yaml:2: malformed YAML: found a tab character"},
		{"not a mapping", "i18n/es.yaml", "- a\n- b\n", "i18n/es.yaml:1:1: a strings file is a mapping"},
		{"a list", "i18n/es.yaml", "\nnav_glossary: [a, b]\n", `i18n/es.yaml:2:15: string "nav_glossary" must be a string, or plural forms`},
		{"empty", "i18n/es.yaml", "nav_glossary:\n", `i18n/es.yaml:1:14: string "nav_glossary" must be a string`},
		{"no other", "i18n/es.yaml", "chapter_count:\n  one: uno\n", `i18n/es.yaml:2:3: string "chapter_count": plural forms need "other"`},
		{"unknown form", "i18n/es.yaml", "chapter_count:\n  one: uno\n  lots: muchos\n  other: otros\n", `i18n/es.yaml:3:3: string "chapter_count": "lots" is not a plural form`},
		{"nested form", "i18n/es.yaml", "chapter_count:\n  other:\n    x: y\n", `i18n/es.yaml:3:5: string "chapter_count": the other form must be a string`},
		{"bad key", "i18n/es.yaml", "Nav Glossary: x\n", `i18n/es.yaml:1:1: key "Nav Glossary": keys are snake_case names`},
		{"twice", "i18n/es.yaml", "nav_tags: a\nnav_tags: b\n", `i18n/es.yaml:2:1: string "nav_tags" given twice (first on line 1)`},
		{"plain for plural", "i18n/fr.yaml", "\n\nchapter_count: chapitres\n", `i18n/fr.yaml:3: string "chapter_count" must be plural forms ({one: ..., other: ...}), as in English`},
		{"plural for plain", "i18n/fr.yaml", "nav_tags:\n  other: x\n", `i18n/fr.yaml:1: string "nav_tags" must be a string, as in English`},
		{"unknown placeholder", "i18n/fr.yaml", "tagged: \"Étiquette {étiquette}\"\nchapters_of: \"Chapitres de {guida}\"\n", `i18n/fr.yaml:2: string "chapters_of" uses {guida}, which is never filled in (it has {guide})`},
	} {
		t.Run(c.name, func(t *testing.T) {
			th, probs := withSite(t, map[string]string{c.file: c.text})
			if th != nil {
				t.Errorf("the theme loads despite %s", c.file)
			}
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			if len(got) == 0 || !strings.HasPrefix(got[0], c.want) {
				t.Errorf("%s holding %q: got problems %q, want one starting %q", c.file, c.text, got, c.want)
			}
		})
	}
}

// TestThemeStringsOverlay: a theme's own i18n/ (themes/<name>/i18n/ over
// the default theme) is read like the rest of the theme, and its
// problems name its file.
func TestThemeStringsOverlay(t *testing.T) {
	own := fstest.MapFS{}
	_ = fs.WalkDir(themes.Default(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(themes.Default(), p)
			own[p] = &fstest.MapFile{Data: b}
		}
		return nil
	})
	own["i18n/es.yaml"] = &fstest.MapFile{Data: []byte("nav_glossary: Léxico\nnav_tags: a: b\n")}
	_, probs := LoadTheme(own, "themes/mine", nil, nil)
	if len(probs) != 1 || !strings.HasPrefix(probs[0].String(), "themes/mine/i18n/es.yaml:2: malformed YAML") {
		t.Errorf("a theme's malformed es.yaml: got %v", probs)
	}
	own["i18n/es.yaml"] = &fstest.MapFile{Data: []byte("nav_glossary: Léxico\n")}
	th, probs := LoadTheme(own, "themes/mine", nil, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if got := th.Strings("es").T("nav_glossary"); got != "Léxico" {
		t.Errorf("the theme's own Spanish nav_glossary: got %q", got)
	}
}

// TestTemplateFuncs: t, tn, tdate and tlink escape what they write, and
// tlink makes a link only of a path or an http(s) URL.
func TestTemplateFuncs(t *testing.T) {
	th, probs := withSite(t, map[string]string{"i18n/en.yaml": "moved_text: \"Moved to [{title}] <now>\"\n"})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	en := th.Strings("en")
	if got, want := string(linkHTML(en, "moved_text", "/glossary/a/", "A & [B]")), `Moved to <a href="/glossary/a/">A &amp; [B]</a> &lt;now&gt;`; got != want {
		t.Errorf("tlink: got %s, want %s", got, want)
	}
	if got := string(linkHTML(en, "moved_text", "javascript:alert(1)", "x")); !strings.Contains(got, `href="#"`) {
		t.Errorf("tlink made a javascript: link: %s", got)
	}
	day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	if got, want := string(timeHTML(th.Strings("es"), "updated_on", day)), `Actualizado el <time datetime="2026-01-05">5 de enero de 2026</time>`; got != want {
		t.Errorf("tdate: got %s, want %s", got, want)
	}
	if got := en.T("no_such_key"); got != "no_such_key" {
		t.Errorf("a key no language has shows as %q, want the key", got)
	}
}

// spanishGraph is a small glossary in Spanish, with relations both ways,
// a guide and a tag.
func spanishGraph(t *testing.T) *graph.Graph {
	return graphtestBuild(t, map[string]string{
		"content/_index.md":                   "---\ntitle: Inicio\n---\nBienvenida.\n",
		"content/glossary/cto.md":             "---\ntitle: CTO\naka: [Director de Tecnología]\nsummary: El máximo responsable de la tecnología.\ntags: [liderazgo]\ndate: 2026-12-02\nrelations:\n  implements: [iso]\n---\nVéase [[iso]].\n\n```\ncódigo\n```\n",
		"content/glossary/iso.md":             "---\ntitle: ISO 27001\nsummary: Una norma de seguridad.\ntags: [liderazgo]\n---\nLa norma.\n",
		"content/guide/g/_index.md":           "---\ntitle: Primeros días\nsummary: Una guía.\n---\nIntro.\n",
		"content/guide/g/01-antes.md":         "---\ntitle: Antes\nsummary: Antes de empezar.\n---\nHabla del [[cto]].\n\n## Uno\n\n## Dos\n",
		"content/guide/g/02-despues.md":       "---\ntitle: Después\nsummary: Después.\n---\nTexto.\n",
		"content/acerca.md":                   "---\ntitle: Acerca de\nsummary: Quiénes somos.\nupdated: 2026-11-20\n---\nSomos.\n",
		"content/glossary/_index.md":          "---\ntitle: Glosario\n---\nTodos los términos.\n",
		"content/glossary/seguridad-nube.md":  "---\ntitle: Seguridad en la nube\nsummary: Proteger la nube.\nrelated: [cto]\n---\nTexto.\n",
		"content/glossary/gobierno-de-ti.md":  "---\ntitle: Gobierno de TI\nsummary: Cómo se decide.\nrelations:\n  part-of: [cto]\n---\nTexto.\n",
		"content/glossary/deuda-tecnica.md":   "---\ntitle: Deuda técnica\nsummary: Lo que se debe.\nrelations:\n  depends-on: [cto]\n---\nTexto.\n",
		"content/glossary/arquitectura.md":    "---\ntitle: Arquitectura\nsummary: La forma del software.\nrelations:\n  supervises: [cto]\n---\nTexto.\n",
		"content/glossary/presupuesto.md":     "---\ntitle: Presupuesto\nsummary: El dinero.\nrelations:\n  manages: [cto]\n---\nTexto.\n",
		"content/glossary/liderazgo-tecn.md":  "---\ntitle: Liderazgo técnico\nsummary: Guiar.\nrelations:\n  leads: [cto]\n---\nTexto.\n",
		"content/glossary/hoja-de-ruta.md":    "---\ntitle: Hoja de ruta\nsummary: El plan.\nrelations:\n  complements: [cto]\n---\nTexto.\n",
		"content/glossary/estrategia.md":      "---\ntitle: Estrategia\nsummary: El rumbo.\nrelated: [hoja-de-ruta]\n---\nVer [[cto]].\n",
		"content/glossary/cultura.md":         "---\ntitle: Cultura\nsummary: Cómo se trabaja.\n---\nVer [[cto]] y [[iso]].\n",
		"content/glossary/innovacion.md":      "---\ntitle: Innovación\nsummary: Lo nuevo.\n---\nVer [[cto]] y [[cultura]].\n",
		"content/glossary/kpi.md":             "---\ntitle: KPI\nsummary: Indicadores.\n---\nVer [[cto]], [[cultura]] e [[innovacion]].\n",
		"content/glossary/devops.md":          "---\ntitle: DevOps\nsummary: Desarrollo y operaciones.\n---\nVer [[cto]], [[kpi]] y [[cultura]].\n",
		"content/glossary/ciso.md":            "---\ntitle: CISO\nsummary: Seguridad.\n---\nVer [[cto]] y [[iso]].\n",
		"content/glossary/vciso.md":           "---\ntitle: vCISO\nsummary: Seguridad a tiempo parcial.\n---\nVer [[ciso]] y [[cto]].\n",
		"content/glossary/siem.md":            "---\ntitle: SIEM\nsummary: Eventos.\n---\nVer [[ciso]], [[cto]] e [[iso]].\n",
		"content/glossary/sgsi.md":            "---\ntitle: SGSI\nsummary: Gestión de la seguridad.\n---\nVer [[iso]], [[ciso]], [[cto]] y [[siem]].\n",
		"content/glossary/transformacion.md":  "---\ntitle: Transformación digital\nsummary: El cambio.\n---\nVer [[cto]], [[devops]] y [[kpi]].\n",
		"content/glossary/arquitectura-ti.md": "---\ntitle: Arquitectura de TI\nsummary: La forma.\n---\nVer [[cto]] y [[arquitectura]].\n",
	})
}

// visibleText is what a reader sees or hears of a page: its text outside
// scripts and styles, and the attributes read aloud or shown
// (aria-label, title, placeholder, alt, and the description).
func visibleText(page string) string {
	page = regexp.MustCompile(`(?s)<script[^>]*>.*?</script>|<style[^>]*>.*?</style>`).ReplaceAllString(page, " ")
	var b strings.Builder
	for _, m := range regexp.MustCompile(`(?:aria-label|title|placeholder|alt|content)="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		b.WriteString(m[1] + "\n")
	}
	page = regexp.MustCompile(`</?(?:time|a|span|mark|em|strong)\b[^>]*>`).ReplaceAllString(page, "")
	b.WriteString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page, "\n"))
	return b.String()
}

// TestPagesInSpanish: a site in Spanish shows the theme's Spanish strings
// on every page, and none of the English ones, in what a reader sees.
func TestPagesInSpanish(t *testing.T) {
	g := spanishGraph(t)
	r := &Renderer{Theme: defaultTheme(t), Markdown: testMarkdown(t), Site: Site{Title: "Manual del CTO", Language: "es", Root: "/", BaseURL: "https://example.org", SocialCards: false}}
	pages := map[string]string{}
	for _, j := range r.Jobs(g) {
		if !strings.HasSuffix(j.Path, ".html") {
			continue
		}
		b, err := j.Make()
		if err != nil {
			t.Fatalf("%s: %v", j.Path, err)
		}
		pages[j.Path] = string(b)
	}
	english := []string{"Skip to content", "Glossary", "Guides", "Back to top", "Search the handbook", "Updated", "min read",
		"Related concepts", "Concept map", "Covered in", "Mentioned in", "On this page", "Also known as", "implemented by",
		"Tags", "Show all", "Page not found", "Previous", "Next", "chapters", "Chapters", "Start reading", "Contents",
		"Print", "Home", "Tagged", "Glossary term", "Jump to letter", "Recently updated", "Browse by tag", "All tags",
		"Concept graph", "neighbors", "connection", "Skip the graph", "Kinds of connection", "Search as you type",
		"Link to this section", "Edit this page", "Published", "December", "Theme", "Light", "Dark", "Breadcrumb", "Terms"}
	for _, want := range []struct{ path, text string }{
		{"index.html", "Ir al contenido"},
		{"glossary/cto/index.html", "Término del glosario"},
		{"glossary/cto/index.html", "Otros nombres:"},
		{"glossary/cto/index.html", "Publicado el"},
		{"glossary/cto/index.html", "2 de diciembre de 2026"},
		{"glossary/cto/index.html", "1 min de lectura"},
		{"glossary/cto/index.html", "implementa"},
		{"glossary/iso/index.html", "implementado por"},
		{"glossary/cto/index.html", "Aparece en"},
		{"glossary/cto/index.html", "Se trata en"},
		{"glossary/cto/index.html", "Grafo de conceptos en torno a CTO"},
		{"glossary/cto/index.html", "Se muestran 12 de sus"},
		{"guide/g/antes/index.html", "Enlace a esta sección"},
		{"guide/g/index.html", "2 capítulos"},
		{"guide/g/antes/index.html", "← Volver a la guía"},
		{"guide/g/antes/index.html", "En esta página"},
		{"guide/g/print/index.html", "Índice"},
		{"tags/liderazgo/index.html", "Etiqueta «liderazgo»"},
		{"tags/liderazgo/index.html", "2 páginas"},
		{"acerca/index.html", "Actualizado el 20 de noviembre de 2026"},
		{"404.html", "Página no encontrada"},
		{"search/index.html", "índice del glosario, de la A a la Z"},
		{"graph/index.html", "Saltar el grafo"},
		{"graph/index.html", "Tipos de conexión"},
	} {
		if page, ok := pages[want.path]; !ok {
			t.Errorf("no page %s", want.path)
		} else if !strings.Contains(visibleText(page), want.text) {
			t.Errorf("%s does not show %q", want.path, want.text)
		}
	}
	paths := make([]string, 0, len(pages))
	for p := range pages {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		text := visibleText(pages[p])
		for _, en := range english {
			if regexp.MustCompile(`\b` + regexp.QuoteMeta(en) + `\b`).MatchString(text) {
				i := strings.Index(text, en)
				t.Errorf("%s shows the English %q: …%s…", p, en, text[max(0, i-60):min(len(text), i+60)])
			}
		}
		if !strings.Contains(pages[p], `<script type="application/json" id="sitegen-i18n">`) || !strings.Contains(pages[p], `"js_copy":"Copiar"`) {
			t.Errorf("%s does not give its scripts the Spanish strings", p)
		}
	}
	if t.Failed() {
		return
	}
	// The page's strings are for the scripts only: the English page's
	// block is English, the Spanish one Spanish, and both are data.
	home := pages["index.html"]
	if !strings.Contains(home, `lang="es"`) {
		t.Errorf("the Spanish home page is not lang=es")
	}
}

// TestRedirectStubInSpanish: the page left at an old URL speaks the
// site's language.
func TestRedirectStubInSpanish(t *testing.T) {
	g := graphtestBuild(t, map[string]string{
		"content/glossary/cto.md": "---\ntitle: CTO\nsummary: El responsable.\nredirect_from: [/viejo/]\n---\nTexto.\n",
	})
	r := &Renderer{Theme: defaultTheme(t), Markdown: testMarkdown(t), Site: Site{Title: "Manual", Language: "es", Root: "/", BaseURL: "https://example.org"}}
	for _, j := range r.Jobs(g) {
		if j.Path != "viejo/index.html" {
			continue
		}
		b, err := j.Make()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"<title>Se ha movido: CTO</title>", `Esta página ahora está en <a href="/glossary/cto/">CTO</a>.`} {
			if !strings.Contains(string(b), want) {
				t.Errorf("the redirect stub lacks %q:\n%s", want, b)
			}
		}
		return
	}
	t.Fatal("no redirect stub at /viejo/")
}

func graphtestBuild(t *testing.T, files map[string]string) *graph.Graph {
	return graphtest.Build(t, files)
}

func testMarkdown(t *testing.T) *markdown.Markdown { return markdown.New(markdown.Options{}) }
