//go:build unix

package serve

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The reader's pages, in a real browser: what issue 12 asked of term
// pages, "On this page", the theme switch, anchors, copy buttons, dates,
// tags, guides end to end, the printable guide and target sizes. Each
// subtest says what a reader does and what they must see. Skipped
// without Chromium, and in -short mode.

// readerDates are commit times the preview is given for files whose
// front matter has no updated date (cmd reads them from git).
var readerDates = map[string]time.Time{
	"content/about.md": time.Date(2027, 3, 4, 10, 0, 0, 0, time.UTC),
}

// startReader previews a copy of the handbook whose sitegen.yaml sets
// edit_url, with readerDates as commit dates.
func startReader(t *testing.T) *preview {
	t.Helper()
	dir := copyHandbook(t)
	b, err := os.ReadFile(filepath.Join(dir, "sitegen.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "sitegen.yaml", string(b)+"\nedit_url: https://github.com/example/handbook/edit/main/content/\n")
	p := start(t, dir, func(c *Config) { c.Commits = readerDates })
	if st := p.state.Load(); st.files == nil || st.problems != nil {
		t.Fatalf("the handbook does not build cleanly:\n%s", strings.Join(st.problems, "\n"))
	}
	return p
}

// scheme emulates the system's color scheme ("light" or "dark").
func (b *tab) scheme(t *testing.T, scheme string) {
	t.Helper()
	b.call(t, "Emulation.setEmulatedMedia", map[string]any{"features": []map[string]string{{"name": "prefers-color-scheme", "value": scheme}}})
}

// media emulates a media type ("print", or "" for the screen).
func (b *tab) media(t *testing.T, media string) {
	t.Helper()
	b.call(t, "Emulation.setEmulatedMedia", map[string]any{"media": media})
}

func (b *tab) str(t *testing.T, expr string) string {
	t.Helper()
	v := b.eval(t, expr)
	s, ok := v.(string)
	if !ok {
		return fmt.Sprint(v)
	}
	return s
}

func (b *tab) num(t *testing.T, expr string) float64 {
	t.Helper()
	v, ok := b.eval(t, expr).(float64)
	if !ok {
		t.Fatalf("%s is not a number", expr)
	}
	return v
}

func TestReader(t *testing.T) {
	bin := browserPath(t)
	p := startReader(t)
	tab := launchBrowser(t, bin)
	tab.viewport(t, 1280, 800, false)
	tab.scheme(t, "light")

	t.Run("term page: definition, relations and graph first; compact backlinks; as tall as its text", func(t *testing.T) {
		tab.visit(t, p, "/glossary/cto/")
		var got struct {
			Height, TextEnd, TextRight                 float64
			Tags, Definition, Relations, Graph, Covers float64
			Mentions, BacklinksEnd                     float64
			SideLeft                                   []float64
			Summaries, Mentioned, Shown                float64
			GuideGroups, Groups                        float64
			ShowAll                                    string
			Open                                       bool
		}
		tab.decode(t, `(() => {
			const top = s => { const e = document.querySelector(s); return e ? e.getBoundingClientRect().top + scrollY : -1; };
			const sec = document.getElementById("term-mentioned").closest("section");
			const covered = document.getElementById("term-covered").closest("section");
			const text = document.querySelector(".term > .prose").getBoundingClientRect();
			return {
				height: document.documentElement.scrollHeight, textEnd: text.bottom + scrollY, textRight: text.right,
				tags: top(".page-header .tag-list"), definition: top(".definition"), relations: top(".relations"),
				graph: top(".local-graph"), covers: top("#term-covered"), mentions: top("#term-mentioned"),
				backlinksEnd: sec.getBoundingClientRect().bottom + scrollY,
				sideLeft: [".relations", ".local-graph", "#term-covered", "#term-mentioned"].map(s => document.querySelector(s).closest("section").getBoundingClientRect().left),
				summaries: document.querySelectorAll(".backlinks .ref-summary").length,
				guideGroups: covered.querySelectorAll('.link-group-title a[href^="/guide/"]').length,
				groups: sec.querySelectorAll(".link-group-title").length,
				mentioned: sec.querySelectorAll("a[href]").length,
				shown: Array.from(sec.querySelectorAll("a[href]")).filter(a => a.checkVisibility()).length,
				showAll: (sec.querySelector("details.show-all summary") || {}).innerText || "",
				open: !!sec.querySelector("details.show-all[open]"),
			};
		})()`, &got)
		// On a desk, relations, concept map and backlinks are a column
		// beside the text, beginning in the first screen, so the page is
		// as tall as its text. The handbook's CTO text alone is some
		// 2,600 px at the 44rem measure (the page was 4,856 px with them
		// under it); 3,400 px leaves room for a paragraph more.
		// (TestReaderHubTerm checks a short term with 70 backlinks against
		// 3 screens.)
		for i, left := range got.SideLeft {
			if left < got.TextRight+16 {
				t.Errorf("opened /glossary/cto/ at 1280×800: section %d of relations, concept map, covered in, mentioned in starts at x=%.0f, the text ends at x=%.0f; want them in a column beside the text", i+1, left, got.TextRight)
			}
		}
		if got.Relations > 800 || got.Definition > 800 {
			t.Errorf("opened /glossary/cto/ at 1280×800: the definition is at y=%.0f and the relations at y=%.0f, want both in the first screen", got.Definition, got.Relations)
		}
		if got.Height > got.TextEnd+250 || got.Height > 3400 {
			t.Errorf("opened /glossary/cto/ at 1280×800: the page is %.0f px tall and its text ends at y=%.0f; want the page to end with its text (at most 250 px more, for the footer) and at most 3,400 px", got.Height, got.TextEnd)
		}
		if back := got.BacklinksEnd - got.Covers; back > 450 {
			t.Errorf("opened /glossary/cto/ at 1280×800: \"Covered in\" and \"Mentioned in\" take %.0f px, want at most about half a screen (450 px)", back)
		}
		if !(got.Tags > 0 && got.Tags < got.Definition) {
			t.Errorf("the tags are at y=%.0f and the definition at y=%.0f: want the tags in the header, above the definition", got.Tags, got.Definition)
		}
		if !(got.Relations < got.Graph && got.Graph < got.Covers && got.Covers < got.Mentions) {
			t.Errorf("order in the column (y): relations %.0f, graph %.0f, covered in %.0f, mentioned in %.0f; want them in that order",
				got.Relations, got.Graph, got.Covers, got.Mentions)
		}
		if got.Summaries != 0 {
			t.Errorf(`"Covered in" and "Mentioned in" show %v summaries, want titles only`, got.Summaries)
		}
		if got.GuideGroups == 0 || got.Groups == 0 {
			t.Errorf(`"Covered in" has %v groups headed by a guide, "Mentioned in" %v headed groups; want the links grouped (chapters by guide, pages by kind)`, got.GuideGroups, got.Groups)
		}
		if got.Open || !strings.HasPrefix(strings.TrimSpace(got.ShowAll), "Show all ") || got.Shown >= got.Mentioned {
			t.Errorf(`"Mentioned in": %v of %v links show, "Show all" reads %q (open: %v); want the first few, the rest behind a closed "Show all N"`,
				got.Shown, got.Mentioned, got.ShowAll, got.Open)
		}

		// On a phone, one column: the definition, "On this page" (closed),
		// the text, then relations, concept map and backlinks, in that order.
		tab.viewport(t, 360, 800, true)
		defer tab.viewport(t, 1280, 800, false)
		tab.visit(t, p, "/glossary/cto/")
		var order []float64
		tab.decode(t, `[".definition", ".term > nav.toc", ".term > .prose", ".relations", ".local-graph", "#term-covered", "#term-mentioned"].map(s => document.querySelector(s).getBoundingClientRect().top + scrollY)`, &order)
		if !slices.IsSorted(order) || order[1] == order[2] {
			t.Errorf("opened /glossary/cto/ at 360 px: definition, on this page, text, relations, graph, covered in, mentioned in are at y=%v; want them one under the other in that order", order)
		}
		if open := tab.eval(t, `document.querySelector(".term > nav.toc details").open`); open != false {
			t.Errorf("opened /glossary/cto/ at 360 px: on this page is open (%v), want it closed", open)
		}
	})

	t.Run(`"Show all" works without JavaScript`, func(t *testing.T) {
		tab.call(t, "Emulation.setScriptExecutionDisabled", map[string]any{"value": true})
		defer tab.call(t, "Emulation.setScriptExecutionDisabled", map[string]any{"value": false})
		tab.visit(t, p, "/glossary/cto/")
		hidden := `Array.from(document.getElementById("term-mentioned").closest("section").querySelectorAll("details.show-all a")).filter(a => !a.checkVisibility()).length`
		before := tab.num(t, hidden)
		tab.eval(t, `document.getElementById("term-mentioned").closest("section").querySelector("details.show-all summary").scrollIntoView({block: "center"})`)
		x, y := tab.point(t, `document.getElementById("term-mentioned").closest("section").querySelector("details.show-all summary")`)
		tab.click(t, x, y)
		after := tab.num(t, hidden)
		if before == 0 || after != 0 {
			t.Errorf(`clicked "Show all" with JavaScript off: %v links were hidden before and %v after, want some before and none after`, before, after)
		}
		if got := tab.str(t, `document.getElementById("term-mentioned").closest("section").querySelector("details.show-all summary").innerText.trim()`); got != "Show fewer" {
			t.Errorf(`after "Show all" the control reads %q, want "Show fewer"`, got)
		}
	})

	t.Run("on this page: sticky right column with scroll-spy on a wide screen", func(t *testing.T) {
		path := "/guide/cto-role/what-the-role-is/"
		tab.visit(t, p, path)
		var got struct {
			TocLeft, ProseRight, Entries float64
			Open                         bool
		}
		tab.decode(t, `(() => {
			const nav = document.querySelector("nav.toc"), prose = document.querySelector(".chapter .prose");
			return {tocLeft: nav.getBoundingClientRect().left, proseRight: prose.getBoundingClientRect().right,
				entries: nav.querySelectorAll("a").length, open: nav.querySelector("details").open};
		})()`, &got)
		if got.Entries < 2 || got.TocLeft < got.ProseRight || !got.Open {
			t.Fatalf("opened %s at 1280 px: the table of contents has %v entries, starts at x=%.0f (the text ends at %.0f), open: %v; want it open in a column right of the text",
				path, got.Entries, got.TocLeft, got.ProseRight, got.Open)
		}
		// Scroll to the third heading: the contents stay in view and mark it.
		id := tab.str(t, `document.querySelectorAll("nav.toc a")[2].getAttribute("href").slice(1)`)
		tab.eval(t, `document.getElementById(`+jsString(id)+`).scrollIntoView(); true`)
		if !tab.poll(`document.querySelector("nav.toc a[aria-current]") && document.querySelector("nav.toc a[aria-current]").getAttribute("href") === "#` + id + `"`) {
			t.Errorf("scrolled to #%s: the marked entry is %v, want #%s", id, tab.eval(t, `(document.querySelector("nav.toc a[aria-current]") || {}).textContent`), id)
		}
		box := tab.eval(t, `(() => { const r = document.querySelector("nav.toc .toc-box").getBoundingClientRect(); return r.top >= 0 && r.top < 100 && r.bottom <= innerHeight; })()`)
		if box != true {
			t.Errorf("scrolled to #%s: the table of contents is out of view (%v), want it to stay at the top of the window", id, tab.eval(t, `JSON.stringify(document.querySelector("nav.toc .toc-box").getBoundingClientRect())`))
		}
		// Long terms have it too: on top of the column beside the text
		// (one copy shows), and it stays there while the text scrolls by,
		// marking the text's sections, not those of the column.
		tab.visit(t, p, "/glossary/cto/")
		var shown []struct {
			Parent  string
			Entries int
		}
		tab.decode(t, `Array.from(document.querySelectorAll("nav.toc")).filter(n => n.checkVisibility()).map(n => ({parent: n.parentNode.className, entries: Array.from(n.querySelectorAll("a")).filter(a => a.checkVisibility()).length}))`, &shown)
		if len(shown) != 1 || shown[0].Parent != "term-side" || shown[0].Entries < 3 {
			t.Fatalf("/glossary/cto/ (5 sections) at 1280 px: the tables of contents shown (parent, entries) are %+v, want one, on top of the term-side column, with at least 3 entries", shown)
		}
		id = tab.str(t, `document.querySelectorAll(".term > .prose h2")[2].id`)
		tab.eval(t, `document.getElementById(`+jsString(id)+`).scrollIntoView(); true`)
		if !tab.poll(`(document.querySelector(".term-side nav.toc a[aria-current]") || {}).hash === "#` + id + `"`) {
			t.Errorf("/glossary/cto/: scrolled to #%s: the marked entry is %v, want #%s", id, tab.eval(t, `(document.querySelector(".term-side nav.toc a[aria-current]") || {}).textContent`), id)
		}
		box = tab.eval(t, `(() => { const r = document.querySelector(".term-side nav.toc").getBoundingClientRect(); return r.top >= 0 && r.top < 100 && r.bottom <= innerHeight / 2 + 100; })()`)
		if box != true {
			t.Errorf("/glossary/cto/: scrolled to #%s: the table of contents is at %v, want it to stay at the top of the window, in its upper half", id, tab.eval(t, `JSON.stringify(document.querySelector(".term-side nav.toc").getBoundingClientRect())`))
		}
		// Its entries for the column's own sections land below it, not under it.
		x, y := tab.point(t, `document.querySelector('.term-side nav.toc a[href="#term-graph"]')`)
		tab.click(t, x, y)
		if !tab.poll(`location.hash === "#term-graph"`) {
			t.Fatalf(`/glossary/cto/: clicked "Concept map" in on this page: the address is %v`, tab.eval(t, `location.href`))
		}
		seen := `(() => { const h = document.getElementById("term-graph"), r = h.getBoundingClientRect(); const e = document.elementFromPoint(r.left + 10, r.top + r.height / 2); return r.top > 0 && r.bottom < innerHeight && !!e && h.contains(e); })()`
		if !tab.poll(seen) {
			t.Errorf(`/glossary/cto/: clicked "Concept map" in on this page: the heading is at %v, covered by %v; want it in view, below on this page`,
				tab.eval(t, `JSON.stringify(document.getElementById("term-graph").getBoundingClientRect())`),
				tab.eval(t, `(() => { const r = document.getElementById("term-graph").getBoundingClientRect(); const e = document.elementFromPoint(r.left + 10, r.top + r.height / 2); return e ? e.outerHTML.slice(0, 60) : null; })()`))
		}
	})

	t.Run("on this page: inline and collapsible on a phone, never printed", func(t *testing.T) {
		tab.viewport(t, 360, 800, true)
		defer tab.viewport(t, 1280, 800, false)
		path := "/guide/cto-role/what-the-role-is/"
		tab.visit(t, p, path)
		var got struct {
			Open                   bool
			Toc, Header, Prose     float64
			TocLeft, ProseLeft, OL float64
		}
		tab.decode(t, `(() => {
			const nav = document.querySelector("nav.toc"), top = e => e.getBoundingClientRect().top;
			return {open: nav.querySelector("details").open, toc: top(nav), header: top(document.querySelector(".chapter .page-header")),
				prose: top(document.querySelector(".chapter .prose")), tocLeft: nav.getBoundingClientRect().left,
				proseLeft: document.querySelector(".chapter .prose").getBoundingClientRect().left,
				ol: nav.querySelector("ol").checkVisibility() ? 1 : 0};
		})()`, &got)
		if got.Open || got.OL != 0 || !(got.Header < got.Toc && got.Toc < got.Prose) || math.Abs(got.TocLeft-got.ProseLeft) > 1 {
			t.Errorf("opened %s at 360 px: contents open %v (list shown: %v), y header/contents/text %.0f/%.0f/%.0f; want it closed, between the title and the text", path, got.Open, got.OL, got.Header, got.Toc, got.Prose)
		}
		x, y := tab.point(t, `document.querySelector("nav.toc summary")`)
		tab.click(t, x, y)
		if tab.eval(t, `document.querySelector("nav.toc ol").checkVisibility()`) != true {
			t.Error(`tapped "On this page" at 360 px: the list did not open`)
		}
		tab.media(t, "print")
		defer tab.media(t, "")
		if d := tab.str(t, `getComputedStyle(document.querySelector("nav.toc")).display`); d != "none" {
			t.Errorf("printing %s: the table of contents has display %q, want none", path, d)
		}
	})

	t.Run("theme switch: auto, light, dark, remembered, no flash", func(t *testing.T) {
		tab.scheme(t, "light")
		tab.visit(t, p, "/glossary/cto/")
		tab.eval(t, `localStorage.removeItem("sitegen-theme"); true`)
		tab.visit(t, p, "/glossary/cto/")
		bg := `getComputedStyle(document.body).backgroundColor`
		if got := tab.str(t, bg); got != "rgb(255, 255, 255)" {
			t.Fatalf("auto theme on a light system: the page background is %s, want white", got)
		}
		tab.scheme(t, "dark")
		if got := tab.str(t, bg); got != "rgb(18, 21, 28)" {
			t.Errorf("auto theme on a dark system: the page background is %s, want rgb(18, 21, 28)", got)
		}
		labels := []string{}
		for i := 0; i < 3; i++ {
			x, y := tab.point(t, `document.getElementById("theme-switch")`)
			tab.click(t, x, y)
			labels = append(labels, tab.str(t, `Array.from(document.querySelectorAll("#theme-switch .ts-label")).filter(e => e.checkVisibility()).map(e => e.textContent).join("")+" "+(document.documentElement.getAttribute("data-theme")||"auto")+" "+getComputedStyle(document.body).backgroundColor`))
		}
		want := []string{"Light light rgb(255, 255, 255)", "Dark dark rgb(18, 21, 28)", "Auto auto rgb(18, 21, 28)"}
		if strings.Join(labels, " | ") != strings.Join(want, " | ") {
			t.Errorf("clicked the theme switch three times on a dark system: %q, want %q", labels, want)
		}
		// Choose dark, on a light system; the next page is dark before
		// its first paint: data-theme is set when <body> first exists.
		tab.scheme(t, "light")
		for tab.str(t, `document.documentElement.getAttribute("data-theme") || "auto"`) != "dark" {
			x, y := tab.point(t, `document.getElementById("theme-switch")`)
			tab.click(t, x, y)
		}
		tab.call(t, "Page.enable", map[string]any{})
		raw := tab.call(t, "Page.addScriptToEvaluateOnNewDocument", map[string]any{"source": `
			window.sitegenFirstBody = "no body seen";
			new MutationObserver((_, o) => {
				if (!document.body) return;
				window.sitegenFirstBody = document.documentElement.getAttribute("data-theme") || "unset";
				o.disconnect();
			}).observe(document, {childList: true, subtree: true});`})
		tab.visit(t, p, "/guide/cto-role/what-the-role-is/")
		tab.call(t, "Page.removeScriptToEvaluateOnNewDocument", map[string]any{"identifier": strings.Trim(strings.SplitN(strings.SplitN(string(raw), `"identifier":`, 2)[1], "}", 2)[0], `"`)})
		tab.call(t, "Page.disable", map[string]any{})
		if got := tab.str(t, `window.sitegenFirstBody`); got != "dark" {
			t.Errorf("chose dark, opened another page on a light system: data-theme was %q when <body> first existed, want dark (no light flash)", got)
		}
		if got := tab.str(t, bg); got != "rgb(18, 21, 28)" {
			t.Errorf("chose dark: the next page's background is %s", got)
		}
		// Back to auto for the other tests.
		for tab.str(t, `document.documentElement.getAttribute("data-theme") || "auto"`) != "auto" {
			x, y := tab.point(t, `document.getElementById("theme-switch")`)
			tab.click(t, x, y)
		}
		if got := tab.eval(t, `localStorage.getItem("sitegen-theme")`); got != nil {
			t.Errorf("back on auto: localStorage keeps %v, want nothing", got)
		}
	})

	t.Run("code tokens reach 4.5:1 in both themes", func(t *testing.T) {
		for _, scheme := range []string{"light", "dark"} {
			tab.scheme(t, scheme)
			tab.visit(t, p, "/about/")
			var low []string
			tab.decode(t, `(() => {
				const rgb = s => s.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
				const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
				const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
				const out = [];
				for (const pre of document.querySelectorAll("pre.chroma")) {
					const bg = rgb(getComputedStyle(pre).backgroundColor);
					for (const s of pre.querySelectorAll("span[class]")) {
						if (!s.textContent.trim()) continue;
						const r = ratio(rgb(getComputedStyle(s).color), bg);
						if (r < 4.5) out.push(s.className + " " + JSON.stringify(s.textContent) + " " + r.toFixed(2));
					}
				}
				return out;
			})()`, &low)
			if n := tab.num(t, `document.querySelectorAll("pre.chroma span[class]").length`); n < 20 {
				t.Fatalf("/about/ has %v highlighted tokens; the test needs its code samples", n)
			}
			if len(low) > 0 {
				t.Errorf("/about/ in %s: tokens below 4.5:1 against the code background: %s", scheme, strings.Join(low, "; "))
			}
		}
		tab.scheme(t, "light")
	})

	t.Run("heading anchors show on hover and focus and keep the IDs", func(t *testing.T) {
		tab.visit(t, p, "/glossary/cto/")
		h := `document.querySelector(".prose h2")`
		a := h + `.querySelector("a.heading-anchor")`
		if got := tab.str(t, a+`.getAttribute("href") === "#" + `+h+`.id ? "ok" : `+a+`.getAttribute("href")`); got != "ok" {
			t.Fatalf("the first heading's anchor links to %q, want #%v", got, tab.eval(t, h+".id"))
		}
		if o := tab.str(t, `getComputedStyle(`+a+`).opacity`); o != "0" {
			t.Errorf("heading anchor at rest: opacity %s, want 0", o)
		}
		tab.eval(t, h+`.scrollIntoView({block: "center"}); true`)
		x, y := tab.point(t, h)
		tab.mouse(t, "mouseMoved", x, y)
		if !tab.poll(`getComputedStyle(` + a + `).opacity === "1"`) {
			t.Errorf("hovered the heading: the anchor's opacity is %v, want 1", tab.eval(t, `getComputedStyle(`+a+`).opacity`))
		}
		tab.mouse(t, "mouseMoved", 5, 5)
		// :focus-visible needs keyboard focus: tab to it from the link before.
		tab.eval(t, `(() => { const all = Array.from(document.querySelectorAll("a[href], button, input, summary")); const i = all.indexOf(`+a+`); all[i - 1].focus(); })()`)
		tab.press(t, "Tab")
		if !tab.poll(`document.activeElement === ` + a + ` && getComputedStyle(` + a + `).opacity === "1"`) {
			t.Errorf("tabbed to the heading anchor: focused %v, opacity %v; want it focused and shown", tab.eval(t, `document.activeElement.outerHTML.slice(0, 80)`), tab.eval(t, `getComputedStyle(`+a+`).opacity`))
		}
	})

	t.Run("copy button copies a code block", func(t *testing.T) {
		tab.visit(t, p, "/about/")
		tab.waitFor(t, `document.querySelectorAll(".code-block > button.copy-code").length === document.querySelectorAll(".prose pre").length`)
		want := tab.str(t, `document.querySelector(".prose pre code").textContent.replace(/\n$/, "")`)
		// Record what reaches the clipboard; the browser's own clipboard
		// needs a permission that a headless test cannot always grant.
		tab.eval(t, `window.sitegenCopied = null; navigator.clipboard.writeText = t => { window.sitegenCopied = t; return Promise.resolve(); }; true`)
		tab.eval(t, `document.querySelector(".code-block").scrollIntoView({block: "center"}); true`)
		x, y := tab.point(t, `document.querySelector(".code-block > button.copy-code")`)
		tab.click(t, x, y)
		if !tab.poll(`window.sitegenCopied !== null && document.querySelector(".copy-code").textContent === "Copied"`) {
			t.Fatalf("clicked Copy: the button says %q", tab.eval(t, `document.querySelector(".copy-code").textContent`))
		}
		if got := tab.str(t, `window.sitegenCopied`); got != want {
			t.Errorf("clicked Copy: copied %q, want the code %q", got, want)
		}
	})

	t.Run("one back to top; edit this page; updated dates", func(t *testing.T) {
		for _, path := range []string{"/", "/glossary/", "/glossary/cto/", "/guide/cto-role/", "/guide/cto-role/what-the-role-is/", "/about/", "/tags/"} {
			tab.visit(t, p, path)
			if n := tab.num(t, `document.querySelectorAll('a[href="#top"]').length`); n != 1 {
				t.Errorf("%s: %v links back to the top, want 1", path, n)
			}
		}
		tab.visit(t, p, "/glossary/cto/")
		if got := tab.str(t, `(document.querySelector(".page-foot a") || {}).href`); got != "https://github.com/example/handbook/edit/main/content/glossary/cto.md" {
			t.Errorf(`/glossary/cto/ with edit_url set: "Edit this page" goes to %q`, got)
		}
		if got := tab.str(t, `document.querySelector(".page-header .page-meta").innerText`); !strings.Contains(got, "Updated December 1, 2026") {
			t.Errorf("/glossary/cto/ (updated: 2026-12-01): the header reads %q, want Updated December 1, 2026", got)
		}
		tab.visit(t, p, "/about/")
		if got := tab.str(t, `document.querySelector(".page-header .page-meta").innerText`); got != "Updated March 4, 2027" {
			t.Errorf("/about/ (no updated date; last commit 2027-03-04): the header reads %q, want Updated March 4, 2027", got)
		}
		tab.visit(t, p, "/")
		if got := tab.str(t, `Array.from(document.querySelectorAll(".recent-list li"), li => li.innerText).join(" | ")`); got == "" || strings.Contains(got, "2026") && !strings.Contains(got, "December 1, 2026") {
			t.Errorf("home page: recently updated reads %q", got)
		}
	})

	t.Run("tag pages label kinds; reading times agree; chapters lead on", func(t *testing.T) {
		tab.visit(t, p, "/tags/security/")
		var kinds []string
		tab.decode(t, `Array.from(document.querySelectorAll(".tag-page .ref-list li"), li => li.querySelector(".kind") ? li.querySelector(".kind").textContent : "none")`, &kinds)
		seen := map[string]bool{}
		for _, k := range kinds {
			seen[k] = true
		}
		if len(kinds) == 0 || seen["none"] || !seen["term"] || !seen["chapter"] {
			t.Errorf("/tags/security/: entry kinds %v, want each labeled, terms and chapters among them", kinds)
		}
		tab.visit(t, p, "/guide/cto-role/")
		onGuide := tab.str(t, `document.querySelector(".page-header .page-meta").innerText.match(/(\d+) min read in all/)[1]`)
		first := tab.str(t, `document.querySelector(".chapter-list a").getAttribute("href")`)
		last := tab.str(t, `Array.from(document.querySelectorAll(".chapter-list a")).pop().getAttribute("href")`)
		if tab.str(t, `(document.querySelector("a.print-link") || {}).getAttribute ? document.querySelector("a.print-link").getAttribute("href") : ""`) != "/guide/cto-role/print/" {
			t.Error("the guide page does not link to /guide/cto-role/print/")
		}
		tab.visit(t, p, "/guide/")
		onList := tab.str(t, `Array.from(document.querySelectorAll(".card")).find(c => c.querySelector('a[href="/guide/cto-role/"]')).querySelector(".card-meta").textContent.match(/\d+/)[0]`)
		if onGuide != onList {
			t.Errorf("the CTO guide reads %s min on its page and %s min on /guide/", onGuide, onList)
		}
		tab.visit(t, p, first)
		if got := tab.str(t, `(document.querySelector(".prev-next a.prev") || {}).pathname`); got != "/guide/cto-role/" {
			t.Errorf("first chapter %s: the previous link goes to %q, want the guide /guide/cto-role/", first, got)
		}
		tab.visit(t, p, last)
		next := tab.str(t, `(document.querySelector(".prev-next a.next") || {}).pathname`)
		if !strings.HasPrefix(next, "/guide/") || strings.HasPrefix(next, "/guide/cto-role/") || strings.Count(next, "/") != 3 {
			t.Errorf("last chapter %s: the next link goes to %q, want the next guide's page", last, next)
		}
		if got := tab.str(t, `document.querySelector(".prev-next a.next span").textContent`); got != "Next guide →" {
			t.Errorf("last chapter: the next link is labeled %q", got)
		}
	})

	t.Run("US spelling", func(t *testing.T) {
		for _, path := range []string{"/", "/glossary/", "/glossary/cto/", "/guide/cto-role/what-the-role-is/", "/graph/", "/tags/security/", "/search/"} {
			tab.visit(t, p, path)
			text := strings.ToLower(tab.str(t, `document.body.innerText + " " + Array.from(document.querySelectorAll("[aria-label], [title]"), e => (e.getAttribute("aria-label") || "") + " " + (e.getAttribute("title") || "")).join(" ") + " " + Array.from(document.querySelectorAll("svg title, svg desc, figcaption"), e => e.textContent).join(" ")`))
			for _, w := range []string{"neighbour", "colour", "behaviour", "favourite", "centre "} {
				if strings.Contains(text, w) {
					i := strings.Index(text, w)
					t.Errorf("%s: British spelling %q in %q", path, w, text[max(0, i-60):min(len(text), i+40)])
				}
			}
		}
	})

	t.Run("a whole guide on one printable page", func(t *testing.T) {
		tab.visit(t, p, "/guide/cto-role/")
		var chapters []string
		tab.decode(t, `Array.from(document.querySelectorAll(".chapter-list a"), a => a.textContent)`, &chapters)
		tab.visit(t, p, "/guide/cto-role/print/")
		var got struct {
			Titles, Contents []string
			Chrome           float64
			Broken           []string
		}
		tab.decode(t, `(() => ({
			titles: Array.from(document.querySelectorAll(".print-chapter > h2"), h => h.textContent),
			contents: Array.from(document.querySelectorAll(".print-toc a"), a => a.textContent),
			chrome: document.querySelectorAll(".site-header, .site-footer, .breadcrumbs, .site-nav, .guide-nav, .prev-next").length,
			broken: Array.from(document.querySelectorAll('a[href^="#"]')).map(a => a.getAttribute("href")).filter(h => h.length > 1 && !document.getElementById(decodeURIComponent(h.slice(1)))),
		}))()`, &got)
		if strings.Join(got.Titles, " | ") != strings.Join(chapters, " | ") || strings.Join(got.Contents, " | ") != strings.Join(chapters, " | ") {
			t.Errorf("/guide/cto-role/print/: chapters %q, contents %q; want the guide's chapters in order %q", got.Titles, got.Contents, chapters)
		}
		if got.Chrome != 0 {
			t.Errorf("/guide/cto-role/print/ has %v navigation elements, want none", got.Chrome)
		}
		if len(got.Broken) > 0 {
			t.Errorf("/guide/cto-role/print/: in-page links to missing IDs: %v", got.Broken)
		}
		tab.media(t, "print")
		defer tab.media(t, "")
		var pr struct {
			Breaks                   []string
			After, URL, Ext, ExtHref string
		}
		tab.decode(t, `(() => {
			const a = document.querySelector('.print-chapter .prose a[href^="/"]');
			const ext = document.querySelector('.print-chapter .prose a[href^="http"]');
			return {
				breaks: Array.from(document.querySelectorAll(".print-chapter"), s => getComputedStyle(s).breakBefore),
				after: getComputedStyle(a, "::after").content, url: a.getAttribute("data-url"),
				ext: ext ? getComputedStyle(ext, "::after").content : "attr(href)", extHref: ext ? ext.href : "",
			};
		})()`, &pr)
		for i, b := range pr.Breaks {
			if b != "page" {
				t.Errorf("printing: chapter %d has break-before %q, want page", i+1, b)
			}
		}
		if !strings.HasPrefix(pr.URL, "http://127.0.0.1:") || !strings.Contains(pr.After, "attr(data-url)") && !strings.Contains(pr.After, pr.URL) {
			t.Errorf("printing: a link to another page prints %s with data-url %q, want its absolute address after it", pr.After, pr.URL)
		}
		if !strings.Contains(pr.Ext, "attr(href)") && !strings.Contains(pr.Ext, pr.ExtHref) {
			t.Errorf("printing: a link to another site (%s) prints %s after it, want its address", pr.ExtHref, pr.Ext)
		}
	})

	t.Run("paper is light whatever the theme", func(t *testing.T) {
		tab.scheme(t, "dark")
		defer tab.scheme(t, "light")
		tab.visit(t, p, "/about/")
		tab.eval(t, `document.documentElement.setAttribute("data-theme", "dark"); true`)
		tab.media(t, "print")
		defer tab.media(t, "")
		got := tab.str(t, `getComputedStyle(document.body).backgroundColor + " " + getComputedStyle(document.querySelector("pre.chroma")).backgroundColor + " " + getComputedStyle(document.querySelector("pre.chroma .nt, pre.chroma .k, pre.chroma span[class]")).color`)
		if !strings.HasPrefix(got, "rgb(255, 255, 255) rgb(246, 248, 250) ") {
			t.Errorf("printed /about/ with the dark theme chosen on a dark system: page, code background and a token are %s; want the light palette", got)
		}
	})

	t.Run("targets are at least 24×24 px on a phone", func(t *testing.T) {
		tab.viewport(t, 360, 800, true)
		defer tab.viewport(t, 1280, 800, false)
		checks := []struct{ path, sel string }{
			{"/glossary/cto/", ".breadcrumbs a"}, {"/glossary/cto/", ".site-footer a"}, {"/glossary/cto/", ".relation a"},
			{"/glossary/cto/", ".backlinks a"}, {"/glossary/", ".term-entry dt a"}, {"/guide/cto-role/", ".chapter-list a"},
			{"/guide/cto-role/what-the-role-is/", ".guide-nav a"}, {"/", ".site-nav a"},
			{"/graph/", ".graph-legend label"}, {"/glossary/cto/", ".graph-legend label"},
		}
		for _, c := range checks {
			tab.visit(t, p, c.path)
			var small []string
			tab.decode(t, `Array.from(document.querySelectorAll(`+jsString(c.sel)+`)).filter(a => a.checkVisibility()).map(a => {
				const r = a.getBoundingClientRect(); return r.width < 24 || r.height < 24 ? a.textContent.trim().slice(0, 30) + " " + Math.round(r.width) + "×" + Math.round(r.height) : "";
			}).filter(Boolean)`, &small)
			if n := tab.num(t, `document.querySelectorAll(`+jsString(c.sel)+`).length`); n == 0 {
				t.Errorf("%s has no %s", c.path, c.sel)
			}
			if len(small) > 0 {
				t.Errorf("%s at 360 px: %s smaller than 24×24: %s", c.path, c.sel, strings.Join(small, "; "))
			}
		}
	})
}

// TestReaderHubTerm: a term with a short text and 70 backlinks (60 terms
// and the 10 chapters of a guide) stays under three screens at 1280×800,
// and every backlink is one click of "Show all" away.
func TestReaderHubTerm(t *testing.T) {
	bin := browserPath(t)
	files := map[string]string{
		"sitegen.yaml":      "title: Hub test\n",
		"content/_index.md": "---\ntitle: Home\n---\nA site around one term.\n",
		"content/glossary/hub.md": "---\ntitle: Hub\nsummary: The term everything links to.\ntags: [core]\n" +
			"relations:\n  complements: [term-01, term-02]\n  depends-on: [term-03]\n---\n" +
			"The hub is what every other page of this site mentions. " + strings.Repeat("It has a short definition and a little more text. ", 12) + "\n",
		"content/guide/g/_index.md": "---\ntitle: The guide\nsummary: Ten chapters.\n---\nChapters.\n",
	}
	for i := 1; i <= 60; i++ {
		files[fmt.Sprintf("content/glossary/term-%02d.md", i)] = fmt.Sprintf("---\ntitle: Term number %02d\nsummary: Term %d.\n---\nTerm %d depends on the [[hub]].\n", i, i, i)
	}
	for i := 1; i <= 10; i++ {
		files[fmt.Sprintf("content/guide/g/%02d-chapter-%d.md", i, i)] = fmt.Sprintf("---\ntitle: Chapter number %02d\nweight: %d\n---\nChapter %d is about the [[hub]].\n", i, i, i)
	}
	p := start(t, writeSite(t, files))
	if st := p.state.Load(); st.files == nil || st.problems != nil {
		t.Fatalf("the test site does not build:\n%s", strings.Join(st.problems, "\n"))
	}
	tab := launchBrowser(t, bin)
	tab.viewport(t, 1280, 800, false)
	tab.visit(t, p, "/glossary/hub/")
	if n := tab.num(t, `document.querySelectorAll(".backlinks .inline-list a").length`); n != 70 {
		t.Fatalf("/glossary/hub/ lists %v backlinks, want 70", n)
	}
	if h := tab.num(t, `document.documentElement.scrollHeight`); h > 3*800 {
		t.Errorf("/glossary/hub/ with 70 backlinks at 1280×800 is %.0f px tall, want at most 3 screens (2400 px)", h)
	}
	for _, sel := range []string{"#term-covered", "#term-mentioned"} {
		tab.eval(t, `document.querySelector(`+jsString(sel)+`).closest("section").querySelector("summary").click(); true`)
	}
	if n := tab.num(t, `Array.from(document.querySelectorAll(".backlinks .inline-list a")).filter(a => a.checkVisibility()).length`); n != 70 {
		t.Errorf(`opened both "Show all": %v backlinks visible, want all 70`, n)
	}
}

// TestReaderScreenshots writes screenshots of the pages this file tests,
// at 1280 and 360 px, light and dark, into the -shots folder.
func TestReaderScreenshots(t *testing.T) {
	if *shots == "" {
		t.Skip("no -shots folder")
	}
	bin := browserPath(t)
	if err := os.MkdirAll(*shots, 0o755); err != nil {
		t.Fatal(err)
	}
	p := startReader(t)
	tab := launchBrowser(t, bin)
	pages := []struct{ name, path string }{
		{"home", "/"}, {"term", "/glossary/cto/"}, {"chapter", "/guide/cto-role/what-the-role-is/"},
		{"guide", "/guide/cto-role/"}, {"about", "/about/"}, {"tag", "/tags/security/"}, {"print", "/guide/cto-role/print/"},
	}
	for _, width := range []int{360, 1280} {
		tab.viewport(t, width, 800, width < 600)
		for _, pg := range pages {
			for _, scheme := range []string{"light", "dark"} {
				tab.scheme(t, scheme)
				tab.visit(t, p, pg.path)
				tab.screenshot(t, filepath.Join(*shots, fmt.Sprintf("%s-%d-%s", pg.name, width, scheme)))
			}
		}
	}
}
