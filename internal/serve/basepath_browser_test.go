//go:build unix

package serve

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
)

// TestUnderPath builds the shipped handbook with sitegen build
// -base-url http://127.0.0.1:PORT/handbook/, as a GitHub Pages project
// site is built, serves the output under /handbook/ only (with its
// _headers, CSP included), and checks what a reader and a link checker
// get: every reference of every HTML page, stylesheet and JSON file
// (graph.json, the search index), and every absolute URL of the site
// (canonical links, og:image, the sitemap, the feed) resolves under
// /handbook/; and in
// Chromium the home page, a term page with its hover card, the search
// box, an old URL of redirect_from (its HTML page forwards, as on GitHub
// Pages, which applies no _redirects), the search page with a query and
// the concept graph all work with no failed request and no CSP
// violation. Skipped without Chromium.
func TestUnderPath(t *testing.T) {
	bin := browserPath(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	origin := "http://" + ln.Addr().String()
	out := buildUnder(t, origin+"/handbook/")
	host := newPathHost(t, out, "/handbook")
	srv := &http.Server{Handler: host}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	t.Run("every reference resolves under /handbook/", func(t *testing.T) {
		checked, broken := host.checkLinks(t, origin, out)
		if checked < 200 { // the handbook's pages, assets, cards, and its absolute URLs
			t.Errorf("checked only %d references", checked)
		}
		for _, b := range broken {
			t.Error(b)
		}
	})

	tab := launchBrowser(t, bin)
	tab.viewport(t, 1280, 800, false)
	tab.call(t, "Page.enable", map[string]any{})
	tab.call(t, "Page.addScriptToEvaluateOnNewDocument", map[string]any{"source": `window.sitegenCSP = [];
		document.addEventListener("securitypolicyviolation", e => window.sitegenCSP.push(e.violatedDirective + " " + e.blockedURI));`})
	host.reset()
	open := func(t *testing.T, p string) {
		t.Helper()
		tab.call(t, "Page.navigate", map[string]any{"url": origin + p})
		tab.waitFor(t, `document.readyState === "complete" && location.pathname + location.search === `+jsString(p))
	}
	noViolations := func(t *testing.T, p string) {
		t.Helper()
		if v := tab.eval(t, `window.sitegenCSP.join("; ")`); v != "" {
			t.Errorf("%s: CSP violations: %v", p, v)
		}
	}

	t.Run("home page and search box", func(t *testing.T) {
		open(t, "/handbook/")
		if css := tab.eval(t, `getComputedStyle(document.body).marginTop`); css != "0px" {
			t.Errorf("the home page's stylesheet did not apply (body margin-top %v)", css)
		}
		tab.eval(t, `document.getElementById("site-search-q").focus()`)
		tab.typeText(t, "devsec")
		tab.waitFor(t, `document.querySelectorAll("#site-search-listbox a").length > 0`)
		if href := tab.eval(t, `document.querySelector("#site-search-listbox a").getAttribute("href")`); href != "/handbook/glossary/devsecops/" {
			t.Errorf(`typed "devsec" in the search box: the first result links to %v, want /handbook/glossary/devsecops/`, href)
		}
		noViolations(t, "/handbook/")
	})

	t.Run("term page and hover card", func(t *testing.T) {
		open(t, "/handbook/glossary/cto/")
		link := `document.querySelector('article .prose a[href="/handbook/glossary/ceo/"]')`
		tab.eval(t, link+`.scrollIntoView({block: "center"})`)
		x, y := tab.point(t, link)
		tab.mouse(t, "mouseMoved", x, y)
		if !tab.poll(`!document.getElementById("sitegen-term-card").hidden`) {
			t.Fatal("moved the mouse over a link to CEO under /handbook/: no hover card shows")
		}
		if got := tab.card(t); !strings.HasPrefix(got, "CEO | ") {
			t.Errorf("the hover card reads %q, want CEO's", got)
		}
		if tab.eval(t, `document.querySelector("figure.graph svg a.node") !== null`) != true {
			t.Error("the term page shows no local graph")
		}
		noViolations(t, "/handbook/glossary/cto/")
	})

	t.Run("search page with a query", func(t *testing.T) {
		open(t, "/handbook/search/?q=risk")
		tab.waitFor(t, `document.querySelectorAll("#search-page-results .search-hit").length > 0`)
		if bad := tab.eval(t, `Array.from(document.querySelectorAll("#search-page-results a.search-hit"), a => a.getAttribute("href")).filter(h => !h.startsWith("/handbook/")).join(" ")`); bad != "" {
			t.Errorf("search results link outside /handbook/: %v", bad)
		}
		noViolations(t, "/handbook/search/?q=risk")
	})

	t.Run("concept graph", func(t *testing.T) {
		open(t, "/handbook/graph/")
		tab.waitFor(t, `document.querySelector("figure.graph-global.is-interactive") !== null`)
		if bad := tab.eval(t, `Array.from(document.querySelectorAll("figure.graph-global a.node"), a => a.getAttribute("href")).filter(h => !h.startsWith("/handbook/glossary/")).length`); bad != 0.0 {
			t.Errorf("%v graph nodes link outside /handbook/glossary/", bad)
		}
		noViolations(t, "/handbook/graph/")
	})

	for _, r := range host.requests() {
		if r.status >= 400 {
			t.Errorf("the browser's request for %s failed: %d", r.path, r.status)
		}
	}
	if n := len(host.requests()); n < 10 {
		t.Errorf("the browser made only %d requests", n)
	}

	t.Run("an old URL forwards on a host without redirect rules", func(t *testing.T) {
		host.reset()
		tab.call(t, "Page.navigate", map[string]any{"url": origin + "/handbook/terms/cto/"})
		if !tab.poll(`location.pathname === "/handbook/glossary/cto/" && document.readyState === "complete"`) {
			t.Errorf("opened /handbook/terms/cto/ (redirect_from of the CTO): the browser is at %v, want /handbook/glossary/cto/", tab.eval(t, `location.href`))
		}
		for _, r := range host.requests() {
			// The forwarding page names the theme's icon, so nothing,
			// not even /favicon.ico at the host's root, may fail.
			if r.status >= 400 {
				t.Errorf("the browser's request for %s failed: %d", r.path, r.status)
			}
		}
	})
}

// buildUnder builds the shipped handbook with the sitegen command for
// baseURL, into a new folder. The CTO term has an old URL,
// /terms/cto/ (redirect_from), as a moved page has.
func buildUnder(t *testing.T, baseURL string) string {
	t.Helper()
	dir := t.TempDir()
	exe := filepath.Join(dir, "sitegen")
	if b, err := exec.Command("go", "build", "-o", exe, "github.com/ctohandbook/sitegen/cmd/sitegen").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	src := copyHandbook(t)
	cto := filepath.Join(src, "content", "glossary", "cto.md")
	b, err := os.ReadFile(cto)
	if err != nil || !bytes.HasPrefix(b, []byte("---\n")) {
		t.Fatalf("content/glossary/cto.md has no front matter to add redirect_from to (%v)", err)
	}
	writeFile(t, src, "content/glossary/cto.md", "---\nredirect_from: [/terms/cto/]\n"+string(b[4:]))
	out := filepath.Join(dir, "public")
	cmd := exec.Command(exe, "build", "-source", src, "-out", out, "-base-url", baseURL, "-no-cache")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sitegen build -base-url %s: %v\n%s", baseURL, err, b)
	}
	return out
}

// pathHost serves a built site under a path, as a static host does: the
// files under base, index.html for a folder, 404.html with status 404
// for anything else, and the headers of the site's _headers file. It
// records every request.
type pathHost struct {
	dir, base string
	headers   []headerRule
	mu        sync.Mutex
	log       []hostRequest
}

type headerRule struct {
	pattern *regexp.Regexp
	values  [][2]string
}

type hostRequest struct {
	path   string
	status int
}

func newPathHost(t *testing.T, dir, base string) *pathHost {
	t.Helper()
	h := &pathHost{dir: dir, base: base}
	b, err := os.ReadFile(filepath.Join(dir, "_headers"))
	if err != nil {
		t.Fatalf("the build wrote no _headers: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "/"):
			re := "^" + strings.ReplaceAll(regexp.QuoteMeta(line), `\*`, ".*") + "$"
			h.headers = append(h.headers, headerRule{pattern: regexp.MustCompile(re)})
		case strings.HasPrefix(line, "  ") && len(h.headers) > 0:
			k, v, _ := strings.Cut(strings.TrimSpace(line), ": ")
			r := &h.headers[len(h.headers)-1]
			r.values = append(r.values, [2]string{k, v})
		}
	}
	if len(h.headers) == 0 || !h.headers[0].pattern.MatchString(base+"/x") {
		t.Fatalf("_headers has no rule for every path under %s:\n%s", base, b)
	}
	return h
}

func (h *pathHost) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	status := h.serve(w, r)
	h.mu.Lock()
	h.log = append(h.log, hostRequest{r.URL.RequestURI(), status})
	h.mu.Unlock()
}

func (h *pathHost) serve(w http.ResponseWriter, r *http.Request) int {
	for _, rl := range h.headers {
		if rl.pattern.MatchString(r.URL.Path) {
			for _, kv := range rl.values {
				w.Header().Set(kv[0], kv[1])
			}
		}
	}
	status := http.StatusOK
	name := ""
	if rest, ok := strings.CutPrefix(r.URL.Path, h.base+"/"); ok {
		name = path.Clean("/" + rest)
		if strings.HasSuffix(r.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
	}
	body, err := os.ReadFile(filepath.Join(h.dir, filepath.FromSlash(name)))
	if name == "" || err != nil {
		status = http.StatusNotFound
		name = "404.html"
		body, _ = os.ReadFile(filepath.Join(h.dir, name))
	}
	if ct := w.Header().Get("Content-Type"); ct == "" {
		ctype := map[string]string{".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
			".js": "text/javascript; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png"}[path.Ext(name)]
		if ctype == "" {
			ctype = http.DetectContentType(body)
		}
		w.Header().Set("Content-Type", ctype)
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
	return status
}

func (h *pathHost) reset() {
	h.mu.Lock()
	h.log = nil
	h.mu.Unlock()
}

func (h *pathHost) requests() []hostRequest {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]hostRequest(nil), h.log...)
}

var (
	cssRef = regexp.MustCompile(`url\(\s*['"]?([^'")]+)`)
	xmlRef = regexp.MustCompile(`(?:href="|<loc>)([^"<]+)`)
)

// checkLinks is a link checker over the built files: every root-relative
// reference in HTML (href, src, action, srcset), CSS (url()) and the JSON
// the scripts read (graph.json "url", search/index.json "u"), and every
// absolute URL of the site (canonical links, og:image, the sitemap's and
// the feed's links) must start with the base path and answer 200 from
// the host. It returns how many distinct references it checked and what
// is broken.
func (h *pathHost) checkLinks(t *testing.T, origin, dir string) (int, []string) {
	t.Helper()
	refs := map[string]string{} // reference → a file that has it
	add := func(file, ref string) {
		ref = strings.SplitN(strings.SplitN(ref, "#", 2)[0], "?", 2)[0]
		if rest, ok := strings.CutPrefix(ref, origin); ok && strings.HasPrefix(rest, "/") {
			ref = rest
		}
		if strings.HasPrefix(ref, "/") && !strings.HasPrefix(ref, "//") {
			if _, ok := refs[ref]; !ok {
				refs[ref] = file
			}
		}
	}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, _ := os.ReadFile(p)
		switch filepath.Ext(p) {
		case ".html":
			z := html.NewTokenizer(bytes.NewReader(b))
			for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
				if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
					continue
				}
				for _, a := range z.Token().Attr {
					switch a.Key {
					case "href", "src", "action":
						add(rel, a.Val)
					case "content": // og:image, og:url, twitter:image
						if strings.HasPrefix(a.Val, origin+"/") {
							add(rel, a.Val)
						}
					case "srcset":
						for _, c := range strings.Split(a.Val, ",") {
							add(rel, strings.Fields(c + " x")[0])
						}
					}
				}
			}
		case ".css":
			for _, m := range cssRef.FindAllStringSubmatch(string(b), -1) {
				add(rel, m[1])
			}
		case ".xml":
			for _, m := range xmlRef.FindAllStringSubmatch(string(b), -1) {
				if strings.HasPrefix(m[1], origin+"/") {
					add(rel, m[1])
				}
			}
		case ".json":
			var walk func(key string, v any)
			walk = func(key string, v any) {
				switch v := v.(type) {
				case map[string]any:
					for k, x := range v {
						walk(k, x)
					}
				case []any:
					for _, x := range v {
						walk(key, x)
					}
				case string:
					if key == "url" || key == "u" {
						add(rel, v)
					}
				}
			}
			var v any
			if json.Unmarshal(b, &v) == nil {
				walk("", v)
			}
		}
		return nil
	})
	var broken []string
	for ref, file := range refs {
		if !strings.HasPrefix(ref, h.base+"/") {
			broken = append(broken, fmt.Sprintf("%s: %s is outside %s/", file, ref, h.base))
			continue
		}
		resp, err := http.Head(origin + ref)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			broken = append(broken, fmt.Sprintf("%s: %s answers %d", file, ref, resp.StatusCode))
		}
	}
	return len(refs), broken
}

// TestServeUnderPath previews the shipped handbook under /handbook/ (as
// sitegen serve -base-url https://user.github.io/handbook/ does) and
// checks in Chromium what a writer gets: "/" leads to /handbook/; the
// home page, the search box, a term page with its hover card, the search
// page and the graph work; an edit of the page reloads it; and no request
// the browser makes fails or leaves /handbook/, the live-reload stream
// included. On a small site under /handbook/ it checks the rest of the
// live reload: a stylesheet edit swaps the stylesheet without a reload,
// a broken edit shows the overlay (styled by its stylesheet under the
// path) and the fix removes it, and -navigate follows the edited page,
// with no failed request. Skipped without Chromium.
func TestServeUnderPath(t *testing.T) {
	bin := browserPath(t)
	dir := copyHandbook(t)
	p := start(t, dir, func(c *Config) { c.BaseURL = "https://user.github.io/handbook/"; c.Navigate = true })
	if st := p.state.Load(); st.files == nil || st.problems != nil {
		t.Fatalf("the shipped handbook does not build cleanly under /handbook/:\n%s", strings.Join(st.problems, "\n"))
	}
	origin, found := strings.CutSuffix(p.URL(), "/handbook")
	if !found {
		t.Fatalf("the preview serves at %s, want under /handbook", p.URL())
	}
	tab := launchBrowser(t, bin)
	tab.viewport(t, 1280, 800, false)
	requests := tab.recordNetwork(t)
	// open goes to the page at path (with its query) and waits until it is
	// loaded and its live-reload stream is connected.
	open := func(t *testing.T, path string) {
		t.Helper()
		tab.call(t, "Page.navigate", map[string]any{"url": origin + path})
		tab.waitFor(t, `document.readyState === "complete" && location.pathname + location.search === `+jsString(path))
		if msg := eventually(func() string {
			if p.hub.count() == 0 {
				return "opened " + path + ": the page opened no live-reload stream"
			}
			return ""
		}); msg != "" {
			t.Fatal(msg)
		}
	}
	tab.eval(t, `1`) // take the events that came so far
	checkRequests := func(t *testing.T) {
		t.Helper()
		tab.eval(t, `1`)
		for _, f := range requests.takeFailed() {
			t.Errorf("a request failed: %s", f)
		}
	}

	t.Run("/ leads to the home page under /handbook/", func(t *testing.T) {
		tab.call(t, "Page.navigate", map[string]any{"url": origin + "/"})
		tab.waitFor(t, `document.readyState === "complete" && location.pathname === "/handbook/"`)
		if css := tab.eval(t, `getComputedStyle(document.body).marginTop`); css != "0px" {
			t.Errorf("the home page's stylesheet did not apply (body margin-top %v)", css)
		}
		tab.eval(t, `document.getElementById("site-search-q").focus()`)
		tab.typeText(t, "devsec")
		tab.waitFor(t, `document.querySelectorAll("#site-search-listbox a").length > 0`)
		if href := tab.eval(t, `document.querySelector("#site-search-listbox a").getAttribute("href")`); href != "/handbook/glossary/devsecops/" {
			t.Errorf(`typed "devsec" in the search box: the first result links to %v, want /handbook/glossary/devsecops/`, href)
		}
		checkRequests(t)
	})

	t.Run("search page and graph", func(t *testing.T) {
		open(t, "/handbook/search/?q=risk")
		tab.waitFor(t, `document.querySelectorAll("#search-page-results .search-hit").length > 0`)
		open(t, "/handbook/graph/")
		tab.waitFor(t, `document.querySelector("figure.graph-global.is-interactive") !== null`)
		checkRequests(t)
	})

	cto := filepath.Join(dir, "content", "glossary", "cto.md")
	src, err := os.ReadFile(cto)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(t *testing.T, extra string) {
		t.Helper()
		if err := os.WriteFile(cto, append(append([]byte(nil), src...), "\n\n"+extra+"\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("term page and hover card", func(t *testing.T) {
		open(t, "/handbook/glossary/cto/")
		link := `document.querySelector('article .prose a[href="/handbook/glossary/ceo/"]')`
		tab.eval(t, link+`.scrollIntoView({block: "center"})`)
		x, y := tab.point(t, link)
		tab.mouse(t, "mouseMoved", x, y)
		if !tab.poll(`!document.getElementById("sitegen-term-card").hidden`) {
			t.Fatal("moved the mouse over a link to CEO under /handbook/: no hover card shows")
		}
		tab.mouse(t, "mouseMoved", 1, 1)
		checkRequests(t)
	})

	t.Run("an edit reloads the page", func(t *testing.T) {
		tab.eval(t, `window.sitegenMark = 1`)
		edit(t, "Edited under a path.")
		tab.waitFor(t, `location.pathname === "/handbook/glossary/cto/" && document.readyState === "complete" && document.body.textContent.includes("Edited under a path.")`)
		if tab.eval(t, `window.sitegenMark === 1`) == true {
			t.Error("the page changed without a reload")
		}
		checkRequests(t)
	})

	t.Run("no request leaves /handbook/", func(t *testing.T) {
		tab.eval(t, `1`)
		urls := requests.takeURLs()
		if len(urls) < 20 {
			t.Errorf("the browser made only %d requests", len(urls))
		}
		var events int
		for _, u := range urls {
			switch {
			case u == origin+"/": // the first visit, redirected
			case strings.HasPrefix(u, "data:"):
			case strings.HasPrefix(u, origin+"/handbook/"):
				if strings.HasPrefix(u, origin+"/handbook/_sitegen/events") {
					events++
				}
			default:
				t.Errorf("the browser asked for %s, outside %s/handbook/", u, origin)
			}
		}
		if events == 0 {
			t.Error("no page opened its live-reload stream at /handbook/_sitegen/events")
		}
	})

	// A stylesheet edit redraws every social card of the handbook (they
	// take the theme's colours), and so does the build that fixes a
	// broken one (the memo keeps only what the failed build used): a
	// small site, quick to rebuild under -race, shows the rest.
	files := smallSite()
	files["themes/default/static/style.css"] = "body { margin: 0; }\n"
	small := writeSite(t, files)
	sp := start(t, small, func(c *Config) { c.BaseURL = "/handbook/"; c.Navigate = true })
	openSmall := func(t *testing.T, path string) {
		t.Helper()
		tab.call(t, "Page.navigate", map[string]any{"url": sp.URL() + path})
		tab.waitFor(t, `document.readyState === "complete" && location.pathname === `+jsString("/handbook"+path))
		if msg := eventually(func() string {
			if sp.hub.count() == 0 {
				return "opened " + path + ": the page opened no live-reload stream"
			}
			return ""
		}); msg != "" {
			t.Fatal(msg)
		}
	}

	t.Run("a stylesheet edit swaps it without a reload", func(t *testing.T) {
		openSmall(t, "/glossary/cto/")
		tab.eval(t, `window.sitegenMark = 1`)
		writeFile(t, small, "themes/default/static/style.css", "body { margin: 0; outline: 3px solid rgb(255, 0, 0); }\n")
		tab.waitFor(t, `getComputedStyle(document.body).outlineColor === "rgb(255, 0, 0)"`)
		if tab.eval(t, `window.sitegenMark === 1`) != true {
			t.Error("the page reloaded for a stylesheet change")
		}
		if hrefs := tab.eval(t, `Array.from(document.querySelectorAll("link[rel=stylesheet]"), l => l.getAttribute("href")).filter(h => !h.startsWith("/handbook/")).join(" ")`); hrefs != "" {
			t.Errorf("stylesheets outside /handbook/ after the swap: %v", hrefs)
		}
		if n := tab.eval(t, `document.querySelectorAll("link[rel=stylesheet][href^='/handbook/assets/style.']").length`); n != 1.0 {
			t.Errorf("%v stylesheet links after the swap, want the new one alone", n)
		}
		checkRequests(t)
	})

	t.Run("a broken edit shows the overlay, the fix removes it", func(t *testing.T) {
		openSmall(t, "/glossary/cto/")
		tab.eval(t, `window.sitegenMark = 1`)
		writeFile(t, small, "content/glossary/cto.md", "---\ntitle: CTO\nsummary: The technology executive.\n---\nWorks with the [[cisoo]].\n")
		tab.waitFor(t, `!!document.getElementById("sitegen-overlay")`)
		if text, _ := tab.eval(t, `document.getElementById("sitegen-overlay").textContent`).(string); !strings.Contains(text, `content/glossary/cto.md:5:16: broken link "[[cisoo]]"`) {
			t.Errorf("the overlay says %q", text)
		}
		if pos := tab.eval(t, `getComputedStyle(document.getElementById("sitegen-overlay")).position`); pos != "fixed" {
			t.Errorf("the overlay is not styled by /handbook/_sitegen/overlay.css (position %v)", pos)
		}
		if tab.eval(t, `window.sitegenMark === 1`) != true {
			t.Error("the page reloaded to show the overlay")
		}
		openSmall(t, "/glossary/ciso/")
		if tab.eval(t, `!!document.getElementById("sitegen-overlay")`) != true {
			t.Error("a page opened while the build is broken has no overlay")
		}
		writeFile(t, small, "content/glossary/cto.md", "---\ntitle: CTO\nsummary: The technology executive.\n---\nWorks with the [[ciso]]. Fixed under a path.\n")
		// -navigate: the fix leads the page to the edited term.
		tab.waitFor(t, `location.pathname === "/handbook/glossary/cto/" && document.readyState === "complete" &&
			document.body.textContent.includes("Fixed under a path.") && !document.getElementById("sitegen-overlay")`)
		checkRequests(t)
		for _, u := range requests.takeURLs() {
			if !strings.HasPrefix(u, sp.URL()+"/") {
				t.Errorf("the browser asked for %s, outside %s/", u, sp.URL())
			}
		}
	})
}

// network is what a tab's requests did, from DevTools' Network events.
type network struct {
	urls   map[string]string // request ID → URL
	order  []string
	failed []string
}

// recordNetwork records the tab's requests from now on: every URL asked
// for, and every response of status 400 or more and every request that
// failed outright (a request the browser cancelled itself, such as a
// live-reload stream when its page reloads, is no failure).
func (b *tab) recordNetwork(t *testing.T) *network {
	t.Helper()
	n := &network{urls: map[string]string{}}
	b.onEvent = func(method string, params json.RawMessage) {
		var ev struct {
			RequestID string `json:"requestId"`
			Request   struct{ URL string }
			Response  struct {
				URL    string
				Status int
			}
			ErrorText string
			Canceled  bool
		}
		if json.Unmarshal(params, &ev) != nil {
			return
		}
		switch method {
		case "Network.requestWillBeSent":
			n.urls[ev.RequestID] = ev.Request.URL
			n.order = append(n.order, ev.Request.URL)
		case "Network.responseReceived":
			if ev.Response.Status >= 400 {
				n.failed = append(n.failed, fmt.Sprintf("%s answered %d", ev.Response.URL, ev.Response.Status))
			}
		case "Network.loadingFailed":
			if !ev.Canceled {
				n.failed = append(n.failed, fmt.Sprintf("%s: %s", n.urls[ev.RequestID], ev.ErrorText))
			}
		}
	}
	b.call(t, "Network.enable", map[string]any{})
	return n
}

// takeFailed returns the failures recorded since the last call.
func (n *network) takeFailed() []string {
	f := n.failed
	n.failed = nil
	return f
}

// takeURLs returns the URLs asked for since the last call, in order.
func (n *network) takeURLs() []string {
	u := n.order
	n.order = nil
	return u
}
