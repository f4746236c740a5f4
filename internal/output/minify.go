package output

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
)

// Minifier shrinks HTML, CSS, JS, JSON and SVG files for production. The
// preview server skips it, so pages stay readable while writing.
//
// SVG inside HTML (the concept graphs, drawn by sitegen with short
// numbers already) only loses the whitespace between its tags: the full
// SVG minifier, which re-parses every path, cost more than the rest of
// the page's minifying. SVG files get the full minifier.
type Minifier struct{ m, files *minify.M }

// NewMinifier sets up the minifiers.
func NewMinifier() *Minifier {
	setup := func(svgMinify minify.MinifierFunc) *minify.M {
		m := minify.New()
		m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
		m.AddFunc("text/css", css.Minify)
		m.AddFunc("image/svg+xml", svgMinify)
		m.AddFuncRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), js.Minify)
		m.AddFuncRegexp(regexp.MustCompile("[/+]json$"), json.Minify)
		return m
	}
	return &Minifier{m: setup(collapseBetweenTags), files: setup(svg.Minify)}
}

// collapseBetweenTags copies markup, dropping runs of whitespace that
// stand alone between two tags. Text with words keeps its spaces.
func collapseBetweenTags(_ *minify.M, w io.Writer, r io.Reader, _ map[string]string) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '>' {
			j := i + 1
			for j < len(b) && (b[j] == ' ' || b[j] == '\n' || b[j] == '\t' || b[j] == '\r') {
				j++
			}
			if j < len(b) && b[j] == '<' {
				out = append(out, '>')
				i = j - 1
				continue
			}
		}
		out = append(out, c)
	}
	_, err = w.Write(out)
	return err
}

var mediaTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript",
	".json": "application/json", ".svg": "image/svg+xml",
}

// File minifies one file by its path's extension; other files come back
// as they are.
func (mn *Minifier) File(p string, b []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(p)]
	if !ok {
		return b, nil
	}
	m := mn.m
	if mt == "image/svg+xml" {
		m = mn.files
	}
	var buf bytes.Buffer
	buf.Grow(len(b))
	if err := m.Minify(mt, &buf, bytes.NewReader(b)); err != nil {
		return nil, fmt.Errorf("minify %s: %w", p, err)
	}
	return buf.Bytes(), nil
}
