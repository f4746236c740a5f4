package render

import (
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/memo"
	"github.com/ctohandbook/sitegen/internal/social"
)

// What hosts and link previews get besides the pages: the _headers file
// and, with social_cards on, one social card per page.

// DeployJobs are the _headers file and the social cards. Jobs adds them.
// It fills site.images, which pages read through Page.Image, so it runs
// before any page is made.
func (r *Renderer) DeployJobs(g *graph.Graph, site *Site) []Job {
	var jobs []Job
	if !r.Secondary {
		var prefixes []string
		for _, l := range site.Languages[min(1, len(site.Languages)):] {
			prefixes = append(prefixes, strings.TrimSuffix(l.Root, "/"))
		}
		headers := HeadersFile(prefixes...)
		jobs = append(jobs, Job{Path: "_headers", Make: func() ([]byte, error) { return headers, nil }})
	}
	if !site.SocialCards {
		return jobs
	}
	colors := social.ColorsFromCSS(r.Theme.Files()[strings.TrimPrefix(r.Theme.Assets["style.css"], "/")])
	cards := map[string]social.Card{}
	put := func(url, kind, title string, aka []string, summary string) {
		c := social.Card{Site: site.Title, Host: host(site.BaseURL), Kind: kind,
			Title: title, Aka: aka, Summary: summary, Colors: colors}
		if len(aka) > 0 {
			c.Also = site.tr.T("card_also", joinAka(aka))
		}
		cards[url] = c
	}
	for _, p := range g.Pages {
		if p.Kind == content.KindSection {
			continue
		}
		kind := ""
		switch p.Kind {
		case content.KindTerm:
			kind = site.tr.T("glossary")
		case content.KindGuide:
			kind = site.tr.T("guide")
		case content.KindChapter:
			if gd := g.GuideOf[p]; gd != nil {
				kind = gd.Page.Title
			}
		}
		title := p.Title
		if p.Kind == content.KindHome {
			title = site.Title
		}
		put(p.URL, kind, title, p.Aka, p.Summary)
	}
	tr := site.tr
	glossary, guides := tr.T("glossary"), tr.T("guides")
	glossaryText, guidesText := site.glossaryDescription(len(g.Terms)), site.guidesDescription(len(g.Guides))
	if sec := g.Sections["glossary"]; sec != nil {
		glossary = sec.Title
		if sec.Summary != "" {
			glossaryText = sec.Summary
		}
	}
	if sec := g.Sections["guide"]; sec != nil {
		guides = sec.Title
	}
	put(site.u("/glossary/"), "", glossary, nil, glossaryText)
	put(site.u("/guide/"), "", guides, nil, guidesText)
	put(site.u("/tags/"), "", tr.T("tags"), nil, site.tagsDescription(len(g.Tags)))
	put(site.u("/graph/"), "", tr.T("concept_graph"), nil, tr.T("graph_description"))
	put(site.u("/search/"), "", tr.T("search"), nil, tr.T("search_description"))
	put(site.u("/404.html"), "", tr.T("not_found"), nil, tr.T("not_found_description", site.Title))
	for _, tag := range sortedTags(g) {
		put(site.TagURL(tag), tr.T("card_tag"), tr.T("tagged", tag), nil, tr.T("tagged_description", tag))
	}
	for _, gd := range g.Guides {
		if u := printURL(g, gd); u != "" {
			put(u, tr.T("guide"), gd.Page.Title, nil, gd.Page.Summary)
		}
	}
	site.images = make(map[string]string, len(cards))
	drawn := map[string]bool{}
	urls := make([]string, 0, len(cards))
	for u := range cards {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	for _, url := range urls {
		c := cards[url]
		name := "cards/" + c.Name()
		site.images[url] = site.abs("/" + name)
		if drawn[name] {
			continue
		}
		drawn[name] = true
		jobs = append(jobs, Job{Path: name, Final: true, Make: func() ([]byte, error) { return r.card(c) }})
	}
	return jobs
}

// card draws c, or finds it drawn before: its fields are its whole input.
// A card drawn counts in Executed, as work the cache did not save.
func (r *Renderer) card(c social.Card) ([]byte, error) {
	h := memo.New("social-card").Key(r.Salt)
	if err := h.JSON(c); err != nil {
		return nil, err
	}
	key := h.Sum()
	if b, ok := r.Cache.Get("file", key); ok {
		return b, nil
	}
	r.executed.Add(1)
	b, err := social.Draw(c)
	if err != nil {
		return nil, err
	}
	r.Cache.Put("file", key, b)
	return b, nil
}

// host is what a card shows of the site's address: "example.org/handbook".
func host(baseURL string) string {
	if i := strings.Index(baseURL, "://"); i >= 0 {
		baseURL = baseURL[i+3:]
	}
	return strings.TrimRight(baseURL, "/")
}

// Image is the absolute URL of the page's social card, or "" when the
// site draws none.
func (p *Page) Image() string { return p.Site.images[p.URL] }

// NoIndex says whether search engines should leave the page out: the 404
// page, which answers for addresses that do not exist, and a fallback
// (an untranslated copy, whose canonical page is the original). Such
// pages are not in the sitemap. The search page is indexable: it is the
// site's search box, with a canonical URL (/search/, whatever the query)
// and a place in the sitemap.
func (p *Page) NoIndex() bool { return p.Layout == "404" || p.Fallback }

// Locale is the site's language in OpenGraph's language_TERRITORY form,
// with the most likely territory when the language names none: "en" is
// "en_US", "pt-BR" "pt_BR", "de" "de_DE".
func (s *Site) Locale() string {
	tag, err := language.Parse(s.Language)
	if err != nil {
		return strings.ReplaceAll(s.Language, "-", "_")
	}
	base, _ := tag.Base()
	region, conf := tag.Region()
	if conf == language.No {
		return base.String()
	}
	return base.String() + "_" + region.String()
}

// MetaDescription is the page's meta description: its own, else one made
// from what the page lists, so that no page goes without one and list
// pages do not all repeat the site's description.
func (p *Page) MetaDescription() string {
	s := p.Site
	own := p.Description != "" && (p.Description != s.Description || p.Layout == "home")
	if own {
		return p.Description
	}
	switch p.Layout {
	case "glossary":
		n := 0
		for _, l := range p.Letters {
			n += len(l.Terms)
		}
		return s.glossaryDescription(n)
	case "guides":
		return s.guidesDescription(len(p.List))
	case "tags":
		return s.tagsDescription(len(p.AllTags))
	case "404":
		return s.tr.T("not_found_description", s.Title)
	case "home":
		return s.tr.T("home_description", s.Title)
	}
	if p.Description != "" {
		return p.Description
	}
	return s.tr.T("page_description", "title", p.Title, "site", s.Title)
}

func (s *Site) glossaryDescription(n int) string {
	return s.tr.N("glossary_description", n, "site", s.Title)
}

func (s *Site) guidesDescription(n int) string {
	return s.tr.N("guides_description", n, "site", s.Title)
}

func (s *Site) tagsDescription(n int) string {
	return s.tr.N("tags_description", n, "site", s.Title)
}
