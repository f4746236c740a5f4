package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// ids makes heading IDs: the heading text lower-cased, each run of other
// characters than letters and digits turned into one "-". A repeated ID
// gets "-1", "-2"… in document order, so IDs are stable and unique within
// a page. Custom IDs ({#id}) are reserved as they are met.
type ids struct{ used map[string]bool }

func newIDs() *ids { return &ids{used: map[string]bool{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slugify(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// Slugify turns text into a lower-case, hyphen-separated identifier:
// "ISO 27001: an overview" → "iso-27001-an-overview". Letters outside
// ASCII are kept (lower-cased).
func Slugify(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(text) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		if r == '\'' || r == '’' {
			continue
		}
		dash = true
	}
	return b.String()
}

// headingAnchors writes each heading of level 2 and below with a link to
// itself after its text ("#", shown on hover and focus by the theme), so
// that a reader can copy a link to a section. The ID is the one ids
// gave it; a heading without one is written as goldmark would. The
// link's name is the active render's Resolved.AnchorLabel.
type headingAnchors struct{ active *active }

func (h headingAnchors) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(h, 100)))
}

func (h headingAnchors) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindHeading, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*ast.Heading)
		level := "0123456"[n.Level]
		if entering {
			_, _ = w.WriteString("<h")
			_ = w.WriteByte(level)
			if n.Attributes() != nil {
				html.RenderAttributes(w, node, html.HeadingAttributeFilter)
			}
			_ = w.WriteByte('>')
			return ast.WalkContinue, nil
		}
		if id, ok := n.AttributeString("id"); ok && n.Level >= 2 {
			if b, ok := id.([]byte); ok && len(b) > 0 {
				_, _ = w.WriteString(`<a class="heading-anchor" href="#`)
				_, _ = w.Write(util.EscapeHTML(util.URLEscape(b, false)))
				label := "Link to this section"
				if st := h.active.of(node); st != nil && st.res != nil && st.res.AnchorLabel != "" {
					label = st.res.AnchorLabel
				}
				_, _ = w.WriteString(`" aria-label="`)
				_, _ = w.Write(util.EscapeHTML([]byte(label)))
				_, _ = w.WriteString(`">#</a>`)
			}
		}
		_, _ = w.WriteString("</h")
		_ = w.WriteByte(level)
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	})
}
