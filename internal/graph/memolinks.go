package graph

import (
	"slices"
	"sort"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/memo"
	"github.com/ctohandbook/sitegen/internal/par"
)

// linkMemo is one resolved link as Memo keeps it: the target page by its
// URL, since the page itself is parsed again when its file changes.
type linkMemo struct {
	url      string
	page     string // the target page's URL; "" for none
	external bool
}

// addressKey names everything a link can resolve against, apart from the
// page that links: every page's file, URL, kind, slug, title, akas,
// language, headings and original, and the known URLs, the language
// prefix and the drafts of the build. A page's links resolve the same
// in two builds with the same addressKey, whatever else changed (the
// text of any page, its relations, its summary).
func (g *Graph) addressKey(last *lastBuild) memo.Key {
	keys := make([]memo.Key, len(g.Pages))
	g.pageAddresses = make(map[*content.Page]memo.Key, len(g.Pages))
	par.Each(len(g.Pages), func(i int) {
		p := g.Pages[i]
		if last != nil {
			// The same page value has the same key.
			if k, ok := last.g.pageAddresses[p]; ok {
				keys[i] = k
				return
			}
		}
		h := memo.New("address").String(p.File, p.URL, p.Slug, p.Title, p.Lang, p.Rel).Int(int(p.Kind)).Bool(p.Fallback)
		h.Int(len(p.Aka)).String(p.Aka...)
		h.Int(len(p.Headings))
		for _, hd := range p.Headings {
			h.String(hd.ID)
		}
		if o := p.Original; o != nil {
			h.String(o.File, o.URL, o.Slug, o.Title, o.Lang).Int(len(o.Aka)).String(o.Aka...)
		}
		keys[i] = h.Sum()
	})
	for i, p := range g.Pages {
		g.pageAddresses[p] = keys[i]
	}
	h := memo.New("addresses").String(g.opts.Prefix).Key(keys...)
	urls := make([]string, 0, len(g.opts.URLs))
	for u, ok := range g.opts.URLs {
		if ok {
			urls = append(urls, u)
		}
	}
	sort.Strings(urls)
	h.Int(len(urls)).String(urls...)
	for _, d := range g.opts.Drafts {
		h.String(d.File, d.URL)
	}
	return h.Sum()
}

// linksKey is the key of p's resolved links under the addresses named by
// addresses: p's bytes (its links), file, URL and language.
func linksKey(addresses memo.Key, p *content.Page) memo.Key {
	return memo.New("links").Key(addresses, p.Hash).String(p.File, p.URL, p.Lang).Int(len(p.Links)).Sum()
}

// remembered turns remembered links back into targets, false when a
// target page is no longer there.
func (g *Graph) remembered(ms []linkMemo) ([]Target, bool) {
	out := make([]Target, len(ms))
	for i, m := range ms {
		out[i] = Target{URL: m.url, External: m.external}
		if m.page != "" {
			q := g.ByURL[m.page]
			if q == nil {
				return nil, false
			}
			out[i].Page = q
		}
	}
	return out, true
}

// memoOf is how Memo keeps targets.
func memoOf(ts []Target) []linkMemo {
	out := make([]linkMemo, len(ts))
	for i, t := range ts {
		out[i] = linkMemo{url: t.URL, external: t.External}
		if t.Page != nil {
			out[i].page = t.Page.URL
		}
	}
	return out
}

// lastBuild is the graph a Memo's previous build made, for the pages of
// this build that are the same values (not parsed again): their links
// resolve as then, to the same pages, unless an address changed or a
// page they reach was parsed again or removed (stale).
type lastBuild struct {
	g     *Graph
	stale map[*content.Page]bool
}

// remember keeps g for the next build, when it resolved without a
// problem.
func (m *Memo) remember(g *Graph) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.last = nil
	if len(g.Problems) == 0 {
		m.last = g
	}
}

// lastBuild is the previous build's graph beside g's pages, nil if there
// is none.
func (m *Memo) lastBuild(g *Graph) *lastBuild {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	prev := m.last
	m.mu.Unlock()
	if prev == nil {
		return nil
	}
	stale := map[*content.Page]bool{}
	for _, p := range prev.Pages {
		if g.ByURL[p.URL] != p {
			stale[p] = true
		}
	}
	return &lastBuild{g: prev, stale: stale}
}

// targets are p's targets and explicit links from the last build, if
// they still hold.
func (l *lastBuild) targets(p *content.Page, addresses memo.Key) ([]Target, []*content.Page, bool) {
	if l == nil || l.g.addresses != addresses || l.stale[p] {
		return nil, nil, false
	}
	ts, ok := l.g.Targets[p]
	if !ok {
		return nil, nil, false
	}
	linked := l.g.explicit[p]
	for _, q := range linked {
		if l.stale[q] {
			return nil, nil, false
		}
	}
	return ts, linked, true
}

// autoLinks are p's auto-links from the last build, if they still hold:
// the same names, the same explicit links (which a page's auto-links
// leave out), the same pages.
func (l *lastBuild) autoLinks(p *content.Page, g *Graph, names memo.Key) ([]AutoLink, bool) {
	if l == nil || l.g.names != names || l.stale[p] {
		return nil, false
	}
	if _, ok := l.g.Targets[p]; !ok || !slices.Equal(l.g.explicit[p], g.explicit[p]) {
		return nil, false
	}
	as := l.g.AutoLinks[p]
	for _, a := range as {
		if l.stale[a.To] {
			return nil, false
		}
	}
	return as, true
}
