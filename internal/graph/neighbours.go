package graph

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/memo"
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

// neighborCache holds each term's Neighbors and shown key, each made at
// its first use and read-only afterwards: every term page reads its
// neighbors' neighbors for its local graph, so each set is made once per
// build instead of once per page that reads it, and a preview that makes
// one edited page first makes only the sets that page reads.
type neighborCache struct {
	once  sync.Once
	slots map[*content.Page]*neighborSlot
	// last is the cache of the last build's graph and lastGraph that
	// graph, until this one's slots are made: the same term values keep
	// their shown keys, and their Neighbors where they hold (sameNeighbors).
	last      *neighborCache
	lastGraph *Graph
	// reused counts the Neighbors kept from the last build.
	reused atomic.Int64
}

type neighborSlot struct {
	once, shownOnce sync.Once
	n               *Neighbors
	// nDone says n is made; prev is the last build's Neighbors of the
	// same term value and what they were made from, until n is made.
	nDone atomic.Bool
	prev  *prevNeighbors
	// shown is the key of what is shown of the term (its file, URL,
	// title, summary, other names): a neighbor's part of a term's Key.
	// shownDone says it is made.
	shown     memo.Key
	shownDone atomic.Bool
}

// slot is t's place in the cache, nil when t is not a term of g.
func (g *Graph) slot(t *content.Page) *neighborSlot {
	g.neighbors.once.Do(func() {
		slots := make([]neighborSlot, len(g.Terms))
		g.neighbors.slots = make(map[*content.Page]*neighborSlot, len(g.Terms))
		var last map[*content.Page]*neighborSlot
		lg := g.neighbors.lastGraph
		if l := g.neighbors.last; l != nil {
			last = l.slots
			g.neighbors.last, g.neighbors.lastGraph = nil, nil
		}
		for i, t := range g.Terms {
			sl := &slots[i]
			if old := last[t]; old != nil && old.shownDone.Load() {
				sl.shown = old.shown
				sl.shownOnce.Do(func() {})
				sl.shownDone.Store(true)
			}
			if old := last[t]; old != nil && old.nDone.Load() {
				sl.prev = &prevNeighbors{n: old.n, out: lg.Out[t], in: lg.In[t], links: lg.Links[t], back: lg.Backlinks[t]}
			}
			g.neighbors.slots[t] = sl
		}
	})
	return g.neighbors.slots[t]
}

// TermNeighbors are p's neighbor terms. It is safe for concurrent use.
func (g *Graph) TermNeighbors(p *content.Page) *Neighbors {
	sl := g.slot(p)
	if sl == nil {
		return g.termNeighbors(p) // not a term of this graph
	}
	sl.once.Do(func() {
		if pr := sl.prev; pr != nil && g.sameNeighbors(p, pr) {
			sl.n = pr.n
			g.neighbors.reused.Add(1)
		} else {
			sl.n = g.termNeighbors(p)
		}
		sl.prev = nil
		sl.nDone.Store(true)
	})
	return sl.n
}

// prevNeighbors are a term's Neighbors in the last build, and the
// relations and links of the term they were made from.
type prevNeighbors struct {
	n           *Neighbors
	out, in     []Edge
	links, back []*content.Page
}

// sameNeighbors says whether p (the same value as in the last build) has
// the Neighbors it had: the same relations (ends, verbs, order), links
// and backlinks, to the same page values, whose connection counts are
// the same. Every part of the Key is then the same: a page value has one
// shown key.
func (g *Graph) sameNeighbors(p *content.Page, pr *prevNeighbors) bool {
	sameEdges := func(a, b []Edge, to bool) bool {
		return slices.EqualFunc(a, b, func(x, y Edge) bool {
			if to && x.To != y.To || !to && x.From != y.From {
				return false
			}
			return x.Verb.Name == y.Verb.Name && x.Order == y.Order
		})
	}
	if !slices.Equal(g.Links[p], pr.links) || !slices.Equal(g.Backlinks[p], pr.back) ||
		!sameEdges(g.Out[p], pr.out, true) || !sameEdges(g.In[p], pr.in, false) {
		return false
	}
	for i, q := range pr.n.Terms {
		if g.Connections(q) != pr.n.Conns[i] {
			return false
		}
	}
	return true
}

// shownKey is the key of what is shown of a term.
func (g *Graph) shownKey(t *content.Page) memo.Key {
	sl := g.slot(t)
	if sl == nil {
		return termShown(t)
	}
	sl.shownOnce.Do(func() {
		sl.shown = termShown(t)
		sl.shownDone.Store(true)
	})
	return sl.shown
}

func termShown(t *content.Page) memo.Key {
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
