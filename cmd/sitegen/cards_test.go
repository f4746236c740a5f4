package main

import (
	"testing"
	"testing/fstest"

	"github.com/ctohandbook/sitegen/internal/memo"
	"github.com/ctohandbook/sitegen/internal/site"
)

// cardFiles is a small site, with social cards on or off.
func cardFiles(cards bool) fstest.MapFS {
	on := "false"
	if cards {
		on = "true"
	}
	return fstest.MapFS{
		"sitegen.yaml":             {Data: []byte("title: Cards\nbase_url: https://example.org\nsocial_cards: " + on + "\n")},
		"content/_index.md":        {Data: []byte("---\ntitle: Home\n---\nSee [[cto]].\n")},
		"content/glossary/cto.md":  {Data: []byte("---\ntitle: CTO\nsummary: The technology executive.\n---\nWorks with the [[ciso]].\n")},
		"content/glossary/ciso.md": {Data: []byte("---\ntitle: CISO\nsummary: The security executive.\n---\nWorks with the [[cto]].\n")},
	}
}

// TestCardsCachedAcrossBuilds: with social_cards on, a second build of
// unchanged files draws no card and renders nothing, in watch mode (one
// Site, its memory) as with `sitegen build` (a new process, the disk
// cache); after a term's title changes, the build does exactly one
// thing more than the same build without cards: that term's card.
// (Stats.Rendered counts cards drawn with templates executed; which card
// is drawn is TestCardsDrawnOnce's, in internal/render.)
func TestCardsCachedAcrossBuilds(t *testing.T) {
	retitle := func(fsys fstest.MapFS) {
		fsys["content/glossary/cto.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Chief Technologist\nsummary: The technology executive.\n---\nWorks with the [[ciso]].\n")}
	}
	build := func(s *site.Site) int {
		t.Helper()
		res := s.Build()
		if !res.OK() {
			t.Fatal(res.Problems)
		}
		return res.Stats.Rendered
	}
	// rendered is what the three builds render: cold, again, retitled.
	type rendered struct{ cold, again, retitled int }
	memory := func(cards bool) (r rendered) {
		fsys := cardFiles(cards)
		s, probs := site.New(fsys, site.Options{Minify: true})
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		r.cold, r.again = build(s), build(s)
		retitle(fsys)
		r.retitled = build(s)
		return r
	}
	disk := func(cards bool) (r rendered) {
		fsys, dir := cardFiles(cards), t.TempDir()
		once := func() int {
			d, err := memo.OpenDisk(dir, "test")
			if err != nil {
				t.Fatal(err)
			}
			cache := memo.NewCache(false, d)
			s, probs := site.New(fsys, site.Options{Minify: true, Cache: cache})
			if len(probs) > 0 {
				t.Fatal(probs)
			}
			n := build(s)
			if err := cache.Close(); err != nil {
				t.Fatal(err)
			}
			return n
		}
		r.cold, r.again = once(), once()
		retitle(fsys)
		r.retitled = once()
		return r
	}
	for name, mode := range map[string]func(bool) rendered{"memory": memory, "disk": disk} {
		on, off := mode(true), mode(false)
		if on.cold <= off.cold {
			t.Errorf("%s: the first build with cards rendered %d, without %d: no card drawn?", name, on.cold, off.cold)
		}
		if on.again != 0 {
			t.Errorf("%s: the second build of unchanged files with cards rendered %d, want 0", name, on.again)
		}
		if d := on.retitled - off.retitled; d != 1 {
			t.Errorf("%s: after retitling the CTO, the build with cards rendered %d, without %d: %d cards drawn, want 1", name, on.retitled, off.retitled, d)
		}
	}
}
