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
	// BaseURL is absolute, without a trailing slash: "https://example.org".
	BaseURL string
	Guides  []Ref
	// Author is the site's author (sitegen.yaml author), for JSON-LD and
	// the feed; pages may name their own (front matter author).
	Author string
	// SocialCards draws a social card for every page (see deploy.go).
	SocialCards bool
	// images are the social cards' absolute URLs by page URL, filled by
	// Jobs; every input of a card's name is in its page's data too.
	images map[string]string
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
	Site   *Site
	Layout string
	// Title is the page's h1; HeadTitle its <title>.
	Title       string
	HeadTitle   string
	Description string
	Canonical   string
	URL         string
	Crumbs      []Crumb
	CSS, JS     string
	// Body is the page's own rendered Markdown.
	Body template.HTML

	// Lead is a term's definition (its summary from front matter).
	Lead    string
	Date    time.Time
	Updated time.Time
	Minutes int
	Aka     []string
	Tags    []Tag
	Params  map[string]any

	TOC         []Heading
	Relations   []RelationGroup
	MentionedIn []Ref
	CoveredIn   []Ref
	Guide       *GuideNav
	Prev, Next  *Ref

	Letters []Letter
	List    []Ref
	AllTags []Tag
	Recent  []Ref

	// Graph is the inline SVG of the local or whole graph.
	Graph template.HTML
	// JSONLD is the page's structured data.
	JSONLD []template.JS
	// Cards are the hover cards of the terms the page links to, as JSON.
	Cards template.JS

	assets map[string]string
}

// Asset is the fingerprinted URL of a theme file ("favicon.svg"), or "".
func (p *Page) Asset(name string) string { return p.assets[name] }
