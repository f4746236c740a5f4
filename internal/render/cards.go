package render

import (
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
)

// card is what a hover card shows of a term: [title, aka, summary].
type card [3]string

// cards embeds, in each page, the hover cards of the terms it links to,
// keyed by URL: the card shows without fetching anything. Pages list
// only the terms they link to, so the data stays small at any site size.
func cards(g *graph.Graph, p *content.Page, d *Page) template.JS {
	set := map[string]card{}
	add := func(url string) {
		url = strings.SplitN(url, "#", 2)[0]
		if t := g.ByURL[url]; t != nil && t.Kind == content.KindTerm && t != p {
			set[t.URL] = card{t.Title, strings.Join(t.Aka, ", "), t.Summary}
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
		for _, r := range gr.Terms {
			add(r.URL)
		}
	}
	for _, list := range [][]Ref{d.MentionedIn, d.List, d.Recent} {
		for _, r := range list {
			add(r.URL)
		}
	}
	if len(set) == 0 {
		return ""
	}
	return cardsJSON(set)
}

// cardsJSON writes the cards as jsonLD would (keys sorted, HTML-safe
// escapes), without reflection: every page carries its cards, and
// encoding/json made them the slowest part of a page's data.
func cardsJSON(set map[string]card) template.JS {
	urls := make([]string, 0, len(set))
	for u := range set {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	var b strings.Builder
	b.WriteByte('{')
	for i, u := range urls {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSONString(&b, u)
		b.WriteString(":[")
		for j, f := range set[u] {
			if j > 0 {
				b.WriteByte(',')
			}
			writeJSONString(&b, f)
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return template.JS(b.String())
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
