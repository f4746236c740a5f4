// Command gen writes one synthetic glossary twice: as a sitegen site and
// as a Hugo site with a minimal theme, so that compare-hugo.sh times both
// tools on the same content. It does not run either tool.
//
//	go run ./.ci/bench/gen -n 10000 -out /tmp/bench
//
// writes /tmp/bench/sitegen and /tmp/bench/hugo. Each term has front
// matter (title, summary, a tag, a date, three related terms), a few
// paragraphs and three links to other terms: wiki links for sitegen,
// relref shortcodes for Hugo, so that both resolve and check them.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	n := flag.Int("n", 10000, "number of `terms`")
	out := flag.String("out", "", "the `folder` to write sitegen/ and hugo/ into")
	flag.Parse()
	if *out == "" || *n < 5 {
		fmt.Fprintln(os.Stderr, "usage: gen -n TERMS (at least 5) -out DIR")
		os.Exit(2)
	}
	if err := write(filepath.Join(*out, "sitegen"), sitegenSite(*n)); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := write(filepath.Join(*out, "hugo"), hugoSite(*n)); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// write writes files (slash path → text) under dir.
func write(dir string, files map[string]string) error {
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// term is term i of n: what both layouts say, before link syntax.
type term struct {
	i       int
	related [3]int // symmetric when n is even: i±1 and the term opposite
	links   [3]int // two prose links and a "see" link
}

func newTerm(i, n int) term {
	t := term{i: i}
	t.related = [3]int{(i + 1) % n, (i + n - 1) % n, (i + n/2) % n}
	t.links = [3]int{(i + 2) % n, (i*7 + 3) % n, (i + 5) % n}
	if t.links[1] == i {
		t.links[1] = (i + 3) % n
	}
	return t
}

// frontMatter is the YAML both tools read; only the link syntax differs.
func (t term) frontMatter() string {
	return fmt.Sprintf("---\ntitle: Term %d\nsummary: Term %d is a synthetic concept for benchmarks.\ntags: [group-%d]\ndate: 2026-01-01\nrelated: [term-%d, term-%d, term-%d]\n---\n",
		t.i, t.i, t.i%20, t.related[0], t.related[1], t.related[2])
}

// body is the Markdown body; link(target, label) writes one link.
func (t term) body(link func(target int, label string) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Term %d relates to %s and %s.\n\n## Details\n\n", t.i, link(t.links[0], ""), link(t.links[1], "another term"))
	for k := 0; k < 4; k++ {
		fmt.Fprintf(&b, "Paragraph %d says what this concept means in practice, with *emphasis* and `code`. ", k)
		b.WriteString(strings.Repeat("Some more prose about the concept and how teams use it. ", 6))
		b.WriteString("\n\n")
	}
	fmt.Fprintf(&b, "See %s and [the details](#details).\n", link(t.links[2], fmt.Sprintf("term %d", t.links[2])))
	return b.String()
}

// sitegenSite is the glossary in sitegen's layout: wiki links.
func sitegenSite(n int) map[string]string {
	files := map[string]string{
		"sitegen.yaml":               "title: Bench\nbase_url: https://example.org\n",
		"content/_index.md":          "---\ntitle: Bench\n---\nStart with [[term-0]].\n",
		"content/glossary/_index.md": "---\ntitle: Glossary\n---\nAll the terms.\n",
	}
	for i := 0; i < n; i++ {
		t := newTerm(i, n)
		files[fmt.Sprintf("content/glossary/term-%d.md", i)] = t.frontMatter() + t.body(func(target int, label string) string {
			if label == "" {
				return fmt.Sprintf("[[term-%d]]", target)
			}
			return fmt.Sprintf("[[term-%d|%s]]", target, label)
		})
	}
	return files
}

// hugoSite is the same glossary for Hugo: ref shortcodes, and a theme of
// three templates that render the title, summary, body, related terms
// and tags, and list pages as plain lists of links.
func hugoSite(n int) map[string]string {
	files := map[string]string{
		"hugo.toml":                    "baseURL = \"https://example.org/\"\ntitle = \"Bench\"\nlanguageCode = \"en\"\n",
		"content/_index.md":            "---\ntitle: Bench\n---\nStart with [Term 0]({{< relref \"/glossary/term-0.md\" >}}).\n",
		"content/glossary/_index.md":   "---\ntitle: Glossary\n---\nAll the terms.\n",
		"layouts/_default/baseof.html": hugoBaseof,
		"layouts/_default/single.html": hugoSingle,
		"layouts/_default/list.html":   hugoList,
	}
	for i := 0; i < n; i++ {
		t := newTerm(i, n)
		files[fmt.Sprintf("content/glossary/term-%d.md", i)] = t.frontMatter() + t.body(func(target int, label string) string {
			if label == "" {
				label = fmt.Sprintf("Term %d", target)
			}
			return fmt.Sprintf("[%s]({{< relref \"/glossary/term-%d.md\" >}})", label, target)
		})
	}
	return files
}

const hugoBaseof = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body>
<nav><a href="{{ "/" | relURL }}">{{ site.Title }}</a> · <a href="{{ "/glossary/" | relURL }}">Glossary</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`

const hugoSingle = `{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ .Content }}
{{ with .Params.related }}<h2>Related</h2>
<ul>{{ range . }}{{ with site.GetPage (printf "/glossary/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>{{ end }}
{{ with .Params.tags }}<p>Tags: {{ range . }}<a href="{{ printf "/tags/%s/" (urlize .) | relURL }}">{{ . }}</a> {{ end }}</p>{{ end }}
</article>{{ end }}
`

const hugoList = `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}: {{ . }}{{ end }}</li>{{ end }}</ul>
{{ end }}
`
