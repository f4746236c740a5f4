//go:build unix

package serve

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestHandbookSearch types what readers type into the header's search
// box of the shipped handbook, in headless Chromium, and checks the page
// they mean is listed first and that every result shows a marked word
// (in its title, other names, summary or a passage of its text); then
// that the /search/ page marks every result, names its search landmark
// apart from the header's, and that a marked word reads at 4.5:1 or more
// in light and dark. Skipped without Chromium, and in -short mode.
func TestHandbookSearch(t *testing.T) {
	bin := browserPath(t)
	p := startHandbook(t)
	tab := launchBrowser(t, bin)
	tab.viewport(t, 1280, 800, false)

	for _, c := range []struct{ query, first string }{
		{"goverance", "IT governance"}, // a typo
		{"iso27001", "ISO 27001"},
		{"ISO-27001", "ISO 27001"},
		{"iso 27001", "ISO 27001"},
		{"chief tech", "CTO"},
		{"kubernetes", ""}, // in the text of pages only: passages show it
	} {
		t.Run(c.query, func(t *testing.T) {
			tab.visit(t, p, "/")
			tab.press(t, "/")
			tab.typeText(t, c.query)
			done := `(() => {
				const hs = Array.from(document.querySelectorAll("#site-search-listbox .search-hit:not(.search-more)"));
				return hs.length > 0 && (` + jsString(c.first) + ` === "" || hs[0].querySelector(".search-hit-title").textContent === ` + jsString(c.first) + `) &&
					hs.every(h => h.querySelector("mark"));
			})()`
			if !tab.poll(done) {
				t.Errorf("typed %q in the search box: the list shows %v; want %q first and a marked word in every result",
					c.query, tab.eval(t, listed), c.first)
			}
		})
	}

	t.Run("search page marks every result", func(t *testing.T) {
		tab.visit(t, p, "/search/?q=iso")
		tab.settle(t, "/search/?q=iso")
		all := `(() => { const hs = Array.from(document.querySelectorAll("#search-page-results .search-hit"));
			return hs.length > 5 && hs.every(h => h.querySelector("mark")); })()`
		if !tab.poll(all) {
			t.Errorf("opened /search/?q=iso: results %v, want more than 5, each with a marked word",
				tab.eval(t, strings.ReplaceAll(listed, "#site-search-listbox .search-hit:not(.search-more)", "#search-page-results .search-hit")))
		}
		names := tab.eval(t, `Array.from(document.querySelectorAll("[role=search], search"), e => e.getAttribute("aria-label") || "").join("|")`)
		if s, _ := names.(string); len(strings.Split(s, "|")) != 2 || strings.Split(s, "|")[0] == strings.Split(s, "|")[1] {
			t.Errorf("/search/ has search landmarks named %q, want two with different names", names)
		}
		for _, scheme := range []string{"light", "dark"} {
			tab.call(t, "Emulation.setEmulatedMedia", map[string]any{"features": []map[string]string{{"name": "prefers-color-scheme", "value": scheme}}})
			var pairs [][2]string
			tab.decode(t, `Array.from(document.querySelectorAll("#search-page-results mark"), m => [getComputedStyle(m).color, getComputedStyle(m).backgroundColor])`, &pairs)
			worst := math.Inf(1)
			for _, pr := range pairs {
				worst = math.Min(worst, contrast(t, pr[0], pr[1]))
			}
			if len(pairs) == 0 || worst < 4.5 {
				t.Errorf("/search/?q=iso in %s: the lowest contrast of a marked word is %.2f:1 over %d marks, want at least 4.5:1", scheme, worst, len(pairs))
			}
		}
		tab.call(t, "Emulation.setEmulatedMedia", map[string]any{"features": []map[string]string{}})
	})
}

// listed is an expression giving, for each result in the search box's
// list, its title and its marked words.
const listed = `Array.from(document.querySelectorAll("#site-search-listbox .search-hit:not(.search-more)"), h =>
	h.querySelector(".search-hit-title").textContent + " [" + Array.from(h.querySelectorAll("mark"), m => m.textContent).join(",") + "]")`

// contrast is the WCAG contrast ratio of two opaque CSS colors as
// getComputedStyle gives them ("rgb(1, 2, 3)").
func contrast(t *testing.T, a, b string) float64 {
	t.Helper()
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(t *testing.T, color string) float64 {
	t.Helper()
	var r, g, b float64
	if _, err := fmt.Sscanf(color, "rgb(%g, %g, %g)", &r, &g, &b); err != nil {
		t.Fatalf("color %q: not rgb(): %v", color, err)
	}
	lin := func(c float64) float64 {
		c /= 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
