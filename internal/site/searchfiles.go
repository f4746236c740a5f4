package site

import (
	"path"
	"strings"
	"sync/atomic"

	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/memo"
	"github.com/ctohandbook/sitegen/internal/output"
	"github.com/ctohandbook/sitegen/internal/par"
	"github.com/ctohandbook/sitegen/internal/search"
)

// The search index (package search) is made of every page's entry
// (tokens, summary, excerpt: the costly part, remembered per page by its
// hash) assembled into files whose scores depend on every page. A build
// makes it in line. With Options.LazySearch (watch mode) a rebuild keeps
// serving the previous index and leaves a SearchJob, which the preview
// server runs on its own goroutine so that no reload waits for the index;
// pages never name index files other than search/index.json, so they are
// the same either way.

// searchFiles gives the index of each language (graphs, one per edition):
// the one already made when no page's text changed (its key is every
// page's hash), the previous one when lazy, else a new one. A language's
// index files are under its prefix (es/search/index.json).
func (s *Site) searchFiles(graphs []*graph.Graph, eds []*edition) map[string][]byte {
	job := s.searchJob(graphs, eds)
	switch {
	case s.search != nil && job.Key == s.searchKey:
		s.pending = nil
	case s.Options.LazySearch && s.search != nil:
		s.pending = job
	default:
		s.search, s.searchKey, s.pending = job.Run(), job.Key, nil
	}
	return s.search
}

func (s *Site) searchJob(graphs []*graph.Graph, eds []*edition) *SearchJob {
	h := memo.New("search")
	job := &SearchJob{}
	for i, g := range graphs {
		prefix := strings.TrimPrefix(eds[i].lang.Prefix, "/")
		h.String(prefix, eds[i].lang.Code)
		for _, p := range g.Pages {
			h.Key(p.Hash).String(p.URL, search.GuideTitle(g, p))
		}
		job.langs = append(job.langs, searchLang{g: g, dir: prefix, code: eds[i].lang.Code})
	}
	job.Key = h.Sum()
	job.finish = s.renderer().Finish
	job.entries, job.dict = s.entries, s.words
	if !s.Options.LazySearch {
		job.entries, job.dict = nil, nil // a build indexes once: nothing to remember
	}
	return job
}

// searchLang is one language's part of a search job.
type searchLang struct {
	g *graph.Graph
	// dir is where its files go: "" for the default language, "es".
	dir, code string
}

// SearchJob makes the search index of one build. It reads only that
// build's graph, which never changes, so it may run on any goroutine,
// at the same time as later builds.
type SearchJob struct {
	// Key names the index's inputs: every page and its guide's title.
	Key       memo.Key
	langs     []searchLang
	entries   *memo.Table[*search.Entry]
	dict      *search.Dict
	cancelled atomic.Bool
	// finish is the site's: what Finish does to each file.
	finish func(path string, b []byte) ([]byte, error)
}

// Finish makes the index files as the site serves them (URLs under the
// base path, minified), from Run's; it may run on any goroutine.
func (j *SearchJob) Finish(files map[string][]byte) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for p, b := range files {
		if j.finish != nil {
			if fin, err := j.finish(p, b); err == nil {
				b = fin
			}
		}
		out[p] = b
	}
	return out
}

// IsIndex says whether p is a search index file of the job's languages
// (search/index.json and its shards, es/search/..., not the search page).
func (j *SearchJob) IsIndex(p string) bool {
	if !strings.HasSuffix(p, ".json") {
		return false
	}
	for _, l := range j.langs {
		if rest, ok := strings.CutPrefix(p, path.Join(l.dir, "search")+"/"); ok && !strings.Contains(rest, "/") {
			return true
		}
	}
	return false
}

// Cancel makes Run stop early and return nil; it may be called from any
// goroutine.
func (j *SearchJob) Cancel() { j.cancelled.Store(true) }

// Run makes the index files, or returns nil if cancelled.
func (j *SearchJob) Run() map[string][]byte { return j.RunPausing(nil) }

// RunPausing is Run, calling pause (when not nil) every few hundred
// pages or thousand words: a pause that blocks holds the job there, so
// that a preview can give the cores to more urgent work.
func (j *SearchJob) RunPausing(pause func()) map[string][]byte {
	stop := j.cancelled.Load
	if pause != nil {
		stop = func() bool { pause(); return j.cancelled.Load() }
	}
	out := map[string][]byte{}
	for _, l := range j.langs {
		pages := l.g.Pages
		entries := make([]*search.Entry, len(pages))
		par.Each(len(pages), func(i int) {
			if i%256 == 0 && stop() || j.cancelled.Load() {
				return
			}
			p := pages[i]
			guide := search.GuideTitle(l.g, p)
			key := memo.New("search-entry").Key(p.Hash).String(p.URL, guide).Sum()
			e, ok := j.entries.Get(key)
			if !ok {
				e = search.PageEntry(p, guide)
				j.entries.Put(key, e)
			}
			entries[i] = e
		})
		if j.cancelled.Load() {
			return nil
		}
		files := search.AssembleWith(j.dict, entries, stop)
		if files == nil {
			return nil
		}
		for p, b := range files {
			out[path.Join(l.dir, p)] = b
		}
	}
	j.entries.Sweep()
	return out
}

// isPending says whether job makes the index the site waits for: the
// pending job's, or that of an earlier job on the same pages.
func (s *Site) isPending(job *SearchJob) bool {
	return job != nil && s.pending != nil && job.Key == s.pending.Key
}

// PendingSearch is the index job a lazy build left, or nil when the index
// served is up to date.
func (s *Site) PendingSearch() *SearchJob { return s.pending }

// CompleteSearch puts the index job made into the site, if the job is
// still the pending one (a later build may have replaced it), and returns
// the whole site with it and the paths that changed. It must not run at
// the same time as Build or Rebuild.
func (s *Site) CompleteSearch(job *SearchJob, files map[string][]byte) (output.Files, []string) {
	if !s.isPending(job) {
		return s.Files, nil
	}
	return s.CompleteSearchFinished(job, files, job.Finish(files))
}

// CompleteSearchFinished is CompleteSearch for files made by job.Run and
// finished by job.Finish (on the job's goroutine, say).
func (s *Site) CompleteSearchFinished(job *SearchJob, files, finished map[string][]byte) (output.Files, []string) {
	if !s.isPending(job) {
		return s.Files, nil
	}
	old := s.search
	s.search, s.searchKey, s.pending = files, job.Key, nil
	out := make(output.Files, len(s.Files))
	for p, b := range s.Files {
		if _, wasIndex := old[p]; !wasIndex {
			out[p] = b
		}
	}
	for p, b := range finished {
		out[p] = b
	}
	for p, b := range s.static {
		out[p] = b
	}
	changed := out.Diff(s.Files)
	s.Files = out
	return out, changed
}
