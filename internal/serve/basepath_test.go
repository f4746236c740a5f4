package serve

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// underPath previews the small site under /handbook/, as for a GitHub
// Pages project site.
func underPath(c *Config) { c.BaseURL = "https://user.github.io/handbook/" }

// TestServesUnderPath: given a base URL with a path, the preview serves
// the site under that path of its own address, its pages' links and its
// own script and stylesheet carry the path, "/" leads there, and a URL
// that leaves the path out is not found, as on the host.
func TestServesUnderPath(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir, underPath)
	origin := strings.TrimSuffix(p.URL(), "/handbook")
	if origin == p.URL() || !strings.HasPrefix(origin, "http://127.0.0.1:") {
		t.Fatalf("URL() = %q, want http://127.0.0.1:PORT/handbook", p.URL())
	}
	if want := "serving " + p.URL() + "/ "; !strings.Contains(p.stdout.String(), want) {
		t.Errorf("stdout %q does not say %q", p.stdout.String(), want)
	}
	get := func(path string) (*http.Response, string) {
		t.Helper()
		resp, err := p.client.Get(origin + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatalf("GET %s: reading the body: %v", path, err)
		}
		return resp, string(b)
	}

	for _, tc := range []struct{ path, to string }{
		{"/", "/handbook/"},
		{"/?q=cto", "/handbook/?q=cto"},
		{"/handbook", "/handbook/"},
		{"/handbook/glossary/cto", "/handbook/glossary/cto/"},
	} {
		resp, _ := get(tc.path)
		if loc := resp.Header.Get("Location"); resp.StatusCode/100 != 3 || loc != tc.to {
			t.Errorf("GET %s = %d to %q, want a redirect to %s", tc.path, resp.StatusCode, loc, tc.to)
		}
	}

	resp, home := get("/handbook/")
	if resp.StatusCode != 200 {
		t.Fatalf("GET /handbook/ = %d, want the home page", resp.StatusCode)
	}
	for _, want := range []string{
		`href="/handbook/glossary/cto/"`,
		`<link rel="stylesheet" href="/handbook/_sitegen/overlay.css">`,
		`<script src="/handbook/_sitegen/reload.js" data-build="`,
		`data-base="/handbook" defer></script>`,
		`<link rel="canonical" href="` + p.URL() + `/">`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("the home page under /handbook/ has no %s", want)
		}
	}
	if strings.Contains(home, `href="/glossary/`) || strings.Contains(home, `src="/assets/`) || strings.Contains(home, `"/_sitegen/`) {
		t.Error("the home page under /handbook/ still links to root-relative URLs without the path")
	}

	for _, tc := range []struct {
		path   string
		status int
		ctype  string
	}{
		{"/handbook/glossary/cto/", 200, "text/html"},
		{"/handbook/robots.txt", 200, "text/plain"},
		{"/handbook/graph.json", 200, "application/json"},
		{"/handbook/feed.xml", 200, "application/atom+xml"}, // from _headers, whose patterns carry the path
		{"/handbook/_sitegen/reload.js", 200, "text/javascript"},
		{"/handbook/_sitegen/overlay.css", 200, "text/css"},
		// Outside the path: not found, with the site's 404 page.
		{"/glossary/cto/", 404, "text/html"},
		{"/robots.txt", 404, "text/html"},
		{"/_sitegen/reload.js", 404, "text/html"},
		{"/handbookx/", 404, "text/html"},
		{"/handbook/nope/", 404, "text/html"},
	} {
		resp, body := get(tc.path)
		if resp.StatusCode != tc.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.ctype) {
			t.Errorf("GET %s = %d %s, want %d %s", tc.path, resp.StatusCode, resp.Header.Get("Content-Type"), tc.status, tc.ctype)
		}
		if tc.status == 404 && !strings.Contains(body, `src="/handbook/_sitegen/reload.js"`) {
			t.Errorf("GET %s: the 404 page does not load the live-reload script from under /handbook/", tc.path)
		}
	}

	// The live-reload stream is under the path too (p.URL() has it), and
	// its events name the build's files.
	s := p.listen(t)
	writeFile(t, dir, "content/glossary/cto.md", "---\ntitle: CTO\nsummary: The technology executive.\n---\nWorks with the [[ciso]]. Version two.\n")
	s.nextReloadWith(t, "glossary/cto/index.html")
	if _, body := get("/handbook/glossary/cto/"); !strings.Contains(body, "Version two.") {
		t.Error("after the edit, /handbook/glossary/cto/ does not show it")
	}
}

// TestBasePathFromConfig: without Config.BaseURL the preview serves under
// the path of base_url in sitegen.yaml; "/" serves at the root whatever
// sitegen.yaml says.
func TestBasePathFromConfig(t *testing.T) {
	files := smallSite()
	files["sitegen.yaml"] = "title: Test Handbook\nbase_url: https://example.org/docs/\n"
	dir := writeSite(t, files)
	p := start(t, dir)
	if !strings.HasSuffix(p.URL(), "/docs") {
		t.Errorf("base_url https://example.org/docs/: the preview serves at %s, want under /docs", p.URL())
	}
	if code, body := p.get(t, "/glossary/cto/"); code != 200 || !strings.Contains(body, `href="/docs/glossary/ciso/"`) {
		t.Errorf("GET %s/glossary/cto/ = %d, want the CTO page linking to /docs/glossary/ciso/", p.URL(), code)
	}

	root := start(t, dir, func(c *Config) { c.BaseURL = "/" })
	if strings.HasSuffix(root.URL(), "/docs") {
		t.Errorf("-base-url /: the preview serves at %s, want the root", root.URL())
	}
	if code, body := root.get(t, "/glossary/cto/"); code != 200 || !strings.Contains(body, `href="/glossary/ciso/"`) {
		t.Errorf("-base-url /: GET /glossary/cto/ = %d, want the CTO page linking to /glossary/ciso/", code)
	}
}

// TestBadBaseURL: a base URL that is neither an http(s) address nor an
// absolute path is refused before anything is served.
func TestBadBaseURL(t *testing.T) {
	dir := writeSite(t, smallSite())
	for _, bad := range []string{"handbook/", "ftp://example.org/x/", "/x/?q=1", "https:///x/", "/x/#top", "mailto:a@b"} {
		srv, err := New(Config{Dir: dir, Port: 0, BaseURL: bad})
		if err == nil {
			srv.ln.Close()
			srv.watch.close()
			srv.root.Close()
			t.Errorf("New with BaseURL %q: no error", bad)
			continue
		}
		if !strings.Contains(err.Error(), "neither an http(s) address nor a path") {
			t.Errorf("New with BaseURL %q: %v", bad, err)
		}
	}
}

// TestHeaderType: the preview types a file as the site's _headers does,
// the last matching rule winning, and by its extension otherwise.
func TestHeaderType(t *testing.T) {
	file := []byte("# comment\n/*\n  X-Frame-Options: DENY\n/feed.xml\n  Content-Type: application/atom+xml\n" +
		"/data/*.geo\n  content-type : application/geo+json\n/data/x.geo\n\tContent-Type: text/plain\n")
	for p, want := range map[string]string{
		"/feed.xml":       "application/atom+xml",
		"/feed.xml/":      "",
		"/x/feed.xml":     "",
		"/data/a/b.geo":   "application/geo+json",
		"/data/x.geo":     "text/plain",
		"/data/x.geojson": "",
		"/index.html":     "",
	} {
		if got := headerType(file, p); got != want {
			t.Errorf("headerType(%q) = %q, want %q", p, got, want)
		}
	}
	for _, tc := range []struct {
		pattern, p string
		want       bool
	}{
		{"/*", "/", true}, {"/*", "/a/b", true}, {"/a", "/a", true}, {"/a", "/ab", false},
		{"/a/*/c", "/a/b/c", true}, {"/a/*/c", "/a/b/d", false}, {"/a*b*c", "/abc", true},
		{"/a*b*c", "/a-c-b", false}, {"/*.css", "/x.css.map", false},
	} {
		if got := patternMatch(tc.pattern, tc.p); got != tc.want {
			t.Errorf("patternMatch(%q, %q) = %v, want %v", tc.pattern, tc.p, got, tc.want)
		}
	}
}
