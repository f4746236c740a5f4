//go:build unix

package serve

import (
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rtlCode is what startLanguages adds to the Urdu container term of the
// multilingual test site: a code block and inline code, which must stay
// left to right on the right-to-left page.
const rtlCode = "\n\nایک امیج یوں بنتی ہے: `docker build -t app:1.0 .` اور پھر:\n\n" +
	"```sh\ndocker run --rm -p 8080:80 app:1.0 # port 8080\n```\n"

// startLanguages previews a copy of the nine-language test site of
// internal/site/testdata/multilingual (English, Spanish, Russian, Hindi,
// Bengali, Urdu, Chinese, Japanese, Korean), with rtlCode added to the
// Urdu container term.
func startLanguages(t *testing.T) *preview {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "site", "testdata", "multilingual"))); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "content", "ur", "glossary", "container.md")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/ur/glossary/container.md", strings.TrimRight(string(b), "\n")+rtlCode)
	p := start(t, dir)
	if st := p.state.Load(); st.files == nil || st.problems != nil {
		t.Fatalf("the multilingual test site does not build cleanly:\n%s", strings.Join(st.problems, "\n"))
	}
	return p
}

// TestLanguagesScreenshots writes screenshots of the multilingual test
// site's pages in every script (Urdu right to left, Chinese, Japanese,
// Korean, Hindi, Bengali, Russian, a Spanish fallback) and of the
// handbook's Spanish edition, 1280 and 360 px wide, light and dark, into
// the -shots folder, for a person to look at; each page also with its
// language menu open. Skipped without -shots.
func TestLanguagesScreenshots(t *testing.T) {
	if *shots == "" {
		t.Skip("no -shots folder")
	}
	bin := browserPath(t)
	if err := os.MkdirAll(*shots, 0o755); err != nil {
		t.Fatal(err)
	}
	tab := launchBrowser(t, bin)
	sites := []struct {
		start func(*testing.T) *preview
		pages []struct{ name, path string }
	}{
		{startLanguages, []struct{ name, path string }{
			{"ur-home", "/ur/"}, {"ur-term", "/ur/glossary/container/"}, {"ur-glossary", "/ur/glossary/"},
			{"ur-graph", "/ur/graph/"}, {"ur-fallback", "/ur/glossary/api-gateway/"}, {"ur-chapter", "/ur/guide/getting-started/first-deployment/"}, {"ur-tags", "/ur/tags/"}, {"ur-search", "/ur/search/?q=" + url.QueryEscape("کنٹینر")},
			{"zh-term", "/zh-cn/glossary/kubernetes/"}, {"ja-glossary", "/ja/glossary/"}, {"ko-term", "/ko/glossary/container/"},
			{"hi-term", "/hi/glossary/kubernetes/"}, {"bn-term", "/bn/glossary/container/"}, {"ru-term", "/ru/glossary/kubernetes/"},
			{"es-fallback", "/es/glossary/observability/"},
		}},
		{startHandbook, []struct{ name, path string }{
			{"hb-es-home", "/es/"}, {"hb-es-cto", "/es/glossary/cto/"}, {"hb-es-guide", "/es/guide/first-90-days/"},
		}},
	}
	for _, s := range sites {
		p := s.start(t)
		for _, width := range []int{360, 1280} {
			tab.viewport(t, width, 900, width < 600)
			for _, pg := range s.pages {
				tab.visit(t, p, pg.path)
				tab.settleAny(t, pg.path)
				for _, scheme := range []string{"light", "dark"} {
					tab.scheme(t, scheme)
					tab.screenshot(t, filepath.Join(*shots, fmt.Sprintf("%s-%d-%s", pg.name, width, scheme)))
				}
				tab.scheme(t, "light")
				tab.eval(t, `(() => { const m = document.querySelector(".lang-menu"); if (m) { m.open = true; scrollTo(0, 0); } })()`)
				tab.screenshot(t, filepath.Join(*shots, fmt.Sprintf("%s-%d-menu", pg.name, width)))
			}
		}
	}
}

// settleAny is settle for a page in any language's tree: /ur/graph/
// waits as /graph/ does, /ur/search/?q= as /search/?q= does.
func (b *tab) settleAny(t *testing.T, path string) {
	t.Helper()
	rest := path
	if i := strings.Index(path[1:], "/"); i > 0 && !strings.HasPrefix(path, "/graph/") && !strings.HasPrefix(path, "/search/") && !strings.HasPrefix(path, "/glossary/") {
		rest = path[i+1:]
	}
	b.settle(t, rest)
}

// TestRightToLeft opens the multilingual test site's Urdu pages, right
// to left, in headless Chromium, and its English ones, left to right, and
// checks what a reader of each sees: the header mirrors (the site's name
// at the right edge, then the menu, then the search box), code reads
// left to right, a reading time in English reads "1 min read", the
// concept graph's labels sit in its box under their circles and the
// graph pans and zooms, a hover card hangs from the link's start edge
// inside the window, the language menu opens inside the window, and no
// page is wider than a 360px phone. Skipped without Chromium, and in
// -short mode.
func TestRightToLeft(t *testing.T) {
	bin := browserPath(t)
	p := startLanguages(t)
	tab := launchBrowser(t, bin)
	tab.viewport(t, 1280, 900, false)
	pages := []struct{ dir, term, link string }{
		{"rtl", "/ur/glossary/container/", "/ur/glossary/kubernetes/"},
		{"ltr", "/glossary/container/", "/glossary/kubernetes/"},
	}

	t.Run("header mirrors", func(t *testing.T) {
		defer tab.viewport(t, 1280, 900, false)
		for _, pg := range pages {
			tab.viewport(t, 1280, 900, false)
			tab.visit(t, p, pg.term)
			var h struct {
				Dir                string
				Width              float64
				Brand, Nav, Search [2]float64
			}
			tab.decode(t, `(() => { const lr = s => { const r = document.querySelector(s).getBoundingClientRect(); return [r.left, r.right]; };
				return {dir: document.documentElement.dir, width: document.documentElement.clientWidth,
					brand: lr(".brand"), nav: lr(".site-nav"), search: lr(".site-search")}; })()`, &h)
			var ok bool
			if pg.dir == "rtl" {
				ok = h.Brand[1] > h.Width-20 && h.Brand[0] >= h.Nav[1] && h.Nav[0] >= h.Search[1]
			} else {
				ok = h.Brand[0] < 20 && h.Brand[1] <= h.Nav[0] && h.Nav[1] <= h.Search[0]
			}
			if h.Dir != pg.dir || !ok {
				t.Errorf("opened %s, %.0fpx wide: dir %q; the site's name spans %v, the menu %v, the search box %v; want dir %q and, from the %s edge, name, menu, search",
					pg.term, h.Width, h.Dir, h.Brand, h.Nav, h.Search, pg.dir, map[string]string{"rtl": "right", "ltr": "left"}[pg.dir])
			}
			// On a phone the name shares its row with the theme switch,
			// at the start edge; the switch at the end.
			tab.viewport(t, 360, 740, true)
			tab.visit(t, p, pg.term)
			var s struct {
				Width         float64
				Brand, Switch [2]float64
			}
			tab.decode(t, `(() => { const lr = s => { const r = document.querySelector(s).getBoundingClientRect(); return [r.left, r.right]; };
				return {width: document.documentElement.clientWidth, brand: lr(".brand"), switch: lr(".theme-switch")}; })()`, &s)
			if pg.dir == "rtl" {
				ok = s.Brand[1] > s.Width-20 && s.Switch[0] < 20
			} else {
				ok = s.Brand[0] < 20 && s.Switch[1] > s.Width-20
			}
			if !ok {
				t.Errorf("opened %s 360px wide: the site's name spans %v, the theme switch %v; want the name at the %s edge, the switch at the other",
					pg.term, s.Brand, s.Switch, map[string]string{"rtl": "right", "ltr": "left"}[pg.dir])
			}
		}
	})

	t.Run("code reads left to right", func(t *testing.T) {
		tab.visit(t, p, "/ur/glossary/container/")
		var c struct {
			Dir, Align  string
			Start       float64
			Scroll      float64
			Inline      string
			First, Last float64
			InlineDir   string
		}
		tab.decode(t, `(() => {
			const pre = document.querySelector(".prose pre"), cs = getComputedStyle(pre);
			const at = (node, i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect(); };
			const text = pre.querySelector("code").firstChild.nodeType === 3 ? pre.querySelector("code").firstChild : document.createTreeWalker(pre, NodeFilter.SHOW_TEXT).nextNode();
			const code = document.querySelector(".prose p code"), t = code.firstChild;
			return {dir: cs.direction, align: cs.textAlign, start: at(text, 0).left - pre.getBoundingClientRect().left, scroll: pre.scrollLeft,
				inline: t.data, first: at(t, 0).left, last: at(t, t.data.length - 1).left, inlineDir: getComputedStyle(code).direction};
		})()`, &c)
		if c.Dir != "ltr" || c.Align != "left" || c.Start > 30 || c.Scroll != 0 {
			t.Errorf("the Urdu page's code block: direction %q, text-align %q, its first letter %.0fpx from its left edge, scrolled %.0fpx; want ltr, left, under 30px, 0",
				c.Dir, c.Align, c.Start, c.Scroll)
		}
		if c.InlineDir != "ltr" || !(c.First < c.Last) {
			t.Errorf("the Urdu page's inline code %q: direction %q, its first letter at x %.0f, its last at %.0f; want ltr, the first left of the last", c.Inline, c.InlineDir, c.First, c.Last)
		}
	})

	t.Run("a number in an English string stays in its place", func(t *testing.T) {
		tab.visit(t, p, "/ur/glossary/container/")
		var m struct {
			Text        string
			Digit, Word float64
		}
		tab.decode(t, `(() => {
			const s = Array.from(document.querySelectorAll(".page-meta > span")).find(s => /^\d+ min read$/.test(s.textContent));
			if (!s) return {text: "no reading time"};
			const t = s.firstChild, at = i => { const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1); return r.getBoundingClientRect().left; };
			return {text: t.data, digit: at(0), word: at(t.data.indexOf("m"))};
		})()`, &m)
		if !(m.Digit < m.Word) {
			t.Errorf("the Urdu page's reading time %q (the theme speaks English): its number at x %.0f, \"min\" at %.0f; want the number first, at the left, as \"1 min read\" reads", m.Text, m.Digit, m.Word)
		}
	})

	t.Run("graph labels read inside the box; pan and zoom", func(t *testing.T) {
		// Fit shows the whole graph: every label must be in the box, an
		// Urdu or a Japanese one as well as an English one.
		for _, g := range []struct{ path, fig string }{{"/ur/graph/", "figure.graph-global"}, {"/ur/glossary/container/", "figure.graph-local"},
			{"/ja/glossary/kubernetes/", "figure.graph-local"}, {"/zh-cn/graph/", "figure.graph-global"}} {
			tab.visit(t, p, g.path)
			tab.waitFor(t, `document.querySelector("`+g.fig+`.is-interactive") !== null`)
			tab.eval(t, `document.querySelector("`+g.fig+` svg").scrollIntoView({block: "center"})`)
			fit := `Array.from(document.querySelectorAll("` + g.fig + ` .graph-controls button")).find(b => b.getAttribute("aria-label") === "Fit the whole graph in view")`
			x, y := tab.point(t, fit)
			tab.click(t, x, y)
			var bad []string
			tab.decode(t, `(() => {
				const svg = document.querySelector("`+g.fig+` svg"), box = svg.getBoundingClientRect(), out = [];
				for (const a of svg.querySelectorAll("a.node")) {
					const l = a.querySelector("text").getBoundingClientRect(), c = a.querySelector("circle").getBoundingClientRect();
					const off = Math.abs((l.left + l.right) / 2 - (c.left + c.right) / 2);
					if (l.left < box.left - 1 || l.right > box.right + 1 || l.top < box.top - 1 || l.bottom > box.bottom + 1 || off > 4)
						out.push(a.dataset.slug + ": label " + Math.round(l.left) + ".." + Math.round(l.right) + ", circle's centre " + Math.round((c.left + c.right) / 2));
				}
				if (!svg.querySelector("a.node")) out.push("no nodes");
				return out;
			})()`, &bad)
			if len(bad) > 0 {
				t.Errorf("%s: clicked Fit: labels outside the graph's box or not centred under their circle: %s", g.path, strings.Join(bad, "; "))
			}
			before := tab.viewBox(t, g.fig)
			x, y = tab.point(t, `document.querySelector("`+g.fig+` .graph-controls button")`)
			tab.click(t, x, y) // the first button: zoom in
			if after := tab.viewBox(t, g.fig); !(after[2] < before[2]) {
				t.Errorf("%s: clicked the first zoom button (%v): the view went from %v to %v, want it narrower", g.path, tab.eval(t, `document.querySelector("`+g.fig+` .graph-controls button").textContent`), before, after)
			}
			before = tab.viewBox(t, g.fig)
			x, y = tab.emptySpot(t, g.fig)
			tab.drag(t, x, y, x-60, y)
			if after := tab.viewBox(t, g.fig); !(after[0] > before[0]+10) || after[2] != before[2] {
				t.Errorf("%s: dragged the graph 60px to the left: the view went from %v to %v, want it moved right, same size", g.path, before, after)
			}
		}
	})

	t.Run("hover card hangs from the link's start", func(t *testing.T) {
		defer tab.viewport(t, 1280, 900, false)
		for _, width := range []int{1280, 360} {
			tab.viewport(t, width, 800, width < 600)
			for _, pg := range pages {
				tab.visit(t, p, pg.term)
				link := `document.querySelector('article .prose a[href="` + pg.link + `"]')`
				tab.eval(t, link+`.scrollIntoView({block: "center"})`)
				x, y := tab.point(t, link)
				tab.mouse(t, "mouseMoved", x, y)
				if !tab.poll(`!document.getElementById("sitegen-term-card").hidden`) {
					t.Fatalf("%dpx: moved the mouse over the link to %s on %s: no hover card shows", width, pg.link, pg.term)
				}
				var c struct {
					Link, Card                 [2]float64
					Top, Bottom, Width, Height float64
				}
				tab.decode(t, `(() => { const l = `+link+`.getBoundingClientRect(), c = document.getElementById("sitegen-term-card").getBoundingClientRect();
					return {link: [l.left, l.right], card: [c.left, c.right], top: c.top, bottom: c.bottom, width: document.documentElement.clientWidth, height: innerHeight}; })()`, &c)
				inside := c.Card[0] >= 0 && c.Card[1] <= c.Width && c.Top >= 0 && c.Bottom <= c.Height
				// From the link's start edge, unless the window's edge
				// pushes it inward (8px from it).
				aligned := math.Abs(c.Card[0]-c.Link[0]) < 1.5 || c.Card[1] > c.Width-9
				if pg.dir == "rtl" {
					aligned = math.Abs(c.Card[1]-c.Link[1]) < 1.5 || c.Card[0] < 9
				}
				if !inside || !aligned {
					t.Errorf("%dpx, %s (%s): the link spans %v, its hover card %v (top %.0f, bottom %.0f) in a window %.0f×%.0f; want the card inside the window, its %s edge at the link's",
						width, pg.term, pg.dir, c.Link, c.Card, c.Top, c.Bottom, c.Width, c.Height, map[string]string{"rtl": "right", "ltr": "left"}[pg.dir])
				}
				tab.mouse(t, "mouseMoved", 1, 1)
				tab.poll(`document.getElementById("sitegen-term-card").hidden`)
			}
		}
	})

	t.Run("language menu opens inside the window", func(t *testing.T) {
		defer tab.viewport(t, 1280, 900, false)
		for _, width := range []int{1280, 360} {
			tab.viewport(t, width, 800, width < 600)
			for _, path := range []string{"/ur/glossary/container/", "/hi/glossary/kubernetes/"} {
				tab.visit(t, p, path)
				x, y := tab.point(t, `document.querySelector(".lang-menu > summary")`)
				tab.click(t, x, y)
				var m struct {
					Open  bool
					Width float64
					Items [][3]any
				}
				tab.decode(t, `(() => { const d = document.querySelector(".lang-menu");
					return {open: d.open, width: document.documentElement.clientWidth, items: Array.from(d.querySelectorAll("li a"), a => {
						const r = a.getBoundingClientRect(); return [a.textContent, r.left, r.right]; })}; })()`, &m)
				for _, it := range m.Items {
					if l, r := it[1].(float64), it[2].(float64); l < 0 || r > m.Width || r-l < 24 {
						t.Errorf("%dpx, %s: clicked the language menu: %q spans %.0f..%.0f in a window %.0fpx wide, want it inside", width, path, it[0], l, r, m.Width)
					}
				}
				if !m.Open || len(m.Items) != 9 {
					t.Errorf("%dpx, %s: clicked the language menu: open %v with %d languages, want it open with 9", width, path, m.Open, len(m.Items))
				}
			}
		}
		x, y := tab.point(t, `document.querySelector('.lang-menu a[hreflang="en"]')`)
		tab.click(t, x, y)
		if !tab.poll(`location.pathname === "/glossary/kubernetes/"`) {
			t.Errorf("chose English in the Hindi Kubernetes page's language menu: the page is %v, want /glossary/kubernetes/", tab.eval(t, `location.pathname`))
		}
	})

	t.Run("pages fit a 360px screen", func(t *testing.T) {
		tab.viewport(t, 360, 740, true)
		defer tab.viewport(t, 1280, 900, false)
		for _, path := range []string{"/ur/", "/ur/glossary/", "/ur/glossary/container/", "/ur/glossary/api-gateway/",
			"/ur/guide/getting-started/first-deployment/", "/ur/graph/", "/ur/tags/", "/ur/search/?q=" + url.QueryEscape("کنٹینر"),
			"/zh-cn/glossary/kubernetes/", "/ja/glossary/", "/hi/glossary/kubernetes/"} {
			tab.visit(t, p, path)
			tab.settleAny(t, path)
			if wide := tab.overflow(t); wide != "" {
				t.Errorf("opened %s 360px wide: the page is %v, want no wider than the window", path, wide)
			}
		}
	})
}

// overflow says how the page is wider than the window, with the first
// elements past either edge, or "" when it fits.
func (b *tab) overflow(t *testing.T) string {
	t.Helper()
	return b.str(t, `(() => {
		const w = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth <= w) return "";
		const out = [];
		for (const e of document.querySelectorAll("body *")) {
			const r = e.getBoundingClientRect();
			if ((r.right > w + 0.5 || r.left < -0.5) && out.length < 5) out.push(e.tagName.toLowerCase() + (e.getAttribute("class") ? "." + e.getAttribute("class").replace(/ /g, ".") : "") + " " + Math.round(r.left) + ".." + Math.round(r.right) + "px");
		}
		return document.documentElement.scrollWidth + "px wide; past an edge: " + out.join(", ");
	})()`)
}

// drag presses the left mouse button at (x, y), moves to (x2, y2) in
// steps, and lets go.
func (b *tab) drag(t *testing.T, x, y, x2, y2 float64) {
	t.Helper()
	b.mouse(t, "mouseMoved", x, y)
	b.mouse(t, "mousePressed", x, y)
	for i := 1.0; i <= 5; i++ {
		b.call(t, "Input.dispatchMouseEvent", map[string]any{"type": "mouseMoved", "x": x + (x2-x)*i/5, "y": y + (y2-y)*i/5, "button": "left", "buttons": 1})
	}
	b.mouse(t, "mouseReleased", x2, y2)
}
