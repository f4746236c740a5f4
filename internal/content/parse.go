package content

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ctohandbook/sitegen/internal/markdown"
	"github.com/ctohandbook/sitegen/internal/memo"
	"github.com/ctohandbook/sitegen/internal/problem"
)

// Options say how files become pages.
type Options struct {
	// Permalinks maps a section ("glossary", "guide", "pages") to its URL
	// pattern with :slug and :guide.
	Permalinks map[string]string
	// Default is the code of the site's default language ("en"), whose
	// pages live in content/ and are served from /.
	Default string
	// Languages are the codes of the site's other languages: the pages of
	// language "es" live in content/es/ and are served from /es/.
	Languages []string
}

// language says which language a content file belongs to and its path
// inside that language's tree ("glossary/cto.md"), which names the page
// across translations.
func (o Options) language(file string) (code, rel string) {
	rel = strings.TrimPrefix(file, "content/")
	if dir, r, ok := strings.Cut(rel, "/"); ok {
		for _, l := range o.Languages {
			if strings.EqualFold(dir, l) { // content/pt-br/ for pt-BR
				return l, r
			}
		}
	}
	return o.Default, rel
}

// Prefix is the URL prefix of a language's pages: "" for the default
// language, "/es" for Spanish, always in lower case ("/pt-br").
func (o Options) Prefix(code string) string {
	if code == o.Default {
		return ""
	}
	return "/" + strings.ToLower(code)
}

// DefaultPermalinks are the URL patterns used when a site sets none.
var DefaultPermalinks = map[string]string{
	"glossary": "/glossary/:slug/",
	"guide":    "/guide/:guide/:slug/",
	"pages":    "/:slug/",
}

// MaxFileSize is the largest content file read; larger files are an error.
const MaxFileSize = 32 << 20

// Parse turns one content file into a page. file is its path from the site
// folder ("content/glossary/cto.md"). Every problem found is returned;
// the page is nil when it cannot be used at all.
func Parse(file string, raw []byte, md *markdown.Markdown, opts Options) (*Page, []problem.Problem) {
	var probs []problem.Problem
	bad := func(pos problem.Pos, format string, args ...any) {
		probs = append(probs, problem.Problem{File: file, Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	src, err := normalize(raw)
	if err != nil {
		bad(err.pos, "%s", err.msg)
		return nil, probs
	}
	lang, rel := opts.language(file)
	kind, section, guide, base := classify(rel)
	p := &Page{File: file, Hash: memo.New("page").String(file).Bytes(raw).Sum(), Kind: kind, Section: section, Guide: guide, Lang: lang, Rel: rel}

	doc := md.Parse(src)
	p.Doc = doc
	switch {
	case doc.MetaEnd < 0:
		bad(problem.Pos{Line: 1, Col: 1}, "front matter opened here is never closed (add a line \"---\" after it)")
		return nil, probs
	case doc.MetaEnd == 0:
		bad(problem.Pos{Line: 1, Col: 1}, "missing front matter: a page starts with \"---\", its YAML (at least a title), and \"---\"")
		return nil, probs
	}
	firstLine := 1 + bytes.Count(src[:doc.MetaStart], []byte("\n"))
	p.pos = &positions{yaml: src[doc.MetaStart:doc.MetaEnd], firstLine: firstLine}
	if doc.MetaErr != nil {
		bad(yamlProblemPos(src[doc.MetaStart:doc.MetaEnd], firstLine), "malformed front matter: %s", yamlMessage(src[doc.MetaStart:doc.MetaEnd]))
		return nil, probs
	}
	fm := lowerKeys(doc.Meta)
	p.Params = fm

	str := func(key string) string {
		v, ok := fm[key]
		if !ok || v == nil {
			return ""
		}
		switch v := v.(type) {
		case string:
			return strings.TrimSpace(v)
		case int, int64, float64, bool:
			return fmt.Sprint(v)
		case time.Time:
			return v.Format("2006-01-02")
		}
		bad(p.KeyPos(key), "%s must be text, not %s", key, describe(v))
		return ""
	}
	p.Title = str("title")
	if p.Title == "" {
		if _, ok := fm["title"]; !ok {
			bad(problem.Pos{Line: firstLine - 1, Col: 1}, "missing title in front matter")
		} else if _, isStr := fm["title"].(string); isStr || fm["title"] == nil {
			bad(p.KeyPos("title"), "title is empty") // (a list or mapping was reported by str)
		}
	}
	p.TitleKey = strings.ToLower(p.Title)
	p.Summary = str("summary")
	p.SummarySet = p.Summary != ""
	p.Aka = p.strings(fm, "aka", bad)
	p.Tags = p.strings(fm, "tags", bad)
	for i, t := range p.Tags {
		p.Tags[i] = strings.ToLower(t)
	}
	p.RedirectFrom = p.strings(fm, "redirect_from", bad)
	p.Date = p.date(fm, "date", bad)
	p.Updated = p.date(fm, "updated", bad)
	if v, ok := fm["draft"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			bad(p.KeyPos("draft"), "draft must be true or false, not %s", describe(v))
		}
		p.Draft = b
	}
	if v, ok := fm["weight"]; ok {
		n, isInt := v.(int)
		if !isInt {
			bad(p.KeyPos("weight"), "weight must be a whole number, not %s", describe(v))
		}
		p.Weight = n
	}
	p.Relations = p.relations(fm, bad)

	p.Slug = str("slug")
	if p.Slug == "" {
		p.Slug = slugFromFile(base)
	} else if msg := CheckSlug(p.Slug); msg != "" {
		bad(p.KeyPos("slug"), "slug %q %s", p.Slug, msg)
		p.Slug = slugFromFile(base)
	}
	if msg := CheckSlug(p.Slug); msg != "" && kind != KindHome && kind != KindSection {
		bad(problem.Pos{}, "file name gives slug %q, which %s", p.Slug, msg)
		return nil, probs
	}
	url, err2 := p.url(opts)
	if err2 != "" {
		bad(problem.Pos{}, "%s", err2)
		return nil, probs
	}
	p.URL = url

	p.Headings = doc.Headings
	text := markdown.PlainText(doc.Root, src)
	p.Text = text
	p.Words = len(strings.Fields(text))
	if p.Summary == "" {
		p.Summary = firstSentence(doc, src)
	}
	lines := lineStarts(src)
	for _, l := range doc.Links {
		p.Links = append(p.Links, Link{Link: l, Pos: position(lines, src, l.Offset)})
	}
	doc.Compact() // the tree is most of a page's memory; Render re-parses
	p.pos = p.pos.released()
	return p, probs
}

type inputError struct {
	pos problem.Pos
	msg string
}

// normalize checks that raw is UTF-8 text and returns it without a BOM and
// with "\n" line endings (line numbers are unchanged).
func normalize(raw []byte) ([]byte, *inputError) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, &inputError{problem.Pos{}, "empty file: a page needs front matter with at least a title"}
	}
	if len(raw) > MaxFileSize {
		return nil, &inputError{problem.Pos{}, fmt.Sprintf("file is %d MB; the limit is %d MB", len(raw)>>20, MaxFileSize>>20)}
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return nil, &inputError{posAt(raw, i), "binary file (NUL byte): content files must be UTF-8 Markdown"}
	}
	if !utf8.Valid(raw) {
		i := 0
		for i < len(raw) {
			r, n := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		return nil, &inputError{posAt(raw, i), "file is not valid UTF-8 (save it as UTF-8)"}
	}
	if bytes.IndexByte(raw, '\r') >= 0 {
		raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
		raw = bytes.ReplaceAll(raw, []byte("\r"), []byte("\n"))
	}
	return raw, nil
}

func posAt(src []byte, off int) problem.Pos {
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(src[:off], '\n')
	return problem.Pos{Line: line, Col: col}
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

func position(starts []int, src []byte, off int) problem.Pos {
	i := sort.Search(len(starts), func(i int) bool { return starts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return problem.Pos{Line: i + 1, Col: 1 + utf8.RuneCount(src[starts[i]:off])}
}

// classify reads a page's kind from where its file sits in its
// language's tree (rel: "glossary/cto.md").
func classify(rel string) (kind Kind, section, guide, base string) {
	dir, name := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	base = strings.TrimSuffix(name, ".md")
	parts := strings.Split(dir, "/")
	switch {
	case dir == "" && base == "_index":
		return KindHome, "", "", base
	case dir == "":
		return KindPage, "", "", base
	case dir == "glossary" && base == "_index":
		return KindSection, "glossary", "", base
	case dir == "glossary":
		return KindTerm, "glossary", "", base
	case dir == "guide" && base == "_index":
		return KindSection, "guide", "", base
	case len(parts) == 2 && parts[0] == "guide" && base == "_index":
		return KindGuide, "guide", slugFromFile(parts[1]), base
	case len(parts) == 2 && parts[0] == "guide":
		return KindChapter, "guide", slugFromFile(parts[1]), base
	}
	return KindPage, "", "", base
}
