package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestProductionSite builds the shipped handbook as Netlify would and checks
// what a host, a search engine and a browser get: every sitemap URL exists,
// the feed and sitemap are valid XML, every JSON-LD block parses and names
// the page's title, every local reference resolves, no page loads anything
// from another host, and the Content-Security-Policy in netlify.toml allows
// exactly what the pages load.
func TestProductionSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if code, _, errs := run("build", "-source", "../..", "-out", out); code != 0 {
		t.Fatalf("build of the handbook failed:\n%s", errs)
	}
	const base = "https://cto-handbook.netlify.app"
	exists := func(u string) bool {
		u = strings.SplitN(strings.SplitN(u, "#", 2)[0], "?", 2)[0]
		p := filepath.Join(out, filepath.FromSlash(u))
		if strings.HasSuffix(u, "/") {
			p = filepath.Join(p, "index.html")
		}
		_, err := os.Stat(p)
		return err == nil
	}

	// Sitemap and feed.
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	mustXML(t, filepath.Join(out, "sitemap.xml"), &sm)
	if len(sm.URLs) < 80 {
		t.Errorf("sitemap lists %d URLs", len(sm.URLs))
	}
	for _, u := range sm.URLs {
		if !strings.HasPrefix(u.Loc, base+"/") || !exists(strings.TrimPrefix(u.Loc, base)) {
			t.Errorf("sitemap URL %s has no page in public/", u.Loc)
		}
	}
	var feed struct {
		Entries []struct {
			Title string `xml:"title"`
		} `xml:"entry"`
	}
	mustXML(t, filepath.Join(out, "feed.xml"), &feed)
	if len(feed.Entries) == 0 {
		t.Error("the feed has no entries")
	}
	robots, _ := os.ReadFile(filepath.Join(out, "robots.txt"))
	if !strings.Contains(string(robots), "Sitemap: "+base+"/sitemap.xml") {
		t.Errorf("robots.txt = %q", robots)
	}

	csp := headersCSP(t, out)
	loads := map[string]bool{} // CSP directives the pages need
	scripts, _ := filepath.Glob(filepath.Join(out, "assets", "*.js"))
	for _, s := range scripts {
		if b, _ := os.ReadFile(s); bytes.Contains(b, []byte("fetch(")) {
			loads["connect-src"] = true // same-origin JSON (search index, hover cards)
		}
	}
	pages := 0
	filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		pages++
		rel, _ := filepath.Rel(out, p)
		b, _ := os.ReadFile(p)
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		checkPage(t, rel, doc, exists, loads)
		return nil
	})
	if pages < 80 {
		t.Errorf("only %d pages built", pages)
	}
	for directive := range loads {
		if csp[directive] != "'self'" {
			t.Errorf("pages load %s, but the CSP gives %s = %q", directive, directive, csp[directive])
		}
	}
	for directive, value := range csp {
		switch directive {
		case "default-src", "frame-ancestors":
			if value != "'none'" {
				t.Errorf("CSP %s = %q, want 'none'", directive, value)
			}
		case "base-uri", "form-action":
		default:
			if !loads[directive] {
				t.Errorf("CSP allows %s %s, which no page uses", directive, value)
			}
		}
		if strings.Contains(value, "unsafe") || strings.Contains(value, "http") || strings.Contains(value, "*") {
			t.Errorf("CSP %s = %q is too broad", directive, value)
		}
	}
}

func checkPage(t *testing.T, rel string, doc *html.Node, exists func(string) bool, loads map[string]bool) {
	var h1 []string
	var lds []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			if _, ok := attr["style"]; ok {
				t.Errorf("%s: inline style attribute on <%s> (needs unsafe-inline)", rel, n.Data)
			}
			switch n.Data {
			case "h1":
				h1 = append(h1, textOf(n))
			case "style":
				t.Errorf("%s: <style> element (needs unsafe-inline)", rel)
			case "script":
				switch {
				case attr["type"] == "application/ld+json":
					lds = append(lds, textOf(n))
				case attr["type"] == "application/json":
					// A data block (hover cards): never executed, so CSP
					// does not apply; it must parse.
					var v any
					if err := json.Unmarshal([]byte(textOf(n)), &v); err != nil {
						t.Errorf("%s: JSON data block does not parse: %v", rel, err)
					}
				case attr["src"] == "":
					t.Errorf("%s: inline script (needs unsafe-inline)", rel)
				default:
					loads["script-src"] = true
				}
			case "link":
				switch attr["rel"] {
				case "stylesheet":
					loads["style-src"] = true
				case "icon":
					loads["img-src"] = true
				}
			case "img":
				loads["img-src"] = true
			}
			for _, key := range []string{"src", "href"} {
				v, ok := attr[key]
				if !ok {
					continue
				}
				isLoad := key == "src" || n.Data == "link" && (attr["rel"] == "stylesheet" || attr["rel"] == "icon" || attr["rel"] == "preload")
				if isLoad && (strings.Contains(v, "://") || strings.HasPrefix(v, "//")) {
					t.Errorf("%s: <%s %s=%q> loads from another host", rel, n.Data, key, v)
				}
				if strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "//") && !exists(v) {
					t.Errorf("%s: <%s %s=%q> does not resolve in public/", rel, n.Data, key, v)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if isSearch, is404 := strings.HasPrefix(rel, "search") || strings.HasSuffix(rel, "/search/index.html"), path.Base(rel) == "404.html"; isSearch || is404 || len(h1) == 0 && lds == nil {
		return
	}
	if len(h1) != 1 {
		t.Errorf("%s: %d h1 elements, want 1", rel, len(h1))
		return
	}
	if len(lds) == 0 {
		t.Errorf("%s: no JSON-LD", rel)
	}
	named := false
	for _, block := range lds {
		var v map[string]any
		if err := json.Unmarshal([]byte(block), &v); err != nil {
			t.Errorf("%s: JSON-LD does not parse: %v", rel, err)
			continue
		}
		if v["name"] == h1[0] || v["headline"] == h1[0] {
			named = true
		}
		if items, ok := v["itemListElement"].([]any); ok && len(items) > 0 {
			if last, _ := items[len(items)-1].(map[string]any); last["name"] == h1[0] {
				named = true
			}
		}
	}
	if !named {
		t.Errorf("%s: no JSON-LD block names the page's title %q", rel, h1[0])
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

func mustXML(t *testing.T, file string, v any) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(b, v); err != nil {
		t.Errorf("%s is not valid XML: %v", filepath.Base(file), err)
	}
}

// headersCSP reads the Content-Security-Policy from the built _headers
// file (which Netlify and Cloudflare Pages read).
func headersCSP(t *testing.T, out string) map[string]string {
	b, err := os.ReadFile(filepath.Join(out, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^/\*\n(?:  .*\n)*?  Content-Security-Policy: (.+)\n`).FindSubmatch(b)
	if m == nil {
		t.Fatal("_headers sets no Content-Security-Policy for /*")
	}
	csp := map[string]string{}
	for _, d := range strings.Split(string(m[1]), ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			csp[f[0]] = strings.Join(f[1:], " ")
		}
	}
	return csp
}
