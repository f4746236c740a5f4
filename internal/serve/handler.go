package serve

import (
	"bytes"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// ServeHTTP answers GET and HEAD with a file of the last good build, the
// live-reload stream, or one of the preview's own assets.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed: the preview serves GET and HEAD only", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		http.Error(w, "400 bad request", http.StatusBadRequest)
		return
	}
	if clean := cleanPath(p); clean != p {
		redirect(w, r, clean)
		return
	}
	rest, inside := s.within(p)
	if !inside {
		s.outside(w, r, p)
		return
	}
	switch rest {
	case eventsPath:
		s.hub.serve(w, r, s.state.Load)
		return
	case scriptPath:
		serveBytes(w, r, p, []byte(reloadJS))
		return
	case stylePath:
		serveBytes(w, r, p, []byte(overlayCSS))
		return
	}
	st := s.state.Load()
	if st.files == nil {
		// No build has succeeded yet: every page shows the problems.
		serveHTML(w, r, st, []byte(placeholder), http.StatusInternalServerError)
		return
	}
	name := strings.TrimPrefix(rest, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if strings.HasPrefix(rest, prefix) {
		name = "" // the preview's own namespace: never a site file
	}
	b, ok := st.files[name]
	if !ok {
		if _, dir := st.files[name+"/index.html"]; dir && name != "" {
			redirect(w, r, p+"/")
			return
		}
		s.notFound(w, r, st, name)
		return
	}
	if isHTML(name) {
		serveHTML(w, r, st, b, http.StatusOK)
		return
	}
	if t := headerType(st.files["_headers"], p); t != "" {
		w.Header().Set("Content-Type", t)
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
		return
	}
	serveBytes(w, r, name, b)
}

// headerType is the Content-Type that the site's _headers file (the
// format of Netlify and Cloudflare Pages: a path pattern, "*" for any
// rest, then its headers indented) gives the request path p, as a host
// that reads the file sends it: the feed is Atom, not generic XML. The
// last matching rule wins. The file's other headers are not sent: the
// preview is never cached, and an editor may show it in a frame.
func headerType(file []byte, p string) string {
	var typ string
	match := false
	for _, line := range strings.Split(string(file), "\n") {
		switch {
		case strings.HasPrefix(line, "/"):
			match = patternMatch(strings.TrimSpace(line), p)
		case match && (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")):
			k, v, ok := strings.Cut(strings.TrimSpace(line), ":")
			if ok && strings.EqualFold(strings.TrimSpace(k), "Content-Type") {
				typ = strings.TrimSpace(v)
			}
		}
	}
	return typ
}

// patternMatch says whether a _headers path pattern matches p: "*"
// stands for any run of characters.
func patternMatch(pattern, p string) bool {
	parts := strings.Split(pattern, "*")
	last := len(parts) - 1
	if last == 0 {
		return p == pattern
	}
	if !strings.HasPrefix(p, parts[0]) {
		return false
	}
	p = p[len(parts[0]):]
	for _, part := range parts[1:last] {
		i := strings.Index(p, part)
		if i < 0 {
			return false
		}
		p = p[i+len(part):]
	}
	return strings.HasSuffix(p, parts[last])
}

// within is the request path p as a path of the site ("/glossary/cto/"),
// when p is under the path the site is served at.
func (s *Server) within(p string) (string, bool) {
	if s.mount == "" {
		return p, true
	}
	rest, ok := strings.CutPrefix(p, s.mount)
	if !ok || !strings.HasPrefix(rest, "/") {
		return "", false
	}
	return rest, true
}

// outside answers a request for a path that is not under the site's path:
// "/" and the path without its slash go to the site's home page; anything
// else is not found, as on the host, so that a link that leaves out the
// path is seen to fail in the preview. The redirect is temporary: another
// site may be previewed at this address tomorrow, at another path.
func (s *Server) outside(w http.ResponseWriter, r *http.Request, p string) {
	if p == "/" || p == s.mount {
		to := s.base + "/"
		if r.URL.RawQuery != "" {
			to += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, to, http.StatusFound)
		return
	}
	st := s.state.Load()
	if st.files == nil {
		serveHTML(w, r, st, []byte(placeholder), http.StatusInternalServerError)
		return
	}
	s.notFound(w, r, st, "")
}

// cleanPath is p without "." and ".." elements or doubled slashes,
// keeping a trailing slash. It never climbs above "/".
func cleanPath(p string) string {
	c := path.Clean(p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c
}

// redirect sends the browser to the path to, keeping the query.
func redirect(w http.ResponseWriter, r *http.Request, to string) {
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, to, http.StatusMovedPermanently)
}

// notFound answers a request for the missing file name with the site's
// 404 page and status 404: that of the language whose tree name is in
// (es/404.html for es/…), as the _redirects rules have hosts do, else
// 404.html.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state, name string) {
	page, ok := st.files["404.html"]
	if dir, _, cut := strings.Cut(name, "/"); cut {
		if own, has := st.files[dir+"/404.html"]; has {
			page, ok = own, true
		}
	}
	if !ok {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	serveHTML(w, r, st, page, http.StatusNotFound)
}

// serveHTML answers with page, carrying the preview's tags and, while the
// latest build has problems, the overlay. Only 200 responses go through
// http.ServeContent (ranges, conditional requests); others are written as
// they are.
func serveHTML(w http.ResponseWriter, r *http.Request, st *state, page []byte, status int) {
	b := inject(page, st.head, st.overlay)
	if status == http.StatusOK {
		serveBytes(w, r, "index.html", b)
		return
	}
	w.Header().Set("Content-Type", contentType(".html"))
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

// serveBytes answers with b, typed by name's extension.
func serveBytes(w http.ResponseWriter, r *http.Request, name string, b []byte) {
	w.Header().Set("Content-Type", contentType(name))
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// contentType is the media type of a file by its extension. The common
// web types are fixed here so that they do not depend on the machine's
// mime.types; anything unknown is served as bytes.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json", ".map":
		return "application/json"
	case ".webmanifest":
		return "application/manifest+json"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".txt", ".md":
		return "text/plain; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".avif":
		return "image/avif"
	case ".ico":
		return "image/vnd.microsoft.icon"
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	case ".ttf":
		return "font/ttf"
	case ".otf":
		return "font/otf"
	case ".pdf":
		return "application/pdf"
	case ".wasm":
		return "application/wasm"
	case ".mp4":
		return "video/mp4"
	case ".webm":
		return "video/webm"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// placeholder is the page served before any build has succeeded; the
// overlay is injected into it like into any page.
const placeholder = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>sitegen: the site does not build yet</title>
</head>
<body>
<main><p>The site has not built yet: fix the problems listed above and this page reloads by itself.</p></main>
</body>
</html>
`
