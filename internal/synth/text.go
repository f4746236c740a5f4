package synth

import (
	"strconv"
	"strings"

	"github.com/ctohandbook/sitegen/internal/markdown"
)

// page writes the Markdown of one page.
type page struct {
	g    *gen
	r    *rng
	file string // the page's content file: "glossary/x.md"
	self int    // the page's term, or -1
	b    strings.Builder
	// anchors are the page's own heading IDs, for "#anchor" links.
	anchors []string
}

func (g *gen) newPage(file string, self int, r *rng) *page {
	p := &page{g: g, r: r, file: file, self: self}
	p.b.Grow(6 << 10)
	return p
}

func (p *page) bytes() []byte { return []byte(p.b.String()) }

func (p *page) w(ss ...string) {
	for _, s := range ss {
		p.b.WriteString(s)
	}
}

// target is a term to link to: half the time drawn from the power law
// (hubs), half uniformly; never the page's own term.
func (p *page) target() int {
	n := len(p.g.terms)
	j := p.r.intn(n)
	if p.r.chance(0.5) {
		j = p.r.powerLaw(n)
	}
	if j == p.self {
		j = (j + 1) % n
	}
	return j
}

// link writes a link to term j in one of the forms sitegen resolves.
// inTable leaves out the forms with a "|", which would split a cell.
func (p *page) link(j int, inTable bool) string {
	t := &p.g.terms[j]
	l := Link{From: p.file, To: t.file, Slug: t.slug, Title: t.title}
	x := p.r.intn(100)
	if inTable && x >= 35 && x < 55 {
		x = 0
	}
	switch {
	case x < 35:
		l.Wiki = true
	case x < 55:
		l.Wiki, l.Label = true, p.label(t)
	case x < 70:
		l.Wiki, l.Anchor = true, markdown.Slugify(pick(p.r, t.headings))
	case x < 75:
		l.Wiki, l.ByTitle = true, true
	case x < 95:
		l.Label = p.label(t)
	default:
		l.Label, l.Anchor = p.label(t), markdown.Slugify(pick(p.r, t.headings))
	}
	return p.g.opts.Link(l)
}

func (p *page) label(t *termInfo) string {
	switch p.r.intn(3) {
	case 0:
		return lowerFirst(t.title)
	case 1:
		return "the " + lowerFirst(t.title)
	}
	return pick(p.r, words) + " " + strings.ToLower(pick(p.r, nouns))
}

// inline is one inline element for prose: a link, a plain mention of a
// term's name (for auto-linking), code, or emphasis.
func (p *page) inline(linkBias float64) string {
	if len(p.g.terms) > 1 && p.r.chance(linkBias) {
		return p.link(p.target(), false)
	}
	switch p.r.intn(6) {
	case 0, 1:
		if len(p.g.terms) > 1 {
			t := &p.g.terms[p.target()]
			if t.aka != "" && p.r.chance(0.3) {
				return t.aka
			}
			return lowerFirst(t.title)
		}
	case 2:
		return "`" + p.ident() + "`"
	case 3:
		return "**" + pick(p.r, words) + " " + pick(p.r, words) + "**"
	}
	return "*" + pick(p.r, words) + "*"
}

// sentence writes 7 to 15 words with up to extras inline elements.
func (p *page) sentence(extras int, linkBias float64) {
	n := p.r.between(7, 15)
	at := map[int]bool{}
	for k := 0; k < extras; k++ {
		at[p.r.intn(n)] = true
	}
	for k := 0; k < n; k++ {
		w := pick(p.r, words)
		if k == 0 {
			w = upperFirst(w)
		} else {
			p.w(" ")
		}
		p.w(w)
		if at[k] {
			p.w(" ", p.inline(linkBias))
		}
		if k == n/2 && p.r.chance(0.2) {
			p.w(",")
		}
	}
	p.w(". ")
}

// paragraph writes three to five sentences.
func (p *page) paragraph(linkBias float64) {
	for k, n := 0, p.r.between(3, 5); k < n; k++ {
		p.sentence(p.r.intn(3), linkBias)
	}
	p.w("\n\n")
}

// list writes a bulleted or numbered list whose items link to terms.
func (p *page) list() {
	ordered := p.r.chance(0.3)
	for k, n := 0, p.r.between(3, 6); k < n; k++ {
		if ordered {
			p.w(strconv.Itoa(k+1), ". ")
		} else {
			p.w("- ")
		}
		if len(p.g.terms) > 1 {
			p.w(p.link(p.target(), false), ": ")
		}
		p.sentence(p.r.intn(2), 0.3)
		p.w("\n")
	}
	p.w("\n")
}

// table writes a GFM table of three to six rows.
func (p *page) table() {
	p.w("| Aspect | Owner | Effort | Notes |\n|---|---|---:|---|\n")
	for k, n := 0, p.r.between(3, 6); k < n; k++ {
		owner := pick(p.r, words)
		if len(p.g.terms) > 1 {
			owner = p.link(p.target(), true)
		}
		p.w("| ", upperFirst(pick(p.r, words)), " ", strings.ToLower(pick(p.r, nouns)), " | ", owner, " | ",
			strconv.Itoa(p.r.between(1, 13)), " | ", upperFirst(pick(p.r, words)), " ", pick(p.r, words), " ", pick(p.r, words), " |\n")
	}
	p.w("\n")
}

// sameAnchor writes a link to one of the page's own headings.
func (p *page) sameAnchor() {
	if len(p.anchors) == 0 {
		return
	}
	p.w("See [", pick(p.r, words), " ", pick(p.r, words), "](#", pick(p.r, p.anchors), ") for more. ")
}

// ident is an identifier made of the page's name and a number, so that
// code differs from page to page.
func (p *page) ident() string {
	base := strings.TrimSuffix(p.file[strings.LastIndexByte(p.file, '/')+1:], ".md")
	parts := strings.Split(base, "-")
	if len(parts) > 3 {
		parts = parts[len(parts)-3:]
	}
	for k := 1; k < len(parts); k++ {
		parts[k] = upperFirst(parts[k])
	}
	return strings.Join(parts, "") + strconv.Itoa(p.r.intn(1000))
}
