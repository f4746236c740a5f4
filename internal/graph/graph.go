// Package graph resolves every link and relation between a site's pages
// and derives what depends on all pages at once: typed relations with
// their inverses, backlinks, guides with ordered chapters, tags, and the
// problems found on the way, all reported together. It does no I/O and
// renders nothing.
package graph

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/memo"
	"github.com/ctohandbook/sitegen/internal/par"
	"github.com/ctohandbook/sitegen/internal/problem"
)

// Options are what link resolution needs besides the pages.
type Options struct {
	Vocabulary *Vocabulary
	// URLs are other paths the site will serve (list pages, static files,
	// feeds), so that links to them are not broken. Keys are URL paths.
	URLs map[string]bool
	// Drafts are left-out draft pages, so that a link to one can say so.
	Drafts []*content.Page
	// AutoLink turns the first mention of each term in a page's prose
	// into a link (see AutoLink).
	AutoLink bool
	// Memo remembers each page's resolved links and auto-links across
	// builds (may be nil).
	Memo *Memo
	// Prefix is the URL prefix of the pages' language ("/es"; "" for the
	// default language): a root-relative link to a list page or the home
	// page ("/glossary/", "/") means the language's own.
	Prefix string
}

// Edge is one declared relation between two terms.
type Edge struct {
	From, To *content.Page
	Verb     *Verb
	// Order is the verb's place in the vocabulary, for display order.
	Order int
}

// Target is where one link of a page points.
type Target struct {
	URL  string
	Page *content.Page // nil for list pages, static files and external links
	// External links are left as written.
	External bool
}

// Guide is a guide's landing page with its chapters in reading order.
type Guide struct {
	Page     *content.Page
	Chapters []*content.Page
}

// Graph is the resolved site.
type Graph struct {
	Pages  []*content.Page // every page, sorted by URL
	Terms  []*content.Page // sorted by title
	Guides []*Guide        // sorted by weight, then title
	Home   *content.Page
	// Sections are content/glossary/_index.md and content/guide/_index.md.
	Sections map[string]*content.Page
	Tags     map[string][]*content.Page // tag → pages, sorted by title
	ByURL    map[string]*content.Page

	// Relations are declared relations, deduplicated, sorted.
	Relations []Edge
	Out, In   map[*content.Page][]Edge
	// Backlinks lists, for each page, the other pages whose prose links to it.
	Backlinks map[*content.Page][]*content.Page
	// Links lists, for each page, the pages its prose links to.
	Links map[*content.Page][]*content.Page
	// Targets holds the resolution of each page's links, index for index.
	Targets map[*content.Page][]Target
	// AutoLinks are each page's term mentions that become links.
	AutoLinks map[*content.Page][]AutoLink

	GuideOf map[*content.Page]*Guide
	// Redirects maps the old URLs of pages (redirect_from) to the pages.
	Redirects map[string]*content.Page

	Problems []problem.Problem

	warnOnce sync.Once
	warnings []problem.Problem

	neighbors neighborCache
	// explicit are each page's links as written, without auto-links;
	// addresses and names the keys its links and auto-links were found
	// under, pageAddresses each page's part of addresses (memolinks.go).
	explicit         map[*content.Page][]*content.Page
	addresses, names memo.Key
	pageAddresses    map[*content.Page]memo.Key

	// patched says what was made from the last build (patch.go).
	patched struct{ index, relations, backlinks bool }

	opts    Options
	byFile  map[string]*content.Page
	bySlug  map[string]*content.Page // terms by lower-case slug
	byName  map[string]*content.Page // terms by lower-case title and aka
	byTitle map[string]*content.Page // other pages by lower-case title (unique ones)
	// ambiguous are titles that several non-term pages share.
	ambiguous map[string][]*content.Page
	// byOrigURL finds a page of this language by the URL of the default
	// language's page it translates or stands in for, so that a link
	// written as /glossary/cto/ keeps a reader in their language.
	byOrigURL map[string]*content.Page
	// byOrigName finds a translated page by its original's title or aka
	// (lower case): the default language's text of a fallback page names
	// terms as the default language does.
	byOrigName map[string]*content.Page
}

// Build resolves pages (the published ones, without nil entries) into a
// graph. It does no I/O.
func Build(pages []*content.Page, opts Options) *Graph {
	if opts.Vocabulary == nil {
		opts.Vocabulary = NewVocabulary(nil)
	}
	n := len(pages)
	g := &Graph{
		opts:      opts,
		Out:       make(map[*content.Page][]Edge, n),
		In:        make(map[*content.Page][]Edge, n),
		Links:     make(map[*content.Page][]*content.Page, n),
		Targets:   make(map[*content.Page][]Target, n),
		AutoLinks: map[*content.Page][]AutoLink{},
		GuideOf:   map[*content.Page]*Guide{},
	}
	// The index is the last build's when only page text changed (see
	// patch.go).
	pt := g.patchFrom(pages)
	if pt != nil {
		pt.index(g)
		g.patched.index = true
	} else {
		g.index(pages)
	}
	// The relations and the links read only the index: they are found
	// side by side, each writing its own fields.
	var relProbs []problem.Problem
	done := make(chan struct{})
	go func() {
		defer close(done)
		if pt != nil && pt.sameRelations() {
			pt.relations(g)
			g.patched.relations = true
		} else {
			relProbs = g.relations()
		}
	}()
	g.guides()
	g.resolveLinks(pt)
	<-done
	g.Problems = append(g.Problems, relProbs...)
	problem.Sort(g.Problems)
	g.opts.Memo.remember(g)
	g.opts.Memo.sweep()
	return g
}

// Warnings are what does not fail a build but deserves a look (see warn).
// They are found on first use: watch-mode rebuilds do not need them.
func (g *Graph) Warnings() []problem.Problem {
	g.warnOnce.Do(func() {
		g.warn()
		problem.Sort(g.warnings)
	})
	return g.warnings
}

func (g *Graph) problem(p *content.Page, pos problem.Pos, format string, args ...any) {
	g.Problems = append(g.Problems, problem.Problem{File: p.File, Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

func (g *Graph) warning(p *content.Page, pos problem.Pos, format string, args ...any) {
	g.warnings = append(g.warnings, problem.Problem{File: p.File, Pos: pos, Msg: fmt.Sprintf(format, args...), Warning: true})
}

// index registers every page by URL, file, slug and names, reporting pages
// that claim the same one.
func (g *Graph) index(pages []*content.Page) {
	n := len(pages)
	g.Sections = map[string]*content.Page{}
	g.Tags = map[string][]*content.Page{}
	g.ByURL = make(map[string]*content.Page, n)
	g.Redirects = map[string]*content.Page{}
	g.byFile = make(map[string]*content.Page, n)
	g.bySlug = make(map[string]*content.Page, n)
	g.byName = make(map[string]*content.Page, 2*n)
	g.byTitle = map[string]*content.Page{}
	g.ambiguous = map[string][]*content.Page{}
	g.byOrigURL = map[string]*content.Page{}
	g.byOrigName = map[string]*content.Page{}
	sorted := slices.Clone(pages)
	slices.SortFunc(sorted, func(a, b *content.Page) int { return strings.Compare(a.File, b.File) })
	titles := map[string][]*content.Page{}
	for _, p := range sorted {
		g.byFile[p.File] = p
		if other, ok := g.ByURL[p.URL]; ok {
			g.problem(p, problem.Pos{}, "URL %s is also claimed by %s", p.URL, other.File)
			continue
		}
		g.ByURL[p.URL] = p
		g.Pages = append(g.Pages, p)
		switch p.Kind {
		case content.KindHome:
			g.Home = p
		case content.KindSection:
			g.Sections[p.Section] = p
		case content.KindTerm:
			g.Terms = append(g.Terms, p)
			key := strings.ToLower(p.Slug)
			if other, ok := g.bySlug[key]; ok {
				g.problem(p, p.KeyPos("slug"), "slug %q is also used by %s", p.Slug, other.File)
			} else {
				g.bySlug[key] = p
			}
			for i, name := range append([]string{p.Title}, p.Aka...) {
				key := strings.ToLower(name)
				if other, ok := g.byName[key]; ok && other != p {
					pos := p.KeyPos("title")
					if i > 0 {
						pos = p.KeyPos("aka", fmt.Sprint(i-1))
					}
					g.problem(p, pos, "name %q is also the title or aka of %s", name, other.File)
					continue
				}
				g.byName[key] = p
			}
		default:
			if p.Title != "" {
				k := strings.ToLower(p.Title)
				titles[k] = append(titles[k], p)
			}
		}
		for _, t := range p.Tags {
			g.Tags[t] = append(g.Tags[t], p)
		}
	}
	g.aliases(sorted)
	for k, ps := range titles {
		if len(ps) == 1 {
			g.byTitle[k] = ps[0]
		} else {
			g.ambiguous[k] = ps
		}
	}
	for _, p := range g.Pages {
		for i, from := range p.RedirectFrom {
			pos := p.KeyPos("redirect_from", fmt.Sprint(i))
			u, msg := redirectURL(from)
			switch other, taken := g.ByURL[u]; {
			case msg != "":
				g.problem(p, pos, "redirect_from %q: %s", from, msg)
			case taken:
				g.problem(p, pos, "redirect_from %q is the URL of %s", from, other.File)
			case g.Redirects[u] != nil && g.Redirects[u] != p:
				g.problem(p, pos, "redirect_from %q is also claimed by %s", from, g.Redirects[u].File)
			default:
				g.Redirects[u] = p
			}
		}
	}
	slices.SortFunc(g.Pages, func(a, b *content.Page) int { return strings.Compare(a.URL, b.URL) })
	slices.SortFunc(g.Terms, compareTitle)
	for _, ps := range g.Tags {
		slices.SortFunc(ps, compareTitle)
	}
}

// aliases lets the pages of a language other than the default one be
// found as their originals are: by file (content/glossary/cto.md stands
// for content/es/glossary/cto.md in the Spanish tree), by URL, and, for
// terms, by the original's slug ([[isms]] finds the Spanish SGSI). A
// page's own file, URL and slug always win over an alias.
func (g *Graph) aliases(pages []*content.Page) {
	for _, p := range pages {
		o := p.Original
		if o == nil || o == p || o.Lang == p.Lang {
			continue
		}
		if _, taken := g.byFile[o.File]; !taken {
			g.byFile[o.File] = p
		}
		if p.Fallback {
			for _, dir := range []string{p.Lang, strings.ToLower(p.Lang)} {
				if mine := path.Join("content", dir, p.Rel); g.byFile[mine] == nil {
					g.byFile[mine] = p
				}
			}
		}
		if _, taken := g.ByURL[o.URL]; !taken && g.byOrigURL[o.URL] == nil {
			g.byOrigURL[o.URL] = p
		}
		if p.Kind == content.KindTerm {
			key := strings.ToLower(o.Slug)
			if _, taken := g.bySlug[key]; !taken {
				g.bySlug[key] = p
			}
		}
		if !p.Fallback {
			for _, n := range append([]string{o.Title}, o.Aka...) {
				if key := strings.ToLower(n); key != "" && g.byOrigName[key] == nil {
					g.byOrigName[key] = p
				}
			}
		}
	}
}

func lessTitle(a, b *content.Page) bool { return compareTitle(a, b) < 0 }

// compareTitle orders pages by title (TitleKey), then URL.
func compareTitle(a, b *content.Page) int {
	if c := strings.Compare(a.TitleKey, b.TitleKey); c != 0 {
		return c
	}
	return strings.Compare(a.URL, b.URL)
}

// guides groups chapters under their guide, ordered by weight, then file.
func (g *Graph) guides() {
	byGuide := map[string]*Guide{}
	for _, p := range g.Pages {
		if p.Kind == content.KindGuide {
			gd := &Guide{Page: p}
			byGuide[p.Guide] = gd
			g.Guides = append(g.Guides, gd)
			g.GuideOf[p] = gd
		}
	}
	for _, p := range g.Pages {
		if p.Kind != content.KindChapter {
			continue
		}
		gd, ok := byGuide[p.Guide]
		if !ok {
			g.problem(p, problem.Pos{}, "chapter of guide %q, but content/guide/%s/_index.md is missing (it gives the guide its title)", p.Guide, p.Guide)
			continue
		}
		gd.Chapters = append(gd.Chapters, p)
		g.GuideOf[p] = gd
	}
	for _, gd := range g.Guides {
		sort.Slice(gd.Chapters, func(i, j int) bool {
			a, b := gd.Chapters[i], gd.Chapters[j]
			if a.Weight != b.Weight {
				return a.Weight < b.Weight
			}
			return a.File < b.File
		})
	}
	sort.Slice(g.Guides, func(i, j int) bool {
		a, b := g.Guides[i].Page, g.Guides[j].Page
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return lessTitle(a, b)
	})
}

// redirectURL cleans an old URL: "/old/path/" or a file such as
// "/old.html". It must stay inside the site.
func redirectURL(from string) (string, string) {
	if !strings.HasPrefix(from, "/") {
		return "", "must start with /"
	}
	if strings.ContainsAny(from, "?#") {
		return "", "must be a path, without ? or #"
	}
	if strings.HasSuffix(from, ".html") && !strings.HasSuffix(from, "/index.html") {
		u, msg := content.CheckURL(strings.TrimSuffix(from, ".html"))
		if msg != "" {
			return "", msg
		}
		return strings.TrimSuffix(u, "/") + ".html", ""
	}
	u, msg := content.CheckURL(strings.TrimSuffix(from, "index.html"))
	if u == "/" && msg == "" {
		return "", "cannot redirect the home page"
	}
	return u, msg
}

// File finds a page by its file ("content/glossary/cto.md").
func (g *Graph) File(file string) *content.Page { return g.byFile[file] }

// Term finds a term by slug, title or aka, case-insensitively.
func (g *Graph) Term(name string) *content.Page {
	key := strings.ToLower(strings.TrimSpace(name))
	if p, ok := g.bySlug[key]; ok {
		return p
	}
	if p, ok := g.byName[key]; ok {
		return p
	}
	if p := g.byOrigName[key]; p != nil && p.Kind == content.KindTerm {
		return p
	}
	return nil
}

// relations turns declared relations into edges, each pair once.
func (g *Graph) relations() []problem.Problem {
	var probs []problem.Problem
	bad := func(p *content.Page, pos problem.Pos, format string, args ...any) {
		probs = append(probs, problem.Problem{File: p.File, Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	type key struct {
		a, b *content.Page
		verb int
	}
	n := 0
	for _, p := range g.Terms {
		n += len(p.Relations)
	}
	// The verbs and targets are looked up on all cores; the edges are
	// then put together in term order.
	type found struct {
		verb  *Verb
		order int
		ok    bool
		to    *content.Page
	}
	lookups := make([][]found, len(g.Terms))
	par.Each(len(g.Terms), func(i int) {
		rels := g.Terms[i].Relations
		if len(rels) == 0 {
			return
		}
		fs := make([]found, len(rels))
		for k, r := range rels {
			f := &fs[k]
			if f.verb, f.order, f.ok = g.opts.Vocabulary.lookup(r.Verb); f.ok {
				f.to = g.Term(r.Target)
			}
		}
		lookups[i] = fs
	})
	seen := make(map[key]struct{}, n)
	edges := make([]Edge, 0, n)
	for i, p := range g.Terms {
		for k, r := range p.Relations {
			f := lookups[i][k]
			verb, order, ok := f.verb, f.order, f.ok
			if !ok {
				msg := fmt.Sprintf("unknown relation verb %q (known verbs: %s)", r.Verb, strings.Join(g.opts.Vocabulary.Names(), ", "))
				if s := Suggest(r.Verb, g.opts.Vocabulary.Names()); s != "" {
					msg = fmt.Sprintf("unknown relation verb %q (did you mean %q? known verbs: %s)", r.Verb, s, strings.Join(g.opts.Vocabulary.Names(), ", "))
				}
				bad(p, p.KeyNamePos("relations", r.Verb), "%s", msg)
				continue
			}
			to := f.to
			if to == nil {
				bad(p, r.Pos, "broken relation \"%s: %s\"%s", r.Verb, r.Target, g.hint(r.Target))
				continue
			}
			if to == p {
				bad(p, r.Pos, "%q relates the term to itself", r.Verb+": "+r.Target)
				continue
			}
			k := key{p, to, order}
			if verb.Symmetric() && to.URL < p.URL {
				k = key{to, p, order}
			}
			if _, dup := seen[k]; dup {
				continue
			}
			seen[k] = struct{}{}
			edges = append(edges, Edge{From: p, To: to, Verb: verb, Order: order})
		}
	}
	// Sorted by source URL, vocabulary order and target URL: a term's
	// edges are consecutive, so each term's run is sorted on its own and
	// the runs are put in URL order (the same order as one stable sort
	// of them all, for a fraction of the comparisons).
	type run struct{ start, end int }
	var runs []run
	for i := 0; i < len(edges); {
		j := i + 1
		for j < len(edges) && edges[j].From == edges[i].From {
			j++
		}
		slices.SortStableFunc(edges[i:j], func(a, b Edge) int {
			if a.Order != b.Order {
				return a.Order - b.Order
			}
			return strings.Compare(a.To.URL, b.To.URL)
		})
		runs = append(runs, run{i, j})
		i = j
	}
	slices.SortFunc(runs, func(a, b run) int { return strings.Compare(edges[a.start].From.URL, edges[b.start].From.URL) })
	sorted := make([]Edge, 0, len(edges))
	for _, r := range runs {
		sorted = append(sorted, edges[r.start:r.end]...)
	}
	g.setRelations(sorted)
	return probs
}

// setRelations makes edges, sorted as relations sorts them, the graph's
// relations, each term's out and in edges cut from them.
func (g *Graph) setRelations(edges []Edge) {
	g.Relations = edges
	for i := 0; i < len(edges); {
		j := i + 1
		for j < len(edges) && edges[j].From == edges[i].From {
			j++
		}
		// A term's out edges are its run of the list (capped: an append
		// to one never writes into the next).
		g.Out[edges[i].From] = edges[i:j:j]
		i = j
	}
	// In edges share one backing array, cut per page.
	inN := make(map[*content.Page]int, len(g.Terms))
	for _, e := range edges {
		inN[e.To]++
	}
	inAll := make([]Edge, 0, len(edges))
	for _, e := range edges {
		if _, ok := g.In[e.To]; !ok {
			start := len(inAll)
			inAll = inAll[:start+inN[e.To]]
			g.In[e.To] = inAll[start : start : start+inN[e.To]]
		}
		g.In[e.To] = append(g.In[e.To], e)
	}
}

// hint explains a name that matches no term: a draft, or a likely typo.
func (g *Graph) hint(name string) string {
	key := strings.ToLower(name)
	for _, d := range g.opts.Drafts {
		if strings.ToLower(d.Slug) == key || strings.ToLower(d.Title) == key {
			return fmt.Sprintf(" (%s is a draft; build with -drafts to include it)", d.File)
		}
	}
	var slugs []string
	for slug := range g.bySlug {
		slugs = append(slugs, slug)
	}
	sort.Strings(slugs)
	if s := Suggest(name, slugs); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	names := make([]string, 0, len(g.byName))
	for n := range g.byName {
		names = append(names, n)
	}
	sort.Strings(names)
	if s := Suggest(name, names); s != "" {
		if t := g.Term(s); t != nil && !strings.EqualFold(t.Slug, s) {
			return fmt.Sprintf(" (did you mean %q, the term %q?)", s, t.Slug)
		}
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}
