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
		{"数据治理 データ", "数据治理 データ"},
		{strings.Repeat("x", maxTokenRunes+1) + " ok", "ok"},
	} {
		if got := tokens(c.text); got != c.want {
			t.Errorf("tokenize(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// FuzzTokenize checks that any text gives tokens of letters, digits and
// marks only (so shards need no escaping), lower-case and not too long.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"DevSecOps", "CI/CD & R&D", "Gestión", "ΣΟΦΙΑΣ", "İstanbul", "a\u0301"} {
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
