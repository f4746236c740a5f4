package graph

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/markdown"
	"github.com/ctohandbook/sitegen/internal/memo"
	"github.com/ctohandbook/sitegen/internal/par"
)

// AutoLink is a plain mention of a term in prose that becomes a link: the
// first mention of each term's title or aka in a page, as whole words,
// case-insensitively (acronyms in capitals match only in capitals, so
// "IT" is not "it"), longest name first. Never inside code, headings,
// links or images, never on the term's own page, and not for terms the
// page already links to. Render turns them into links; the graph counts
// them as links (backlinks, "Covered in", local graphs).
type AutoLink struct {
	Start, End int // byte offsets in the source, inside Text's segment
	To         *content.Page
}

type name struct {
	lower   string // the name lower-cased
	exact   string // for acronyms: the name as written, matched exactly
	term    *content.Page
	bytes   int
	acronym bool
}

// matcher finds term names in text: names are indexed by their first word.
type matcher map[string][]name

func (g *Graph) matcher() matcher {
	m := matcher{}
	for _, t := range g.Terms {
		for _, n := range append([]string{t.Title}, t.Aka...) {
			first := firstWord(strings.ToLower(n))
			if first == "" {
				continue
			}
			m[first] = append(m[first], name{lower: strings.ToLower(n), exact: n, term: t, bytes: len(n), acronym: isAcronym(n)})
		}
	}
	for k, ns := range m {
		sort.SliceStable(ns, func(i, j int) bool {
			if ns[i].bytes != ns[j].bytes {
				return ns[i].bytes > ns[j].bytes // longest match first
			}
			return ns[i].term.URL < ns[j].term.URL
		})
		m[k] = ns
	}
	return m
}

func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func firstWord(s string) string {
	end := 0
	for end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		if !isWordRune(r) {
			break
		}
		end += n
	}
	return s[:end]
}

// addAutoLinks finds the auto-links of every page, on all cores, and
// counts them as links. A page's auto-links depend on its text, the
// terms' names and the pages it already links to; with a Memo they are
// found once for each such combination.
// addAutoLinks finds every page's auto-links, and says for each page
// (index for index) whether they are the last build's.
func (g *Graph) addAutoLinks(last *lastBuild) []bool {
	same := make([]bool, len(g.Pages))
	if !g.opts.AutoLink || len(g.Terms) == 0 {
		if last != nil && !last.g.opts.AutoLink {
			for i := range same {
				same[i] = true // none then, none now
			}
		}
		return same
	}
	// The matcher reads each term's file, URL (the order of names of the
	// same length), title and akas.
	var namesKey memo.Key
	if last != nil && last.g.addresses == g.addresses && !last.g.names.IsZero() {
		// The addresses name every term's file, URL, title and akas:
		// the same addresses, the same names.
		namesKey = last.g.names
	} else {
		names := memo.New("names")
		for _, t := range g.Terms {
			names.String(t.File, t.URL, t.Title).String(t.Aka...).Int(len(t.Aka))
		}
		namesKey = names.Sum()
	}
	g.names = namesKey
	var m matcher
	var once sync.Once
	found := make([][]AutoLink, len(g.Pages))
	par.Each(len(g.Pages), func(i int) {
		p := g.Pages[i]
		// (The same page as last time: its autolink param too.)
		if as, ok := last.autoLinks(p, g, namesKey); ok {
			found[i], same[i] = as, true
			return
		}
		if off, ok := p.Params["autolink"].(bool); ok && !off {
			return
		}
		h := memo.New("autolinks").Key(p.Hash, namesKey)
		for _, q := range g.explicit[p] {
			h.String(q.File)
		}
		key := h.Sum()
		if spans, ok := g.opts.Memo.spans().Get(key); ok {
			for _, sp := range spans {
				found[i] = append(found[i], AutoLink{Start: sp.start, End: sp.end, To: g.byFile[sp.file]})
			}
			return
		}
		once.Do(func() { m = g.opts.Memo.matcherFor(namesKey, g.matcher) })
		skip := map[*content.Page]bool{p: true}
		for _, q := range g.explicit[p] {
			skip[q] = true
		}
		found[i] = m.find(p, skip, g.byFile)
		spans := make([]span, len(found[i]))
		for k, a := range found[i] {
			spans[k] = span{a.Start, a.End, a.To.File}
		}
		g.opts.Memo.spans().Put(key, spans)
	})
	for i, p := range g.Pages {
		links := found[i]
		if len(links) == 0 {
			continue
		}
		g.AutoLinks[p] = links
	}
	return same
}

// Memo remembers, for the builds of one site, what a graph build finds
// page by page, each by a key of everything it depends on: a page's
// resolved links (memolinks.go) and auto-links, and the auto-link
// matcher by the names of the terms. A rebuild after an edit then
// resolves and scans only the edited pages. It is safe for concurrent
// use; a nil *Memo remembers nothing.
type Memo struct {
	autolinks *memo.Table[[]span]
	links     *memo.Table[[]linkMemo]

	mu       sync.Mutex
	namesKey memo.Key
	matcher  matcher
	// last is the graph of the last build without problems.
	last *Graph
	// json is the last graph.json written (export.go, writeJSON).
	json *jsonMemo
}

type span struct {
	start, end int
	file       string
}

// NewMemo makes an empty memo.
func NewMemo() *Memo {
	return &Memo{autolinks: memo.NewTable[[]span](), links: memo.NewTable[[]linkMemo]()}
}

// sweep ends a build: what it did not use is forgotten.
func (m *Memo) sweep() {
	if m == nil {
		return
	}
	m.autolinks.Sweep()
	m.links.Sweep()
}

func (m *Memo) spans() *memo.Table[[]span] {
	if m == nil {
		return nil
	}
	return m.autolinks
}

func (m *Memo) linkTable() *memo.Table[[]linkMemo] {
	if m == nil {
		return nil
	}
	return m.links
}

// matcherFor returns the matcher of the names whose key is key, making
// it with make the first time.
func (m *Memo) matcherFor(key memo.Key, make func() matcher) matcher {
	if m == nil {
		return make()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.matcher == nil || m.namesKey != key {
		m.matcher, m.namesKey = make(), key
	}
	return m.matcher
}

// find reads p's prose spans in document order and returns the first
// mention of each term not in skip. Terms are looked up again by file in
// byFile.
func (m matcher) find(p *content.Page, skip map[*content.Page]bool, byFile map[string]*content.Page) []AutoLink {
	var out []AutoLink
	for _, sp := range p.Doc.Prose {
		out = append(out, m.inText(sp, p.Doc.Source, skip, byFile)...)
	}
	return out
}

func (m matcher) inText(seg markdown.Span, src []byte, skip map[*content.Page]bool, byFile map[string]*content.Page) []AutoLink {
	var out []AutoLink
	text := string(src[seg.Start:seg.Stop])
	prev := rune(' ')
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) && !isWordRune(prev) {
			if nm, ok := m.at(text, i); ok {
				// The longest name is consumed even when its term is
				// already linked: "cloud security" is not a mention of
				// "cloud".
				if to := byFile[nm.term.File]; to != nil && !skip[to] {
					out = append(out, AutoLink{Start: seg.Start + i, End: seg.Start + i + nm.bytes, To: to})
					skip[to] = true
				}
				prev = ' '
				i += nm.bytes
				continue
			}
		}
		prev = r
		i += size
	}
	return out
}

// at finds the longest name that starts at text[i] and ends at a word
// boundary.
func (m matcher) at(text string, i int) (name, bool) {
	word := strings.ToLower(firstWord(text[i:]))
	candidates := m[word]
	// A one-word name in the plural ("patents") is indexed by its singular.
	for _, suffix := range []string{"s", "es"} {
		if stem := strings.TrimSuffix(word, suffix); stem != word {
			candidates = append(candidates[:len(candidates):len(candidates)], m[stem]...)
		}
	}
	for _, nm := range candidates {
		end := i + nm.bytes
		if end > len(text) {
			continue
		}
		cand := text[i:end]
		if nm.acronym && cand != nm.exact || !nm.acronym && !strings.EqualFold(cand, nm.lower) {
			continue
		}
		if after, _ := utf8.DecodeRuneInString(text[end:]); end < len(text) && isWordRune(after) {
			// A plural ("CISOs", "patents", "businesses") is a mention too.
			plural := pluralEnd(text, end)
			if plural == 0 {
				continue
			}
			nm.bytes = plural - i
		}
		return nm, true
	}
	return name{}, false
}

// pluralEnd is where a plural ending ("s" or "es") that starts at
// text[end] finishes, if a word boundary follows it; else 0.
func pluralEnd(text string, end int) int {
	for _, suffix := range []string{"s", "es"} {
		if strings.HasPrefix(text[end:], suffix) {
			e := end + len(suffix)
			if r, _ := utf8.DecodeRuneInString(text[e:]); e == len(text) || !isWordRune(r) {
				return e
			}
		}
	}
	return 0
}
