package render

import (
	"encoding/xml"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ctohandbook/sitegen/internal/graph/graphtest"
)

// element is a parsed element of the SVG's figure: the output must be
// well-formed XML too.
type element struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []element  `xml:",any"`
	Text     string     `xml:",chardata"`
}

func (e element) attr(name string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// all lists e and its descendants that match.
func (e element) all(match func(element) bool) []element {
	var out []element
	if match(e) {
		out = append(out, e)
	}
	for _, c := range e.Children {
		out = append(out, c.all(match)...)
	}
	return out
}

func (e element) child(name string) element {
	for _, c := range e.Children {
		if c.XMLName.Local == name {
			return c
		}
	}
	return element{}
}

func hasClass(class string) func(element) bool {
	return func(e element) bool {
		return strings.Contains(" "+e.attr("class")+" ", " "+class+" ")
	}
}

func parseFigure(t *testing.T, html string) element {
	t.Helper()
	var fig element
	if err := xml.Unmarshal([]byte(html), &fig); err != nil {
		t.Fatalf("the graph is not well-formed: %v\n%s", err, html)
	}
	return fig
}

var fourTerms = map[string]string{
	"content/glossary/cto.md":  "---\ntitle: CTO\nsummary: Leads technology.\nrelations:\n  complements: [ciso]\n  supervises: [siem]\n  implements: [iso]\n---\n",
	"content/glossary/ciso.md": "---\ntitle: CISO <script>\nslug: ciso\n---\n",
	"content/glossary/siem.md": "---\ntitle: SIEM\n---\nReports to the [[cto]].\n",
	"content/glossary/iso.md":  "---\ntitle: ISO 27001\n---\nSee the [[ciso]] and the [[cto]].\n",
}

// TestGlobalGraph: the /graph/ SVG of four terms has one focusable link
// per term with its title, each edge with its type's class and data (a
// prose link is drawn only where no relation joins the pair), a legend in
// vocabulary order, and no inline style or raw markup.
func TestGlobalGraph(t *testing.T) {
	g := graphtest.Build(t, fourTerms)
	html := string(GlobalGraph(g, english(t)))
	fig := parseFigure(t, html)

	svg := fig.all(func(e element) bool { return e.XMLName.Local == "svg" && hasClass("concept-graph")(e) })
	if len(svg) != 1 {
		t.Fatalf("want one svg.concept-graph, got %d:\n%s", len(svg), html)
	}
	box := strings.Fields(svg[0].attr("viewBox"))
	if len(box) != 4 || svg[0].attr("aria-label") == "" {
		t.Errorf("svg viewBox=%q aria-label=%q; want a viewBox and an accessible name", svg[0].attr("viewBox"), svg[0].attr("aria-label"))
	}
	w, _ := strconv.ParseFloat(box[2], 64)
	h, _ := strconv.ParseFloat(box[3], 64)

	var nodes []string
	for _, a := range fig.all(hasClass("node")) {
		c, text := a.child("circle"), a.child("text")
		nodes = append(nodes, fmt.Sprintf("%s %s href=%s label=%q text=%q", a.XMLName.Local, a.attr("data-slug"), a.attr("href"), a.attr("aria-label"), text.Text))
		x, _ := strconv.ParseFloat(c.attr("cx"), 64)
		y, _ := strconv.ParseFloat(c.attr("cy"), 64)
		if x <= 0 || x >= w || y <= 0 || y >= h {
			t.Errorf("node %s at (%v, %v), outside the %v×%v view box", a.attr("data-slug"), x, y, w, h)
		}
	}
	wantNodes := []string{
		`a ciso href=/glossary/ciso/ label="CISO <script>" text="CISO <script>"`,
		`a cto href=/glossary/cto/ label="CTO" text="CTO"`,
		`a iso href=/glossary/iso/ label="ISO 27001" text="ISO 27001"`,
		`a siem href=/glossary/siem/ label="SIEM" text="SIEM"`,
	}
	if got := strings.Join(nodes, "\n"); got != strings.Join(wantNodes, "\n") {
		t.Errorf("nodes (in title order):\n%s\nwant:\n%s", got, strings.Join(wantNodes, "\n"))
	}

	var edges []string
	for _, e := range fig.all(func(e element) bool { return hasClass("edge")(e) && e.attr("data-from") != "" }) {
		edges = append(edges, fmt.Sprintf("%s→%s %s class=%q arrow=%v title=%q", e.attr("data-from"), e.attr("data-to"), e.attr("data-verb"),
			e.attr("class"), e.attr("marker-end") != "", e.child("title").Text))
	}
	sort.Strings(edges)
	wantEdges := []string{
		`cto→ciso complements class="edge edge-complements" arrow=false title="CTO complements CISO <script>"`,
		`cto→iso implements class="edge edge-implements" arrow=true title="CTO implements ISO 27001"`,
		`cto→siem supervises class="edge edge-supervises" arrow=true title="CTO supervises SIEM"`,
		`iso→ciso mentions class="edge edge-mention" arrow=false title="ISO 27001 mentions CISO <script>"`,
	}
	if got := strings.Join(edges, "\n"); got != strings.Join(wantEdges, "\n") {
		t.Errorf("edges:\n%s\nwant:\n%s", got, strings.Join(wantEdges, "\n"))
	}

	var legend []string
	for _, li := range fig.all(func(e element) bool { return e.XMLName.Local == "li" }) {
		legend = append(legend, li.attr("data-verb"))
	}
	if got, want := strings.Join(legend, " "), "complements implements supervises mentions"; got != want {
		t.Errorf("legend verbs = %q, want %q (vocabulary order, mentions last)", got, want)
	}
	if strings.Contains(html, "<script") || strings.Contains(html, "style=") {
		t.Errorf("the graph holds raw markup from a title or an inline style:\n%s", html)
	}
	if again := string(GlobalGraph(g, english(t))); again != html {
		t.Errorf("two renderings of the same graph differ")
	}
}

// TestGlobalGraphLimit: a site with more than GlobalLimit terms draws the
// most connected ones and says so.
func TestGlobalGraphLimit(t *testing.T) {
	files := map[string]string{}
	n := GlobalLimit + 20
	for i := 0; i < n; i++ {
		body := ""
		if i > 0 {
			body = fmt.Sprintf("See [[t%03d]].", (i*7)%i) // a tree, t000 the root
		}
		files[fmt.Sprintf("content/glossary/t%03d.md", i)] = fmt.Sprintf("---\ntitle: Term %03d\n---\n%s\n", i, body)
	}
	g := graphtest.Build(t, files)
	fig := parseFigure(t, string(GlobalGraph(g, english(t))))
	if got := len(fig.all(hasClass("node"))); got != GlobalLimit {
		t.Errorf("%d terms: drew %d nodes, want %d", n, got, GlobalLimit)
	}
	caption := fig.child("figcaption").child("p").Text
	if want := fmt.Sprintf("The %d most connected of %d terms", GlobalLimit, n); !strings.Contains(caption, want) {
		t.Errorf("caption %q does not say %q", caption, want)
	}
}

func TestGlobalGraphEmpty(t *testing.T) {
	g := graphtest.Build(t, map[string]string{"content/about.md": "---\ntitle: About\n---\n"})
	if got := GlobalGraph(g, english(t)); got != "" {
		t.Errorf("a site without terms drew %q, want nothing", got)
	}
}

// chain: a – b – c – d – e by relations and links, f alone, a chapter
// linking to b (chapters are not in local graphs).
var chain = map[string]string{
	"content/glossary/a.md":          "---\ntitle: A\nrelations:\n  part-of: [b]\n---\n",
	"content/glossary/b.md":          "---\ntitle: B\n---\n",
	"content/glossary/c.md":          "---\ntitle: C\n---\nUses [[b]].\n",
	"content/glossary/d.md":          "---\ntitle: D\nrelations:\n  depends-on: [c]\n---\n",
	"content/glossary/e.md":          "---\ntitle: E\n---\nNeeds [[d]].\n",
	"content/glossary/f.md":          "---\ntitle: F\n---\n",
	"content/guide/g/_index.md":      "---\ntitle: G\n---\n",
	"content/guide/g/01-chapter.md":  "---\ntitle: Chapter\n---\nAbout [[b]] and [[f]].\n",
	"content/guide/g/02-chapter2.md": "---\ntitle: Chapter 2\n---\nAbout [[e]].\n",
}

// TestLocalNodes: a term's local graph is the term, its neighbours and
// theirs, over relations and prose links either way, and nothing else.
func TestLocalNodes(t *testing.T) {
	g := graphtest.Build(t, chain)
	for _, tt := range []struct{ term, want string }{
		{"a", "a b c"},
		{"b", "a b c d"},
		{"c", "a b c d e"},
		{"e", "c d e"},
		{"f", "f"},
	} {
		if got := strings.Join(LocalNodes(g, g.Term(tt.term)), " "); got != tt.want {
			t.Errorf("local graph of %s = %q, want %q", tt.term, got, tt.want)
		}
	}
}

// TestLocalNodesCapped: past LocalFirstHop neighbours, those with a
// declared relation come first, then the most connected; LocalLimit caps
// the whole.
func TestLocalNodesCapped(t *testing.T) {
	files := map[string]string{
		"content/glossary/hub.md": "---\ntitle: Hub\nrelations:\n  see-also: [n17, n18, n19]\n---\n",
	}
	for i := 0; i < 20; i++ {
		// n00 … n19 mention the hub; the first ones have many
		// neighbours of their own (x terms), so they rank first.
		body := "[[hub]]"
		for j := 0; j < 20-i && j < 6; j++ {
			body += fmt.Sprintf(" [[x%02d%d]]", i, j)
			files[fmt.Sprintf("content/glossary/x%02d%d.md", i, j)] = fmt.Sprintf("---\ntitle: X %02d %d\n---\n", i, j)
		}
		files[fmt.Sprintf("content/glossary/n%02d.md", i)] = fmt.Sprintf("---\ntitle: N %02d\n---\n%s\n", i, body)
	}
	g := graphtest.Build(t, files)
	got := LocalNodes(g, g.Term("hub"))
	if len(got) != LocalLimit {
		t.Fatalf("hub's local graph has %d terms, want the cap %d: %v", len(got), LocalLimit, got)
	}
	var first []string
	for _, s := range got {
		if strings.HasPrefix(s, "n") {
			first = append(first, s)
		}
	}
	want := "n00 n01 n02 n03 n04 n05 n06 n07 n08 n17 n18 n19"
	if strings.Join(first, " ") != want {
		t.Errorf("first-hop terms = %v, want %s (related first, then most connected)", first, want)
	}
	if html := string(LocalGraph(g, g.Term("hub"), english(t))); !strings.Contains(html, "Showing 12 of its 20 neighbors") {
		t.Errorf("the caption does not say the graph is capped:\n%s", html)
	}
}

// TestLocalNodesHub: a neighbour with more than LocalHub connections is
// drawn but not followed.
func TestLocalNodesHub(t *testing.T) {
	files := map[string]string{
		"content/glossary/c.md": "---\ntitle: C\n---\nSee [[hub]] and [[b]].\n",
		"content/glossary/b.md": "---\ntitle: B\n---\nSee [[d]].\n",
		"content/glossary/d.md": "---\ntitle: D\n---\n",
	}
	body := ""
	for i := 0; i < LocalHub; i++ {
		body += fmt.Sprintf("[[x%03d]] ", i)
		files[fmt.Sprintf("content/glossary/x%03d.md", i)] = fmt.Sprintf("---\ntitle: X %03d\n---\n", i)
	}
	files["content/glossary/hub.md"] = "---\ntitle: Hub\n---\n" + body + "\n"
	g := graphtest.Build(t, files)
	if got, want := strings.Join(LocalNodes(g, g.Term("c")), " "), "b c d hub"; got != want {
		t.Errorf("local graph of c = %q, want %q (the hub's %d neighbours left out)", got, want, LocalHub)
	}
}

// TestLocalGraph: the centre is marked and first, every chosen term is a
// link, edges between two second-hop terms are left out; a term with no
// connection gets no graph.
func TestLocalGraph(t *testing.T) {
	files := map[string]string{}
	for k, v := range chain {
		files[k] = v
	}
	files["content/glossary/a.md"] += "Unlike [[e]].\n" // a and e: both two hops from c
	g := graphtest.Build(t, files)
	fig := parseFigure(t, string(LocalGraph(g, g.Term("c"), english(t))))
	nodes := fig.all(hasClass("node"))
	if len(nodes) != 5 || nodes[0].attr("data-slug") != "c" || !hasClass("node-centre")(nodes[0]) {
		t.Fatalf("want 5 nodes, c first and marked node-centre; got %d, first %q class %q", len(nodes), nodes[0].attr("data-slug"), nodes[0].attr("class"))
	}
	var edges []string
	for _, e := range fig.all(func(e element) bool { return hasClass("edge")(e) && e.attr("data-from") != "" }) {
		edges = append(edges, e.attr("data-from")+" "+e.attr("data-verb")+" "+e.attr("data-to"))
	}
	sort.Strings(edges)
	want := "a part-of b|c mentions b|d depends-on c|e mentions d" // not "a mentions e"
	if got := strings.Join(edges, "|"); got != want {
		t.Errorf("edges = %q, want %q", got, want)
	}
	if got := LocalGraph(g, g.Term("f"), english(t)); got != "" {
		t.Errorf("a term without connections got a local graph: %q", got)
	}
}

// TestGraphLabels: a node's label is its whole title, never cut (so that
// it is part of the link's accessible name), on two lines broken at the
// space nearest the middle when long, the first line ending in a space
// so that the text reads as the title; the node carries its other names
// for "Find a term", and a link before the graph skips to its caption.
func TestGraphLabels(t *testing.T) {
	for _, tt := range []struct{ title, want string }{
		{"CTO", "CTO"},
		{"Eighteen chars ok.", "Eighteen chars ok."},
		{"Identity and access management", "Identity and|access management"},
		{"Open-source license compliance", "Open-source|license compliance"},
		{"Supercalifragilisticexpialidocious", "Supercalifragilisticexpialidocious"},
	} {
		if got := strings.Join(labelLines(tt.title), "|"); got != tt.want {
			t.Errorf("labelLines(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
	g := graphtest.Build(t, map[string]string{
		"content/glossary/iam.md":  "---\ntitle: Identity and access management\naka: [IAM, Access control]\n---\nSee the [[ciso]].\n",
		"content/glossary/ciso.md": "---\ntitle: CISO\n---\nOwns [[iam]].\n",
	})
	fig := parseFigure(t, string(LocalGraph(g, g.Term("iam"), english(t))))
	node := fig.all(func(e element) bool { return hasClass("node")(e) && e.attr("data-slug") == "iam" })
	if len(node) != 1 {
		t.Fatalf("no node iam in the local graph of IAM")
	}
	text := node[0].child("text")
	var shown []string
	for _, s := range text.Children {
		shown = append(shown, s.Text)
	}
	if got := strings.Join(shown, ""); got != "Identity and access management" || node[0].attr("aria-label") != "Identity and access management" {
		t.Errorf("node iam reads %q (lines %q), named %q; want the whole title for both", got, shown, node[0].attr("aria-label"))
	}
	if got := node[0].attr("data-aka"); got != "IAM|Access control" {
		t.Errorf("node iam has data-aka %q, want %q", got, "IAM|Access control")
	}
	skip := fig.all(hasClass("graph-skip"))
	caption := fig.child("figcaption")
	if len(skip) != 1 || skip[0].attr("href") != "#"+caption.attr("id") || caption.attr("id") == "" || caption.attr("tabindex") != "-1" {
		t.Errorf("skip links %v and caption id %q tabindex %q: want one link to the caption, which takes the focus",
			skip, caption.attr("id"), caption.attr("tabindex"))
	}
	if len(fig.all(hasClass("graph-toolbar"))) != 1 {
		t.Errorf("the figure has no .graph-toolbar for graph.js to fill")
	}
}
