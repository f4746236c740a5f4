package render

import (
	"html/template"
	"time"
)

// Site is what every page knows about the site.
type Site struct {
	Title       string
	Description string
	Language    string
	// Root is the URL of the language's home page: "/" for the default
	// language, "/es/" for another. Templates write {{.Site.Root}}glossary/
	// for a list page, so each language links within its own tree.
	Root string
	// Direction is "ltr" or "rtl", the writing direction of the language.
	Direction string
	// Languages are all the site's languages, the default first (empty
	// on a site in one language); Translations names every page in each
	// (see languages.go).
	Languages    []Language
	Translations Translations `json:"-"` // pages hash their own Alternates
	// BaseURL is absolute, without a trailing slash: "https://example.org".
	BaseURL string
	Guides  []Ref
	// EditURL is where a content file is edited, up to its path under
	// content/ ("https://github.com/org/repo/edit/main/content/"); "" for
	// no "Edit this page" link.
	EditURL string

	// Author is the site's author (sitegen.yaml author), for JSON-LD and
	// the feed; pages may name their own (front matter author).
	Author string
	// SocialCards draws a social card for every page (see deploy.go).
	SocialCards bool
	// images are the social cards' absolute URLs by page URL, filled by
	// Jobs; every input of a card's name is in its page's data too.
	images map[string]string

	// tr are the theme's strings in the site's language (Theme.Strings),
	// for what Go code writes for readers; the language is in the key.
	tr *Strings

	// commits are the content files' last commit times (Renderer.Commits),
	// read through updated: only what pages show of them is template data.
	commits map[string]time.Time
}

// Ref is a link to a page with what lists show of it.
type Ref struct {
	Title   string
	URL     string
	Summary string
	Aka     []string
	Minutes int
	Current bool
	Kind    string
	// Context is a short note shown beside the link (a guide's name).
	Context string
	// Lang is the language of the page's text when it is not the list's
	// (a fallback: the default language's page in another's tree), so
	// that lists mark it and its title is read in its language.
	Lang string
	// Updated is the page's updated date (see Site.updated), for lists
	// of recent changes.
	Updated time.Time
}

// RefGroup is one group of a compact list of links, such as the chapters
// of one guide under "Covered in".
type RefGroup struct {
	Title string
	// URL is the group's own page (a guide), or "".
	URL  string
	Refs []Ref
}

// RefList is a compact list of links in groups: the first few links
// (Shown), then the others (More, whose first group may continue the
// last shown one) behind a "Show all Count".
type RefList struct {
	Count int
	Shown []RefGroup
	More  []RefGroup
}

// PrintChapter is one chapter of a guide's printable page, with its
// rendered text.
type PrintChapter struct {
	Ref
	// ID is the chapter's anchor on the printable page.
	ID   string
	Body template.HTML
}

// Crumb is one step of the breadcrumb trail.
type Crumb struct {
	Title string
	URL   string
}

// Heading is an entry of a chapter's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// RelationGroup is the terms a term relates to under one label
// ("implements", or "implemented by" for relations declared toward it).
type RelationGroup struct {
	Label string
	Verb  string
	Terms []Ref
}

// Letter is one letter of the glossary index.
type Letter struct {
	Letter string
	ID     string
	Terms  []Ref
}

// Tag is a tag with how many pages carry it.
type Tag struct {
	Name  string
	URL   string
	Count int
}

// GuideNav is a chapter's guide: its title and chapters, the current one marked.
type GuideNav struct {
	Title    string
	URL      string
	Chapters []Ref
}

// Page is the data every template gets. Fields a layout does not use are
// empty.
type Page struct {
	Site   *Site `json:"-"` // hashed once per build (Renderer.siteKey)
	Layout string
	// Title is the page's h1; HeadTitle its <title>.
	Title       string
	HeadTitle   string
	Description string
	Canonical   string
	URL         string
	// Alternates are the page in each of the site's languages (nil on a
	// site in one language).
	Alternates []Alternate
	// Fallback marks a page shown in the default language's text because
	// its language lacks it; Canonical is then the original's, and
	// Original names it (URL, and Lang, the language of the text).
	Fallback bool
	Original *Alternate
	Crumbs   []Crumb
	CSS, JS  string
	// Body is the page's own rendered Markdown.
	Body template.HTML `json:"-"`

	// Lead is a term's definition (its summary from front matter).
	Lead    string
	Date    time.Time
	Updated time.Time
	Minutes int
	Aka     []string
	Tags    []Tag
	Params  map[string]any

	// TOC is "On this page": a chapter's, or a long term's, h2 and h3.
	TOC         []Heading
	Relations   []RelationGroup
	MentionedIn []Ref
	CoveredIn   []Ref
	// Covered and Mentioned are CoveredIn grouped by guide and
	// MentionedIn grouped by kind, as the term page shows them.
	Covered   RefList
	Mentioned RefList
	// EditURL is the link to edit this page's file, or "".
	EditURL string
	// PrintURL is a guide's printable page; Chapters its content there.
	PrintURL   string
	Chapters   []PrintChapter
	Guide      *GuideNav
	Prev, Next *Ref

	Letters []Letter
	List    []Ref
	AllTags []Tag
	Recent  []Ref

	// Graph is the inline SVG of the local or whole graph.
	Graph template.HTML `json:"-"`
	// JSONLD is the page's structured data.
	JSONLD []template.JS
	// Cards are the hover cards of the terms the page links to, as JSON.
	Cards template.JS `json:"-"`

	assets map[string]string
}

// Asset is the fingerprinted URL of a theme file ("favicon.svg"), or "".
func (p *Page) Asset(name string) string { return p.assets[name] }
