package render

import (
	"html/template"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/memo"
)

// card is what a hover card shows of a term: [title, aka, summary].
type card [3]string

// cards embeds, in each page, the hover cards of the terms it links to,
// keyed by URL: the card shows without fetching anything. Pages list
// only the terms they link to, so the data stays small at any site size.
//
// The cards are a lazy part of the page: its data carries their key
// (made of each term's card key, computed once per build), and the JSON
// is written only when the page is executed.
func (r *Renderer) cards(g *graph.Graph, p *content.Page, d *Page) (memo.Key, func() template.JS) {
	set := map[*content.Page]bool{}
	add := func(url string) {
		url = strings.SplitN(url, "#", 2)[0]
		if t := g.ByURL[url]; t != nil && t.Kind == content.KindTerm && t != p {
			set[t] = true
		}
	}
	if p != nil {
		for _, t := range g.Targets[p] {
			if t.Page != nil {
				add(t.Page.URL)
			}
		}
		for _, a := range g.AutoLinks[p] {
			add(a.To.URL)
		}
	}
	for _, gr := range d.Relations {
		for _, rf := range gr.Terms {
			add(rf.URL)
		}
	}
	for _, list := range [][]Ref{d.MentionedIn, d.List, d.Recent} {
		for _, rf := range list {
			add(rf.URL)
		}
	}
	if len(set) == 0 {
		return memo.Key{}, nil
	}
	terms := make([]*content.Page, 0, len(set))
	for t := range set {
		terms = append(terms, t)
	}
	sort.Slice(terms, func(i, j int) bool { return terms[i].URL < terms[j].URL })
	h := memo.New("cards")
	for _, t := range terms {
		h.Key(r.hoverCard(t).key)
	}
	return h.Sum(), func() template.JS {
		var b strings.Builder
		b.WriteByte('{')
		for i, t := range terms {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(r.hoverCard(t).json)
		}
		b.WriteByte('}')
		return template.JS(b.String())
	}
}

// termCard is one term's hover card: its key and its JSON member
// ("url":["title","aka","summary"]), made once per build, when a page
// first needs it.
type termCard struct {
	once sync.Once
	key  memo.Key
	json string
}

func (r *Renderer) hoverCard(t *content.Page) *termCard {
	c := r.termCards[t]
	if c == nil {
		return makeCard(t) // not a term of this build's graph
	}
	c.once.Do(func() { c.key, c.json = cardOf(t) })
	return c
}

// cardSlots are the hover cards of g's terms, each made on first use:
// a preview that makes an edited page first makes only the cards it
// shows.
func cardSlots(g *graph.Graph) map[*content.Page]*termCard {
	slots := make([]termCard, len(g.Terms))
	m := make(map[*content.Page]*termCard, len(g.Terms))
	for i, t := range g.Terms {
		m[t] = &slots[i]
	}
	return m
}

func makeCard(t *content.Page) *termCard {
	c := &termCard{}
	c.key, c.json = cardOf(t)
	return c
}

func cardOf(t *content.Page) (memo.Key, string) {
	fields := card{t.Title, joinAka(t.Aka), t.Summary}
	var b strings.Builder
	writeJSONString(&b, t.URL)
	b.WriteString(":[")
	for j, f := range fields {
		if j > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, f)
	}
	b.WriteByte(']')
	return memo.New("card").String(b.String()).Sum(), b.String()
}

// writeJSONString writes s as a JSON string with encoding/json's escapes:
// quotes, backslashes, control characters, and <, >, &, U+2028 and
// U+2029 as \u sequences, so the result is safe inside <script>.
func writeJSONString(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == '<' || r == '>' || r == '&' || r == 0x2028 || r == 0x2029:
			b.WriteString(`\u`)
			b.WriteByte(hex[r>>12&0xf])
			b.WriteByte(hex[r>>8&0xf])
			b.WriteByte(hex[r>>4&0xf])
			b.WriteByte(hex[r&0xf])
		case r == utf8.RuneError:
			b.WriteString(`\ufffd`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

// joinAka is how a card shows a term's other names.
func joinAka(aka []string) string { return strings.Join(aka, ", ") }
