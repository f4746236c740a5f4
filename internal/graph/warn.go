package graph

import (
	"sort"
	"strings"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/problem"
)

// warn finds what does not fail a build but deserves a look: orphan
// terms, terms without a summary, one-way `related` entries, and groups of
// terms that no relation or link connects to the rest of the glossary.
func (g *Graph) warn() {
	for _, t := range g.Terms {
		if len(g.Backlinks[t]) == 0 && len(g.Out[t]) == 0 && len(g.In[t]) == 0 {
			g.warning(t, problem.Pos{}, "orphan term: no page links to it and it has no relations")
		}
		if !t.SummarySet {
			g.warning(t, problem.Pos{Line: 1, Col: 1}, "no summary in front matter (the first sentence of the body is used)")
		}
		for _, r := range t.Relations {
			if !r.Shorthand {
				continue
			}
			other := g.Term(r.Target)
			if other == nil || other == t {
				continue
			}
			back := false
			for _, r2 := range other.Relations {
				if r2.Verb == "see-also" && g.Term(r2.Target) == t {
					back = true
				}
			}
			if !back {
				g.warning(t, r.Pos, "one-way related entry %q: %s does not list %q back", r.Target, other.File, t.Slug)
			}
		}
	}
	g.warnClusters()
}

// warnClusters reports groups of terms cut off from the largest group.
func (g *Graph) warnClusters() {
	if len(g.Terms) < 2 {
		return
	}
	adj := map[*content.Page][]*content.Page{}
	for _, e := range g.Relations {
		adj[e.From] = append(adj[e.From], e.To)
		adj[e.To] = append(adj[e.To], e.From)
	}
	for p, qs := range g.Links {
		if p.Kind != content.KindTerm {
			continue
		}
		for _, q := range qs {
			if q.Kind == content.KindTerm {
				adj[p] = append(adj[p], q)
				adj[q] = append(adj[q], p)
			}
		}
	}
	comp := Components(g.Terms, adj)
	if len(comp) < 2 {
		return
	}
	for _, c := range comp[1:] {
		if len(c) == 1 {
			continue // reported as an orphan, or linked only from guides
		}
		names := make([]string, len(c))
		for i, p := range c {
			names[i] = p.Slug
		}
		g.warning(c[0], problem.Pos{}, "these terms connect to each other but not to the rest of the glossary: %s", strings.Join(names, ", "))
	}
}

// Components splits nodes into connected groups, largest first; each group
// sorted by URL.
func Components(nodes []*content.Page, adj map[*content.Page][]*content.Page) [][]*content.Page {
	seen := map[*content.Page]bool{}
	var out [][]*content.Page
	for _, n := range nodes {
		if seen[n] {
			continue
		}
		var c []*content.Page
		stack := []*content.Page{n}
		seen[n] = true
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			c = append(c, x)
			for _, y := range adj[x] {
				if !seen[y] {
					seen[y] = true
					stack = append(stack, y)
				}
			}
		}
		sort.Slice(c, func(i, j int) bool { return c[i].URL < c[j].URL })
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return out[i][0].URL < out[j][0].URL
	})
	return out
}
