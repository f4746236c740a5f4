package render

import (
	"bytes"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/graph/graphtest"
	"github.com/ctohandbook/sitegen/internal/markdown"
	"github.com/ctohandbook/sitegen/internal/memo"
	"github.com/ctohandbook/sitegen/themes"
	"golang.org/x/net/html"
)

// spanishTerms is a small Spanish glossary, in file-name order (which
// is not the order a Spanish reader looks for).
var spanishTerms = map[string]string{
	"content/glossary/algebra.md": "---\ntitle: Álgebra\n---\n",
	"content/glossary/abeja.md":   "---\ntitle: Abeja\n---\n",
	"content/glossary/nandu.md":   "---\ntitle: Ñandú\n---\n",
	"content/glossary/nube.md":    "---\ntitle: Nube\n---\n",
	"content/glossary/oso.md":     "---\ntitle: Oso\n---\n",
	"content/glossary/nu.md":      "---\ntitle: ñu\n---\n",
	"content/glossary/2fa.md":     "---\ntitle: 2FA\n---\n",
}

// glossaryPage renders the glossary index of g with the default theme,
// as a site in lang does.
func glossaryPage(t *testing.T, g *graph.Graph, lang string, cache *memo.Cache) []byte {
	t.Helper()
	th, probs := LoadTheme(themes.Default(), "themes/default", nil, nil)
	if len(probs) > 0 {
		t.Fatalf("loading the default theme: %v", probs)
	}
	r := &Renderer{Theme: th, Markdown: markdown.New(markdown.Options{}), Cache: cache,
		Site: Site{Title: "Manual", Language: lang, Root: "/", BaseURL: "https://example.org"}}
	for _, j := range r.Jobs(g) {
		if j.Path == "glossary/index.html" {
			b, err := j.Make()
			if err != nil {
				t.Fatalf("rendering the glossary: %v", err)
			}
			return b
		}
	}
	t.Fatal("no glossary/index.html among the jobs")
	return nil
}

// page is what a reader's browser makes of the A–Z page: the letters
// of its navigation with their links, the ids on the page, and each
// section's heading and terms.
type page struct {
	navText, navHref []string
	ids              map[string]int
	headings         []string
	terms            [][]string
}

func parsePage(t *testing.T, b []byte) page {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	p := page{ids: map[string]int{}}
	var walk func(n *html.Node, inNav, inList bool)
	walk = func(n *html.Node, inNav, inList bool) {
		if n.Type == html.ElementNode {
			if id := attr(n, "id"); id != "" {
				p.ids[id]++
			}
			cls := " " + attr(n, "class") + " "
			switch {
			case n.Data == "nav" && strings.Contains(cls, " letters "):
				inNav = true
			case n.Data == "a" && inNav:
				p.navText = append(p.navText, text(n))
				p.navHref = append(p.navHref, attr(n, "href"))
			case n.Data == "section" && strings.Contains(cls, " letter "):
				p.terms = append(p.terms, nil)
				inList = true
			case n.Data == "h2" && inList:
				p.headings = append(p.headings, text(n))
			case n.Data == "dt" && inList:
				last := len(p.terms) - 1
				p.terms[last] = append(p.terms[last], text(n.FirstChild))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inNav, inList)
		}
	}
	walk(doc, false, false)
	return p
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n == nil {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// TestSpanishGlossary: a Spanish site's A–Z lists Ñ after N, accented
// titles with their letter, each letter's terms in Spanish order, and
// every letter of the navigation leads to its section.
func TestSpanishGlossary(t *testing.T) {
	p := parsePage(t, glossaryPage(t, graphtest.Build(t, spanishTerms), "es", nil))
	wantLetters := []string{"A", "N", "Ñ", "O", "#"}
	if !slices.Equal(p.navText, wantLetters) {
		t.Errorf("letter navigation = %q, want %q", p.navText, wantLetters)
	}
	if !slices.Equal(p.headings, wantLetters) {
		t.Errorf("section headings = %q, want %q", p.headings, wantLetters)
	}
	wantTerms := [][]string{{"Abeja", "Álgebra"}, {"Nube"}, {"Ñandú", "ñu"}, {"Oso"}, {"2FA"}}
	if !slices.EqualFunc(p.terms, wantTerms, slices.Equal) {
		t.Errorf("terms under each letter = %q, want %q", p.terms, wantTerms)
	}
	for i, href := range p.navHref {
		u, err := url.Parse(href)
		if err != nil || !strings.HasPrefix(href, "#") {
			t.Errorf("letter %s links to %q, want a fragment", p.navText[i], href)
			continue
		}
		if p.ids[u.Fragment] != 1 {
			t.Errorf("letter %s links to #%s, which is on the page %d times, want once", p.navText[i], u.Fragment, p.ids[u.Fragment])
		}
		if u.Fragment != url.PathEscape(u.Fragment) {
			t.Errorf("letter %s has anchor %q, which a URL must escape", p.navText[i], u.Fragment)
		}
	}
}

// TestEnglishGlossaryUnchanged: an English site's A–Z is what it was
// before collation: plain letters, anchors letter-a … and letter-other.
func TestEnglishGlossaryUnchanged(t *testing.T) {
	g := graphtest.Build(t, map[string]string{
		"content/glossary/cto.md":  "---\ntitle: CTO\n---\n",
		"content/glossary/ciso.md": "---\ntitle: CISO\n---\n",
		"content/glossary/iso.md":  "---\ntitle: ISO 27001\n---\n",
		"content/glossary/5g.md":   "---\ntitle: 5G\n---\n",
	})
	p := parsePage(t, glossaryPage(t, g, "en", nil))
	if want := []string{"#letter-c", "#letter-i", "#letter-other"}; !slices.Equal(p.navHref, want) {
		t.Errorf("letter links = %q, want %q", p.navHref, want)
	}
	if want := [][]string{{"CISO", "CTO"}, {"ISO 27001"}, {"5G"}}; !slices.EqualFunc(p.terms, want, slices.Equal) {
		t.Errorf("terms under each letter = %q, want %q", p.terms, want)
	}
}

// TestLetterIDs: letters beyond A–Z get ASCII anchors, distinct even
// where lower-casing would merge them (Turkish I and İ).
func TestLetterIDs(t *testing.T) {
	for label, want := range map[string]string{
		"A": "letter-a", "#": "letter-other", "Ñ": "letter-u00d1", "I": "letter-i", "İ": "letter-u0130",
		"Ch": "letter-ch", "ㄱ": "letter-u3131", "漢字": "letter-u6f22u5b57",
	} {
		if got := letterID(label); got != want {
			t.Errorf("letterID(%q) = %q, want %q", label, got, want)
		}
	}
}

// TestLettersRemembered: the grouping comes from the cache while the
// titles stay the same; a renamed term is filed anew, and bytes in the
// cache that are not a grouping are collated again, not trusted.
func TestLettersRemembered(t *testing.T) {
	g := graphtest.Build(t, spanishTerms)
	cache := memo.NewCache(true, nil)
	r := &Renderer{Cache: cache}
	first := r.letters("es", g.Terms)
	if !slices.EqualFunc(first, Letters("es", g.Terms), sameLetter) {
		t.Fatalf("letters from an empty cache = %v, want Letters' %v", first, Letters("es", g.Terms))
	}
	key := memo.New("letters").Key(r.Salt).String("es").String(titlesOf(g.Terms)...).Sum()
	if _, ok := cache.Get("letters", key); !ok {
		t.Fatal("the grouping was not kept in the cache")
	}
	if again := r.letters("es", g.Terms); !slices.EqualFunc(again, first, sameLetter) {
		t.Errorf("letters from the cache = %v, want %v", again, first)
	}

	renamed := make([]*content.Page, len(g.Terms))
	for i, p := range g.Terms {
		c := *p
		if c.Title == "Oso" {
			c.Title = "Ñoño"
		}
		renamed[i] = &c
	}
	got := r.letters("es", renamed)
	if n := got[2]; n.Letter != "Ñ" || len(n.Terms) != 3 {
		t.Errorf("after renaming Oso to Ñoño, the third letter is %s with %d terms, want Ñ with 3", n.Letter, len(n.Terms))
	}

	for _, junk := range [][]byte{{}, {0xff}, {1, 'A', 9}, encodeGroups(nil)} {
		cache.Put("letters", key, junk)
		if got := r.letters("es", g.Terms); !slices.EqualFunc(got, first, sameLetter) {
			t.Errorf("cache holding %x: letters = %v, want %v", junk, got, first)
		}
	}
}

func sameLetter(a, b Letter) bool {
	return a.Letter == b.Letter && a.ID == b.ID && slices.EqualFunc(a.Terms, b.Terms, func(x, y Ref) bool { return x.URL == y.URL })
}
