package output

import (
	"bytes"
	"net/url"
	"path"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// A site served under a path (https://user.github.io/handbook/) needs
// every internal URL to carry that path. Pages, the graph and the
// templates all speak root-relative URLs ("/glossary/cto/"); Prefix adds
// the base path in one place, to each file just before it is written, so
// nothing upstream has to know where the site will live. Absolute URLs
// (canonical links, the sitemap, the feed, JSON-LD) already carry the
// base URL and are left alone, as are relative links ("../x", "#id") and
// links to other hosts ("//cdn…", "https://…").

// BasePath is the path part of a base URL, without a trailing slash:
// "https://example.org/handbook/" and "/handbook" give "/handbook"; a site
// at the root of its host gives "".
func BasePath(base string) string {
	if strings.Contains(base, "://") {
		if u, err := url.Parse(base); err == nil {
			base = u.EscapedPath()
		}
	}
	base = strings.TrimRight(base, "/")
	if base != "" && !strings.HasPrefix(base, "/") {
		base = "/" + base
	}
	return base
}

// Prefix returns b, the content of the output file at path, with the base
// path of base (a base URL or a path, see BasePath) put in front of every
// root-relative URL it holds:
//
//   - HTML: href, src, action, formaction, poster, data, xlink:href,
//     srcset, data-base, the url= of a meta refresh, and the keys of JSON
//     data blocks (<script type="application/json">, the hover cards);
//   - CSS: url(...) and @import;
//   - JSON: object keys, and values under "url", "u", "href" and "src"
//     (graph.json, the search index);
//   - _redirects: both URLs of a rule; _headers: the path patterns.
//
// Other files come back unchanged, and so does every file when the site
// lives at the root of its host: b itself is returned then, not a copy.
// Prefix is not idempotent: call it once per file.
func Prefix(filePath string, b []byte, base string) []byte {
	p := BasePath(base)
	if p == "" {
		return b
	}
	switch name := path.Base(filePath); {
	case name == "_redirects":
		return prefixLines(b, p, 2)
	case name == "_headers":
		return prefixLines(b, p, 1)
	}
	switch path.Ext(filePath) {
	case ".html", ".htm":
		return prefixHTML(b, p)
	case ".css":
		return prefixCSS(b, p)
	case ".json":
		return prefixJSON(b, p)
	}
	return b
}

// internal says whether u is a root-relative URL of this site.
func internal(u []byte) bool {
	return len(u) > 0 && u[0] == '/' && (len(u) == 1 || u[1] != '/' && u[1] != '\\')
}

// prefixLines prefixes the first n fields of each line that starts with a
// root-relative URL (_redirects: from and to; _headers: the pattern, whose
// header lines are indented and so left alone).
func prefixLines(b []byte, p string, n int) []byte {
	var out bytes.Buffer
	out.Grow(len(b) + 64)
	for _, line := range bytes.SplitAfter(b, []byte("\n")) {
		if !internal(line) {
			out.Write(line)
			continue
		}
		rest := line
		for i := 0; i < n; i++ {
			f := bytes.IndexAny(rest, " \t\r\n")
			if f < 0 {
				f = len(rest)
			}
			if internal(rest[:f]) {
				out.WriteString(p)
			}
			out.Write(rest[:f])
			rest = rest[f:]
			sp := len(rest) - len(bytes.TrimLeft(rest, " \t"))
			out.Write(rest[:sp])
			rest = rest[sp:]
		}
		out.Write(rest)
	}
	return out.Bytes()
}

var cssURL = regexp.MustCompile(`(url\(\s*['"]?|@import\s+['"])(/[^/\\])`)

func prefixCSS(b []byte, p string) []byte {
	return cssURL.ReplaceAll(b, []byte("${1}"+strings.ReplaceAll(p, "$", "$$")+"${2}"))
}

// urlAttrs are the attributes whose value is one URL.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "poster": true,
	"data": true, "xlink:href": true, "data-base": true, "cite": true,
}

// prefixHTML rewrites the URL attributes of every tag, keeping every
// other byte as it was: the tokenizer finds the tags (so scripts,
// comments and text are never touched), and each tag's attributes are
// rewritten in its raw bytes.
func prefixHTML(b []byte, p string) []byte {
	var out bytes.Buffer
	out.Grow(len(b) + len(b)/20)
	z := html.NewTokenizer(bytes.NewReader(b))
	jsonBlock := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			out.Write(z.Raw()) // whatever was left unread
			break
		}
		raw := z.Raw()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			tag := append([]byte(nil), raw...)
			name, _ := z.TagName()
			jsonBlock = false
			if string(name) == "script" {
				jsonBlock = scriptIsJSON(tag)
			}
			out.Write(prefixTag(tag, string(name), p))
		case html.TextToken:
			if jsonBlock {
				out.Write(prefixJSON(raw, p))
			} else {
				out.Write(raw)
			}
		default:
			jsonBlock = false
			out.Write(raw)
		}
	}
	return out.Bytes()
}

// scriptIsJSON says whether a raw <script> tag holds a JSON data block
// (but not JSON-LD, whose URLs are absolute).
func scriptIsJSON(tag []byte) bool {
	typ := ""
	eachAttr(tag, func(name string, vs, ve int) {
		if name == "type" {
			typ = strings.ToLower(strings.TrimSpace(string(tag[vs:ve])))
		}
	})
	return typ == "application/json"
}

// prefixTag rewrites the URL attributes of one raw tag.
func prefixTag(tag []byte, name, p string) []byte {
	var edits []int // where p goes, in order
	refresh := false
	if name == "meta" {
		eachAttr(tag, func(a string, vs, ve int) {
			if a == "http-equiv" && strings.EqualFold(strings.TrimSpace(string(tag[vs:ve])), "refresh") {
				refresh = true
			}
		})
	}
	eachAttr(tag, func(a string, vs, ve int) {
		v := tag[vs:ve]
		switch {
		case urlAttrs[a]:
			if internal(v) {
				edits = append(edits, vs)
			}
		case a == "srcset" || a == "imagesrcset":
			// "a.png 1x, /b.png 2x": each candidate starts its URL after
			// optional spaces at the start or after a comma.
			for i := 0; i < len(v); {
				for i < len(v) && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == ',') {
					i++
				}
				if internal(v[i:]) {
					edits = append(edits, vs+i)
				}
				for i < len(v) && v[i] != ',' {
					i++
				}
			}
		case a == "content" && refresh:
			low := bytes.ToLower(v)
			if i := bytes.Index(low, []byte("url=")); i >= 0 {
				j := i + 4
				for j < len(v) && (v[j] == '\'' || v[j] == '"' || v[j] == ' ') {
					j++
				}
				if internal(v[j:]) {
					edits = append(edits, vs+j)
				}
			}
		}
	})
	if len(edits) == 0 {
		return tag
	}
	out := make([]byte, 0, len(tag)+len(edits)*len(p))
	last := 0
	for _, at := range edits {
		out = append(out, tag[last:at]...)
		out = append(out, p...)
		last = at
	}
	return append(out, tag[last:]...)
}

// eachAttr calls f with the lower-cased name and the value's byte range
// of every attribute of a raw start tag ("<a href=x title='y'>"), in
// order. Attributes without a value are skipped.
func eachAttr(tag []byte, f func(name string, vs, ve int)) {
	i := 1
	for i < len(tag) && !isSpace(tag[i]) && tag[i] != '>' && tag[i] != '/' {
		i++ // the tag name
	}
	for i < len(tag) {
		for i < len(tag) && (isSpace(tag[i]) || tag[i] == '/') {
			i++
		}
		if i >= len(tag) || tag[i] == '>' {
			return
		}
		ns := i
		for i < len(tag) && !isSpace(tag[i]) && tag[i] != '=' && tag[i] != '>' && (tag[i] != '/' || i == ns) {
			i++
		}
		name := strings.ToLower(string(tag[ns:i]))
		for i < len(tag) && isSpace(tag[i]) {
			i++
		}
		if i >= len(tag) || tag[i] != '=' {
			continue
		}
		i++
		for i < len(tag) && isSpace(tag[i]) {
			i++
		}
		if i >= len(tag) {
			return
		}
		var vs, ve int
		if q := tag[i]; q == '"' || q == '\'' {
			vs = i + 1
			ve = bytes.IndexByte(tag[vs:], q)
			if ve < 0 {
				return
			}
			ve += vs
			i = ve + 1
		} else {
			vs = i
			for i < len(tag) && !isSpace(tag[i]) && tag[i] != '>' {
				i++
			}
			ve = i
		}
		f(name, vs, ve)
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// jsonURLKeys are the object keys whose string values are URLs.
var jsonURLKeys = map[string]bool{"url": true, "u": true, "href": true, "src": true}

// prefixJSON prefixes root-relative object keys (the hover cards, keyed
// by URL) and values under jsonURLKeys, scanning the JSON as bytes so its
// layout stays as it was. A string is a key when a colon follows it.
func prefixJSON(b []byte, p string) []byte {
	var out bytes.Buffer
	out.Grow(len(b) + len(b)/20)
	key := "" // the last key read
	afterColon := false
	last := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case ':':
			afterColon = true
		case ',', '{', '[', '}', ']':
			afterColon = false
		case '"':
			end := i + 1
			for end < len(b) && b[end] != '"' {
				if b[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(b) {
				return b // not JSON after all
			}
			s := b[i+1 : end]
			j := end + 1
			for j < len(b) && isSpace(b[j]) {
				j++
			}
			isKey := j < len(b) && b[j] == ':'
			if isKey {
				key = string(s)
			}
			if internal(s) && (isKey || afterColon && jsonURLKeys[key]) {
				out.Write(b[last : i+1])
				out.WriteString(p)
				last = i + 1
			}
			afterColon = false
			i = end
		}
	}
	if last == 0 {
		return b
	}
	out.Write(b[last:])
	return out.Bytes()
}
