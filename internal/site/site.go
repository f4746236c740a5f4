// Package site is the orchestrator: it loads a site folder and runs the
// pipeline in order: parse every content file (on all cores), resolve
// links and relations into a graph, render every page through the theme
// (on all cores), and hand back the set of output files with every problem
// found. It is the only package that knows that order. Writing to disk is
// the caller's choice (package output).
//
// A site folder holds sitegen.yaml (optional), content/ (the Markdown),
// static/ (copied as is) and, optionally, themes/<name>/.
package site

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/markdown"
	"github.com/ctohandbook/sitegen/internal/memo"
	"github.com/ctohandbook/sitegen/internal/output"
	"github.com/ctohandbook/sitegen/internal/problem"
	"github.com/ctohandbook/sitegen/internal/render"
	"github.com/ctohandbook/sitegen/internal/search"
	"github.com/ctohandbook/sitegen/themes"
)

// Options change how a site is built, beyond its sitegen.yaml.
type Options struct {
	// Drafts includes pages marked draft: true.
	Drafts bool
	// BaseURL overrides base_url from sitegen.yaml.
	BaseURL string
	// Commits maps a content file ("content/glossary/cto.md") to the time
	// of its last commit, when the site is in a git work tree; pages
	// without an updated date in front matter show it. cmd fills it.
	Commits map[string]time.Time
	// LazySearch lets rebuilds leave the search index for CompleteSearch
	// (watch mode); see searchfiles.go.
	LazySearch bool
	// Minify shrinks HTML, CSS, JS, JSON and SVG as each file is made
	// (build does; the preview keeps files readable).
	Minify bool
	// Cache remembers what builds made (see package memo). nil: an
	// in-memory cache of the last build, as watch mode wants.
	Cache *memo.Cache
	// Version names the program, for the cache keys (cmd sets it).
	Version string
	// Progress, when set, is told each phase and how many of its items
	// are done, from any goroutine.
	Progress func(phase string, done, total int)
}

// Site is a loaded site folder and what its last build knows. A build
// always runs the whole pipeline; what makes a rebuild cheap is that the
// parse of an unchanged file and every product whose inputs did not move
// are remembered (s.cache), never a list of what depends on what.
type Site struct {
	FS      fs.FS
	Config  Config
	Options Options

	md    *markdown.Markdown
	theme *render.Theme
	vocab *graph.Vocabulary
	// parsed holds every content file's parse result, by file. A file is
	// parsed again only when it is reported changed.
	parsed map[string]parsed
	// files are parsed's keys, sorted; nil when a file came or went.
	files  []string
	static output.Files

	themeProbs, staticProbs, listProbs []problem.Problem

	cache    *memo.Cache
	themeKey memo.Key
	// graphMemos remember each page's resolved links and auto-links
	// (see graph.Options), one memo per language.
	graphMemos map[string]*graph.Memo
	// search holds the search index files and searchKey what they were
	// made from; pending is the job a lazy rebuild left (searchfiles.go).
	search    map[string][]byte
	searchKey memo.Key
	pending   *SearchJob
	entries   *memo.Table[*search.Entry]
	// words numbers the index's words for good (search.Dict).
	words *search.Dict
	// first names the content files whose pages RebuildFirst makes
	// first, and onFirst is what it hands them to.
	first   map[string]bool
	onFirst func(output.Files)
	stop    func() bool

	Graph *graph.Graph
	// Graphs are every language's graph, the default language's (Graph)
	// first.
	Graphs []*graph.Graph
	// Files is the last successful in-memory build (nil after BuildTo).
	Files output.Files
}

type parsed struct {
	page  *content.Page
	probs []problem.Problem
}

// Result is the outcome of one build.
type Result struct {
	// Files is the whole site; on failure, nil.
	Files output.Files
	// Changed lists the output paths whose bytes differ from the previous
	// successful in-memory build of this Site (added, changed or
	// removed), sorted. After the first build it lists every file.
	Changed  []string
	Problems []problem.Problem
	// Warnings are filled by Build; Rebuild leaves them out (they cost
	// time and watch mode shows only problems). Graph.Warnings has them.
	Warnings []problem.Problem
	Stats    Stats
	// Cancelled says that RebuildFirst stopped after the first pages
	// because stop said so: Files is nil and nothing is forgotten.
	Cancelled bool
}

// Stats count what a build did.
type Stats struct {
	Pages, Terms, Guides, Chapters, Links int
	// Rendered counts the templates executed and files minified: the
	// work the cache did not save.
	Rendered int
	Duration time.Duration
}

func (s Stats) String() string {
	return fmt.Sprintf("%d pages, %d terms, %d guides, %d links checked in %s",
		s.Pages, s.Terms, s.Guides, s.Links, s.Duration.Round(time.Millisecond))
}

// OK says whether the build had no errors.
func (r *Result) OK() bool { return len(r.Problems) == 0 }

// New prepares the site in fsys: reads sitegen.yaml, builds the Markdown
// pipeline and the vocabulary. Problems are configuration errors.
func New(fsys fs.FS, opts Options) (*Site, []problem.Problem) {
	cfg, probs := LoadConfig(fsys)
	if len(probs) > 0 {
		return nil, probs
	}
	if opts.BaseURL != "" {
		cfg.BaseURL = opts.BaseURL
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	var extra []graph.Verb
	for verb, inv := range cfg.Relations {
		extra = append(extra, graph.Verb{Name: verb, Inverse: inv})
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i].Name < extra[j].Name })
	s := &Site{
		FS: fsys, Config: cfg, Options: opts,
		md:         markdown.New(markdown.Options{UnsafeHTML: cfg.Markdown.UnsafeHTML}),
		vocab:      graph.NewVocabulary(extra),
		parsed:     map[string]parsed{},
		cache:      opts.Cache,
		graphMemos: map[string]*graph.Memo{},
		entries:    memo.NewTable[*search.Entry](),
		words:      search.NewDict(),
	}
	if s.cache == nil {
		s.cache = memo.NewCache(true, nil)
	}
	return s, nil
}

// Build runs the whole pipeline from the files as they are now, keeping
// the site in memory (Result.Files).
func (s *Site) Build() *Result {
	files := output.Files{}
	var mu sync.Mutex
	res := s.BuildTo(func(path string, b []byte) error {
		mu.Lock()
		files[path] = b
		mu.Unlock()
		return nil
	})
	return s.collect(res, files)
}

// BuildTo runs the whole pipeline from the files as they are now and hands
// each output file to put as soon as it is made, from several goroutines.
// On problems, what was put is incomplete and the caller must discard it.
func (s *Site) BuildTo(put func(path string, b []byte) error) *Result {
	start := time.Now()
	s.reloadTheme()
	s.reloadStatic()
	files, fprobs := content.Files(s.FS)
	s.listProbs = fprobs
	pages, pprobs := content.Load(s.FS, files, s.md, s.contentOptions())
	s.parsed, s.files = make(map[string]parsed, len(files)), nil
	byFile := map[string][]problem.Problem{}
	for _, p := range pprobs {
		byFile[p.File] = append(byFile[p.File], p)
	}
	for i, f := range files {
		s.parsed[f] = parsed{page: pages[i], probs: byFile[f]}
	}
	res := s.finish(start, put)
	for _, g := range s.Graphs {
		res.Warnings = append(res.Warnings, g.Warnings()...)
	}
	if s.theme != nil { // the theme's strings each language lacks
		var codes []string
		for _, l := range s.languages() {
			codes = append(codes, l.Code)
		}
		res.Warnings = append(res.Warnings, s.theme.Warnings(codes...)...)
	}
	problem.Sort(res.Warnings)
	res.Warnings = problem.Dedupe(res.Warnings)
	return res
}

// Rebuild brings the site up to date after the files in changed (paths
// relative to the site folder, as the watcher reported them) were written,
// created, renamed or deleted. It re-parses the changed content files,
// reloads the theme or static files if they changed, and runs the rest of
// the pipeline as Build does: the result is that of a full Build, by
// construction, made from remembered parts wherever their inputs did not
// change. A config change starts afresh.
func (s *Site) Rebuild(changed []string) *Result { return s.RebuildFirst(changed, nil, nil) }

// RebuildFirst is Rebuild, and it makes the pages of the changed content
// files before any other output file. When they are made without a
// problem, it hands them to first (path to bytes) before going on, so
// that a preview can show an edited page while the pages that only
// mention it are still being made. The Result is Rebuild's all the same,
// unless stop, asked between files after that, says a newer change
// waits: then the build stops there (Result.Cancelled), the Site stays as
// after its last complete build, and the next Rebuild makes what this
// one did not.
func (s *Site) RebuildFirst(changed []string, first func(output.Files), stop func() bool) *Result {
	start := time.Now()
	var files []string
	theme, static := false, false
	for _, c := range changed {
		c = path.Clean(filepath.ToSlash(c))
		switch {
		case c == ConfigFile:
			return s.reset()
		case c == "themes" || strings.HasPrefix(c, "themes/") || c == "i18n" || strings.HasPrefix(c, "i18n/"):
			theme = true
		case c == "static" || strings.HasPrefix(c, "static/"):
			static = true
		case c == "content" || strings.HasPrefix(c, "content/"):
			files = append(files, c)
		}
	}
	if theme {
		s.reloadTheme()
	}
	if static {
		s.reloadStatic()
	}
	s.reparse(files)
	if first != nil {
		s.first = make(map[string]bool, len(files))
		for _, f := range files {
			s.first[f] = true
		}
		s.onFirst, s.stop = first, stop
		defer func() { s.first, s.onFirst, s.stop = nil, nil, nil }()
	}
	out := output.Files{}
	var mu sync.Mutex
	res := s.finish(start, func(path string, b []byte) error {
		mu.Lock()
		out[path] = b
		mu.Unlock()
		return nil
	})
	if res.Cancelled {
		// The first pages are served: the index of their build may be
		// served too (PendingSearch stays).
		return res
	}
	return s.collect(res, out)
}

// parsedFiles are the files parsed, sorted.
func (s *Site) parsedFiles() []string {
	if s.files == nil {
		s.files = sortedKeys(s.parsed)
	}
	return s.files
}

// collect completes an in-memory build: the files, and which differ from
// the last good build's.
func (s *Site) collect(res *Result, files output.Files) *Result {
	if !res.OK() {
		return res
	}
	res.Files = files
	res.Changed = files.Diff(s.Files)
	s.Files = files
	return res
}

// reset reloads sitegen.yaml and rebuilds everything.
func (s *Site) reset() *Result {
	fresh, probs := New(s.FS, s.Options)
	if len(probs) > 0 {
		return &Result{Problems: probs}
	}
	prevFiles, cache := s.Files, s.cache
	*s = *fresh
	s.Files = prevFiles
	if s.Options.Cache == nil {
		s.cache = cache // keys name the config: nothing stale survives
	}
	return s.Build()
}

// finish runs the pipeline from the parsed pages on: the graph, built from
// scratch; then every output file, made or remembered, handed to put.
func (s *Site) finish(start time.Time, put func(path string, b []byte) error) *Result {
	probs := append([]problem.Problem{}, s.themeProbs...)
	probs = append(probs, s.staticProbs...)
	probs = append(probs, s.listProbs...)
	var pages, drafts []*content.Page
	for _, f := range s.parsedFiles() {
		p := s.parsed[f]
		probs = append(probs, p.probs...)
		if p.page == nil {
			continue
		}
		if p.page.Draft && !s.Options.Drafts {
			drafts = append(drafts, p.page)
			continue
		}
		pages = append(pages, p.page)
	}
	s.progress("linking", 0, len(pages))
	eds := s.editions(pages, drafts)
	known := s.knownURLs(eds)
	s.Graphs = nil
	memos := map[string]*graph.Memo{}
	for _, e := range eds {
		m := s.graphMemos[e.lang.Code]
		if m == nil {
			m = graph.NewMemo()
		}
		memos[e.lang.Code] = m
		g := graph.Build(e.pages, graph.Options{
			Vocabulary: s.vocab, URLs: known, Drafts: e.drafts,
			AutoLink: s.Config.AutoLink == nil || *s.Config.AutoLink,
			Memo:     m, Prefix: e.lang.Prefix,
		})
		s.Graphs = append(s.Graphs, g)
		probs = append(probs, g.Problems...)
	}
	s.graphMemos = memos
	probs = append(probs, crossLanguage(eds, s.Graphs)...)
	g := s.Graphs[0]
	s.Graph = g
	res := &Result{}
	res.Stats = Stats{Pages: len(pages), Terms: len(g.Terms), Guides: len(g.Guides)}
	for _, p := range pages {
		res.Stats.Links += len(p.Links)
		if p.Kind == content.KindChapter {
			res.Stats.Chapters++
		}
	}
	problem.Sort(probs)
	probs = problem.Dedupe(probs)
	if len(probs) == 0 && s.theme != nil {
		probs, res.Cancelled = s.render(eds, put, &res.Stats)
		// What this build did not use is forgotten; a build stopped by
		// problems or cancelled did not use all it will need, and must
		// not empty the cache the next build needs.
		if !res.Cancelled && len(probs) == 0 {
			s.cache.Sweep()
			s.md.Sweep()
		}
	}
	res.Problems = probs
	res.Stats.Duration = time.Since(start)
	return res
}

// render makes every output file: the theme's pages and data files, the
// search index and the static files, each handed to put when done.
func (s *Site) render(eds []*edition, put func(path string, b []byte) error, stats *Stats) ([]problem.Problem, bool) {
	rs := s.renderers(eds)
	r := rs[0].R
	var jobs []render.Job
	seen := map[string]bool{}
	for _, e := range rs {
		for _, j := range e.R.Jobs(e.G) {
			// Files every language would make alike (social cards of
			// the same text) are made once.
			if !seen[j.Path] {
				seen[j.Path] = true
				jobs = append(jobs, j)
			}
		}
	}
	index := s.searchFiles(s.Graphs, eds)
	// A site's own static file wins over a generated one of the same
	// name (a hand-written robots.txt, say).
	kept := jobs[:0]
	for _, j := range jobs {
		if _, mine := s.static[j.Path]; !mine && index[j.Path] == nil {
			kept = append(kept, j)
		}
	}
	jobs = kept
	for _, p := range sortedKeys(index) {
		if _, mine := s.static[p]; !mine {
			b := index[p]
			jobs = append(jobs, render.Job{Path: p, Make: func() ([]byte, error) { return b, nil }})
		}
	}
	for _, p := range sortedKeys(s.static) {
		b := s.static[p]
		jobs = append(jobs, render.Job{Path: p, Make: func() ([]byte, error) { return b, nil }})
	}
	var done atomic.Int64
	total := len(jobs)
	s.progress("rendering", 0, total)
	counted := func(path string, b []byte) error {
		if n := done.Add(1); n%64 == 0 || int(n) == total {
			s.progress("rendering", int(n), total)
		}
		return put(path, b)
	}
	var probs []problem.Problem
	var err error
	if len(s.first) > 0 {
		// The edited pages first, handed over on their own.
		var first, rest []render.Job
		for _, j := range jobs {
			if j.Page != nil && s.first[j.Page.File] {
				first = append(first, j)
			} else {
				rest = append(rest, j)
			}
		}
		made := output.Files{}
		var mu sync.Mutex
		probs, err = r.Run(first, func(path string, b []byte) error {
			mu.Lock()
			made[path] = b
			mu.Unlock()
			return counted(path, b)
		})
		if len(probs) == 0 && err == nil && len(made) > 0 {
			s.onFirst(made)
		}
		jobs = rest
		// A newer change stops the rest, unless the edited pages have
		// problems: then the build runs to the end and reports them all.
		if stop := s.stop; stop != nil && len(probs) == 0 && err == nil {
			if stop() {
				return probs, true // it came while they were made
			}
			next := counted
			counted = func(path string, b []byte) error {
				if stop() {
					return errCancelled
				}
				return next(path, b)
			}
		}
	}
	if err == nil {
		more, e := r.Run(jobs, counted)
		probs, err = append(probs, more...), e
	}
	if errors.Is(err, errCancelled) {
		return probs, true
	}
	for _, e := range rs {
		stats.Rendered += e.R.Executed()
	}
	if err != nil {
		probs = append(probs, problem.Problem{File: "(output)", Msg: err.Error()})
	}
	return probs, false
}

// errCancelled stops a RebuildFirst whose stop said so.
var errCancelled = errors.New("cancelled by a newer change")

func (s *Site) progress(phase string, done, total int) {
	if s.Options.Progress != nil {
		s.Options.Progress(phase, done, total)
	}
}

// renderers are one renderer per language, each knowing the others.
func (s *Site) renderers(eds []*edition) []render.Edition {
	langs := make([]render.Language, 0, len(eds))
	tags := make([][]string, len(eds))
	for i, e := range eds {
		if len(eds) > 1 {
			langs = append(langs, render.Language{Code: e.lang.Code, Name: e.lang.Name, Root: e.lang.Root(), Dir: e.lang.Direction})
		}
		for t := range s.Graphs[i].Tags {
			tags[i] = append(tags[i], t)
		}
	}
	tr := translations(eds, langs, tags)
	out := make([]render.Edition, len(eds))
	for i, e := range eds {
		r := s.renderer()
		r.Site.Language, r.Site.Root, r.Site.Direction = e.lang.Code, e.lang.Root(), e.lang.Direction
		r.Site.Title, r.Site.Description = e.lang.Title, e.lang.Description
		r.Site.Languages, r.Site.Translations = langs, tr
		r.Secondary = i > 0
		out[i] = render.Edition{R: r, G: s.Graphs[i]}
	}
	out[0].R.Editions = out
	return out
}

func (s *Site) renderer() *render.Renderer {
	base := s.Config.BaseURL
	minify := s.Options.Minify
	finish := func(path string, b []byte) ([]byte, error) {
		b = output.Prefix(path, b, base)
		if minify {
			return minifier().File(path, b)
		}
		return b, nil
	}
	return &render.Renderer{
		Theme:    s.theme,
		Markdown: s.md,
		Commits:  s.Options.Commits,
		Cache:    s.cache,
		Finish:   finish,
		Salt:     s.salt(),
		Site: render.Site{
			Title: s.Config.Title, Description: s.Config.Description,
			Language: s.Config.Language, BaseURL: s.Config.BaseURL, Root: "/",
			EditURL: s.Config.EditURL,
			Author:  s.Config.Author, SocialCards: s.Config.SocialCards,
		},
	}
}

func (s *Site) contentOptions() content.Options {
	def, others := s.contentLanguages()
	return content.Options{Permalinks: s.Config.Permalinks, Default: def, Languages: others}
}

// knownURLs are the URLs a link may point at besides content pages: list
// pages and static files.
func (s *Site) knownURLs(eds []*edition) map[string]bool {
	urls := map[string]bool{"/sitemap.xml": true, "/robots.txt": true}
	for _, e := range eds {
		pre := e.lang.Prefix
		for _, u := range []string{"/glossary/", "/guide/", "/tags/", "/404.html", "/", "/feed.xml", "/search/", "/graph/", "/graph.json"} {
			urls[pre+u] = true
		}
		tags := map[string]bool{}
		for _, p := range e.pages {
			for _, t := range p.Tags {
				if !tags[t] {
					tags[t] = true
					urls[pre+render.TagURL(t)] = true
				}
			}
			if len(eds) > 1 {
				urls[p.URL] = true // other languages link to it
			}
		}
	}
	for p := range s.static {
		urls["/"+p] = true
	}
	return urls
}

func (s *Site) reloadTheme() {
	s.theme, s.themeProbs = s.loadTheme()
}

func (s *Site) reloadStatic() {
	s.static, s.staticProbs = s.loadStatic()
}

// loadTheme reads the embedded default theme, overlaid with the site's
// themes/<name>/ when it has one, and the site's own i18n/ strings.
func (s *Site) loadTheme() (*render.Theme, []problem.Problem) {
	name := s.Config.Theme
	if name == "" {
		name = "default"
	}
	var fsys fs.FS = themes.Default()
	dir := "themes/default"
	siteDir := path.Join("themes", name)
	if info, err := fs.Stat(s.FS, siteDir); err == nil && info.IsDir() {
		sub, _ := fs.Sub(s.FS, siteDir)
		fsys = overlay{top: sub, bottom: fsys}
		dir = siteDir
	} else if name != "default" {
		return nil, []problem.Problem{{File: ConfigFile, Msg: fmt.Sprintf("theme %q: no folder %s/ in the site", name, siteDir)}}
	}
	t, probs := render.LoadTheme(fsys, dir, highlightCSS(), s.FS) // and the site's i18n/
	i18n, _ := fs.Sub(s.FS, "i18n")
	s.themeKey = memo.New("theme").Key(hashFS(fsys)).Key(hashFS(i18n)).Sum()
	return t, probs
}

// hashFS is the key of every file in fsys, names and bytes.
func hashFS(fsys fs.FS) memo.Key {
	h := memo.New("fs")
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, _ := fs.ReadFile(fsys, p)
		h.String(p).Bytes(b)
		return nil
	})
	return h.Sum()
}

// salt is what every product of a build depends on beyond its own data:
// the program, the site's settings, the build's options and the theme.
func (s *Site) salt() memo.Key {
	h := memo.New("salt").String(s.Options.Version, s.Config.BaseURL).Bool(s.Options.Drafts, s.Options.Minify).Key(s.themeKey)
	_ = h.JSON(s.Config)
	return h.Sum()
}

var minifierOnce = sync.OnceValue(output.NewMinifier)

// minifier is the one minifier of the process (it is safe for concurrent use).
func minifier() *output.Minifier { return minifierOnce() }

// loadStatic reads static/ into memory.
func (s *Site) loadStatic() (output.Files, []problem.Problem) {
	files := output.Files{}
	var probs []problem.Problem
	err := fs.WalkDir(s.FS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "static" {
				return fs.SkipAll
			}
			probs = append(probs, problem.Problem{File: p, Msg: "cannot read: " + err.Error()})
			return nil
		}
		if content.Ignored(d.Name()) && p != "static" {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(s.FS, p)
		if err != nil {
			probs = append(probs, problem.Problem{File: p, Msg: "cannot read (a broken or looping symlink?): " + err.Error()})
			return nil
		}
		files[strings.TrimPrefix(p, "static/")] = b
		return nil
	})
	if err != nil {
		probs = append(probs, problem.Problem{File: "static", Msg: err.Error()})
	}
	return files, probs
}

// highlightCSS is the stylesheet for highlighted code: the light and
// dark palettes, each token color checked to 4.5:1 (render.HighlightCSS).
func highlightCSS() []byte {
	return render.HighlightCSS()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
