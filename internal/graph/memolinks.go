package graph

import (
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
func (g *Graph) addressKey() memo.Key {
	keys := make([]memo.Key, len(g.Pages))
	par.Each(len(g.Pages), func(i int) {
		p := g.Pages[i]
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
