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
	nodes, edges := g.export()
	var buf bytes.Buffer
	buf.Grow(64 + 200*len(nodes) + 160*len(edges))
	buf.WriteString("{\"nodes\": [")
	for i, n := range nodes {
		item(&buf, i)
		n.write(&buf)
	}
	buf.WriteString("\n],\n\"edges\": [")
	for i, e := range edges {
		item(&buf, i)
		e.write(&buf)
	}
	buf.WriteString("\n]}\n")
	return buf.Bytes(), nil
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

func (g *Graph) export() ([]JSONNode, []JSONEdge) {
	nodes := []JSONNode{}
	for _, p := range g.Pages {
		slug := g.nodeSlug(p)
		if slug == "" {
			continue
		}
		tags := append([]string{}, p.Tags...)
		sort.Strings(tags)
		nodes = append(nodes, JSONNode{Slug: slug, Title: p.Title, Kind: p.Kind.String(), URL: p.URL, Tags: tags, Summary: p.Summary})
	}
	slices.SortFunc(nodes, func(a, b JSONNode) int { return strings.Compare(a.Slug, b.Slug) })

	edges := []JSONEdge{}
	for _, e := range g.Relations {
		edges = append(edges, JSONEdge{
			From: g.nodeSlug(e.From), To: g.nodeSlug(e.To), Verb: e.Verb.Name,
			Label: e.Verb.Label(), InverseLabel: e.Verb.InverseLabel(), Kind: "relation",
		})
	}
	for _, p := range g.Pages {
		from := g.nodeSlug(p)
		if from == "" {
			continue
		}
		for _, q := range g.Links[p] {
			if to := g.nodeSlug(q); to != "" {
				edges = append(edges, JSONEdge{From: from, To: to, Verb: MentionVerb, Label: MentionVerb, InverseLabel: MentionInverseLabel, Kind: "mention"})
			}
		}
	}
	// Edges equal in all four are the same edge: any order of them
	// writes the same bytes.
	slices.SortFunc(edges, func(a, b JSONEdge) int {
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
	})
	return nodes, edges
}
