package render

import (
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/output"
)

// A whole guide on one page, to print or save as PDF:
// /guide/<guide>/print/ holds the guide's introduction, a table of
// contents and every chapter in order, without the site's navigation.
// The stylesheet's print rules break pages between chapters and print
// where each link goes.

// printURL is the printable page of a guide, or "" when a page of the
// site already has that address (a chapter with the slug "print").
func printURL(g *graph.Graph, gd *graph.Guide) string {
	u := gd.Page.URL + "print/"
	if !strings.HasSuffix(gd.Page.URL, "/") || g.ByURL[u] != nil {
		return ""
	}
	return u
}

// PrintJobs are the printable pages of the site's guides. Jobs adds them.
func (r *Renderer) PrintJobs(g *graph.Graph, site *Site) []Job {
	var jobs []Job
	for _, gd := range g.Guides {
		gd := gd
		u := printURL(g, gd)
		if u == "" {
			continue
		}
		jobs = append(jobs, Job{Path: output.PathFor(u), Page: gd.Page, Final: true,
			Make: func() ([]byte, error) { return r.printPage(g, site, gd, u) }})
	}
	return jobs
}

func (r *Renderer) printPage(g *graph.Graph, site *Site, gd *graph.Guide, url string) ([]byte, error) {
	d := r.base(site, "print", gd.Page.Title, gd.Page.Summary, url)
	// The printable page repeats the guide: search engines should index
	// the guide and its chapters, so its canonical URL is the guide's.
	d.Canonical = site.abs(gd.Page.URL)
	if o := gd.Page.Original; gd.Page.Fallback && o != nil {
		// An untranslated guide's printable page is a fallback too.
		d.Fallback, d.Canonical = true, site.abs(o.URL)
		d.Original = &Alternate{Language: site.Languages[0], URL: o.URL, Translated: true}
	}
	d.Crumbs = []Crumb{{Title: site.tr.T("home"), URL: site.Root}, {Title: site.tr.T("guides"), URL: site.u("/guide/")},
		{Title: gd.Page.Title, URL: gd.Page.URL}, {Title: site.tr.T("print"), URL: url}}
	d.Minutes = GuideMinutes(gd)
	d.Updated = site.updated(gd.Page)
	for _, c := range gd.Chapters {
		if t := site.updated(c); t.After(d.Updated) {
			d.Updated = t
		}
	}
	anchors := map[string]string{}
	for _, c := range gd.Chapters {
		anchors[c.URL] = "chapter-" + c.Slug
	}
	intro, err := r.Body(g, gd.Page)
	if err != nil {
		return nil, err
	}
	d.Body = template.HTML(inline(string(intro), "intro", 0, anchors, site.BaseURL))
	for _, c := range gd.Chapters {
		body, err := r.Body(g, c)
		if err != nil {
			return nil, err
		}
		rf := ref(c)
		rf.Updated = site.updated(c)
		d.Chapters = append(d.Chapters, PrintChapter{Ref: rf, ID: anchors[c.URL],
			Body: template.HTML(inline(string(body), c.Slug, 1, anchors, site.BaseURL))})
	}
	d.JSONLD = []template.JS{pageLD(site, g, gd.Page), breadcrumbLD(site, d.Crumbs, d.Title, d.URL)}
	return r.execute("print", d, lazy{})
}

var (
	headingTag = regexp.MustCompile(`(</?h)([1-5])\b`)
	idAttr     = regexp.MustCompile(` id="([^"]*)"`)
	hrefAttr   = regexp.MustCompile(` href="([^"]*)"`)
)

// inline fits one chapter's rendered HTML into the guide's printable
// page: headings go shift levels down (a chapter's title is the h2), IDs
// get the chapter's slug in front so that chapters cannot clash, and
// links within the chapter or to other chapters of the guide become
// links within the page. Links to other pages of the site carry their
// absolute address in data-url, which the print stylesheet prints after
// the link. It reads only the HTML our Markdown renderer writes.
func inline(body, slug string, shift int, chapters map[string]string, base string) string {
	body = headingTag.ReplaceAllStringFunc(body, func(m string) string {
		sub := headingTag.FindStringSubmatch(m)
		n, _ := strconv.Atoi(sub[2])
		return sub[1] + strconv.Itoa(n+shift)
	})
	body = idAttr.ReplaceAllString(body, ` id="`+slug+`-$1"`)
	return hrefAttr.ReplaceAllStringFunc(body, func(m string) string {
		href := hrefAttr.FindStringSubmatch(m)[1]
		switch path, frag, hasFrag := strings.Cut(href, "#"); {
		case path == "" && hasFrag:
			return ` href="#` + slug + "-" + frag + `"`
		case chapters[path] != "":
			if hasFrag {
				other := strings.TrimPrefix(chapters[path], "chapter-")
				return ` href="#` + other + "-" + frag + `"`
			}
			return ` href="#` + chapters[path] + `"`
		case strings.HasPrefix(path, "/") && !strings.HasPrefix(path, "//"):
			return m + ` data-url="` + base + href + `"`
		}
		return m
	})
}
