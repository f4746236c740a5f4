package collate

import (
	"bytes"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// Hangul: a syllable is (initial × 21 + medial) × 28 + final, from U+AC00.
const (
	hangulFirst = 0xAC00
	hangulLast  = 0xD7A3
	hangulBlock = 21 * 28
)

// initials are the labels of the 19 initial consonants in their order
// (ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ), each tense
// consonant filed with its plain one, as Korean indexes (and ICU's
// AlphabeticIndex) show 14 groups.
var initials = [19]string{"ㄱ", "ㄱ", "ㄴ", "ㄷ", "ㄷ", "ㄹ", "ㅁ", "ㅂ", "ㅂ", "ㅅ", "ㅅ", "ㅇ", "ㅈ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"}

func isHangul(r rune) bool {
	return r >= hangulFirst && r <= hangulLast || r >= 0x1100 && r <= 0x1112
}

// hangulLabel is the initial consonant of a syllable or a leading jamo
// (compatibility jamo such as ㄱ arrive as leading jamo after NFKC).
func hangulLabel(r rune) string {
	if r >= 0x1100 && r <= 0x1112 {
		return initials[r-0x1100]
	}
	return initials[(r-hangulFirst)/hangulBlock]
}

// rows are the gojūon rows: each label starts its row, and every kana
// from it up to the next label's start belongs to it (hiragana order,
// small and voiced kana included: ぁ あ … お, か が … ご, …).
var rows = []struct {
	from  rune
	label string
}{
	{0x3041, "あ"}, {0x304B, "か"}, {0x3055, "さ"}, {0x305F, "た"}, {0x306A, "な"},
	{0x306F, "は"}, {0x307E, "ま"}, {0x3083, "や"}, {0x3089, "ら"}, {0x308E, "わ"},
	{0x3094, "あ"}, {0x3095, "か"}, {0x3097, ""}, // ゔ; ゕ ゖ; the rest is no kana
}

func isKana(r rune) bool {
	return r >= 0x3041 && r <= 0x30FF || r >= 0x31F0 && r <= 0x31FF
}

// kanaLabel is the row of a hiragana or katakana; marks such as ー and
// ゝ, which never start a word, are Other.
func kanaLabel(r rune) string {
	switch {
	case r >= 0x30A1 && r <= 0x30F6:
		r -= 0x60 // katakana → hiragana
	case r >= 0x30F7 && r <= 0x30FA:
		return "わ" // ヷ ヸ ヹ ヺ
	case r >= 0x31F0 && r <= 0x31FF: // small katakana ㇰ … ㇿ
		return [16]string{"か", "さ", "さ", "た", "な", "は", "は", "は", "は", "は", "ま", "ら", "ら", "ら", "ら", "ら"}[r-0x31F0]
	}
	l := Other
	for _, row := range rows {
		if r < row.from {
			break
		}
		l = row.label
	}
	if l == "" {
		return Other
	}
	return l
}

// prolong writes out the vowel that each ー after a kana lengthens
// (カード → カアド), in the script of that kana (see Collator.prepare).
func prolong(s string) string {
	var b strings.Builder
	var vowel rune
	for _, r := range s {
		if r == 'ー' && vowel != 0 {
			b.WriteRune(vowel)
			continue
		}
		vowel = vowelOf(r)
		b.WriteRune(r)
	}
	return b.String()
}

// vowels are the vowels of the hiragana U+3041…U+3096 in code order
// (a i u e o; n for ん, which lengthens nothing).
const vowels = "aaiiuueeoo" + "aaiiuueeoo" + "aaiiuueeoo" + "aaiiuuuee" + "oo" + "aiueo" +
	"aaaiiiuuueeeooo" + "aiueo" + "aauuoo" + "aiueo" + "aaieon" + "uae"

// vowelOf is the vowel kana (あ or ア …) that ー after r stands for, or 0.
func vowelOf(r rune) rune {
	kata := r >= 0x30A1 && r <= 0x30F6
	if kata {
		r -= 0x60
	}
	if r < 0x3041 || r > 0x3096 {
		return 0
	}
	v := strings.IndexByte("aiueo", vowels[r-0x3041])
	if v < 0 {
		return 0
	}
	h := []rune("あいうえお")[v]
	if kata {
		h += 0x60
	}
	return h
}

// hanRule is how titles starting with a Han character are grouped.
type hanRule int

const (
	// hanOne: one group "漢字" (Japanese kanji; Han in any language
	// that is not Chinese).
	hanOne hanRule = iota
	// hanPinyin: the pinyin initial A–Z (Chinese in simplified
	// characters, whose collation is pinyin order).
	hanPinyin
	// hanEach: one group per character (Chinese in traditional
	// characters, whose collation orders by strokes; x/text has no data
	// to tell stroke counts apart).
	hanEach
)

func hanRuleOf(tag language.Tag, base string) hanRule {
	if base != "zh" {
		return hanOne
	}
	if s, _ := tag.Script(); s.String() == "Hant" {
		return hanEach
	}
	return hanPinyin
}

// pinyinBounds start the pinyin initials of pinyinLetters: each is the
// first character of its letter in the pinyin order of x/text's zh
// collation (CLDR 23), so that a character belongs to the last bound not
// after it. Characters outside that order (rare ones CLDR gives no
// reading) sort before 阿 and are Other. Pinyin has no syllable starting
// with i, u or v. A character with several readings is filed under the
// one the collation sorts it by (长 as zhǎng), so label and order agree.
//
// Why pinyin: it is how Chinese dictionaries and indexes in simplified
// characters are ordered, it is the order the collation already gives,
// and 23 letters keep the navigation short where one group per first
// character would give hundreds in a large glossary. Titles in Latin
// letters ("API") join the same A–Z groups.
var pinyinBounds = []rune("阿八嚓咑妸发旮哈丌咔垃呣嗯喔妑七呥仨他穵夕丫帀")

const pinyinLetters = "ABCDEFGHJKLMNOPQRSTWXYZ"

func (c *Collator) hanLabel(w *worker, r rune) string {
	switch c.han {
	case hanPinyin:
		k := w.primKey(string(r))
		i := sort.Search(len(c.pinyin), func(i int) bool { return bytes.Compare(c.pinyin[i], k) > 0 }) - 1
		if i < 0 {
			return Other
		}
		return pinyinLetters[i : i+1]
	case hanEach:
		return string(r)
	}
	return "漢字"
}
