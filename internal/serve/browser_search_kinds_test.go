//go:build unix

package serve

import (
	"fmt"
	"math"
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
			// The list of the whole query, with all the index it needs
			// (it is shown again when more arrives), then its summaries.
			if !tab.poll(`!document.querySelector("#site-search-listbox[aria-busy]") &&
				(document.querySelector("#site-search-listbox .search-more") || {}).textContent.includes(` + jsString("“"+query+"”") + `) &&
				document.querySelectorAll("` + sel + `").length >= 5 &&
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

// TestSearchLanguages previews a glossary in English, Urdu, Japanese,
// Chinese and Korean and types, in headless Chromium, what a reader of
// each language types into the search box of that language's pages: the
// page meant comes first, from that language's own index; an untranslated
// page is found in its fallback, in the reader's language's tree. On the
// right-to-left Urdu pages the list is mirrored: it hangs from the box's
// left edge (in left-to-right pages, its right edge), and each result's
// kind label sits at the left, the line's end.
// Skipped without Chromium, and in -short mode.
func TestSearchLanguages(t *testing.T) {
	bin := browserPath(t)
	term := func(title, summary, body string) string {
		return "---\ntitle: " + title + "\nsummary: " + summary + "\n---\n" + body + "\n"
	}
	dir := writeSite(t, map[string]string{
		"sitegen.yaml": "title: Security glossary\nlanguages:\n  - code: en\n    name: English\n  - code: ur\n    name: اردو\n" +
			"  - code: ja\n    name: 日本語\n  - code: zh\n    name: 中文\n  - code: ko\n    name: 한국어\n",
		"content/_index.md":                      "---\ntitle: Security glossary\n---\nTerms of information security.\n",
		"content/glossary/infosec.md":            term("Information security", "Protecting information from unauthorized access.", "Every employee follows the security policy."),
		"content/glossary/risk.md":               term("Risk management", "Identifying, assessing and treating risks.", "The risk register is reviewed every quarter."),
		"content/glossary/data-governance.md":    term("Data governance", "How an organization manages its data.", "Data quality and owners."),
		"content/ur/glossary/infosec.md":         term("معلوماتی تحفظ", "معلومات کو غیر مجاز رسائی سے بچانا۔", "ہر ملازم تحفظ کی پالیسی پر عمل کرتا ہے۔"),
		"content/ur/glossary/risk.md":            term("خطرے کا انتظام", "خطرات کی شناخت، جائزہ اور علاج۔", "خطرات کا رجسٹر ہر سہ ماہی دیکھا جاتا ہے۔"),
		"content/ja/glossary/infosec.md":         term("情報セキュリティ", "情報を不正なアクセスから守ること。", "全社員がセキュリティ方針に従います。"),
		"content/ja/glossary/data-governance.md": term("データガバナンス", "組織のデータを管理する仕組み。", "データの品質と責任者を決めます。"),
		"content/zh/glossary/data-governance.md": term("数据治理", "对组织数据的管理与控制。", "数据治理确保数据质量和合规。"),
		"content/ko/glossary/infosec.md":         term("정보 보안", "정보를 무단 접근으로부터 보호하는 것.", "모든 직원은 보안 정책을 따릅니다."),
	})
	p := start(t, dir)
	tab := launchBrowser(t, bin)
	tab.viewport(t, 1280, 800, false)
	const sel = "#site-search-listbox .search-hit:not(.search-more)"
	for _, c := range []struct{ page, query, first, url string }{
		{"/", "governance", "Data governance", "/glossary/data-governance/"},
		{"/ur/", "تحفظ", "معلوماتی تحفظ", "/ur/glossary/infosec/"},
		{"/ur/", "انتظام", "خطرے کا انتظام", "/ur/glossary/risk/"},
		{"/ja/", "データ", "データガバナンス", "/ja/glossary/data-governance/"},
		{"/ja/", "情報", "情報セキュリティ", "/ja/glossary/infosec/"},
		{"/zh/", "数据", "数据治理", "/zh/glossary/data-governance/"},
		{"/zh/", "risk", "Risk management", "/zh/glossary/risk/"}, // the fallback, in the Chinese tree
		{"/ko/", "보안", "정보 보안", "/ko/glossary/infosec/"},
		{"/ko/", "정보보안", "정보 보안", "/ko/glossary/infosec/"},
	} {
		t.Run(c.page+c.query, func(t *testing.T) {
			tab.visit(t, p, c.page)
			tab.press(t, "/")
			tab.typeText(t, c.query)
			first := `(() => { const h = document.querySelector("` + sel + `"); return h && h.querySelector("mark") !== null &&
				h.querySelector(".search-hit-title").textContent === ` + jsString(c.first) + ` && new URL(h.href).pathname === ` + jsString(c.url) + `; })()`
			if !tab.poll(first) {
				t.Errorf("typed %q on %s: the list shows %v, want %q (%s) first, a word marked", c.query, c.page, tab.eval(t, listed), c.first, c.url)
			}
			if c.page != "/ur/" {
				return
			}
			var box struct {
				Dir                     string
				Form, List, Title, Kind [2]float64
			}
			tab.decode(t, `(() => { const f = document.querySelector("form.site-search"), l = document.getElementById("site-search-listbox"),
				h = document.querySelector("`+sel+`"), lr = e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; };
				return {dir: document.documentElement.dir, form: lr(f), list: lr(l), title: lr(h.querySelector(".search-hit-title")), kind: lr(h.querySelector(".search-hit-kind"))}; })()`, &box)
			if box.Dir != "rtl" || math.Abs(box.List[0]-box.Form[0]) > 1 || !(box.Kind[1] < box.Title[0]) {
				t.Errorf("typed %q on %s: dir %q, box %v, list %v, a result's title %v and kind label %v; want rtl, the list's left edge (its inline end) at the box's, the label left of the title",
					c.query, c.page, box.Dir, box.Form, box.List, box.Title, box.Kind)
			}
			screenshots(t, tab, "search-list-ur")
		})
	}
}
