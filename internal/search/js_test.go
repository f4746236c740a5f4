package search

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ctohandbook/sitegen/internal/graph/graphtest"
)

// The browser side, themes/default/static/search.js, is checked under
// node when it is installed: testdata/search_test.mjs loads the script,
// reads the index files from a folder as it would fetch them, and answers
// the cases sent on stdin.

const script = "../../themes/default/static/search.js"

// jsCases is what search_test.mjs is asked.
type jsCases struct {
	Tokenize    []string `json:"tokenize"`
	QueryTokens []string `json:"queryTokens"`
	Marks       [][2]any `json:"marks"`
	Queries     []string `json:"queries"`
}

// jsAnswers is what it says.
type jsAnswers struct {
	Tokenize    [][][2]any          `json:"tokenize"`
	QueryTokens [][]string          `json:"queryTokens"`
	Marks       [][][2]int          `json:"marks"`
	Results     map[string][]string `json:"results"`
	MS          map[string]float64  `json:"ms"`
}

// runJS writes files to a folder and runs the cases against it.
func runJS(t testing.TB, files map[string][]byte, cases jsCases) jsAnswers {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: search.js is not checked")
	}
	// Read what node runs, so that a change to it re-runs cached tests.
	for _, f := range []string{script, "testdata/search_test.mjs"} {
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
	cmd := exec.Command(node, "testdata/search_test.mjs", script, dir)
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
