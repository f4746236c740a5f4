package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"sort"
	"strings"
	"time"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
)

// What search engines and feed readers get: JSON-LD on every page, a
// sitemap, robots.txt and an Atom feed. All URLs are absolute (BaseURL),
// and nothing depends on the time of the build.

type ld map[string]any

// jsonLD encodes structured data for a <script type="application/ld+json">.
// json.Marshal escapes <, > and &, so a title cannot close the script.
func jsonLD(v any) template.JS {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return template.JS(b)
}

func (site *Site) abs(url string) string { return site.BaseURL + url }

// breadcrumbLD is the BreadcrumbList of a page's visible trail, or ""
// for a page without one (the home page, the 404 page): a list of one
// item is no trail, and validators want at least two.
func breadcrumbLD(site *Site, crumbs []Crumb, title, url string) template.JS {
	if len(crumbs) < 2 {
		return ""
	}
	items := make([]ld, len(crumbs))
	for i, c := range crumbs {
		items[i] = ld{"@type": "ListItem", "position": i + 1, "name": c.Title, "item": site.abs(c.URL)}
	}
	return jsonLD(ld{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items})
}

func glossarySetLD(site *Site) ld {
	return ld{"@type": "DefinedTermSet", "@id": site.abs(site.u("/glossary/")), "name": site.tr.T("glossary_set_name", site.Title), "url": site.abs(site.u("/glossary/")), "inLanguage": site.Hreflang()}
}

// stamp is a date as JSON-LD and Atom want it: RFC 3339, with its time
// zone (UTC for a plain date of front matter).
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// author is who wrote p: its front matter author, else the site's.
func author(site *Site, p *content.Page) string {
	if p != nil {
		if a, ok := p.Params["author"].(string); ok && strings.TrimSpace(a) != "" {
			return strings.TrimSpace(a)
		}
	}
	return site.Author
}

// authorLD is a page's author as JSON-LD: a Person when one is named,
// else the site itself as the Organization that publishes it.
func authorLD(site *Site, p *content.Page) ld {
	if a := author(site, p); a != "" {
		return ld{"@type": "Person", "name": a}
	}
	return ld{"@type": "Organization", "name": site.Title, "url": site.abs(site.Root)}
}

// pageLD is the main structured data of a content page, matching what the
// page shows: its title as name or headline, its summary as description.
func pageLD(site *Site, g *graph.Graph, p *content.Page) template.JS {
	url := site.abs(p.URL)
	// The language of the text: a fallback's is its original's.
	lang := site.Hreflang()
	if p.Fallback && p.Original != nil {
		lang = Hreflang(p.Original.Lang)
	}
	dates := func(m ld) ld {
		m["inLanguage"] = lang
		if !p.Date.IsZero() {
			m["datePublished"] = stamp(p.Date)
		}
		if t := site.lastMod(p); !t.IsZero() {
			m["dateModified"] = stamp(t)
		}
		if img := site.images[p.URL]; img != "" {
			m["image"] = img
		}
		return m
	}
	switch p.Kind {
	case content.KindTerm:
		m := ld{"@context": "https://schema.org", "@type": "DefinedTerm", "@id": url, "url": url,
			"name": p.Title, "description": p.Summary, "inDefinedTermSet": glossarySetLD(site)}
		if len(p.Aka) > 0 {
			m["alternateName"] = p.Aka
		}
		if img := site.images[p.URL]; img != "" {
			m["image"] = img
		}
		return jsonLD(m)
	case content.KindChapter:
		m := dates(ld{"@context": "https://schema.org", "@type": "TechArticle", "@id": url, "url": url,
			"headline": p.Title, "description": p.Summary, "inLanguage": site.Language,
			"author":    authorLD(site, p),
			"publisher": ld{"@type": "Organization", "name": site.Title, "url": site.abs(site.Root)}})
		if gd := g.GuideOf[p]; gd != nil {
			m["isPartOf"] = ld{"@type": "CreativeWork", "@id": site.abs(gd.Page.URL), "name": gd.Page.Title, "url": site.abs(gd.Page.URL)}
		}
		return jsonLD(m)
	case content.KindGuide:
		m := dates(ld{"@context": "https://schema.org", "@type": "CreativeWork", "@id": url, "url": url,
			"name": p.Title, "description": p.Summary, "inLanguage": site.Language, "author": authorLD(site, p)})
		if gd := g.GuideOf[p]; gd != nil {
			var parts []ld
			for _, c := range gd.Chapters {
				parts = append(parts, ld{"@type": "TechArticle", "headline": c.Title, "url": site.abs(c.URL)})
			}
			m["hasPart"] = parts
		}
		return jsonLD(m)
	case content.KindHome:
		m := ld{"@context": "https://schema.org", "@type": "WebSite", "@id": url, "url": url,
			"name": site.Title, "inLanguage": lang}
		if site.Description != "" {
			m["description"] = site.Description
		}
		if img := site.images[p.URL]; img != "" {
			m["image"] = img
		}
		return jsonLD(m)
	}
	return jsonLD(dates(ld{"@context": "https://schema.org", "@type": "WebPage", "@id": url, "url": url,
		"name": p.Title, "description": p.Summary}))
}

// collectionLD describes a list page by its visible title.
func collectionLD(site *Site, d *Page) template.JS {
	m := ld{"@context": "https://schema.org", "@type": "CollectionPage", "@id": site.abs(d.URL),
		"url": site.abs(d.URL), "name": d.Title, "description": d.MetaDescription(), "inLanguage": site.Hreflang()}
	if img := site.images[d.URL]; img != "" {
		m["image"] = img
	}
	return jsonLD(m)
}

// glossaryLD describes the glossary index as the DefinedTermSet, listing
// its terms while the list stays a reasonable size.
func glossaryLD(site *Site, g *graph.Graph) template.JS {
	m := glossarySetLD(site)
	m["@context"] = "https://schema.org"
	if len(g.Terms) <= 1000 {
		terms := make([]ld, len(g.Terms))
		for i, t := range g.Terms {
			terms[i] = ld{"@type": "DefinedTerm", "name": t.Title, "url": site.abs(t.URL)}
		}
		m["hasDefinedTerm"] = terms
	}
	return jsonLD(m)
}

type sitemapURL struct {
	Loc     string
	LastMod string
	// Alts are the URL's translations, hreflang and absolute URL, with
	// x-default last; empty on a site in one language.
	Alts [][2]string
}

// sitemap lists every indexable page of every language with an absolute
// URL, where front matter has a date its last modification, and, on a
// multilingual site, its translations (hreflang alternates). Fallback
// pages are left out: their canonical page is the original.
func sitemap(eds []Edition) ([]byte, error) {
	var urls []sitemapURL
	multi := false
	for i := range eds {
		e := &eds[i]
		site := e.Site()
		alts := func(key string) [][2]string {
			var out [][2]string
			var first string
			for _, a := range site.alternates(key) {
				if a.Translated {
					if first == "" {
						first = site.abs(a.URL)
					}
					out = append(out, [2]string{a.Hreflang(), site.abs(a.URL)})
				}
			}
			if len(out) < 2 {
				return nil
			}
			multi = true
			return append(out, [2]string{"x-default", first})
		}
		for _, p := range e.G.Pages {
			if p.Kind == content.KindSection || p.Fallback {
				continue
			}
			u := sitemapURL{Loc: site.abs(p.URL), Alts: alts("file:" + p.Rel)}
			if t := site.lastMod(p); !t.IsZero() {
				u.LastMod = t.Format("2006-01-02")
			}
			urls = append(urls, u)
		}
		// The search page is indexable too (see NoIndex), though no list.
		for _, l := range append(e.lists(), site.u("/search/")) {
			urls = append(urls, sitemapURL{Loc: site.abs(l), Alts: alts(site.listKey(l))})
		}
	}
	sort.Slice(urls, func(i, j int) bool { return urls[i].Loc < urls[j].Loc })
	var b bytes.Buffer
	b.Grow(len(urls) * 100)
	b.WriteString(xml.Header)
	if multi {
		b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	} else {
		b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	}
	esc := func(s string) error { return xml.EscapeText(&b, []byte(s)) }
	for _, u := range urls {
		b.WriteString("<url><loc>")
		if err := esc(u.Loc); err != nil {
			return nil, err
		}
		b.WriteString("</loc>")
		if u.LastMod != "" {
			b.WriteString("<lastmod>" + u.LastMod + "</lastmod>")
		}
		for _, a := range u.Alts {
			b.WriteString(`<xhtml:link rel="alternate" hreflang="` + a[0] + `" href="`)
			if err := esc(a[1]); err != nil {
				return nil, err
			}
			b.WriteString(`"/>`)
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes(), nil
}

func robots(site *Site) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + site.abs("/sitemap.xml") + "\n")
}

// FeedSize is how many entries the Atom feed carries.
const FeedSize = 50

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title     string   `xml:"title"`
	ID        string   `xml:"id"`
	Link      atomLink `xml:"link"`
	Published string   `xml:"published,omitempty"`
	Updated   string   `xml:"updated"`
	// Author is set when it differs from the feed's.
	Author   *atomPerson `xml:"author,omitempty"`
	Summary  string      `xml:"summary,omitempty"`
	Category []struct {
		Term string `xml:"term,attr"`
	} `xml:"category"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

// feed is the Atom feed of new and updated terms and chapters, newest
// first. Pages without a date are left out; the feed's own date is its
// newest entry's, so two builds of the same input give the same feed.
func feed(site *Site, g *graph.Graph) ([]byte, error) {
	var pages []*content.Page
	for _, p := range g.Pages {
		if (p.Kind == content.KindTerm || p.Kind == content.KindChapter) && !p.Fallback && !site.lastMod(p).IsZero() {
			pages = append(pages, p)
		}
	}
	sort.SliceStable(pages, func(i, j int) bool {
		a, b := site.lastMod(pages[i]), site.lastMod(pages[j])
		if !a.Equal(b) {
			return a.After(b)
		}
		return pages[i].URL < pages[j].URL
	})
	if len(pages) > FeedSize {
		pages = pages[:FeedSize]
	}
	f := atomFeed{Title: site.Title, Subtitle: site.Description, ID: site.abs(site.Root), Updated: stamp(time.Unix(0, 0))}
	f.Author.Name = site.Title
	if site.Author != "" {
		f.Author.Name = site.Author
	}
	f.Links = []atomLink{{Href: site.abs(site.u("/feed.xml")), Rel: "self", Type: "application/atom+xml"}, {Href: site.abs(site.Root), Rel: "alternate", Type: "text/html"}}
	if len(pages) > 0 {
		f.Updated = stamp(site.lastMod(pages[0]))
	}
	for _, p := range pages {
		e := atomEntry{Title: p.Title, ID: site.abs(p.URL), Link: atomLink{Href: site.abs(p.URL), Rel: "alternate", Type: "text/html"},
			Updated: stamp(site.lastMod(p)), Summary: p.Summary}
		if a := author(site, p); a != "" && a != f.Author.Name {
			e.Author = &atomPerson{Name: a}
		}
		if !p.Date.IsZero() {
			e.Published = stamp(p.Date)
		}
		for _, t := range p.Tags {
			e.Category = append(e.Category, struct {
				Term string `xml:"term,attr"`
			}{t})
		}
		f.Entries = append(f.Entries, e)
	}
	b, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	return append([]byte(xml.Header), append(b, '\n')...), nil
}
