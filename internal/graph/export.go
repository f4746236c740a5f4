package graph

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ctohandbook/sitegen/internal/content"
)

// JSONNode is a node of /graph.json: a term, or a guide chapter.
type JSONNode struct {
	// Slug is the term's slug, or "<guide>/<chapter>" for a chapter, so
	// that no two nodes share one.
	Slug    string   `json:"slug"`
	Title   string   `json:"title"`
	Kind    string   `json:"kind"` // "term" or "chapter"
	URL     string   `json:"url"`
	Tags    []string `json:"tags"`
	Summary string   `json:"summary"`
}

// JSONEdge is an edge of /graph.json: a declared relation between two
// terms, or a mention (a prose link) between two nodes.
type JSONEdge struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Verb is the relation's name ("implements"), or "mentions".
	Verb string `json:"verb"`
	// Label reads from From to To ("implements"); InverseLabel from To
	// back to From ("implemented by").
	Label        string `json:"label"`
	InverseLabel string `json:"inverse_label"`
	Kind         string `json:"kind"` // "relation" or "mention"
}

// The verb and labels of a mention edge.
const (
	MentionVerb         = "mentions"
	MentionInverseLabel = "mentioned in"
)

// JSON is the graph as /graph.json, for other tools:
//
//	{"nodes": [{"slug", "title", "kind", "url", "tags", "summary"}, ...],
//	 "edges": [{"from", "to", "verb", "label", "inverse_label", "kind"}, ...]}
//
// Nodes are every term and every guide chapter, sorted by slug. Edges are
// every declared relation, once, from the term that declared it (a
// symmetric relation declared on both ends appears once), and every prose
// link between two nodes as a "mention", even where a relation joins the
// same pair: the two say different things, and readers filter by kind.
// Edges are sorted by from, to, kind (relations first) and verb. Each node
// and edge is on a line of its own, so that the file diffs well; the
// bytes are the same on every build of the same content.
func (g *Graph) JSON() ([]byte, error) {
	m := g.opts.Memo
	var last *jsonMemo
	if m != nil {
		m.mu.Lock()
		last = m.json
		m.mu.Unlock()
	}
	next := g.writeJSON(last)
	if m != nil {
		m.mu.Lock()
		m.json = next
		m.mu.Unlock()
	}
	return next.out, nil
}

// item starts the i-th item of a list on a line of its own.
func item(buf *bytes.Buffer, i int) {
	if i > 0 {
		buf.WriteByte(',')
	}
	buf.WriteString("\n  ")
}

// write writes n as encoding/json marshals it, without its reflection:
// graph.json has a line per node and edge, hundreds of thousands on a
// big site.
func (n JSONNode) write(buf *bytes.Buffer) {
	buf.WriteString(`{"slug":`)
	jsonString(buf, n.Slug)
	buf.WriteString(`,"title":`)
	jsonString(buf, n.Title)
	buf.WriteString(`,"kind":`)
	jsonString(buf, n.Kind)
	buf.WriteString(`,"url":`)
	jsonString(buf, n.URL)
	buf.WriteString(`,"tags":`)
	if n.Tags == nil {
		buf.WriteString("null")
	} else {
		buf.WriteByte('[')
		for i, t := range n.Tags {
			if i > 0 {
				buf.WriteByte(',')
			}
			jsonString(buf, t)
		}
		buf.WriteByte(']')
	}
	buf.WriteString(`,"summary":`)
	jsonString(buf, n.Summary)
	buf.WriteByte('}')
}

// write writes e as encoding/json marshals it.
func (e JSONEdge) write(buf *bytes.Buffer) {
	buf.WriteString(`{"from":`)
	jsonString(buf, e.From)
	buf.WriteString(`,"to":`)
	jsonString(buf, e.To)
	buf.WriteString(`,"verb":`)
	jsonString(buf, e.Verb)
	buf.WriteString(`,"label":`)
	jsonString(buf, e.Label)
	buf.WriteString(`,"inverse_label":`)
	jsonString(buf, e.InverseLabel)
	buf.WriteString(`,"kind":`)
	jsonString(buf, e.Kind)
	buf.WriteByte('}')
}

// jsonString writes s quoted as encoding/json does: HTML characters,
// U+2028 and U+2029 escaped, invalid UTF-8 as U+FFFD.
func jsonString(buf *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	buf.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			buf.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				buf.WriteByte('\\')
				buf.WriteByte(c)
			case '\b':
				buf.WriteString(`\b`)
			case '\f':
				buf.WriteString(`\f`)
			case '\n':
				buf.WriteString(`\n`)
			case '\r':
				buf.WriteString(`\r`)
			case '\t':
				buf.WriteString(`\t`)
			default:
				buf.WriteString(`\u00`)
				buf.WriteByte(hex[c>>4])
				buf.WriteByte(hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf.WriteString(s[start:i])
			buf.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf.WriteString(s[start:i])
			buf.WriteString(`\u202`)
			buf.WriteByte(hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf.WriteString(s[start:])
	buf.WriteByte('"')
}

// nodeSlug is a node's slug in graph.json: the term's slug, or
// "<guide>/<slug>" for a chapter; "" for pages that are not nodes.
func (g *Graph) nodeSlug(p *content.Page) string {
	switch {
	case p.Kind == content.KindTerm:
		return p.Slug
	case p.Kind == content.KindChapter && g.GuideOf[p] != nil:
		return p.Guide + "/" + p.Slug
	}
	return ""
}

// compareEdges orders edges by from, to, kind (relations first) and verb.
// Edges equal in all four are the same edge: any order of them writes
// the same bytes.
func compareEdges(a, b JSONEdge) int {
	if c := strings.Compare(a.From, b.From); c != 0 {
		return c
	}
	if c := strings.Compare(a.To, b.To); c != 0 {
		return c
	}
	if c := strings.Compare(b.Kind, a.Kind); c != 0 {
		return c // "relation" before "mention"
	}
	return strings.Compare(a.Verb, b.Verb)
}

// jsonMemo is the last graph.json a Memo's graphs wrote, and where each
// node's lines are in it, so that the next one copies the lines of every
// node whose inputs are the same (writeJSON).
type jsonMemo struct {
	out    []byte
	guides []string // the URLs of the guides, which make chapters nodes
	nodes  map[*content.Page]*jsonLines
}

// jsonLines are a node's lines in jsonMemo.out, and what they were
// written from besides the page value: its relations (targets and verbs)
// and the pages its prose links to.
type jsonLines struct {
	slug        string
	node, edges [2]int // in out: its line; its edges' lines, ",\n  {…}" each
	// comma says the edges start with their comma (all but the first
	// node's with edges).
	comma    bool
	relTo    []*content.Page
	relVerbs []Verb
	links    []*content.Page
}

// writeJSON writes graph.json, with the lines of last (nil for none)
// where they hold, and says where its lines are. A node's line is its
// page's fields; its edges' lines are those of the relations it declares
// and of its prose links to nodes, sorted (the edges from one node are
// consecutive in graph.json, in node order, since they sort by from
// first). The same page value, relations, links and guides give the same
// lines.
func (g *Graph) writeJSON(last *jsonMemo) *jsonMemo {
	guides := make([]string, len(g.Guides))
	for i, gd := range g.Guides {
		guides[i] = gd.Page.URL
	}
	if last != nil && !slices.Equal(last.guides, guides) {
		last = nil // chapters became nodes, or stopped being
	}
	type node struct {
		p    *content.Page
		slug string
	}
	var nodes []node
	for _, p := range g.Pages {
		if slug := g.nodeSlug(p); slug != "" {
			nodes = append(nodes, node{p, slug})
		}
	}
	slices.SortFunc(nodes, func(a, b node) int { return strings.Compare(a.slug, b.slug) })

	next := &jsonMemo{guides: guides, nodes: make(map[*content.Page]*jsonLines, len(nodes))}
	var buf bytes.Buffer
	if last != nil {
		buf.Grow(len(last.out) + 4096)
	} else {
		buf.Grow(64 + 200*len(nodes) + 160*len(g.Relations))
	}
	buf.WriteString("{\"nodes\": [")
	lines := make([]*jsonLines, len(nodes))
	same := make([]*jsonLines, len(nodes)) // the last lines of edges that hold
	for i, n := range nodes {
		var old *jsonLines
		if last != nil {
			if o := last.nodes[n.p]; o != nil && o.slug == n.slug {
				old = o
			}
		}
		l := &jsonLines{slug: n.slug, links: g.Links[n.p]}
		for _, e := range g.Out[n.p] {
			l.relTo = append(l.relTo, e.To)
			l.relVerbs = append(l.relVerbs, *e.Verb)
		}
		item(&buf, i)
		start := buf.Len()
		if old != nil {
			buf.Write(last.out[old.node[0]:old.node[1]])
			if slices.Equal(old.relTo, l.relTo) && slices.Equal(old.relVerbs, l.relVerbs) && slices.Equal(old.links, l.links) {
				same[i] = old
			}
		} else {
			tags := append([]string{}, n.p.Tags...)
			sort.Strings(tags)
			JSONNode{Slug: n.slug, Title: n.p.Title, Kind: n.p.Kind.String(), URL: n.p.URL, Tags: tags, Summary: n.p.Summary}.write(&buf)
		}
		l.node = [2]int{start, buf.Len()}
		lines[i] = l
		next.nodes[n.p] = l
	}
	buf.WriteString("\n],\n\"edges\": [")
	var edgeBuf bytes.Buffer
	wrote := false // an edge is written
	for i, n := range nodes {
		l := lines[i]
		var b []byte // the lines, each with its comma
		if old := same[i]; old != nil {
			b = last.out[old.edges[0]:old.edges[1]]
			if !old.comma && len(b) > 0 {
				edgeBuf.Reset()
				edgeBuf.WriteByte(',')
				edgeBuf.Write(b)
				b = edgeBuf.Bytes()
			}
		} else {
			edgeBuf.Reset()
			for _, e := range g.nodeEdges(n.p, n.slug) {
				edgeBuf.WriteString(",\n  ")
				e.write(&edgeBuf)
			}
			b = edgeBuf.Bytes()
		}
		l.comma = wrote
		if !wrote && len(b) > 0 {
			b, wrote = b[1:], true // the first edge of all has no comma
		}
		start := buf.Len()
		buf.Write(b)
		l.edges = [2]int{start, buf.Len()}
	}
	buf.WriteString("\n]}\n")
	next.out = buf.Bytes()
	return next
}

// nodeEdges are the edges of graph.json from the node p, whose slug is
// from: its relations and its prose links to nodes, sorted.
func (g *Graph) nodeEdges(p *content.Page, from string) []JSONEdge {
	var edges []JSONEdge
	for _, e := range g.Out[p] {
		edges = append(edges, JSONEdge{
			From: from, To: g.nodeSlug(e.To), Verb: e.Verb.Name,
			Label: e.Verb.Label(), InverseLabel: e.Verb.InverseLabel(), Kind: "relation",
		})
	}
	for _, q := range g.Links[p] {
		if to := g.nodeSlug(q); to != "" {
			edges = append(edges, JSONEdge{From: from, To: to, Verb: MentionVerb, Label: MentionVerb, InverseLabel: MentionInverseLabel, Kind: "mention"})
		}
	}
	slices.SortFunc(edges, compareEdges)
	return edges
}
