package render

import (
	"bytes"
	"context"
	"image/png"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ctohandbook/sitegen/internal/graph/graphtest"
	"github.com/ctohandbook/sitegen/internal/memo"
)

// cardSite is a small site with social cards: two terms, and a guide
// whose chapters' cards show its title.
var cardSite = map[string]string{
	"content/_index.md":                "---\ntitle: Home\n---\nSee [[cto]].\n",
	"content/glossary/cto.md":          "---\ntitle: CTO\naka: [Chief Technology Officer]\nsummary: The technology executive.\ntags: [roles]\n---\nWorks with the [[ciso]].\n",
	"content/glossary/ciso.md":         "---\ntitle: CISO\nsummary: The security executive.\ntags: [roles]\n---\nWorks with the [[cto]].\n",
	"content/guide/start/_index.md":    "---\ntitle: First days\nsummary: A guide.\n---\nIntro.\n",
	"content/guide/start/01-before.md": "---\ntitle: Before\nsummary: Before you start.\n---\nAbout the [[cto]].\n",
	"content/guide/start/02-after.md":  "---\ntitle: After\nsummary: After you start.\n---\nText.\n",
}

// cardRenderer renders files as a site with social cards does.
func cardRenderer(t *testing.T, cache *memo.Cache) *Renderer {
	return &Renderer{Theme: defaultTheme(t), Markdown: testMarkdown(t), Cache: cache,
		Site: Site{Title: "Handbook", Language: "en", Root: "/", BaseURL: "https://example.org", SocialCards: true}}
}

// buildCards makes the cards of a build of files with cache, as Run does
// in a build, each build with a new Renderer as the site makes one. It
// returns each page's card by URL and how many cards were drawn (the
// work the cache did not save).
func buildCards(t *testing.T, files map[string]string, cache *memo.Cache) (images map[string]string, drawn int) {
	t.Helper()
	g := graphtest.Build(t, files)
	r := cardRenderer(t, cache)
	site := r.site(g)
	var jobs []Job
	for _, j := range r.DeployJobs(g, site) {
		if strings.HasPrefix(j.Path, "cards/") {
			jobs = append(jobs, j)
		}
	}
	if len(jobs) == 0 {
		t.Fatal("a site with social_cards draws no card")
	}
	var mu sync.Mutex
	probs, err := r.Run(jobs, func(path string, b []byte) error {
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width != 1200 || cfg.Height != 630 {
			mu.Lock()
			t.Errorf("%s is not a 1200×630 PNG: %dx%d, %v", path, cfg.Width, cfg.Height, err)
			mu.Unlock()
		}
		return nil
	})
	if err != nil || len(probs) > 0 {
		t.Fatalf("drawing the cards: %v %v", probs, err)
	}
	return site.images, r.Executed()
}

// changedURLs are the pages whose card differs between two builds.
func changedURLs(a, b map[string]string) []string {
	var urls []string
	for u := range a {
		if a[u] != b[u] {
			urls = append(urls, u)
		}
	}
	for u := range b {
		if _, ok := a[u]; !ok {
			urls = append(urls, u)
		}
	}
	slices.Sort(urls)
	return urls
}

// newCards counts the distinct cards of b that a does not have: the
// cards a build after a must draw (pages may share a card: a guide's and
// its printable page's show the same).
func newCards(a, b map[string]string) int {
	old := map[string]bool{}
	for _, img := range a {
		old[img] = true
	}
	fresh := map[string]bool{}
	for _, img := range b {
		if !old[img] {
			fresh[img] = true
		}
	}
	return len(fresh)
}

// TestCardsDrawnOnce: a second build of the same pages draws no card;
// after a term's title changes, the next build draws exactly that term's
// card; after a guide's title changes, exactly the cards that show it
// (the guide's, its chapters' and its printable page's).
func TestCardsDrawnOnce(t *testing.T) {
	cache := memo.NewCache(true, nil)
	first, drawn := buildCards(t, cardSite, cache)
	if want := newCards(nil, first); drawn != want {
		t.Errorf("the first build drew %d cards, want one per distinct card: %d", drawn, want)
	}
	for _, u := range []string{"/", "/glossary/cto/", "/guide/start/", "/guide/start/before/", "/glossary/", "/tags/roles/"} {
		if !strings.HasPrefix(first[u], "https://example.org/cards/") {
			t.Errorf("page %s has the card %q, want one under https://example.org/cards/", u, first[u])
		}
	}

	again, drawn := buildCards(t, cardSite, cache)
	if drawn != 0 {
		t.Errorf("a build of unchanged pages drew %d cards, want 0", drawn)
	}
	if ch := changedURLs(first, again); len(ch) > 0 {
		t.Errorf("unchanged pages got new cards: %v", ch)
	}

	edited := maps.Clone(cardSite)
	edited["content/glossary/cto.md"] = strings.Replace(cardSite["content/glossary/cto.md"], "title: CTO", "title: Chief Technologist", 1)
	retitled, drawn := buildCards(t, edited, cache)
	if ch := changedURLs(again, retitled); !slices.Equal(ch, []string{"/glossary/cto/"}) || drawn != 1 {
		t.Errorf("after retitling the CTO, the build drew %d cards and these pages' cards changed: %v; want 1, of /glossary/cto/", drawn, ch)
	}

	edited["content/guide/start/_index.md"] = strings.Replace(cardSite["content/guide/start/_index.md"], "title: First days", "title: First weeks", 1)
	g := graphtest.Build(t, edited)
	want := []string{"/guide/start/", "/guide/start/after/", "/guide/start/before/", printURL(g, g.Guides[0])}
	slices.Sort(want)
	guide, drawn := buildCards(t, edited, cache)
	if ch, n := changedURLs(retitled, guide), newCards(retitled, guide); !slices.Equal(ch, want) || drawn != n || n == 0 {
		t.Errorf("after retitling the guide, the build drew %d cards and these pages' cards changed: %v; want the %d cards of %v", drawn, ch, n, want)
	}
}

// TestCardsKeptOnDisk: the cards a build drew are in the disk cache, so
// the next build, in a new process as `sitegen build` is, draws none.
func TestCardsKeptOnDisk(t *testing.T) {
	dir := t.TempDir()
	build := func() (map[string]string, int) {
		disk, err := memo.OpenDisk(dir, "test")
		if err != nil {
			t.Fatal(err)
		}
		cache := memo.NewCache(true, disk)
		images, drawn := buildCards(t, cardSite, cache)
		if err := cache.Close(); err != nil {
			t.Fatal(err)
		}
		return images, drawn
	}
	first, drawn := build()
	if drawn == 0 {
		t.Fatal("the first build with an empty cache drew no card")
	}
	again, drawn := build()
	if drawn != 0 || len(changedURLs(first, again)) > 0 {
		t.Errorf("the second build with the cache on disk drew %d cards (want 0); changed: %v", drawn, changedURLs(first, again))
	}
}

// TestCardsDrawnInParallel: the cards are jobs of the build like its
// pages, which Run makes on all cores: two cards are finished at the
// same time. put holds each finished card until a second one arrives, so
// a build making one file at a time never gets there.
func TestCardsDrawnInParallel(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0))))
	g := graphtest.Build(t, cardSite)
	r := cardRenderer(t, nil)
	both := make(chan struct{})
	// A failure's deadline, not a wait for work: a build making one
	// file at a time would hold the first card for ever.
	deadline, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var mu sync.Mutex
	inFlight := 0
	probs, err := r.Run(r.Jobs(g), func(path string, b []byte) error {
		if !strings.HasPrefix(path, "cards/") {
			return nil
		}
		mu.Lock()
		inFlight++
		if inFlight == 2 {
			close(both)
		}
		mu.Unlock()
		select {
		case <-both:
			return nil
		case <-deadline.Done():
			t.Errorf("%s: no other card was finished while this one was", path)
			return nil
		}
	})
	if err != nil || len(probs) > 0 {
		t.Fatalf("the build: %v %v", probs, err)
	}
}
