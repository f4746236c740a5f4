package site

import (
	"io/fs"
	"sort"
	"strings"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/output"
	"github.com/ctohandbook/sitegen/internal/problem"
	"github.com/ctohandbook/sitegen/internal/render"
)

// An incremental rebuild re-renders a page when something it shows may
// have changed. What a page shows of other pages falls in two kinds:
//
//   - a page's card: what lists and links show of it (URL, title, summary,
//     aka, tags, dates, reading time, its guide's title);
//   - a page's links: its relations, the pages it links to and the pages
//     linking to it (which also make its degree in the concept graph).
//
// A snapshot keeps a hash of both for every page as of the last successful
// render. After a change, the pages whose card or links hash moved fire
// their dependents: the pages that link to them or that they link to,
// their relation neighbors, the terms within two hops (local graphs),
// the other chapters of their guide, and the list pages. Re-parsed pages
// are re-rendered themselves. Tests compare the result with a full build
// after sequences of edits.
type snapshot struct {
	g     *graph.Graph
	cards map[string]uint64 // by file
	links map[string]uint64
}

func takeSnapshot(g *graph.Graph) *snapshot {
	s := &snapshot{g: g, cards: make(map[string]uint64, len(g.Pages)), links: make(map[string]uint64, len(g.Pages))}
	for _, p := range g.Pages {
		s.cards[p.File] = cardHash(g, p)
		s.links[p.File] = linksHash(g, p)
	}
	return s
}

// update is takeSnapshot for g, reusing old's hashes for the pages that
// cannot have changed: a page's card changes only when it or its guide
// was re-parsed, and its links only when it or a page linking or relating
// to it (before or after) was.
func (old *snapshot) update(g *graph.Graph, reparsed map[string]bool) *snapshot {
	s := &snapshot{g: g, cards: make(map[string]uint64, len(g.Pages)), links: make(map[string]uint64, len(g.Pages))}
	dirty := map[string]bool{}
	for f := range reparsed {
		dirty[f] = true
		for _, gr := range []*graph.Graph{old.g, g} {
			p := gr.File(f)
			if p == nil {
				continue
			}
			for _, n := range neighbors(gr, p) {
				dirty[n.File] = true
			}
			if gd := gr.GuideOf[p]; gd != nil && gd.Page == p {
				for _, c := range gd.Chapters {
					dirty[c.File] = true
				}
			}
		}
	}
	for _, p := range g.Pages {
		card, okc := old.cards[p.File]
		links, okl := old.links[p.File]
		if dirty[p.File] || !okc || !okl {
			card, links = cardHash(g, p), linksHash(g, p)
		}
		s.cards[p.File] = card
		s.links[p.File] = links
	}
	return s
}

func cardHash(g *graph.Graph, p *content.Page) uint64 {
	var h hasher
	h.init()
	h.str(p.URL, p.Title, p.Summary, p.Date.String(), p.Updated.String())
	h.strs(p.Aka)
	h.strs(p.Tags)
	h.strs(p.RedirectFrom)
	h.num(int(p.Kind), p.ReadingMinutes(), p.Weight)
	if p.SummarySet {
		h.num(1)
	}
	if gd := g.GuideOf[p]; gd != nil {
		h.str(gd.Page.Title, gd.Page.URL)
	}
	return h.sum()
}

func linksHash(g *graph.Graph, p *content.Page) uint64 {
	var h hasher
	h.init()
	for _, e := range g.Out[p] {
		h.str("out", e.Verb.Name, e.To.File)
	}
	for _, e := range g.In[p] {
		h.str("in", e.Verb.Name, e.From.File)
	}
	for _, q := range g.Links[p] {
		h.str("link", q.File)
	}
	for _, q := range g.Backlinks[p] {
		h.str("back", q.File)
	}
	for _, a := range g.AutoLinks[p] {
		h.str("auto", a.To.File)
		h.num(a.Start, a.End)
	}
	return h.sum()
}

// hasher is FNV-1a over strings and numbers, each followed by a separator.
type hasher struct{ v uint64 }

func (h *hasher) init() { h.v = 14695981039346656037 }

func (h *hasher) byte(c byte) {
	h.v ^= uint64(c)
	h.v *= 1099511628211
}

func (h *hasher) str(ss ...string) {
	for _, s := range ss {
		for i := 0; i < len(s); i++ {
			h.byte(s[i])
		}
		h.byte(0)
	}
}

func (h *hasher) strs(ss []string) {
	h.str(ss...)
	h.byte(1)
}

func (h *hasher) num(ns ...int) {
	for _, n := range ns {
		for i := 0; i < 8; i++ {
			h.byte(byte(n >> (8 * i)))
		}
	}
}

func (h *hasher) sum() uint64 { return h.v }

// affected is what must be re-rendered: pages by file, and job deps.
type affected struct {
	pages map[string]bool
	deps  map[string]bool
}

// diff finds what changed between the last render and now.
func (s *Site) diff(old, now *snapshot) affected {
	a := affected{pages: map[string]bool{}, deps: map[string]bool{}}
	for f := range s.reparsed {
		a.pages[f] = true
		a.deps[render.DepContent] = true
	}
	graphs := []*graph.Graph{old.g, now.g}
	for _, f := range union(old.cards, now.cards) {
		if old.cards[f] == now.cards[f] {
			continue
		}
		a.deps[render.DepCards] = true
		a.deps[render.DepGraph] = true
		for _, g := range graphs {
			p := g.File(f)
			if p == nil {
				continue
			}
			for _, t := range p.Tags {
				a.deps[render.DepTag+t] = true
			}
			a.mark(neighbors(g, p))
			a.mark(termsWithin2(g, p))
			if gd := g.GuideOf[p]; gd != nil {
				a.mark([]*content.Page{gd.Page})
				a.mark(gd.Chapters)
			}
		}
	}
	for _, f := range union(old.links, now.links) {
		if old.links[f] == now.links[f] {
			continue
		}
		a.deps[render.DepGraph] = true
		for _, g := range graphs {
			if p := g.File(f); p != nil {
				a.mark(neighbors(g, p))
				a.mark(termsWithin2(g, p))
			}
		}
	}
	return a
}

func (a affected) mark(ps []*content.Page) {
	for _, p := range ps {
		a.pages[p.File] = true
	}
}

// neighbors are p, the pages it links to or relates to, and the pages
// linking or relating to it.
func neighbors(g *graph.Graph, p *content.Page) []*content.Page {
	out := []*content.Page{p}
	out = append(out, g.Links[p]...)
	out = append(out, g.Backlinks[p]...)
	for _, e := range g.Out[p] {
		out = append(out, e.To)
	}
	for _, e := range g.In[p] {
		out = append(out, e.From)
	}
	return out
}

// termsWithin2 are the terms at most two hops from p over relations and
// links between terms: the terms whose local graph can show p.
func termsWithin2(g *graph.Graph, p *content.Page) []*content.Page {
	var out []*content.Page
	for _, n := range termNeighbors(g, p) {
		out = append(out, n)
		out = append(out, termNeighbors(g, n)...)
	}
	return out
}

func termNeighbors(g *graph.Graph, p *content.Page) []*content.Page {
	var out []*content.Page
	for _, n := range neighbors(g, p) {
		if n.Kind == content.KindTerm {
			out = append(out, n)
		}
	}
	return out
}

func union(a, b map[string]uint64) []string {
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// render renders the jobs whose output can differ from the last
// successful render and reuses the rest. It returns the whole site.
func (s *Site) render(g *graph.Graph) (output.Files, []problem.Problem, int) {
	jobs := s.renderer().Jobs(g)
	var now *snapshot
	todo := jobs
	if s.renderAll || s.last == nil || s.Files == nil {
		now = takeSnapshot(g)
	} else {
		now = s.last.update(g, s.reparsed)
		a := s.diff(s.last, now)
		todo = nil
		for _, j := range jobs {
			if _, ok := s.Files[j.Path]; !ok || j.Page != nil && a.pages[j.Page.File] || hasAny(a.deps, j.Deps) {
				todo = append(todo, j)
			}
		}
	}
	made, probs := render.Run(todo)
	if len(probs) > 0 {
		return nil, probs, 0
	}
	index := s.searchFiles(g)
	files := make(output.Files, len(jobs)+len(index)+len(s.static))
	for _, j := range jobs {
		if b, ok := made[j.Path]; ok {
			files[j.Path] = b
		} else {
			files[j.Path] = s.Files[j.Path]
		}
	}
	for p, b := range index {
		files[p] = b
	}
	// A site's own static file wins over a generated one of the same
	// name (a hand-written robots.txt, say).
	for p, b := range s.static {
		files[p] = b
	}
	s.last = now
	s.reparsed = map[string]bool{}
	s.renderAll = false
	return files, nil, len(todo)
}

func hasAny(set map[string]bool, keys []string) bool {
	for _, k := range keys {
		if set[k] {
			return true
		}
	}
	return false
}

// reparse re-reads changed content paths: files (written, created or
// deleted) and folders (created, renamed or deleted, with all they hold).
func (s *Site) reparse(paths []string) {
	for _, f := range paths {
		if ignoredPath(f) {
			continue
		}
		info, err := fs.Stat(s.FS, f)
		if err != nil || info.IsDir() {
			// Gone, or a folder that may have been renamed: forget what
			// was under it, then read what is there now.
			for k := range s.parsed {
				if k == f || strings.HasPrefix(k, f+"/") {
					delete(s.parsed, k)
					s.reparsed[k] = true
					s.sinceGraph[k] = true
				}
			}
			s.dropListProblems(f)
			if err == nil {
				files, probs := content.FilesUnder(s.FS, f)
				s.listProbs = append(s.listProbs, probs...)
				for _, file := range files {
					s.load(file)
				}
			}
			continue
		}
		if strings.HasSuffix(f, ".md") {
			s.dropListProblems(f)
			s.load(f)
		}
	}
}

func (s *Site) load(file string) {
	page, probs := content.LoadFile(s.FS, file, s.md, s.contentOptions())
	s.parsed[file] = parsed{page: page, probs: probs}
	s.reparsed[file] = true
	s.sinceGraph[file] = true
}

func (s *Site) dropListProblems(prefix string) {
	kept := s.listProbs[:0]
	for _, p := range s.listProbs {
		if p.File != prefix && !strings.HasPrefix(p.File, prefix+"/") {
			kept = append(kept, p)
		}
	}
	s.listProbs = kept
}

// ignoredPath says whether any part of a path is editor or VCS noise.
func ignoredPath(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if part != "" && content.Ignored(part) {
			return true
		}
	}
	return false
}
