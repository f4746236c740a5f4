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
//     chunks of consecutive pages.
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
// Package search does not render the search page (package render does)
// and does not decide where the files go (the site orchestrator does).
package search

import (
	"sort"
	"unicode/utf8"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
)

// Tuning of the index. They change the files, not how they are read:
// search.js reads sizes from index.json.
const (
	// Version is the format of the files, checked by search.js.
	Version = 1
	// MaxPostings is how many pages a token lists at most: its best.
	MaxPostings = 100
	// ShardBytes is the size at which a postings shard is cut (before
	// compression).
	ShardBytes = 24 << 10
	// ChunkDocs is how many pages' summaries share a file.
	ChunkDocs = 200
	// summaryRunes is where a long summary is cut.
	summaryRunes = 240
)

// Index builds the search files for the pages of g, keyed by output path
// ("search/index.json", "search/p-3f2a9c1b7e.json", …).
func Index(g *graph.Graph) map[string][]byte {
	docs := docsOf(g)
	postings := collect(docs)
	files := map[string][]byte{}
	shards := writeShards(postings, files)
	chunks := writeSummaries(docs, files)
	files["search/index.json"] = encodeIndex(docs, shards, chunks)
	return files
}

// doc is one page as the index knows it.
type doc struct {
	page  *content.Page
	guide string // a chapter's guide title
}

// docsOf lists the pages to index, in URL order (their ids are their
// places in this list). Section intros stand for their list pages.
func docsOf(g *graph.Graph) []doc {
	docs := make([]doc, 0, len(g.Pages))
	for _, p := range g.Pages {
		if p.Title == "" {
			continue
		}
		d := doc{page: p}
		if gd := g.GuideOf[p]; gd != nil && gd.Page != p {
			d.guide = gd.Page.Title
		}
		docs = append(docs, d)
	}
	return docs
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
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return lessUTF16(keys[i], keys[j]) })
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
