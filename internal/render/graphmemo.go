package render

import (
	"html/template"
	"sort"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/memo"
)

// Drawing a graph (layout and SVG) is the most expensive part of a term
// page, so a page's data carries the key of its graph instead of the
// SVG, and the SVG is drawn only when the page is executed. The key names
// every input the drawing reads: the terms drawn with what is shown of
// them, their connection counts and hops, and the edges among them.

// localGraph is a term's local graph as a lazy part of its page.
//
// Its key is made of the term's place in the graph and its neighbors'
// (graph.Neighbors.Key, made once per build): everything within two
// links, which is all a local graph can choose from or draw. So an
// unchanged neighborhood costs one hash per neighbor, not the choice of
// nodes. A term without neighbors draws nothing (nil).
func (r *Renderer) localGraph(g *graph.Graph, term *content.Page) (memo.Key, func() template.HTML) {
	nb := g.TermNeighbors(term)
	if len(nb.Terms) == 0 {
		return memo.Key{}, nil
	}
	h := memo.New("local-graph").Key(nb.Key)
	for _, q := range nb.Terms {
		h.Key(g.TermNeighbors(q).Key)
	}
	return h.Sum(), func() template.HTML { return LocalGraph(g, term, r.strings()) }
}

// globalGraph is /graph/'s graph as a lazy part of its page.
func (r *Renderer) globalGraph(g *graph.Graph) (memo.Key, func() template.HTML) {
	h := memo.New("global-graph").Int(len(g.Terms))
	r.hashDrawing(h, g, globalTerms(g), nil)
	return h.Sum(), func() template.HTML { return GlobalGraph(g, r.strings()) }
}

func (r *Renderer) hashDrawing(h *memo.Hasher, g *graph.Graph, terms []*content.Page, hop map[*content.Page]int) {
	index := make(map[*content.Page]int, len(terms))
	for i, t := range terms {
		index[t] = i
	}
	for _, t := range terms {
		// The card key names the URL, title, other names and summary.
		h.Key(r.hoverCard(t).key).String(t.Slug).Int(len(t.Aka))
		d, inHop := hop[t]
		h.Int(connections(g, t), d).Bool(inHop)
		for _, e := range g.Out[t] {
			if j, ok := index[e.To]; ok {
				h.String("out", e.Verb.Name, e.Verb.Label()).Int(j, e.Order)
			}
		}
		for _, q := range g.Links[t] {
			if j, ok := index[q]; ok {
				h.String("link").Int(j)
			}
		}
	}
}

// globalTerms are the terms /graph/ draws: all of them, or the
// GlobalLimit most connected (ties in title order, as g.Terms is sorted).
func globalTerms(g *graph.Graph) []*content.Page {
	terms := append([]*content.Page(nil), g.Terms...)
	sort.SliceStable(terms, func(i, j int) bool { return connections(g, terms[i]) > connections(g, terms[j]) })
	if len(terms) > GlobalLimit {
		terms = terms[:GlobalLimit]
	}
	return terms
}
