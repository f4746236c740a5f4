package serve

import (
	"bytes"
	"fmt"
	"maps"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ctohandbook/sitegen/internal/output"
	"github.com/ctohandbook/sitegen/internal/problem"
	"github.com/ctohandbook/sitegen/internal/site"
)

// batch is one rebuild's worth of changes.
type batch struct {
	// paths changed (written, created, removed or renamed), relative to
	// the site folder, slash-separated, in the order first seen.
	paths []string
	// all asks for a build from scratch: the first one, or after the
	// watcher lost events.
	all bool
}

// searched is a search index made on its own goroutine, for the build
// whose job it was: the files as Run made them, as served, and whether
// serving them changed what is served.
type searched struct {
	job             *site.SearchJob
	files, finished map[string][]byte
	served          bool
}

// buildLoop runs the rebuilds, one at a time. The search index of a
// rebuild is made beside it, on another goroutine (on a big site that
// takes a few hundred milliseconds, which a reload must not wait for):
// from the moment the edited pages are out, while the rest of the rebuild
// is made, so that search finds an edit soon.
func (s *Server) buildLoop(batches <-chan batch) {
	for {
		if s.site != nil {
			s.startSearch(s.site.PendingSearch())
		}
		select {
		case b, ok := <-batches:
			if !ok {
				s.stopSearch()
				return
			}
			if s.watch != nil {
				// Taken: the watcher clears it too, but only once it runs
				// again, and a small site's edited pages can be out before
				// that; a rest stopped for a batch already taken would
				// wait for a save that never comes.
				s.watch.waiting.Store(false)
			}
			s.rebuild(b)
		case f := <-s.onLoop:
			f()
		case r := <-s.searched:
			if r.files != nil {
				s.completeSearch(r)
			}
		}
	}
}

// startSearch makes job's index on the search goroutine, which serves
// each index as soon as it is made and hands it to the build loop, which
// puts it into the Site. A job is never stopped for a newer one: a
// writer who saves faster than an index is made would otherwise never
// find an edit. A newer job waits for it instead, in place of any job
// that waited before (its index would be older). Only the build
// goroutine calls it.
func (s *Server) startSearch(job *site.SearchJob) {
	if job == nil {
		return
	}
	s.searchMu.Lock()
	defer s.searchMu.Unlock()
	switch {
	case s.searching == nil && job.Key == s.searchedKey:
		// Made, and on its way to the build loop.
	case s.searching == nil:
		s.searching = job
		go s.runSearches(job)
	case job.Key != s.searching.Key:
		s.nextSearch = job
	}
}

// runSearches makes job's index, then the one that waits, until none does.
func (s *Server) runSearches(job *site.SearchJob) {
	for job != nil {
		if s.cfg.beforeIndex != nil {
			s.cfg.beforeIndex(job)
		}
		r := searched{job: job, files: job.RunPausing(s.urgent.wait)}
		if r.files != nil {
			r.finished = job.Finish(r.files)
			r.served = s.serveIndex(job, r.finished)
		}
		s.searchMu.Lock()
		s.searchedKey = job.Key
		s.searchMu.Unlock()
		s.searched <- r
		s.searchMu.Lock()
		job, s.nextSearch = s.nextSearch, nil
		s.searching = job
		s.searchMu.Unlock()
	}
}

// stopSearch stops the search goroutine, as the server stops.
func (s *Server) stopSearch() {
	s.searchMu.Lock()
	defer s.searchMu.Unlock()
	if s.searching != nil {
		s.searching.Cancel()
	}
	s.nextSearch = nil
}

// serveIndex puts a search index into what is served, in place of the
// one there, and says whether that changed anything. Pages do not change,
// so open pages keep their build ID and are not told anything: a page
// that reconnects later does not reload for an index it never shows. It
// is safe to call from any goroutine.
func (s *Server) serveIndex(job *site.SearchJob, finished map[string][]byte) bool {
	s.publish.Lock()
	defer s.publish.Unlock()
	old := s.state.Load()
	if old.files == nil || old.problems != nil {
		return false
	}
	files, changed := withIndex(old.files, job, finished)
	if !changed {
		return false
	}
	next := *old
	next.files = files
	s.state.Store(&next)
	s.index = &servedIndex{job: job, files: finished}
	return true
}

// withIndex is files with the search index in finished in place of the
// one they have, and whether that differs.
func withIndex(files output.Files, job *site.SearchJob, finished map[string][]byte) (output.Files, bool) {
	out := make(output.Files, len(files)+len(finished))
	changed := false
	for p, b := range files {
		if _, keep := finished[p]; !keep && job.IsIndex(p) {
			changed = true
			continue
		}
		out[p] = b
	}
	for p, b := range finished {
		if ob, ok := out[p]; !ok || !bytes.Equal(ob, b) {
			changed = true
		}
		out[p] = b
	}
	return out, changed
}

// servedIndex is the search index last served, and the job that made it.
type servedIndex struct {
	job   *site.SearchJob
	files map[string][]byte
}

// completeSearch puts an index made in the background into the Site (the
// server already serves it).
func (s *Server) completeSearch(r searched) {
	if s.site == nil {
		return
	}
	s.site.CompleteSearchFinished(r.job, r.files, r.finished)
	if r.served && s.searchDone != nil {
		s.searchDone(r.job)
	}
}

// rebuild brings the site up to date after the changes in b, publishes
// the result to requests and open pages, and prints one line. Only one
// goroutine calls it at a time: New, then Run's build loop.
func (s *Server) rebuild(b batch) {
	start := time.Now()
	if s.site != nil && !b.all {
		// A batch of only files that cannot be in the site (a sed -i
		// temporary file not yet renamed over its target) builds nothing.
		kept := b.paths[:0:0]
		for _, p := range b.paths {
			if s.site.Reads(p) {
				kept = append(kept, p)
			}
		}
		switch {
		case len(kept) == 0 && s.unfinished != nil:
			// The last rebuild stopped for this batch: finish it.
			kept = s.unfinished
		case len(kept) == 0:
			return
		}
		b.paths = kept
	}
	// A new sitegen.yaml can change anything (base URL, permalinks,
	// theme): start from a new Site, as after a broken configuration.
	fresh := s.site == nil || b.all || slices.Contains(b.paths, site.ConfigFile)
	// An edit of content alone shows the edited pages as soon as they
	// are made, and a newer edit stops the rest of the rebuild (it makes
	// them again anyway). Not after a failed build: the overlay stays
	// until the whole site builds.
	var first func(output.Files)
	var stop func() bool
	var firstTook time.Duration
	firstChanged := 0
	if old := s.state.Load(); !fresh && old.files != nil && old.problems == nil && contentOnly(b.paths) &&
		s.site.Graph != nil && len(s.site.Graph.Pages) >= s.firstFrom {
		// The search index of an earlier build waits until these pages
		// are out.
		s.urgent.close()
		defer s.urgent.open()
		first = func(made output.Files) {
			s.urgent.open()
			firstTook = time.Since(start)
			firstChanged = s.publishFirst(b, made)
			// The index of this build is made from now on, beside the
			// rest of it.
			s.startSearch(s.site.PendingSearch())
			if s.afterFirst != nil {
				s.afterFirst(s)
			}
			s.restPause()
		}
		if s.watch != nil {
			stop = s.watch.waiting.Load
		}
	}
	res, probs := s.build(b.paths, fresh, first, stop)
	s.unfinished = nil
	if res != nil && res.Cancelled {
		s.unfinished = b.paths
		fmt.Fprintf(s.cfg.Stdout, "%s %s: %d %s changed first, in %d ms; the rest is left to the newer change\n",
			clock(), describe(b.paths), firstChanged, plural(firstChanged, "file", "files"), firstTook.Milliseconds())
		return
	}
	if res != nil {
		probs = res.Problems
		if res.Files == nil && len(probs) == 0 {
			probs = []problem.Problem{{File: site.ConfigFile, Msg: "the build produced no files"}}
		}
	}
	if len(probs) > 0 {
		s.failed(b, probs, time.Since(start))
		return
	}
	s.succeeded(b, res, fresh, firstChanged, firstTook, time.Since(start))
}

// restDelay is how long the rest of a rebuild waits, once its edited
// pages are out, for a newer save: a writer who saves again within it
// stops a rest that would only be thrown away, and its garbage would slow
// the next edited page. The search index is made meanwhile.
const restDelay = 200 * time.Millisecond

// restPause waits restDelay, or until a newer save waits in the watcher.
func (s *Server) restPause() {
	if s.watch == nil {
		return
	}
	for end := time.Now().Add(restDelay); time.Now().Before(end) && !s.watch.waiting.Load(); {
		time.Sleep(5 * time.Millisecond)
	}
}

// contentOnly says whether every path is under content/.
func contentOnly(paths []string) bool {
	for _, p := range paths {
		if !strings.HasPrefix(p, "content/") {
			return false
		}
	}
	return len(paths) > 0
}

// publishFirst serves the pages of the edited files, made ahead of the
// rest of their rebuild, and tells open pages that show them to reload.
// It returns how many files changed.
func (s *Server) publishFirst(b batch, made output.Files) int {
	s.publish.Lock()
	defer s.publish.Unlock()
	old := s.state.Load()
	var changed []string
	for p, bs := range made {
		if ob, ok := old.files[p]; !ok || !bytes.Equal(ob, bs) {
			changed = append(changed, p)
		}
	}
	if len(changed) == 0 {
		return 0
	}
	slices.Sort(changed)
	files := maps.Clone(old.files)
	if s.early == nil {
		s.early = map[string]bool{}
	}
	for _, p := range changed {
		files[p] = made[p]
		s.early[p] = true
	}
	next := s.newState(files, nil)
	ev := plan(old.files, files, changed, next.id)
	ev.Build = next.id
	ev.Navigate = s.navigateTo(b.paths)
	s.state.Store(next)
	s.hub.send(reloadEvent(ev))
	return len(changed)
}

// failed keeps serving the last good build, under the overlay, and
// prints the problems.
func (s *Server) failed(b batch, probs []problem.Problem, took time.Duration) {
	s.publish.Lock()
	defer s.publish.Unlock()
	old := s.state.Load()
	lines := make([]string, len(probs))
	for i, p := range probs {
		lines[i] = p.String()
	}
	next := s.newState(old.files, lines)
	s.state.Store(next)
	s.hub.send(problemsEvent(next))
	serving := "serving the last good build"
	if old.files == nil {
		serving = "nothing to serve until it is fixed"
	}
	fmt.Fprintf(s.cfg.Stdout, "%s %s: build failed with %d %s; %s (%d ms)\n", clock(), describe(b.paths),
		len(lines), plural(len(lines), "problem", "problems"), serving, took.Milliseconds())
	for _, l := range lines {
		fmt.Fprintln(s.cfg.Stderr, l)
	}
}

// succeeded serves the new build and tells open pages what changed.
func (s *Server) succeeded(b batch, res *site.Result, fresh bool, firstChanged int, firstTook, took time.Duration) {
	s.publish.Lock()
	defer s.publish.Unlock()
	old := s.state.Load()
	files := res.Files
	if ix, job := s.index, s.site.PendingSearch(); ix != nil && job != nil && ix.job.Key == job.Key {
		// This build's index is served already: keep it.
		files, _ = withIndex(files, ix.job, ix.files)
	}
	changed := res.Changed
	switch {
	case fresh:
		// A new Site compares with nothing; compare with what is served.
		changed = files.Diff(old.files)
	case len(s.early) > 0:
		// Pages published ahead of their rebuild: what changed is what
		// differs from what is served, which is the Site's last build
		// but for them.
		changed = servedChanges(old.files, files, res.Changed, s.early)
	}
	s.early = nil
	if initial := old.files == nil && len(b.paths) == 0; initial {
		fmt.Fprintf(s.cfg.Stdout, "built %s\n", res.Stats)
		for _, w := range res.Warnings {
			fmt.Fprintln(s.cfg.Stderr, w.String())
		}
	} else {
		first := ""
		if firstTook > 0 {
			first = fmt.Sprintf(" (%d first, in %d ms)", firstChanged, firstTook.Milliseconds())
		}
		n := len(changed) + firstChanged
		fmt.Fprintf(s.cfg.Stdout, "%s %s: %d %s changed%s, %d %s rendered, %d ms\n", clock(), describe(b.paths),
			n, plural(n, "file", "files"), first,
			res.Stats.Rendered, plural(res.Stats.Rendered, "page", "pages"), took.Milliseconds())
	}
	if len(changed) == 0 && old.problems == nil {
		return // nothing any page could show differently
	}
	next := s.newState(files, nil)
	ev := plan(old.files, files, changed, next.id)
	ev.Build = next.id
	if firstTook == 0 { // else the first event did
		ev.Navigate = s.navigateTo(b.paths)
	}
	s.state.Store(next)
	s.hub.send(reloadEvent(ev))
}

// servedChanges are the paths whose bytes differ between served and cur,
// when served is the Site's previous build (whose differences with cur
// are changed) with the files in early put over it.
func servedChanges(served, cur output.Files, changed []string, early map[string]bool) []string {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if seen[p] {
			return
		}
		seen[p] = true
		a, inServed := served[p]
		b, inCur := cur[p]
		if inServed != inCur || !bytes.Equal(a, b) {
			out = append(out, p)
		}
	}
	for _, p := range changed {
		add(p)
	}
	for p := range early {
		add(p)
	}
	slices.Sort(out)
	return out
}

// build runs one build: from a new Site when fresh, else a Rebuild. A
// panic in the pipeline is a bug, but it must not take the preview down:
// it becomes a problem on the overlay, and the next change starts afresh.
func (s *Server) build(paths []string, fresh bool, first func(output.Files), stop func() bool) (res *site.Result, probs []problem.Problem) {
	defer func() {
		if v := recover(); v != nil {
			s.site, res = nil, nil
			file := site.ConfigFile
			if len(paths) > 0 {
				file = paths[0]
			}
			probs = []problem.Problem{{File: file, Msg: fmt.Sprintf("sitegen crashed while building (a bug; please report it): %v", v)}}
			fmt.Fprintf(s.cfg.Stderr, "panic: %v\n%s\n", v, debug.Stack())
		}
	}()
	if fresh {
		s.site, probs = site.New(s.root.FS(), site.Options{Drafts: s.cfg.Drafts, BaseURL: s.url, LazySearch: true, Commits: s.cfg.Commits})
		if s.site == nil {
			return nil, probs
		}
		return s.site.Build(), nil
	}
	return s.site.RebuildFirst(paths, first, stop), nil
}

// newState makes the state to publish next, with a new id.
func (s *Server) newState(files output.Files, problems []string) *state {
	s.gen++
	id := s.epoch + "-" + strconv.Itoa(s.gen)
	return &state{id: id, files: files, problems: problems, head: headTags(s.base, id), overlay: renderOverlay(problems)}
}

// navigateTo is the URL of the page made from the last edited content
// file among paths, when open pages should follow edits.
func (s *Server) navigateTo(paths []string) string {
	if !s.cfg.Navigate || s.site == nil || s.site.Graph == nil {
		return ""
	}
	urls := make(map[string]string, len(s.site.Graph.Pages))
	for _, p := range s.site.Graph.Pages {
		urls[p.File] = p.URL
	}
	for i := len(paths) - 1; i >= 0; i-- {
		if u, ok := urls[paths[i]]; ok {
			return u
		}
	}
	return ""
}

// describe names what changed for the terminal line.
func describe(paths []string) string {
	switch n := len(paths); {
	case n == 0:
		return "first build"
	case n <= 3:
		return strings.Join(paths, ", ")
	default:
		return fmt.Sprintf("%s, %s and %d more", paths[0], paths[1], n-2)
	}
}

func clock() string { return time.Now().Format("15:04:05") }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// gate holds goroutines that wait on it while it is closed. Its zero
// value is open.
type gate struct {
	mu     sync.Mutex
	closed chan struct{} // nil when open
}

func (g *gate) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed == nil {
		g.closed = make(chan struct{})
	}
}

func (g *gate) open() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed != nil {
		close(g.closed)
		g.closed = nil
	}
}

// wait returns once the gate is open.
func (g *gate) wait() {
	g.mu.Lock()
	ch := g.closed
	g.mu.Unlock()
	if ch != nil {
		<-ch
	}
}
