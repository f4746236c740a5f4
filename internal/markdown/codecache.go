package markdown

import (
	"bufio"
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/ctohandbook/sitegen/internal/memo"
)

// Highlighting a fenced code block (chroma's lexers) is the dearest part
// of rendering Markdown, and the same block comes back: in every language
// of a multilingual site (code is not translated, and an untranslated
// page is rendered once per language), and in a page rendered again
// because its links changed. codeBlocks renders each distinct block
// (language and text) once per build and remembers the HTML; Sweep, at
// the end of a build, forgets blocks no page used.

type codeBlocks struct {
	inner renderer.NodeRendererFunc
	cache *memo.Table[[]byte]
}

// capture is a registerer that keeps the fenced code block renderer.
type capture struct{ fn renderer.NodeRendererFunc }

func (c *capture) Register(kind ast.NodeKind, fn renderer.NodeRendererFunc) {
	if kind == ast.KindFencedCodeBlock {
		c.fn = fn
	}
}

// newCodeBlocks wraps the fenced code block renderer of highlight.
func newCodeBlocks(highlight renderer.NodeRenderer) *codeBlocks {
	var c capture
	highlight.RegisterFuncs(&c)
	return &codeBlocks{inner: c.fn, cache: memo.NewTable[[]byte]()}
}

func (c *codeBlocks) Extend(m goldmark.Markdown) {
	// Before the highlighting extension (200): the lower number wins.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(c, 190)))
}

func (c *codeBlocks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, c.render)
}

func (c *codeBlocks) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	block := n.(*ast.FencedCodeBlock)
	h := memo.New("code-block").Bytes(block.Language(src))
	if block.Info != nil {
		h.Bytes(block.Info.Segment.Value(src))
	}
	lines := block.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		h.Bytes(seg.Value(src))
	}
	key := h.Sum()
	if out, ok := c.cache.Get(key); ok {
		_, err := w.Write(out)
		return ast.WalkSkipChildren, err
	}
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	status, err := c.inner(bw, src, n, true)
	if err == nil && status == ast.WalkContinue {
		// The highlighter writes the whole block on entering; it has no
		// children to walk and nothing to write on leaving.
		_, err = c.inner(bw, src, n, false)
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return ast.WalkStop, err
	}
	out := buf.Bytes()
	c.cache.Put(key, out)
	_, err = w.Write(out)
	return ast.WalkSkipChildren, err
}

// Sweep ends a build: code blocks no page rendered are forgotten.
func (m *Markdown) Sweep() { m.code.cache.Sweep() }
