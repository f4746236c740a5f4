package graph

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/par"
	"github.com/ctohandbook/sitegen/internal/problem"
)

// resolveLinks resolves every link of every page and records backlinks,
// patching the last build's when pt is not nil.
func (g *Graph) resolveLinks(pt *patch) {
	// Each page's links are resolved on all cores (resolving only reads
	// the index), then put together in page order.
	type resolved struct {
		targets []Target
		linked  []*content.Page
		probs   []problem.Problem
		last    bool // from the last build
	}
	all := make([]resolved, len(g.Pages))
	last := g.opts.Memo.lastBuild(g)
	if last != nil && last.g.neighbors.slots != nil {
		// (Made, so it holds no older cache: no chain of graphs.)
		g.neighbors.last = &last.g.neighbors
		g.neighbors.lastGraph = last.g
	}
	addresses := g.addressKey(last)
	g.addresses = addresses
	table := g.opts.Memo.linkTable()
	par.Each(len(g.Pages), func(i int) {
		p := g.Pages[i]
		r := &all[i]
		if ts, linked, ok := last.targets(p, addresses); ok {
			r.targets, r.linked, r.last = ts, linked, true
			return
		}
		key := linksKey(addresses, p)
		if ms, ok := table.Get(key); ok && len(ms) == len(p.Links) {
			if ts, ok := g.remembered(ms); ok {
				r.targets = ts
				for _, t := range ts {
					if t.Page != nil && t.Page != p && !contains(r.linked, t.Page) {
						r.linked = append(r.linked, t.Page)
					}
				}
				return
			}
		}
		defer func() {
			if len(r.probs) == 0 {
				table.Put(key, memoOf(r.targets))
			}
		}()
		r.targets = make([]Target, len(p.Links))
		for k, l := range p.Links {
			t, msg := g.resolve(p, l)
			if msg != "" {
				what := "link"
				if l.Image {
					what = "image"
				}
				r.probs = append(r.probs, problem.Problem{File: p.File, Pos: l.Pos, Msg: fmt.Sprintf("broken %s %q%s", what, l.Dest, msg)})
			}
			r.targets[k] = t
			if t.Page != nil && t.Page != p && !contains(r.linked, t.Page) {
				r.linked = append(r.linked, t.Page)
			}
		}
	})
	g.explicit = make(map[*content.Page][]*content.Page, len(g.Pages))
	for i, p := range g.Pages {
		r := all[i]
		g.Problems = append(g.Problems, r.probs...)
		if len(r.linked) > 0 {
			g.explicit[p] = r.linked
		}
		g.Targets[p] = r.targets
	}
	sameAuto := g.addAutoLinks(last)
	// A page's links are its explicit links then its auto-links, sorted
	// by URL, in a slice of their own (the explicit ones may be the last
	// build's), or the last build's when both are.
	links := make([][]*content.Page, len(g.Pages))
	par.Each(len(g.Pages), func(i int) {
		p := g.Pages[i]
		if all[i].last && sameAuto[i] {
			links[i] = last.g.Links[p]
			return
		}
		ex, auto := g.explicit[p], g.AutoLinks[p]
		if len(ex)+len(auto) == 0 {
			return
		}
		ps := make([]*content.Page, 0, len(ex)+len(auto))
		ps = append(ps, ex...)
		for _, a := range auto {
			ps = append(ps, a.To)
		}
		slices.SortFunc(ps, func(a, b *content.Page) int { return strings.Compare(a.URL, b.URL) })
		links[i] = ps
	})
	for i, p := range g.Pages {
		if links[i] != nil {
			g.Links[p] = links[i]
		}
	}
	if pt != nil && pt.backlinks(g, links) {
		g.patched.backlinks = true
		return
	}
	g.Backlinks = make(map[*content.Page][]*content.Page, len(g.Pages))
	// Backlinks are listed by title: made by walking the pages in title
	// order, they need no sorting, however many pages link to a hub.
	// They are gathered by page number, not in the map.
	number := make(map[*content.Page]int, len(g.Pages))
	for i, p := range g.Pages {
		number[p] = i
	}
	order := make([]int, len(g.Pages))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return compareTitle(g.Pages[a], g.Pages[b]) })
	// Counted first, so that they fill one array, cut per page.
	count := make([]int, len(g.Pages))
	total := 0
	for i := range links {
		for _, q := range links[i] {
			if j, ok := number[q]; ok {
				count[j]++
				total++
			}
		}
	}
	back := make([][]*content.Page, len(g.Pages))
	arr := make([]*content.Page, total)
	for j, n := range count {
		if n > 0 {
			back[j], arr = arr[:0:n], arr[n:]
		}
	}
	for _, i := range order {
		p := g.Pages[i]
		for _, q := range links[i] {
			if j, ok := number[q]; ok {
				back[j] = append(back[j], p)
			} else {
				g.Backlinks[q] = append(g.Backlinks[q], p)
			}
		}
	}
	for j, ps := range back {
		if ps != nil {
			g.Backlinks[g.Pages[j]] = ps
		}
	}
}

// resolve finds where one link points. A non-empty message says why it
// is broken (with a suggestion where one fits).
func (g *Graph) resolve(p *content.Page, l content.Link) (Target, string) {
	if l.Wiki != nil {
		return g.resolveWiki(p, l)
	}
	dest := l.Dest
	if isExternal(dest) {
		return Target{URL: dest, External: true}, ""
	}
	pathPart, frag, _ := strings.Cut(dest, "#")
	if unescaped, err := url.PathUnescape(pathPart); err == nil {
		pathPart = unescaped
	}
	if i := strings.IndexByte(pathPart, '?'); i >= 0 {
		pathPart = pathPart[:i]
	}
	if pathPart == "" {
		if frag == "" {
			return Target{URL: dest}, " (empty link)"
		}
		return g.anchor(p, p, frag, "#"+frag)
	}
	if l.Image {
		u := path.Clean(joinURL(p.URL, pathPart))
		if g.opts.URLs[u] {
			return Target{URL: u}, ""
		}
		return Target{URL: dest}, " (no such file in static/)"
	}
	if strings.HasSuffix(pathPart, ".md") {
		file := pathPart
		if strings.HasPrefix(file, "/") {
			file = path.Join("content", file)
		} else {
			file = path.Join(path.Dir(p.File), file)
		}
		if q, ok := g.byFile[file]; ok {
			return g.anchor(p, q, frag, q.URL)
		}
		if path.Base(file) == "_index.md" {
			u := "/" + strings.TrimPrefix(path.Dir(file), "content") + "/"
			u = path.Clean(u)
			if u != "/" {
				u += "/"
			}
			if pre := g.opts.Prefix; pre != "" && !strings.HasPrefix(u, pre+"/") {
				if mine := pre + u; g.ByURL[mine] != nil || g.opts.URLs[mine] {
					u = mine // the language's own list page
				}
			}
			if q, ok := g.ByURL[u]; ok {
				return g.anchor(p, q, frag, q.URL)
			}
			if g.opts.URLs[u] {
				return Target{URL: withFrag(u, frag)}, ""
			}
		}
		for _, d := range g.opts.Drafts {
			if d.File == file {
				return Target{URL: dest}, fmt.Sprintf(" (%s is a draft; build with -drafts to include it)", d.File)
			}
		}
		return Target{URL: dest}, g.suggestFile(file)
	}
	u := joinURL(p.URL, pathPart)
	u = strings.TrimSuffix(u, "index.html")
	clean := path.Clean(u)
	if pre := g.opts.Prefix; pre != "" && clean != pre && !strings.HasPrefix(clean, pre+"/") {
		mine := path.Clean(pre + clean)
		if q, ok := g.ByURL[mine+"/"]; ok {
			return g.anchor(p, q, frag, q.URL)
		}
		if g.opts.URLs[mine+"/"] {
			return Target{URL: withFrag(mine+"/", frag)}, ""
		}
		if g.opts.URLs[mine] && path.Ext(mine) == ".xml" {
			return Target{URL: withFrag(mine, frag)}, "" // the language's feed
		}
	}
	if q, ok := g.ByURL[clean+"/"]; ok || clean == "/" {
		if clean == "/" {
			q = g.ByURL["/"]
			if q == nil {
				return Target{URL: withFrag("/", frag)}, ""
			}
		}
		return g.anchor(p, q, frag, q.URL)
	}
	if q, ok := g.byOrigURL[clean+"/"]; ok {
		return g.anchor(p, q, frag, q.URL)
	}
	if g.opts.URLs[clean+"/"] {
		return Target{URL: withFrag(clean+"/", frag)}, ""
	}
	if g.opts.URLs[clean] {
		return Target{URL: withFrag(clean, frag)}, ""
	}
	for _, d := range g.opts.Drafts {
		if d.URL == clean+"/" {
			return Target{URL: dest}, fmt.Sprintf(" (%s is a draft; build with -drafts to include it)", d.File)
		}
	}
	var urls []string
	for _, q := range g.Pages {
		urls = append(urls, q.URL)
	}
	if s := Suggest(clean+"/", urls); s != "" {
		return Target{URL: dest}, fmt.Sprintf(" (did you mean %q?)", s)
	}
	return Target{URL: dest}, " (no page has this URL)"
}

// suggestFile proposes a file with a similar name in the same folder.
func contains(ps []*content.Page, p *content.Page) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

func (g *Graph) suggestFile(file string) string {
	var names []string
	for f := range g.byFile {
		if path.Dir(f) == path.Dir(file) {
			names = append(names, path.Base(f))
		}
	}
	sort.Strings(names)
	if s := Suggest(path.Base(file), names); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", "/"+strings.TrimPrefix(path.Join(path.Dir(file), s), "content/"))
	}
	return " (no such file in content/)"
}

// resolveWiki resolves [[target#fragment|label]]: a term by slug, title or
// aka, else another page by its unique title.
func (g *Graph) resolveWiki(p *content.Page, l content.Link) (Target, string) {
	w := l.Wiki
	if w.Target == "" {
		if w.Fragment != "" {
			return g.anchor(p, p, w.Fragment, "#"+w.Fragment)
		}
		return Target{}, " (empty target: write [[slug]] or [[slug|text]])"
	}
	q := g.Term(w.Target)
	if q == nil {
		q = g.byTitle[strings.ToLower(w.Target)]
	}
	if q == nil && g.ambiguous[strings.ToLower(w.Target)] == nil {
		q = g.byOrigName[strings.ToLower(w.Target)] // a translated page by its original's title
	}
	if ps := g.ambiguous[strings.ToLower(w.Target)]; q == nil && len(ps) > 0 {
		return Target{}, fmt.Sprintf(" (%d pages have this title, %s and %s: link to the file instead)", len(ps), ps[0].File, ps[1].File)
	}
	if q == nil {
		if h := g.hint(w.Target); h != "" {
			return Target{}, h
		}
		return Target{}, " (no term or page has this slug, title or aka)"
	}
	return g.anchor(p, q, w.Fragment, q.URL)
}

// anchor checks that frag names a heading of q.
func (g *Graph) anchor(from, q *content.Page, frag, u string) (Target, string) {
	t := Target{URL: u, Page: q}
	if frag == "" {
		return t, ""
	}
	if q == from {
		t.Page = nil
	}
	if q != from {
		t.URL = q.URL + "#" + frag
	} else {
		t.URL = "#" + frag
	}
	var ids []string
	for _, h := range q.Headings {
		if h.ID == frag {
			return t, ""
		}
		ids = append(ids, h.ID)
	}
	if strings.HasPrefix(frag, "fn:") || strings.HasPrefix(frag, "fnref:") || frag == "top" {
		return t, ""
	}
	if s := Suggest(frag, ids); s != "" {
		return t, fmt.Sprintf(" (no heading #%s in %s; did you mean #%s?)", frag, q.File, s)
	}
	return t, fmt.Sprintf(" (no heading #%s in %s)", frag, q.File)
}

func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	i := strings.IndexByte(dest, ':')
	if i <= 0 {
		return false
	}
	for _, c := range dest[:i] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

func joinURL(base, ref string) string {
	if strings.HasPrefix(ref, "/") {
		return ref
	}
	return path.Join(base, ref)
}

func withFrag(u, frag string) string {
	if frag == "" {
		return u
	}
	return u + "#" + frag
}
