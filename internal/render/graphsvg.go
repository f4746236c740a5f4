package render

import (
	"html"
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/layout"
)

// The caps that keep a drawn graph readable.
const (
	// GlobalLimit is how many terms /graph/ draws at most: the most
	// connected ones. Larger sites reach the others through the glossary,
	// search and each term's local graph.
	GlobalLimit = 300
	// LocalFirstHop and LocalLimit cap a term's local graph: its most
	// connected neighbours, then theirs, up to LocalLimit terms in all.
	LocalFirstHop = 12
	LocalLimit    = 30
)

// GlobalGraph is the inline SVG of /graph/: every term (the GlobalLimit
// most connected on larger sites, which the caption says), laid out at
// build time, each a link with its title, sized by its number of
// connections; relations drawn by type and mentions dashed, with a legend.
// It reads without JavaScript; graph.js adds pan, zoom, highlight, filter
// and search. It is empty on a site without terms. Its text is in tr's
// language.
func GlobalGraph(g *graph.Graph, tr *Strings) template.HTML {
	terms := globalTerms(g)
	if len(terms) == 0 {
		return ""
	}
	deg := make(map[*content.Page]int, len(terms))
	for _, t := range terms {
		deg[t] = connections(g, t)
	}
	d := drawGraph(g, tr, "global", terms, deg, nil)
	d.Label = tr.N("graph_label", len(terms))
	connections := tr.N("graph_connections", len(d.Edges))
	d.Caption = tr.T("graph_caption", "terms", tr.N("graph_terms", len(terms)), "connections", connections)
	if len(terms) < len(g.Terms) {
		d.Caption = tr.T("graph_caption_limited", "shown", len(terms), "total", len(g.Terms), "connections", connections)
	}
	return executeGraph(d)
}

// LocalGraph is the inline SVG of a term's neighbourhood, for its page:
// the nodes LocalNodes chooses, the term highlighted, drawn like
// GlobalGraph, in tr's language. It is empty for a term with no
// relations or mentions.
func LocalGraph(g *graph.Graph, term *content.Page, tr *Strings) template.HTML {
	terms, hop, total := localTerms(g, term)
	if len(terms) < 2 {
		return ""
	}
	deg := map[*content.Page]int{}
	for _, t := range terms {
		deg[t] = connections(g, t)
	}
	d := drawGraph(g, tr, "local", terms, deg, hop)
	d.Label = tr.T("graph_label_local", term.Title)
	d.Caption = tr.T("graph_caption_local", term.Title)
	if total > LocalFirstHop {
		d.Caption += " " + tr.T("graph_caption_local_limited", "shown", LocalFirstHop, "total", total)
	}
	return executeGraph(d)
}

// LocalNodes are the slugs of the terms a term's local graph draws, sorted:
// the term; its neighbours (terms joined to it by a relation or a prose
// link, either way), or if there are more than LocalFirstHop, those it has
// relations with first, then the most connected; then the terms two hops
// away through them (a neighbour left out by the cap stays out), up to
// LocalLimit in all: those related to a first-hop term first, then those
// linked to the most first-hop terms, then the most connected. A
// first-hop term with more than LocalHub connections is drawn but not
// followed: through a hub every term would be two hops away. Ties go by
// title, so the choice is the same on every build.
func LocalNodes(g *graph.Graph, term *content.Page) []string {
	terms, _, _ := localTerms(g, term)
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t.Slug
	}
	sort.Strings(out)
	return out
}

// LocalHub is the number of connections from which a term is a hub that
// a local graph does not follow to its neighbours.
const LocalHub = 100

// localTerms chooses a term's local graph: the terms, with the centre
// first, each one's hop from the centre, and the centre's number of
// neighbours. Its work depends on the neighbourhood, not on the site.
func localTerms(g *graph.Graph, centre *content.Page) ([]*content.Page, map[*content.Page]int, int) {
	// skip holds the terms that cannot be second-hop: the centre and all
	// its neighbours, drawn or left out by the cap.
	nb := g.TermNeighbors(centre)
	first, related := nb.Terms, nb.Related
	skip := make(map[*content.Page]bool, len(first)+1)
	skip[centre] = true
	cands := make([]candidate, len(first))
	for i, p := range first {
		skip[p] = true
		cands[i] = candidate{p: p, related: related[p], conn: nb.Conns[i]}
	}
	total := len(first)
	hop := map[*content.Page]int{centre: 0}
	terms := []*content.Page{centre}
	top := topK(cands, LocalFirstHop)
	for _, c := range top {
		hop[c.p] = 1
		terms = append(terms, c.p)
	}
	var second []*candidate
	seen := map[*content.Page]*candidate{}
	for _, c := range top {
		if c.conn > LocalHub {
			continue
		}
		n := g.TermNeighbors(c.p)
		for i, q := range n.Terms {
			if skip[q] {
				continue
			}
			rel := n.Related
			sc := seen[q]
			if sc == nil {
				sc = &candidate{p: q, conn: n.Conns[i]}
				seen[q] = sc
				second = append(second, sc)
			}
			sc.links++
			sc.related = sc.related || rel[q]
		}
	}
	flat := make([]candidate, len(second))
	for i, c := range second {
		flat[i] = *c
	}
	for _, c := range topK(flat, LocalLimit-len(terms)) {
		hop[c.p] = 2
		terms = append(terms, c.p)
	}
	return terms, hop, total
}

// candidate is a term a local graph may draw, with what ranks it: joined
// by a relation, linked to how many drawn terms, how connected.
type candidate struct {
	p       *content.Page
	related bool
	links   int
	conn    int
}

// better orders by related, then by links, then by connections, then by
// title: a strict order, so the top k are the same however found.
func (a candidate) better(b candidate) bool {
	if a.related != b.related {
		return a.related
	}
	if a.links != b.links {
		return a.links > b.links
	}
	if a.conn != b.conn {
		return a.conn > b.conn
	}
	return titleLess(a.p, b.p)
}

// topK is the k best candidates, best first, found without sorting them
// all: a hub's thousands of neighbours cost one pass, not a sort.
func topK(cs []candidate, k int) []candidate {
	if k <= 0 {
		return nil
	}
	top := make([]candidate, 0, k+1)
	for _, c := range cs {
		if len(top) == k && !c.better(top[k-1]) {
			continue
		}
		i := sort.Search(len(top), func(i int) bool { return c.better(top[i]) })
		top = append(top, candidate{})
		copy(top[i+1:], top[i:])
		top[i] = c
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}

// connections counts p's relations and prose links, each way, with any
// page: how connected a term is, for circle sizes and rankings. It costs
// the same for a hub as for a leaf.
func connections(g *graph.Graph, p *content.Page) int {
	return len(g.Out[p]) + len(g.In[p]) + len(g.Links[p]) + len(g.Backlinks[p])
}

func titleLess(a, b *content.Page) bool {
	if a.TitleKey != b.TitleKey {
		return a.TitleKey < b.TitleKey
	}
	return a.URL < b.URL
}

// svgGraph is what executeGraph writes: numbers already formatted.
type svgGraph struct {
	Kind, ArrowID string
	W, H          string
	Label         string
	Caption       string
	Edges         []svgEdge
	Nodes         []svgNode
	Legend        []legendItem
	tr            *Strings // the language of its fixed text
}

type svgEdge struct {
	Class, D, From, To, Verb, Title string
	Arrow                           bool
}

type svgNode struct {
	Class, URL, Slug, Name, Tip string
	Aka                         []string
	X, Y, R, TY                 string
	Lines                       []string // the label, on one or two lines
}

type legendItem struct{ Verb, Class, Label string }

// A drawn edge before layout: a relation or a mention between two terms.
type drawEdge struct {
	a, b  int // indexes into the sorted terms
	class string
	verb  string
	label string
	order int // vocabulary order; mentions last
	arrow bool
}

// drawGraph lays out the terms and the edges between them. hop, for a local
// graph, marks the centre (0) and the distance of the others.
func drawGraph(g *graph.Graph, tr *Strings, kind string, terms []*content.Page, deg map[*content.Page]int, hop map[*content.Page]int) *svgGraph {
	sorted := append([]*content.Page(nil), terms...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].URL < sorted[j].URL })
	index := make(map[*content.Page]int, len(sorted))
	for i, t := range sorted {
		index[t] = i
	}
	edges := edgesAmong(g, tr, sorted, index, hop)

	hubDeg := hubDegree(sorted, deg)
	nodes := make([]layout.Node, len(sorted))
	radius := make([]float64, len(sorted))
	labels := make([][]string, len(sorted))
	maxDeg := 1
	for _, t := range sorted {
		maxDeg = max(maxDeg, deg[t])
	}
	var area float64
	for i, t := range sorted {
		h, inHop := hop[t]
		focus := inHop && h == 0
		// Circle areas grow with connections, relative to the best
		// connected term drawn, from 5 to 18 units of radius.
		r := 5 + 13*math.Sqrt(float64(deg[t])/float64(maxDeg))
		if focus {
			r += 4
		}
		radius[i] = r
		labels[i] = labelLines(t.Title)
		// The footprint: the wider of circle and label, and room for the
		// label below the circle (and as much above, to keep it centred).
		w, ht := max(2*r, labelWidth(labels[i]))+10, 2*(r+17+lineHeight*float64(len(labels[i])-1))
		nodes[i] = layout.Node{Weight: float64(deg[t]), W: w, H: ht, Focus: focus}
		area += w * ht
	}
	pairs := make([][2]int, len(edges))
	for i, e := range edges {
		pairs[i] = [2]int{e.a, e.b}
	}
	// A 16:10 box with 2.6 times the footprints' area: room for edges.
	bw := max(math.Round(math.Sqrt(area*2.6*1.6)), 480)
	bh := max(math.Round(area*2.6/bw), 320)
	pts := layout.Place(nodes, pairs, layout.Options{Width: bw, Height: bh})

	d := &svgGraph{Kind: kind, ArrowID: "cg-arrow-" + kind, W: svgNum(bw), H: svgNum(bh), tr: tr}
	d.Edges, d.Legend = edgePaths(edges, sorted, pts, radius, tr)
	order := append([]*content.Page(nil), terms...)
	sort.SliceStable(order, func(i, j int) bool {
		if hop != nil && (hop[order[i]] == 0) != (hop[order[j]] == 0) {
			return hop[order[i]] == 0
		}
		return titleLess(order[i], order[j])
	})
	for _, t := range order {
		i := index[t]
		class := "node"
		if deg[t] >= hubDeg {
			class += " node-hub"
		}
		if h, ok := hop[t]; ok {
			class += [...]string{" node-centre", " node-hop1", " node-hop2"}[h]
		}
		tip := t.Title
		if t.Summary != "" {
			tip += ": " + t.Summary
		}
		p := pts[i]
		d.Nodes = append(d.Nodes, svgNode{
			Class: class, URL: t.URL, Slug: t.Slug, Name: t.Title, Tip: tip, Aka: t.Aka,
			X: svgNum(p.X), Y: svgNum(p.Y), R: svgNum(radius[i]), TY: svgNum(p.Y + radius[i] + 13), Lines: labels[i],
		})
	}
	return d
}

// edgesAmong are the relations between the terms, and the prose links
// where no relation already joins the pair, so each pair shows its most
// telling connections without a dashed line on top of a solid one. In a
// local graph (hop not nil), edges between two second-hop terms are left
// out: they say nothing about the centre and crowd the picture.
func edgesAmong(g *graph.Graph, tr *Strings, sorted []*content.Page, index map[*content.Page]int, hop map[*content.Page]int) []drawEdge {
	var out []drawEdge
	related := map[[2]int]bool{}
	far := func(a, b *content.Page) bool { return hop != nil && hop[a] == 2 && hop[b] == 2 }
	for i, t := range sorted {
		for _, e := range g.Out[t] {
			j, ok := index[e.To]
			if !ok || far(t, e.To) {
				continue
			}
			related[[2]int{i, j}], related[[2]int{j, i}] = true, true
			out = append(out, drawEdge{a: i, b: j, class: "edge edge-" + verbClass(e.Verb.Name), verb: e.Verb.Name,
				label: tr.Verb(e.Verb.Label()), order: e.Order, arrow: !e.Verb.Symmetric()})
		}
	}
	for i, t := range sorted {
		for _, q := range g.Links[t] {
			j, ok := index[q]
			if ok && !related[[2]int{i, j}] && !far(t, q) {
				out = append(out, drawEdge{a: i, b: j, class: "edge edge-mention", verb: graph.MentionVerb,
					label: tr.Verb(graph.MentionVerb), order: math.MaxInt})
			}
		}
	}
	return out
}

// edgePaths draws each edge from circle to circle, bending the second
// and later edges between one pair apart; and lists the legend's verbs,
// in vocabulary order.
func edgePaths(edges []drawEdge, terms []*content.Page, pts []layout.Point, radius []float64, tr *Strings) ([]svgEdge, []legendItem) {
	type pair struct{ a, b int }
	key := func(e drawEdge) pair {
		if e.a > e.b {
			return pair{e.b, e.a}
		}
		return pair{e.a, e.b}
	}
	multi := map[pair]int{}
	for _, e := range edges {
		multi[key(e)]++
	}
	seen := map[pair]int{}
	var out []svgEdge
	verbs := map[string]drawEdge{}
	for _, e := range edges {
		k := key(e)
		n, m := seen[k], multi[k]
		seen[k]++
		bend := (float64(n) - float64(m-1)/2) * 18
		if e.a > e.b {
			bend = -bend
		}
		a, b := pts[e.a], pts[e.b]
		dx, dy := b.X-a.X, b.Y-a.Y
		length := math.Hypot(dx, dy)
		if length < 1e-6 {
			continue
		}
		cx, cy := (a.X+b.X)/2-dy/length*bend*2, (a.Y+b.Y)/2+dx/length*bend*2
		start := towardPoint(a, cx, cy, radius[e.a])
		end := towardPoint(b, cx, cy, radius[e.b]+1)
		path := "M" + svgNum(start.X) + " " + svgNum(start.Y) + " L" + svgNum(end.X) + " " + svgNum(end.Y)
		if bend != 0 {
			path = "M" + svgNum(start.X) + " " + svgNum(start.Y) + " Q" + svgNum(cx) + " " + svgNum(cy) + " " + svgNum(end.X) + " " + svgNum(end.Y)
		}
		from, to := terms[e.a], terms[e.b]
		out = append(out, svgEdge{Class: e.class, D: path, From: from.Slug, To: to.Slug, Verb: e.verb,
			Title: from.Title + " " + e.label + " " + to.Title, Arrow: e.arrow})
		if _, ok := verbs[e.verb]; !ok {
			verbs[e.verb] = e
		}
	}
	legend := make([]drawEdge, 0, len(verbs))
	for _, e := range verbs {
		legend = append(legend, e)
	}
	sort.Slice(legend, func(i, j int) bool {
		if legend[i].order != legend[j].order {
			return legend[i].order < legend[j].order
		}
		return legend[i].verb < legend[j].verb
	})
	items := make([]legendItem, len(legend))
	for i, e := range legend {
		items[i] = legendItem{Verb: e.verb, Class: e.class, Label: e.label}
		if e.verb == graph.MentionVerb {
			items[i].Label = tr.T("graph_legend_mentions")
		}
	}
	return out, items
}

// towardPoint is the point on the circle around p of radius r that faces (x, y).
func towardPoint(p layout.Point, x, y, r float64) layout.Point {
	dx, dy := x-p.X, y-p.Y
	d := math.Hypot(dx, dy)
	if d < 1e-6 {
		return p
	}
	return layout.Point{X: p.X + dx/d*r, Y: p.Y + dy/d*r}
}

// hubDegree is the degree from which a node's label is bold: the top
// tenth, and at least 3 connections.
func hubDegree(terms []*content.Page, deg map[*content.Page]int) int {
	ds := make([]int, 0, len(terms))
	for _, t := range terms {
		ds = append(ds, deg[t])
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ds)))
	return max(3, ds[len(ds)/10])
}

// lineHeight is the distance between the two lines of a label, for the
// 12px of graph.css.
const lineHeight = 14

// labelLines is a node's label: the whole title, never cut (a cut label
// would not be the link's accessible name), on two lines broken at the
// space nearest the middle when it is longer than 18 characters.
func labelLines(title string) []string {
	r := []rune(title)
	if len(r) <= 18 {
		return []string{title}
	}
	best := -1
	for i, c := range r {
		if c == ' ' && (best < 0 || abs(len(r)-2*i) < abs(len(r)-2*best)) {
			best = i
		}
	}
	if best < 0 {
		return []string{title}
	}
	return []string{string(r[:best]), string(r[best+1:])}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// labelWidth guesses the width of a label's longest line at the 12px of
// graph.css: 7.2 units a letter, a whole em (12) for a wide one (Han,
// kana, Hangul: "可观测性" is 48 units, not 29, and would be cut at the
// graph's edge), none for a mark drawn on its letter (Devanagari's
// virama, Arabic vowel signs).
func labelWidth(lines []string) float64 {
	var w float64
	for _, l := range lines {
		var lw float64
		for _, r := range l {
			switch {
			case r < utf8.RuneSelf:
				lw += 7.2
			case unicode.In(r, unicode.Mn, unicode.Me):
			case width.LookupRune(r).Kind() == width.EastAsianWide || width.LookupRune(r).Kind() == width.EastAsianFullwidth:
				lw += 12
			default:
				lw += 7.2
			}
		}
		w = max(w, lw)
	}
	return w
}

// verbClass keeps the letters, digits and hyphens of a verb.
func verbClass(verb string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '-'
	}, strings.ToLower(verb))
}

func svgNum(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// executeGraph writes the figure: a link that skips past the graph's
// nodes to its caption; an empty toolbar that graph.js fills (graph.css
// reserves its room, so nothing moves when it does); the SVG (edges under
// nodes; each node a link with an accessible name, a tooltip and its other
// names; data-* attributes for graph.js; no inline style, graph.css
// styles the classes), then the caption and legend. Every text from content goes through esc; it is
// written by hand rather than by html/template because it runs for every
// term page and the template's reflection cost more than the layout.
func executeGraph(d *svgGraph) template.HTML {
	var b strings.Builder
	esc := html.EscapeString
	arrows := false
	for _, e := range d.Edges {
		arrows = arrows || e.Arrow
	}
	end := "graph-end-" + esc(d.Kind)
	b.WriteString(`<figure class="graph graph-` + esc(d.Kind) + `">` + "\n")
	b.WriteString(`<a class="graph-skip" href="#` + end + `">` + esc(d.tr.T("graph_skip")) + `</a>` + "\n")
	b.WriteString(`<div class="graph-toolbar"></div>` + "\n")
	b.WriteString(`<div class="graph-frame">` + "\n")
	b.WriteString(`<svg class="concept-graph" viewBox="0 0 ` + d.W + ` ` + d.H + `" width="` + d.W + `" height="` + d.H +
		`" role="group" aria-label="` + esc(d.Label) + `">` + "\n")
	b.WriteString(`<defs><marker id="` + d.ArrowID + `" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" ` +
		`markerWidth="9" markerHeight="9" orient="auto"><path class="arrow" d="M0 1 L10 5 L0 9 z"/></marker></defs>` + "\n")
	b.WriteString(`<g class="edges" aria-hidden="true">` + "\n")
	for _, e := range d.Edges {
		b.WriteString(`<path class="` + esc(e.Class) + `" d="` + e.D + `" data-from="` + esc(e.From) + `" data-to="` + esc(e.To) +
			`" data-verb="` + esc(e.Verb) + `" fill="none" stroke="currentColor"`)
		if e.Arrow {
			b.WriteString(` marker-end="url(#` + d.ArrowID + `)"`)
		}
		b.WriteString(`><title>` + esc(e.Title) + "</title></path>\n")
	}
	b.WriteString("</g>\n" + `<g class="nodes">` + "\n")
	for _, n := range d.Nodes {
		b.WriteString(`<a class="` + esc(n.Class) + `" href="` + esc(n.URL) + `" data-slug="` + esc(n.Slug) + `" aria-label="` + esc(n.Name) + `"`)
		if len(n.Aka) > 0 {
			b.WriteString(` data-aka="` + esc(strings.Join(n.Aka, "|")) + `"`)
		}
		b.WriteString(`><title>` + esc(n.Tip) + `</title><circle cx="` + n.X + `" cy="` + n.Y + `" r="` + n.R + `"/><text x="` + n.X + `" y="` + n.TY +
			`" text-anchor="middle">`)
		if len(n.Lines) == 1 {
			b.WriteString(esc(n.Lines[0]))
		} else {
			// The space ends the first line, so that the text reads as the title.
			b.WriteString(`<tspan>` + esc(n.Lines[0]) + ` </tspan><tspan x="` + n.X + `" dy="` + strconv.Itoa(lineHeight) + `">` + esc(n.Lines[1]) + `</tspan>`)
		}
		b.WriteString("</text></a>\n")
	}
	b.WriteString("</g>\n</svg>\n</div>\n" + `<figcaption class="graph-caption" id="` + end + `" tabindex="-1">` + "\n<p>" + esc(d.Caption))
	if arrows {
		b.WriteString(" " + esc(d.tr.T("graph_arrows")))
	}
	b.WriteString("</p>\n")
	if len(d.Legend) > 0 {
		b.WriteString(`<ul class="graph-legend" aria-label="` + esc(d.tr.T("graph_legend")) + `">` + "\n")
		for _, l := range d.Legend {
			b.WriteString(`<li data-verb="` + esc(l.Verb) + `"><svg class="graph-swatch" viewBox="0 0 36 10" width="36" height="10" aria-hidden="true">` +
				`<line class="` + esc(l.Class) + `" x1="1" y1="5" x2="35" y2="5" stroke="currentColor"/></svg> ` + esc(l.Label) + "</li>\n")
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("</figcaption>\n</figure>\n")
	return template.HTML(b.String())
}
