package synth

import (
	"strconv"
	"strings"

	"github.com/ctohandbook/sitegen/internal/markdown"
)

// frontDate is a day of 2026 drawn from r, and a later one for updated.
func frontDate(r *rng) (date, updated string) {
	m, d := r.between(1, 11), r.between(1, 28)
	date = "2026-" + twoDigits(m) + "-" + twoDigits(d)
	updated = "2026-" + twoDigits(r.between(m+1, 12)) + "-" + twoDigits(r.between(1, 28))
	return date, updated
}

// summary is one sentence about a page, safe as a plain YAML scalar.
func (p *page) summary(subject string) string {
	var b strings.Builder
	b.WriteString(subject)
	b.WriteString(" is how")
	for k, n := 0, p.r.between(6, 14); k < n; k++ {
		b.WriteString(" ")
		b.WriteString(pick(p.r, words))
	}
	b.WriteString(".")
	return b.String()
}

// term is the Markdown of term i.
func (g *gen) term(i int) []byte {
	t := &g.terms[i]
	p := g.newPage(t.file, i, newRNG(g.opts.Seed, saltTerm, uint64(i)))
	p.anchors = t.anchors
	r := p.r
	p.w("---\ntitle: ", t.title, "\n")
	if t.aka != "" {
		p.w("aka: [", t.aka, "]\n")
	}
	p.w("summary: ", p.summary(t.title), "\n")
	p.w("tags: [", pick(r, tags))
	for k, n := 0, r.intn(3); k < n; k++ {
		p.w(", ", pick(r, tags))
	}
	p.w("]\n")
	date, updated := frontDate(r)
	p.w("date: ", date, "\n")
	if r.chance(0.5) {
		p.w("updated: ", updated, "\n")
	}
	p.relations(i)
	p.w("---\n")
	for _, h := range t.headings {
		p.w("## ", h, "\n\n")
		for k, n := 0, r.between(1, 2); k < n; k++ {
			p.paragraph(0.35)
		}
		p.extras()
	}
	return p.bytes()
}

// extras writes what a section may hold besides prose.
func (p *page) extras() {
	if p.r.chance(0.3) {
		p.list()
	}
	if p.r.chance(0.12) {
		p.table()
	}
	if p.r.chance(0.25) {
		p.code()
	}
	if p.r.chance(0.15) {
		p.sameAnchor()
		p.w("\n\n")
	}
}

// relations writes the relations of term i: one to four, to terms
// before it, drawn from a power law (so early terms become hubs).
// Declaring them only towards earlier terms means no pair is declared
// from both ends. (No "related:" entries: one-way ones are warnings.)
func (p *page) relations(i int) {
	if i == 0 {
		return
	}
	r := p.r
	byVerb := make([][]int, len(verbs))
	used := map[int]bool{}
	for k, n := 0, min(i, r.between(1, 4)); k < n; k++ {
		j := r.powerLaw(i)
		if used[j] {
			continue
		}
		used[j] = true
		v := r.intn(len(verbs))
		byVerb[v] = append(byVerb[v], j)
	}
	p.w("relations:\n")
	for v, js := range byVerb {
		if len(js) == 0 {
			continue
		}
		p.w("  ", verbs[v], ": [")
		for k, j := range js {
			if k > 0 {
				p.w(", ")
			}
			p.w(p.g.terms[j].slug)
		}
		p.w("]\n")
	}
}

// chapter is the Markdown of chapter ci of guide gi.
func (g *gen) chapter(gi, ci int) []byte {
	gd := &g.guides[gi]
	ch := &gd.chapters[ci]
	p := g.newPage(ch.file, -1, newRNG(g.opts.Seed, saltChapter, uint64(gi), uint64(ci)))
	r := p.r
	date, _ := frontDate(r)
	p.w("---\ntitle: ", ch.title, "\nsummary: ", p.summary(upperFirst(ch.title)), "\nweight: ", strconv.Itoa(ci+1), "\ndate: ", date, "\n---\n")
	focus := &g.terms[ch.focus]
	p.w("This chapter is about ", g.opts.Link(Link{From: ch.file, To: focus.file, Slug: focus.slug, Title: focus.title, Wiki: true}), ". ")
	if ci > 0 {
		prev := &gd.chapters[ci-1]
		p.w("It builds on ", g.opts.Link(Link{From: ch.file, To: prev.file, Slug: prev.slug, Title: prev.title, Label: "the previous chapter"}), ". ")
	}
	p.paragraph(0.3)
	hs := pickHeadings(r, r.between(4, 7))
	for _, h := range hs {
		p.anchors = append(p.anchors, markdown.Slugify(h))
	}
	for _, h := range hs {
		p.w("## ", h, "\n\n")
		for k, n := 0, r.between(1, 2); k < n; k++ {
			p.coverParagraph(ch)
		}
		p.extras()
	}
	if ci+1 < len(gd.chapters) {
		next := &gd.chapters[ci+1]
		p.w("Next: ", g.opts.Link(Link{From: ch.file, To: next.file, Slug: next.slug, Title: next.title, Label: next.title}), ". ")
	}
	p.w("Back to ", g.opts.Link(Link{From: ch.file, To: gd.file, Slug: gd.slug, Title: gd.title, Label: "the guide"}), ".\n")
	return p.bytes()
}

// coverParagraph is a paragraph of a chapter that links mostly to the
// terms the chapter covers.
func (p *page) coverParagraph(ch *chapterInfo) {
	for k, n := 0, p.r.between(3, 6); k < n; k++ {
		p.sentence(p.r.intn(3), 0.3)
		if p.r.chance(0.4) && ch.last > ch.first {
			j := ch.first + p.r.intn(ch.last-ch.first)
			p.w("This is where ", p.link(j, false), " comes in. ")
		}
	}
	p.w("\n\n")
}

func pickHeadings(r *rng, k int) []string {
	var hs []string
	used := map[int]bool{}
	for len(hs) < min(k, len(chapterHeadings)) {
		j := r.intn(len(chapterHeadings))
		if !used[j] {
			used[j] = true
			hs = append(hs, chapterHeadings[j])
		}
	}
	return hs
}

// guideIndex is the landing page of guide gi.
func (g *gen) guideIndex(gi int) []byte {
	gd := &g.guides[gi]
	p := g.newPage(gd.file, -1, newRNG(g.opts.Seed, saltGuide, uint64(gi)))
	date, _ := frontDate(p.r)
	p.w("---\ntitle: ", gd.title, "\nsummary: ", p.summary("This guide"), "\nweight: ", strconv.Itoa(gi+1), "\ndate: ", date, "\n---\n")
	p.paragraph(0.3)
	p.paragraph(0.3)
	p.w("The chapters:\n\n")
	for _, ch := range gd.chapters {
		p.w("- ", g.opts.Link(Link{From: gd.file, To: ch.file, Slug: ch.slug, Title: ch.title, Label: ch.title}), "\n")
	}
	p.w("\n")
	return p.bytes()
}

// home is the home page: the guides and the biggest hubs.
func (g *gen) home() []byte {
	p := g.newPage("_index.md", -1, newRNG(g.opts.Seed, saltHome))
	p.w("---\ntitle: Synthetic Handbook\n---\n")
	p.paragraph(0.2)
	p.w("## Guides\n\n")
	for _, gd := range g.guides {
		p.w("- ", g.opts.Link(Link{From: "_index.md", To: gd.file, Slug: gd.slug, Title: gd.title, Label: gd.title}), "\n")
	}
	p.w("\n## Start with\n\n")
	for j := 0; j < min(10, len(g.terms)); j++ {
		t := &g.terms[j]
		p.w("- ", g.opts.Link(Link{From: "_index.md", To: t.file, Slug: t.slug, Title: t.title, Wiki: true}), "\n")
	}
	p.w("\n")
	return p.bytes()
}

func (g *gen) glossaryIndex() []byte {
	p := g.newPage("glossary/_index.md", -1, newRNG(g.opts.Seed, saltHome, 1))
	p.w("---\ntitle: Glossary\n---\n")
	p.paragraph(0.2)
	return p.bytes()
}
