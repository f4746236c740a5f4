package content

import (
	"strings"
	"testing"

	"github.com/ctohandbook/sitegen/internal/markdown"
	"github.com/ctohandbook/sitegen/internal/problem"
)

func parse(t *testing.T, file, src string) (*Page, []problem.Problem) {
	t.Helper()
	return Parse(file, []byte(src), markdown.New(markdown.Options{}), Options{})
}

// TestParseErrors: each bad input gets one precise message at the line
// (and column where there is one) of the offending key or value.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // the problem's String(), exactly
	}{
		{"empty file", "", "content/glossary/x.md: empty file: a page needs front matter with at least a title"},
		{"blank file", " \n\n", "content/glossary/x.md: empty file: a page needs front matter with at least a title"},
		{"no front matter", "Just text.\n", `content/glossary/x.md:1:1: missing front matter: a page starts with "---", its YAML (at least a title), and "---"`},
		{"never closed", "---\ntitle: X\n\nBody.\n", `content/glossary/x.md:1:1: front matter opened here is never closed (add a line "---" after it)`},
		{"malformed YAML", "---\ntitle: X\nsummary: [a, b\n---\nBody.\n", "content/glossary/x.md:3: malformed front matter: did not find expected ',' or ']'"},
		{"bad indentation", "---\ntitle: X\n  aka: y\n---\n", "content/glossary/x.md:3: malformed front matter: mapping values are not allowed in this context"},
		{"not a mapping", "---\n- a\n- b\n---\n", "content/glossary/x.md:2:1: malformed front matter: front matter must be a mapping of keys to values (title: ..., summary: ...)"},
		{"missing title", "---\nsummary: S.\n---\n", "content/glossary/x.md:1:1: missing title in front matter"},
		{"title is a list", "---\nsummary: S.\ntitle: [a, b]\n---\n", "content/glossary/x.md:3:8: title must be text, not a list"},
		{"empty title", "---\ntitle: \"\"\n---\n", "content/glossary/x.md:2:8: title is empty"},
		{"bad date", "---\ntitle: X\ndate: yesterday\n---\n", "content/glossary/x.md:3:7: date yesterday is not a date (write YYYY-MM-DD)"},
		{"bad draft", "---\ntitle: X\ndraft: maybe\n---\n", "content/glossary/x.md:3:8: draft must be true or false, not string"},
		{"bad weight", "---\ntitle: X\nweight: first\n---\n", "content/glossary/x.md:3:9: weight must be a whole number, not string"},
		{"relations not a map", "---\ntitle: X\nrelations: [a]\n---\n", "content/glossary/x.md:3:12: relations must map a verb to a list of terms, not a list"},
		{"relation target not text", "---\ntitle: X\nrelations:\n  leads:\n    - {a: b}\n---\n", "content/glossary/x.md:5:7: relations: leads: each target must be a term slug, not a mapping"},
		{"unsafe slug", "---\ntitle: X\nslug: ../../etc\n---\n", `content/glossary/x.md:3:7: slug "../../etc" contains a slash, backslash or NUL`},
		{"binary", "---\ntitle: X\n---\n\x00\x01", "content/glossary/x.md:4:1: binary file (NUL byte): content files must be UTF-8 Markdown"},
		{"not UTF-8", "---\ntitle: Caf\xe9\n---\n", "content/glossary/x.md:2:11: file is not valid UTF-8 (save it as UTF-8)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := parse(t, "content/glossary/x.md", tt.src)
			if len(probs) != 1 {
				t.Fatalf("parsing %q gave %d problems %v, want exactly: %s", tt.src, len(probs), probs, tt.want)
			}
			if got := probs[0].String(); got != tt.want {
				t.Errorf("parsing %q:\ngot  %s\nwant %s", tt.src, got, tt.want)
			}
		})
	}
}

// TestParseWorks: inputs that must work, and what the page gets from them.
func TestParseWorks(t *testing.T) {
	tests := []struct {
		name, file, src string
		check           func(*Page) string
	}{
		{"BOM and CRLF", "content/glossary/x.md", "\xef\xbb\xbf---\r\ntitle: X\r\nsummary: S.\r\n---\r\nBody [[y]].\r\n", func(p *Page) string {
			if p.Title != "X" || p.Summary != "S." {
				return "title/summary not read"
			}
			if len(p.Links) != 1 || p.Links[0].Pos != (problem.Pos{Line: 5, Col: 6}) {
				return "link position wrong"
			}
			return ""
		}},
		{"keys are case-insensitive and unknown keys kept", "content/glossary/x.md", "---\nTitle: X\nSUMMARY: S.\nStatus: draft-ish\n---\n", func(p *Page) string {
			if p.Title != "X" || p.Summary != "S." || p.Params["status"] != "draft-ish" {
				return "keys not read case-insensitively"
			}
			return ""
		}},
		{"summary from first sentence", "content/glossary/x.md", "---\ntitle: X\n---\nA *thing* that does e.g. stuff. Second sentence.\n", func(p *Page) string {
			if p.Summary != "A thing that does e.g. stuff." || p.SummarySet {
				return "summary = " + p.Summary
			}
			return ""
		}},
		{"number prefix dropped from slug", "content/guide/g/01-role.md", "---\ntitle: Role\n---\n", func(p *Page) string {
			if p.Slug != "role" || p.URL != "/guide/g/role/" || p.Kind != KindChapter || p.Guide != "g" {
				return "slug/url/kind = " + p.Slug + " " + p.URL + " " + p.Kind.String()
			}
			return ""
		}},
		{"related is see-also shorthand", "content/glossary/x.md", "---\ntitle: X\nrelated: [a]\nrelations:\n  leads: b\n---\n", func(p *Page) string {
			if len(p.Relations) != 2 || p.Relations[0].Verb != "leads" || p.Relations[1].Verb != "see-also" || !p.Relations[1].Shorthand {
				return "relations wrong"
			}
			if p.Relations[1].Pos.Line != 3 {
				return "related position wrong"
			}
			return ""
		}},
		{"heading anchors unique", "content/page.md", "---\ntitle: P\n---\n## A b\n## A b\n## Custom {#mine}\n", func(p *Page) string {
			var ids []string
			for _, h := range p.Headings {
				ids = append(ids, h.ID)
			}
			if strings.Join(ids, ",") != "a-b,a-b-1,mine" {
				return "ids = " + strings.Join(ids, ",")
			}
			return ""
		}},
		{"large file", "content/glossary/x.md", "---\ntitle: X\n---\n" + strings.Repeat("Ten words of filler text that make a big file. ", 200000), func(p *Page) string {
			if p.Words < 1000000 {
				return "words not counted"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, probs := parse(t, tt.file, tt.src)
			if len(probs) > 0 || p == nil {
				t.Fatalf("parse gave problems %v", probs)
			}
			if msg := tt.check(p); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func TestCheckURL(t *testing.T) {
	for _, bad := range []string{"/a/../../x/", "/a\\b/", "/con/", "/a/\x00/", "/:unknown/"} {
		if _, msg := CheckURL(bad); msg == "" {
			t.Errorf("CheckURL(%q) accepted a URL that can escape or break the output folder", bad)
		}
	}
	for in, want := range map[string]string{"/glossary/x/": "/glossary/x/", "x": "/x/", "//a//b/": "/a/b/"} {
		if got, msg := CheckURL(in); got != want || msg != "" {
			t.Errorf("CheckURL(%q) = %q, %q; want %q", in, got, msg, want)
		}
	}
}
