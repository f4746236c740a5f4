package render

import (
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/markdown"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// applyAutoLinks splits the text nodes that hold auto-links into text and
// links, so that goldmark renders them, and returns a function that puts
// the original nodes back: a page's AST stays as parsed between renders.
func applyAutoLinks(links []graph.AutoLink, src []byte) (restore func()) {
	type split struct {
		orig  *ast.Text
		added []ast.Node
	}
	var splits []split
	for i := 0; i < len(links); {
		t := links[i].Text
		j := i
		for j < len(links) && links[j].Text == t {
			j++
		}
		parent := t.Parent()
		if parent == nil {
			i = j
			continue
		}
		sp := split{orig: t}
		cur := t.Segment.Start
		add := func(n ast.Node) {
			parent.InsertBefore(parent, t, n)
			sp.added = append(sp.added, n)
		}
		for _, a := range links[i:j] {
			if a.Start > cur {
				add(ast.NewTextSegment(text.NewSegment(cur, a.Start)))
			}
			add(&markdown.WikiLink{
				Label: string(src[a.Start:a.End]), URL: a.To.URL, Title: a.To.Title,
				Hint: hint(a.To), IsTerm: true, Target: a.To.Slug,
			})
			cur = a.End
		}
		rest := ast.NewTextSegment(text.NewSegment(cur, t.Segment.Stop))
		rest.SetSoftLineBreak(t.SoftLineBreak())
		rest.SetHardLineBreak(t.HardLineBreak())
		add(rest)
		parent.RemoveChild(parent, t)
		splits = append(splits, sp)
		i = j
	}
	return func() {
		for _, sp := range splits {
			first := sp.added[0]
			parent := first.Parent()
			parent.InsertBefore(parent, first, sp.orig)
			for _, n := range sp.added {
				parent.RemoveChild(parent, n)
			}
		}
	}
}
