package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// How text becomes tokens. themes/default/static/search.js mirrors these
// rules (its tokenize and queryTokens) so that what a reader types meets
// what the index holds; TestTokenizersAgree runs both over the same text.

// maxTokenRunes is the longest token indexed; longer runs of letters are
// noise (hashes, base64) that nobody types.
const maxTokenRunes = 40

// foldFrom and foldTo fold the lower-case Latin letters with diacritics
// whose canonical decomposition is one ASCII letter and combining marks:
// "gestión" is found by "gestion". Letters that do not decompose (ß, ø, æ,
// ł) are kept. Generated with node: for each code point in U+00C0–U+024F
// and U+1E00–U+1EFF, NFD with the marks U+0300–U+036F removed.
const (
	foldFrom = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳḁḃḅḇḉḋḍḏḑḓḕḗḙḛḝḟḡḣḥḧḩḫḭḯḱḳḵḷḹḻḽḿṁṃṅṇṉṋṍṏṑṓṕṗṙṛṝṟṡṣṥṧṩṫṭṯṱṳṵṷṹṻṽṿẁẃẅẇẉẋẍẏẑẓẕẖẗẘẙạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
	foldTo   = "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzouaiouuuuuaagkoojgnaaaeeiioorruusthaeooooyabbbcdddddeeeeefghhhhhiikkkllllmmmnnnnoooopprrrrsssssttttuuuuuvvwwwwwxxyzzzhtwyaaaaaaaaaaaaeeeeeeeeiioooooooooooouuuuuuuyyyy"
)

// folds maps each rune of foldFrom to its letter in foldTo. It is filled
// once and only read.
var folds = func() map[rune]byte {
	m := make(map[rune]byte, len(foldTo))
	i := 0
	for _, r := range foldFrom {
		m[r] = foldTo[i]
		i++
	}
	return m
}()

// isWord says whether r belongs to a word: a letter, a decimal digit or a
// mark (so that scripts with vowel signs stay whole).
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// isJoiner says whether r joins the words on each side into a compound
// that is indexed joined as well ("CI/CD" → "cicd", "R&D" → "rd").
func isJoiner(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '/', '.', '&', '_':
		return true
	}
	return false
}

// fold lower-cases a word and folds its diacritics. A word already in
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
		r = unicode.ToLower(r)
		switch {
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
		case r >= 0x300 && r <= 0x36f:
			// A combining diacritic: dropped.
		case r == 'ς':
			b.WriteRune('σ')
		default:
			if f, ok := folds[r]; ok {
				b.WriteByte(f)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
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

// tokenize calls emit with every token of text in order: each word
// folded, then its parts if it has several (derived), then, after the
// last word of a compound, the compound joined (derived). Tokens longer
// than maxTokenRunes are left out, and so are the parts of such words.
func tokenize(text string, emit func(tok string, derived bool)) {
	start := -1 // where the current word began
	var cbuf [8]string
	compound := cbuf[:0]
	joined := false // a joiner followed the last word
	put := func(tok string, derived bool) {
		if tok != "" && (len(tok) <= maxTokenRunes || utf8.RuneCountInString(tok) <= maxTokenRunes) {
			emit(tok, derived)
		}
	}
	endWord := func(end int) {
		if start < 0 {
			return
		}
		word := text[start:end]
		start = -1
		w := fold(word)
		compound = append(compound, w)
		if len(word) > maxTokenRunes && utf8.RuneCountInString(word) > maxTokenRunes {
			return
		}
		put(w, false)
		parts(word, func(p string) { put(fold(p), true) })
	}
	endCompound := func() {
		if len(compound) > 1 {
			put(strings.Join(compound, ""), true)
		}
		compound = compound[:0]
	}
	for i, r := range text {
		switch {
		case isWord(r):
			if start < 0 {
				if !joined {
					endCompound()
				}
				start = i
			}
			joined = false
		case isJoiner(r) && start >= 0:
			endWord(i)
			joined = true
		default:
			endWord(i)
			endCompound()
			joined = false
		}
	}
	endWord(len(text))
	endCompound()
}
