package render

import (
	"bytes"
	"html/template"
	"sort"

	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/output"
)

// redirects makes, for every redirect_from, a _redirects rule (Netlify,
// Cloudflare Pages) and a small HTML page at the old URL that sends
// readers (and search engines, through the canonical link) to the new
// one, for hosts without rules.
//
// Each old URL gets two rules. The first is forced ("301!"): Netlify
// skips a plain rule where a file exists, and the stub is such a file.
// Cloudflare Pages always applies its rules but rejects the "!" and skips
// that line, so the second, plain rule is the one it applies; Netlify
// never reaches it (the first matching rule wins).
func redirectStubs(site *Site, g *graph.Graph, icon string) []Job {
	jobs := make([]Job, 0, len(g.Redirects))
	for _, old := range sortedRedirects(g) {
		p := g.Redirects[old]
		to := p.URL
		jobs = append(jobs, Job{Path: output.PathFor(old), Make: func() ([]byte, error) {
			var b bytes.Buffer
			err := redirectPage.Execute(&b, redirectData{URL: to, Canonical: site.abs(to), Lang: site.Hreflang(), Icon: icon,
				Title: site.tr.T("moved_title", p.Title), Text: linkHTML(site.tr, "moved_text", to, p.Title)})
			return b.Bytes(), err
		}})
	}
	return jobs
}

// redirectRules is the _redirects file of every language: the old URLs'
// rules, then, for each language but the default, the rule that answers
// its missing pages with its own 404 page (Netlify serves /404.html for
// the rest by itself). nil when there is nothing to say.
func redirectRules(eds []Edition) []byte {
	var rules bytes.Buffer
	for _, e := range eds {
		for _, old := range sortedRedirects(e.G) {
			if rules.Len() == 0 {
				rules.WriteString("# Old URLs of pages (redirect_from), written by sitegen. Each has a\n# forced rule for Netlify (301!) and a plain one for Cloudflare Pages.\n")
			}
			to := e.G.Redirects[old].URL
			rules.WriteString(old + " " + to + " 301!\n" + old + " " + to + " 301\n")
		}
	}
	if len(eds) > 1 {
		rules.WriteString("# Each language answers its missing pages with its own 404 page.\n")
		for _, e := range eds[1:] {
			root := e.Site().Root
			rules.WriteString(root + "* " + root + "404.html 404\n")
		}
	}
	if rules.Len() == 0 {
		return nil
	}
	return rules.Bytes()
}

func sortedRedirects(g *graph.Graph) []string {
	olds := make([]string, 0, len(g.Redirects))
	for u := range g.Redirects {
		olds = append(olds, u)
	}
	sort.Strings(olds)
	return olds
}

// redirectData is what a redirect stub shows: its title and sentence in
// the site's language.
type redirectData struct {
	URL, Canonical, Lang, Title string
	// Icon is the theme's favicon, so that a browser asks for no
	// /favicon.ico the host may not have (a site under a path).
	Icon string
	Text template.HTML
}

var redirectPage = template.Must(template.New("redirect").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<link rel="canonical" href="{{.Canonical}}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.URL}}">
{{- with .Icon}}
<link rel="icon" href="{{.}}" type="image/svg+xml">
{{- end}}
</head>
<body>
<p>{{.Text}}</p>
</body>
</html>
`))
