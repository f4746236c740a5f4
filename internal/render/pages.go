package render

import (
	"html/template"
	"sort"
	"strings"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
)

// page renders one content page with the layout of its kind.
func (r *Renderer) page(g *graph.Graph, site *Site, p *content.Page) ([]byte, error) {
	layout := map[content.Kind]string{
		content.KindHome: "home", content.KindTerm: "term", content.KindGuide: "guide",
		content.KindChapter: "chapter", content.KindPage: "page",
	}[p.Kind]
	d := r.base(site, layout, p.Title, p.Summary, p.URL)
	d.Alternates = site.alternates("file:" + p.Rel)
	if p.Fallback && p.Original != nil {
		d.Fallback = true
		d.Canonical = site.abs(p.Original.URL)
		d.Original = &Alternate{Language: site.Languages[0], URL: p.Original.URL, Translated: true}
	}
	var lz lazy
	lz.bodyKey, lz.body = r.body(g, p)
	d.Date, d.Updated = p.Date, site.updated(p)
	d.EditURL = site.editURL(p)
	d.Minutes = p.ReadingMinutes()
	d.Aka = p.Aka
	d.Tags = tagRefs(site, g, p.Tags)
	d.Params = p.Params
	home := Crumb{Title: site.tr.T("home"), URL: site.Root}
	switch p.Kind {
	case content.KindHome:
		d.List = site.Guides
		d.Recent = site.recent(g, RecentSize)
		d.AllTags = tagRefs(site, g, sortedTags(g))
	case content.KindTerm:
		lz.graphKey, lz.graph = r.localGraph(g, p)
		d.Crumbs = []Crumb{home, {Title: site.tr.T("glossary"), URL: site.u("/glossary/")}, {Title: p.Title, URL: p.URL}}
		d.Relations = RelationGroups(g, p, site.tr)
		if p.SummarySet {
			d.Lead = p.Summary
		}
		for _, b := range g.Backlinks[p] {
			if b.Kind == content.KindChapter {
				rf := ref(b)
				if gd := g.GuideOf[b]; gd != nil {
					rf.Context = gd.Page.Title
				}
				d.CoveredIn = append(d.CoveredIn, rf)
			} else {
				d.MentionedIn = append(d.MentionedIn, ref(b))
			}
		}
		d.Covered, d.Mentioned = backlinkGroups(g, p, site.tr)
		d.TOC = termTOC(p, d, lz.graph != nil, site.tr)
	case content.KindGuide:
		d.Crumbs = []Crumb{home, {Title: site.tr.T("guides"), URL: site.u("/guide/")}, {Title: p.Title, URL: p.URL}}
		if gd := g.GuideOf[p]; gd != nil {
			d.List = refs(gd.Chapters)
			d.Guide = guideNav(gd, nil)
			d.Minutes = GuideMinutes(gd)
			d.PrintURL = printURL(g, gd)
		}
	case content.KindChapter:
		gd := g.GuideOf[p]
		d.Crumbs = []Crumb{home, {Title: site.tr.T("guides"), URL: site.u("/guide/")}}
		if gd != nil {
			d.Crumbs = append(d.Crumbs, Crumb{Title: gd.Page.Title, URL: gd.Page.URL})
			d.Guide = guideNav(gd, p)
			d.Prev, d.Next = chapterNeighbors(g, gd, p)
		}
		d.Crumbs = append(d.Crumbs, Crumb{Title: p.Title, URL: p.URL})
		d.TOC = chapterTOC(p)
	default:
		d.Crumbs = []Crumb{home, {Title: p.Title, URL: p.URL}}
	}
	d.JSONLD = []template.JS{pageLD(site, g, p), breadcrumbLD(site, d.Crumbs, d.Title, d.URL)}
	lz.cardsKey, lz.cards = r.cards(g, p, d)
	return r.execute(layout, d, lz)
}

// RelationGroups are a term's relations grouped by label, in vocabulary
// order: its own relations under their verb, then relations other terms
// declared toward it under the inverse label. Symmetric relations share
// one group whichever end declared them. Labels are in tr's language
// (Strings.Verb).
func RelationGroups(g *graph.Graph, p *content.Page, tr *Strings) []RelationGroup {
	type group struct {
		RelationGroup
		order int
		seen  map[*content.Page]bool
	}
	byLabel := map[string]*group{}
	put := func(label, verb string, order int, to *content.Page) {
		gr, ok := byLabel[label]
		if !ok {
			gr = &group{RelationGroup: RelationGroup{Label: label, Verb: verb}, order: order, seen: map[*content.Page]bool{}}
			byLabel[label] = gr
		}
		if !gr.seen[to] {
			gr.seen[to] = true
			gr.Terms = append(gr.Terms, ref(to))
		}
	}
	for _, e := range g.Out[p] {
		put(tr.Verb(e.Verb.Label()), e.Verb.Name, 2*e.Order, e.To)
	}
	for _, e := range g.In[p] {
		order := 2*e.Order + 1
		if e.Verb.Symmetric() {
			order--
		}
		put(tr.Verb(e.Verb.InverseLabel()), e.Verb.Inverse, order, e.From)
	}
	out := make([]*group, 0, len(byLabel))
	for _, gr := range byLabel {
		sort.Slice(gr.Terms, func(i, j int) bool { return strings.ToLower(gr.Terms[i].Title) < strings.ToLower(gr.Terms[j].Title) })
		out = append(out, gr)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].order != out[j].order {
			return out[i].order < out[j].order
		}
		return out[i].Label < out[j].Label
	})
	groups := make([]RelationGroup, len(out))
	for i, gr := range out {
		groups[i] = gr.RelationGroup
	}
	return groups
}

func guideNav(gd *graph.Guide, current *content.Page) *GuideNav {
	nav := &GuideNav{Title: gd.Page.Title, URL: gd.Page.URL}
	for _, c := range gd.Chapters {
		rf := ref(c)
		rf.Current = c == current
		nav.Chapters = append(nav.Chapters, rf)
	}
	return nav
}

func (r *Renderer) glossary(g *graph.Graph, site *Site) ([]byte, error) {
	d := r.base(site, "glossary", site.tr.T("glossary"), "", site.u("/glossary/"))
	var lz lazy
	d.Crumbs = []Crumb{{Title: site.tr.T("home"), URL: site.Root}, {Title: site.tr.T("glossary"), URL: site.u("/glossary/")}}
	if sec := g.Sections["glossary"]; sec != nil {
		lz.bodyKey, lz.body = r.body(g, sec)
		d.Title, d.Description = sec.Title, sec.Summary
		if d.Description == "" {
			d.Description = site.Description
		}
		d.HeadTitle = sec.Title + " · " + site.Title
	}
	d.Letters = r.letters(site.Language, g.Terms)
	d.JSONLD = []template.JS{glossaryLD(site, g), breadcrumbLD(site, d.Crumbs, d.Title, d.URL)}
	return r.execute("glossary", d, lz)
}

func (r *Renderer) guides(g *graph.Graph, site *Site) ([]byte, error) {
	d := r.base(site, "guides", site.tr.T("guides"), "", site.u("/guide/"))
	var lz lazy
	d.Crumbs = []Crumb{{Title: site.tr.T("home"), URL: site.Root}, {Title: site.tr.T("guides"), URL: site.u("/guide/")}}
	if sec := g.Sections["guide"]; sec != nil {
		lz.bodyKey, lz.body = r.body(g, sec)
		d.Title = sec.Title
		d.HeadTitle = sec.Title + " · " + site.Title
	}
	for _, gd := range g.Guides {
		rf := ref(gd.Page)
		rf.Minutes = GuideMinutes(gd)
		d.List = append(d.List, rf)
	}
	d.JSONLD = []template.JS{breadcrumbLD(site, d.Crumbs, d.Title, d.URL)}
	return r.execute("guides", d, lz)
}

func (r *Renderer) tags(g *graph.Graph, site *Site) ([]byte, error) {
	d := r.base(site, "tags", site.tr.T("tags"), "", site.u("/tags/"))
	d.Crumbs = []Crumb{{Title: site.tr.T("home"), URL: site.Root}, {Title: site.tr.T("tags"), URL: site.u("/tags/")}}
	d.AllTags = tagRefs(site, g, sortedTags(g))
	d.JSONLD = []template.JS{breadcrumbLD(site, d.Crumbs, d.Title, d.URL)}
	return r.execute("tags", d, lazy{})
}

func (r *Renderer) tag(g *graph.Graph, site *Site, tag string) ([]byte, error) {
	d := r.base(site, "tag", site.tr.T("tagged", tag), site.tr.T("tagged_description", tag), site.TagURL(tag))
	d.Crumbs = []Crumb{{Title: site.tr.T("home"), URL: site.Root}, {Title: site.tr.T("tags"), URL: site.u("/tags/")}, {Title: tag, URL: site.TagURL(tag)}}
	d.List = site.kindRefs(g, g.Tags[tag])
	var lz lazy
	lz.cardsKey, lz.cards = r.cards(g, nil, d)
	d.JSONLD = []template.JS{collectionLD(site, d), breadcrumbLD(site, d.Crumbs, d.Title, d.URL)}
	return r.execute("tag", d, lz)
}

// graphPage is /graph/: the whole glossary as a concept graph.
func (r *Renderer) graphPage(g *graph.Graph, site *Site) ([]byte, error) {
	d := r.base(site, "graph", site.tr.T("concept_graph"), site.tr.T("graph_description"), site.u("/graph/"))
	d.Crumbs = []Crumb{{Title: site.tr.T("home"), URL: site.Root}, {Title: site.tr.T("concept_graph"), URL: site.u("/graph/")}}
	var lz lazy
	lz.graphKey, lz.graph = r.globalGraph(g)
	d.JSONLD = []template.JS{collectionLD(site, d), breadcrumbLD(site, d.Crumbs, d.Title, d.URL)}
	return r.execute("graph", d, lz)
}
