package graph

import (
	"sync"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/memo"
	"github.com/ctohandbook/sitegen/internal/par"
)

// Neighbors are the other terms joined to a term by a relation or a prose
// link, either way, each once, in no particular order, and which of them
// a relation joins.
type Neighbors struct {
	Terms   []*content.Page
	Related map[*content.Page]bool
	// Conns is each term's Connections, index for index.
	Conns []int
	// Key names the term's place in the graph: what is shown of it, its
	// relations and links either way (verbs, ends), and each neighbor's
	// file, title and connection count. Two builds give a term the same
	// Key exactly when all of that is the same.
	Key memo.Key
}

// Connections counts p's relations and prose links, each way, with any
// page: how connected a term is.
func (g *Graph) Connections(p *content.Page) int {
	return len(g.Out[p]) + len(g.In[p]) + len(g.Links[p]) + len(g.Backlinks[p])
}

// neighborCache holds every term's Neighbors, made at the first call of
// TermNeighbors (on all cores) and read-only afterwards: every term page
// reads its neighbors' neighbors for its local graph, so each set is made
// once per build instead of once per page that reads it.
type neighborCache struct {
	once sync.Once
	of   map[*content.Page]*Neighbors
	// shown is the key of what is shown of each term (its file, URL,
	// title, summary, other names): a neighbor's part of a term's Key.
	shown map[*content.Page]memo.Key
}

// TermNeighbors are p's neighbor terms. It is safe for concurrent use.
func (g *Graph) TermNeighbors(p *content.Page) *Neighbors {
	g.neighbors.once.Do(func() {
		keys := make([]memo.Key, len(g.Terms))
		par.Each(len(g.Terms), func(i int) {
			t := g.Terms[i]
			keys[i] = memo.New("term-shown").String(t.File, t.URL, t.Slug, t.Title, t.TitleKey, t.Summary).Int(len(t.Aka)).String(t.Aka...).Sum()
		})
		g.neighbors.shown = make(map[*content.Page]memo.Key, len(g.Terms))
		for i, t := range g.Terms {
			g.neighbors.shown[t] = keys[i]
		}
		all := make([]*Neighbors, len(g.Terms))
		par.Each(len(g.Terms), func(i int) { all[i] = g.termNeighbors(g.Terms[i]) })
		g.neighbors.of = make(map[*content.Page]*Neighbors, len(g.Terms))
		for i, t := range g.Terms {
			g.neighbors.of[t] = all[i]
		}
	})
	if n := g.neighbors.of[p]; n != nil {
		return n
	}
	return g.termNeighbors(p) // not a term of this graph
}

// shownKey is the key of what is shown of a term.
func (g *Graph) shownKey(t *content.Page) memo.Key {
	if k, ok := g.neighbors.shown[t]; ok {
		return k
	}
	return memo.New("term-shown").String(t.File, t.URL, t.Slug, t.Title, t.TitleKey, t.Summary).Int(len(t.Aka)).String(t.Aka...).Sum()
}

func (g *Graph) termNeighbors(p *content.Page) *Neighbors {
	n := &Neighbors{Related: map[*content.Page]bool{}}
	seen := map[*content.Page]bool{p: true}
	add := func(q *content.Page, relation bool) {
		if relation {
			n.Related[q] = true
		}
		if !seen[q] && q.Kind == content.KindTerm {
			seen[q] = true
			n.Terms = append(n.Terms, q)
		}
	}
	for _, e := range g.Out[p] {
		add(e.To, true)
	}
	for _, e := range g.In[p] {
		add(e.From, true)
	}
	for _, q := range g.Links[p] {
		add(q, false)
	}
	for _, q := range g.Backlinks[p] {
		add(q, false)
	}
	n.Conns = make([]int, len(n.Terms))
	h := memo.New("term-place").Key(g.shownKey(p))
	for i, q := range n.Terms {
		n.Conns[i] = g.Connections(q)
		h.Key(g.shownKey(q)).Int(n.Conns[i]).Bool(n.Related[q])
	}
	for _, e := range g.Out[p] {
		h.String("out", e.Verb.Name, e.To.File).Int(e.Order)
	}
	for _, e := range g.In[p] {
		h.String("in", e.Verb.Name, e.From.File).Int(e.Order)
	}
	for _, q := range g.Links[p] {
		h.String("link", q.File)
	}
	for _, q := range g.Backlinks[p] {
		h.String("back", q.File)
	}
	n.Key = h.Sum()
	return n
}
