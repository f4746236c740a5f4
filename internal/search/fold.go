package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// How a character is folded for search, and which kind of word it
// belongs to. themes/default/static/search.js has the same rules (its
// foldChar and classOf); TestFoldAgrees compares the two over every
// character that both know.
//
// A character is folded on its own, never with its neighbours, so that
// search.js can mark the characters of a text that a query matched:
//
//  1. It is replaced by its compatibility decomposition (NFKD): accented
//     letters become a letter and marks, full-width Latin and half-width
//     katakana become the usual forms, ligatures their letters, Arabic
//     presentation forms the letters, compatibility ideographs the
//     unified ones. Hangul syllables and the kana blocks are kept as
//     they are: their decompositions would only make tokens longer.
//  2. Each character of that is lower-cased, then dropped if it is a
//     mark that readers leave out when they type (the diacritics of
//     Latin, Greek and Cyrillic, Arabic tashkeel and tatweel, Hebrew
//     points, the Devanagari nukta, variation selectors) or not a word
//     character at all, else folded further: final sigma to sigma,
//     Devanagari candrabindu to anusvara, the common variants of
//     Arabic letters (as Urdu and Persian write them) to one, the digits
//     of Arabic, Devanagari and Bengali to ASCII.
//
// So "búsqueda" is "busqueda", "Ёлка" "елка", "ＩＳＯ" "iso", "أمن" "امن"
// and "ی" "ي". Marks that are part of a letter (Devanagari and Bengali
// vowel signs, virama, the Bengali nukta) are kept: they are the word.

// script is the kind of word a character belongs to, which says how its
// words are indexed. A change of script inside a run of word characters
// ends a word: "ISO認証" is "iso" and "認証".
type script uint8

const (
	// alphabetic words are runs of letters, digits and marks between
	// spaces and punctuation: Latin, Greek, Cyrillic, Arabic, Hebrew,
	// Devanagari, Bengali and the rest.
	alphabetic script = iota
	// ideographic text (Han, Hiragana, Katakana) has no spaces: a run is
	// indexed as its overlapping pairs of characters ("数据治理" → 数据,
	// 据治, 治理), or as itself when it is one character.
	ideographic
	// hangul words are separated by spaces, but a particle or another
	// word may be glued to them: a word of three syllables or more is
	// indexed whole and, derived, as its pairs of syllables.
	hangul
)

// isIdeo says whether r is written in Han, Hiragana or Katakana, or is
// the prolonged sound mark or a half-width voicing mark that continues
// a kana word. Such characters are word characters whatever their
// category (〇 is a number, ㋐ a symbol).
func isIdeo(r rune) bool {
	switch r {
	case 0x30fc, 0xff70, 0xff9e, 0xff9f:
		return true
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

// isWord says whether r belongs to a word: a letter, a decimal digit, a
// mark (so that scripts with vowel signs stay whole) or an ideographic
// character.
func isWord(r rune) bool {
	word, _, _ := classify(r)
	return word
}

// scriptOf is the script of the word a word character r belongs to;
// ok is false for a mark, which belongs to the word of the character
// before it.
func scriptOf(r rune) (s script, ok bool) {
	_, s, ok = classify(r)
	return s, ok
}

// classify says whether r is a word character and, if so, the script of
// its word (ok is false for a mark). It looks up as few Unicode tables
// as it can: a letter below U+1100 is alphabetic, and the main blocks of
// kana, Han and Hangul are known by their ranges.
func classify(r rune) (word bool, s script, ok bool) {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9', alphabetic, true
	case unicode.IsLetter(r):
		switch {
		case r < 0x1100:
			return true, alphabetic, true
		case 0x3040 <= r && r <= 0x30ff, 0x4e00 <= r && r <= 0x9fff:
			return true, ideographic, true
		case 0xac00 <= r && r <= 0xd7a3:
			return true, hangul, true
		case isIdeo(r):
			return true, ideographic, true
		case unicode.Is(unicode.Hangul, r):
			return true, hangul, true
		}
		return true, alphabetic, true
	case unicode.IsMark(r):
		return true, alphabetic, false
	case unicode.IsDigit(r):
		return true, alphabetic, true
	case r >= 0x2e80 && isIdeo(r):
		return true, ideographic, true
	}
	return false, alphabetic, true
}

// continues says whether r, which is not a word character, stays inside
// a word of script s that it follows, folded to nothing: the zero-width
// joiner and non-joiner (which Bengali, Devanagari, Persian and Urdu put
// inside words), the soft hyphen, and the katakana middle dot between
// the words of a loanword ("クラウド・ネイティブ").
func continues(r rune, s script) bool {
	switch r {
	case 0x200c, 0x200d, 0xad:
		return true
	case 0x30fb, 0xff65:
		return s == ideographic
	}
	return false
}

// fold lower-cases a word and folds its characters. A word already in
// lower-case ASCII comes back as is, without copying.
func fold(word string) string {
	plain := true
	for i := 0; i < len(word); i++ {
		if c := word[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			plain = false
			break
		}
	}
	if plain {
		return word
	}
	var b strings.Builder
	b.Grow(len(word))
	for _, r := range word {
		foldRune(&b, r)
	}
	return b.String()
}

// foldRune writes r folded to b (nothing, one character or several).
func foldRune(b *strings.Builder, r rune) {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		if isWord(r) {
			b.WriteByte(byte(r))
		}
		return
	}
	if 0xac00 <= r && r <= 0xd7a3 || 0x3040 <= r && r <= 0x30ff {
		// Hangul syllables and kana: no case, kept whole.
		if isWord(r) {
			b.WriteRune(r)
		}
		return
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFKD.Properties(buf[:n]).Decomposition()
	if d == nil {
		foldOne(b, r)
		return
	}
	for len(d) > 0 {
		c, size := utf8.DecodeRune(d)
		foldOne(b, c)
		d = d[size:]
	}
}

// foldOne writes one character of a decomposition to b, lower-cased and
// folded, or nothing if it is dropped.
func foldOne(b *strings.Builder, r rune) {
	if !(0x590 <= r && r < 0x10a0 || 0x3040 <= r && r < 0xa000) { // scripts without case
		r = unicode.ToLower(r)
	}
	switch {
	case r < utf8.RuneSelf:
		if isWord(r) {
			b.WriteByte(byte(r))
		}
		return
	case dropped(r):
		return
	case r == 'ς':
		r = 'σ'
	case r == 0x9ce: // ৎ, khanda ta: ta and virama, as it was once written
		b.WriteString("\u09a4\u09cd")
		return
	case r == 0x901: // Devanagari candrabindu, often written as anusvara
		r = 0x902
	case r >= 0x629 && r <= 0x9ef:
		r = letterFold(r)
	}
	if isWord(r) {
		b.WriteRune(r)
	}
}

// dropped says whether r is a mark or sign that folding leaves out.
func dropped(r rune) bool {
	switch {
	case r >= 0x300 && r <= 0x36f: // combining diacritics (Latin, Greek, Cyrillic)
	case r >= 0x591 && r <= 0x5c7 && unicode.IsMark(r): // Hebrew points and accents
	case r >= 0x64b && r <= 0x65f, r == 0x670: // Arabic tashkeel, hamza above and below, superscript alef
	case r >= 0x6d6 && r <= 0x6ed && unicode.IsMark(r): // Quranic marks
	case r == 0x93c: // Devanagari nukta, which writers of Hindi often leave out
	case r == 0x640: // tatweel
	case r == 0x200c, r == 0x200d, r == 0xad: // joiners, soft hyphen
	case r >= 0xfe00 && r <= 0xfe0f, r >= 0xe0100 && r <= 0xe01ef: // variation selectors
	default:
		return false
	}
	return true
}

// letterFold folds the Arabic-script letters written differently in
// Arabic, Persian and Urdu, or with and without a diacritic that is not a
// mark, to one: alef wasla to alef; alef maksura and Farsi yeh to yeh;
// keheh to kaf; heh goal, ae and teh marbuta to heh. It folds the digits
// of Arabic-Indic, Extended Arabic-Indic (Persian, Urdu), Devanagari and
// Bengali to ASCII (full-width digits are folded by their decomposition).
func letterFold(r rune) rune {
	switch r {
	case 0x671:
		return 0x627
	case 0x649, 0x6cc:
		return 0x64a
	case 0x6a9:
		return 0x643
	case 0x6c1, 0x6d5, 0x629, 0x6c3:
		return 0x647
	}
	for _, z := range [...]rune{0x660, 0x6f0, 0x966, 0x9e6} {
		if r >= z && r <= z+9 {
			return '0' + r - z
		}
	}
	return r
}
