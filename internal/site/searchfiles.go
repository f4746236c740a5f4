package site

import (
	"strings"

	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/memo"
	"github.com/ctohandbook/sitegen/internal/output"
	"github.com/ctohandbook/sitegen/internal/search"
)

// The search index (package search) is built from every page's text, so
// any re-parsed page remakes it: on a site of thousands of pages that is
// the slowest step of a rebuild. With Options.LazySearch, a rebuild keeps
// the previous index and leaves the new one to CompleteSearch, which watch
// mode calls once the edits pause; pages never name index files other
// than search/index.json, so they are the same either way.

// searchFiles gives the index for g: the one already made when no page's
// text changed (its key is every page's hash), the previous one when lazy,
// else a new one.
func (s *Site) searchFiles(g *graph.Graph) map[string][]byte {
	h := memo.New("search")
	for _, p := range g.Pages {
		h.Key(p.Hash).String(p.URL)
	}
	key := h.Sum()
	switch {
	case s.search != nil && key == s.searchKey:
	case s.Options.LazySearch && s.search != nil:
		s.searchStale = true
		s.pendingKey, s.pendingGraph = key, g
	default:
		s.search, s.searchKey, s.searchStale = search.Index(g), key, false
	}
	return s.search
}

// SearchStale says whether the served search index lags behind the pages.
func (s *Site) SearchStale() bool { return s.searchStale }

// CompleteSearch makes the search index a lazy rebuild left out and
// returns the whole site with it, and the paths that changed. It must not
// run at the same time as Build or Rebuild.
func (s *Site) CompleteSearch() (output.Files, []string) {
	if !s.searchStale || s.pendingGraph == nil {
		return s.Files, nil
	}
	s.search, s.searchKey = search.Index(s.pendingGraph), s.pendingKey
	s.searchStale, s.pendingGraph = false, nil
	files := make(output.Files, len(s.Files))
	for p, b := range s.Files {
		if !strings.HasPrefix(p, "search/") || p == "search/index.html" {
			files[p] = b
		}
	}
	for p, b := range s.search {
		files[p] = b
	}
	for p, b := range s.static {
		files[p] = b
	}
	changed := files.Diff(s.Files)
	s.Files = files
	return files, changed
}
