package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/site"
)

// watcher reports what changed in a site folder, in batches: the paths
// created, written, removed or renamed, once the folder has been quiet
// for a moment. It watches sitegen.yaml and the folders content/, static/,
// themes/ and i18n/, every folder under them included, adding folders as they
// appear. Editor and VCS noise (content.Ignored) is left out.
//
// fsnotify watches folders one by one; the watcher keeps the list, with
// the files seen in them, so that a folder deleted or moved away reports
// the files it held and its sub-folders stop being watched.
type watcher struct {
	root string // absolute
	fw   *fsnotify.Watcher
	// dirs are the watched folders and files the files seen in them,
	// relative to root and slash-separated; born are the files created
	// since the last batch went out. Only run touches them once it has
	// started.
	dirs, files, born map[string]bool
	quiet, maxWait    time.Duration
	warnf             func(format string, args ...any)
	// waiting is set while a batch is ready and the build loop has not
	// taken it: a rebuild asks it whether to stop early.
	waiting atomic.Bool
}

// watchedTops are the folders of a site whose files go into a build.
var watchedTops = []string{"content", "static", "themes", "i18n"}

// watchedDir says whether top is one of watchedTops.
func watchedDir(top string) bool {
	for _, t := range watchedTops {
		if top == t {
			return true
		}
	}
	return false
}

func newWatcher(root string, quiet, maxWait time.Duration, warnf func(string, ...any)) (*watcher, error) {
	fw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fw: fw, dirs: map[string]bool{}, files: map[string]bool{}, born: map[string]bool{},
		quiet: quiet, maxWait: maxWait, warnf: warnf}
	// The site folder itself, for sitegen.yaml and for content/, static/,
	// themes/ or i18n/ appearing later.
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, top := range watchedTops {
		w.addTree(top)
	}
	return w, nil
}

func (w *watcher) close() error { return w.fw.Close() }

// run sends batches to out until ctx is done, then closes out. A batch is
// sent once no event came for quiet, or maxWait after its first event if
// they keep coming; while out is not ready (a rebuild is running), events
// join the next batch, which waits for quiet again.
func (w *watcher) run(ctx context.Context, out chan<- batch) {
	defer close(out)
	var (
		next  gathering
		ready bool // quiet since the last event: the batch may go
		timer = time.NewTimer(time.Hour)
	)
	timer.Stop()
	defer timer.Stop()
	note := func(paths []string, lost bool) {
		if len(paths) == 0 && !lost {
			return
		}
		now := time.Now()
		next.add(now, paths, lost)
		ready = false
		timer.Reset(min(w.quiet, next.first.Add(w.maxWait).Sub(now)))
	}
	for {
		var send chan<- batch
		var b batch
		if ready {
			if b = w.batch(next); len(b.paths) == 0 && !b.all {
				// Only files that came and went (an editor's or sed's
				// temporary files): nothing to build, nothing waits (an
				// offer withdrawn for their events set waiting).
				next, ready = gathering{}, false
				clear(w.born)
				w.waiting.Store(false)
				continue
			}
			send = out
			w.waiting.Store(true)
		}
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			note(w.handle(ev), false)
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: watch whatever is there now and
				// rebuild everything.
				for _, top := range watchedTops {
					w.addTree(top)
				}
				note(nil, true)
				continue
			}
			w.warnf("watching: %v", err)
		case <-timer.C:
			ready = true
		case send <- b:
			w.waiting.Store(false)
			next, ready = gathering{}, false
			clear(w.born)
		}
	}
}

// gathering is the next batch while events come in.
type gathering struct {
	seen  map[string]bool
	order []string
	all   bool
	first time.Time // of its first event
}

func (g *gathering) add(now time.Time, paths []string, all bool) {
	if len(g.order) == 0 && !g.all {
		g.first = now
	}
	g.all = g.all || all
	if g.seen == nil {
		g.seen = map[string]bool{}
	}
	for _, p := range paths {
		if !g.seen[p] {
			g.seen[p] = true
			g.order = append(g.order, p)
		}
	}
}

// batch is what goes out for g: its paths but the files created and
// removed again since the last batch.
func (w *watcher) batch(g gathering) batch {
	paths := make([]string, 0, len(g.order))
	for _, p := range g.order {
		if w.born[p] && !w.files[p] {
			continue
		}
		paths = append(paths, p)
	}
	return batch{paths: paths, all: g.all}
}

// handle turns one event into the paths it changed.
func (w *watcher) handle(ev fsnotify.Event) []string {
	rel := w.rel(ev.Name)
	if rel == "" || ignored(rel) {
		return nil
	}
	top, _, nested := strings.Cut(rel, "/")
	if !nested && top == site.ConfigFile {
		if ev.Op == fsnotify.Chmod {
			return nil
		}
		return []string{rel}
	}
	if !watchedDir(top) {
		return nil
	}
	switch {
	case ev.Has(fsnotify.Create):
		info, err := os.Lstat(ev.Name)
		if err == nil && info.IsDir() {
			// A new or moved-in folder: watch it, and report the files
			// already in it (they may have been written before the watch).
			return w.addTree(rel)
		}
		if !w.files[rel] {
			w.born[rel] = true
			w.files[rel] = true
		}
		return []string{rel}
	case ev.Has(fsnotify.Remove), ev.Has(fsnotify.Rename):
		return w.forget(rel)
	case ev.Has(fsnotify.Write):
		return []string{rel}
	}
	return nil // Chmod: contents unchanged
}

// addTree watches the folder rel and every folder under it, and returns
// the files found in them.
func (w *watcher) addTree(rel string) []string {
	var found []string
	start := filepath.Join(w.root, filepath.FromSlash(rel))
	filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != start {
				w.warnf("watching %s: %v", w.rel(p), err)
			}
			return nil
		}
		r := w.rel(p)
		if r != rel && content.Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			w.files[r] = true
			found = append(found, r)
			return nil
		}
		if !w.dirs[r] {
			if err := w.fw.Add(p); err != nil {
				w.warnf("cannot watch %s: %v", r, err)
				return fs.SkipDir
			}
			w.dirs[r] = true
		}
		return nil
	})
	return found
}

// forget drops rel, which was removed or renamed away. A folder reports
// every file seen under it, and its sub-folders stop being watched.
func (w *watcher) forget(rel string) []string {
	if !w.dirs[rel] {
		delete(w.files, rel)
		return []string{rel}
	}
	out := []string{}
	for d := range w.dirs {
		if d == rel || strings.HasPrefix(d, rel+"/") {
			// The folder may be gone, and its watch with it: no error
			// matters here.
			w.fw.Remove(filepath.Join(w.root, filepath.FromSlash(d)))
			delete(w.dirs, d)
		}
	}
	for f := range w.files {
		if strings.HasPrefix(f, rel+"/") {
			out = append(out, f)
			delete(w.files, f)
		}
	}
	sort.Strings(out)
	return out
}

// rel is name relative to the site folder, slash-separated; "" for the
// folder itself or anything outside it.
func (w *watcher) rel(name string) string {
	r, ok := strings.CutPrefix(name, w.root+string(filepath.Separator))
	if !ok {
		return ""
	}
	return filepath.ToSlash(r)
}

// ignored says whether any element of rel is editor or VCS noise.
func ignored(rel string) bool {
	for _, el := range strings.Split(rel, "/") {
		if content.Ignored(el) {
			return true
		}
	}
	return false
}
