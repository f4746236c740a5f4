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
func redirects(site *Site, g *graph.Graph) []Job {
	if len(g.Redirects) == 0 {
		return nil
	}
	olds := make([]string, 0, len(g.Redirects))
	for u := range g.Redirects {
		olds = append(olds, u)
	}
	sort.Strings(olds)
	var rules bytes.Buffer
	rules.WriteString("# Old URLs of pages (redirect_from), written by sitegen. Each has a\n# forced rule for Netlify (301!) and a plain one for Cloudflare Pages.\n")
	jobs := make([]Job, 0, len(olds)+1)
	for _, old := range olds {
		p := g.Redirects[old]
		rules.WriteString(old + " " + p.URL + " 301!\n" + old + " " + p.URL + " 301\n")
		to := p.URL
		jobs = append(jobs, Job{Path: output.PathFor(old), Make: func() ([]byte, error) {
			var b bytes.Buffer
			err := redirectPage.Execute(&b, redirectData{URL: to, Canonical: site.abs(to), Lang: site.Language,
				Title: site.tr.T("moved_title", p.Title), Text: linkHTML(site.tr, "moved_text", to, p.Title)})
			return b.Bytes(), err
		}})
	}
	data := rules.Bytes()
	jobs = append(jobs, Job{Path: "_redirects", Make: func() ([]byte, error) { return data, nil }})
	return jobs
}

// redirectData is what a redirect stub shows: its title and sentence in
// the site's language.
type redirectData struct {
	URL, Canonical, Lang, Title string
	Text                        template.HTML
}

var redirectPage = template.Must(template.New("redirect").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<link rel="canonical" href="{{.Canonical}}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.URL}}">
</head>
<body>
<p>{{.Text}}</p>
</body>
</html>
`))
