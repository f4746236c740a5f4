package collate

import (
	"bytes"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"sync"
	"testing"
)

// index renders Index as a reader sees the A–Z page: "A: x y | Ñ: z".
func index(c *Collator, titles []string) string {
	var parts []string
	for _, g := range c.Index(titles) {
		words := []string{g.Label + ":"}
		for _, i := range g.Items {
			words = append(words, titles[i])
		}
		parts = append(parts, strings.Join(words, " "))
	}
	return strings.Join(parts, " | ")
}

// shuffled is titles in an order that tells nothing of the wanted one.
func shuffled(titles []string) []string {
	s := slices.Clone(titles)
	rand.New(rand.NewSource(1)).Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
	return s
}

// TestIndex: for each language, the letters of its A–Z index, in order,
// and the titles under each, in order, whatever order they came in.
func TestIndex(t *testing.T) {
	for _, tc := range []struct {
		lang   string
		titles []string
		want   string
	}{
		{"en", []string{"Agile", "API", "CI/CD", "CISO", "cto", "Éclair", "ISO 27001", "ISO 9001", "IT governance", "ITIL", "2FA", ".NET"},
			"A: Agile API | C: CI/CD CISO cto | E: Éclair | I: ISO 27001 ISO 9001 IT governance ITIL | #: .NET 2FA"},
		// Spanish: ñ is a letter of its own, after n; accents are not.
		{"es", []string{"Abeja", "Álgebra", "chorizo", "llama", "nada", "Nube", "Ñandú", "ñu", "Oso", "Zorro", "2FA"},
			"A: Abeja Álgebra | C: chorizo | L: llama | N: nada Nube | Ñ: Ñandú ñu | O: Oso | Z: Zorro | #: 2FA"},
		// German: umlauts go with their vowel, ß with s.
		{"de", []string{"Apfel", "Äpfel", "Ofen", "Öl", "Straße", "Über", "Zebra"},
			"A: Apfel Äpfel | O: Ofen Öl | S: Straße | U: Über | Z: Zebra"},
		// Turkish: ı/I and i/İ are two letters; ç ğ ö ş ü are letters
		// of their own, each after its base.
		{"tr", []string{"Cam", "çay", "Dağ", "Gül", "ğ", "Hal", "ışık", "Işık", "istanbul", "İstanbul", "Jale", "Ok", "Ördek", "Su", "Şehir", "Uzay", "Ülke"},
			"C: Cam | Ç: çay | D: Dağ | G: Gül | Ğ: ğ | H: Hal | I: ışık Işık | İ: istanbul İstanbul | J: Jale | O: Ok | Ö: Ördek | S: Su | Ş: Şehir | U: Uzay | Ü: Ülke"},
		// Portuguese: accents and ç go with their base letter.
		{"pt-br", []string{"Ação", "Abelha", "Cópia", "Çedilha", "Zona"},
			"A: Abelha Ação | C: Çedilha Cópia | Z: Zona"},
		// Russian: by Cyrillic letter; ё is filed with е, й is a letter.
		{"ru", []string{"Ежевика", "Ёлка", "Игра", "Йогурт", "Шар", "Щука", "Яблоко"},
			"Е: Ежевика Ёлка | И: Игра | Й: Йогурт | Ш: Шар | Щ: Щука | Я: Яблоко"},
		// Hindi: the first akshara's base letter, vowels before consonants.
		{"hi", []string{"अनार", "आम", "कमल", "किताब", "क्षत्रिय", "खाना", "ख़बर", "ज्ञान"},
			"अ: अनार | आ: आम | क: कमल किताब क्षत्रिय | ख: ख़बर खाना | ज: ज्ञान"},
		{"bn", []string{"অজগর", "আম", "কলম", "ক্ষমা", "খাতা"},
			"অ: অজগর | আ: আম | ক: কলম ক্ষমা | খ: খাতা"},
		// Urdu: by the first letter (ٹ is one, after ت; the aspirate گھ
		// goes under گ).
		{"ur", []string{"اردو", "بادل", "پانی", "تار", "ٹماٹر", "کتاب", "گھر", "گاؤں", "یار"},
			"ا: اردو | ب: بادل | پ: پانی | ت: تار | ٹ: ٹماٹر | ک: کتاب | گ: گاؤں گھر | ی: یار"},
		// Korean: by initial consonant; tense ones with the plain one.
		{"ko", []string{"가방", "까치", "나무", "다리", "떡", "쌀", "사람", "하늘", "한국", "Apple"},
			"A: Apple | ㄱ: 가방 까치 | ㄴ: 나무 | ㄷ: 다리 떡 | ㅅ: 사람 쌀 | ㅎ: 하늘 한국"},
		// Japanese: kana by row (voiced, small, katakana with their row;
		// ー as the vowel it lengthens), kanji in one group after kana.
		{"ja", []string{"あい", "かい", "カード", "がっこう", "カメラ", "こい", "コード", "サーバー", "さくら", "データベース", "ネットワーク", "ラーメン", "ワークフロー", "漢字", "監視", "API"},
			"A: API | あ: あい | か: カード かい がっこう カメラ こい コード | さ: サーバー さくら | た: データベース | な: ネットワーク | ら: ラーメン | わ: ワークフロー | 漢字: 漢字 監視"},
		// Chinese (simplified): pinyin order, grouped by pinyin initial;
		// Latin titles join the same letters.
		{"zh-cn", []string{"安全", "API", "部署", "北京", "持续集成", "容器", "云原生", "微服务", "中国", "镜像", "集群", "可观测性"},
			"A: API 安全 | B: 北京 部署 | C: 持续集成 | J: 集群 镜像 | K: 可观测性 | R: 容器 | W: 微服务 | Y: 云原生 | Z: 中国"},
		// Chinese (traditional): stroke order, one group per character.
		{"zh-tw", []string{"安全", "北京", "中國", "一致性"},
			"一: 一致性 | 中: 中國 | 北: 北京 | 安: 安全"},
		// Czech: "ch" is one letter, after h.
		{"cs", []string{"Cesta", "Čaj", "Hrad", "Chemie", "Iva"},
			"C: Cesta | Č: Čaj | H: Hrad | Ch: Chemie | I: Iva"},
		// Thai: by the consonant, not the vowel written before it.
		{"th", []string{"กา", "เก้าอี้", "ไก่", "ข้าว"},
			"ก: กา เก้าอี้ ไก่ | ข: ข้าว"},
		// An unknown code gets the root collation.
		{"xx-!!", []string{"b", "Á", "a"}, "A: a Á | B: b"},
	} {
		got := index(New(tc.lang), shuffled(tc.titles))
		if got != tc.want {
			t.Errorf("index of %s titles:\n got %s\nwant %s", tc.lang, got, tc.want)
		}
	}
}

// TestSort: Sort orders titles as the language does, and agrees with
// Compare, Less and Key.
func TestSort(t *testing.T) {
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"a", "A", "Á", "b", "Ch", "Cz", "z"}},
		{"es", []string{"Álgebra", "Nube", "Ñandú", "Oso"}},
		{"de", []string{"Apfel", "Äpfel", "Zebra"}},
		{"tr", []string{"Hal", "ışık", "istanbul", "Jale"}},
		{"cs", []string{"Cesta", "Hrad", "Chemie", "Iva"}},
		{"sv", []string{"Ost", "Zebra", "Ål", "Äpple", "Öl"}},
		{"ja", []string{"あい", "カード", "かい", "こい", "コード", "漢字"}},
		{"zh-cn", []string{"阿", "八", "北京", "中国"}},
	} {
		c := New(tc.lang)
		got := shuffled(tc.want)
		c.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Sort of %s titles = %q, want %q", tc.lang, got, tc.want)
		}
		for i := range tc.want {
			for j := range tc.want {
				a, b := tc.want[i], tc.want[j]
				want := cmpInt(i, j)
				if got := c.Compare(a, b); got != want {
					t.Errorf("%s: Compare(%q, %q) = %d, want %d", tc.lang, a, b, got, want)
				}
				if got := bytes.Compare(c.Key(a), c.Key(b)); got != want {
					t.Errorf("%s: keys of %q and %q compare %d, want %d", tc.lang, a, b, got, want)
				}
				if c.Less(a, b) != (i < j) {
					t.Errorf("%s: Less(%q, %q) = %v", tc.lang, a, b, !(i < j))
				}
			}
		}
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestPinyin: Chinese characters go under the initial of the reading the
// collation sorts them by, including those next to each letter's first
// character (the bounds), where a wrong bound would show.
func TestPinyin(t *testing.T) {
	want := map[string]string{
		"A": "阿翶安", "B": "八簿北", "C": "嚓错", "D": "咑朵", "E": "婀二", "F": "发傅",
		"G": "旮過", "H": "哈", "J": "丌讥駿", "K": "咔咖", "L": "垃落", "M": "呣妈穆",
		"N": "嗯拏糯", "O": "喔欧藕", "P": "妑趴曝", "Q": "七群", "R": "呥", "S": "仨嗦",
		"T": "他驼", "W": "穵挖袜务", "X": "夕训", "Y": "丫蕴", "Z": "帀座",
	}
	c := New("zh-cn")
	for letter, chars := range want {
		for _, r := range chars {
			if got := c.Label(string(r) + "字"); got != letter {
				t.Errorf("Label(%q) = %q, want %q", string(r)+"字", got, letter)
			}
		}
	}
	// A character with no reading in the collation (U+9FA6) is Other,
	// not the last letter.
	if got := c.Label("\u9fa6"); got != Other {
		t.Errorf("Label(U+9FA6) = %q, want %q", got, Other)
	}
}

// TestLabelEdges: empty titles, marks, width forms and scripts outside
// the site's language.
func TestLabelEdges(t *testing.T) {
	for _, tc := range []struct{ lang, title, want string }{
		{"en", "", Other},
		{"en", "  spaced", Other},
		{"en", "“Quoted”", Other},
		{"en", "Ａｐｉ", "A"},         // full-width
		{"en", "ﬁle", "F"},         // ligature
		{"en", "æther", "A"},       // English files æ under a
		{"da", "æble", "Æ"},        // Danish: a letter after z
		{"en", "N\u0303andu", "N"}, // combining tilde, not a letter in English
		{"es", "N\u0303andu", "Ñ"},
		{"ja", "ｶﾒﾗ", "か"}, // half-width katakana
		{"ja", "ーん", Other},
		{"ko", "ㄲ", "ㄱ"}, // compatibility jamo
		{"en", "漢字", "漢字"},
		{"en", "한국", "ㅎ"},
		{"en", "かな", "か"},
	} {
		if got := New(tc.lang).Label(tc.title); got != tc.want {
			t.Errorf("%s: Label(%q) = %q, want %q", tc.lang, tc.title, got, tc.want)
		}
	}
}

// TestConcurrent: one Collator used from many goroutines gives what it
// gives alone (run under -race: x/text collators are not safe for
// concurrent use, so a shared one would race).
func TestConcurrent(t *testing.T) {
	titles := []string{"Ñandú", "nada", "Álgebra", "Oso", "ñu", "Zorro", "chorizo", "2FA", "Abeja"}
	c := New("es")
	want := index(c, titles)
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if got := index(c, titles); got != want {
					errs <- got
					return
				}
				if c.Compare("Nube", "Ñandú") >= 0 || c.Label("ñu") != "Ñ" {
					errs <- "Compare or Label"
					return
				}
				s := slices.Clone(titles)
				c.Sort(s)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent use gave %s, want %s", e, want)
	}
}

// BenchmarkIndex10k: the A–Z of a 10,000-term glossary.
func BenchmarkIndex10k(b *testing.B) {
	titles := make([]string, 10000)
	for i := range titles {
		titles[i] = fmt.Sprintf("%c%s término %d", 'A'+rune(i%26), strings.Repeat("ñ", i%3), i)
	}
	c := New("es")
	b.ReportAllocs()
	for b.Loop() {
		c.Index(titles)
	}
}
