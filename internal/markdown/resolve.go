package markdown

import (
	"sort"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Target is where a resolved link points, as the page shows it.
type Target struct {
	// URL is the resolved address; "" leaves a Markdown link as written
	// and shows a wiki link as plain text.
	URL string
	// Title is the target page's title, shown by a wiki link without a
	// label; IsTerm says the target is a glossary term.
	Title  string
	IsTerm bool
	// Hint is the link's title attribute.
	Hint string
}

// Auto is an auto-link: the source bytes [Start, End), inside one text
// node, shown as a link to Target.
type Auto struct {
	Start, End int
	Target
}

// Resolved is what link resolution decided for one Doc: a Target for
// each of Doc.Links, by index (missing or zero: as written), and the
// auto-links, sorted by Start. Render reads it; neither the Doc nor its
// AST is ever changed, so one parsed Doc serves every build.
type Resolved struct {
	Links []Target
	Auto  []Auto
	// AnchorLabel names the link each heading has to itself, in the
	// page's language ("" is "Link to this section").
	AnchorLabel string
}

// render is one Render call in progress: the Doc and how its links resolve.
type render struct {
	index map[ast.Node]int
	res   *Resolved
}

// active maps the document being rendered to its render, so that the
// node renderers, which goldmark calls with nodes only, find the
// resolution of the page they are writing.
type active struct{ m sync.Map } // *ast.Document → *render

func (a *active) of(n ast.Node) *render {
	doc := n.OwnerDocument()
	if doc == nil {
		return nil
	}
	v, ok := a.m.Load(doc)
	if !ok {
		return nil
	}
	return v.(*render)
}

// resolver renders links and text from the active render's Resolved.
type resolver struct{ active *active }

func (r resolver) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(r, 150)))
}

func (r resolver) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.link)
	reg.Register(KindWikiLink, r.wiki)
	reg.Register(ast.KindText, r.text)
}

func (r resolver) target(n ast.Node) (Target, bool) {
	st := r.active.of(n)
	if st == nil || st.res == nil {
		return Target{}, false
	}
	i, ok := st.index[n]
	if !ok || i >= len(st.res.Links) {
		return Target{}, false
	}
	return st.res.Links[i], true
}

func (r resolver) wiki(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		t, _ := r.target(node)
		writeWikiLink(w, node.(*WikiLink), t)
	}
	return ast.WalkSkipChildren, nil
}

// link writes a Markdown link: to its resolved URL when resolution gave
// one, else as written (goldmark's own rendering, dangerous URLs dropped).
func (r resolver) link(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	if t, ok := r.target(node); ok && t.URL != "" {
		_, _ = w.WriteString(`<a href="`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(t.URL), true)))
		_ = w.WriteByte('"')
		if t.Hint != "" {
			_, _ = w.WriteString(` title="`)
			html.DefaultWriter.Write(w, []byte(t.Hint))
			_ = w.WriteByte('"')
		}
	} else {
		_, _ = w.WriteString(`<a href="`)
		dest := util.URLEscape(n.Destination, true)
		if !html.IsDangerousURL(dest) {
			_, _ = w.Write(util.EscapeHTML(dest))
		}
		_ = w.WriteByte('"')
		if n.Title != nil {
			_, _ = w.WriteString(` title="`)
			html.DefaultWriter.Write(w, n.Title)
			_ = w.WriteByte('"')
		}
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// text writes a text node as goldmark does, with the auto-links that
// fall inside it written as links.
func (r resolver) text(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	seg := n.Segment
	if n.IsRaw() {
		html.DefaultWriter.RawWrite(w, seg.Value(src))
		return ast.WalkContinue, nil
	}
	cur := seg.Start
	if st := r.active.of(node); st != nil && st.res != nil && len(st.res.Auto) > 0 {
		autos := st.res.Auto
		i := sort.Search(len(autos), func(i int) bool { return autos[i].Start >= seg.Start })
		for ; i < len(autos) && autos[i].End <= seg.Stop; i++ {
			a := autos[i]
			html.DefaultWriter.Write(w, src[cur:a.Start])
			writeAnchor(w, a.Target)
			_, _ = w.Write(util.EscapeHTML(src[a.Start:a.End]))
			_, _ = w.WriteString("</a>")
			cur = a.End
		}
	}
	html.DefaultWriter.Write(w, src[cur:seg.Stop])
	if n.HardLineBreak() {
		_, _ = w.WriteString("<br>\n")
	} else if n.SoftLineBreak() {
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}
