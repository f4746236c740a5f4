package collate

import (
	"bytes"
	"sort"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/unicode/norm"
)

// Other is the label of titles that start with a digit or a symbol, or
// with a character the language has no group for.
const Other = "#"

// Group is one entry of an index: a label ("A", "Ñ", "か", "ㄱ") and the
// titles filed under it.
type Group struct {
	Label string
	// Items are indices into the titles given to Index, in collation
	// order.
	Items []int
}

// Index files titles under their labels (see Label). Groups come in the
// language's order of their labels, Other last; titles inside a group in
// the language's order. Each title's key is computed once, so a 10,000
// title index costs 10,000 keys and a sort of bytes.
func (c *Collator) Index(titles []string) []Group {
	idx := c.order(c.keys(titles))
	w := c.get()
	defer c.put(w)
	labels := map[string]string{} // by prefix: titles share few beginnings
	var groups []Group
	at := map[string]int{}
	for _, i := range idx {
		p := prefix(titles[i])
		l, ok := labels[p]
		if !ok {
			l = c.label(w, p)
			labels[p] = l
		}
		g, ok := at[l]
		if !ok {
			g = len(groups)
			at[l] = g
			groups = append(groups, Group{Label: l})
		}
		groups[g].Items = append(groups[g].Items, i)
	}
	var buf collate.Buffer
	keys := make(map[string][]byte, len(groups))
	for _, g := range groups {
		keys[g.Label] = w.full.KeyFromString(&buf, g.Label)
	}
	sort.SliceStable(groups, func(a, b int) bool {
		la, lb := groups[a].Label, groups[b].Label
		if (la == Other) != (lb == Other) {
			return lb == Other
		}
		return bytes.Compare(keys[la], keys[lb]) < 0
	})
	return groups
}

// Label is the index group of a title:
//
//   - an alphabet (Latin, Cyrillic, Greek, Arabic, Hebrew, …): its first
//     letter, upper-cased by the language's rules (Turkish "ı" → "I",
//     "i" → "İ"), without an accent the language does not count as a
//     letter of its own ("Álgebra" and German "Äpfel" under "A"; Spanish
//     "Ñandú" under "Ñ", Swedish "Öl" under "Ö"), and a letter the
//     language spells with two ("Ch" in Czech) as one;
//   - Devanagari, Bengali and other abugidas: the first akshara's base
//     letter, the consonant or vowel without its vowel sign or virama
//     ("किताब" under "क");
//   - Hangul: the initial consonant, tense ones with their plain
//     consonant as Korean indexes do ("까치" under "ㄱ");
//   - kana: the row of the gojūon (あ か さ た な は ま や ら わ), voiced
//     and small kana with their row ("がっこう" and "カメラ" under "か");
//   - Han characters: in Chinese written in simplified characters, the
//     pinyin initial A–Z (see pinyinBounds); in Chinese written in
//     traditional characters, the character itself; in Japanese and any
//     other language, one group "漢字";
//   - digits, symbols and an empty title: Other ("#").
func (c *Collator) Label(title string) string {
	w := c.get()
	defer c.put(w)
	return c.label(w, prefix(title))
}

// prefix is as much of a title as its label depends on: three runes
// cover a letter with its combining mark and a two-letter letter.
func prefix(s string) string {
	n := 0
	for i := range s {
		if n == 3 {
			return s[:i]
		}
		n++
	}
	return s
}

func (c *Collator) label(w *worker, p string) string {
	s := norm.NFKC.String(p) // full-width, half-width and ligature forms
	r, size := utf8.DecodeRuneInString(s)
	if isPrevowel(r) && size < len(s) {
		// Thai and Lao write some vowels before the consonant they
		// follow in speech; collation and indexes go by the consonant.
		s = s[size:]
		r, size = utf8.DecodeRuneInString(s)
	}
	if !unicode.IsLetter(r) {
		return Other
	}
	switch {
	case isHangul(r):
		return hangulLabel(r)
	case isKana(r):
		return kanaLabel(r)
	case unicode.Is(unicode.Han, r):
		return c.hanLabel(w, r)
	}
	return c.letterLabel(w, r, s[size:])
}

// letterLabel is the label of a title starting with the letter r of an
// alphabet or abugida, rest being what follows it.
func (c *Collator) letterLabel(w *worker, r rune, rest string) string {
	k := w.primKey(string(r))
	if len(k) == 0 {
		return Other // a letter that collation ignores
	}
	latin := unicode.Is(unicode.Latin, r)
	if r2, _ := utf8.DecodeRuneInString(rest); latin && unicode.Is(unicode.Latin, r2) {
		// Two letters with fewer primary weights than each alone are
		// one letter of the language (a contraction: Czech "ch", Welsh
		// "ll", Hungarian "sz"). Only Latin ones: CLDR lists them as
		// index letters of their own, where it does not list the
		// contractions of other scripts (Urdu "گھ" is filed under "گ").
		pair := string(r) + string(r2)
		if kp := w.primKey(pair); len(kp) > 0 && len(kp) < len(k)+len(w.primKey(string(r2))) {
			return w.title.String(pair)
		}
	}
	letter := string(r)
	if latin && r >= utf8.RuneSelf {
		// A Latin letter whose weights begin with those of a letter of
		// a–z goes with it: "Á" = "a", English "æ" = "a" + "e", German
		// "ß" = "s" + "s", Turkish "İ" = "i"; but Spanish "ñ", Danish
		// "æ" and Turkish "ı" are letters of their own.
		for b := 'a'; b <= 'z'; b++ {
			if bytes.HasPrefix(k, w.primKey(string(b))) {
				letter = string(b)
				break
			}
		}
	} else if d := norm.NFD.String(letter); d != letter {
		// An accented letter goes with its base letter unless the
		// language sorts it as a letter of its own.
		if b, _ := utf8.DecodeRuneInString(d); unicode.IsLetter(b) && bytes.Equal(w.primKey(string(b)), k) {
			letter = string(b)
		}
	}
	up := w.upper.String(letter)
	if utf8.RuneCountInString(up) != utf8.RuneCountInString(letter) {
		return letter // "ß" → "SS" is no label
	}
	return up
}

// isPrevowel reports the Thai and Lao vowels written before their
// consonant (the logical-order exceptions of Unicode).
func isPrevowel(r rune) bool {
	return r >= 0x0E40 && r <= 0x0E44 || r >= 0x0EC0 && r <= 0x0EC4
}
