package render

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/ctohandbook/sitegen/internal/collate"
	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/memo"
)

// Letters is the glossary's A–Z: terms filed under the index letters of
// the site's language lang, the letters and the terms under each in that
// language's order (Spanish Ñ after N, Turkish I before İ, kana rows in
// Japanese, initial consonants in Korean, pinyin initials in Chinese:
// see collate.Label); digits and symbols under "#", last.
func Letters(lang string, terms []*content.Page) []Letter {
	return letterRefs(terms, collate.New(lang).Index(titlesOf(terms)))
}

// letters is Letters remembered. Which term goes where depends on the
// language and the titles only, and collating 10,000 titles costs a good
// part of what a rebuild may take, so the grouping is kept in the cache
// under a key of exactly those and remade only when a title changes.
func (r *Renderer) letters(lang string, terms []*content.Page) []Letter {
	titles := titlesOf(terms)
	key := memo.New("letters").Key(r.Salt).String(lang).String(titles...).Sum()
	if b, ok := r.Cache.Get("letters", key); ok {
		if groups, ok := decodeGroups(b, len(terms)); ok {
			return letterRefs(terms, groups)
		}
	}
	groups := collate.New(lang).Index(titles)
	r.Cache.Put("letters", key, encodeGroups(groups))
	return letterRefs(terms, groups)
}

func titlesOf(terms []*content.Page) []string {
	titles := make([]string, len(terms))
	for i, t := range terms {
		titles[i] = t.Title
	}
	return titles
}

// letterRefs is the template data of groups of terms.
func letterRefs(terms []*content.Page, groups []collate.Group) []Letter {
	out := make([]Letter, len(groups))
	seen := map[string]bool{}
	for i, gr := range groups {
		id := letterID(gr.Label)
		for n := 2; seen[id]; n++ {
			id = fmt.Sprintf("%s-%d", letterID(gr.Label), n)
		}
		seen[id] = true
		out[i] = Letter{Letter: gr.Label, ID: id, Terms: make([]Ref, len(gr.Items))}
		for k, j := range gr.Items {
			out[i].Terms[k] = ref(terms[j])
		}
	}
	return out
}

// letterID is the anchor of an index letter: "letter-a" for A, and
// "letter-other" for "#"; a letter beyond A–Z is written by its code
// points ("letter-u00d1" for Ñ, "letter-u3131" for ㄱ), so that the
// anchor is plain ASCII in a URL and in CSS, and unique (Turkish İ and I
// would both lower-case to "i").
func letterID(label string) string {
	if label == collate.Other {
		return "letter-other"
	}
	var b strings.Builder
	b.WriteString("letter-")
	for _, r := range label {
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		default:
			fmt.Fprintf(&b, "u%04x", r)
		}
	}
	return b.String()
}

// encodeGroups writes groups as, for each, its label's length and bytes,
// its number of items and the items, all as uvarints.
func encodeGroups(groups []collate.Group) []byte {
	var b []byte
	for _, g := range groups {
		b = binary.AppendUvarint(b, uint64(len(g.Label)))
		b = append(b, g.Label...)
		b = binary.AppendUvarint(b, uint64(len(g.Items)))
		for _, i := range g.Items {
			b = binary.AppendUvarint(b, uint64(i))
		}
	}
	return b
}

// decodeGroups reads what encodeGroups wrote for n titles; ok is false
// for bytes that are not that (a damaged cache), and then the caller
// collates again.
func decodeGroups(b []byte, n int) (groups []collate.Group, ok bool) {
	next := func() (int, bool) {
		v, k := binary.Uvarint(b)
		if k <= 0 || v > uint64(len(b))+uint64(n) {
			return 0, false
		}
		b = b[k:]
		return int(v), true
	}
	seen := make([]bool, n)
	count := 0
	for len(b) > 0 {
		l, ok := next()
		if !ok || l > len(b) {
			return nil, false
		}
		g := collate.Group{Label: string(b[:l])}
		b = b[l:]
		m, ok := next()
		if !ok || m > n {
			return nil, false
		}
		g.Items = make([]int, m)
		for k := range g.Items {
			if g.Items[k], ok = next(); !ok || g.Items[k] >= n || seen[g.Items[k]] {
				return nil, false
			}
			seen[g.Items[k]] = true
		}
		count += m
		groups = append(groups, g)
	}
	return groups, count == n
}
