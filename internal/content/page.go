// Package content turns the files of a site's content/ folder into pages:
// front matter, kind, slug, URL, the parsed Markdown with its outgoing
// links and headings. It renders no HTML and resolves no links; package
// graph does that with all pages in hand.
package content

import (
	"time"

	"github.com/ctohandbook/sitegen/internal/markdown"
	"github.com/ctohandbook/sitegen/internal/memo"
	"github.com/ctohandbook/sitegen/internal/problem"
)

// Kind says what a page is, from where its file sits.
type Kind int

// The kinds of page.
const (
	KindPage    Kind = iota // content/<name>.md: about, contribute
	KindHome                // content/_index.md
	KindTerm                // content/glossary/<slug>.md
	KindGuide               // content/guide/<guide>/_index.md
	KindChapter             // content/guide/<guide>/<chapter>.md
	KindSection             // content/glossary/_index.md, content/guide/_index.md: text for a list page
)

func (k Kind) String() string {
	return [...]string{"page", "home", "term", "guide", "chapter", "section"}[k]
}

// Page is one content file, parsed.
type Page struct {
	// File is the path from the site folder: "content/glossary/cto.md".
	File string
	// Hash names the page's inputs: its path and the file's bytes. Two
	// pages with the same Hash are the same page.
	Hash memo.Key
	Kind Kind
	Slug string
	// Guide is the guide's slug, for guides and chapters.
	Guide string
	// Section is "glossary" or "guide" for section intros.
	Section string
	URL     string

	// Lang is the code of the page's language ("en", "es"); Rel its path
	// inside that language's tree ("glossary/cto.md"), the same for a
	// page and its translations.
	Lang string
	Rel  string
	// Original is, for a translation or a fallback, the default
	// language's page with the same Rel (nil when there is none).
	Original *Page
	// Fallback marks a default-language page published in another
	// language's tree because that language lacks it: the original text
	// at the other language's URL, for readers to stay in their language.
	Fallback bool

	Title string
	// TitleKey is the title lower-cased, for sorting by title.
	TitleKey string
	Summary  string
	// SummarySet says the summary came from front matter, not the body.
	SummarySet   bool
	Aka          []string
	Tags         []string
	Date         time.Time
	Updated      time.Time
	Draft        bool
	Weight       int
	Relations    []Relation
	RedirectFrom []string
	// Params holds every front matter key, lower-cased, for templates.
	Params map[string]any

	Doc      *markdown.Doc
	Links    []Link
	Headings []markdown.Heading
	Words    int
	// Text is the body as plain text, for search.
	Text string

	pos *positions
}

// Relation is one "this term <verb> <target>" from front matter.
type Relation struct {
	Verb   string
	Target string
	Pos    problem.Pos
	// Shorthand marks an entry of `related:`, which readers expect to be
	// listed on both ends.
	Shorthand bool
}

// Link is one link in the body, with where it was written.
type Link struct {
	markdown.Link
	Pos problem.Pos
}

// KeyPos is where a front matter key (or a value under it: "relations",
// "implements", "1") was written; the opening line if it cannot be found.
func (p *Page) KeyPos(path ...string) problem.Pos {
	if p.pos == nil {
		return problem.Pos{Line: 1, Col: 1}
	}
	return p.pos.find(false, path...)
}

// KeyNamePos is where the last key of path was written (the key itself,
// not its value): for messages about a key, such as an unknown verb.
func (p *Page) KeyNamePos(path ...string) problem.Pos {
	if p.pos == nil {
		return problem.Pos{Line: 1, Col: 1}
	}
	return p.pos.find(true, path...)
}

// LastMod is the updated date, else the date.
func (p *Page) LastMod() time.Time {
	if !p.Updated.IsZero() {
		return p.Updated
	}
	return p.Date
}

// ReadingMinutes is the reading time at 220 words a minute, at least 1.
func (p *Page) ReadingMinutes() int {
	m := (p.Words + 219) / 220
	if m < 1 {
		m = 1
	}
	return m
}
