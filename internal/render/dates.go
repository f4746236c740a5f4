package render

import (
	"time"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
)

// What "updated" means, in one place: every page, the home page's
// "Recently updated" list, the feed and the sitemap read their dates from
// here, so they cannot disagree.

// updated is when p last changed, as far as anything real says: its
// updated date in front matter, else the time of its file's last commit
// (Renderer.Commits), else zero. A page's publication date is not an
// update.
func (s *Site) updated(p *content.Page) time.Time {
	if p == nil {
		return time.Time{}
	}
	if !p.Updated.IsZero() {
		return p.Updated
	}
	return s.commits[p.File]
}

// lastMod is the date search engines and feed readers get: the updated
// date, else the publication date.
func (s *Site) lastMod(p *content.Page) time.Time {
	if t := s.updated(p); !t.IsZero() {
		return t
	}
	return p.Date
}

// GuideMinutes is a guide's reading time "in all": the sum of its
// chapters' reading times, as its chapter list shows them. The guide page
// and the list of guides both show this number.
func GuideMinutes(gd *graph.Guide) int {
	n := 0
	for _, c := range gd.Chapters {
		n += c.ReadingMinutes()
	}
	return n
}
