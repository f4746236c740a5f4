package graph

import (
	"maps"
	"slices"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/memo"
)

// The index, the relations and the backlinks are whole-site structures.
// A build makes them from scratch unless the last build (one without
// problems, of the same language and verbs) had the same pages but
// for some parsed again whose index inputs (indexKey) are unchanged, as
// when a writer edits a page's text. Then every map and list of the index
// holds the same entries as the last build's, each edited page's new
// value in place of its old one; so do the relations when the edited
// terms declare the same ones, and the backlinks but for the lists of the
// pages whose links changed. A patch makes them so, with no lookups or
// sorting of the whole site. TestPatchMatchesFreshBuild holds the result
// to a build without a memo.

// patch is the last build and the pages parsed again since.
type patch struct {
	last *Graph
	// subst maps each page of the last build parsed again to its new
	// value, orig the other way.
	subst, orig map[*content.Page]*content.Page
}

// maxChanged is how many pages' links may change for backlinks to be
// patched rather than made afresh.
const maxChanged = 64

// indexKey names what index and aliases read of a page.
func indexKey(p *content.Page) memo.Key {
	h := memo.New("index").String(p.File, p.URL, p.Slug, p.Title, p.TitleKey, p.Lang, p.Rel, p.Section)
	h.Int(int(p.Kind)).Bool(p.Fallback)
	h.Int(len(p.Aka)).String(p.Aka...)
	h.Int(len(p.Tags)).String(p.Tags...)
	h.Int(len(p.RedirectFrom)).String(p.RedirectFrom...)
	if o := p.Original; o != nil {
		h.Bool(o == p).String(o.File, o.URL, o.Slug, o.Title, o.Lang).Int(len(o.Aka)).String(o.Aka...)
	}
	return h.Sum()
}

// patchFrom is the patch that turns the last build's index into the index
// of pages, nil when there is none.
func (g *Graph) patchFrom(pages []*content.Page) *patch {
	m := g.opts.Memo
	if m == nil {
		return nil
	}
	m.mu.Lock()
	last := m.last
	m.mu.Unlock()
	if last == nil || len(last.Pages) != len(pages) || last.opts.Prefix != g.opts.Prefix || !slices.Equal(last.opts.Vocabulary.verbs, g.opts.Vocabulary.verbs) {
		return nil
	}
	pt := &patch{last: last, subst: map[*content.Page]*content.Page{}, orig: map[*content.Page]*content.Page{}}
	same := 0
	for _, p := range pages {
		if _, ok := last.pageAddresses[p]; ok {
			same++
			continue
		}
		o := last.byFile[p.File]
		if o == nil || o.File != p.File || pt.subst[o] != nil || indexKey(o) != indexKey(p) {
			return nil
		}
		pt.subst[o], pt.orig[p] = p, o
	}
	if same+len(pt.subst) != len(last.Pages) {
		return nil
	}
	for _, p := range pages {
		if pt.subst[p] != nil {
			return nil // an old value beside its new one: not one build's pages
		}
	}
	return pt
}

// sub is p's value in this build.
func (pt *patch) sub(p *content.Page) *content.Page {
	if q := pt.subst[p]; q != nil {
		return q
	}
	return p
}

// list is ps with the new values, ps itself when none changed (lists are
// never written once built).
func (pt *patch) list(ps []*content.Page) []*content.Page {
	if !slices.ContainsFunc(ps, func(p *content.Page) bool { return pt.subst[p] != nil }) {
		return ps
	}
	out := make([]*content.Page, len(ps))
	for i, p := range ps {
		out[i] = pt.sub(p)
	}
	return out
}

func patchMap[K comparable](pt *patch, m map[K]*content.Page) map[K]*content.Page {
	out := maps.Clone(m)
	if len(pt.subst) > 0 {
		for k, p := range out {
			if q := pt.subst[p]; q != nil {
				out[k] = q
			}
		}
	}
	return out
}

func patchLists(pt *patch, m map[string][]*content.Page) map[string][]*content.Page {
	out := maps.Clone(m)
	if len(pt.subst) > 0 {
		for k, ps := range out {
			out[k] = pt.list(ps)
		}
	}
	return out
}

// index is g.index(pages) made from the last build's.
func (pt *patch) index(g *Graph) {
	l := pt.last
	g.Pages = pt.list(l.Pages)
	g.Terms = pt.list(l.Terms)
	g.Home = pt.sub(l.Home)
	g.Sections = patchMap(pt, l.Sections)
	g.ByURL = patchMap(pt, l.ByURL)
	g.byFile = patchMap(pt, l.byFile)
	g.bySlug = patchMap(pt, l.bySlug)
	g.byName = patchMap(pt, l.byName)
	g.byTitle = patchMap(pt, l.byTitle)
	g.byOrigURL = patchMap(pt, l.byOrigURL)
	g.byOrigName = patchMap(pt, l.byOrigName)
	g.Redirects = patchMap(pt, l.Redirects)
	g.Tags = patchLists(pt, l.Tags)
	g.ambiguous = patchLists(pt, l.ambiguous)
}

// sameRelations says whether the edited terms declare what they did.
func (pt *patch) sameRelations() bool {
	for o, p := range pt.subst {
		if !slices.EqualFunc(o.Relations, p.Relations, func(a, b content.Relation) bool {
			return a.Verb == b.Verb && a.Target == b.Target
		}) {
			return false
		}
	}
	return true
}

// relations is g.relations() made from the last build's: the same edges
// between the new values.
func (pt *patch) relations(g *Graph) {
	edges := slices.Clone(pt.last.Relations)
	verbs := g.opts.Vocabulary.verbs // equal to the last build's
	for i := range edges {
		e := &edges[i]
		e.From, e.To, e.Verb = pt.sub(e.From), pt.sub(e.To), &verbs[e.Order]
	}
	g.setRelations(edges)
}

// backlinks are g's backlinks made from the last build's, given each
// page's links (index for index with g.Pages, which are the last build's
// pages in the same order); false when too many pages' links changed to
// be worth it.
func (pt *patch) backlinks(g *Graph, links [][]*content.Page) bool {
	l := pt.last
	// The pages whose links are not the last build's (with the new
	// values).
	changed := map[*content.Page]bool{} // their old and new values
	var at []int                        // their numbers
	for i, p := range g.Pages {
		old := l.Links[l.Pages[i]]
		if len(old) == len(links[i]) && (len(old) == 0 || &old[0] == &links[i][0] ||
			slices.EqualFunc(old, links[i], func(o, q *content.Page) bool { return pt.sub(o) == q })) {
			continue
		}
		if len(at) == maxChanged {
			return false
		}
		changed[p], changed[l.Pages[i]] = true, true
		at = append(at, i)
	}
	// The lists to make again: those that held a page parsed again or a
	// changed page, or will hold a changed page (old values as keys).
	dirty := map[*content.Page]bool{}
	for o := range pt.subst {
		for _, q := range l.Links[o] {
			dirty[q] = true
		}
	}
	for _, i := range at {
		for _, q := range l.Links[l.Pages[i]] {
			dirty[q] = true
		}
		for _, q := range links[i] {
			dirty[pt.old(q)] = true
		}
	}
	back := make(map[*content.Page][]*content.Page, len(l.Backlinks)+len(dirty))
	for q, ps := range l.Backlinks {
		if !dirty[q] {
			back[pt.sub(q)] = ps // holds no page parsed again: unchanged
		}
	}
	for q := range dirty {
		var ps []*content.Page
		for _, p := range l.Backlinks[q] {
			if !changed[p] {
				ps = append(ps, pt.sub(p))
			}
		}
		nq := pt.sub(q)
		added := false
		for _, i := range at {
			if slices.Contains(links[i], nq) {
				ps, added = append(ps, g.Pages[i]), true
			}
		}
		if added {
			slices.SortFunc(ps, compareTitle)
		}
		if len(ps) > 0 {
			back[nq] = ps
		}
	}
	g.Backlinks = back
	return true
}

// old is p's value in the last build.
func (pt *patch) old(p *content.Page) *content.Page {
	if o := pt.orig[p]; o != nil {
		return o
	}
	return p
}
