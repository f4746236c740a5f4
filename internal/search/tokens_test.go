package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// tokens lists tokenize's output, derived tokens marked with "+".
func tokens(text string) string {
	var out []string
	tokenize(text, func(tok string, derived bool) {
		if derived {
			tok = "+" + tok
		}
		out = append(out, tok)
	})
	return strings.Join(out, " ")
}

func TestTokenize(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"ISO 27001", "iso 27001"},
		{"ISO27001", "iso27001 +iso +27001"},
		{"vCISO", "vciso +v +ciso"},
		{"DevSecOps", "devsecops +dev +sec +ops"},
		{"CTOs and KPIs", "ctos and kpis"},
		{"ISMSPolicy", "ismspolicy +isms +policy"},
		{"SGSI", "sgsi"},
		{"CI/CD", "ci cd +cicd"},
		{"R&D", "r d +rd"},
		{"Plan-Do-Check-Act", "plan do check act +plandocheckact"},
		{"customer-facing CTO", "customer facing +customerfacing cto"},
		{"Gestión de la información", "gestion de la informacion"},
		{"Ærø, straße", "ærø straße"},
		{"ΣΟΦΙΑΣ", "σοφιασ"},
		{"e\u0301te\u0301", "ete"}, // decomposed accents
		{"don't", "don t"},
		{"-leading - and trailing-", "leading and trailing"},
		{"a--b", "a b"},
		// Every script: see TestTokenizeScripts.
		{"数据治理 データ", "数据 据治 治理 デー ータ"},
		{strings.Repeat("x", maxTokenRunes+1) + " ok", "ok"},
	} {
		if got := tokens(c.text); got != c.want {
			t.Errorf("tokenize(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestTokenizeScripts is what each script's words become: the same
// token for the ways a word is written (accents or not, capitals or
// not, full or half width, with or without tashkeel), the marks of
// Devanagari and Bengali inside their word, text without spaces in pairs
// of characters.
func TestTokenizeScripts(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"Spanish accents fold", "Búsqueda, GESTIÓN, año, pingüino", "busqueda gestion ano pinguino"},
		{"French and German", "Élève, Straße, Œuvre, ﬁn", "eleve straße œuvre fin"},
		{"Vietnamese", "Quản trị", "quan tri"},
		{"Russian case and ё", "Информационная БЕЗОПАСНОСТЬ, ёлка", "информационная безопасность елка"},
		{"Russian й is folded as и", "Угрозы безопасности й", "угрозы безопасности и"},
		{"Ukrainian ї is folded as і", "Її інформація", "іі інформація"},
		{"Hindi: marks and virama stay", "सूचना सुरक्षा प्रबंधन", "सूचना सुरक्षा प्रबंधन"},
		{"Hindi nukta: precomposed, decomposed or left out", "\u095bरा ज\u093cरा जरा", "जरा जरा जरा"},
		{"Hindi candrabindu as anusvara", "पहुँच पहुंच", "पहुंच पहुंच"},
		{"Hindi digits", "आईएसओ २७००१", "आईएसओ 27001"},
		{"Bengali: marks, virama, ZWJ", "তথ্য নিরাপত্তা র\u200d্যাব", "তথ্য নিরাপত্তা র্যাব"},
		{"Bengali khanda ta", "উৎস উত্\u200dস", "উত্স উত্স"},
		{"Bengali two-part vowel", "ক\u09cb ক\u09c7\u09be", "ক\u09c7\u09be ক\u09c7\u09be"},
		{"Urdu: tashkeel and variants", "مَعْلُومات کی حفاظت", "معلومات كي حفاظت"},
		{"Urdu heh goal and yeh", "پالیسی ہے", "پاليسي هے"},
		{"Arabic alef with hamza, teh marbuta", "أمن إدارة آمن", "امن اداره امن"},
		{"Arabic-Indic digits", "٢٠٢٤ ۲۰۲۴", "2024 2024"},
		{"Arabic tatweel", "عـــلم", "علم"},
		{"Chinese: pairs", "信息安全管理", "信息 息安 安全 全管 管理"},
		{"Chinese: one character", "云", "云"},
		{"Chinese punctuation splits runs", "数据，治理。", "数据 治理"},
		{"Japanese: kana and kanji in one run", "情報セキュリティ", "情報 報セ セキ キュ ュリ リテ ティ"},
		{"Japanese prolonged mark", "データ", "デー ータ"},
		{"Japanese middle dot joins", "クラウド・ネイティブ", "クラ ラウ ウド ドネ ネイ イテ ティ ィブ"},
		{"Japanese half-width katakana", "ﾃﾞｰﾀ", "デー ータ"},
		{"full-width Latin", "ＩＳＯ　２７００１", "iso 27001"},
		{"Latin next to ideographs", "ISO27001認証", "iso27001 +iso +27001 認証"},
		{"ideographs never join a compound", "CI/CD/数据", "ci cd +cicd 数据"},
		{"Korean: words and pairs", "정보 보안 관리체계", "정보 보안 관리체계 +관리 +리체 +체계"},
		{"Korean next to Latin", "ISO인증", "iso 인증"},
		{"variation selector", "葛\U000e0100城", "葛城"},
		{"compatibility ideograph", "\uf900", "豈"},
	} {
		if got := tokens(c.text); got != c.want {
			t.Errorf("%s: tokenize(%q) = %q, want %q", c.name, c.text, got, c.want)
		}
	}
}

// FuzzTokenize checks that any text gives tokens of word characters only
// (so shards need no escaping) and not too long.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"DevSecOps", "CI/CD & R&D", "Gestión", "ΣΟΦΙΑΣ", "İstanbul", "a\u0301",
		"信息安全・管理", "ﾃﾞｰﾀ", "정보보안", "র\u200d্যাব", "مَعْلُومات", "\u3099\u30fb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		tokenize(text, func(tok string, derived bool) {
			if tok == "" || utf8.RuneCountInString(tok) > maxTokenRunes {
				t.Fatalf("tokenize(%q) gave %q: empty or too long", text, tok)
			}
			for _, r := range tok {
				if !isWord(r) || r == utf8.RuneError {
					t.Fatalf("tokenize(%q) gave %q, with %q, not a letter, digit or mark", text, tok, r)
				}
			}
		})
	})
}

// BenchmarkTokenize tokenizes a paragraph in each of a few scripts.
func BenchmarkTokenize(b *testing.B) {
	for _, c := range []struct{ name, text string }{
		{"en", "The CTO owns the technology strategy, the architecture and the engineering organization; ISO 27001 and CI/CD are part of it. "},
		{"es", "El director de tecnología se ocupa de la estrategia, la arquitectura y la organización de ingeniería. "},
		{"ru", "Технический директор отвечает за стратегию, архитектуру и инженерную организацию компании. "},
		{"hi", "मुख्य प्रौद्योगिकी अधिकारी कंपनी की तकनीकी रणनीति और वास्तुकला के लिए ज़िम्मेदार है। "},
		{"zh", "首席技术官负责公司的技术战略、架构和工程组织，并与董事会沟通风险。"},
		{"ja", "最高技術責任者は会社の技術戦略、アーキテクチャ、エンジニアリング組織に責任を持ちます。"},
	} {
		text := strings.Repeat(c.text, 20)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				tokenize(text, func(string, bool) {})
			}
		})
	}
}
