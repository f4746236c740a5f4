package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/ctohandbook/sitegen/internal/render"
)

// builtPage is what deploy tests read of one built HTML page.
type builtPage struct {
	file, canonical, ogURL, ogImage, ogLocale, twitterCard, twitterImage, description string
	noindex                                                                           bool
	// fallback marks a language's copy of an untranslated page: noindex,
	// with the original as its canonical URL.
	fallback bool
	jsonLD   []map[string]any
	refs     []string // href, src, action
}

// readPages parses every HTML page under out, by file path.
func readPages(t *testing.T, out string) map[string]*builtPage {
	t.Helper()
	pages := map[string]*builtPage{}
	filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		b, _ := os.ReadFile(p)
		fallback := bytes.Contains(b, []byte(`class="fallback-note"`))
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		bp := &builtPage{file: filepath.ToSlash(rel), fallback: fallback}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				a := map[string]string{}
				for _, at := range n.Attr {
					a[at.Key] = at.Val
				}
				switch {
				case n.Data == "link" && a["rel"] == "canonical":
					bp.canonical = a["href"]
				case n.Data == "meta" && a["name"] == "robots":
					bp.noindex = strings.Contains(a["content"], "noindex")
				case n.Data == "meta" && a["name"] == "description":
					bp.description = a["content"]
				case n.Data == "meta" && a["property"] == "og:url":
					bp.ogURL = a["content"]
				case n.Data == "meta" && a["property"] == "og:image":
					bp.ogImage = a["content"]
				case n.Data == "meta" && a["property"] == "og:locale":
					bp.ogLocale = a["content"]
				case n.Data == "meta" && a["name"] == "twitter:card":
					bp.twitterCard = a["content"]
				case n.Data == "meta" && a["name"] == "twitter:image":
					bp.twitterImage = a["content"]
				case n.Data == "script" && a["type"] == "application/ld+json":
					var v map[string]any
					if err := json.Unmarshal([]byte(textOf(n)), &v); err != nil {
						t.Errorf("%s: JSON-LD does not parse: %v", rel, err)
					}
					bp.jsonLD = append(bp.jsonLD, v)
				}
				for _, k := range []string{"href", "src", "action"} {
					if v, ok := a[k]; ok {
						bp.refs = append(bp.refs, v)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		pages[bp.file] = bp
		return nil
	})
	return pages
}

func ldOfType(p *builtPage, typ string) map[string]any {
	for _, v := range p.jsonLD {
		if v["@type"] == typ {
			return v
		}
	}
	return nil
}

// TestSitemapAndCanonicals builds the shipped handbook and derives the
// sitemap from the pages: every page that search engines may index and
// that names itself as canonical is in the sitemap, and every sitemap
// URL is such a page. The 404 page says noindex and has no canonical URL,
// og:url or breadcrumb; the search page is indexable, its own canonical
// and in the sitemap; the home page has no one-item breadcrumb; every
// page has a meta description.
func TestSitemapAndCanonicals(t *testing.T) {
	const base = "https://cto-handbook.netlify.app"
	out := filepath.Join(t.TempDir(), "public")
	if code, _, errs := run("build", "-source", "../..", "-out", out, "-base-url", base); code != 0 {
		t.Fatalf("build of the handbook failed:\n%s", errs)
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	mustXML(t, filepath.Join(out, "sitemap.xml"), &sm)
	inSitemap := map[string]bool{}
	for _, u := range sm.URLs {
		inSitemap[u.Loc] = true
	}
	pages := readPages(t, out)
	byURL := map[string]*builtPage{}
	for file, p := range pages {
		u := base + "/" + strings.TrimSuffix(file, "index.html")
		if file == "404.html" {
			u = base + "/404.html"
		}
		byURL[u] = p
		if p.description == "" {
			t.Errorf("%s has no meta description", file)
		}
		switch {
		case p.fallback && (!p.noindex || p.ogURL != "" || p.canonical == u || !inSitemap[p.canonical]):
			t.Errorf("%s is a fallback: it must say noindex, have no og:url and name the original, in the sitemap, as canonical (canonical %q)", file, p.canonical)
		case p.fallback:
		case p.noindex && (p.canonical != "" || p.ogURL != ""):
			t.Errorf("%s says noindex but has canonical %q, og:url %q", file, p.canonical, p.ogURL)
		case p.noindex:
			if inSitemap[u] {
				t.Errorf("%s says noindex, yet %s is in the sitemap", file, u)
			}
		case p.canonical == "":
			t.Errorf("%s has neither a canonical URL nor noindex", file)
		case p.canonical == u && !inSitemap[u]:
			t.Errorf("%s is indexable with the canonical URL %s, which the sitemap leaves out", file, u)
		case p.canonical != u && !inSitemap[p.canonical]:
			t.Errorf("%s names %s as its canonical, which the sitemap leaves out", file, p.canonical)
		}
	}
	for _, u := range sm.URLs {
		p := byURL[u.Loc]
		if p == nil || p.noindex || p.canonical != u.Loc {
			t.Errorf("sitemap URL %s: no page there that names itself canonical (page %+v)", u.Loc, p)
		}
	}
	if !inSitemap[base+"/graph/"] {
		t.Error("/graph/ is not in the sitemap")
	}
	if p := pages["404.html"]; p == nil || !p.noindex || ldOfType(p, "BreadcrumbList") != nil {
		t.Errorf("404.html: want noindex, no canonical and no BreadcrumbList; got %+v", p)
	}
	if p := pages["search/index.html"]; p == nil || p.noindex || p.canonical != base+"/search/" || !inSitemap[base+"/search/"] {
		t.Errorf("search/index.html: want an indexable page, canonical %s/search/ and in the sitemap; got %+v (in the sitemap: %v)", base, p, inSitemap[base+"/search/"])
	}
	if ld := ldOfType(pages["index.html"], "BreadcrumbList"); ld != nil {
		t.Errorf("the home page has a BreadcrumbList: %v", ld)
	}
	for file, p := range pages {
		if ld := ldOfType(p, "BreadcrumbList"); ld != nil {
			if items, _ := ld["itemListElement"].([]any); len(items) < 2 {
				t.Errorf("%s: a BreadcrumbList of %d items", file, len(items))
			}
		}
	}
}

// TestMetadata: on the handbook (social_cards: true) every page names a
// 1200×630 PNG that the build wrote, as og:image, twitter:image (with a
// large card) and in its main JSON-LD; og:locale is en_US (es_ES in the
// Spanish tree); a chapter's
// TechArticle has an author, an image and dates with a time zone; the
// feed lists chapters and terms, newest first, and the list pages of a
// site without a description still get one of their own.
func TestMetadata(t *testing.T) {
	const base = "https://cto-handbook.netlify.app"
	out := filepath.Join(t.TempDir(), "public")
	if code, _, errs := run("build", "-source", "../..", "-out", out, "-base-url", base); code != 0 {
		t.Fatalf("build of the handbook failed:\n%s", errs)
	}
	pages := readPages(t, out)
	checked := map[string]bool{}
	for file, p := range pages {
		if p.noindex && strings.Contains(file, "/") {
			continue // redirect stubs
		}
		wantLocale := "en_US"
		if strings.HasPrefix(file, "es/") {
			wantLocale = "es_ES"
		}
		if p.ogLocale != wantLocale {
			t.Errorf("%s: og:locale %q, want %s", file, p.ogLocale, wantLocale)
		}
		if p.ogImage == "" || p.twitterImage != p.ogImage || p.twitterCard != "summary_large_image" {
			t.Errorf("%s: og:image %q, twitter:image %q, twitter:card %q; want the card as both, summary_large_image", file, p.ogImage, p.twitterImage, p.twitterCard)
			continue
		}
		if !strings.HasPrefix(p.ogImage, base+"/cards/") {
			t.Errorf("%s: og:image %q is not an absolute URL of the site's cards", file, p.ogImage)
			continue
		}
		if checked[p.ogImage] {
			continue
		}
		checked[p.ogImage] = true
		b, err := os.ReadFile(filepath.Join(out, strings.TrimPrefix(p.ogImage, base+"/")))
		if err != nil {
			t.Errorf("%s: og:image %s was not written: %v", file, p.ogImage, err)
			continue
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width != 1200 || cfg.Height != 630 {
			t.Errorf("%s: og:image is %dx%d (%v), want a 1200x630 PNG", file, cfg.Width, cfg.Height, err)
		}
	}
	chapter := pages["guide/cto-role/what-the-role-is/index.html"]
	if chapter == nil {
		t.Fatal("no chapter guide/cto-role/what-the-role-is/")
	}
	art := ldOfType(chapter, "TechArticle")
	if art == nil || art["author"] == nil || art["image"] != chapter.ogImage {
		t.Errorf("the chapter's TechArticle = %v; want an author and the card as image", art)
	}
	for _, k := range []string{"datePublished", "dateModified"} {
		if s, ok := art[k].(string); ok {
			if _, err := time.Parse(time.RFC3339, s); err != nil {
				t.Errorf("TechArticle %s = %q has no time zone (want RFC 3339)", k, s)
			}
		}
	}
	if term := ldOfType(pages["glossary/cto/index.html"], "DefinedTerm"); term == nil || term["image"] == nil {
		t.Errorf("the CTO's DefinedTerm has no image: %v", term)
	}

	var feed struct {
		Entries []struct {
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	mustXML(t, filepath.Join(out, "feed.xml"), &feed)
	chapters, terms := 0, 0
	for i, e := range feed.Entries {
		switch {
		case strings.Contains(e.ID, "/guide/"):
			chapters++
		case strings.Contains(e.ID, "/glossary/"):
			terms++
		}
		if i > 0 && e.Updated > feed.Entries[i-1].Updated {
			t.Errorf("feed entry %d (%s, %s) is newer than the one before it", i, e.ID, e.Updated)
		}
	}
	if chapters == 0 || terms == 0 {
		t.Errorf("the feed lists %d chapters and %d terms, want both", chapters, terms)
	}
}

// TestDescriptionsWithoutSiteDescription: a site with no description in
// sitegen.yaml still gives every page a meta description; the glossary
// says how many terms it has.
func TestDescriptionsWithoutSiteDescription(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"sitegen.yaml":              "title: Cloud Words\nauthor: Ada Writer\n",
		"content/_index.md":         "---\ntitle: Home\n---\n",
		"content/glossary/cto.md":   "---\ntitle: CTO\nsummary: The technology executive.\ntags: [roles]\n---\nWorks with the [[ciso]].\n",
		"content/glossary/ciso.md":  "---\ntitle: CISO\nsummary: The security executive.\nauthor: Bo Sec\ndate: 2026-01-02\n---\nWorks with the [[cto]].\n",
		"content/guide/g/_index.md": "---\ntitle: A guide\n---\nIntro.\n",
		"content/guide/g/01-one.md": "---\ntitle: One\ndate: 2026-01-03\n---\nText.\n",
	})
	out := filepath.Join(t.TempDir(), "public")
	if code, _, errs := run("build", "-source", dir, "-out", out); code != 0 {
		t.Fatalf("build failed:\n%s", errs)
	}
	pages := readPages(t, out)
	if d := pages["glossary/index.html"].description; d != "An A–Z glossary of 2 terms of Cloud Words." {
		t.Errorf("the glossary's description is %q", d)
	}
	for file, p := range pages {
		if p.description == "" {
			t.Errorf("%s has no meta description", file)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "cards")); err == nil {
		t.Error("social cards were drawn, though social_cards is off")
	}
	if art := ldOfType(pages["guide/g/one/index.html"], "TechArticle"); art == nil || art["author"].(map[string]any)["name"] != "Ada Writer" {
		t.Errorf("the chapter's author is not the site's (Ada Writer): %v", art)
	}
	feed, _ := os.ReadFile(filepath.Join(out, "feed.xml"))
	if !regexp.MustCompile(`(?s)<feed.*?<author>\s*<name>Ada Writer</name>`).Match(feed) ||
		!regexp.MustCompile(`(?s)<id>[^<]*/glossary/ciso/</id>.*?<author>\s*<name>Bo Sec</name>`).Match(feed) {
		t.Errorf("the feed does not name the site's author and the CISO entry's own:\n%s", feed)
	}
}

// TestHeadersOneSource: the headers hosts send come from one list
// (render.Headers), written as _headers; netlify.toml keeps no copy, so
// the two cannot disagree.
func TestHeadersOneSource(t *testing.T) {
	toml, err := os.ReadFile("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`(?m)^\s*\[\[headers\]\]`).Match(toml) {
		t.Error("netlify.toml has [[headers]]: the headers live in internal/render/headers.go and reach Netlify as _headers")
	}
	dir := writeSite(t, good)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, errs := run("build", "-source", dir, "-out", out); code != 0 {
		t.Fatalf("build failed:\n%s", errs)
	}
	b, err := os.ReadFile(filepath.Join(out, "_headers"))
	if err != nil || !bytes.Equal(b, render.HeadersFile()) {
		t.Errorf("_headers in the build = %q (%v), want render.HeadersFile()", b, err)
	}
	for _, want := range []string{"/*\n", "  Content-Security-Policy: " + render.CSP + "\n", "/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n",
		"/feed.xml\n  Content-Type: application/atom+xml; charset=utf-8\n"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("_headers lacks %q", want)
		}
	}
}

// netlifyNode finds node and the Netlify parsers under .ci/node (which
// .ci/run installs), or skips.
func netlifyNode(t *testing.T) (node, modules string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node on this machine")
	}
	modules, _ = filepath.Abs("../../.ci/node/node_modules")
	for _, pkg := range []string{"netlify-redirect-parser", "@netlify/headers-parser"} {
		if _, err := os.Stat(filepath.Join(modules, pkg, "package.json")); err != nil {
			t.Skipf("%s is not installed under .ci/node (bash .ci/run installs it)", pkg)
		}
	}
	return node, modules
}

// TestNetlifyParsers reads a built site's _redirects, _headers and
// netlify.toml with Netlify's own parsers (netlify-redirect-parser,
// @netlify/headers-parser): the parsers report no error, an old URL of
// redirect_from is a forced 301 (so it wins over the HTML stub there),
// and the CSP and the feed's type reach every path.
func TestNetlifyParsers(t *testing.T) {
	node, modules := netlifyNode(t)
	files := map[string]string{}
	for k, v := range good {
		files[k] = v
	}
	files["content/glossary/cto.md"] = "---\ntitle: CTO\nsummary: The technology executive.\nredirect_from: [/terms/cto/, /cto.html]\n---\nWorks with the [[ciso]].\n"
	dir := writeSite(t, files)
	if code, _, errs := run("build", "-source", dir, "-out", filepath.Join(dir, "public")); code != 0 {
		t.Fatalf("build failed:\n%s", errs)
	}
	got := netlifyParse(t, node, modules, dir)
	if len(got.RedirectErrors)+len(got.HeaderErrors) > 0 {
		t.Errorf("Netlify's parsers report errors: %q %q", got.RedirectErrors, got.HeaderErrors)
	}
	first := got.firstRules()
	for _, old := range []string{"/terms/cto/", "/cto.html"} {
		if first[old] != "/glossary/cto/ 301 forced" {
			t.Errorf("Netlify applies to %s: %q, want \"/glossary/cto/ 301 forced\" (a plain rule loses to the stub file)", old, first[old])
		}
	}
	if first["/*"] != "/404.html 404 plain" {
		t.Errorf("the 404 rule of netlify.toml reads %q", first["/*"])
	}
	values := map[string]map[string]string{}
	var fors []string
	for _, h := range got.Headers {
		values[h.For] = h.Values
		fors = append(fors, h.For)
	}
	sort.Strings(fors)
	if values["/*"]["Content-Security-Policy"] != render.CSP {
		t.Errorf("Netlify reads the CSP for /* as %q, want %q (rules for %v)", values["/*"]["Content-Security-Policy"], render.CSP, fors)
	}
	if values["/feed.xml"]["Content-Type"] != "application/atom+xml; charset=utf-8" {
		t.Errorf("Netlify reads the feed's Content-Type as %q", values["/feed.xml"]["Content-Type"])
	}
}

// TestNetlifyParsersMultilingual reads the handbook's _redirects (the
// handbook is in English and Spanish) with netlify.toml through Netlify's
// parsers: no errors, and a missing page under /es/ answers 404 with the
// Spanish 404 page, by a rule Netlify meets before netlify.toml's /*.
func TestNetlifyParsersMultilingual(t *testing.T) {
	node, modules := netlifyNode(t)
	dir := t.TempDir()
	if code, _, errs := run("build", "-source", "../..", "-out", filepath.Join(dir, "public")); code != 0 {
		t.Fatalf("build of the handbook failed:\n%s", errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "es", "404.html")); err != nil {
		t.Fatalf("the handbook has no Spanish 404 page: %v", err)
	}
	got := netlifyParse(t, node, modules, dir)
	if len(got.RedirectErrors)+len(got.HeaderErrors) > 0 {
		t.Errorf("Netlify's parsers report errors: %q %q", got.RedirectErrors, got.HeaderErrors)
	}
	es, all := -1, -1
	for i, r := range got.Redirects {
		switch {
		case r.From == "/es/*" && es < 0:
			es = i
			if r.To != "/es/404.html" || r.Status != 404 || r.Force {
				t.Errorf("Netlify reads the Spanish 404 rule as %s %d (forced: %v), want /es/404.html 404, not forced", r.To, r.Status, r.Force)
			}
		case r.From == "/*" && all < 0:
			all = i
		}
	}
	if es < 0 || all < 0 || es > all {
		t.Errorf("Netlify's rules: /es/* at %d, /* at %d; want both, /es/* first (the first that matches wins): %+v", es, all, got.Redirects)
	}
}

// netlifyParsed is what Netlify's parsers read of a site's folder:
// public/_redirects and public/_headers, with netlify.toml.
type netlifyParsed struct {
	Redirects []struct {
		From, To string
		Status   int
		Force    bool
	}
	RedirectErrors, HeaderErrors []string
	Headers                      []struct {
		For    string
		Values map[string]string
	}
}

// firstRules are the rules Netlify applies, by the path they are for:
// the first that matches ("/glossary/cto/ 301 forced").
func (p netlifyParsed) firstRules() map[string]string {
	first := map[string]string{}
	for _, r := range p.Redirects {
		if _, ok := first[r.From]; !ok {
			first[r.From] = strings.Join([]string{r.To, strconv.Itoa(r.Status), map[bool]string{true: "forced", false: "plain"}[r.Force]}, " ")
		}
	}
	return first
}

// netlifyParse copies the repository's netlify.toml beside dir/public and
// reads the three with Netlify's parsers.
func netlifyParse(t *testing.T, node, modules, dir string) netlifyParsed {
	t.Helper()
	toml, err := os.ReadFile("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "netlify.toml"), toml, 0o644); err != nil {
		t.Fatal(err)
	}
	script := `
const { parseAllRedirects } = await import("netlify-redirect-parser");
const { parseAllHeaders } = await import("@netlify/headers-parser");
const dir = process.argv[process.argv.length - 1];
const r = await parseAllRedirects({ redirectsFiles: [dir + "/public/_redirects"], netlifyConfigPath: dir + "/netlify.toml", minimal: true });
const h = await parseAllHeaders({ headersFiles: [dir + "/public/_headers"], netlifyConfigPath: dir + "/netlify.toml", minimal: true });
console.log(JSON.stringify({ redirects: r.redirects, redirectErrors: r.errors.map(String), headers: h.headers, headerErrors: h.errors.map(String) }));
`
	cmd := exec.Command(node, "--input-type=module", "-e", script, dir)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	cmd.Dir = filepath.Dir(modules)
	raw, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("node with Netlify's parsers: %v\n%s", err, stderr)
	}
	var got netlifyParsed
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	return got
}
