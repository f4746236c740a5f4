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
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/markdown"
	"github.com/ctohandbook/sitegen/internal/output"
	"github.com/ctohandbook/sitegen/internal/problem"
	"github.com/ctohandbook/sitegen/internal/render"
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
}

// Site is a loaded site folder and the state of its last build.
type Site struct {
	FS      fs.FS
	Config  Config
	Options Options

	md    *markdown.Markdown
	theme *render.Theme
	vocab *graph.Vocabulary
	// parsed holds every content file's parse result, by file.
	parsed map[string]parsed
	static output.Files

	themeProbs, staticProbs, listProbs []problem.Problem

	// What the last successful render was made from, for incremental
	// rebuilds (see incremental.go).
	last *snapshot
	// reparsed are content files re-read since the last successful render,
	// sinceGraph those re-read since the last graph.
	reparsed, sinceGraph map[string]bool
	// renderAll asks the next successful build to render every page.
	renderAll bool
	// search holds the search index files; searchStale says a lazy
	// rebuild left them behind the pages.
	search      map[string][]byte
	searchStale bool

	Graph *graph.Graph
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
	// successful build of this Site (added, changed or removed), sorted.
	// After the first build it lists every file.
	Changed  []string
	Problems []problem.Problem
	// Warnings are filled by Build; Rebuild leaves them out (they cost
	// time and watch mode shows only problems). Graph.Warnings has them.
	Warnings []problem.Problem
	Stats    Stats
}

// Stats count what a build did.
type Stats struct {
	Pages, Terms, Guides, Chapters, Links int
	Rendered                              int
	Duration                              time.Duration
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
		md:       markdown.New(markdown.Options{UnsafeHTML: cfg.Markdown.UnsafeHTML}),
		vocab:    graph.NewVocabulary(extra),
		parsed:   map[string]parsed{},
		reparsed: map[string]bool{},
	}
	s.sinceGraph = map[string]bool{}
	return s, nil
}

// Build runs the whole pipeline from the files as they are now.
func (s *Site) Build() *Result {
	start := time.Now()
	s.reloadTheme()
	s.reloadStatic()
	files, fprobs := content.Files(s.FS)
	s.listProbs = fprobs
	pages, pprobs := content.Load(s.FS, files, s.md, s.contentOptions())
	s.parsed = make(map[string]parsed, len(files))
	byFile := map[string][]problem.Problem{}
	for _, p := range pprobs {
		byFile[p.File] = append(byFile[p.File], p)
	}
	for i, f := range files {
		s.parsed[f] = parsed{page: pages[i], probs: byFile[f]}
	}
	s.renderAll = true
	s.Graph = nil // nothing to reuse
	res := s.finish(start)
	res.Warnings = s.Graph.Warnings()
	return res
}

// Rebuild brings the site up to date after the files in changed (paths
// relative to the site folder, as the watcher reported them) were written,
// created, renamed or deleted. It re-parses only changed content files,
// rebuilds the graph, and re-renders only the pages whose output can
// differ; a theme change re-renders without re-parsing, a config change
// rebuilds everything. The result always equals a full Build of the files
// as they are now.
func (s *Site) Rebuild(changed []string) *Result {
	start := time.Now()
	var files []string
	theme, static := false, false
	for _, c := range changed {
		c = path.Clean(filepath.ToSlash(c))
		switch {
		case c == ConfigFile:
			return s.reset()
		case c == "themes" || strings.HasPrefix(c, "themes/"):
			theme = true
		case c == "static" || strings.HasPrefix(c, "static/"):
			static = true
		case c == "content" || strings.HasPrefix(c, "content/"):
			files = append(files, c)
		}
	}
	if theme {
		s.reloadTheme()
		s.renderAll = true
	}
	if static {
		s.reloadStatic()
	}
	s.reparse(files)
	return s.finish(start)
}

// reset reloads sitegen.yaml and rebuilds everything.
func (s *Site) reset() *Result {
	fresh, probs := New(s.FS, s.Options)
	if len(probs) > 0 {
		s.renderAll = true
		return &Result{Problems: probs}
	}
	prevFiles := s.Files
	*s = *fresh
	s.Files = prevFiles
	return s.Build()
}

// finish resolves links, renders what needs it and collects the result.
func (s *Site) finish(start time.Time) *Result {
	probs := append([]problem.Problem{}, s.themeProbs...)
	probs = append(probs, s.staticProbs...)
	probs = append(probs, s.listProbs...)
	var pages, drafts []*content.Page
	for _, f := range sortedKeys(s.parsed) {
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
	g := graph.Build(pages, graph.Options{
		Vocabulary: s.vocab, URLs: s.knownURLs(pages), Drafts: drafts,
		Previous: s.Graph, Reparsed: s.sinceGraph,
		AutoLink: s.Config.AutoLink == nil || *s.Config.AutoLink,
	})
	s.Graph = g
	s.sinceGraph = map[string]bool{}
	probs = append(probs, g.Problems...)
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
		files, rprobs, rendered := s.render(g)
		probs = rprobs
		if len(probs) == 0 {
			res.Files = files
			res.Stats.Rendered = rendered
			res.Changed = files.Diff(s.Files)
			s.Files = files
		}
	}
	res.Problems = probs
	res.Stats.Duration = time.Since(start)
	return res
}

func (s *Site) renderer() *render.Renderer {
	return &render.Renderer{
		Theme:    s.theme,
		Markdown: s.md,
		Commits:  s.Options.Commits,
		Site: render.Site{
			Title: s.Config.Title, Description: s.Config.Description,
			Language: s.Config.Language, BaseURL: s.Config.BaseURL,
		},
	}
}

func (s *Site) contentOptions() content.Options {
	return content.Options{Permalinks: s.Config.Permalinks}
}

// knownURLs are the URLs a link may point at besides content pages: list
// pages and static files.
func (s *Site) knownURLs(pages []*content.Page) map[string]bool {
	urls := map[string]bool{"/glossary/": true, "/guide/": true, "/tags/": true, "/404.html": true, "/": true,
		"/sitemap.xml": true, "/feed.xml": true, "/robots.txt": true, "/search/": true, "/graph/": true, "/graph.json": true}
	tags := map[string]bool{}
	for _, p := range pages {
		for _, t := range p.Tags {
			tags[t] = true
		}
	}
	for t := range tags {
		urls[render.TagURL(t)] = true
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
// themes/<name>/ when it has one.
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
	return render.LoadTheme(fsys, dir, highlightCSS())
}

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

var chromaCSS []byte

// highlightCSS is the stylesheet for highlighted code: a light palette,
// and a dark one under prefers-color-scheme.
func highlightCSS() []byte {
	if chromaCSS != nil {
		return chromaCSS
	}
	var b bytes.Buffer
	f := chromahtml.New(chromahtml.WithClasses(true))
	b.WriteString("/* code highlighting (chroma) */\n")
	_ = f.WriteCSS(&b, styles.Get("github"))
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&b, styles.Get("github-dark"))
	b.WriteString("}\n")
	return b.Bytes()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
