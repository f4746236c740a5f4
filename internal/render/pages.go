package render

import (
	"html/template"
	"sort"
	"strings"
	"unicode"

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
	body, err := r.Body(g, p)
	if err != nil {
		return nil, err
	}
	d.Body = body
	d.Date, d.Updated = p.Date, p.Updated
	d.Minutes = p.ReadingMinutes()
	d.Aka = p.Aka
	d.Tags = tagRefs(g, p.Tags)
	d.Params = p.Params
	home := Crumb{Title: "Home", URL: "/"}
	switch p.Kind {
	case content.KindHome:
		d.List = site.Guides
		d.Recent = recent(g.Terms, 8)
		d.AllTags = tagRefs(g, sortedTags(g))
	case content.KindTerm:
		d.Graph = LocalGraph(g, p)
		d.Crumbs = []Crumb{home, {Title: "Glossary", URL: "/glossary/"}, {Title: p.Title, URL: p.URL}}
		d.Relations = RelationGroups(g, p)
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
	case content.KindGuide:
		d.Crumbs = []Crumb{home, {Title: "Guides", URL: "/guide/"}, {Title: p.Title, URL: p.URL}}
		if gd := g.GuideOf[p]; gd != nil {
			d.List = refs(gd.Chapters)
			d.Guide = guideNav(gd, nil)
			for _, c := range gd.Chapters {
				d.Minutes += c.ReadingMinutes()
			}
		}
	case content.KindChapter:
		gd := g.GuideOf[p]
		d.Crumbs = []Crumb{home, {Title: "Guides", URL: "/guide/"}}
		if gd != nil {
			d.Crumbs = append(d.Crumbs, Crumb{Title: gd.Page.Title, URL: gd.Page.URL})
			d.Guide = guideNav(gd, p)
			for i, c := range gd.Chapters {
				if c != p {
					continue
				}
				if i > 0 {
					rf := ref(gd.Chapters[i-1])
					d.Prev = &rf
				}
				if i+1 < len(gd.Chapters) {
					rf := ref(gd.Chapters[i+1])
					d.Next = &rf
				}
			}
		}
		d.Crumbs = append(d.Crumbs, Crumb{Title: p.Title, URL: p.URL})
		for _, h := range p.Headings {
			if h.Level == 2 || h.Level == 3 {
				d.TOC = append(d.TOC, Heading{Level: h.Level, ID: h.ID, Text: h.Text})
			}
		}
	default:
		d.Crumbs = []Crumb{home, {Title: p.Title, URL: p.URL}}
	}
	d.JSONLD = []template.JS{pageLD(site, g, p), breadcrumbLD(site, d.Crumbs, d.Title, d.URL)}
	d.Cards = cards(g, p, d)
	return r.Theme.Execute(layout, d)
}

// RelationGroups are a term's relations grouped by label, in vocabulary
// order: its own relations under their verb, then relations other terms
// declared toward it under the inverse label. Symmetric relations share
// one group whichever end declared them.
func RelationGroups(g *graph.Graph, p *content.Page) []RelationGroup {
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
		put(e.Verb.Label(), e.Verb.Name, 2*e.Order, e.To)
	}
	for _, e := range g.In[p] {
		order := 2*e.Order + 1
		if e.Verb.Symmetric() {
			order--
		}
		put(e.Verb.InverseLabel(), e.Verb.Inverse, order, e.From)
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

// recent lists the n most recently updated pages, newest first.
func recent(ps []*content.Page, n int) []Ref {
	sorted := append([]*content.Page(nil), ps...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i].LastMod(), sorted[j].LastMod()
		if !a.Equal(b) {
			return a.After(b)
		}
		return strings.ToLower(sorted[i].Title) < strings.ToLower(sorted[j].Title)
	})
	if len(sorted) > n {
		sorted = sorted[:n]
	}
	return refs(sorted)
}

func (r *Renderer) glossary(g *graph.Graph, site *Site) ([]byte, error) {
	d := r.base(site, "glossary", "Glossary", "", "/glossary/")
	d.Crumbs = []Crumb{{Title: "Home", URL: "/"}, {Title: "Glossary", URL: "/glossary/"}}
	if sec := g.Sections["glossary"]; sec != nil {
		body, err := r.Body(g, sec)
		if err != nil {
			return nil, err
		}
		d.Body, d.Title, d.Description = body, sec.Title, sec.Summary
		if d.Description == "" {
			d.Description = site.Description
		}
		d.HeadTitle = sec.Title + " · " + site.Title
	}
	d.Letters = Letters(g.Terms)
	d.JSONLD = []template.JS{glossaryLD(site, g), breadcrumbLD(site, d.Crumbs, d.Title, d.URL)}
	return r.Theme.Execute("glossary", d)
}

// Letters groups terms by the first letter of their title; digits and
// symbols go under "#".
func Letters(terms []*content.Page) []Letter {
	var out []Letter
	for _, t := range terms {
		l := "#"
		for _, c := range t.Title {
			if unicode.IsLetter(c) {
				l = strings.ToUpper(string(c))
			}
			break
		}
		if len(out) == 0 || out[len(out)-1].Letter != l {
			id := "letter-" + strings.ToLower(l)
			if l == "#" {
				id = "letter-other"
			}
			out = append(out, Letter{Letter: l, ID: id})
		}
		out[len(out)-1].Terms = append(out[len(out)-1].Terms, ref(t))
	}
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].Letter == "#") != (out[j].Letter == "#") {
			return out[j].Letter == "#"
		}
		return out[i].Letter < out[j].Letter
	})
	return out
}

func (r *Renderer) guides(g *graph.Graph, site *Site) ([]byte, error) {
	d := r.base(site, "guides", "Guides", "", "/guide/")
	d.Crumbs = []Crumb{{Title: "Home", URL: "/"}, {Title: "Guides", URL: "/guide/"}}
	if sec := g.Sections["guide"]; sec != nil {
		body, err := r.Body(g, sec)
		if err != nil {
			return nil, err
		}
		d.Body, d.Title = body, sec.Title
		d.HeadTitle = sec.Title + " · " + site.Title
	}
	for _, gd := range g.Guides {
		rf := ref(gd.Page)
		rf.Minutes = 0
		for _, c := range gd.Chapters {
			rf.Minutes += c.ReadingMinutes()
		}
		d.List = append(d.List, rf)
	}
	d.JSONLD = []template.JS{breadcrumbLD(site, d.Crumbs, d.Title, d.URL)}
	return r.Theme.Execute("guides", d)
}

func (r *Renderer) tags(g *graph.Graph, site *Site) ([]byte, error) {
	d := r.base(site, "tags", "Tags", "", "/tags/")
	d.Crumbs = []Crumb{{Title: "Home", URL: "/"}, {Title: "Tags", URL: "/tags/"}}
	d.AllTags = tagRefs(g, sortedTags(g))
	d.JSONLD = []template.JS{breadcrumbLD(site, d.Crumbs, d.Title, d.URL)}
	return r.Theme.Execute("tags", d)
}

func (r *Renderer) tag(g *graph.Graph, site *Site, tag string) ([]byte, error) {
	d := r.base(site, "tag", "Tagged “"+tag+"”", "Pages tagged "+tag+".", TagURL(tag))
	d.Crumbs = []Crumb{{Title: "Home", URL: "/"}, {Title: "Tags", URL: "/tags/"}, {Title: tag, URL: TagURL(tag)}}
	d.List = refs(g.Tags[tag])
	d.Cards = cards(g, nil, d)
	d.JSONLD = []template.JS{collectionLD(site, d), breadcrumbLD(site, d.Crumbs, d.Title, d.URL)}
	return r.Theme.Execute("tag", d)
}

// graphPage is /graph/: the whole glossary as a concept graph.
func (r *Renderer) graphPage(g *graph.Graph, site *Site) ([]byte, error) {
	d := r.base(site, "graph", "Concept graph", "How the terms of the glossary relate to each other.", "/graph/")
	d.Crumbs = []Crumb{{Title: "Home", URL: "/"}, {Title: "Concept graph", URL: "/graph/"}}
	d.Graph = GlobalGraph(g)
	d.JSONLD = []template.JS{collectionLD(site, d), breadcrumbLD(site, d.Crumbs, d.Title, d.URL)}
	return r.Theme.Execute("graph", d)
}
