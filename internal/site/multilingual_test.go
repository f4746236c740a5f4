package site

import (
	"io/fs"
	"net/url"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// multilingualFS is testdata/multilingual, a glossary in nine languages
// and five scripts, partly translated, as a site folder in memory.
func multilingualFS(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	root := "testdata/multilingual"
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path.Join(root, p))
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

var multilingualCodes = []string{"es", "ru", "hi", "bn", "ur", "zh-cn", "ja", "ko"}

func buildMultilingual(t *testing.T) (*Site, *Result) {
	t.Helper()
	s, probs := New(multilingualFS(t), Options{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	res := s.Build()
	if !res.OK() {
		t.Fatalf("build failed:\n%s", problemText(res))
	}
	return s, res
}

var (
	htmlTag   = regexp.MustCompile(`<html lang="([^"]+)" dir="([^"]+)"`)
	hreflangs = regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)
	canonical = regexp.MustCompile(`<link rel="canonical" href="([^"]+)">`)
	noindex   = regexp.MustCompile(`<meta name="robots" content="noindex">`)
	hrefs     = regexp.MustCompile(`<a [^>]*href="([^"#]*)[^"]*"[^>]*>`)
)

// TestMultilingualTrees checks every language's tree against the files:
// each default-language page exists in every language, as a translation
// where the language has the file and as a fallback (noindex, canonical
// to the original, a note) where it does not, with its language and
// direction on <html>.
func TestMultilingualTrees(t *testing.T) {
	s, res := buildMultilingual(t)
	fsys := s.FS
	originals, _ := fs.Glob(fsys, "content/glossary/*.md")
	if len(originals) != 12 {
		t.Fatalf("fixture has %d English terms, want 12", len(originals))
	}
	rtl := map[string]bool{"ur": true}
	for _, code := range multilingualCodes {
		for _, orig := range originals {
			rel := strings.TrimPrefix(orig, "content/")
			_, err := fs.Stat(fsys, path.Join("content", code, rel))
			translated := err == nil
			en := s.Graph.File(orig)
			var g = s.Graphs[1+indexOf(multilingualCodes, code)]
			p := g.File(path.Join("content", code, rel))
			if p == nil {
				t.Fatalf("%s: no page for %s", code, rel)
			}
			if p.Fallback == translated {
				t.Errorf("%s %s: fallback %v, translated file exists %v", code, rel, p.Fallback, translated)
			}
			if !strings.HasPrefix(p.URL, "/"+code+"/glossary/") {
				t.Errorf("%s %s: URL %s is not in the language's tree", code, rel, p.URL)
			}
			html := string(res.Files[strings.TrimPrefix(p.URL, "/")+"index.html"])
			m := htmlTag.FindStringSubmatch(html)
			if m == nil {
				t.Fatalf("%s: no <html lang dir> in %s", code, p.URL)
			}
			wantDir := "ltr"
			if rtl[code] {
				wantDir = "rtl"
			}
			if !strings.EqualFold(m[1], code) || m[2] != wantDir {
				t.Errorf("%s: <html lang=%q dir=%q>, want %s %s", p.URL, m[1], m[2], code, wantDir)
			}
			c := canonical.FindStringSubmatch(html)
			switch {
			case translated && (c == nil || c[1] != s.Config.BaseURL+p.URL || noindex.MatchString(html)):
				t.Errorf("%s: a translation must be indexable with its own canonical URL (canonical %v)", p.URL, c)
			case !translated && (c == nil || c[1] != s.Config.BaseURL+en.URL || !noindex.MatchString(html)):
				t.Errorf("%s: a fallback must be noindex with the original as canonical (canonical %v)", p.URL, c)
			case !translated && !strings.Contains(html, `class="fallback-note"`):
				t.Errorf("%s: a fallback says nothing of being untranslated", p.URL)
			case !translated && !strings.Contains(html, `<div class="fallback-text" lang="en" dir="ltr">`):
				t.Errorf("%s: a fallback's text does not say it is English, left to right", p.URL)
			}
		}
	}
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// TestMultilingualLinks follows every link of every page: each lands on
// a page of the build, and a link inside a language's tree stays in it
// (a Spanish page's links to terms lead to Spanish URLs, translated or
// fallback), whichever way it was written: [[slug]], [[title]], a file
// or a URL.
func TestMultilingualLinks(t *testing.T) {
	_, res := buildMultilingual(t)
	for file, b := range res.Files {
		if !strings.HasSuffix(file, ".html") {
			continue
		}
		lang := ""
		for _, code := range multilingualCodes {
			if strings.HasPrefix(file, code+"/") {
				lang = code
			}
		}
		for _, m := range hrefs.FindAllStringSubmatch(string(mainOf(b)), -1) {
			u, err := url.PathUnescape(m[1])
			if err != nil || u == "" || strings.Contains(u, "://") {
				continue
			}
			target := strings.TrimPrefix(u, "/")
			if strings.HasSuffix(u, "/") || u == "" {
				target += "index.html"
			}
			if _, ok := res.Files[target]; !ok {
				t.Errorf("%s links to %s, which the build does not have", file, u)
			}
			// Only a fallback's note leads to the original, in its language.
			original := strings.Contains(m[0], " hreflang=")
			if lang != "" && !original && strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "/"+lang+"/") && u != "/"+lang {
				t.Errorf("%s (%s) links to %s, out of its language's tree", file, lang, u)
			}
		}
	}
	es := string(res.Files["es/index.html"])
	for _, want := range []string{`href="/es/glossary/contenedor/"`, `href="/es/glossary/kubernetes/"`, `href="/es/about/"`} {
		if !strings.Contains(es, want) {
			t.Errorf("Spanish home page has no link %s", want)
		}
	}
}

// TestMultilingualAlternates checks hreflang: each translated page links
// to its versions in the languages that translate it and to x-default,
// the same set on every version, and the sitemap says the same.
func TestMultilingualAlternates(t *testing.T) {
	s, res := buildMultilingual(t)
	page := func(u string) string { return string(res.Files[strings.TrimPrefix(u, "/")+"index.html"]) }
	var versions []string
	versions = append(versions, "/glossary/container/")
	for _, code := range multilingualCodes {
		if _, err := fs.Stat(s.FS, "content/"+code+"/glossary/container.md"); err == nil {
			p := s.Graphs[1+indexOf(multilingualCodes, code)].File("content/" + code + "/glossary/container.md")
			versions = append(versions, p.URL)
		}
	}
	var first []string
	for _, v := range versions {
		var got []string
		for _, m := range hreflangs.FindAllStringSubmatch(page(v), -1) {
			got = append(got, m[1]+" "+m[2])
		}
		sort.Strings(got)
		if len(got) != len(versions)+1 {
			t.Errorf("%s has %d hreflang links, want %d (one per translation and x-default): %v", v, len(got), len(versions)+1, got)
		}
		if first == nil {
			first = got
		} else if strings.Join(got, "\n") != strings.Join(first, "\n") {
			t.Errorf("%s and %s disagree on alternates:\n%v\n%v", versions[0], v, first, got)
		}
	}
	if !strings.Contains(strings.Join(first, "\n"), "x-default "+s.Config.BaseURL+"/glossary/container/") {
		t.Errorf("x-default is not the English page: %v", first)
	}
	sitemap := string(res.Files["sitemap.xml"])
	for _, v := range versions {
		if !strings.Contains(sitemap, "<loc>"+s.Config.BaseURL+v+"</loc>") {
			t.Errorf("sitemap lacks %s", v)
		}
	}
	if !strings.Contains(sitemap, `<xhtml:link rel="alternate" hreflang="es" href="`+s.Config.BaseURL+`/es/glossary/contenedor/"/>`) {
		t.Errorf("sitemap has no hreflang alternate for the Spanish term")
	}
	if strings.Contains(sitemap, "/es/glossary/observability/") {
		t.Errorf("sitemap lists a fallback page (its canonical page is the original)")
	}
	headers := string(res.Files["_headers"])
	for _, code := range multilingualCodes {
		for _, want := range []string{"/" + code + "/feed.xml\n  Content-Type: application/atom+xml", "/" + code + "/search/p-*\n  Cache-Control: public, max-age=31536000, immutable"} {
			if !strings.Contains(headers, want) {
				t.Errorf("_headers lacks %q", want)
			}
		}
	}
	rules := string(res.Files["_redirects"])
	for _, code := range multilingualCodes {
		if !strings.Contains(rules, "/"+code+"/* /"+code+"/404.html 404\n") {
			t.Errorf("_redirects has no 404 rule for %s:\n%s", code, rules)
		}
		for _, f := range []string{"404.html", "feed.xml", "graph.json", "glossary/index.html", "search/index.json", "tags/index.html"} {
			if _, ok := res.Files[code+"/"+f]; !ok {
				t.Errorf("%s has no %s of its own", code, f)
			}
		}
	}
}

// TestTranslationStatus compares the status with the files, counted here
// from the folder itself, and finds the translations whose original is
// dated after them (no git history: front matter dates).
func TestTranslationStatus(t *testing.T) {
	s, _ := buildMultilingual(t)
	st := s.TranslationStatus(nil)
	if len(st) != len(multilingualCodes) {
		t.Fatalf("%d status lines, want %d", len(st), len(multilingualCodes))
	}
	var originals []string
	_ = fs.WalkDir(s.FS, "content", func(p string, d fs.DirEntry, err error) error {
		if d.IsDir() && p != "content" && indexOf(multilingualCodes, d.Name()) >= 0 {
			return fs.SkipDir
		}
		if strings.HasSuffix(p, ".md") {
			originals = append(originals, strings.TrimPrefix(p, "content/"))
		}
		return nil
	})
	for i, code := range multilingualCodes {
		var want LangStatus
		want.Code = code
		for _, rel := range originals {
			c := &want.Others
			switch {
			case strings.HasPrefix(rel, "glossary/") && !strings.HasSuffix(rel, "_index.md"):
				c = &want.Terms
			case strings.HasPrefix(rel, "guide/") && strings.Count(rel, "/") == 2 && !strings.HasSuffix(rel, "_index.md"):
				c = &want.Chapters
			}
			c.Total++
			if _, err := fs.Stat(s.FS, path.Join("content", code, rel)); err == nil {
				c.Done++
			} else {
				want.Missing = append(want.Missing, Missing{File: path.Join("content", code, rel), Original: "content/" + rel})
			}
		}
		got := st[i]
		if got.Terms != want.Terms || got.Chapters != want.Chapters || got.Others != want.Others || len(got.Missing) != len(want.Missing) {
			t.Errorf("%s: %s, want %s", code, got.Line(), want.Line())
		}
	}
	outdated := map[string]int{}
	for _, l := range st {
		outdated[l.Code] = len(l.Outdated)
		for _, o := range l.Outdated {
			if !strings.Contains(o.Why, o.Original) {
				t.Errorf("%s: reason %q does not name the original", o.File, o.Why)
			}
		}
	}
	if outdated["es"] != 2 || outdated["ja"] != 1 || outdated["ru"] != 0 {
		t.Errorf("outdated = %v, want es 2, ja 1 (their originals are dated after them), others 0", outdated)
	}
	if line := st[0].Line(); !regexp.MustCompile(`^translations es: \d+ of \d+ terms, \d+ of \d+ chapters, \d+ of \d+ other pages; \d+ outdated$`).MatchString(line) {
		t.Errorf("status line %q is not in the documented form", line)
	}
}

// TestNoFallback: with fallback: false, a link to a page the language
// lacks is an error naming the file and line, and no fallback is made.
func TestNoFallback(t *testing.T) {
	fsys := multilingualFS(t)
	fsys["sitegen.yaml"].Data = append(append([]byte{}, fsys["sitegen.yaml"].Data...), []byte("fallback: false\n")...)
	s, probs := New(fsys, Options{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	res := s.Build()
	if res.OK() {
		t.Fatal("links to untranslated pages built without error")
	}
	for _, p := range res.Problems {
		if !strings.HasPrefix(p.File, "content/") || p.Pos.Line == 0 || !strings.Contains(p.Msg, "broken ") {
			t.Errorf("problem %q should be a broken link with file and line", p.String())
		}
	}
}

// TestLanguagesConfig: bad language entries are errors naming the line.
func TestLanguagesConfig(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"languages:\n  - code: en\n  - code: en\n", "sitegen.yaml:3: languages: \"en\" is listed twice"},
		{"languages:\n  - code: en\n  - code: 'e s'\n", "sitegen.yaml:3: languages: \"e s\" is not a BCP 47"},
		{"languages:\n  - code: en\n  - name: x\n", "sitegen.yaml:3: languages: entry 2 has no code"},
		{"languages:\n  - code: en\n  - code: ar\n    direction: up\n", "sitegen.yaml:3: languages: direction \"up\""},
		{"languages:\n  - code: en\n    nmae: English\n", "unknown key \"nmae\""},
	} {
		_, probs := New(fstest.MapFS{"sitegen.yaml": {Data: []byte(tc.yaml)}}, Options{})
		if len(probs) == 0 || !strings.Contains(probs[0].String(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.yaml, probs, tc.want)
		}
	}
	s, probs := New(fstest.MapFS{"sitegen.yaml": {Data: []byte("languages:\n  - code: en\n  - code: ar\n  - code: fa\n    direction: ltr\n")}}, Options{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	langs := s.languages()
	if langs[1].Direction != "rtl" || langs[2].Direction != "ltr" || langs[1].Name == "" || langs[1].Prefix != "/ar" {
		t.Errorf("languages = %+v: ar is rtl by its script, fa's direction is overridden, names default to the language's own", langs)
	}
}

// TestFallbacksInLists: a language's lists mark the pages it shows in the
// default language's text (lang on the link), and its feed and recent
// changes hold only its own pages.
func TestFallbacksInLists(t *testing.T) {
	s, res := buildMultilingual(t)
	index := string(res.Files["es/glossary/index.html"])
	if !strings.Contains(index, `<a href="/es/glossary/observability/" lang="en">`) {
		t.Error("the Spanish glossary index does not mark the untranslated Observability as English")
	}
	if strings.Contains(index, `<a href="/es/glossary/contenedor/" lang=`) {
		t.Error("the Spanish glossary index marks a translated term as in another language")
	}
	feed := string(res.Files["es/feed.xml"])
	if !strings.Contains(feed, s.Config.BaseURL+"/es/glossary/contenedor/") || strings.Contains(feed, "/es/glossary/observability/") {
		t.Errorf("the Spanish feed should list Spanish pages only:\n%s", feed)
	}
}

// TestMultilingualRebuildEqualsBuild: after edits in several languages
// (an untranslated original, whose fallbacks show it in every tree; a
// translation; a new translation replacing a fallback; a deleted one),
// a rebuild gives exactly the files a fresh build of the same folder
// gives.
func TestMultilingualRebuildEqualsBuild(t *testing.T) {
	fsys := multilingualFS(t)
	s, probs := New(fsys, Options{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if res := s.Build(); !res.OK() {
		t.Fatal(problemText(res))
	}
	edit := func(name, text string) {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	obs := string(fsys["content/glossary/observability.md"].Data)
	edit("content/glossary/observability.md", strings.Replace(obs, "\n---\n", "\n---\nA new first line.\n\n", 1))
	edit("content/es/glossary/observability.md", "---\ntitle: Observabilidad\nsummary: Saber qué pasa dentro de un sistema a partir de lo que emite.\ndate: 2026-12-01\n---\nVéase [[contenedor]] y [[kubernetes]].\n")
	ru := string(fsys["content/ru/glossary/container.md"].Data)
	edit("content/ru/glossary/container.md", ru+"\nЕщё одна строка.\n")
	delete(fsys, "content/bn/glossary/devops.md")
	changed := []string{"content/glossary/observability.md", "content/es/glossary/observability.md", "content/ru/glossary/container.md", "content/bn/glossary/devops.md"}
	got := s.Rebuild(changed)
	if !got.OK() {
		t.Fatal(problemText(got))
	}
	fresh, _ := New(fsys, Options{})
	want := fresh.Build()
	if !want.OK() {
		t.Fatal(problemText(want))
	}
	for p, b := range want.Files {
		if string(got.Files[p]) != string(b) {
			t.Errorf("%s differs between the rebuild and a fresh build", p)
		}
	}
	for p := range got.Files {
		if _, ok := want.Files[p]; !ok {
			t.Errorf("the rebuild has %s, a fresh build does not", p)
		}
	}
	if !strings.Contains(string(got.Files["bn/glossary/devops/index.html"]), `class="fallback-note"`) {
		t.Error("the deleted Bengali translation is not replaced by its fallback")
	}
}

// TestFallbackNamesTranslatedTerms: a fallback page keeps the default
// language's text, which names terms by their default-language titles;
// those terms being translated (new titles) breaks none of its links,
// and a link to the home page or a list page from any page of a language
// stays in that language.
func TestFallbackNamesTranslatedTerms(t *testing.T) {
	fsys := multilingualFS(t)
	delete(fsys, "content/es/_index.md") // its English text links the guide by its English title
	fsys["content/es/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Acerca de\n---\nVuelve al [inicio](/), al [glosario](/glossary/) o a las [guías](guide/_index.md).\n")}
	s, probs := New(fsys, Options{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	res := s.Build()
	if !res.OK() {
		t.Fatalf("build failed:\n%s", problemText(res))
	}
	home := string(res.Files["es/index.html"])
	if !strings.Contains(home, `class="fallback-note"`) || !strings.Contains(home, `href="/es/guide/getting-started/"`) {
		t.Error("the Spanish home page (a fallback) does not link the Spanish guide it names by its English title")
	}
	about := mainOf(res.Files["es/about/index.html"])
	for _, want := range []string{`href="/es/"`, `href="/es/glossary/"`, `href="/es/guide/"`} {
		if !strings.Contains(about, want) {
			t.Errorf("the Spanish About page has no %s:\n%s", want, about)
		}
	}
}

// TestCrossLanguageClaims: a default-language page whose URL lies in
// another language's tree, and a translation's old URL that is another
// language's page or old URL, are errors naming the file, not one page
// silently replacing another.
func TestCrossLanguageClaims(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		"sitegen.yaml":               file("title: T\npermalinks:\n  glossary: /:slug/\nlanguages:\n  - code: en\n  - code: fr\n"),
		"content/_index.md":          file("---\ntitle: Home\n---\nHi.\n"),
		"content/glossary/fr.md":     file("---\ntitle: FR\nslug: fr\n---\nA term.\n"),
		"content/glossary/cto.md":    file("---\ntitle: CTO\nredirect_from: [/old-cto/]\n---\nText.\n"),
		"content/fr/glossary/cto.md": file("---\ntitle: DT\nredirect_from: [/old-cto/, /cto/]\n---\nTexte.\n"),
		"content/fr/_index.md":       file("---\ntitle: Accueil\n---\nSalut.\n"),
	}
	s, probs := New(fsys, Options{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	res := s.Build()
	got := problemText(res)
	for _, want := range []string{
		`content/glossary/fr.md:3:7: URL /fr/ is inside the tree of the language fr (/fr/)`,
		`content/fr/glossary/cto.md:3:16: redirect_from "/cto/" is the URL of content/glossary/cto.md (en)`,
		`content/fr/glossary/cto.md:3:16: redirect_from "/old-cto/" is also claimed by content/glossary/cto.md`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
}

// TestLanguageCodeCase: a code with a region in capitals (pt-BR) lives in
// a folder of either case (content/pt-br/) and is served in lower case
// (/pt-br/), with the canonical tag (pt-BR) in lang and hreflang.
func TestLanguageCodeCase(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		"sitegen.yaml":                  file("title: T\nlanguages:\n  - code: en\n  - code: pt-BR\n"),
		"content/_index.md":             file("---\ntitle: Home\n---\nSee [[cto]] and [[ciso]].\n"),
		"content/glossary/cto.md":       file("---\ntitle: CTO\n---\nText.\n"),
		"content/glossary/ciso.md":      file("---\ntitle: CISO\n---\nText.\n"),
		"content/pt-br/glossary/cto.md": file("---\ntitle: Diretor de tecnologia\n---\nVeja [[ciso]].\n"),
	}
	s, probs := New(fsys, Options{})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	res := s.Build()
	if !res.OK() {
		t.Fatal(problemText(res))
	}
	page := string(res.Files["pt-br/glossary/cto/index.html"])
	if !strings.Contains(page, `<html lang="pt-BR"`) || strings.Contains(page, `class="fallback-note"`) {
		t.Errorf("pt-br/glossary/cto/ is not the Portuguese translation in lang pt-BR:\n%.400s", page)
	}
	if _, ok := res.Files["pt-BR/glossary/cto/index.html"]; ok {
		t.Error("a second tree in the code's own case was written")
	}
	if st := s.TranslationStatus(nil); len(st) != 1 || st[0].Terms != (Count{1, 2}) || st[0].Missing[1].File != "content/pt-br/glossary/ciso.md" {
		t.Errorf("status = %+v", st)
	}
}
