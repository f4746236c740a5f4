// Package collate orders and groups titles the way a reader of their
// language expects, for the A–Z index of a glossary. Byte order, or
// lower-cased byte order, is right for English only: it puts "Álgebra"
// after "Zebra", files the Spanish "ñ" among the "n"s, the Turkish "ı"
// under "i", and has no notion of kana rows or Hangul initials.
//
// Order comes from the Unicode Collation Algorithm with the language's
// CLDR tailoring (golang.org/x/text/collate); groups (the index letters)
// come from the same collation, so a letter of its own in a language
// (Spanish Ñ, Turkish Ç and İ, Swedish Ö) gets its own group while an
// accented variant (German Ä, Spanish Á) goes with its base letter. See
// Label for the scripts without an alphabet of capital letters.
//
// A Collator is safe for concurrent use (the x/text collators it wraps
// are not: each call borrows one from a pool). It does no I/O and knows
// nothing of pages.
package collate

import (
	"bytes"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/cases"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Collator compares, sorts and groups strings in the collation of one
// language. Make one with New; the zero value is not usable.
type Collator struct {
	tag language.Tag
	// base is the language without region or script ("zh" of "zh-cn").
	base string
	// han says how titles starting with a Han character are grouped.
	han hanRule
	// pinyin are the primary keys of pinyinBounds (han == hanPinyin).
	pinyin [][]byte
	pool   sync.Pool // *worker
}

// worker holds what is not safe for concurrent use: x/text collators,
// casers and a key buffer. A call borrows one from the pool.
type worker struct {
	full *collate.Collator
	// prim compares primary letters only: case, accents and width
	// ignored, so "a" = "Á" but, in Spanish, "n" ≠ "ñ".
	prim  *collate.Collator
	upper cases.Caser
	title cases.Caser
	buf   collate.Buffer
}

// New returns the collator of a BCP 47 language code as sitegen.yaml
// spells it ("en", "es", "pt-br", "zh-cn", "ur"). A code that does not
// parse, or a language without a tailoring of its own, gets the root
// collation (Unicode's default order), which is right for English and
// sensible for any script.
func New(lang string) *Collator {
	tag, err := language.Parse(strings.ReplaceAll(lang, "_", "-"))
	if err != nil {
		tag = language.Und
	}
	base, _ := tag.Base()
	c := &Collator{tag: tag, base: base.String()}
	if tag == language.Und {
		c.base = ""
	}
	c.han = hanRuleOf(tag, c.base)
	c.pool.New = func() any {
		return &worker{
			full:  collate.New(tag),
			prim:  collate.New(tag, collate.IgnoreCase, collate.IgnoreDiacritics, collate.IgnoreWidth),
			upper: cases.Upper(tag),
			title: cases.Title(tag),
		}
	}
	if c.han == hanPinyin {
		w := c.get()
		for _, r := range pinyinBounds {
			c.pinyin = append(c.pinyin, w.primKey(string(r)))
		}
		c.put(w)
	}
	return c
}

func (c *Collator) get() *worker { return c.pool.Get().(*worker) }

func (c *Collator) put(w *worker) {
	w.buf.Reset()
	c.pool.Put(w)
}

// primKey is the primary-strength key of s, copied out of the buffer.
func (w *worker) primKey(s string) []byte {
	k := bytes.Clone(w.prim.KeyFromString(&w.buf, s))
	w.buf.Reset()
	return k
}

// Compare returns -1, 0 or 1 as a sorts before, equal to or after b.
func (c *Collator) Compare(a, b string) int {
	w := c.get()
	defer c.put(w)
	return w.full.CompareString(c.prepare(a), c.prepare(b))
}

// Less reports whether a sorts before b.
func (c *Collator) Less(a, b string) bool { return c.Compare(a, b) < 0 }

// Key is the sort key of s: bytes.Compare of two keys is Compare of their
// strings. Sorting many strings by keys computed once each is much
// cheaper than comparing strings pairwise.
func (c *Collator) Key(s string) []byte {
	w := c.get()
	defer c.put(w)
	return bytes.Clone(w.full.KeyFromString(&w.buf, c.prepare(s)))
}

// Sort sorts titles in place in the language's order; equal titles keep
// their order.
func (c *Collator) Sort(titles []string) {
	keys := c.keys(titles)
	idx := c.order(keys)
	sorted := make([]string, len(titles))
	for i, j := range idx {
		sorted[i] = titles[j]
	}
	copy(titles, sorted)
}

// keys are the sort keys of titles, made with one buffer.
func (c *Collator) keys(titles []string) [][]byte {
	w := c.get()
	defer c.put(w)
	var buf collate.Buffer // keys stay valid until it is reset
	keys := make([][]byte, len(titles))
	for i, t := range titles {
		keys[i] = w.full.KeyFromString(&buf, c.prepare(t))
	}
	return keys
}

// order is the indices of keys in sorted order; equal keys keep their
// order, so the result does not depend on the sort algorithm.
func (c *Collator) order(keys [][]byte) []int {
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return bytes.Compare(keys[idx[a]], keys[idx[b]]) < 0 })
	return idx
}

// prepare works around what x/text's tailorings get wrong before a
// string is compared. Japanese: the long-vowel mark ー sorts as the vowel
// it lengthens (カード as カアド), but x/text's ja tables place that
// vowel before the kana it follows, so カード sorted among the あ words.
// Writing the vowel out gives the order of JIS X 4061 that CLDR intends.
func (c *Collator) prepare(s string) string {
	if c.base == "ja" && strings.ContainsRune(s, 'ー') {
		return prolong(s)
	}
	return s
}
