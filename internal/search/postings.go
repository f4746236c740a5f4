package search

import (
	"html"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/ctohandbook/sitegen/internal/content"
)

// posting is one page a token occurs in, with its score.
type posting struct {
	doc   int32
	score uint8
}

// counts are a token's occurrences in one page, by field.
type counts struct{ heading, summary, body int32 }

// docTokens is what one page contributes to the postings: its tokens,
// in order of first occurrence, and their counts.
type docTokens struct {
	tokens []string
	counts []counts
	length int // words in the body
}

// Field weights and BM25 parameters.
const (
	weightHeading = 3
	weightSummary = 2
	weightBody    = 1
	bm25K         = 1.2
	bm25B         = 0.75
)

// collect tokenizes every page's headings, summary and body (on all
// cores) and returns each token's best postings, sorted by page.
func collect(docs []*Entry, dict *Dict, stop func() bool) map[string][]posting {
	per := make([]docTokens, len(docs))
	for i, d := range docs {
		per[i] = d.tokens
	}
	if dict == nil {
		dict = NewDict() // numbered afresh, for this index alone
	}
	tokens, hits := group(dict, docs, per, stop)
	if tokens == nil && len(docs) > 0 && stop() {
		return nil
	}
	total := 0
	for _, d := range per {
		total += d.length
	}
	avg := max(float64(total)/float64(max(len(per), 1)), 1)
	n := float64(len(docs))
	// The best score possible (a token of one page only, in every field,
	// often) becomes 255.
	scale := 255 / ((weightHeading + weightSummary + weightBody) * (bm25K + 1) * math.Log(1+(n-0.5)/1.5))
	out := make(map[string][]posting, len(tokens))
	for id, tok := range tokens {
		if id%4096 == 4095 && stop() {
			return nil
		}
		hs := hits[id]
		if len(hs) == 0 {
			continue // a word of the Dict that no page has now
		}
		df := float64(len(hs))
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		ps := make([]posting, len(hs))
		for i, h := range hs {
			norm := 1 - bm25B + bm25B*float64(per[h.doc].length)/avg
			raw := weightHeading*saturate(h.c.heading, 1) + weightSummary*saturate(h.c.summary, 1) + weightBody*saturate(h.c.body, norm)
			ps[i] = posting{doc: h.doc, score: uint8(min(max(math.Round(raw*idf*scale), 1), 255))}
		}
		out[tok] = best(ps)
	}
	return out
}

// best keeps the MaxPostings best of ps (sorted by page), in page order.
//
// The best are those of the highest scores, and of the lowest page
// numbers among equal scores. Scores are bytes: a count of each finds
// the lowest score kept (cut) and how many of that score are (room), and
// one pass in page order keeps them, with no sort.
func best(ps []posting) []posting {
	if len(ps) <= MaxPostings {
		return ps
	}
	var n [256]int
	for _, p := range ps {
		n[p.score]++
	}
	cut, room := 255, MaxPostings
	for ; n[cut] < room; cut-- {
		room -= n[cut]
	}
	out := make([]posting, 0, MaxPostings)
	for _, p := range ps {
		switch {
		case int(p.score) > cut:
			out = append(out, p)
		case int(p.score) == cut && room > 0:
			out = append(out, p)
			room--
		}
	}
	return out
}

// hit is one page's counts of a token.
type hit struct {
	doc int32
	c   counts
}

// group numbers the tokens of all pages in dict and returns, for each
// token dict knows, its hits in page order, cut from one array (none for
// a word no page has now). The numbers of an entry kept from an earlier
// index with the same dict are known: its tokens are not looked up again.
func group(dict *Dict, docs []*Entry, per []docTokens, stop func() bool) (tokens []string, hits [][]hit) {
	docIDs := make([][]int32, len(docs))
	for i, d := range docs {
		if i%256 == 255 && stop() {
			return nil, nil
		}
		docIDs[i] = d.idsIn(dict)
	}
	tokens = dict.known()
	df := make([]int32, len(tokens))
	total := 0
	for _, di := range docIDs {
		for _, id := range di {
			df[id]++
		}
		total += len(di)
	}
	flat := make([]hit, 0, total)
	hits = make([][]hit, len(tokens))
	for id, n := range df {
		if n > 0 {
			hits[id] = flat[len(flat) : len(flat) : len(flat)+int(n)]
			flat = flat[:len(flat)+int(n)]
		}
	}
	for i, di := range docIDs {
		for k, id := range di {
			hits[id] = append(hits[id], hit{int32(i), per[i].counts[k]})
		}
	}
	return tokens, hits
}

// saturate is BM25's term frequency: it grows with tf, never past k+1.
func saturate(tf int32, norm float64) float64 {
	if tf == 0 {
		return 0
	}
	f := float64(tf)
	return f * (bm25K + 1) / (f + bm25K*norm)
}

// count tokenizes one page. Tokens of one letter or digit are left out:
// too common to help, and the titles still match them.
func count(p *content.Page) docTokens {
	dt := docTokens{}
	index := make(map[string]int32, len(p.Text)/16)
	add := func(field func(*counts)) func(string, bool) {
		return func(tok string, derived bool) {
			if len(tok) < 2 || len(tok) <= utf8.UTFMax && utf8.RuneCountInString(tok) < 2 {
				return
			}
			k, ok := index[tok]
			if !ok {
				k = int32(len(dt.counts))
				index[tok] = k
				dt.tokens = append(dt.tokens, tok)
				dt.counts = append(dt.counts, counts{})
			}
			field(&dt.counts[k])
		}
	}
	for _, h := range p.Headings {
		tokenize(unescape(h.Text), add(func(c *counts) { c.heading++ }))
	}
	tokenize(p.Summary, add(func(c *counts) { c.summary++ }))
	body := add(func(c *counts) { c.body++ })
	tokenize(unescape(p.Text), func(tok string, derived bool) {
		if !derived {
			dt.length++
		}
		body(tok, derived)
	})
	return dt
}

// unescape decodes the entities that the Markdown typographer leaves in
// plain text for quotes and dashes ("&rsquo;"), so that they separate
// words as the characters do ("company&rdquo;" is "company").
func unescape(s string) string {
	if strings.IndexByte(s, '&') < 0 {
		return s
	}
	return html.UnescapeString(s)
}
