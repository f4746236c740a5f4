package serve

import (
	"fmt"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
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

// searchDelay is how long edits must pause before a search index that a
// rebuild left behind is remade (see site.Options.LazySearch): on a big
// site that takes a second, which a save should not wait for.
const searchDelay = 300 * time.Millisecond

// buildLoop runs the rebuilds, one at a time, and completes the search
// index when the edits pause.
func (s *Server) buildLoop(batches <-chan batch) {
	for {
		var idle <-chan time.Time
		if s.site != nil && s.site.SearchStale() {
			idle = time.After(searchDelay)
		}
		select {
		case b, ok := <-batches:
			if !ok {
				return
			}
			s.rebuild(b)
		case <-idle:
			s.completeSearch()
		}
	}
}

// completeSearch serves the site with its search index up to date.
func (s *Server) completeSearch() {
	files, changed := s.site.CompleteSearch()
	old := s.state.Load()
	if len(changed) == 0 || old.problems != nil {
		return
	}
	s.state.Store(s.newState(files, nil))
}

// rebuild brings the site up to date after the changes in b, publishes
// the result to requests and open pages, and prints one line. Only one
// goroutine calls it at a time: New, then Run's build loop.
func (s *Server) rebuild(b batch) {
	start := time.Now()
	// A new sitegen.yaml can change anything (base URL, permalinks,
	// theme): start from a new Site, as after a broken configuration.
	fresh := s.site == nil || b.all || slices.Contains(b.paths, site.ConfigFile)
	res, probs := s.build(b.paths, fresh)
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
	s.succeeded(b, res, fresh, time.Since(start))
}

// failed keeps serving the last good build, under the overlay, and
// prints the problems.
func (s *Server) failed(b batch, probs []problem.Problem, took time.Duration) {
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
func (s *Server) succeeded(b batch, res *site.Result, fresh bool, took time.Duration) {
	old := s.state.Load()
	changed := res.Changed
	if fresh {
		// A new Site compares with nothing; compare with what is served.
		changed = res.Files.Diff(old.files)
	}
	if initial := old.files == nil && len(b.paths) == 0; initial {
		fmt.Fprintf(s.cfg.Stdout, "built %s\n", res.Stats)
		for _, w := range res.Warnings {
			fmt.Fprintln(s.cfg.Stderr, w.String())
		}
	} else {
		fmt.Fprintf(s.cfg.Stdout, "%s %s: %d %s changed, %d %s rendered, %d ms\n", clock(), describe(b.paths),
			len(changed), plural(len(changed), "file", "files"),
			res.Stats.Rendered, plural(res.Stats.Rendered, "page", "pages"), took.Milliseconds())
	}
	if len(changed) == 0 && old.problems == nil {
		return // nothing any page could show differently
	}
	next := s.newState(res.Files, nil)
	ev := plan(old.files, res.Files, changed, next.id)
	ev.Build = next.id
	ev.Navigate = s.navigateTo(b.paths)
	s.state.Store(next)
	s.hub.send(reloadEvent(ev))
}

// build runs one build: from a new Site when fresh, else a Rebuild. A
// panic in the pipeline is a bug, but it must not take the preview down:
// it becomes a problem on the overlay, and the next change starts afresh.
func (s *Server) build(paths []string, fresh bool) (res *site.Result, probs []problem.Problem) {
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
	return s.site.Rebuild(paths), nil
}

// newState makes the state to publish next, with a new id.
func (s *Server) newState(files output.Files, problems []string) *state {
	s.gen++
	id := s.epoch + "-" + strconv.Itoa(s.gen)
	return &state{id: id, files: files, problems: problems, head: headTags(id), overlay: renderOverlay(problems)}
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
