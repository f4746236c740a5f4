package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ctohandbook/sitegen/internal/graph/graphtest"
)

// The browser side, themes/default/static/search.js, is checked under
// node when it is installed: testdata/search_test.mjs loads the script,
// reads the index files from a folder as it would fetch them, and answers
// the cases sent on stdin.

const searchJS = "../../themes/default/static/search.js"

// jsCases is what search_test.mjs is asked.
type jsCases struct {
	Chars       []string `json:"chars"`
	Tokenize    []string `json:"tokenize"`
	QueryTokens []string `json:"queryTokens"`
	QueryTerms  []string `json:"queryTerms"`
	Marks       [][2]any `json:"marks"`
	Distance    [][3]any `json:"distance"`
	Snippets    [][2]any `json:"snippets"`
	Queries     []string `json:"queries"`
	Shown       []string `json:"shown"`
}

// jsAnswers is what it says.
type jsAnswers struct {
	Chars       [][][3]any           `json:"chars"`
	Tokenize    [][][2]any           `json:"tokenize"`
	QueryTokens [][]string           `json:"queryTokens"`
	QueryTerms  [][][2]any           `json:"queryTerms"`
	Marks       [][][2]int           `json:"marks"`
	Distance    [][2]int             `json:"distance"`
	Snippets    []*jsSnippet         `json:"snippets"`
	Results     map[string][]string  `json:"results"`
	Shown       map[string][]jsShown `json:"shown"`
	MS          map[string]float64   `json:"ms"`
}

// jsSnippet is a passage search.js shows under a result.
type jsSnippet struct {
	Section, Text string
	Marked        []string
}

// jsShown is what one result shows under its title: which field holds
// the match, and the words marked in it.
type jsShown struct {
	URL, Field, Text string
	Marked           []string
}

// runJS writes files to a folder and runs the cases against it.
func runJS(t testing.TB, files map[string][]byte, cases jsCases) jsAnswers {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: search.js is not checked")
	}
	// Read what node runs, so that a change to it re-runs cached tests.
	for _, f := range []string{searchJS, "testdata/search_test.mjs"} {
		if _, err := os.ReadFile(f); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	for p, b := range files {
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	in, _ := json.Marshal(cases)
	cmd := exec.Command(node, "testdata/search_test.mjs", searchJS, dir)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node testdata/search_test.mjs: %v\n%s", err, stderr.Bytes())
	}
	var ans jsAnswers
	if err := json.Unmarshal(out, &ans); err != nil {
		t.Fatalf("node testdata/search_test.mjs printed %q: %v", out, err)
	}
	return ans
}

// TestTokenizersAgree checks that search.js splits text into the same
// tokens as the index builder, or typed words would miss.
func TestTokenizersAgree(t *testing.T) {
	texts := []string{
		"ISO 27001 and ISO27001", "vCISO", "DevSecOps", "CTOs and KPIs", "ISMSPolicy iOS macOS",
		"CI/CD, R&D, e.g. Node.js", "Plan-Do-Check-Act", "Gestión de la información", "ÀÉÎÕÜ ñ ç",
		"Ærø, straße", "ΣΟΦΙΑΣ σοφίας", "e\u0301te\u0301", "İstanbul", "don’t it's", "数据治理 データ 한국어",
		"हिन्दी भाषा", "x86-64 and 3.5", "𝐀𝐁𝐂 letters", "snake_case_name",
		"A" + strings.Repeat("bC", 20), "e\u0301" + strings.Repeat("x", 39) + "Y", strings.Repeat("ab-", 15),
		// Every script the index knows (see TestTokenizeScripts).
		"Búsqueda de GESTIÓN, año", "Информационная БЕЗОПАСНОСТЬ, ёлка и йод", "सूचना सुरक्षा प्रबंधन \u095b\u093c\u0930\u093e २७००१",
		"তথ্য নিরাপত্তা র\u200d্যাব উৎস ক\u09cb", "مَعْلُومات کی حفاظت ہے أمن إدارة ٢٠٢٤ عـــلم", "信息安全管理，数据治理。云",
		"情報セキュリティ クラウド・ネイティブ ﾃﾞｰﾀ", "ＩＳＯ　２７００１", "ISO27001認証 CI/CD/数据 数据/CI/CD", "정보 보안 관리체계 ISO인증",
		"葛\U000e0100城 \uf900", "2024年第3章", "a\u200cb \u200cx", "・クラウド・ ・",
	}
	ans := runJS(t, Index(graphtest.Build(t, small)), jsCases{Tokenize: texts})
	for i, text := range texts {
		var want [][2]any
		tokenize(text, func(tok string, derived bool) { want = append(want, [2]any{tok, derived}) })
		if got := ans.Tokenize[i]; !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("tokens of %q:\n search.js: %v\n Go:        %v", text, got, want)
		}
	}
}

// TestTokenizersAgreeOnMixedText checks the two tokenizers on text that
// mixes scripts, cases, marks, joiners and punctuation at random (from a
// fixed seed): where a word ends, which compound it joins and which
// pairs a run makes must not differ.
func TestTokenizersAgreeOnMixedText(t *testing.T) {
	pool := []rune("aZéE\u0301ß0 9-/._&,;:!' \t\nДжёЙ\u0306हि\u094dন্\u09bc\u200c\u200d\u00adمَـی٣数据治理々〇データ・ｰﾃﾞ゙한국어ㄱＡ１、。")
	rng := rand.New(rand.NewPCG(11, 12))
	texts := make([]string, 400)
	for i := range texts {
		r := make([]rune, 1+rng.IntN(24))
		for k := range r {
			r[k] = pool[rng.IntN(len(pool))]
		}
		texts[i] = string(r)
	}
	ans := runJS(t, Index(graphtest.Build(t, small)), jsCases{Tokenize: texts})
	bad := 0
	for i, text := range texts {
		var want [][2]any
		tokenize(text, func(tok string, derived bool) { want = append(want, [2]any{tok, derived}) })
		if got := ans.Tokenize[i]; !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			if bad++; bad <= 10 {
				t.Errorf("tokens of %+q:\n search.js: %v\n Go:        %v", text, got, want)
			}
		}
	}
}

// TestFoldAgrees checks, for every character that Go's Unicode tables
// assign, that search.js says as the index builder does whether it is a
// word character, which script's word it belongs to if it is, and what
// it folds to: a character the two fold apart is a word a reader cannot
// find.
// Characters node assigns and Go does not yet (newer Unicode) are not
// compared: they are as rare as their age.
func TestFoldAgrees(t *testing.T) {
	var b strings.Builder
	var runes []rune
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf) {
			b.WriteRune(r)
			runes = append(runes, r)
		}
	}
	ans := runJS(t, Index(graphtest.Build(t, small)), jsCases{Chars: []string{b.String()}})
	if len(ans.Chars) != 1 || len(ans.Chars[0]) != len(runes) {
		t.Fatalf("search.js described %d texts (want 1) of %d characters (want %d)", len(ans.Chars), len(ans.Chars[0]), len(runes))
	}
	bad := 0
	for i, r := range runes {
		word, s, ok := classify(r)
		cls := int(s)
		if !ok {
			cls = -1
		}
		var f strings.Builder
		foldRune(&f, r)
		want := [3]any{float64(btoi(word)), float64(cls), f.String()}
		if got := ans.Chars[0][i]; got != want {
			if bad++; bad <= 20 {
				t.Errorf("%U %q: search.js says [word script folded] %v, Go %v", r, r, got, want)
			}
		}
	}
	if bad > 20 {
		t.Errorf("and %d characters more", bad-20)
	}
}

// TestSearchFinds is what a reader gets from the box: the page they
// mean, first.
func TestSearchFinds(t *testing.T) {
	cases := []struct {
		query, first string
		// then are pages that must come after first, if listed
		then []string
	}{
		{"SGSI", "/glossary/isms/", nil},                                              // an aka
		{"sgsi", "/glossary/isms/", nil},                                              // any case
		{"devs", "/glossary/devsecops/", nil},                                         // a prefix, while typing
		{"DevSecOps", "/glossary/devsecops/", []string{"/glossary/risk-management/"}}, // title above body
		{"ISO 27001", "/glossary/iso-27001/", []string{"/glossary/isms/"}},
		{"27001", "/glossary/iso-27001/", nil},
		{"vciso", "/glossary/vciso/", nil},
		{"ciso", "/glossary/vciso/", nil}, // a part of a camel-case title
		{"virtual", "/glossary/vciso/", nil},
		{"ci/cd", "/glossary/ci-cd/", nil},
		{"cicd", "/glossary/ci-cd/", nil},
		{"CI CD", "/glossary/ci-cd/", nil},
		{"gestion", "/glossary/risk-management/", nil},                                        // diacritics folded
		{"pipelines", "/guide/security/first-steps/", []string{"/glossary/risk-management/"}}, // heading above body
		{"information security", "/glossary/isms/", []string{"/glossary/iso-27001/"}},
		{"iso27001", "/glossary/iso-27001/", nil}, // glued, hyphenated or spaced: the same name
		{"ISO-27001", "/glossary/iso-27001/", nil},
		{"iso/iec27001", "/glossary/iso-27001/", nil},
		{"security guide", "/guide/security/", nil},
	}
	queries := []string{"zzzz"}
	for _, c := range cases {
		queries = append(queries, c.query)
	}
	ans := runJS(t, Index(graphtest.Build(t, small)), jsCases{Queries: queries})
	for _, c := range cases {
		got := ans.Results[c.query]
		if len(got) == 0 || got[0] != c.first {
			t.Errorf("searching %q gives %v, want %s first", c.query, got, c.first)
			continue
		}
		for _, u := range c.then {
			if pos(got, u) < 0 {
				t.Errorf("searching %q gives %v, want %s listed too", c.query, got, u)
			}
		}
	}
	if got := ans.Results["zzzz"]; len(got) != 0 {
		t.Errorf("nonsense finds %v", got)
	}
}

func TestQueryTokensAndMarks(t *testing.T) {
	ans := runJS(t, Index(graphtest.Build(t, small)), jsCases{
		QueryTokens: []string{"ci/cd", "ISO 27001", "vitamin d", "R&D", "Gestión", "  "},
		Marks: [][2]any{
			{"DevSecOps and vCISO", []string{"sec", "ciso"}},
			{"Gestión de riesgos", []string{"gestion"}},
			{"ISO/IEC 27001", []string{"iso", "27001"}},
		},
	})
	wantTokens := [][]string{{"cicd"}, {"iso", "27001"}, {"vitamin"}, {"rd"}, {"gestion"}, {}}
	for i, want := range wantTokens {
		if got := ans.QueryTokens[i]; !(len(got) == 0 && len(want) == 0) && !reflect.DeepEqual(got, want) {
			t.Errorf("query tokens #%d = %q, want %q", i, got, want)
		}
	}
	wantMarks := [][][2]int{{{3, 6}, {15, 19}}, {{0, 7}}, {{0, 3}, {8, 13}}}
	for i, want := range wantMarks {
		if got := ans.Marks[i]; !reflect.DeepEqual(got, want) {
			t.Errorf("marks #%d = %v, want %v", i, got, want)
		}
	}
}

func pos(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// TestQueryTermsMeetTheIndex checks the query side of normalization:
// however a name is spaced, hyphenated or glued ("iso27001", "ISO-27001",
// "iso 27001"), each term search.js looks up, and each of its atoms, is
// a token the index builder makes of the same text, so that they meet.
func TestQueryTermsMeetTheIndex(t *testing.T) {
	texts := []string{"iso27001", "ISO-27001", "iso 27001", "ISO/IEC 27001", "CI/CD", "ci-cd", "R&D", "SOC2", "soc 2",
		"x86-64", "DevSecOps", "Plan-Do-Check-Act", "Gestión", "vCISO", "web3 dapps",
		"búsqueda", "БЕЗОПАСНОСТЬ", "सुरक्षा", "নিরাপত্তা", "حفاظت", "数据治理", "数据", "云", "データ", "情報セキュリティ",
		"정보보안", "보안", "데이터/분석", "ISO인증"}
	ans := runJS(t, Index(graphtest.Build(t, small)), jsCases{QueryTerms: texts})
	for i, text := range texts {
		have := map[string]bool{}
		tokenize(text, func(tok string, _ bool) { have[tok] = true })
		for _, term := range ans.QueryTerms[i] {
			tok, _ := term[0].(string)
			atoms, _ := term[1].([]any)
			if !have[tok] && !grams(tok, atoms) {
				t.Errorf("query %q: search.js looks up %q, which the index does not make of %q (it makes %v)", text, tok, text, have)
			}
			for _, a := range atoms {
				if s, _ := a.(string); utf8.RuneCountInString(s) > 1 && !have[s] {
					t.Errorf("query %q: search.js looks up the atom %q of %q, which the index does not make of %q (it makes %v)", text, s, tok, text, have)
				}
			}
		}
	}
	want := map[string]string{
		"iso27001":  "[[iso27001 [iso 27001]]]",
		"ISO-27001": "[[iso27001 [iso 27001]]]",
		"iso 27001": "[[iso []] [27001 []]]",
		"CI/CD":     "[[cicd [ci cd]]]",
		"DevSecOps": "[[devsecops []]]",
		"数据治理":      "[[数据治理 [数据 据治 治理]]]", // found by its pairs
		"数据":        "[[数据 []]]",
		"정보보안":      "[[정보보안 [정보 보안]]]",
		"ISO인증":     "[[iso []] [인증 []]]",
	}
	for i, text := range texts {
		if w, ok := want[text]; ok {
			if got := fmt.Sprint(ans.QueryTerms[i]); got != w {
				t.Errorf("queryTerms(%q) = %s, want %s", text, got, w)
			}
		}
	}
}

// grams says whether a query term is a run of ideographs found by its
// pairs, atoms, which the index holds instead of the run.
func grams(tok string, atoms []any) bool {
	var b strings.Builder
	for i, a := range atoms {
		s, _ := a.(string)
		r, n := utf8.DecodeRuneInString(s)
		if i == 0 {
			b.WriteString(s[:n])
		}
		if utf8.RuneCountInString(s) != 2 || !isIdeo(r) {
			return false
		}
		b.WriteString(s[n:])
	}
	return len(atoms) > 1 && b.String() == tok
}

// TestTypos checks the edit distance search.js forgives: one edit from
// four letters, two from eight, a swap of neighbours counting one, and
// the beginning of a longer word (while typing) as well as the whole.
func TestTypos(t *testing.T) {
	cases := [][3]any{
		{"goverance", "governance", 2}, {"govrenance", "governance", 2}, {"govern", "governance", 1},
		{"managment", "management", 2}, {"teh", "the", 1}, {"abcd", "wxyz", 1}, {"ciso", "cisco", 1},
	}
	want := [][2]int{{1, 1}, {1, 1}, {2, 0}, {1, 1}, {1, 1}, {2, 2}, {1, 1}}
	ans := runJS(t, Index(graphtest.Build(t, small)), jsCases{Distance: cases, Queries: []string{
		"managment", "devsecpos", "virtal", "Virtul CISO", "isms", "ism", "rsk", "27002", "secrity", "secrity guide",
	}})
	for i, c := range cases {
		if got := ans.Distance[i]; got != want[i] {
			t.Errorf("distance(%q, %q, limit %v) = [whole prefix] %v, want %v", c[0], c[1], c[2], got, want[i])
		}
	}
	for q, first := range map[string]string{
		"managment":     "/glossary/risk-management/", // one edit, in a title
		"devsecpos":     "/glossary/devsecops/",       // a swap
		"virtal":        "/glossary/vciso/",           // in an aka
		"Virtul CISO":   "/glossary/vciso/",
		"secrity guide": "/guide/security/",
	} {
		if got := ans.Results[q]; len(got) == 0 || got[0] != first {
			t.Errorf("searching %q (a typo) gives %v, want %s first", q, got, first)
		}
	}
	// Three letters are not forgiven, nor digits, nor a word that
	// begins a name ("ism" is typed on the way to "isms").
	for _, q := range []string{"rsk", "27002"} {
		if got := ans.Results[q]; len(got) != 0 {
			t.Errorf("searching %q finds %v, want nothing: too short, or digits, to guess", q, got)
		}
	}
	if got := ans.Results["ism"]; len(got) == 0 || got[0] != "/glossary/isms/" {
		t.Errorf("searching \"ism\" gives %v, want ISMS first (a prefix)", got)
	}
}

// TestMarksAndSnippets checks what a result shows as matched.
func TestMarksAndSnippets(t *testing.T) {
	long := "Intro text.\nPipelines that ship\n" + strings.Repeat("Words before the match go on and on here. ", 6) +
		"Then kubernetes clusters, and more kubernetes, and the end of the line is far away after this. " + strings.Repeat("More words. ", 10) +
		"\nLast line."
	ans := runJS(t, Index(graphtest.Build(t, small)), jsCases{
		Marks: [][2]any{{"SOC 2 and 2024, 2", []string{"2"}}, {"ISO 27001", []string{"iso27001", "iso", "27001"}}},
		Snippets: [][2]any{
			{map[string]any{"h": []string{"Pipelines that ship"}, "x": long}, []string{"kubernetes", "clusters"}},
			{map[string]any{"h": []string{}, "x": "Nothing here."}, []string{"kubernetes"}},
			{map[string]any{"h": []string{"Pipelines that ship"}, "x": long}, []string{"intro"}},
		},
	})
	if got, want := fmt.Sprint(ans.Marks), "[[[4 5] [16 17]] [[0 3] [4 9]]]"; got != want {
		t.Errorf("marks = %s, want %s (a digit marks only itself, not the start of 2024)", got, want)
	}
	sn := ans.Snippets[0]
	if sn == nil || sn.Section != "Pipelines that ship" || fmt.Sprint(sn.Marked) != "[kubernetes clusters kubernetes]" ||
		!strings.HasPrefix(sn.Text, "…") || !strings.HasSuffix(sn.Text, "…") || utf8.RuneCountInString(sn.Text) > 170 {
		t.Errorf("snippet of a long line for kubernetes clusters = %+v, want the passage with both words marked, cut with … on both sides, in section \"Pipelines that ship\"", sn)
	}
	if ans.Snippets[1] != nil {
		t.Errorf("snippet of a text without the word = %+v, want none", ans.Snippets[1])
	}
	if sn := ans.Snippets[2]; sn == nil || sn.Section != "" || sn.Text != "Intro text." {
		t.Errorf("snippet of the first line = %+v, want \"Intro text.\" in no section", sn)
	}
}

// TestLateMatchInSummary checks that a result whose summary holds the
// query's word only near its end shows the summary from a little before
// the word: results show two lines of it, and the word must be seen.
func TestLateMatchInSummary(t *testing.T) {
	ans := runJS(t, Index(graphtest.Build(t, small)), jsCases{Shown: []string{"risks", "documented"}})
	var isms *jsShown
	for i, r := range ans.Shown["risks"] {
		if r.URL == "/glossary/isms/" {
			isms = &ans.Shown["risks"][i]
		}
	}
	if isms == nil || isms.Field != "summary" || isms.Text != "…information security risks." || fmt.Sprint(isms.Marked) != "[risks]" {
		t.Errorf("searching \"risks\": the ISMS result shows %+v, want its summary from a little before \"risks\" (…information security risks.)", isms)
	}
	if sh := ans.Shown["documented"]; len(sh) == 0 || !strings.HasPrefix(sh[0].Text, "A documented system") {
		t.Errorf("searching \"documented\": the first result shows %+v, want its summary from the start", sh)
	}
}
