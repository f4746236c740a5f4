//go:build unix

package serve

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

var shots = flag.String("shots", "", "a `folder` for TestHandbookScreenshots to write screenshots of the handbook into; without it the test is skipped")

// TestHandbook drives headless Chromium over the shipped handbook, as the
// preview serves it, and checks what a reader sees: search finds a term
// by its other name, the concept graph reads with JavaScript off and
// works with it on, a term page shows its local graph and hover cards,
// the glossary's letters do not hide what they jump to, and pages fit a
// phone. Skipped without Chromium, and in -short mode.
func TestHandbook(t *testing.T) {
	bin := browserPath(t)
	p := startHandbook(t)
	tab := launchBrowser(t, bin)
	tab.viewport(t, 1280, 800, false)

	t.Run("search page finds a term by its aka", func(t *testing.T) {
		tab.visit(t, p, "/search/?q=SGSI")
		tab.waitFor(t, `document.querySelectorAll("#search-page-results .search-hit").length > 0`)
		first := tab.eval(t, `(() => {
			const a = document.querySelector("#search-page-results .search-hit");
			return [a.querySelector(".search-hit-title").textContent, a.getAttribute("href"),
				Array.from(a.querySelectorAll(".search-hit-aka mark"), m => m.textContent).join(" ")];
		})()`)
		if fmt.Sprint(first) != "[ISMS /glossary/isms/ SGSI]" {
			t.Errorf("opened /search/?q=SGSI: the first result is [title href marked-aka] %v, want [ISMS /glossary/isms/ SGSI]", first)
		}
	})

	t.Run("search box lists a term as you type, arrows and Enter open it", func(t *testing.T) {
		tab.visit(t, p, "/")
		tab.press(t, "/")
		if got := tab.eval(t, `document.activeElement && document.activeElement.id`); got != "site-search-q" {
			t.Fatalf(`pressed "/" on the home page: the focus is on #%v, want #site-search-q`, got)
		}
		tab.typeText(t, "devsec")
		tab.waitFor(t, `!document.getElementById("site-search-listbox").hidden &&
			document.querySelectorAll("#site-search-listbox .search-hit-title").length > 0`)
		titles := tab.eval(t, `Array.from(document.querySelectorAll("#site-search-listbox .search-hit-title"), e => e.textContent)`)
		if list, _ := titles.([]any); len(list) == 0 || list[0] != "DevSecOps" {
			t.Fatalf(`typed "devsec" in the search box: the list shows %v, want DevSecOps first`, titles)
		}
		tab.press(t, "ArrowDown")
		sel := tab.eval(t, `(() => {
			const id = document.getElementById("site-search-q").getAttribute("aria-activedescendant");
			const o = id && document.getElementById(id);
			return o ? o.getAttribute("aria-selected") + " " + o.querySelector(".search-hit-title").textContent : "none";
		})()`)
		if sel != "true DevSecOps" {
			t.Errorf(`typed "devsec", pressed ArrowDown: the active option is %q, want "true DevSecOps"`, sel)
		}
		tab.press(t, "Enter")
		if !tab.poll(`location.pathname === "/glossary/devsecops/" && document.readyState === "complete"`) {
			t.Errorf(`typed "devsec", pressed ArrowDown and Enter: the page is %v, want /glossary/devsecops/`, tab.eval(t, `location.href`))
		}
	})

	t.Run("graph reads and works by keyboard without JavaScript", func(t *testing.T) {
		tab.call(t, "Emulation.setScriptExecutionDisabled", map[string]any{"value": true})
		defer tab.call(t, "Emulation.setScriptExecutionDisabled", map[string]any{"value": false})
		tab.visit(t, p, "/graph/")
		if got := tab.eval(t, `document.querySelector("figure.graph-global").className + " " + document.querySelectorAll(".graph-controls").length`); got != "graph graph-global 0" {
			t.Fatalf("opened /graph/ with JavaScript off: the figure is %q, want no is-interactive class and no controls (\"graph graph-global 0\")", got)
		}
		terms := graphTerms(t, p)
		var nodes []struct{ Slug, Href, Label, Tip, Text string }
		tab.decode(t, `Array.from(document.querySelectorAll("figure.graph-global svg a.node"), a => ({
			slug: a.getAttribute("data-slug"), href: a.getAttribute("href"), label: a.getAttribute("aria-label"),
			tip: (a.querySelector("title") || {}).textContent || "", text: (a.querySelector("text") || {}).textContent || ""}))`, &nodes)
		if len(nodes) != len(terms) {
			t.Errorf("opened /graph/ with JavaScript off: %d node links, want one per term of /graph.json (%d)", len(nodes), len(terms))
		}
		for _, n := range nodes {
			term, ok := terms[n.Slug]
			switch {
			case !ok:
				t.Errorf("/graph/ has a node %q that /graph.json does not list as a term", n.Slug)
			case n.Href != term.URL || n.Label != term.Title || !strings.HasPrefix(n.Tip, term.Title) || n.Text == "":
				t.Errorf("/graph/ node %q: href %q, aria-label %q, title %q, label %q; want href %q, aria-label and title starting %q, a label",
					n.Slug, n.Href, n.Label, n.Tip, n.Text, term.URL, term.Title)
			}
		}
		// Tab walks the nodes one by one, in the order of the document.
		tab.eval(t, `document.querySelector("figure.graph-global a.node").focus()`)
		for i := 1; i < len(nodes); i++ {
			tab.press(t, "Tab")
			if got := tab.eval(t, `document.activeElement.getAttribute("data-slug")`); got != nodes[i].Slug {
				t.Fatalf("focused node %q and pressed Tab %d times: the focus is on %v, want node %q", nodes[0].Slug, i, got, nodes[i].Slug)
			}
		}
		var legend, used []string
		tab.decode(t, `Array.from(document.querySelectorAll(".graph-legend li[data-verb]"), li => li.getAttribute("data-verb") + ": " + li.textContent.trim())`, &legend)
		tab.decode(t, `Array.from(new Set(Array.from(document.querySelectorAll("figure.graph-global svg .edge[data-verb]"), e => e.getAttribute("data-verb"))))`, &used)
		for _, verb := range used {
			if !slices.ContainsFunc(legend, func(l string) bool { return strings.HasPrefix(l, verb+": ") && len(l) > len(verb)+2 }) {
				t.Errorf("/graph/ draws %q edges; the legend %q does not explain them", verb, legend)
			}
		}
		if tab.eval(t, `(() => { const r = document.querySelector("figure.graph-global svg").getBoundingClientRect(); return r.width > 600 && r.height > 400; })()`) != true {
			t.Errorf("/graph/ with JavaScript off: the SVG is %v, want it at its natural size (wider than 600px, taller than 400)",
				tab.eval(t, `JSON.stringify(document.querySelector("figure.graph-global svg").getBoundingClientRect())`))
		}
	})

	t.Run("graph highlights, filters and finds with JavaScript", func(t *testing.T) {
		tab.visit(t, p, "/graph/")
		tab.waitFor(t, `document.querySelector("figure.graph-global.is-interactive .graph-controls") !== null`)
		tab.eval(t, `document.querySelector("figure.graph-global svg").scrollIntoView({block: "center"})`)

		// Hover: the node is active, exactly its neighbours are near, the rest fades.
		want := tab.neighbours(t, "ciso")
		x, y := tab.nodePoint(t, "ciso")
		tab.mouse(t, "mouseMoved", x, y)
		if !tab.poll(`document.querySelector("figure.graph-global").classList.contains("has-highlight")`) {
			t.Fatalf("moved the mouse over node ciso: the figure has no has-highlight class")
		}
		if got := tab.highlighted(t); got != "ciso | "+want {
			t.Errorf("moved the mouse over node ciso: active | near are %q, want %q", got, "ciso | "+want)
		}
		if op := tab.eval(t, `getComputedStyle(document.querySelector("figure.graph-global svg a.node:not(.is-active):not(.is-near)")).opacity`); op == "1" {
			t.Errorf("moved the mouse over node ciso: a node that is not its neighbour has opacity %v, want it faded", op)
		}
		tab.mouse(t, "mouseMoved", 2, 2)
		if !tab.poll(`!document.querySelector("figure.graph-global").classList.contains("has-highlight")`) {
			t.Errorf("moved the mouse off the graph: the highlight stays")
		}

		// Keyboard focus highlights the same way.
		tab.eval(t, `document.querySelector('figure.graph-global a.node[data-slug="ciso"]').previousElementSibling.focus()`)
		tab.press(t, "Tab")
		if got := tab.highlighted(t); got != "ciso | "+want {
			t.Errorf("tabbed to node ciso: active | near are %q, want %q", got, "ciso | "+want)
		}
		tab.eval(t, `document.activeElement.blur()`)

		// The legend filters edges by kind.
		verb := "supervises"
		box := `document.querySelector('.graph-legend li[data-verb="` + verb + `"] input[type=checkbox]')`
		x, y = tab.point(t, box)
		tab.click(t, x, y)
		shown := `Array.from(document.querySelectorAll('figure.graph-global svg .edge[data-verb="` + verb + `"]')).filter(e => getComputedStyle(e).display !== "none").length`
		if got := tab.eval(t, box+".checked + ' ' + "+shown); got != "false 0" {
			t.Errorf("unchecked %q in the legend: checked and %s edges shown are %q, want \"false 0\"", verb, verb, got)
		}
		if n := tab.eval(t, `Array.from(document.querySelectorAll("figure.graph-global svg .edge")).filter(e => getComputedStyle(e).display === "none" && e.getAttribute("data-verb") !== "`+verb+`").length`); n != 0.0 {
			t.Errorf("unchecked %q in the legend: %v edges of other kinds were hidden too, want 0", verb, n)
		}
		tab.click(t, x, y)
		if got := tab.eval(t, shown); got == 0.0 {
			t.Errorf("checked %q in the legend again: %v of its edges shown, want them back", verb, got)
		}

		// The find box centres the term and focuses it.
		x, y = tab.point(t, `document.querySelector(".graph-controls .graph-search")`)
		tab.click(t, x, y)
		tab.typeText(t, "ISMS")
		tab.press(t, "Enter")
		if !tab.poll(`document.activeElement && document.activeElement.getAttribute("data-slug") === "isms"`) {
			t.Fatalf(`typed "ISMS" and Enter in the find box: the focus is on %v, want node isms`, tab.eval(t, `document.activeElement.outerHTML.slice(0, 80)`))
		}
		off := tab.eval(t, `(() => {
			const s = document.querySelector("figure.graph-global svg").getBoundingClientRect();
			const c = document.querySelector('figure.graph-global a.node[data-slug="isms"] circle').getBoundingClientRect();
			return [Math.abs(c.x + c.width / 2 - (s.x + s.width / 2)) / s.width, Math.abs(c.y + c.height / 2 - (s.y + s.height / 2)) / s.height];
		})()`)
		if o, _ := off.([]any); len(o) != 2 || o[0].(float64) > 0.05 || o[1].(float64) > 0.05 {
			t.Errorf(`typed "ISMS" and Enter in the find box: the node is off the centre of the graph by %v of its width and height, want under 0.05`, off)
		}
		if tab.eval(t, `document.querySelector('figure.graph-global a.node[data-slug="isms"]').classList.contains("is-active")`) != true {
			t.Errorf(`typed "ISMS" and Enter in the find box: node isms is not highlighted`)
		}
	})

	t.Run("term page shows its local graph", func(t *testing.T) {
		tab.visit(t, p, "/glossary/cto/")
		var nodes []struct{ Slug, Class string }
		tab.decode(t, `Array.from(document.querySelectorAll(".local-graph figure.graph-local svg a.node"), a => ({slug: a.getAttribute("data-slug"), class: a.getAttribute("class")}))`, &nodes)
		var linked []string
		tab.decode(t, `Array.from(document.querySelectorAll("article .prose a[href^='/glossary/'], article .relations a[href^='/glossary/']"), a => a.getAttribute("href").split("/")[2])`, &linked)
		var centre []string
		hasCISO := false
		for _, n := range nodes {
			if strings.Contains(n.Class, "node-centre") {
				centre = append(centre, n.Slug)
			}
			if strings.Contains(n.Class, "node-hop1") && !slices.Contains(linked, n.Slug) {
				t.Errorf("the local graph of CTO draws %q as a neighbour; the page neither relates nor links to it", n.Slug)
			}
			hasCISO = hasCISO || n.Slug == "ciso" && strings.Contains(n.Class, "node-hop1")
		}
		if fmt.Sprint(centre) != "[cto]" || !hasCISO {
			t.Errorf("opened /glossary/cto/: the local graph has the nodes %v, want cto in the centre and ciso as a neighbour", nodes)
		}
	})

	t.Run("hover cards show a term without moving the page", func(t *testing.T) {
		tab.visit(t, p, "/glossary/cto/")
		terms := graphTerms(t, p)
		link := `document.querySelector('article .prose a[href="/glossary/ceo/"]')`
		tab.eval(t, link+`.scrollIntoView({block: "center"})`)
		before := tab.eval(t, `JSON.stringify([document.getElementById("main").getBoundingClientRect(), document.documentElement.scrollHeight, scrollY])`)
		tip := tab.eval(t, link+`.getAttribute("title")`)
		x, y := tab.point(t, link)
		tab.mouse(t, "mouseMoved", x, y)
		if !tab.poll(`!document.getElementById("sitegen-term-card").hidden`) {
			t.Fatalf("moved the mouse over a link to CEO: no hover card shows")
		}
		got := tab.card(t)
		want := "CEO | Also: Chief Executive Officer | " + terms["ceo"].Summary
		if got != want {
			t.Errorf("moved the mouse over a link to CEO: the card reads %q, want %q", got, want)
		}
		if tip != terms["ceo"].Summary {
			t.Errorf("the link to CEO has the title %q, want the summary %q (for readers without JavaScript)", tip, terms["ceo"].Summary)
		}
		if after := tab.eval(t, `JSON.stringify([document.getElementById("main").getBoundingClientRect(), document.documentElement.scrollHeight, scrollY])`); after != before {
			t.Errorf("showed the hover card: the main content's box, page height and scroll went from %v to %v, want no change", before, after)
		}
		if inside := tab.eval(t, `(() => { const r = document.getElementById("sitegen-term-card").getBoundingClientRect(); return r.width > 0 && r.left >= 0 && r.right <= document.documentElement.clientWidth && r.top >= 0 && r.bottom <= innerHeight; })()`); inside != true {
			t.Errorf("showed the hover card: it is at %v, want it inside the window", tab.eval(t, `JSON.stringify(document.getElementById("sitegen-term-card").getBoundingClientRect())`))
		}
		tab.mouse(t, "mouseMoved", 2, 2)
		if !tab.poll(`document.getElementById("sitegen-term-card").hidden`) {
			t.Errorf("moved the mouse off the link: the hover card stays")
		}
		if got := tab.eval(t, link+`.getAttribute("title")`); got != tip {
			t.Errorf("moved the mouse off the link: its title is %v, want it back as %v", got, tip)
		}

		// By keyboard: Tab from the link before it, then Escape.
		tab.eval(t, `(() => { const all = Array.from(document.querySelectorAll("a[href], input")).filter(e => e.checkVisibility()); all[all.indexOf(`+link+`) - 1].focus(); })()`)
		tab.press(t, "Tab")
		if got := tab.eval(t, `document.activeElement === `+link); got != true {
			t.Fatalf("pressed Tab from the link before the one to CEO: it did not get the focus")
		}
		if !tab.poll(`!document.getElementById("sitegen-term-card").hidden`) || tab.card(t) != want {
			t.Errorf("tabbed to a link to CEO: the card reads %q (hidden: %v), want %q", tab.card(t), tab.eval(t, `document.getElementById("sitegen-term-card").hidden`), want)
		}
		tab.press(t, "Escape")
		if !tab.poll(`document.getElementById("sitegen-term-card").hidden`) {
			t.Errorf("pressed Escape on a link to CEO: the hover card stays")
		}
	})

	t.Run("glossary letters do not cover the heading they jump to", func(t *testing.T) {
		defer tab.viewport(t, 1280, 800, false)
		for _, width := range []int{1280, 360} {
			tab.viewport(t, width, 740, width < 600)
			tab.visit(t, p, "/glossary/")
			letter := `document.querySelectorAll(".letters a")[2]`
			target := tab.eval(t, letter+`.getAttribute("href")`)
			// The glossary's intro may put the letters below the first
			// screen of a phone: the reader scrolls to them first.
			tab.eval(t, letter+`.scrollIntoView({block: "center"})`)
			x, y := tab.point(t, letter)
			tab.click(t, x, y)
			if !tab.poll(`location.hash === ` + letter + `.getAttribute("href") && scrollY > 0`) {
				t.Fatalf("%dpx wide: clicked the letter link to %v: the page did not scroll there", width, target)
			}
			got := tab.eval(t, `(() => {
				const bar = document.querySelector(".letters").getBoundingClientRect();
				const h = document.querySelector(location.hash).getBoundingClientRect();
				return h.top >= bar.bottom ? "" : "heading top " + Math.round(h.top) + "px, letters bar bottom " + Math.round(bar.bottom) + "px";
			})()`)
			if got != "" {
				t.Errorf("%dpx wide: clicked the letter link to %v: %v, want the heading below the bar", width, target, got)
			}
		}
	})

	t.Run("pages fit a 360px screen", func(t *testing.T) {
		tab.viewport(t, 360, 740, true)
		defer tab.viewport(t, 1280, 800, false)
		for _, path := range []string{"/", "/glossary/", "/glossary/cto/", "/guide/cto-role/what-the-role-is/", "/graph/", "/search/?q=risk"} {
			tab.visit(t, p, path)
			tab.settle(t, path)
			wide := tab.eval(t, `(() => {
				const w = document.documentElement.clientWidth;
				if (document.documentElement.scrollWidth <= w) return "";
				const out = [];
				for (const e of document.querySelectorAll("body *")) {
					const r = e.getBoundingClientRect();
					if (r.right > w + 0.5 && out.length < 5) out.push(e.tagName.toLowerCase() + (e.getAttribute("class") ? "." + e.getAttribute("class").replace(/ /g, ".") : "") + " " + Math.round(r.right) + "px");
				}
				return document.documentElement.scrollWidth + "px wide; past the edge: " + out.join(", ");
			})()`)
			if wide != "" {
				t.Errorf("opened %s 360px wide: the page is %v, want no wider than the window", path, wide)
			}
		}
		// The graph's window leaves room to scroll past it (TestGraphReader
		// checks what it shows).
		tab.visit(t, p, "/graph/")
		tab.settle(t, "/graph/")
		size := tab.eval(t, `(() => {
			const r = document.querySelector("figure.graph-global svg").getBoundingClientRect();
			return r.height <= innerHeight * 0.75 ? "" : Math.round(r.width) + "×" + Math.round(r.height) + "px in a window " + innerHeight + "px tall";
		})()`)
		if size != "" {
			t.Errorf("opened /graph/ 360px wide: the graph's window is %v, want at most 3/4 of the window's height", size)
		}
	})
}

// TestHandbookScreenshots writes screenshots of the handbook's main pages,
// on a phone and on a laptop, light and dark, into the -shots folder, for
// a person to look at. Skipped without -shots.
func TestHandbookScreenshots(t *testing.T) {
	if *shots == "" {
		t.Skip("no -shots folder")
	}
	bin := browserPath(t)
	if err := os.MkdirAll(*shots, 0o755); err != nil {
		t.Fatal(err)
	}
	p := startHandbook(t)
	tab := launchBrowser(t, bin)
	pages := []struct{ name, path string }{
		{"home", "/"}, {"glossary", "/glossary/"}, {"term", "/glossary/cto/"},
		{"chapter", "/guide/cto-role/what-the-role-is/"}, {"graph", "/graph/"}, {"search", "/search/?q=risk"},
	}
	for _, width := range []int{390, 1280} {
		tab.viewport(t, width, 900, width < 600)
		for _, pg := range pages {
			tab.visit(t, p, pg.path)
			tab.settle(t, pg.path)
			for _, scheme := range []string{"light", "dark"} {
				tab.call(t, "Emulation.setEmulatedMedia", map[string]any{"features": []map[string]string{{"name": "prefers-color-scheme", "value": scheme}}})
				tab.screenshot(t, filepath.Join(*shots, fmt.Sprintf("%s-%d-%s", pg.name, width, scheme)))
			}
		}
	}
}

// startHandbook previews a copy of the shipped handbook, which must
// build without problems.
func startHandbook(t *testing.T) *preview {
	t.Helper()
	p := start(t, copyHandbook(t))
	if st := p.state.Load(); st.files == nil || st.problems != nil {
		t.Fatalf("the shipped handbook does not build cleanly:\n%s", strings.Join(st.problems, "\n"))
	}
	return p
}

// copyHandbook copies the shipped handbook (sitegen.yaml, content/,
// themes/, static/ and i18n/ of the repository) into a new folder, so that the
// preview's watcher sees no edit made elsewhere while the test runs.
func copyHandbook(t *testing.T) string {
	t.Helper()
	src, dir := filepath.Join("..", ".."), t.TempDir()
	for _, name := range []string{"content", "themes", "static", "i18n"} {
		if _, err := os.Stat(filepath.Join(src, name)); os.IsNotExist(err) {
			continue
		}
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join(src, name))); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(filepath.Join(src, "sitegen.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "sitegen.yaml", string(b))
	return dir
}

// graphTerm is a term as /graph.json lists it.
type graphTerm struct{ Slug, Title, Kind, URL, Summary string }

// graphTerms are the terms of the served /graph.json, by slug.
func graphTerms(t *testing.T, p *preview) map[string]graphTerm {
	t.Helper()
	code, body := p.get(t, "/graph.json")
	var g struct{ Nodes []graphTerm }
	if err := json.Unmarshal([]byte(body), &g); code != 200 || err != nil {
		t.Fatalf("GET /graph.json: %d, %v", code, err)
	}
	out := map[string]graphTerm{}
	for _, n := range g.Nodes {
		if n.Kind == "term" {
			out[n.Slug] = n
		}
	}
	return out
}

// visit loads path (with its query) and waits until the page is loaded.
// Unlike open, it does not need the live-reload script to run, so it
// works with JavaScript off too.
func (b *tab) visit(t *testing.T, p *preview, path string) {
	t.Helper()
	b.call(t, "Page.navigate", map[string]any{"url": p.URL() + path})
	b.waitFor(t, `document.readyState === "complete" && location.pathname + location.search === `+jsString(path))
}

// settle waits for what the page's scripts add: the graph's controls,
// the search page's results.
func (b *tab) settle(t *testing.T, path string) {
	t.Helper()
	switch {
	case strings.HasPrefix(path, "/graph/"):
		if !b.poll(`document.querySelector("figure.graph-global.is-interactive") !== null`) {
			t.Fatalf("opened %s: graph.js did not make the graph interactive: %v", path, b.eval(t, `JSON.stringify([location.href, document.readyState, document.querySelector("figure.graph-global").outerHTML.slice(0, 200), Array.from(document.scripts, s => s.src)])`))
		}
	case strings.HasPrefix(path, "/search/?"):
		b.waitFor(t, `document.querySelectorAll("#search-page-results .search-hit-summary").length > 0 &&
			!document.querySelector(".search-page-status").textContent.startsWith("Searching")`)
	}
}

// point is the centre of the element expr, which must be in the window
// and on top there: a click at the point reaches it.
func (b *tab) point(t *testing.T, expr string) (x, y float64) {
	t.Helper()
	return b.pointOf(t, expr, "el")
}

// nodePoint is the centre of the circle of node slug in /graph/.
func (b *tab) nodePoint(t *testing.T, slug string) (x, y float64) {
	t.Helper()
	return b.pointOf(t, `document.querySelector('figure.graph-global a.node[data-slug="`+slug+`"]')`, `el.querySelector("circle")`)
}

func (b *tab) pointOf(t *testing.T, expr, shape string) (x, y float64) {
	t.Helper()
	var pt struct {
		X, Y float64
		Top  string
	}
	b.decode(t, `(() => {
		const el = `+expr+`;
		if (!el) return {top: "no element"};
		const r = (`+shape+`).getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
		const top = document.elementFromPoint(x, y);
		return {x, y, top: top && (top === el || el.contains(top)) ? "" : (top ? top.outerHTML.slice(0, 80) : "nothing")};
	})()`, &pt)
	if pt.Top != "" || math.IsNaN(pt.X) {
		t.Fatalf("%s: its centre (%v, %v) shows %s, not the element", expr, pt.X, pt.Y, pt.Top)
	}
	return pt.X, pt.Y
}

// neighbours are the slugs joined to slug by an edge in /graph/, sorted
// and joined by spaces.
func (b *tab) neighbours(t *testing.T, slug string) string {
	t.Helper()
	var out []string
	b.decode(t, `Array.from(document.querySelectorAll("figure.graph-global svg .edge[data-from]"))
		.filter(e => e.getAttribute("data-from") === "`+slug+`" || e.getAttribute("data-to") === "`+slug+`")
		.map(e => e.getAttribute("data-from") === "`+slug+`" ? e.getAttribute("data-to") : e.getAttribute("data-from"))`, &out)
	sort.Strings(out)
	return strings.Join(slices.Compact(out), " ")
}

// highlighted says which node of /graph/ is active and which are near:
// "active | near near …", sorted.
func (b *tab) highlighted(t *testing.T) string {
	t.Helper()
	var active, near []string
	b.decode(t, `Array.from(document.querySelectorAll("figure.graph-global svg a.node.is-active"), a => a.getAttribute("data-slug"))`, &active)
	b.decode(t, `Array.from(document.querySelectorAll("figure.graph-global svg a.node.is-near"), a => a.getAttribute("data-slug"))`, &near)
	sort.Strings(near)
	return strings.Join(active, " ") + " | " + strings.Join(near, " ")
}

// card is what the hover card reads: "title | aka | summary".
func (b *tab) card(t *testing.T) string {
	t.Helper()
	v := b.eval(t, `(() => { const c = document.getElementById("sitegen-term-card");
		return [".term-card-title", ".term-card-aka", ".term-card-summary"].map(s => c.querySelector(s).textContent).join(" | "); })()`)
	s, _ := v.(string)
	return s
}

// screenshot writes PNGs of the page, from the top down to at most
// 6000 pixels, in parts of at most 1200 pixels: name-1.png, name-2.png…
func (b *tab) screenshot(t *testing.T, name string) {
	t.Helper()
	var size struct{ W, H, View float64 }
	b.decode(t, `({w: document.documentElement.clientWidth, h: Math.min(document.documentElement.scrollHeight, 6000), view: innerHeight})`, &size)
	for i, y := 1, 0.0; y < size.H; i, y = i+1, y+1200 {
		// Only what lies below the window needs capturing beyond it
		// (which, in a right-to-left page no taller than the window,
		// Chromium draws shifted sideways).
		beyond := y+min(1200, size.H-y) > size.View
		raw := b.call(t, "Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": beyond,
			"clip": map[string]any{"x": 0, "y": y, "width": size.W, "height": min(1200, size.H-y), "scale": 1}})
		var shot struct{ Data string }
		if err := json.Unmarshal(raw, &shot); err != nil {
			t.Fatal(err)
		}
		png, err := base64.StdEncoding.DecodeString(shot.Data)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fmt.Sprintf("%s-%d.png", name, i), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
