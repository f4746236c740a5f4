package graph

import (
	"bytes"
	"encoding/json"
	"sort"

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
	buf.WriteString("{\"nodes\": [")
	for i, n := range nodes {
		if err := writeItem(&buf, i, n); err != nil {
			return nil, err
		}
	}
	buf.WriteString("\n],\n\"edges\": [")
	for i, e := range edges {
		if err := writeItem(&buf, i, e); err != nil {
			return nil, err
		}
	}
	buf.WriteString("\n]}\n")
	return buf.Bytes(), nil
}

func writeItem(buf *bytes.Buffer, i int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if i > 0 {
		buf.WriteByte(',')
	}
	buf.WriteString("\n  ")
	buf.Write(b)
	return nil
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
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].Slug < nodes[j].Slug })

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
	sort.Slice(edges, func(i, j int) bool {
		a, b := edges[i], edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		if a.Kind != b.Kind {
			return a.Kind > b.Kind // "relation" before "mention"
		}
		return a.Verb < b.Verb
	})
	return nodes, edges
}
