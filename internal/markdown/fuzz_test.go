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
		if _, err := md.Render(d); err != nil {
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
	d.Links[1].Wiki.Title, d.Links[1].Wiki.IsTerm, d.Links[1].Wiki.URL = "Technical debt", true, "/x/"
	if got := d.Links[1].Wiki.Shown(); got != "technical debt" {
		t.Errorf("mid-sentence term title shown as %q", got)
	}
	d.Links[1].Wiki.Title = "DevSecOps"
	if got := d.Links[1].Wiki.Shown(); got != "DevSecOps" {
		t.Errorf("acronym-like title shown as %q", got)
	}
}

func TestRawHTMLEscaped(t *testing.T) {
	src := []byte("<script>alert(1)</script>\n\nInline <b>bold</b>.\n")
	out, _ := New(Options{}).Render(New(Options{}).Parse(src))
	if strings.Contains(string(out), "<script>") || strings.Contains(string(out), "<b>") {
		t.Errorf("raw HTML passed through: %s", out)
	}
	if !strings.Contains(string(out), "&lt;b&gt;bold&lt;/b&gt;") {
		t.Errorf("raw HTML not shown as text: %s", out)
	}
	md := New(Options{UnsafeHTML: true})
	out, _ = md.Render(md.Parse(src))
	if !strings.Contains(string(out), "<b>bold</b>") {
		t.Errorf("unsafe_html did not pass HTML through: %s", out)
	}
}

func TestHighlighting(t *testing.T) {
	md := New(Options{})
	out, _ := md.Render(md.Parse([]byte("```go\nfunc main() {}\n```\n")))
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
	out, _ := md.Render(d)
	if strings.Count(string(out), "<td>") != 2 {
		t.Errorf("the pipe split the cell: %s", out)
	}
}
