package output

import (
	"bytes"
	"fmt"
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
type Minifier struct{ m *minify.M }

// NewMinifier sets up the minifiers.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile("[/+]json$"), json.Minify)
	return &Minifier{m: m}
}

var mediaTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript",
	".json": "application/json", ".svg": "image/svg+xml",
}

// Minify returns files with every minifiable file minified. A file the
// minifier cannot read is an error naming it; files are not changed in
// place.
func (mn *Minifier) Minify(files Files) (Files, error) {
	out := make(Files, len(files))
	for p, b := range files {
		mt, ok := mediaTypes[path.Ext(p)]
		if !ok {
			out[p] = b
			continue
		}
		var buf bytes.Buffer
		buf.Grow(len(b))
		if err := mn.m.Minify(mt, &buf, bytes.NewReader(b)); err != nil {
			return nil, fmt.Errorf("minify %s: %w", p, err)
		}
		out[p] = buf.Bytes()
	}
	return out, nil
}
