package render

import (
	"errors"
	"fmt"
	"html/template"
	"sort"
	"time"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/markdown"
	"github.com/ctohandbook/sitegen/internal/output"
	"github.com/ctohandbook/sitegen/internal/par"
	"github.com/ctohandbook/sitegen/internal/problem"
)

// Renderer renders a resolved site through a theme.
type Renderer struct {
	Theme    *Theme
	Markdown *markdown.Markdown
	Site     Site
	// Commits maps a content file to the time of its last commit (may be
	// nil): the updated date of pages whose front matter gives none.
	Commits map[string]time.Time
	// Extras are data files and list pages added by other parts of the
	// pipeline (graph page, search), keyed by output path.
	Extras []Job
}

// Job is one output file: its path, what it depends on, and how to make it.
type Job struct {
	Path string
	// Page is the content page rendered, if any. Its output depends on the
	// page and on what it shows of its neighbors in the graph.
	Page *content.Page
	// Deps says what else a job's output depends on, for incremental
	// rebuilds: DepCards (what lists show of every page), DepGraph (every
	// relation and link), DepContent (every page's text), DepTag+name, or
	// DepNone.
	Deps []string
	Make func() ([]byte, error)
}

// What a job may depend on besides its own page.
const (
	DepNone    = ""
	DepCards   = "cards"
	DepGraph   = "graph"
	DepContent = "content"
	DepTag     = "tag:"
)

// Jobs lists every file of the site.
func (r *Renderer) Jobs(g *graph.Graph) []Job {
	var jobs []Job
	add := func(url string, p *content.Page, make func() ([]byte, error), deps ...string) {
		jobs = append(jobs, Job{Path: output.PathFor(url), Page: p, Deps: deps, Make: make})
	}
	site := r.site(g)
	for _, p := range g.Pages {
		p := p
		switch p.Kind {
		case content.KindSection:
			continue // rendered by the list page of its section
		}
		var deps []string
		if p.Kind == content.KindHome {
			deps = []string{DepCards}
		}
		add(p.URL, p, func() ([]byte, error) { return r.page(g, site, p) }, deps...)
	}
	add("/glossary/", g.Sections["glossary"], func() ([]byte, error) { return r.glossary(g, site) }, DepCards)
	add("/guide/", g.Sections["guide"], func() ([]byte, error) { return r.guides(g, site) }, DepCards)
	add("/tags/", nil, func() ([]byte, error) { return r.tags(g, site) }, DepCards)
	add("/graph/", nil, func() ([]byte, error) { return r.graphPage(g, site) }, DepGraph, DepCards)
	add("/graph.json", nil, g.JSON, DepGraph, DepCards)
	for _, tag := range sortedTags(g) {
		tag := tag
		add(TagURL(tag), nil, func() ([]byte, error) { return r.tag(g, site, tag) }, DepTag+tag)
	}
	add("/search/", nil, func() ([]byte, error) {
		d := r.base(site, "search", "Search", "Search the glossary and the guides.", "/search/")
		d.Crumbs = []Crumb{{Title: "Home", URL: "/"}, {Title: "Search", URL: "/search/"}}
		d.JSONLD = []template.JS{breadcrumbLD(site, d.Crumbs, d.Title, d.URL)}
		return r.Theme.Execute("search", d)
	}, DepCards)
	add("/404.html", nil, func() ([]byte, error) {
		d := r.base(site, "404", "Page not found", "", "/404.html")
		d.JSONLD = []template.JS{breadcrumbLD(site, nil, d.Title, d.URL)}
		return r.Theme.Execute("404", d)
	})
	lists := []string{"/glossary/", "/guide/", "/tags/", "/graph/"}
	for _, tag := range sortedTags(g) {
		lists = append(lists, TagURL(tag))
	}
	add("/sitemap.xml", nil, func() ([]byte, error) { return sitemap(site, g, lists) }, DepCards)
	add("/robots.txt", nil, func() ([]byte, error) { return robots(site), nil })
	add("/feed.xml", nil, func() ([]byte, error) { return feed(site, g) }, DepCards)
	for _, j := range redirects(site, g) {
		j.Deps = []string{DepCards}
		jobs = append(jobs, j)
	}
	for path, b := range r.Theme.Files() {
		b := b
		jobs = append(jobs, Job{Path: path, Make: func() ([]byte, error) { return b, nil }})
	}
	// Hosts and link previews (deploy.go): _headers, and the social
	// cards, which pages name, so they are listed before any page is made.
	jobs = append(jobs, r.DeployJobs(g, site)...)
	jobs = append(jobs, r.Extras...)
	sort.Slice(jobs, func(i, j int) bool { return jobs[i].Path < jobs[j].Path })
	return jobs
}

// Run makes the jobs on all cores. Template errors come back as problems.
func Run(jobs []Job) (output.Files, []problem.Problem) {
	results := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	par.Each(len(jobs), func(i int) {
		results[i], errs[i] = safeMake(jobs[i])
	})
	files := make(output.Files, len(jobs))
	var probs []problem.Problem
	seen := map[string]bool{}
	for i, j := range jobs {
		if errs[i] != nil {
			var p problem.Problem
			if !errors.As(errs[i], &p) {
				p = problem.Problem{File: j.Path, Msg: errs[i].Error()}
			}
			if !seen[p.String()] {
				seen[p.String()] = true
				probs = append(probs, p)
			}
			continue
		}
		files[j.Path] = results[i]
	}
	problem.Sort(probs)
	return files, probs
}

func safeMake(j Job) (b []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = problem.Problem{File: j.Path, Msg: fmt.Sprintf("internal error while rendering (please report): %v", r)}
		}
	}()
	return j.Make()
}

func (r *Renderer) site(g *graph.Graph) *Site {
	s := r.Site
	s.Guides = nil
	for _, gd := range g.Guides {
		s.Guides = append(s.Guides, ref(gd.Page))
	}
	return &s
}

func (r *Renderer) base(site *Site, layout, title, description, url string) *Page {
	if description == "" {
		description = site.Description
	}
	head := title + " · " + site.Title
	if url == "/" {
		head = site.Title
	}
	return &Page{
		Site: site, Layout: layout, Title: title, HeadTitle: head,
		Description: description, Canonical: site.BaseURL + url, URL: url,
		CSS: r.Theme.Assets["style.css"], JS: r.Theme.Assets["app.js"],
		assets: r.Theme.Assets,
	}
}

// Body renders a page's Markdown with its links resolved.
func (r *Renderer) Body(g *graph.Graph, p *content.Page) (template.HTML, error) {
	b, err := r.Markdown.Render(p.Doc, Resolution(g, p))
	if err != nil {
		return "", problem.Problem{File: p.File, Msg: err.Error()}
	}
	return template.HTML(b), nil
}

// Resolution is what the graph decided for p's links and auto-links, as
// the Markdown renderer shows them: a value built fresh for each render,
// so the parsed page is never changed.
func Resolution(g *graph.Graph, p *content.Page) *markdown.Resolved {
	targets := g.Targets[p]
	res := &markdown.Resolved{Links: make([]markdown.Target, len(p.Links))}
	for i, l := range p.Links {
		if i >= len(targets) {
			break
		}
		t := targets[i]
		switch {
		case l.Wiki != nil:
			res.Links[i] = markdown.Target{URL: t.URL}
			if t.Page != nil {
				res.Links[i].Title = t.Page.Title
				res.Links[i].Hint = hint(t.Page)
				res.Links[i].IsTerm = t.Page.Kind == content.KindTerm
			}
		case !l.Image && !t.External:
			title := l.Title
			if title == "" && t.Page != nil {
				title = hint(t.Page)
			}
			res.Links[i] = markdown.Target{URL: t.URL, Hint: title}
		}
	}
	for _, a := range g.AutoLinks[p] {
		res.Auto = append(res.Auto, markdown.Auto{Start: a.Start, End: a.End,
			Target: markdown.Target{URL: a.To.URL, Title: a.To.Title, Hint: hint(a.To), IsTerm: true}})
	}
	return res
}

// hint is the title attribute of a link to a term: its summary, so that
// readers without JavaScript get it on hover too.
func hint(p *content.Page) string {
	if p.Kind != content.KindTerm {
		return ""
	}
	return p.Summary
}

func ref(p *content.Page) Ref {
	return Ref{Title: p.Title, URL: p.URL, Summary: p.Summary, Aka: p.Aka, Minutes: p.ReadingMinutes(), Kind: p.Kind.String()}
}

func refs(ps []*content.Page) []Ref {
	out := make([]Ref, 0, len(ps))
	for _, p := range ps {
		out = append(out, ref(p))
	}
	return out
}

// TagURL is where a tag's page is.
func TagURL(tag string) string { return "/tags/" + markdown.Slugify(tag) + "/" }

func sortedTags(g *graph.Graph) []string {
	tags := make([]string, 0, len(g.Tags))
	for t := range g.Tags {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	return tags
}

func tagRefs(g *graph.Graph, names []string) []Tag {
	out := make([]Tag, 0, len(names))
	for _, n := range names {
		out = append(out, Tag{Name: n, URL: TagURL(n), Count: len(g.Tags[n])})
	}
	return out
}
