//go:build unix

package serve

import (
	"fmt"
	"path/filepath"
	"regexp"
	"testing"
)

// TestSearchKinds types a query that finds a term, a guide, its chapters
// and the home page into the handbook's search box, then opens the
// /search/ page for it, in headless Chromium: every result carries the
// label of its kind (Term, Chapter, Guide, Home, as its URL says), and
// shows a marked word in view (not cut off with its summary's third
// line). With -shots, it writes screenshots of the list
// and the page at 1280 and 360 px, light and dark. Skipped without
// Chromium, and in -short mode.
func TestSearchKinds(t *testing.T) {
	bin := browserPath(t)
	p := startHandbook(t)
	tab := launchBrowser(t, bin)
	const query = "security guide"
	// results lists, for each result under sel, its URL, kind label and
	// whether it shows a marked word: one not cut off by the two lines a
	// summary or passage is shown in.
	seen := `(h => Array.from(h.querySelectorAll("mark")).some(m => {
		const r = m.getBoundingClientRect(), box = m.closest(".search-hit-summary");
		if (!box) return r.height > 0;
		const b = box.getBoundingClientRect();
		return r.height > 0 && r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
	}))`
	results := func(sel string) string {
		return `Array.from(document.querySelectorAll(` + jsString(sel) + `), h => [new URL(h.href).pathname,
			(h.querySelector(".search-hit-kind") || {}).textContent || "", ` + seen + `(h)])`
	}
	check := func(t *testing.T, where, sel string) {
		// Passages arrive after the results: wait for the marks.
		tab.poll(`Array.from(document.querySelectorAll(` + jsString(sel) + `)).every(` + seen + `)`)
		var rs [][3]any
		tab.decode(t, results(sel), &rs)
		kinds := map[string]bool{}
		for _, r := range rs {
			url, _ := r[0].(string)
			label, _ := r[1].(string)
			want := kindOfURL(url)
			if label != want {
				t.Errorf("%s for %q: %s is labelled %q, want %q", where, query, url, label, want)
			}
			if marked, _ := r[2].(bool); !marked {
				t.Errorf("%s for %q: %s (%s) shows no marked word in view", where, query, url, label)
			}
			kinds[label] = true
		}
		if len(kinds) < 3 {
			t.Errorf("%s for %q shows results of %d kinds (%v), want terms, chapters and guides told apart", where, query, len(kinds), rs)
		}
	}
	for _, width := range []int{1280, 360} {
		tab.viewport(t, width, 900, width < 600)
		t.Run(fmt.Sprintf("list at %d px", width), func(t *testing.T) {
			tab.visit(t, p, "/")
			tab.press(t, "/")
			tab.typeText(t, query)
			const sel = "#site-search-listbox .search-hit:not(.search-more)"
			if !tab.poll(`document.querySelectorAll("` + sel + `").length >= 5 &&
				Array.from(document.querySelectorAll("` + sel + ` .search-hit-summary")).every(s => s.textContent !== "")`) {
				t.Fatalf("typed %q in the search box: the list shows %v", query, tab.eval(t, results(sel)))
			}
			check(t, "the search box's list", sel)
			screenshots(t, tab, fmt.Sprintf("search-list-%d", width))
		})
		t.Run(fmt.Sprintf("page at %d px", width), func(t *testing.T) {
			path := "/search/?q=security+guide"
			tab.visit(t, p, path)
			tab.settle(t, path)
			check(t, "the search page", "#search-page-results .search-hit")
			screenshots(t, tab, fmt.Sprintf("search-page-%d", width))
		})
	}
}

// kindOfURL is the kind label the handbook's URLs stand for.
func kindOfURL(url string) string {
	switch {
	case url == "/":
		return "Home"
	case regexp.MustCompile(`^/glossary/[^/]+/$`).MatchString(url):
		return "Term"
	case regexp.MustCompile(`^/guide/[^/]+/$`).MatchString(url):
		return "Guide"
	case regexp.MustCompile(`^/guide/[^/]+/[^/]+/$`).MatchString(url):
		return "Chapter"
	case url == "/glossary/" || url == "/guide/":
		return "Index"
	}
	return "Page"
}

// screenshots writes the window's top in light and dark to -shots, if
// it is set (the list under the search box is not below the fold).
func screenshots(t *testing.T, tab *tab, name string) {
	if *shots == "" {
		return
	}
	for _, scheme := range []string{"light", "dark"} {
		tab.call(t, "Emulation.setEmulatedMedia", map[string]any{"features": []map[string]string{{"name": "prefers-color-scheme", "value": scheme}}})
		tab.screenshot(t, filepath.Join(*shots, name+"-"+scheme))
	}
	tab.call(t, "Emulation.setEmulatedMedia", map[string]any{"features": []map[string]string{}})
}
