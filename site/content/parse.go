package content

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ctohandbook/sitegen/site/markdown"
	"gopkg.in/yaml.v3"
)

// Options say how files become pages.
type Options struct {
	// Permalinks maps a section ("glossary", "guide", "pages") to its URL
	// pattern with :slug and :guide.
	Permalinks map[string]string
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
func Parse(file string, raw []byte, md *markdown.Markdown, opts Options) (*Page, []Problem) {
	var probs []Problem
	bad := func(pos Pos, format string, args ...any) {
		probs = append(probs, Problem{File: file, Pos: pos, Msg: fmt.Sprintf(format, args...)})
	}
	src, err := normalize(raw)
	if err != nil {
		bad(err.pos, "%s", err.msg)
		return nil, probs
	}
	kind, section, guide, base := classify(file)
	p := &Page{File: file, Kind: kind, Section: section, Guide: guide}

	doc := md.Parse(src)
	p.Doc = doc
	switch {
	case doc.MetaEnd < 0:
		bad(Pos{1, 1}, "front matter opened here is never closed (add a line \"---\" after it)")
		return nil, probs
	case doc.MetaEnd == 0:
		bad(Pos{1, 1}, "missing front matter: a page starts with \"---\", its YAML (at least a title), and \"---\"")
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
			bad(Pos{firstLine - 1, 1}, "missing title in front matter")
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
		bad(Pos{}, "file name gives slug %q, which %s", p.Slug, msg)
		return nil, probs
	}
	url, err2 := p.url(opts)
	if err2 != "" {
		bad(Pos{}, "%s", err2)
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
	return p, probs
}

type inputError struct {
	pos Pos
	msg string
}

// normalize checks that raw is UTF-8 text and returns it without a BOM and
// with "\n" line endings (line numbers are unchanged).
func normalize(raw []byte) ([]byte, *inputError) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, &inputError{Pos{}, "empty file: a page needs front matter with at least a title"}
	}
	if len(raw) > MaxFileSize {
		return nil, &inputError{Pos{}, fmt.Sprintf("file is %d MB; the limit is %d MB", len(raw)>>20, MaxFileSize>>20)}
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

func posAt(src []byte, off int) Pos {
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(src[:off], '\n')
	return Pos{line, col}
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

func position(starts []int, src []byte, off int) Pos {
	i := sort.Search(len(starts), func(i int) bool { return starts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return Pos{Line: i + 1, Col: 1 + utf8.RuneCount(src[starts[i]:off])}
}

// classify reads a page's kind from where its file sits.
func classify(file string) (kind Kind, section, guide, base string) {
	rel := strings.TrimPrefix(file, "content/")
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

var numberPrefix = regexp.MustCompile(`^[0-9]+[-_.]`)

// slugFromFile is a file name without a leading number prefix:
// "01-role" → "role".
func slugFromFile(base string) string {
	if s := numberPrefix.ReplaceAllString(base, ""); s != "" {
		return strings.ToLower(s)
	}
	return strings.ToLower(base)
}

// CheckSlug says what is wrong with a slug, or "" if it is safe to use
// as one segment of an output path.
func CheckSlug(s string) string {
	switch {
	case s == "":
		return "is empty"
	case s == "." || s == "..":
		return "is not a name"
	case strings.ContainsAny(s, "/\\\x00"):
		return "contains a slash, backslash or NUL"
	case strings.HasPrefix(s, "."):
		return "starts with a dot"
	case strings.ContainsAny(s, "?#%<>\"'` \t\n"):
		return "contains a character that is not allowed in a URL segment"
	}
	if reservedName(s) {
		return "is a name reserved by Windows"
	}
	return ""
}

func reservedName(s string) bool {
	u := strings.ToUpper(s)
	if i := strings.IndexByte(u, '.'); i >= 0 {
		u = u[:i]
	}
	switch u {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		return true
	}
	return false
}

// url applies the section's permalink pattern.
func (p *Page) url(opts Options) (string, string) {
	pattern := func(key string) string {
		if s, ok := opts.Permalinks[key]; ok && s != "" {
			return s
		}
		return DefaultPermalinks[key]
	}
	var u string
	switch p.Kind {
	case KindHome:
		return "/", ""
	case KindSection:
		return "/" + p.Section + "/", ""
	case KindTerm:
		u = strings.ReplaceAll(pattern("glossary"), ":slug", p.Slug)
	case KindGuide:
		u = strings.ReplaceAll(pattern("guide"), ":guide", p.Guide)
		u = strings.ReplaceAll(u, "/:slug", "")
		u = strings.ReplaceAll(u, ":slug", "")
	case KindChapter:
		u = strings.ReplaceAll(pattern("guide"), ":guide", p.Guide)
		u = strings.ReplaceAll(u, ":slug", p.Slug)
	default:
		rel := strings.TrimPrefix(p.File, "content/")
		dir := path.Dir(rel)
		u = strings.ReplaceAll(pattern("pages"), ":slug", p.Slug)
		if dir != "." {
			u = "/" + dir + u
		}
	}
	return CheckURL(u)
}

// CheckURL cleans a page URL made from a permalink pattern and says what
// is wrong with it if it could escape the output folder.
func CheckURL(u string) (string, string) {
	switch {
	case strings.ContainsAny(u, "\\\x00"):
		return "", fmt.Sprintf("URL %q contains a backslash or NUL", u)
	case !strings.HasPrefix(u, "/"):
		u = "/" + u
	}
	for _, seg := range strings.Split(u, "/") {
		if seg == ".." || seg == "." {
			return "", fmt.Sprintf("URL %q contains %q", u, seg)
		}
		if seg != "" && reservedName(seg) {
			return "", fmt.Sprintf("URL %q contains the reserved name %q", u, seg)
		}
	}
	if strings.Contains(u, ":") {
		return "", fmt.Sprintf("URL %q has an unknown placeholder (use :slug or :guide)", u)
	}
	u = path.Clean(u)
	if u != "/" {
		u += "/"
	}
	return u, ""
}

func (p *Page) strings(fm map[string]any, key string, bad func(Pos, string, ...any)) []string {
	v, ok := fm[key]
	if !ok || v == nil {
		return nil
	}
	switch v := v.(type) {
	case string:
		if strings.TrimSpace(v) == "" {
			return nil
		}
		return []string{strings.TrimSpace(v)}
	case []any:
		var out []string
		for i, e := range v {
			switch e := e.(type) {
			case string:
				if s := strings.TrimSpace(e); s != "" {
					out = append(out, s)
				}
			case int, float64, bool:
				out = append(out, fmt.Sprint(e))
			default:
				bad(p.KeyPos(key, fmt.Sprint(i)), "%s: each entry must be text, not %s", key, describe(e))
			}
		}
		return out
	}
	bad(p.KeyPos(key), "%s must be a list of text, not %s", key, describe(v))
	return nil
}

func (p *Page) date(fm map[string]any, key string, bad func(Pos, string, ...any)) time.Time {
	v, ok := fm[key]
	if !ok || v == nil {
		return time.Time{}
	}
	s, isStr := v.(string)
	if t, isTime := v.(time.Time); isTime {
		return t.UTC()
	}
	if isStr {
		for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
			if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
				return t.UTC()
			}
		}
	}
	bad(p.KeyPos(key), "%s %v is not a date (write YYYY-MM-DD)", key, v)
	return time.Time{}
}

// relations reads `relations:` (verb → targets) and `related:` (shorthand
// for see-also). Verbs are checked later, against the site's vocabulary.
func (p *Page) relations(fm map[string]any, bad func(Pos, string, ...any)) []Relation {
	var out []Relation
	if v, ok := fm["relations"]; ok && v != nil {
		m, isMap := v.(map[string]any)
		if !isMap {
			bad(p.KeyPos("relations"), "relations must map a verb to a list of terms, not %s", describe(v))
		}
		verbs := make([]string, 0, len(m))
		for verb := range m {
			verbs = append(verbs, verb)
		}
		sort.Strings(verbs)
		for _, verb := range verbs {
			key := strings.ToLower(strings.TrimSpace(verb))
			targets := m[verb]
			var list []any
			switch t := targets.(type) {
			case string:
				list = []any{t}
			case []any:
				list = t
			case nil:
			default:
				bad(p.KeyPos("relations", verb), "relations: %s must list term slugs, not %s", verb, describe(targets))
			}
			for i, t := range list {
				s, isStr := t.(string)
				if !isStr {
					bad(p.KeyPos("relations", verb, fmt.Sprint(i)), "relations: %s: each target must be a term slug, not %s", verb, describe(t))
					continue
				}
				out = append(out, Relation{Verb: key, Target: strings.TrimSpace(s), Pos: p.KeyPos("relations", verb, fmt.Sprint(i))})
			}
		}
	}
	for i, t := range p.strings(fm, "related", bad) {
		out = append(out, Relation{Verb: "see-also", Target: t, Pos: p.KeyPos("related", fmt.Sprint(i)), Shorthand: true})
	}
	return out
}

// lowerKeys makes front matter keys case-insensitive and converts the
// YAML decoder's nested maps to map[string]any.
func lowerKeys(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = plain(v)
	}
	return out
}

func plain(v any) any {
	switch v := v.(type) {
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[fmt.Sprint(k)] = plain(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = plain(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = plain(e)
		}
		return out
	}
	return v
}

func describe(v any) string {
	switch v.(type) {
	case []any:
		return "a list"
	case map[string]any, map[any]any:
		return "a mapping"
	case nil:
		return "nothing"
	case bool:
		return "true/false"
	case int, float64:
		return "a number"
	}
	return fmt.Sprintf("%T", v)
}

// yamlProblemPos finds the line of a YAML syntax error by decoding again
// with a decoder that reports lines.
func yamlProblemPos(text []byte, firstLine int) Pos {
	var n yaml.Node
	err := yaml.Unmarshal(text, &n)
	if err == nil {
		if n.Kind == yaml.DocumentNode && len(n.Content) > 0 && n.Content[0].Kind != yaml.MappingNode {
			return Pos{firstLine + n.Content[0].Line - 1, n.Content[0].Column}
		}
		return Pos{firstLine - 1, 1}
	}
	if line, msg := yamlErrorLine(err.Error()); line > 0 {
		// yaml.v3 counts lines from 0 in parser errors ("did not find
		// expected ...") and from 1 in scanner errors.
		if strings.HasPrefix(msg, "did not find expected") {
			line++
		}
		return Pos{firstLine + line - 1, 0}
	}
	return Pos{firstLine - 1, 1}
}

func yamlMessage(text []byte) string {
	var n yaml.Node
	err := yaml.Unmarshal(text, &n)
	if err == nil {
		return "front matter must be a mapping of keys to values (title: ..., summary: ...)"
	}
	_, msg := yamlErrorLine(err.Error())
	return msg
}
