package serve

import (
	"bytes"
	"fmt"
	"html"
)

// headTags are added at the end of every served page's <head>: the
// overlay's stylesheet and the live-reload script, both under base (the
// path the site is served at, "" at the root); the script learns from
// data-build which build the page shows, and from data-base where the
// site's files are. No inline script or style.
func headTags(base, build string) []byte {
	return []byte(`<link rel="stylesheet" href="` + html.EscapeString(base+stylePath) + `">` +
		`<script src="` + html.EscapeString(base+scriptPath) + `" data-build="` + html.EscapeString(build) +
		`" data-base="` + html.EscapeString(base) + `" defer></script>`)
}

// overlayTitle heads the overlay; the live-reload client shows the same.
func overlayTitle(n int) string {
	return fmt.Sprintf("The last build failed with %d %s. The preview shows the last good build; fix the files and this goes away.",
		n, plural(n, "problem", "problems"))
}

// renderOverlay is the element listing the build's problems, escaped;
// nil when there are none. reloadJS builds the same element.
func renderOverlay(problems []string) []byte {
	if len(problems) == 0 {
		return nil
	}
	var b bytes.Buffer
	b.WriteString(`<div id="sitegen-overlay" role="alert"><p class="sitegen-overlay-title">`)
	b.WriteString(html.EscapeString(overlayTitle(len(problems))))
	b.WriteString(`</p><ul>`)
	for _, p := range problems {
		b.WriteString(`<li><code>`)
		b.WriteString(html.EscapeString(p))
		b.WriteString(`</code></li>`)
	}
	b.WriteString(`</ul><button type="button" class="sitegen-overlay-close" aria-label="Hide the problems">&times;</button></div>`)
	return b.Bytes()
}

// inject returns a copy of page with head at the end of its <head> and
// overlay at the start of its <body>. In a page that leaves those tags
// out (HTML allows it), head goes where the head would be, after <html>
// or the doctype, and overlay at the end: it is fixed in place anyway.
func inject(page, head, overlay []byte) []byte {
	headAt := indexFold(page, "</head")
	if headAt < 0 {
		headAt = indexFold(page, "<body")
	}
	if headAt < 0 {
		headAt = max(0, afterTag(page, "<html"), afterTag(page, "<!doctype"))
	}
	bodyAt := afterTag(page, "<body")
	if bodyAt < 0 {
		bodyAt = len(page)
	}
	if bodyAt < headAt {
		bodyAt = headAt
	}
	out := make([]byte, 0, len(page)+len(head)+len(overlay))
	out = append(out, page[:headAt]...)
	out = append(out, head...)
	out = append(out, page[headAt:bodyAt]...)
	out = append(out, overlay...)
	return append(out, page[bodyAt:]...)
}

// afterTag is the index just past the first start tag in page, or -1.
func afterTag(page []byte, tag string) int {
	i := indexFold(page, tag)
	if i < 0 {
		return -1
	}
	j := bytes.IndexByte(page[i:], '>')
	if j < 0 {
		return -1
	}
	return i + j + 1
}

// indexFold is the index of the first tag in b, ignoring ASCII case.
func indexFold(b []byte, tag string) int {
	for i := 0; i+len(tag) <= len(b); i++ {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if i+len(tag) <= len(b) && bytes.EqualFold(b[i:i+len(tag)], []byte(tag)) {
			next := byte('>')
			if i+len(tag) < len(b) {
				next = b[i+len(tag)]
			}
			if next == '>' || next == ' ' || next == '\t' || next == '\n' || next == '\r' || next == '/' {
				return i
			}
		}
	}
	return -1
}

// overlayCSS styles the overlay, served at stylePath. Every rule is
// scoped to the overlay so that the page's own styles stay as they are.
const overlayCSS = `/* sitegen serve: the build-problems overlay. Preview only. */
#sitegen-overlay {
  position: fixed;
  inset: 0 0 auto 0;
  z-index: 2147483647;
  box-sizing: border-box;
  max-height: 70vh;
  overflow: auto;
  margin: 0;
  padding: 1rem 3rem 1rem 1.25rem;
  background: #2a0f12;
  color: #ffe8e8;
  border-bottom: 4px solid #ff5c5c;
  box-shadow: 0 6px 24px rgba(0, 0, 0, .45);
  font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  text-align: left;
}
#sitegen-overlay .sitegen-overlay-title {
  margin: 0 0 .5rem;
  font-weight: bold;
  color: #ffb3b3;
}
#sitegen-overlay ul {
  margin: 0;
  padding: 0;
  list-style: none;
}
#sitegen-overlay li {
  margin: 0;
  padding: .3rem 0;
  border-top: 1px solid rgba(255, 255, 255, .12);
}
#sitegen-overlay code {
  font: inherit;
  color: inherit;
  background: none;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}
#sitegen-overlay .sitegen-overlay-close {
  position: absolute;
  top: .5rem;
  right: .75rem;
  padding: 0 .5rem;
  border: 1px solid rgba(255, 255, 255, .4);
  border-radius: 4px;
  background: transparent;
  color: inherit;
  font: 20px/1.4 sans-serif;
  cursor: pointer;
}
`
