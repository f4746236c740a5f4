// Package search builds the site's search index at build time: static
// JSON files that themes/default/static/search.js fetches from the same
// origin, so search needs no service and works offline. It does no I/O.
//
// The index comes in three kinds of file, so that a site of thousands of
// terms loads only what a query needs:
//
//   - search/index.json, fetched when the reader first focuses the search
//     box: every page's title, aka, URL, kind and guide, which the script
//     tokenizes and matches in memory (titles and aka rank first), and the
//     lists of the other files;
//   - search/p-<hash>.json, the postings of the tokens of headings,
//     summaries and body text, cut into shards of consecutive tokens;
//     index.json names each shard's first token, so a query fetches only
//     the shards its words fall in;
//   - search/s-<hash>.json, the summaries shown under the results, in
//     chunks of consecutive pages, with the name of each page's excerpt;
//   - search/x-<hash>.json, one a page: its headings and its text, which
//     the script fetches only for a result whose title, aka and summary
//     do not show what matched, to show the passage around the match.
//
// Shards and chunks are named by a hash of their content, so they can be
// cached for good; only index.json must be fetched fresh. Every file is
// byte-identical across builds of the same pages.
//
// A posting's score is computed here: BM25-like term frequency, weighted
// by field (a heading counts three times, the summary twice, the body
// once), times the token's rarity, as an integer from 1 to 255. Each
// token keeps its MaxPostings best pages. Titles and aka are not in the
// postings: the script scores them itself, above any body match.
//
// A build makes the index with Index. A preview server that rebuilds
// often can keep each page's Entry (PageEntry: the expensive part, made
// from that page alone) and Assemble the files from them, remaking only
// the entries of the pages that changed.
//
// A multilingual site makes one index a language, from that language's
// pages only (Index of its graph, or Assemble of its pages' entries), and
// puts each under its language's prefix (es/search/…), where search.js
// finds it next to the form's action. Nothing here depends on the
// language: words are found by script (see fold.go and tokens.go), so a
// page of English in the Spanish index, or of Japanese in the English
// one, is found all the same, and no word is dropped as a stop word.
//
// Package search does not render the search page (package render does)
// and does not decide where the files go (the site orchestrator does).
package search

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/par"
)

// Tuning of the index. They change the files, not how they are read:
// search.js reads sizes from index.json.
const (
	// Version is the format of the files, checked by search.js.
	Version = 2
	// MaxPostings is how many pages a token lists at most: its best.
	MaxPostings = 100
	// ShardBytes is the size at which a postings shard is cut (before
	// compression).
	ShardBytes = 24 << 10
	// ChunkDocs is how many pages' summaries share a file.
	ChunkDocs = 200
	// summaryRunes is where a long summary is cut.
	summaryRunes = 240
	// excerptBytes is where a long page's excerpt is cut: past it, a
	// match shows the page's summary instead of the passage.
	excerptBytes = 32 << 10
)

// Index builds the search files for the pages of g, keyed by output path
// ("search/index.json", "search/p-3f2a9c1b7e.json", …).
func Index(g *graph.Graph) map[string][]byte {
	entries := make([]*Entry, len(g.Pages))
	par.Each(len(g.Pages), func(i int) {
		p := g.Pages[i]
		entries[i] = PageEntry(p, GuideTitle(g, p))
	})
	return Assemble(entries)
}

// Entry is one page's part of the index: its name entry, summary,
// tokens and excerpt. It depends on the page and on the title of its
// guide (GuideTitle) only, so a caller may keep it while neither
// changes. It is never modified once made.
type Entry struct {
	doc     docEntry
	summary string
	tokens  docTokens
	excerpt []byte // the excerpt file's JSON
	// numbered are the tokens' numbers in a Dict, found on first use.
	numbered atomic.Pointer[numbered]
}

// numbered are an entry's tokens as numbered by dict.
type numbered struct {
	dict *Dict
	ids  []int32
}

// Dict numbers tokens for good, across the indexes of a preview: the
// tokens of an entry kept from one index to the next are looked up once,
// not at every index. It only grows (by the words edits bring). It is
// safe for concurrent use.
type Dict struct {
	mu     sync.Mutex
	ids    map[string]int32
	tokens []string
}

// NewDict makes an empty Dict.
func NewDict() *Dict { return &Dict{ids: map[string]int32{}} }

// idsIn are e's tokens' numbers in d, in the order of e.tokens.
func (e *Entry) idsIn(d *Dict) []int32 {
	if n := e.numbered.Load(); n != nil && n.dict == d {
		return n.ids
	}
	ids := make([]int32, len(e.tokens.tokens))
	d.mu.Lock()
	for k, tok := range e.tokens.tokens {
		id, ok := d.ids[tok]
		if !ok {
			id = int32(len(d.tokens))
			d.ids[tok] = id
			d.tokens = append(d.tokens, tok)
		}
		ids[k] = id
	}
	d.mu.Unlock()
	e.numbered.Store(&numbered{dict: d, ids: ids})
	return ids
}

// known are the tokens numbered so far: token id is known()[id].
func (d *Dict) known() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.tokens[:len(d.tokens):len(d.tokens)]
}

// GuideTitle is the title of the guide a chapter belongs to, else "".
func GuideTitle(g *graph.Graph, p *content.Page) string {
	if gd := g.GuideOf[p]; gd != nil && gd.Page != p {
		return gd.Page.Title
	}
	return ""
}

// PageEntry tokenizes one page for the index; guide is the title of a
// chapter's guide. A page without a title is not searchable: nil.
func PageEntry(p *content.Page, guide string) *Entry {
	if p == nil || p.Title == "" {
		return nil
	}
	return &Entry{
		doc:     docEntry{Title: p.Title, URL: p.URL, Kind: p.Kind.String(), Aka: p.Aka, Guide: guide},
		summary: summary(p),
		tokens:  count(p),
		excerpt: excerptOf(p),
	}
}

// Assemble makes the search files from the entries of the pages, in the
// order of graph.Graph.Pages (URL order: a page's id is its place among
// the entries that are not nil). Scores depend on every page, so the
// postings are remade each time; that is quick next to PageEntry.
func Assemble(entries []*Entry) map[string][]byte { return AssembleUntil(entries, nil) }

// AssembleUntil is Assemble, stopped early when stop (asked every few
// hundred pages or thousand tokens) says so: then it returns nil. A nil
// stop never stops.
func AssembleUntil(entries []*Entry, stop func() bool) map[string][]byte {
	return AssembleWith(nil, entries, stop)
}

// AssembleWith is AssembleUntil with the tokens numbered in dict, which
// a caller that assembles again and again keeps (nil: numbered afresh).
// The files are the same either way.
func AssembleWith(dict *Dict, entries []*Entry, stop func() bool) map[string][]byte {
	if stop == nil {
		stop = func() bool { return false }
	}
	docs := make([]*Entry, 0, len(entries))
	for _, e := range entries {
		if e != nil {
			docs = append(docs, e)
		}
	}
	postings := collect(docs, dict, stop)
	if postings == nil || stop() {
		return nil
	}
	files := map[string][]byte{}
	shards := writeShards(postings, files)
	if stop() {
		return nil
	}
	chunks := writeSummaries(docs, files)
	files["search/index.json"] = encodeIndex(docs, shards, chunks)
	return files
}

// summary is a page's summary, cut at a word near summaryRunes. One
// taken from the body is plain text with the typographer's entities.
func summary(p *content.Page) string {
	s := p.Summary
	if !p.SummarySet {
		s = unescape(s)
	}
	if utf8.RuneCountInString(s) <= summaryRunes {
		return s
	}
	r := []rune(s)[:summaryRunes]
	cut := len(r)
	for i := len(r) - 1; i > summaryRunes*3/4; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return string(r[:cut]) + "…"
}

// sortedKeys returns m's keys in the order search.js compares strings.
func sortedKeys[V any](m map[string]V) []string {
	type key struct {
		s string
		// astral: a character above U+FFFF, where byte order and
		// UTF-16 order may differ (below it, they are the same).
		astral bool
	}
	ks := make([]key, 0, len(m))
	for k := range m {
		ks = append(ks, key{k, strings.IndexFunc(k, func(r rune) bool { return r > 0xffff }) >= 0})
	}
	slices.SortFunc(ks, func(a, b key) int {
		switch {
		case !a.astral && !b.astral:
			return strings.Compare(a.s, b.s)
		case lessUTF16(a.s, b.s):
			return -1
		case lessUTF16(b.s, a.s):
			return 1
		}
		return 0
	})
	keys := make([]string, len(ks))
	for i, k := range ks {
		keys[i] = k.s
	}
	return keys
}

// lessUTF16 orders strings as JavaScript does, by UTF-16 code units: it
// differs from Go's byte order only for characters above U+FFFF, which
// sort before U+E000–U+FFFF.
func lessUTF16(a, b string) bool {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return unit(ra) < unit(rb) || unit(ra) == unit(rb) && ra < rb
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b != ""
}

// unit is the first UTF-16 code unit of r.
func unit(r rune) rune {
	if r >= 0x10000 {
		return 0xd800 + (r-0x10000)>>10
	}
	return r
}
