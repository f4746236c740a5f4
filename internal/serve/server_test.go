package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ctohandbook/sitegen/internal/site"
)

// TestServesPage: a page of the site comes back as HTML, with the
// preview's stylesheet and script added at the end of <head>, and
// canonical links pointing at the preview.
func TestServesPage(t *testing.T) {
	p := start(t, writeSite(t, smallSite()))
	resp, err := p.client.Get(p.URL() + "/glossary/cto/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET /glossary/cto/: status %d, want 200", resp.StatusCode)
	}
	for h, want := range map[string]string{
		"Content-Type":           "text/html; charset=utf-8",
		"X-Content-Type-Options": "nosniff",
	} {
		if got := resp.Header.Get(h); got != want {
			t.Errorf("GET /glossary/cto/: %s = %q, want %q", h, got, want)
		}
	}
	for _, want := range []string{
		"Version one.",
		`<link rel="canonical" href="` + p.URL() + `/glossary/cto/">`,
		`<link rel="stylesheet" href="/_sitegen/overlay.css"><script src="/_sitegen/reload.js" data-build="`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("GET /glossary/cto/: the page lacks %q:\n%s", want, page)
		}
	}
	if i, j := strings.Index(page, "/_sitegen/reload.js"), strings.Index(page, "</head>"); i > j {
		t.Errorf("the reload script is not inside <head>")
	}
	if strings.Contains(page, "sitegen-overlay\"") {
		t.Errorf("a site that builds shows the overlay:\n%s", page)
	}
	if strings.Contains(page, "<script>") || regexp.MustCompile(`style="`).MatchString(page[strings.Index(page, "/_sitegen/"):]) {
		t.Errorf("the preview added an inline script or style")
	}
	if code, body := p.get(t, "/robots.txt"); code != 200 || body != "User-agent: *\n" {
		t.Errorf("GET /robots.txt = %d %q, want the static file", code, body)
	}
	if !strings.Contains(p.stdout.String(), "serving "+p.URL()+"/") {
		t.Errorf("stdout does not give the URL:\n%s", p.stdout)
	}
}

// TestServedPagesMatchBuild: what serve sends is exactly what build
// writes, plus the preview's tags; build output never has them.
func TestServedPagesMatchBuild(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir)
	s, probs := site.New(os.DirFS(dir), site.Options{BaseURL: p.URL()})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	res := s.Build()
	if !res.OK() {
		t.Fatal(res.Problems)
	}
	head := string(p.state.Load().head)
	for _, name := range res.Files.Paths() {
		built := string(res.Files[name])
		if strings.Contains(built, "_sitegen") {
			t.Errorf("build output %s mentions the preview's files", name)
		}
		url := "/" + name
		if strings.HasSuffix(url, "/index.html") {
			url = strings.TrimSuffix(url, "index.html")
		}
		_, served := p.get(t, url)
		want := built
		if strings.HasSuffix(name, ".html") {
			want = strings.Replace(built, "</head>", head+"</head>", 1)
		}
		if served != want {
			t.Errorf("GET %s differs from the built %s", url, name)
		}
	}
}

// TestNotFoundRedirectAndHead: unknown URLs get the site's 404 page with
// status 404; a folder without its slash is redirected; HEAD has headers
// and no body.
func TestNotFoundRedirectAndHead(t *testing.T) {
	p := start(t, writeSite(t, smallSite()))
	code, body := p.get(t, "/glossary/nope/")
	if code != 404 || !strings.Contains(body, "<html") || !strings.Contains(body, "/_sitegen/reload.js") {
		t.Errorf("GET /glossary/nope/ = %d, want 404 with the site's 404 page (and the reload script); body:\n%s", code, body)
	}
	if code, _ := p.get(t, "/nope.css"); code != 404 {
		t.Errorf("GET /nope.css = %d, want 404", code)
	}

	resp, err := p.client.Get(p.URL() + "/glossary/cto?x=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/glossary/cto/?x=1" {
		t.Errorf("GET /glossary/cto = %d Location %q, want 301 to /glossary/cto/?x=1", resp.StatusCode, resp.Header.Get("Location"))
	}

	resp, err = p.client.Head(p.URL() + "/glossary/cto/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(b) != 0 || resp.ContentLength <= 0 {
		t.Errorf("HEAD /glossary/cto/ = %d, %d body bytes, Content-Length %d; want 200, no body, a length", resp.StatusCode, len(b), resp.ContentLength)
	}
}

// TestOnlyGetAndHead: every other method is refused with 405 and Allow.
func TestOnlyGetAndHead(t *testing.T) {
	p := start(t, writeSite(t, smallSite()))
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"} {
		req, _ := http.NewRequest(method, p.URL()+"/glossary/cto/", strings.NewReader("x"))
		resp, err := p.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s /glossary/cto/ = %d Allow %q, want 405 Allow \"GET, HEAD\"", method, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
}

// TestContentTypes: files are typed by extension, never sniffed.
func TestContentTypes(t *testing.T) {
	files := smallSite()
	files["static/img/logo.svg"] = `<svg xmlns="http://www.w3.org/2000/svg"/>`
	files["static/data.json"] = `{}`
	files["static/blob.xyz123"] = "<html><script>alert(1)</script>"
	files["static/page.htm"] = "<p>hi</p>"
	p := start(t, writeSite(t, files))
	css := regexp.MustCompile(`href="(/assets/[^"]+\.css)"`).FindStringSubmatch(mustGet(t, p, "/"))
	if css == nil {
		t.Fatal("the home page links no stylesheet")
	}
	for path, want := range map[string]string{
		css[1]:                  "text/css; charset=utf-8",
		"/img/logo.svg":         "image/svg+xml",
		"/data.json":            "application/json",
		"/robots.txt":           "text/plain; charset=utf-8",
		"/feed.xml":             "application/atom+xml; charset=utf-8",
		"/sitemap.xml":          "application/xml; charset=utf-8",
		"/blob.xyz123":          "application/octet-stream",
		"/page.htm":             "text/html; charset=utf-8",
		"/_sitegen/reload.js":   "text/javascript; charset=utf-8",
		"/_sitegen/overlay.css": "text/css; charset=utf-8",
		"/_sitegen/events":      "text/event-stream; charset=utf-8",
	} {
		req, _ := http.NewRequest("HEAD", p.URL()+path, nil)
		resp, err := p.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || got != want {
			t.Errorf("HEAD %s = %d %q, want 200 %q", path, resp.StatusCode, got, want)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("HEAD %s: no X-Content-Type-Options: nosniff", path)
		}
	}
}

func mustGet(t *testing.T, p *preview, path string) string {
	t.Helper()
	code, body := p.get(t, path)
	if code != 200 {
		t.Fatalf("GET %s = %d, want 200", path, code)
	}
	return body
}

// TestPathEscapes: no request line, however encoded, returns a file from
// outside the built site: not the folder's sources, not its neighbours.
func TestPathEscapes(t *testing.T) {
	parent := t.TempDir()
	secret := "TOP-SECRET-" + t.Name()
	if err := os.WriteFile(filepath.Join(parent, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(parent, "site")
	for name, text := range smallSite() {
		writeFile(t, dir, name, text)
	}
	p := start(t, dir)
	addr := strings.TrimPrefix(p.URL(), "http://")
	sources := []string{secret, "Version one.\n", "title: Test Handbook", "summary: The technology executive."}
	for _, target := range []string{
		"/../secret.txt",
		"/../../../../../../etc/passwd",
		"/..%2fsecret.txt",
		"/%2e%2e/secret.txt",
		"/%2e%2e%2fsecret.txt",
		"/%252e%252e/secret.txt",
		"/%252e%252e%252fsecret.txt",
		"/..\\secret.txt",
		"/%5c..%5csecret.txt",
		"/glossary/..%5c..%5c..%5csecret.txt",
		"/glossary/%2e%2e/%2e%2e/secret.txt",
		"/./.././secret.txt",
		"//../secret.txt",
		"/..;/secret.txt",
		"/secret.txt%00.html",
		"/sitegen.yaml",
		"/content/glossary/cto.md",
		"/static/robots.txt/../../sitegen.yaml",
		"/_sitegen/../sitegen.yaml",
		"/_sitegen/../../secret.txt",
		"http://" + addr + "/../secret.txt",
		"*",
	} {
		status, header, body := rawGet(t, addr, target)
		t.Logf("GET %s: %s %s", target, status, header.Get("Location"))
		for _, s := range sources {
			if strings.Contains(body, s) {
				t.Errorf("GET %s: %s; the body holds %q, a file outside the built site", target, status, s)
			}
		}
		if loc := header.Get("Location"); loc != "" {
			if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.Contains(loc, "..") {
				t.Errorf("GET %s redirects to %q, not a clean path on this server", target, loc)
				continue
			}
			status, _, body = rawGet(t, addr, loc)
			for _, s := range sources {
				if strings.Contains(body, s) {
					t.Errorf("GET %s → %s: %s; the body holds %q", target, loc, status, s)
				}
			}
		}
	}
}

// rawGet sends target as the request line as is, as a hostile client
// would, and returns the status line, headers and body.
func rawGet(t *testing.T, addr, target string) (string, http.Header, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return "no response: " + err.Error(), http.Header{}, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.Status, resp.Header, string(b)
}

// TestSymlinkOutOfStaticIsNotServed: a symlink in static/ that points
// outside the site folder is not followed; the problem is shown.
func TestSymlinkOutOfStaticIsNotServed(t *testing.T) {
	parent := t.TempDir()
	secret := "TOP-SECRET-" + t.Name()
	if err := os.WriteFile(filepath.Join(parent, "secret.txt"), []byte(secret), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(parent, "site")
	for name, text := range smallSite() {
		writeFile(t, dir, name, text)
	}
	if err := os.Symlink(filepath.Join(parent, "secret.txt"), filepath.Join(dir, "static", "leak.txt")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	p := start(t, dir)
	code, body := p.get(t, "/leak.txt")
	if strings.Contains(body, secret) {
		t.Fatalf("GET /leak.txt = %d and the secret: a symlink out of the site was followed", code)
	}
	if _, home := p.get(t, "/"); !strings.Contains(home, "static/leak.txt") {
		t.Errorf("the overlay does not name static/leak.txt:\n%s", home)
	}
}

// TestBusyPortTriesNext: a taken port is skipped, and the terminal says
// which port is used instead.
func TestBusyPortTriesNext(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	busy := ln.Addr().(*net.TCPAddr).Port
	p := start(t, writeSite(t, smallSite()), func(c *Config) { c.Port = busy })
	if !regexp.MustCompile(fmt.Sprintf(`port %d is in use; using port \d+\n`, busy)).MatchString(p.stdout.String()) {
		t.Errorf("stdout does not say the port was taken:\n%s", p.stdout)
	}
	if strings.HasSuffix(p.URL(), fmt.Sprintf(":%d", busy)) {
		t.Errorf("URL %s is on the busy port", p.URL())
	}
	mustGet(t, p, "/")
}

// TestNonLoopbackWarns: binding beyond loopback says so.
func TestNonLoopbackWarns(t *testing.T) {
	p := start(t, writeSite(t, smallSite()), func(c *Config) { c.Bind = "0.0.0.0" })
	if !strings.Contains(p.stderr.String(), "warning: -bind 0.0.0.0") {
		t.Errorf("stderr has no warning about -bind 0.0.0.0:\n%s", p.stderr)
	}
	if !strings.HasPrefix(p.URL(), "http://127.0.0.1:") {
		t.Errorf("URL = %s, want one a local browser reaches", p.URL())
	}
	q := start(t, writeSite(t, smallSite()))
	if strings.Contains(q.stderr.String(), "warning: -bind") {
		t.Errorf("the default bind warns: %s", q.stderr)
	}
}
