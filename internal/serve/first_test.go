package serve

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/ctohandbook/sitegen/internal/output"
	"github.com/ctohandbook/sitegen/internal/site"
)

// TestEditedPageFirst: on a site big enough (here the threshold is
// lowered to one page), a save publishes the edited page on its own, in
// a first reload event, then the pages that show something of it (the
// summary of the CTO in the glossary, the CISO's hover card) in a
// second; the edited page is not reloaded twice.
func TestEditedPageFirst(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir, func(c *Config) { c.firstFrom = 1; c.Navigate = true })
	tab := p.listen(t)
	writeFile(t, dir, "content/glossary/cto.md", "---\ntitle: CTO\nsummary: The technology leader.\n---\nWorks with the [[ciso]]. Version two.\n")
	first := tab.next(t, "reload").reload(t)
	if strings.Join(first.Paths, " ") != "glossary/cto/index.html" || first.All {
		t.Fatalf("first reload event: paths %v (all %v), want the edited page alone", first.Paths, first.All)
	}
	if first.Navigate != "/glossary/cto/" {
		t.Errorf("first reload event: navigate %q, want /glossary/cto/", first.Navigate)
	}
	rest := tab.next(t, "reload").reload(t)
	for _, want := range []string{"glossary/index.html", "glossary/ciso/index.html", "index.html"} {
		if !contains(rest.Paths, want) {
			t.Errorf("second reload event lists %v, want %s in it", rest.Paths, want)
		}
	}
	if contains(rest.Paths, "glossary/cto/index.html") || rest.Navigate != "" {
		t.Errorf("second reload event: paths %v, navigate %q: the edited page again", rest.Paths, rest.Navigate)
	}
	if !strings.Contains(string(p.state.Load().head), rest.Build) {
		t.Errorf("served pages carry build %q, the last event says %q", p.state.Load().head, rest.Build)
	}
	for path, want := range map[string]string{"/glossary/cto/": "Version two.", "/glossary/": "The technology leader.", "/glossary/ciso/": "The technology leader."} {
		if body := mustGet(t, p, path); !strings.Contains(body, want) {
			t.Errorf("GET %s after both events does not show %q", path, want)
		}
	}
	tab.settle(t, dir)
	if !regexp.MustCompile(`content/glossary/cto\.md: \d+ files changed \(1 first, in \d+ ms\)`).MatchString(p.stdout.String()) {
		t.Errorf("terminal lines = %q, want the files changed and the one shown first", p.stdout)
	}
}

// TestNewerEditStopsTheRest: a save that comes while the rest of a
// rebuild is being made stops it there; the next rebuild makes what it
// left, so that every page ends up as a full build makes it.
func TestNewerEditStopsTheRest(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir, func(c *Config) {
		c.firstFrom = 1
		c.afterFirst = saveOnceDuringFirst(t, dir, "content/glossary/engineer.md", "---\ntitle: Engineer\nsummary: Builds things.\n---\nBuilds systems. Edited.\n")
	})
	tab := p.listen(t)
	writeFile(t, dir, "content/glossary/cto.md", "---\ntitle: CTO\nsummary: The technology leader.\n---\nWorks with the [[ciso]]. Version two.\n")
	if r := tab.next(t, "reload").reload(t); strings.Join(r.Paths, " ") != "glossary/cto/index.html" {
		t.Fatalf("first reload event lists %v, want the CTO page alone", r.Paths)
	}
	if r := tab.next(t, "reload").reload(t); strings.Join(r.Paths, " ") != "glossary/engineer/index.html" {
		t.Fatalf("second reload event lists %v, want the engineer page alone (the second save's, first)", r.Paths)
	}
	// The second rebuild's rest has what the first one's would have had.
	r := tab.next(t, "reload").reload(t)
	for _, want := range []string{"glossary/index.html", "glossary/ciso/index.html"} {
		if !contains(r.Paths, want) {
			t.Errorf("third reload event lists %v, want %s in it", r.Paths, want)
		}
	}
	if !strings.Contains(p.stdout.String(), "content/glossary/cto.md: 1 file changed first, in") ||
		!strings.Contains(p.stdout.String(), "the rest is left to the newer change") {
		t.Errorf("terminal lines = %q, want the first rebuild stopped after its first file", p.stdout)
	}
	for path, want := range map[string]string{"/glossary/cto/": "Version two.", "/glossary/engineer/": "Edited.", "/glossary/": "The technology leader.", "/glossary/ciso/": "The technology leader."} {
		if body := mustGet(t, p, path); !strings.Contains(body, want) {
			t.Errorf("GET %s does not show %q", path, want)
		}
	}
	// The pages served are those a build from scratch makes (the search
	// index follows on its own, in the background).
	want := buildFresh(t, dir, p.URL())
	served := p.state.Load().files
	pages := func(fs output.Files) []string {
		var out []string
		for _, path := range fs.Paths() {
			if strings.HasSuffix(path, ".html") {
				out = append(out, path)
			}
		}
		return out
	}
	if a, b := strings.Join(pages(served), " "), strings.Join(pages(want), " "); a != b {
		t.Errorf("pages served:\n%s\nwant, as a build makes them:\n%s", a, b)
	}
	for _, path := range pages(want) {
		if string(served[path]) != string(want[path]) {
			t.Errorf("%s served differs from a build from scratch", path)
		}
	}
}

// saveOnceDuringFirst is an afterFirst hook: while the first rebuild's
// edited pages are out, the writer saves name, and the hook returns once
// the watcher holds that save for the build loop.
func saveOnceDuringFirst(t *testing.T, dir, name, text string) func(*Server) {
	done := false // only the build goroutine calls the hook
	return func(s *Server) {
		if done {
			return
		}
		done = true
		writeFile(t, dir, name, text)
		if msg := eventually(func() string {
			if !s.watch.waiting.Load() {
				return "the save of " + name + " is not waiting for the build loop"
			}
			return ""
		}); msg != "" {
			t.Error(msg)
		}
	}
}

// buildFresh builds dir from scratch, as the preview does, and returns
// its files.
func buildFresh(t *testing.T, dir, url string) output.Files {
	t.Helper()
	s, probs := site.New(os.DirFS(dir), site.Options{BaseURL: url})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	res := s.Build()
	if !res.OK() {
		t.Fatal(res.Problems)
	}
	return res.Files
}

// TestStoppedRestFinishedByIgnoredSave: when the save that stopped a
// rebuild is of a file no build reads (a text file in content/), the
// rebuild is finished all the same: no page is left showing the old
// summary.
func TestStoppedRestFinishedByIgnoredSave(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir, func(c *Config) {
		c.firstFrom = 1
		c.afterFirst = saveOnceDuringFirst(t, dir, "content/glossary/notes.txt", "not a page\n")
	})
	tab := p.listen(t)
	writeFile(t, dir, "content/glossary/cto.md", "---\ntitle: CTO\nsummary: The technology leader.\n---\nWorks with the [[ciso]]. Version two.\n")
	if r := tab.next(t, "reload").reload(t); strings.Join(r.Paths, " ") != "glossary/cto/index.html" {
		t.Fatalf("first reload event lists %v, want the CTO page alone", r.Paths)
	}
	r := tab.next(t, "reload").reload(t)
	if !contains(r.Paths, "glossary/ciso/index.html") || contains(r.Paths, "glossary/cto/index.html") {
		t.Errorf("second reload event lists %v, want the pages that show the CTO's summary, and not the CTO page", r.Paths)
	}
	if body := mustGet(t, p, "/glossary/ciso/"); !strings.Contains(body, "The technology leader.") {
		t.Errorf("GET /glossary/ciso/ still shows the CTO's old summary")
	}
	if !strings.Contains(p.stdout.String(), "the rest is left to the newer change") {
		t.Errorf("terminal lines = %q, want the first rebuild stopped", p.stdout)
	}
}

// TestSearchIndexBeforeTheRest: the search index of an edit is served
// while the rest of its rebuild is still to be made (here held back
// until it is): search finds the edit about as soon as the page shows it,
// however big the site. The index is the one a build from scratch makes,
// and serving it sends no event.
func TestSearchIndexBeforeTheRest(t *testing.T) {
	dir := writeSite(t, smallSite())
	edited := "---\ntitle: CTO\nsummary: The technology executive.\n---\nWorks with the [[ciso]]. Quasar observability.\n"
	var want map[string]string
	p := start(t, dir, func(c *Config) {
		c.firstFrom = 1
		c.afterFirst = func(s *Server) {
			// The build goroutine waits here: the rest has not started.
			if msg := eventually(func() string {
				got := indexFiles(s.state.Load().files)
				if len(got) != len(want) {
					return fmt.Sprintf("%d index files served, a build makes %d", len(got), len(want))
				}
				for path, b := range want {
					if got[path] != b {
						return "the served index is not the edited site's: " + path + " differs"
					}
				}
				return ""
			}); msg != "" {
				t.Error(msg)
			}
		}
	})
	tab := p.listen(t)
	before := indexFiles(p.state.Load().files)
	// What the index must become: a build of the edited site.
	edit := writeSite(t, smallSite())
	writeFile(t, edit, "content/glossary/cto.md", edited)
	want = indexFiles(buildFresh(t, edit, p.URL()))
	if fmt.Sprint(want) == fmt.Sprint(before) {
		t.Fatal("the edit does not change the search index: the test shows nothing")
	}
	writeFile(t, dir, "content/glossary/cto.md", edited)
	if r := tab.next(t, "reload").reload(t); strings.Join(r.Paths, " ") != "glossary/cto/index.html" {
		t.Fatalf("first reload event lists %v, want the CTO page alone", r.Paths)
	}
	// No other page shows the sentence, and the index needs no event.
	tab.settle(t, dir)
	if got := indexFiles(p.state.Load().files); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Error("once the rebuild is done, the index served is not the edited site's")
	}
}

// indexFiles are the search index files among files, as text.
func indexFiles(files output.Files) map[string]string {
	out := map[string]string{}
	for path, b := range files {
		if strings.HasPrefix(path, "search/") && strings.HasSuffix(path, ".json") {
			out[path] = string(b)
		}
	}
	return out
}

// TestIndexNotStoppedByNewerSaves: a writer who saves faster than the
// search index is made still finds each edit. The index being made when
// newer saves come is finished and served; of the saves that came
// meanwhile, only the newest one's index is made next, and what is served
// in the end is a fresh build's index.
func TestIndexNotStoppedByNewerSaves(t *testing.T) {
	dir := writeSite(t, smallSite())
	text := func(word string) string {
		return "---\ntitle: CTO\nsummary: The technology executive.\n---\nWorks with the [[ciso]]. " + word + " observability.\n"
	}
	release := make(chan struct{})
	var mu sync.Mutex
	var srv *preview
	jobs := 0
	var atSecond string // the index served when the second job starts
	p := start(t, dir, func(c *Config) {
		c.firstFrom = 1
		c.beforeIndex = func(*site.SearchJob) {
			mu.Lock()
			jobs++
			n, s := jobs, srv
			mu.Unlock()
			switch n {
			case 1:
				<-release // the first index is slow: two saves come meanwhile
			case 2:
				text := fmt.Sprint(indexFiles(s.state.Load().files))
				mu.Lock()
				atSecond = text
				mu.Unlock()
			}
		}
	})
	mu.Lock()
	srv = p
	mu.Unlock()
	tab := p.listen(t)
	for _, word := range []string{"Quasar", "Nebula", "Pulsar"} {
		writeFile(t, dir, "content/glossary/cto.md", text(word))
		if r := tab.next(t, "reload").reload(t); strings.Join(r.Paths, " ") != "glossary/cto/index.html" {
			t.Fatalf("after the %s save, the reload event lists %v, want the CTO page first", word, r.Paths)
		}
	}
	close(release)
	want := indexFiles(buildFresh(t, dir, p.URL()))
	if msg := eventually(func() string {
		if got := indexFiles(p.state.Load().files); fmt.Sprint(got) != fmt.Sprint(want) {
			return "the index served is not a fresh build's"
		}
		return ""
	}); msg != "" {
		t.Fatal(msg)
	}
	tab.settle(t, dir)
	mu.Lock()
	defer mu.Unlock()
	if jobs != 2 {
		t.Fatalf("%d search jobs ran, want 2: the one the saves came during, then the newest", jobs)
	}
	if !strings.Contains(atSecond, `"quasar"`) || strings.Contains(atSecond, `"nebula"`) {
		t.Error("the first index was not served before the next was made (it should find the first save's word, not the second's)")
	}
	if !strings.Contains(fmt.Sprint(want), `"pulsar"`) {
		t.Error("a fresh build's index does not find the last save's word: the test shows nothing")
	}
}
