package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestBadInputKeepsOutput builds a good site, then each broken variant of it
// over that output: every one fails with exit code 1, names the file and
// line of each problem, never panics, and leaves public/ byte-identical.
func TestBadInputKeepsOutput(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string // written over the good site ("" deletes)
		want  []string          // lines expected on stderr
	}{
		{"malformed YAML", map[string]string{"content/glossary/x.md": "---\ntitle: X\nsummary: [a, b\n---\n"},
			[]string{"content/glossary/x.md:3: malformed front matter: did not find expected ',' or ']'"}},
		{"front matter never closed", map[string]string{"content/glossary/x.md": "---\ntitle: X\n\nBody.\n"},
			[]string{`content/glossary/x.md:1:1: front matter opened here is never closed`}},
		{"front matter not a mapping", map[string]string{"content/glossary/x.md": "---\n- a\n---\n"},
			[]string{"content/glossary/x.md:2:1: malformed front matter: front matter must be a mapping"}},
		{"title is a list", map[string]string{"content/glossary/x.md": "---\ntitle: [a, b]\n---\n"},
			[]string{"content/glossary/x.md:2:8: title must be text, not a list"}},
		{"empty file", map[string]string{"content/glossary/x.md": ""},
			[]string{"content/glossary/x.md: empty file"}},
		{"binary file", map[string]string{"content/glossary/x.md": "\x89PNG\r\n\x1a\n\x00\x00"},
			[]string{"content/glossary/x.md:3:1: binary file (NUL byte)"}},
		{"not UTF-8", map[string]string{"content/glossary/x.md": "---\ntitle: Caf\xe9\n---\n"},
			[]string{"content/glossary/x.md:2:11: file is not valid UTF-8"}},
		{"duplicate slug differing in case", map[string]string{"content/glossary/x.md": "---\ntitle: Other CISO\nslug: CISO\n---\n"},
			[]string{`content/glossary/x.md:3:7: slug "CISO" is also used by content/glossary/ciso.md`}},
		{"self relation", map[string]string{"content/glossary/x.md": "---\ntitle: X\nrelations:\n  leads: [x]\n---\n"},
			[]string{`content/glossary/x.md:4:11: "leads: x" relates the term to itself`}},
		{"unknown verb", map[string]string{"content/glossary/x.md": "---\ntitle: X\nrelations:\n  befriends: [cto]\n---\n"},
			[]string{`content/glossary/x.md:4:3: unknown relation verb "befriends" (known verbs: complements, depends-on, implements, leads, manages, part-of, see-also, supervises)`}},
		{"empty wiki link", map[string]string{"content/glossary/x.md": "---\ntitle: X\n---\nSee [[]].\n"},
			[]string{`content/glossary/x.md:4:5: broken link "[[]]" (empty target: write [[slug]] or [[slug|text]])`}},
		{"unknown config key", map[string]string{"sitegen.yaml": "title: T\nbase_ulr: https://x.org\n"},
			[]string{`sitegen.yaml:2:1: unknown key "base_ulr" in sitegen.yaml (did you mean "base_url"?)`}},
		{"template syntax error", map[string]string{"themes/default/templates/term.html": "{{define \"main\"}}\n<h1>{{.Title}</h1>\n{{end}}\n"},
			[]string{"themes/default/templates/term.html:2: template error:"}},
		{"template calls a missing template", map[string]string{"themes/default/templates/page.html": "{{define \"main\"}}\n{{template \"nowhere\" .}}\n{{end}}\n"},
			[]string{`themes/default/templates/page.html:2:`, `no such template "nowhere"`}},
		{"slug escaping the output folder", map[string]string{"content/x.md": "---\ntitle: X\nslug: ../../etc\n---\n"},
			[]string{`content/x.md:3:7: slug "../../etc" contains a slash, backslash or NUL`}},
		{"permalink escaping the output folder", map[string]string{"sitegen.yaml": "permalinks:\n  glossary: /../../:slug/\n"},
			[]string{`sitegen.yaml:2: permalink "/../../:slug/" for glossary could leave the output folder`}},
		{"several problems in several files", map[string]string{
			"content/glossary/x.md": "---\ntitle: X\n---\nSee [[cisoo]].\n",
			"content/about.md":      "---\ntitle: About\n---\n[gone](/glossary/nope/)\n",
		}, []string{
			`content/about.md:4:1: broken link "/glossary/nope/"`,
			`content/glossary/x.md:4:5: broken link "[[cisoo]]" (did you mean "ciso"?)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, good)
			if code, _, errs := run("build", "-source", dir); code != 0 {
				t.Fatalf("good site: %s", errs)
			}
			before := snapshot(t, filepath.Join(dir, "public"))
			for name, text := range tt.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			code, _, errs := run("build", "-source", dir)
			if code != 1 {
				t.Errorf("exit code %d, want 1; stderr:\n%s", code, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
			if strings.Contains(errs, "goroutine ") || strings.Contains(errs, "panic") {
				t.Errorf("stderr shows a panic:\n%s", errs)
			}
			if after := snapshot(t, filepath.Join(dir, "public")); after != before {
				t.Error("the failed build changed public/")
			}
		})
	}
}

// TestOddInputWorks: inputs that look odd but must build.
func TestOddInputWorks(t *testing.T) {
	big := "---\ntitle: Big\nsummary: A big page.\n---\n" + strings.Repeat("A sentence of filler text for a ten megabyte page. ", 200000)
	dir := writeSite(t, map[string]string{
		"content/_index.md":        good["content/_index.md"],
		"content/glossary/cto.md":  "\xef\xbb\xbf---\r\ntitle: CTO\r\nsummary: The technology executive.\r\nrelations:\r\n  leads: [ciso]\r\n---\r\nWorks with the [[ciso]].\r\n",
		"content/glossary/ciso.md": "---\ntitle: CISO\nsummary: The security executive.\nrelations:\n  leads: [cto]\n---\n## Skills\n\n## Skills\n\nSee [[cto]], [the first](#skills) and [the second](#skills-1).\n",
		"content/glossary/big.md":  big,
		"content/glossary/evil.md": "---\ntitle: \"<script>alert(1)</script> & co\"\nsummary: \"A <b>bold</b> summary.\"\nrelated: [cto]\n---\nSee [[cto]].\n",
	})
	code, _, errs := run("build", "-source", dir)
	if code != 0 {
		t.Fatalf("build failed:\n%s", errs)
	}
	out := filepath.Join(dir, "public")
	if _, err := os.Stat(filepath.Join(out, "glossary/big/index.html")); err != nil {
		t.Error("the 10 MB page was not written")
	}
	for _, f := range []string{"glossary/evil/index.html", "glossary/cto/index.html", "glossary/index.html", "feed.xml", "graph.json", "graph/index.html", "sitemap.xml"} {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(f, ".html") {
			if strings.Contains(string(b), "<script>alert") || strings.Contains(string(b), "<b>bold") {
				t.Errorf("%s carries the title's or summary's HTML unescaped", f)
			}
			continue
		}
		// In HTML, what matters is that no element came from the text.
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode && (n.Data == "b" || n.Data == "script" && strings.Contains(textOf(n), "alert(1)") && !strings.Contains(textOf(n), `\u003c`)) {
				t.Errorf("%s: the title or summary became a <%s> element", f, n.Data)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	}
	b, _ := os.ReadFile(filepath.Join(out, "glossary/evil/index.html"))
	doc, _ := html.Parse(bytes.NewReader(b))
	var h1 string
	var find func(*html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "h1" {
			h1 = textOf(n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if h1 != "<script>alert(1)</script> & co" {
		t.Errorf("the page's h1 reads %q, want the title as text", h1)
	}
	if !strings.Contains(string(b), `\u003cscript\u003ealert(1)\u003c/script\u003e`) {
		t.Error("the JSON-LD does not carry the title, escaped")
	}
}

// TestSymlinksInContent: a looping symlink, and one leading out of the
// site folder, are errors naming the file; the previous output stays.
func TestSymlinksInContent(t *testing.T) {
	for _, tt := range []struct{ name, target string }{
		{"loop.md", "loop.md"},
		{"outside.md", "/etc/hostname"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, good)
			run("build", "-source", dir)
			before := snapshot(t, filepath.Join(dir, "public"))
			if err := os.Symlink(tt.target, filepath.Join(dir, "content/glossary", tt.name)); err != nil {
				t.Skip("no symlinks here:", err)
			}
			code, _, errs := run("build", "-source", dir)
			if code != 1 || !strings.Contains(errs, "content/glossary/"+tt.name+": cannot read") {
				t.Errorf("exit %d, stderr:\n%s", code, errs)
			}
			if snapshot(t, filepath.Join(dir, "public")) != before {
				t.Error("the failed build changed public/")
			}
		})
	}
}
