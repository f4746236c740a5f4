package render

import (
	"html/template"
	"strings"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
)

// card is what a hover card shows of a term: [title, aka, summary].
type card [3]string

// cards embeds, in each page, the hover cards of the terms it links to,
// keyed by URL: the card shows without fetching anything. Pages list
// only the terms they link to, so the data stays small at any site size.
func cards(g *graph.Graph, p *content.Page, d *Page) template.JS {
	set := map[string]card{}
	add := func(url string) {
		url = strings.SplitN(url, "#", 2)[0]
		if t := g.ByURL[url]; t != nil && t.Kind == content.KindTerm && t != p {
			set[t.URL] = card{t.Title, strings.Join(t.Aka, ", "), t.Summary}
		}
	}
	if p != nil {
		for _, t := range g.Targets[p] {
			if t.Page != nil {
				add(t.Page.URL)
			}
		}
		for _, a := range g.AutoLinks[p] {
			add(a.To.URL)
		}
	}
	for _, gr := range d.Relations {
		for _, r := range gr.Terms {
			add(r.URL)
		}
	}
	for _, list := range [][]Ref{d.MentionedIn, d.List, d.Recent} {
		for _, r := range list {
			add(r.URL)
		}
	}
	if len(set) == 0 {
		return ""
	}
	return jsonLD(set)
}
