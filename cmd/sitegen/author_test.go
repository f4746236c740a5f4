package main

import (
	"fmt"
	"path/filepath"
	"testing"
)

// TestMetadataAuthor: a page's own author (front matter) is the author
// of its JSON-LD and of its feed entry; a page without one has the site's
// (sitegen.yaml author), which the feed states once, for the whole feed.
// A term's DefinedTerm names no author: schema.org's author belongs to
// creative works, which a DefinedTerm is not, and validators warn of it.
func TestMetadataAuthor(t *testing.T) {
	const base = "https://example.org"
	dir := writeSite(t, map[string]string{
		"sitegen.yaml":              "title: Authors\nauthor: Ada Writer\nbase_url: " + base + "\n",
		"content/_index.md":         "---\ntitle: Home\n---\n",
		"content/glossary/cto.md":   "---\ntitle: CTO\nsummary: The technology executive.\ndate: 2026-01-01\n---\nWorks with the [[ciso]].\n",
		"content/glossary/ciso.md":  "---\ntitle: CISO\nsummary: The security executive.\nauthor: Bo Sec\ndate: 2026-01-02\n---\nWorks with the [[cto]].\n",
		"content/guide/g/_index.md": "---\ntitle: A guide\nsummary: Two chapters.\nauthor: Cy Guide\n---\nIntro.\n",
		"content/guide/g/01-one.md": "---\ntitle: One\nsummary: The first.\nauthor: Di Chapter\ndate: 2026-01-03\n---\nText.\n",
		"content/guide/g/02-two.md": "---\ntitle: Two\nsummary: The second.\ndate: 2026-01-04\n---\nText.\n",
	})
	out := filepath.Join(t.TempDir(), "public")
	if code, _, errs := run("build", "-source", dir, "-out", out); code != 0 {
		t.Fatalf("build failed:\n%s", errs)
	}
	pages := readPages(t, out)
	person := func(file, typ string) string {
		ld := ldOfType(pages[file], typ)
		if ld == nil {
			t.Errorf("%s has no %s JSON-LD", file, typ)
			return ""
		}
		a, _ := ld["author"].(map[string]any)
		if a["@type"] != "Person" {
			return fmt.Sprintf("not a Person: %v", ld["author"])
		}
		return fmt.Sprint(a["name"])
	}
	for _, c := range []struct{ file, typ, want string }{
		{"guide/g/one/index.html", "TechArticle", "Di Chapter"},
		{"guide/g/two/index.html", "TechArticle", "Ada Writer"},
		{"guide/g/index.html", "CreativeWork", "Cy Guide"},
	} {
		if got := person(c.file, c.typ); got != c.want {
			t.Errorf("%s: the %s's author is %q, want %q", c.file, c.typ, got, c.want)
		}
	}
	for _, file := range []string{"glossary/cto/index.html", "glossary/ciso/index.html"} {
		if ld := ldOfType(pages[file], "DefinedTerm"); ld == nil || ld["author"] != nil {
			t.Errorf("%s: DefinedTerm %v; want one without author", file, ld)
		}
	}

	var feed struct {
		Author  string `xml:"author>name"`
		Entries []struct {
			ID     string `xml:"id"`
			Author string `xml:"author>name"`
		} `xml:"entry"`
	}
	mustXML(t, filepath.Join(out, "feed.xml"), &feed)
	if feed.Author != "Ada Writer" {
		t.Errorf("the feed's author is %q, want the site's, Ada Writer", feed.Author)
	}
	want := map[string]string{ // "": the feed's author
		base + "/glossary/cto/": "", base + "/glossary/ciso/": "Bo Sec",
		base + "/guide/g/one/": "Di Chapter", base + "/guide/g/two/": "",
	}
	for _, e := range feed.Entries {
		w, ok := want[e.ID]
		if !ok {
			continue
		}
		delete(want, e.ID)
		if e.Author != w {
			t.Errorf("feed entry %s: author %q, want %q", e.ID, e.Author, w)
		}
	}
	for id := range want {
		t.Errorf("the feed has no entry %s", id)
	}
}
