package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// How text becomes tokens. themes/default/static/search.js mirrors these
// rules (its tokenize and queryTokens) so that what a reader types meets
// what the index holds; TestTokenizersAgree runs both over the same text.

// maxTokenRunes is the longest token indexed; longer runs of letters are
// noise (hashes, base64) that nobody types.
const maxTokenRunes = 40

// isJoiner says whether r joins the words on each side into a compound
// that is indexed joined as well ("CI/CD" → "cicd", "R&D" → "rd").
func isJoiner(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '/', '.', '&', '_':
		return true
	}
	return false
}

// parts calls fn with the parts of a word (of at most maxTokenRunes
// runes) split where its case or script changes, if there are several:
// "DevSecOps" → Dev, Sec, Ops; "vCISO" → v, CISO; "ISO27001" → ISO,
// 27001; "ISMSPolicy" → ISMS, Policy. A plural "s" after capitals stays
// ("CTOs").
func parts(word string, fn func(string)) {
	plain := true
	for i := 0; i < len(word) && plain; i++ {
		c := word[i]
		plain = 'a' <= c && c <= 'z'
	}
	if plain {
		return
	}
	// A word splits only at a capital past its first letter, or a digit.
	split := false
	for i, r := range word {
		if r < utf8.RuneSelf {
			split = i > 0 && 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		} else {
			split = i > 0 && unicode.IsUpper(r) || unicode.IsDigit(r)
		}
		if split {
			break
		}
	}
	if !split {
		return
	}
	var rbuf [maxTokenRunes + 1]rune
	var obuf [maxTokenRunes + 2]int
	rs, offs := rbuf[:0], obuf[:0]
	for i, r := range word {
		rs = append(rs, r)
		offs = append(offs, i)
	}
	offs = append(offs, len(word))
	start := 0
	for i := 1; i < len(rs); i++ {
		prev, cur := rs[i-1], rs[i]
		split := unicode.IsLower(prev) && unicode.IsUpper(cur) ||
			unicode.IsLetter(prev) && unicode.IsDigit(cur) ||
			unicode.IsDigit(prev) && unicode.IsLetter(cur)
		if !split && unicode.IsUpper(prev) && unicode.IsUpper(cur) && i+1 < len(rs) && unicode.IsLower(rs[i+1]) {
			plural := rs[i+1] == 's' && i+2 == len(rs)
			split = !plural
		}
		if split {
			if start == 0 {
				fn(word[:offs[i]])
			} else {
				fn(word[offs[start]:offs[i]])
			}
			start = i
		}
	}
	if start > 0 {
		fn(word[offs[start]:])
	}
}

// tokenize calls emit with every token of text in order. An alphabetic
// word gives itself folded, then its parts if it has several (derived),
// then, after the last word of a compound, the compound joined (derived).
// A Hangul word gives itself, then its pairs of syllables if it has three
// or more (derived). A run of ideographic characters gives its pairs of
// characters, or itself if it is one character; it is never part of a
// compound. Tokens longer than maxTokenRunes are left out, and so are the
// parts of such words.
func tokenize(text string, emit func(tok string, derived bool)) {
	start := -1    // where the current word began
	var cur script // the current word's script
	var cbuf [8]string
	compound := cbuf[:0]
	joined := false // a joiner followed the last word
	put := func(tok string, derived bool) {
		if tok != "" && (len(tok) <= maxTokenRunes || utf8.RuneCountInString(tok) <= maxTokenRunes) {
			emit(tok, derived)
		}
	}
	endCompound := func() {
		if len(compound) > 1 {
			put(strings.Join(compound, ""), true)
		}
		compound = compound[:0]
	}
	endWord := func(end int) {
		if start < 0 {
			return
		}
		word := text[start:end]
		start = -1
		if cur == ideographic {
			pairs(word, func(p string) { put(p, false) })
			return
		}
		w := fold(word)
		compound = append(compound, w)
		if len(word) > maxTokenRunes && utf8.RuneCountInString(word) > maxTokenRunes {
			return
		}
		put(w, false)
		if cur == hangul {
			if utf8.RuneCountInString(w) >= 3 {
				pairs(w, func(p string) { put(p, true) })
			}
			return
		}
		parts(word, func(p string) { put(fold(p), true) })
	}
	for i, r := range text {
		word, s, ok := classify(r)
		switch {
		case word:
			if start >= 0 && ok && s != cur {
				// A change of script ends the word, and any compound.
				endWord(i)
				endCompound()
				joined = false
			}
			if start < 0 {
				if !ok {
					s = alphabetic
				}
				if !joined || s == ideographic {
					endCompound()
				}
				start, cur = i, s
			}
			joined = false
		case start >= 0 && continues(r, cur):
			// Inside the word, folded to nothing.
		case isJoiner(r) && start >= 0:
			endWord(i)
			joined = cur != ideographic
		default:
			endWord(i)
			endCompound()
			joined = false
		}
	}
	endWord(len(text))
	endCompound()
}

// pairs calls fn with the overlapping pairs of characters of a word
// ("数据治理" → 数据, 据治, 治理), each folded, or with the character folded
// if it is the only one. A mark counts with the character before it (a
// kana's voicing mark is composed with it).
func pairs(word string, fn func(string)) {
	var ubuf [64]string
	units := ubuf[:0]
	var b strings.Builder
	for _, r := range word {
		b.Reset()
		foldRune(&b, r)
		u := b.String()
		if u == "" {
			continue
		}
		if m, _ := utf8.DecodeRuneInString(u); unicode.IsMark(m) && len(units) > 0 {
			units[len(units)-1] += u
			if m == 0x3099 || m == 0x309a {
				// A half-width voicing mark: "ﾃﾞ" is "デ".
				units[len(units)-1] = norm.NFC.String(units[len(units)-1])
			}
			continue
		}
		units = append(units, u)
	}
	if len(units) == 1 {
		fn(units[0])
	}
	for i := 0; i+1 < len(units); i++ {
		fn(units[i] + units[i+1])
	}
}
