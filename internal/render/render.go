package render

import (
	"errors"
	"fmt"
	"html/template"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/markdown"
	"github.com/ctohandbook/sitegen/internal/memo"
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

	// Editions are every language's renderer and graph, the default
	// language first, on the default language's renderer of a
	// multilingual site: the sitemap and _redirects list them all.
	// Secondary marks the renderers of the other languages, which leave
	// out the files of the whole site (sitemap, robots.txt, _redirects,
	// _headers, the theme's assets).
	Editions  []Edition
	Secondary bool

	// Cache remembers rendered bodies, drawn graphs and finished files by
	// a key of exactly their inputs (nil: nothing is remembered).
	Cache *memo.Cache
	// Finish is the last step of every file of the given path: the base
	// path put in front of internal URLs, minifying (nil: files stay as
	// rendered).
	Finish func(path string, b []byte) ([]byte, error)
	// Salt is what every product depends on beyond its own data: the
	// theme, the site's settings and the program's options.
	Salt memo.Key

	executed atomic.Int64
	// termCards are this build's hover cards, by term (see cards.go),
	// made by Jobs.
	termCards map[*content.Page]*termCard
	// sites holds the key of each *Site the pages share (one per build).
	sites sync.Map
}

// Job is one output file: its path and how to make it. A job's bytes
// depend only on what Make reads; Run remembers finished bytes by a key of
// those inputs, so an unchanged file is never made twice.
type Job struct {
	Path string
	// Page is the content page rendered, if any.
	Page *content.Page
	// Make returns the file's bytes. With Final set they are finished
	// (the job looked up and minified them itself: template pages do, by
	// the hash of their data); otherwise Run minifies them, remembering
	// the result by the raw bytes.
	Make  func() ([]byte, error)
	Final bool
}

// Jobs lists every file of the site, in no particular order (the output
// is a set of files; nothing is made in order).
func (r *Renderer) Jobs(g *graph.Graph) []Job {
	var jobs []Job
	// add adds a page made through the theme: its Make builds the
	// page's data and execute finishes it, or finds it already made.
	// raw adds any other file.
	add := func(url string, p *content.Page, make func() ([]byte, error)) {
		jobs = append(jobs, Job{Path: output.PathFor(url), Page: p, Make: make, Final: true})
	}
	raw := func(url string, make func() ([]byte, error)) {
		jobs = append(jobs, Job{Path: output.PathFor(url), Make: make})
	}
	site := r.site(g)
	r.termCards = cardSlots(g)
	for _, p := range g.Pages {
		p := p
		switch p.Kind {
		case content.KindSection:
			continue // rendered by the list page of its section
		}
		add(p.URL, p, func() ([]byte, error) { return r.page(g, site, p) })
	}
	add(site.u("/glossary/"), g.Sections["glossary"], func() ([]byte, error) { return r.glossary(g, site) })
	add(site.u("/guide/"), g.Sections["guide"], func() ([]byte, error) { return r.guides(g, site) })
	add(site.u("/tags/"), nil, func() ([]byte, error) { return r.tags(g, site) })
	add(site.u("/graph/"), nil, func() ([]byte, error) { return r.graphPage(g, site) })
	raw(site.u("/graph.json"), g.JSON)
	for _, tag := range sortedTags(g) {
		tag := tag
		add(site.TagURL(tag), nil, func() ([]byte, error) { return r.tag(g, site, tag) })
	}
	add(site.u("/search/"), nil, func() ([]byte, error) {
		d := r.base(site, "search", site.tr.T("search"), site.tr.T("search_description"), site.u("/search/"))
		d.Crumbs = []Crumb{{Title: site.tr.T("home"), URL: site.Root}, {Title: site.tr.T("search"), URL: site.u("/search/")}}
		d.JSONLD = []template.JS{breadcrumbLD(site, d.Crumbs, d.Title, d.URL)}
		return r.execute("search", d, lazy{})
	})
	add(site.u("/404.html"), nil, func() ([]byte, error) {
		d := r.base(site, "404", site.tr.T("not_found"), "", site.u("/404.html"))
		d.JSONLD = []template.JS{breadcrumbLD(site, nil, d.Title, d.URL)}
		return r.execute("404", d, lazy{})
	})
	raw(site.u("/feed.xml"), func() ([]byte, error) { return feed(site, g) })
	jobs = append(jobs, redirectStubs(site, g, r.Theme.Assets["favicon.svg"])...)
	if !r.Secondary {
		eds := r.Editions
		if len(eds) == 0 {
			eds = []Edition{{R: r, G: g}}
		}
		eds[0].site = site
		raw("/sitemap.xml", func() ([]byte, error) { return sitemap(eds) })
		raw("/robots.txt", func() ([]byte, error) { return robots(site), nil })
		if rules := redirectRules(eds); rules != nil {
			jobs = append(jobs, Job{Path: "_redirects", Make: func() ([]byte, error) { return rules, nil }})
		}
		for path, b := range r.Theme.Files() {
			b := b
			jobs = append(jobs, Job{Path: path, Make: func() ([]byte, error) { return b, nil }})
		}
	}
	jobs = append(jobs, r.PrintJobs(g, site)...)
	// Hosts and link previews (deploy.go): _headers, and the social
	// cards, which pages name, so they are listed before any page is made.
	jobs = append(jobs, r.DeployJobs(g, site)...)
	jobs = append(jobs, r.Extras...)
	return jobs
}

// Edition is one language of a site: its renderer and its graph.
type Edition struct {
	R *Renderer
	G *graph.Graph
	// site is what R's pages know of the site, made by Jobs.
	site *Site
}

// Site is what the edition's pages know of the site.
func (e *Edition) Site() *Site {
	if e.site == nil {
		e.site = e.R.site(e.G)
	}
	return e.site
}

// lists are the edition's list pages, for the sitemap.
func (e *Edition) lists() []string {
	site := e.Site()
	lists := []string{site.u("/glossary/"), site.u("/guide/"), site.u("/tags/"), site.u("/graph/")}
	for _, tag := range sortedTags(e.G) {
		lists = append(lists, site.TagURL(tag))
	}
	return lists
}

// Run makes the jobs on all cores and hands each finished file to put as
// soon as it is done, so that a build streams its output instead of
// holding the site in memory. put is called from several goroutines.
// Template errors come back as problems, sorted; once put fails (a full
// disk, or the build interrupted), the jobs not yet started are skipped
// and the error is returned.
func (r *Renderer) Run(jobs []Job, put func(path string, b []byte) error) ([]problem.Problem, error) {
	errs := make([]error, len(jobs))
	var putErr atomic.Pointer[error]
	par.Each(len(jobs), func(i int) {
		if putErr.Load() != nil {
			return // the output failed or the build was interrupted: stop
		}
		b, err := r.make(jobs[i])
		if err != nil {
			errs[i] = err
			return
		}
		if err := put(jobs[i].Path, b); err != nil {
			putErr.CompareAndSwap(nil, &err)
		}
	})
	var probs []problem.Problem
	seen := map[string]bool{}
	for i, j := range jobs {
		if errs[i] == nil {
			continue
		}
		var p problem.Problem
		if !errors.As(errs[i], &p) {
			p = problem.Problem{File: j.Path, Msg: errs[i].Error()}
		}
		if !seen[p.String()] {
			seen[p.String()] = true
			probs = append(probs, p)
		}
	}
	problem.Sort(probs)
	if e := putErr.Load(); e != nil {
		return probs, *e
	}
	return probs, nil
}

// Executed counts the templates executed, the files minified and the
// social cards drawn since the Renderer was made: the work the cache did
// not save.
func (r *Renderer) Executed() int { return int(r.executed.Load()) }

// make runs one job: its own Make, then, for raw files, Finish,
// remembered by the raw bytes.
func (r *Renderer) make(j Job) (b []byte, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = problem.Problem{File: j.Path, Msg: fmt.Sprintf("internal error while rendering (please report): %v", v)}
		}
	}()
	b, err = j.Make()
	if err != nil || j.Final || r.Finish == nil {
		return b, err
	}
	key := memo.New("finished").Key(r.Salt).String(j.Path).Bytes(b).Sum()
	if out, ok := r.Cache.Get("file", key); ok {
		return out, nil
	}
	r.executed.Add(1)
	out, err := r.Finish(j.Path, b)
	if err != nil {
		return nil, problem.Problem{File: j.Path, Msg: err.Error()}
	}
	r.Cache.Put("file", key, out)
	return out, nil
}

// lazy are the expensive parts of a page's data, made only when the page
// must be executed: its rendered body and its drawn graph. Their keys
// stand for them in the data's hash.
type lazy struct {
	bodyKey  memo.Key
	body     func() (template.HTML, error)
	graphKey memo.Key
	graph    func() template.HTML
	cardsKey memo.Key
	cards    func() template.JS
}

// hashed is what a page's key is made of: its data, with the keys of
// the lazy parts in place of the parts themselves.
type hashed struct {
	SiteKey  memo.Key
	Layout   string
	Data     *Page
	BodyKey  memo.Key
	GraphKey memo.Key
	CardsKey memo.Key
}

// execute finishes a page: the bytes made before from the same layout and
// data, or else the lazy parts filled in, the template run and the result
// minified and remembered.
func (r *Renderer) execute(layout string, d *Page, lz lazy) ([]byte, error) {
	h := memo.New("page").Key(r.Salt)
	h.Value(hashed{SiteKey: r.siteKey(d.Site), Layout: layout, Data: d, BodyKey: lz.bodyKey, GraphKey: lz.graphKey, CardsKey: lz.cardsKey})
	key := h.Sum()
	if b, ok := r.Cache.Get("file", key); ok {
		return b, nil
	}
	if lz.body != nil {
		body, err := lz.body()
		if err != nil {
			return nil, err
		}
		d.Body = body
	}
	if lz.graph != nil {
		d.Graph = lz.graph()
	}
	if lz.cards != nil {
		d.Cards = lz.cards()
	}
	r.executed.Add(1)
	b, err := r.Theme.Execute(r.Site.Language, layout, d)
	if err != nil {
		return nil, err
	}
	if r.Finish != nil {
		if b, err = r.Finish(output.PathFor(d.URL), b); err != nil {
			return nil, problem.Problem{File: output.PathFor(d.URL), Msg: err.Error()}
		}
	}
	r.Cache.Put("file", key, b)
	return b, nil
}

// siteKey is the key of what every page knows of the site, hashed once
// per build instead of once per page.
func (r *Renderer) siteKey(s *Site) memo.Key {
	if s == nil {
		return memo.Key{}
	}
	if k, ok := r.sites.Load(s); ok {
		return k.(memo.Key)
	}
	h := memo.New("site")
	h.Value(s)
	k := h.Sum()
	r.sites.Store(s, k)
	return k
}

// body is a page's rendered Markdown as a lazy part: its key, from the
// page's source and how its links resolve, and how to make it (once per
// key: bodies are remembered too, for the pages whose data changed while
// their text did not).
func (r *Renderer) body(g *graph.Graph, p *content.Page) (memo.Key, func() (template.HTML, error)) {
	res := Resolution(g, p)
	if tr := r.strings(); tr.Has("heading_anchor") {
		res.AnchorLabel = tr.T("heading_anchor")
	}
	h := memo.New("body").Key(r.Salt).Key(p.Hash)
	h.Value(res)
	key := h.Sum()
	return key, func() (template.HTML, error) {
		if b, ok := r.Cache.Get("body", key); ok {
			return template.HTML(b), nil
		}
		b, err := r.Markdown.Render(p.Doc, res)
		if err != nil {
			return "", problem.Problem{File: p.File, Msg: err.Error()}
		}
		r.Cache.Put("body", key, b)
		return template.HTML(b), nil
	}
}

func (r *Renderer) site(g *graph.Graph) *Site {
	s := r.Site
	s.commits = r.Commits
	s.tr = r.Theme.Strings(s.Language)
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
	if url == site.Root {
		head = site.Title
	}
	return &Page{
		Site: site, Layout: layout, Title: title, HeadTitle: head,
		Description: description, Canonical: site.BaseURL + url, URL: url,
		Alternates: site.alternates(site.listKey(url)),
		CSS:        r.Theme.Assets["style.css"], JS: r.Theme.Assets["app.js"],
		assets: r.Theme.Assets,
	}
}

// Body renders a page's Markdown with its links resolved.
func (r *Renderer) Body(g *graph.Graph, p *content.Page) (template.HTML, error) {
	_, body := r.body(g, p)
	return body()
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
	r := Ref{Title: p.Title, URL: p.URL, Summary: p.Summary, Aka: p.Aka, Minutes: p.ReadingMinutes(), Kind: p.Kind.String()}
	if p.Fallback && p.Original != nil {
		r.Lang = Hreflang(p.Original.Lang)
	}
	return r
}

func refs(ps []*content.Page) []Ref {
	out := make([]Ref, 0, len(ps))
	for _, p := range ps {
		out = append(out, ref(p))
	}
	return out
}

// TagURL is where a tag's page is in the default language.
func TagURL(tag string) string { return "/tags/" + markdown.Slugify(tag) + "/" }

// TagURL is where a tag's page is in the site's language.
func (s *Site) TagURL(tag string) string { return s.u(TagURL(tag)) }

// u puts the language's prefix before a root-relative URL: "/glossary/"
// is "/es/glossary/" on the Spanish site.
func (s *Site) u(p string) string { return strings.TrimSuffix(s.Root, "/") + p }

func sortedTags(g *graph.Graph) []string {
	tags := make([]string, 0, len(g.Tags))
	for t := range g.Tags {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	return tags
}

func tagRefs(site *Site, g *graph.Graph, names []string) []Tag {
	out := make([]Tag, 0, len(names))
	for _, n := range names {
		out = append(out, Tag{Name: n, URL: site.TagURL(n), Count: len(g.Tags[n])})
	}
	return out
}
