package output

import (
	"strings"
	"testing"
)

// TestPrefix lists, file type by file type, what a site built for
// https://example.org/handbook/ must carry: the base path on every
// root-relative URL, and nothing else changed.
func TestPrefix(t *testing.T) {
	tests := []struct{ name, path, in, want string }{
		{"links, assets and forms", "glossary/cto/index.html",
			`<link rel="stylesheet" href="/assets/style.1a2b.css"><script src="/assets/app.js" defer></script>` +
				`<a href="/glossary/ciso/#skills" title="/not/a/url">CISO</a> <a href="#top">top</a> <a href="../x/">rel</a>` +
				`<a href="https://other.org/x">ext</a> <a href="//cdn.example/x">proto</a><form action="/search/" method="get"></form>`,
			`<link rel="stylesheet" href="/handbook/assets/style.1a2b.css"><script src="/handbook/assets/app.js" defer></script>` +
				`<a href="/handbook/glossary/ciso/#skills" title="/not/a/url">CISO</a> <a href="#top">top</a> <a href="../x/">rel</a>` +
				`<a href="https://other.org/x">ext</a> <a href="//cdn.example/x">proto</a><form action="/handbook/search/" method="get"></form>`},
		{"the home link and odd quoting", "index.html",
			`<a class="brand" href="/">Site</a><a href='/tags/'>t</a><a HREF=/guide/>g</a><img src="/i.png" alt="" srcset="/i.png 1x, /i@2x.png 2x, x.png 3x">`,
			`<a class="brand" href="/handbook/">Site</a><a href='/handbook/tags/'>t</a><a HREF=/handbook/guide/>g</a><img src="/handbook/i.png" alt="" srcset="/handbook/i.png 1x, /handbook/i@2x.png 2x, x.png 3x">`},
		{"inline SVG links", "graph/index.html",
			`<svg viewBox="0 0 10 10"><a href="/glossary/cto/" class="node"><circle r="1"/></a><use href="#m"/></svg>`,
			`<svg viewBox="0 0 10 10"><a href="/handbook/glossary/cto/" class="node"><circle r="1"/></a><use href="#m"/></svg>`},
		{"hover cards data block, not JSON-LD nor scripts", "index.html",
			`<script type="application/ld+json">{"url":"https://example.org/handbook/"}</script>` +
				`<script type="application/json" id="sitegen-cards">{"/glossary/cto/":["CTO","","The /chief/ one."]}</script>` +
				`<script>var u = "/x/";</script><pre><code>&lt;a href="/x/"&gt;</code></pre><!-- <a href="/y/"> -->`,
			`<script type="application/ld+json">{"url":"https://example.org/handbook/"}</script>` +
				`<script type="application/json" id="sitegen-cards">{"/handbook/glossary/cto/":["CTO","","The /chief/ one."]}</script>` +
				`<script>var u = "/x/";</script><pre><code>&lt;a href="/x/"&gt;</code></pre><!-- <a href="/y/"> -->`},
		{"redirect stub", "terms/cto/index.html",
			`<meta http-equiv="refresh" content="0; url=/glossary/cto/"><meta name="description" content="/not/this">`,
			`<meta http-equiv="refresh" content="0; url=/handbook/glossary/cto/"><meta name="description" content="/not/this">`},
		{"declared base for scripts", "index.html", `<html lang="en" data-base="/">`, `<html lang="en" data-base="/handbook/">`},
		{"CSS", "assets/style.css",
			`a{background:url(/img/a.png)} b{background:url( "/img/b.png")} c{background:url('//cdn/x.png')} @import "/x.css"; d{background:url(data:x)}`,
			`a{background:url(/handbook/img/a.png)} b{background:url( "/handbook/img/b.png")} c{background:url('//cdn/x.png')} @import "/handbook/x.css"; d{background:url(data:x)}`},
		{"graph.json", "graph.json",
			`{"nodes": [{"slug": "cto", "title": "/CTO/", "url": "/glossary/cto/", "summary": "a \"quoted\" /x/"}], "edges": []}`,
			`{"nodes": [{"slug": "cto", "title": "/CTO/", "url": "/handbook/glossary/cto/", "summary": "a \"quoted\" /x/"}], "edges": []}`},
		{"search index", "search/index.json",
			`{"v":3,"docs":[{"t":"CTO","u":"/glossary/cto/","k":"term","a":["/x/"]}],"shards":{"files":["p-1.json"]}}`,
			`{"v":3,"docs":[{"t":"CTO","u":"/handbook/glossary/cto/","k":"term","a":["/x/"]}],"shards":{"files":["p-1.json"]}}`},
		{"_redirects", "_redirects",
			"# old URLs\n/terms/cto/ /glossary/cto/ 301!\n/x/* https://other.org/:splat 302\n",
			"# old URLs\n/handbook/terms/cto/ /handbook/glossary/cto/ 301!\n/handbook/x/* https://other.org/:splat 302\n"},
		{"_headers", "_headers",
			"/*\n  Content-Security-Policy: default-src 'none'\n/assets/*\n  Cache-Control: public\n",
			"/handbook/*\n  Content-Security-Policy: default-src 'none'\n/handbook/assets/*\n  Cache-Control: public\n"},
		{"other files", "feed.xml", `<link href="/x/"/>`, `<link href="/x/"/>`},
	}
	for _, tt := range tests {
		for _, base := range []string{"/handbook/", "https://example.org/handbook/", "/handbook"} {
			if got := string(Prefix(tt.path, []byte(tt.in), base)); got != tt.want {
				t.Errorf("%s: Prefix(%q, …, %q)\n got %s\nwant %s", tt.name, tt.path, base, got, tt.want)
			}
		}
		for _, base := range []string{"", "/", "https://example.org", "https://example.org/"} {
			if got := string(Prefix(tt.path, []byte(tt.in), base)); got != tt.in {
				t.Errorf("%s: a site at the root (base %q) changed:\n got %s\nwant %s", tt.name, base, got, tt.in)
			}
		}
	}
}

// TestPrefixKeepsBrokenInput: bad bytes come back whole, never a panic.
func TestPrefixKeepsBrokenInput(t *testing.T) {
	for _, in := range []string{`<a href="/x`, `<a href=`, `<`, `{"url": "/x`, `{"u":`, "/a", "\"", `<meta http-equiv=refresh content="0;url=`} {
		for _, p := range []string{"x.html", "x.json", "_redirects", "_headers", "x.css"} {
			out := string(Prefix(p, []byte(in), "/b/"))
			if !strings.Contains(strings.ReplaceAll(out, "/b", ""), strings.ReplaceAll(in, "/b", "")) && out != in {
				t.Errorf("Prefix(%q, %q) = %q: input lost", p, in, out)
			}
		}
	}
}

func FuzzPrefix(f *testing.F) {
	f.Add("x.html", `<a href="/x/">x</a><script type="application/json">{"/a/":1}</script>`)
	f.Add("x.json", `{"url":"/x/","u":["/y"]}`)
	f.Add("_redirects", "/a /b 301!\n")
	f.Fuzz(func(t *testing.T, p, in string) {
		out := Prefix(p, []byte(in), "/base/")
		if len(out) < len(in) {
			t.Errorf("Prefix(%q, %q) = %q is shorter than its input", p, in, out)
		}
		if string(Prefix(p, []byte(in), "/")) != in {
			t.Errorf("Prefix with base / changed %q", in)
		}
	})
}
