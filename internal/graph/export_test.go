package graph

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

var exportSite = map[string]string{
	"content/_index.md":                "---\ntitle: Home\n---\nSee [[cto]].\n",
	"content/glossary/cto.md":          "---\ntitle: CTO\ntags: [roles, leadership]\nsummary: Leads technology.\nrelations:\n  complements: [ciso]\n  supervises: [siem]\n---\nWorks with the [[ciso]] and reads [[intro]].\n",
	"content/glossary/ciso.md":         "---\ntitle: CISO <script>\nsummary: Leads security & risk.\nrelations:\n  complements: [cto]\n---\n",
	"content/glossary/siem.md":         "---\ntitle: SIEM\n---\nWatched by the [[cto]].\n",
	"content/guide/basics/_index.md":   "---\ntitle: Basics\n---\n",
	"content/guide/basics/01-intro.md": "---\ntitle: Intro\n---\nMeet the [[cto]] and the [[siem]].\n",
}

// TestJSON: graph.json holds every term and chapter, every relation once
// with its labels, and every prose link between them as a mention.
func TestJSON(t *testing.T) {
	g := site(t, exportSite, nil)
	if len(g.Problems) > 0 {
		t.Fatal(g.Problems)
	}
	b, err := g.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Nodes []JSONNode
		Edges []JSONEdge
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("graph.json does not parse: %v\n%s", err, b)
	}
	var nodes []string
	for _, n := range got.Nodes {
		nodes = append(nodes, n.Slug+" "+n.Kind+" "+n.URL+" "+strings.Join(n.Tags, ",")+" | "+n.Title+" | "+n.Summary)
	}
	wantNodes := []string{
		"basics/intro chapter /guide/basics/intro/  | Intro | Meet the cto and the siem.", // summary from the body
		"ciso term /glossary/ciso/  | CISO <script> | Leads security & risk.",
		"cto term /glossary/cto/ leadership,roles | CTO | Leads technology.",
		"siem term /glossary/siem/  | SIEM | Watched by the cto.",
	}
	if strings.Join(nodes, "\n") != strings.Join(wantNodes, "\n") {
		t.Errorf("nodes:\n%s\nwant:\n%s", strings.Join(nodes, "\n"), strings.Join(wantNodes, "\n"))
	}
	var edges []string
	for _, e := range got.Edges {
		edges = append(edges, e.From+" "+e.Verb+" "+e.To+" ("+e.Kind+": "+e.Label+" / "+e.InverseLabel+")")
	}
	wantEdges := []string{
		"basics/intro mentions cto (mention: mentions / mentioned in)",
		"basics/intro mentions siem (mention: mentions / mentioned in)",
		"ciso complements cto (relation: complements / complements)", // declared on both ends, kept once
		"cto mentions basics/intro (mention: mentions / mentioned in)",
		"cto mentions ciso (mention: mentions / mentioned in)",
		"cto supervises siem (relation: supervises / supervised by)",
		"siem mentions cto (mention: mentions / mentioned in)",
	}
	if strings.Join(edges, "\n") != strings.Join(wantEdges, "\n") {
		t.Errorf("edges:\n%s\nwant:\n%s", strings.Join(edges, "\n"), strings.Join(wantEdges, "\n"))
	}
	if bytes.Contains(b, []byte("<script>")) {
		t.Errorf("graph.json holds a raw <script>; want it escaped:\n%s", b)
	}
	if !bytes.Contains(b, []byte(`"tags":[]`)) {
		t.Errorf("a node without tags should have \"tags\":[], not null:\n%s", b)
	}
}

// TestJSONStable: two builds of the same content give the same bytes.
func TestJSONStable(t *testing.T) {
	a, _ := site(t, exportSite, nil).JSON()
	b, _ := site(t, exportSite, nil).JSON()
	if !bytes.Equal(a, b) {
		t.Errorf("graph.json differs between two builds:\n%s\n---\n%s", a, b)
	}
}

func TestJSONEmpty(t *testing.T) {
	g := site(t, map[string]string{"content/_index.md": "---\ntitle: Home\n---\n"}, nil)
	b, err := g.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\"nodes\": [\n],\n\"edges\": [\n]}\n"; string(b) != want {
		t.Errorf("graph.json of a site without terms = %q, want %q", b, want)
	}
}

// TestJSONAsMarshal: graph.json's nodes and edges are written as
// encoding/json marshals them, byte for byte, whatever their text holds.
func TestJSONAsMarshal(t *testing.T) {
	texts := []string{"", "plain", "CISO <script>", "a & b > c", "quote \" and \\ back", "tab\tnew\nline\rcr",
		"bell \a back \b feed \f nul \x00 esc \x1b del \x7f", "línea ñ 中文 😀", "sep \u2028 and \u2029",
		"bad \xff\xfe utf-8", "\xe2\x82", "replacement \ufffd itself"}
	for _, s := range texts {
		for _, tags := range [][]string{nil, {}, {s, "x"}} {
			n := JSONNode{Slug: s, Title: s, Kind: "term", URL: "/" + s, Tags: tags, Summary: s}
			var got bytes.Buffer
			n.write(&got)
			want, err := json.Marshal(n)
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != string(want) {
				t.Errorf("node %q:\n got %s\nwant %s", s, got.String(), want)
			}
		}
		e := JSONEdge{From: s, To: s + "2", Verb: s, Label: s, InverseLabel: s, Kind: "mention"}
		var got bytes.Buffer
		e.write(&got)
		want, _ := json.Marshal(e)
		if got.String() != string(want) {
			t.Errorf("edge %q:\n got %s\nwant %s", s, got.String(), want)
		}
	}
}
