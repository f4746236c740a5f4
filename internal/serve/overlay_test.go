package serve

import (
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ctohandbook/sitegen/internal/site"
)

const overlayTag = `<div id="sitegen-overlay" role="alert">`

// TestBrokenEditShowsOverlay: a broken edit keeps the last good site
// served, puts the overlay with every problem as file:line:col into every
// served page, sends open pages the problems, and prints them; the fix
// takes the overlay away by itself.
func TestBrokenEditShowsOverlay(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir)
	tab := p.listen(t)
	writeFile(t, dir, "content/glossary/cto.md", "---\ntitle: CTO\nsummary: The technology executive.\nrelations:\n  complements: [\"<b>x</b>\"]\n---\nWorks with the [[cisoo]].\n")

	var ev struct {
		Build, Title string
		Problems     []string
	}
	if err := json.Unmarshal([]byte(tab.next(t, "problems").data), &ev); err != nil {
		t.Fatal(err)
	}
	want := `content/glossary/cto.md:7:16: broken link "[[cisoo]]" (did you mean "ciso"?)`
	if len(ev.Problems) != 2 || !strings.Contains(ev.Problems[0], "<b>x</b>") || ev.Problems[1] != want {
		t.Fatalf("problems event = %q, want two problems: the relation to <b>x</b> and %q", ev.Problems, want)
	}
	if !strings.Contains(ev.Title, "2 problems") {
		t.Errorf("problems event title = %q", ev.Title)
	}

	for _, url := range []string{"/glossary/cto/", "/glossary/ciso/", "/", "/glossary/nope/"} {
		_, page := p.get(t, url)
		i := strings.Index(page, overlayTag)
		if i < 0 {
			t.Errorf("GET %s while the build is broken: no overlay:\n%s", url, page)
			continue
		}
		if i < strings.Index(page, "<body") {
			t.Errorf("GET %s: the overlay is not inside <body>", url)
		}
		for _, p := range ev.Problems {
			if !strings.Contains(page, "<li><code>"+html.EscapeString(p)+"</code></li>") {
				t.Errorf("GET %s: the overlay does not list %q, escaped", url, p)
			}
		}
		if strings.Contains(page, "<b>x</b>") {
			t.Errorf("GET %s: a problem's text reached the page unescaped", url)
		}
	}
	if body := mustGet(t, p, "/glossary/cto/"); !strings.Contains(body, "Version one.") {
		t.Errorf("while the build is broken, /glossary/cto/ is not the last good page")
	}
	if !strings.Contains(p.stderr.String(), want+"\n") {
		t.Errorf("stderr does not print %q:\n%s", want, p.stderr)
	}
	if !strings.Contains(p.stdout.String(), "content/glossary/cto.md: build failed with 2 problems; serving the last good build") {
		t.Errorf("stdout has no line for the failed build:\n%s", p.stdout)
	}

	writeFile(t, dir, "content/glossary/cto.md", "---\ntitle: CTO\nsummary: The technology executive.\n---\nWorks with the [[ciso]]. Fixed.\n")
	r := tab.nextReloadWith(t, "glossary/cto/index.html")
	for _, url := range []string{"/glossary/cto/", "/glossary/ciso/", "/"} {
		if page := mustGet(t, p, url); strings.Contains(page, "sitegen-overlay\"") {
			t.Errorf("GET %s after the fix still shows the overlay", url)
		}
	}
	if r.Build == ev.Build {
		t.Errorf("the fix's reload event has the broken build's id")
	}
}

// TestRevertedEditClearsOverlay: undoing a broken edit changes no page,
// and still clears the overlay on open pages.
func TestRevertedEditClearsOverlay(t *testing.T) {
	files := smallSite()
	dir := writeSite(t, files)
	p := start(t, dir)
	tab := p.listen(t)
	writeFile(t, dir, "content/glossary/ciso.md", "---\ntitle: [CISO\n---\n")
	tab.next(t, "problems")
	writeFile(t, dir, "content/glossary/ciso.md", files["content/glossary/ciso.md"])
	if r := tab.next(t, "reload").reload(t); len(r.Paths) != 0 {
		t.Errorf("the revert reloads %v, want no page (only the overlay goes)", r.Paths)
	}
	if page := mustGet(t, p, "/glossary/ciso/"); strings.Contains(page, overlayTag) {
		t.Errorf("the overlay outlived the revert")
	}
}

// TestBrokenConfigAtStart: a site that does not build at start is still
// served: every page is the overlay; fixing sitegen.yaml brings the site.
func TestBrokenConfigAtStart(t *testing.T) {
	files := smallSite()
	files["sitegen.yaml"] = "title: Test Handbook\nbase_urll: https://example.org\n"
	dir := writeSite(t, files)
	p := start(t, dir)
	code, page := p.get(t, "/glossary/cto/")
	if code != 500 || !strings.Contains(page, overlayTag) || !strings.Contains(page, "sitegen.yaml:2:1: unknown key") {
		t.Fatalf("GET /glossary/cto/ with a broken sitegen.yaml = %d, want 500 and the overlay naming sitegen.yaml:2:1:\n%s", code, page)
	}
	tab := p.listen(t)
	writeFile(t, dir, "sitegen.yaml", "title: Fixed Handbook\n")
	tab.nextReloadWith(t, "glossary/cto/index.html")
	if page := mustGet(t, p, "/glossary/cto/"); strings.Contains(page, overlayTag) || !strings.Contains(page, "Fixed Handbook") {
		t.Errorf("after fixing sitegen.yaml the page is not the site:\n%s", page)
	}
}

// TestBrokenThemeRecovers: a template with a syntax error is reported,
// and removing it brings the site back.
func TestBrokenThemeRecovers(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir)
	tab := p.listen(t)
	writeFile(t, dir, "themes/default/templates/term.html", "{{define \"main\"}}{{.Nope\n")
	ev := tab.next(t, "problems")
	if !strings.Contains(ev.data, "themes/default/templates/term.html") {
		t.Errorf("problems event does not name the template: %s", ev.data)
	}
	if err := os.RemoveAll(filepath.Join(dir, "themes")); err != nil {
		t.Fatal(err)
	}
	tab.next(t, "reload")
	if page := mustGet(t, p, "/glossary/cto/"); strings.Contains(page, overlayTag) {
		t.Errorf("the overlay outlived the fix")
	}
}

func TestInject(t *testing.T) {
	head, overlay := []byte("[H]"), []byte("[O]")
	for _, tc := range []struct{ page, want string }{
		{"<html><head><title>x</title></head><body class=\"a\"><p>x</p></body></html>",
			"<html><head><title>x</title>[H]</head><body class=\"a\">[O]<p>x</p></body></html>"},
		{"<HTML><HEAD></HEAD>\n<BODY>x</BODY>", "<HTML><HEAD>[H]</HEAD>\n<BODY>[O]x</BODY>"},
		{"<head></head><header>no</header><body\n>x", "<head>[H]</head><header>no</header><body\n>[O]x"},
		{"<body><p>x", "[H]<body>[O]<p>x"},
		{"<head></head>x", "<head>[H]</head>x[O]"},
		{"<!DOCTYPE html><html lang=en><title>t</title><p>x", "<!DOCTYPE html><html lang=en>[H]<title>t</title><p>x[O]"},
		{"<!doctype html>\n<p>x", "<!doctype html>[H]\n<p>x[O]"},
		{"<p>fragment", "[H]<p>fragment[O]"},
		{"", "[H][O]"},
	} {
		if got := string(inject([]byte(tc.page), head, overlay)); got != tc.want {
			t.Errorf("inject(%q) = %q, want %q", tc.page, got, tc.want)
		}
	}
}

func TestOverlayEscapes(t *testing.T) {
	got := string(renderOverlay([]string{`a.md:1:2: broken link "[[<script>alert(1)</script>]]" & more`}))
	if strings.Contains(got, "<script>") || !strings.Contains(got, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(got, "&amp; more") {
		t.Errorf("renderOverlay does not escape the problem: %s", got)
	}
	if renderOverlay(nil) != nil {
		t.Error("renderOverlay(nil) is not empty")
	}
}

// TestPanicBecomesProblem: a crash inside the pipeline does not stop the
// preview: it is shown like any problem, and the next change starts from
// a new Site.
func TestPanicBecomesProblem(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir)
	tab := p.listen(t)
	// On the build goroutine, between builds: a Site that New did not
	// make, whose Rebuild crashes.
	p.onLoop <- func() {
		p.site = &site.Site{}
		p.rebuild(batch{paths: []string{"content/glossary/cto.md"}})
	}
	ev := tab.next(t, "problems")
	if !strings.Contains(ev.data, "content/glossary/cto.md: sitegen crashed while building") {
		t.Errorf("problems event = %s", ev.data)
	}
	if page := mustGet(t, p, "/glossary/cto/"); !strings.Contains(page, overlayTag) || !strings.Contains(page, "Version one.") {
		t.Errorf("after the crash the last good page is not served under the overlay")
	}
	writeFile(t, dir, "content/glossary/cto.md", "---\ntitle: CTO\n---\nAfter the crash.\n")
	tab.nextReloadWith(t, "glossary/cto/index.html")
	if page := mustGet(t, p, "/glossary/cto/"); strings.Contains(page, overlayTag) || !strings.Contains(page, "After the crash.") {
		t.Errorf("the next change did not recover")
	}
}
