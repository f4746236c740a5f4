package content

import (
	"strings"
	"testing"

	"github.com/ctohandbook/sitegen/internal/markdown"
)

// FuzzParse: any bytes as a content file give a page or problems that
// name the file, never a panic; a page always has a safe URL.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: X\n---\nBody [[y]].\n",
		"---\ntitle: [a\n---\n",
		"---\r\ntitle: X\r\n---\r\n",
		"\xef\xbb\xbf---\ntitle: X\nrelations:\n  leads: [a, b]\n---\n",
		"---\ntitle: X\nslug: ../x\n---\n",
		"---\n- a\n---\n",
		"---\ntitle: X\n",
		"",
		"---\ntitle: X\naka: {a: b}\ndate: 2020-13-45\n---\n# H {#id}\n[[]] [[a|b#c]]",
	} {
		f.Add([]byte(seed))
	}
	md := markdown.New(markdown.Options{})
	f.Fuzz(func(t *testing.T, src []byte) {
		p, probs := Parse("content/glossary/f.md", src, md, Options{})
		for _, pr := range probs {
			if pr.File != "content/glossary/f.md" || pr.Msg == "" {
				t.Fatalf("problem without file or message: %+v", pr)
			}
		}
		if p == nil {
			if len(probs) == 0 {
				t.Fatal("no page and no problem")
			}
			return
		}
		if _, msg := CheckURL(p.URL); msg != "" || !strings.HasPrefix(p.URL, "/") {
			t.Fatalf("page URL %q is unsafe", p.URL)
		}
		for _, seg := range strings.Split(p.URL, "/") {
			if seg == ".." || seg == "." || strings.HasSuffix(seg, ".") {
				t.Fatalf("page URL %q has segment %q", p.URL, seg)
			}
		}
	})
}

// FuzzSlug: a slug CheckSlug accepts, put into a permalink, gives a URL
// that cannot leave the output folder.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"cto", "../x", "a/b", "con", ".hidden", "a\\b", "x\x00", "%2e%2e", "ünïcode"} {
		f.Add(s, "/glossary/:slug/")
	}
	f.Add("x", "/:slug/")
	f.Add("x", "/../:slug/")
	f.Fuzz(func(t *testing.T, slug, pattern string) {
		if CheckSlug(slug) != "" {
			return
		}
		u, msg := CheckURL(strings.ReplaceAll(pattern, ":slug", slug))
		if msg != "" {
			return
		}
		for _, seg := range strings.Split(u, "/") {
			if seg == ".." || seg == "." || strings.ContainsAny(seg, "\\\x00") {
				t.Fatalf("slug %q in %q gave URL %q with segment %q", slug, pattern, u, seg)
			}
		}
		if !strings.HasPrefix(u, "/") || !strings.HasSuffix(u, "/") {
			t.Fatalf("URL %q is not a folder URL", u)
		}
	})
}
