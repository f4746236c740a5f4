package render

import (
	"sort"
	"strings"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
)

// What a reader's pages add to the plain page data: compact backlinks,
// "On this page", the way on from a guide's first and last chapters,
// recent changes and "Edit this page". Pure functions of the graph and
// the page; nothing here renders.

// BacklinksShown is how many links "Covered in" and "Mentioned in" each
// show before "Show all".
const BacklinksShown = 6

// TermTOCMin is how many h2 and h3 headings a term's own text needs for
// the term page to get "On this page"; a chapter needs ChapterTOCMin.
const (
	TermTOCMin    = 3
	ChapterTOCMin = 2
)

// compact shows the first n links of groups and keeps the rest for
// "Show all"; a group cut in two appears on both sides.
func compact(groups []RefGroup, n int) RefList {
	var l RefList
	for _, g := range groups {
		l.Count += len(g.Refs)
		switch left := n - countRefs(l.Shown); {
		case left <= 0:
			l.More = append(l.More, g)
		case len(g.Refs) <= left:
			l.Shown = append(l.Shown, g)
		default:
			l.Shown = append(l.Shown, RefGroup{Title: g.Title, URL: g.URL, Refs: g.Refs[:left]})
			l.More = append(l.More, RefGroup{Title: g.Title, URL: g.URL, Refs: g.Refs[left:]})
		}
	}
	return l
}

func countRefs(groups []RefGroup) int {
	n := 0
	for _, g := range groups {
		n += len(g.Refs)
	}
	return n
}

// backlinkGroups are the pages linking to a term, as the term page lists
// them: chapters under "Covered in", grouped by guide in guide order and
// in chapter order inside each; other pages under "Mentioned in", grouped
// by kind (terms, then guides, then pages), by title inside each; the
// kinds' names in tr's language.
func backlinkGroups(g *graph.Graph, term *content.Page, tr *Strings) (covered, mentioned RefList) {
	var cg, mg []RefGroup
	byGuide := map[*graph.Guide][]Ref{}
	byKind := map[string][]*content.Page{}
	for _, b := range g.Backlinks[term] {
		if b.Kind == content.KindChapter {
			if gd := g.GuideOf[b]; gd != nil {
				byGuide[gd] = append(byGuide[gd], ref(b))
				continue
			}
		}
		byKind[kindGroup(b.Kind)] = append(byKind[kindGroup(b.Kind)], b)
	}
	for _, gd := range g.Guides {
		chapters := byGuide[gd]
		if len(chapters) == 0 {
			continue
		}
		order := map[string]int{}
		for i, c := range gd.Chapters {
			order[c.URL] = i
		}
		sort.SliceStable(chapters, func(i, j int) bool { return order[chapters[i].URL] < order[chapters[j].URL] })
		cg = append(cg, RefGroup{Title: gd.Page.Title, URL: gd.Page.URL, Refs: chapters})
	}
	for _, group := range []string{"group_terms", "group_guides", "group_chapters", "group_pages"} {
		ps := byKind[group]
		if len(ps) == 0 {
			continue
		}
		sort.SliceStable(ps, func(i, j int) bool { return strings.ToLower(ps[i].Title) < strings.ToLower(ps[j].Title) })
		mg = append(mg, RefGroup{Title: tr.T(group), Refs: refs(ps)})
	}
	return compact(cg, BacklinksShown), compact(mg, BacklinksShown)
}

// kindGroup is the "Mentioned in" group of a page of kind k: the key of
// its name.
func kindGroup(k content.Kind) string {
	switch k {
	case content.KindTerm:
		return "group_terms"
	case content.KindGuide:
		return "group_guides"
	case content.KindChapter:
		return "group_chapters"
	}
	return "group_pages"
}

// bodyTOC is the h2 and h3 of p's text.
func bodyTOC(p *content.Page) []Heading {
	var toc []Heading
	for _, h := range p.Headings {
		if h.Level == 2 || h.Level == 3 {
			toc = append(toc, Heading{Level: h.Level, ID: h.ID, Text: h.Text})
		}
	}
	return toc
}

// termTOC is a long term's "On this page": its own headings, then the
// sections the term page adds below them (the IDs term.html gives them).
// Short terms get none: there is nothing to navigate. The added sections
// are named in tr's language, as term.html names them.
func termTOC(p *content.Page, d *Page, hasGraph bool, tr *Strings) []Heading {
	toc := bodyTOC(p)
	if len(toc) < TermTOCMin {
		return nil
	}
	if len(d.Relations) > 0 {
		toc = append(toc, Heading{Level: 2, ID: "term-relations", Text: tr.T("related_concepts")})
	}
	if hasGraph {
		toc = append(toc, Heading{Level: 2, ID: "term-graph", Text: tr.T("concept_map")})
	}
	if len(d.CoveredIn) > 0 {
		toc = append(toc, Heading{Level: 2, ID: "term-covered", Text: tr.T("covered_in")})
	}
	if len(d.MentionedIn) > 0 {
		toc = append(toc, Heading{Level: 2, ID: "term-mentioned", Text: tr.T("mentioned_in")})
	}
	return toc
}

// chapterTOC is a chapter's "On this page", when it has enough headings.
func chapterTOC(p *content.Page) []Heading {
	toc := bodyTOC(p)
	if len(toc) < ChapterTOCMin {
		return nil
	}
	return toc
}

// chapterNeighbors are the links at the foot of a chapter: the previous
// and next chapters; the first chapter leads back to its guide, and the
// last on to the next guide (Kind "guide" tells the template which).
func chapterNeighbors(g *graph.Graph, gd *graph.Guide, p *content.Page) (prev, next *Ref) {
	for i, c := range gd.Chapters {
		if c != p {
			continue
		}
		if i > 0 {
			rf := ref(gd.Chapters[i-1])
			prev = &rf
		} else {
			rf := ref(gd.Page)
			prev = &rf
		}
		if i+1 < len(gd.Chapters) {
			rf := ref(gd.Chapters[i+1])
			next = &rf
		} else {
			for j, other := range g.Guides {
				if other == gd && j+1 < len(g.Guides) {
					rf := ref(g.Guides[j+1].Page)
					next = &rf
				}
			}
		}
	}
	return prev, next
}

// RecentSize is how many pages the home page's "Recently updated" lists.
const RecentSize = 8

// recent lists the n terms and chapters updated last (Site.updated), newest
// first. Pages without a real updated date are left out, so a site with
// no such dates lists none.
func (s *Site) recent(g *graph.Graph, n int) []Ref {
	var ps []*content.Page
	for _, p := range g.Pages {
		// A language's recent changes are its own pages, not the
		// default language's text standing in for missing ones.
		if (p.Kind == content.KindTerm || p.Kind == content.KindChapter) && !p.Fallback && !s.updated(p).IsZero() {
			ps = append(ps, p)
		}
	}
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := s.updated(ps[i]), s.updated(ps[j])
		if !a.Equal(b) {
			return a.After(b)
		}
		return strings.ToLower(ps[i].Title) < strings.ToLower(ps[j].Title)
	})
	if len(ps) > n {
		ps = ps[:n]
	}
	return s.kindRefs(g, ps)
}

// kindRefs are refs for a list that mixes kinds: each says its kind, and
// a chapter names its guide.
func (s *Site) kindRefs(g *graph.Graph, ps []*content.Page) []Ref {
	out := make([]Ref, 0, len(ps))
	for _, p := range ps {
		rf := ref(p)
		rf.Updated = s.updated(p)
		if p.Kind == content.KindChapter {
			if gd := g.GuideOf[p]; gd != nil {
				rf.Context = gd.Page.Title
			}
		}
		out = append(out, rf)
	}
	return out
}

// editURL is where p's file is edited: the site's edit_url followed by
// the file's path under content/.
func (s *Site) editURL(p *content.Page) string {
	if s.EditURL == "" || p == nil || !strings.HasPrefix(p.File, "content/") {
		return ""
	}
	base := s.EditURL
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base + strings.TrimPrefix(p.File, "content/")
}
