package markdown

import (
	"strings"
	"testing"
)

// FuzzWikiLink: the inside of [[...]] always splits into a target without
// "#" or "|" around it, and rendering any Markdown with wiki links does not
// panic.
func FuzzWikiLink(f *testing.F) {
	for _, s := range []string{"ciso", "ciso|the CISO", "ciso#skills", "a#b|c", "|x", "#", "", "a|b|c", "  x  #  y  |  z  "} {
		f.Add(s)
	}
	md := New(Options{})
	f.Fuzz(func(t *testing.T, inner string) {
		n := ParseWikiLink(inner)
		if strings.Contains(n.Target, "|") || strings.Contains(n.Target, "#") {
			t.Fatalf("ParseWikiLink(%q).Target = %q", inner, n.Target)
		}
		if n.Target != strings.TrimSpace(n.Target) {
			t.Fatalf("target %q not trimmed", n.Target)
		}
		d := md.Parse([]byte("Text [[" + inner + "]] and [[" + inner + "]]\n"))
		if _, err := md.Render(d, nil); err != nil {
			t.Fatal(err)
		}
	})
}

func TestWikiLinks(t *testing.T) {
	md := New(Options{})
	d := md.Parse([]byte("See [[ciso|the CISO]], [[cto#skills]] and `[[code]]`.\n\n[[Board]] leads."))
	var got []string
	for _, l := range d.Links {
		got = append(got, l.Wiki.Raw+" → "+l.Wiki.Target+"#"+l.Wiki.Fragment+"|"+l.Wiki.Label)
	}
	want := "[[ciso|the CISO]] → ciso#|the CISO; [[cto#skills]] → cto#skills|; [[Board]] → Board#|"
	if strings.Join(got, "; ") != want {
		t.Errorf("links = %q\nwant   %q", strings.Join(got, "; "), want)
	}
	if !d.Links[2].Wiki.SentenceStart || d.Links[0].Wiki.SentenceStart {
		t.Error("sentence starts wrong")
	}
	if got := d.Links[1].Wiki.ShownAs(Target{Title: "Technical debt", IsTerm: true, URL: "/x/"}); got != "technical debt" {
		t.Errorf("mid-sentence term title shown as %q", got)
	}
	if got := d.Links[1].Wiki.ShownAs(Target{Title: "DevSecOps", IsTerm: true}); got != "DevSecOps" {
		t.Errorf("acronym-like title shown as %q", got)
	}
}

// Rendering reads the resolution and never changes the Doc: the same
// parsed page renders with two resolutions, and again without one.
func TestRenderLeavesDocAsParsed(t *testing.T) {
	md := New(Options{})
	d := md.Parse([]byte("The [[cto]] works with the CISO; see [risk](risk.md \"Risk\").\n"))
	plain, _ := md.Render(d, nil)
	cisoAt := strings.Index(string(d.Source), "CISO")
	res := &Resolved{
		Links: []Target{{URL: "/glossary/cto/", Title: "CTO", IsTerm: true, Hint: "The top tech job"}, {URL: "/glossary/risk/", Hint: "Risk"}},
		Auto:  []Auto{{Start: cisoAt, End: cisoAt + 4, Target: Target{URL: "/glossary/ciso/", Hint: "Security lead"}}},
	}
	got, _ := md.Render(d, res)
	want := `<p>The <a href="/glossary/cto/" title="The top tech job">CTO</a> works with the <a href="/glossary/ciso/" title="Security lead">CISO</a>; see <a href="/glossary/risk/" title="Risk">risk</a>.</p>` + "\n"
	if string(got) != want {
		t.Errorf("resolved render:\n got %s\nwant %s", got, want)
	}
	again, _ := md.Render(d, nil)
	if string(again) != string(plain) {
		t.Errorf("render without a resolution changed after a resolved render:\n got %s\nwant %s", again, plain)
	}
	if !strings.Contains(string(plain), `<a href="risk.md" title="Risk">`) || !strings.Contains(string(plain), "The cto works") {
		t.Errorf("unresolved render: %s", plain)
	}
}

func TestRawHTMLEscaped(t *testing.T) {
	src := []byte("<script>alert(1)</script>\n\nInline <b>bold</b>.\n")
	out, _ := New(Options{}).Render(New(Options{}).Parse(src), nil)
	if strings.Contains(string(out), "<script>") || strings.Contains(string(out), "<b>") {
		t.Errorf("raw HTML passed through: %s", out)
	}
	if !strings.Contains(string(out), "&lt;b&gt;bold&lt;/b&gt;") {
		t.Errorf("raw HTML not shown as text: %s", out)
	}
	md := New(Options{UnsafeHTML: true})
	out, _ = md.Render(md.Parse(src), nil)
	if !strings.Contains(string(out), "<b>bold</b>") {
		t.Errorf("unsafe_html did not pass HTML through: %s", out)
	}
}

func TestHighlighting(t *testing.T) {
	md := New(Options{})
	out, _ := md.Render(md.Parse([]byte("```go\nfunc main() {}\n```\n")), nil)
	if !strings.Contains(string(out), `class="chroma"`) || strings.Contains(string(out), "style=") {
		t.Errorf("code not highlighted with classes: %s", out)
	}
}

func TestPlainTextDecodesTypography(t *testing.T) {
	md := New(Options{})
	d := md.Parse([]byte("The team's \"lead\" -- and more...\n"))
	if got := PlainText(d.Root, d.Source); got != "The team’s “lead” – and more…" {
		t.Errorf("PlainText = %q", got)
	}
}

func TestWikiLinkInTable(t *testing.T) {
	md := New(Options{})
	d := md.Parse([]byte("| a | b |\n|---|---|\n| [[cloud-security\\|cloud]] | x |\n"))
	if len(d.Links) != 1 || d.Links[0].Wiki.Target != "cloud-security" || d.Links[0].Wiki.Label != "cloud" {
		t.Fatalf("links in a table cell = %+v", d.Links)
	}
	out, _ := md.Render(d, nil)
	if strings.Count(string(out), "<td>") != 2 {
		t.Errorf("the pipe split the cell: %s", out)
	}
}
