// Package markdown is the site's one goldmark setup: CommonMark with GFM,
// footnotes, definition lists and typographic quotes; [[wiki links]];
// stable, unique heading IDs; chroma highlighting that emits CSS classes;
// and raw HTML shown as text unless the site allows it.
//
// It parses and renders; it does not resolve links. Parse returns the AST
// with every link in it, link resolution (package graph) decides where each
// one points, and Render writes the HTML with those destinations.
package markdown

import (
	"bytes"
	"fmt"
	stdhtml "html"
	"strings"
	"sync"

	highlighting "github.com/yuin/goldmark-highlighting/v2"
	meta "github.com/yuin/goldmark-meta"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options are the site's Markdown settings.
type Options struct {
	// UnsafeHTML passes raw HTML through. Off by default: raw HTML is shown
	// escaped, as text.
	UnsafeHTML bool
}

// Markdown parses and renders pages. One is built per site and is safe for
// concurrent use.
type Markdown struct {
	md     goldmark.Markdown
	active *active
	code   *codeBlocks
}

// New builds the goldmark pipeline for opts.
func New(opts Options) *Markdown {
	act := &active{}
	highlight := []highlighting.Option{
		highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
		highlighting.WithGuessLanguage(false),
	}
	code := newCodeBlocks(highlighting.NewHTMLRenderer(highlight...))
	var rendererOpts []renderer.Option
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	exts := []goldmark.Extender{
		extension.GFM,
		extension.Footnote,
		extension.DefinitionList,
		extension.Typographer,
		meta.New(),
		wikiLinks{},
		resolver{active: act},
		headingAnchors{active: act},
		highlighting.NewHighlighting(highlight...),
		code,
	}
	if !opts.UnsafeHTML {
		exts = append(exts, escapedHTML{})
	}
	md := goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Markdown{md: md, active: act, code: code}
}

// Doc is one parsed Markdown file.
type Doc struct {
	Source []byte
	Root   ast.Node
	// Meta is the front matter as goldmark-meta decoded it (nil if none).
	Meta map[string]any
	// MetaErr is the YAML error of the front matter, if any.
	MetaErr error
	// MetaStart and MetaEnd are the byte offsets of the front matter's
	// YAML text (between the --- lines); MetaEnd is 0 if there is none.
	MetaStart, MetaEnd int
	Headings           []Heading
	Links              []Link

	// Prose are the spans of source text that read as prose (not code,
	// headings, links or raw HTML): where term names may become links.
	Prose []Span

	// index maps each link's node to its index in Links; nil once
	// compact.
	index map[ast.Node]int
	// mu lets one Render of the Doc run at a time.
	mu sync.Mutex
}

// Span is a range of source bytes, [Start, Stop).
type Span struct{ Start, Stop int }

// Compact drops the syntax tree, keeping what the rest of the pipeline
// reads (links, headings, prose spans, the source). A site keeps every
// page's Doc while it builds; trees are most of their memory, and Render
// parses the source again when it needs one. Compact is for the code that
// made the Doc, before anyone else sees it.
func (d *Doc) Compact() {
	d.Root, d.index = nil, nil
}

// Heading is one h1–h6 with its ID.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Link is one link in a page as written. Resolution gives it a Target by
// its index in Doc.Links.
type Link struct {
	// Dest is the destination as written; for wiki links, the raw [[...]].
	Dest string
	// Title is the link's own title attribute as written.
	Title  string
	Wiki   *WikiLink
	Image  bool
	Offset int
}

// Parse parses src, which must use "\n" line endings and carry no BOM.
func (m *Markdown) Parse(src []byte) *Doc {
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	root := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	d := &Doc{Source: src, Root: root}
	d.Meta, d.MetaErr = meta.TryGet(ctx)
	if d.Meta == nil && d.MetaErr == nil && bytes.HasPrefix(src, []byte("---")) {
		d.Meta = map[string]any{}
	}
	d.MetaStart, d.MetaEnd = frontMatterBounds(src)
	d.collect()
	return d
}

// frontMatterBounds finds the YAML text between a leading "---" line and
// the next "---" line.
func frontMatterBounds(src []byte) (start, end int) {
	if !bytes.HasPrefix(src, []byte("---")) {
		return 0, 0
	}
	nl := bytes.IndexByte(src, '\n')
	if nl < 0 || strings.TrimRight(string(src[:nl]), "- \t") != "" {
		return 0, 0
	}
	start = nl + 1
	for i := start; i < len(src); {
		j := bytes.IndexByte(src[i:], '\n')
		line := src[i:]
		if j >= 0 {
			line = src[i : i+j]
		}
		if t := bytes.TrimSpace(line); len(t) >= 3 && len(bytes.Trim(t, "-")) == 0 {
			return start, i
		}
		if j < 0 {
			break
		}
		i += j + 1
	}
	return start, -1
}

func (d *Doc) collect() {
	d.index = indexLinks(d.Root)
	prose := 0 // > 0 inside nodes whose text is not prose
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if notProse(n) {
			if entering {
				prose++
			} else {
				prose--
			}
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		if t, ok := n.(*ast.Text); ok && prose == 0 && !t.IsRaw() {
			d.Prose = append(d.Prose, Span{t.Segment.Start, t.Segment.Stop})
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			d.Headings = append(d.Headings, Heading{Level: n.Level, ID: string(idb), Text: PlainText(n, d.Source)})
		case *ast.Link:
			d.Links = append(d.Links, Link{Dest: string(n.Destination), Title: string(n.Title), Offset: offsetOf(n, d.Source)})
		case *ast.Image:
			off := offsetOf(n, d.Source)
			if off > 0 && d.Source[off-1] == '!' {
				off--
			}
			d.Links = append(d.Links, Link{Dest: string(n.Destination), Image: true, Offset: off})
		case *WikiLink:
			// A copy outside the tree, which Compact drops.
			w := &WikiLink{Target: n.Target, Fragment: n.Fragment, Label: n.Label, Raw: n.Raw, Offset: n.Offset, SentenceStart: n.SentenceStart}
			d.Links = append(d.Links, Link{Dest: n.Raw, Wiki: w, Offset: n.Offset})
		}
		return ast.WalkContinue, nil
	})
}

// indexLinks numbers the links, images and wiki links of a tree in
// document order: the order of Doc.Links, which a tree parsed again from
// the same source has too.
func indexLinks(root ast.Node) map[ast.Node]int {
	index := map[ast.Node]int{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n.(type) {
			case *ast.Link, *ast.Image, *WikiLink:
				index[n] = len(index)
			}
		}
		return ast.WalkContinue, nil
	})
	return index
}

// notProse says whether the text inside n is something other than prose:
// code, a heading, a link's label, raw HTML.
func notProse(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindHeading, ast.KindLink, ast.KindImage, ast.KindAutoLink, ast.KindCodeSpan,
		ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, ast.KindRawHTML, KindWikiLink:
		return true
	}
	return false
}

// offsetOf estimates the source offset of an inline node: the "[" before
// its first text, or the start of its block.
func offsetOf(n ast.Node, src []byte) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			if i := bytes.LastIndexByte(src[:t.Segment.Start], '['); i >= 0 && t.Segment.Start-i <= 2 {
				return i
			}
			return t.Segment.Start
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// Render writes the HTML of d with its links resolved as res says (nil:
// every link as written, wiki links as text). It reads d and res and
// changes neither.
func (m *Markdown) Render(d *Doc, res *Resolved) ([]byte, error) {
	root, index := d.Root, d.index
	if root == nil { // compact: parse the source again
		ctx := parser.NewContext(parser.WithIDs(newIDs()))
		root = m.md.Parser().Parse(text.NewReader(d.Source), parser.WithContext(ctx))
		index = indexLinks(root)
	} else {
		d.mu.Lock() // the tree is shared: one render at a time
		defer d.mu.Unlock()
	}
	doc, _ := root.(*ast.Document)
	if doc != nil {
		m.active.m.Store(doc, &render{index: index, res: res})
		defer m.active.m.Delete(doc)
	}
	var buf bytes.Buffer
	buf.Grow(len(d.Source) * 2)
	if err := m.md.Renderer().Render(&buf, d.Source, root); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	return buf.Bytes(), nil
}

// PlainText is the text of n and its descendants, without markup.
func PlainText(n ast.Node, src []byte) string {
	var b strings.Builder
	writeText(&b, n, src)
	return strings.TrimSpace(b.String())
}

func writeText(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			// The typographer's quotes and dashes are entities ("&rsquo;").
			b.WriteString(stdhtml.UnescapeString(string(c.Value)))
		case *WikiLink:
			b.WriteString(c.Shown())
		case *ast.CodeSpan:
			writeText(b, c, src)
		default:
			if c.Type() == ast.TypeBlock {
				if l := c.Lines(); l.Len() > 0 && c.FirstChild() == nil {
					for i := 0; i < l.Len(); i++ {
						s := l.At(i)
						b.Write(s.Value(src))
					}
				} else {
					writeText(b, c, src)
				}
				b.WriteByte('\n')
				continue
			}
			writeText(b, c, src)
		}
	}
}

// escapedHTML renders raw HTML as visible, escaped text.
type escapedHTML struct{}

func (escapedHTML) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(escapedHTML{}, 100)))
}

func (escapedHTML) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := 0; i < segs.Len(); i++ {
				s := segs.At(i)
				_, _ = w.Write(util.EscapeHTML(s.Value(src)))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	r.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		b := n.(*ast.HTMLBlock)
		_, _ = w.WriteString("<p>")
		for i := 0; i < b.Lines().Len(); i++ {
			s := b.Lines().At(i)
			_, _ = w.Write(util.EscapeHTML(s.Value(src)))
		}
		if b.HasClosure() {
			_, _ = w.Write(util.EscapeHTML(b.ClosureLine.Value(src)))
		}
		_, _ = w.WriteString("</p>\n")
		return ast.WalkSkipChildren, nil
	})
}
