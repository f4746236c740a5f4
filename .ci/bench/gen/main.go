// Command gen writes one synthetic site (package internal/synth) twice:
// as a sitegen site and as a Hugo site with a minimal theme, so that
// perf.sh times both tools on the same pages. It does not run either
// tool.
//
//	go run ./.ci/bench/gen -n 10000 -out /tmp/bench
//
// writes /tmp/bench/sitegen and /tmp/bench/hugo. The Hugo site has the
// same pages at the same URLs: every wiki link and Markdown link becomes
// a relref shortcode (anchors included), so that Hugo resolves and checks
// them as sitegen does, and chapters name their slug in front matter
// (sitegen drops the "01-" prefix of a file name, Hugo does not).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/ctohandbook/sitegen/internal/synth"
)

func main() {
	n := flag.Int("n", 10000, "number of `terms`")
	seed := flag.Uint64("seed", 0, "the `seed` of the text; the same seed gives the same bytes")
	out := flag.String("out", "", "the `folder` to write sitegen/ and hugo/ into")
	flag.Parse()
	if *out == "" || *n < 2 {
		fmt.Fprintln(os.Stderr, "usage: gen -n TERMS (at least 2) [-seed N] -out DIR")
		os.Exit(2)
	}
	if err := synth.Write(filepath.Join(*out, "sitegen"), synth.Site(synth.Options{Terms: *n, Seed: *seed})); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := synth.Write(filepath.Join(*out, "hugo"), hugoSite(*n, *seed)); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// hugoLink writes a link as Markdown around a relref shortcode.
func hugoLink(l synth.Link) string {
	label := l.Label
	if label == "" {
		label = l.Title
	}
	dest := "/" + l.To
	if l.Anchor != "" {
		dest += "#" + l.Anchor
	}
	return fmt.Sprintf("[%s]({{< relref %q >}})", label, dest)
}

// chapterFile is a chapter's file name: "01-slug.md".
var chapterFile = regexp.MustCompile(`^content/guide/[^/]+/[0-9]+-(.+)\.md$`)

// hugoSite is the same site for Hugo: relref links, chapter slugs, a
// hugo.toml, and a theme of three templates that render the title,
// summary, body, relations and tags, and list pages as plain lists.
func hugoSite(n int, seed uint64) map[string][]byte {
	files := synth.Site(synth.Options{Terms: n, Seed: seed, Link: hugoLink})
	delete(files, "sitegen.yaml")
	for name, b := range files {
		if m := chapterFile.FindStringSubmatch(name); m != nil {
			files[name] = append([]byte("---\nslug: "+m[1]+"\n"), bytes.TrimPrefix(b, []byte("---\n"))...)
		}
	}
	files["hugo.toml"] = []byte(hugoConfig)
	files["layouts/_default/baseof.html"] = []byte(hugoBaseof)
	files["layouts/_default/single.html"] = []byte(hugoSingle)
	files["layouts/_default/list.html"] = []byte(hugoList)
	return files
}

// hugoConfig highlights code with CSS classes, as sitegen does.
var hugoConfig = strings.TrimLeft(`
baseURL = "https://example.org/"
title = "Synthetic Handbook"
languageCode = "en"

[markup.highlight]
noClasses = false
`, "\n")

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
{{ with .Params.aka }}<p class="aka">Also: {{ delimit . ", " }}</p>{{ end }}
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ .Content }}
{{ with .Params.relations }}<h2>Relations</h2>
<dl>{{ range $verb, $slugs := . }}<dt>{{ $verb }}</dt>{{ range $slugs }}{{ with site.GetPage (printf "/glossary/%s" .) }}<dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}{{ end }}{{ end }}</dl>{{ end }}
{{ with .Params.related }}<h2>Related</h2>
<ul>{{ range . }}{{ with site.GetPage (printf "/glossary/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>{{ end }}
{{ with .Params.tags }}<p>Tags: {{ range . }}<a href="{{ printf "/tags/%s/" (urlize .) | relURL }}">{{ . }}</a> {{ end }}</p>{{ end }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</article>{{ end }}
`

const hugoList = `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}: {{ . }}{{ end }}</li>{{ end }}</ul>
{{ end }}
`
