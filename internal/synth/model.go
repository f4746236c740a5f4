package synth

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/ctohandbook/sitegen/internal/markdown"
)

// gen holds what every page needs to know of the others: titles, slugs
// and headings, worked out once before any page is written.
type gen struct {
	opts   Options
	terms  []termInfo
	guides []guideInfo
}

type termInfo struct {
	title, slug, aka, file string
	// headings are the section titles, anchors their IDs.
	headings, anchors []string
}

type guideInfo struct {
	title, slug, file string
	chapters          []chapterInfo
}

type chapterInfo struct {
	title, slug, file string
	focus             int // the term the chapter is about
	first, last       int // the terms it covers most: [first, last)
}

// Stream salts, so that each purpose draws its own numbers.
const (
	saltHeadings = iota + 1
	saltTerm
	saltGuide
	saltChapter
	saltHome
)

func newGen(opts Options) *gen {
	g := &gen{opts: opts, terms: make([]termInfo, opts.Terms)}
	for i := range g.terms {
		t := &g.terms[i]
		t.title = termTitle(i)
		t.slug = markdown.Slugify(t.title)
		t.file = termFile(i)
		if newRNG(opts.Seed, saltHeadings, uint64(i), 1).chance(0.5) {
			t.aka = initials(t.title) + strconv.Itoa(i)
		}
		t.headings = termHeadings(opts.Seed, i)
		for _, h := range t.headings {
			t.anchors = append(t.anchors, markdown.Slugify(h))
		}
	}
	chapters := max(1, opts.Terms/25)
	guides := max(1, (chapters+5)/10)
	for gi := 0; gi < guides; gi++ {
		gd := guideInfo{title: guideTitle(gi)}
		gd.slug = markdown.Slugify(gd.title)
		gd.file = "guide/" + gd.slug + "/_index.md"
		lo, hi := gi*chapters/guides, (gi+1)*chapters/guides
		for c := lo; c < hi; c++ {
			focus := (c*25 + 7) % opts.Terms
			ch := chapterInfo{title: "Working with " + lowerFirst(g.terms[focus].title), focus: focus}
			ch.slug = markdown.Slugify(ch.title)
			ch.file = "guide/" + gd.slug + "/" + twoDigits(c-lo+1) + "-" + ch.slug + ".md"
			ch.first, ch.last = c*opts.Terms/chapters, (c+1)*opts.Terms/chapters
			gd.chapters = append(gd.chapters, ch)
		}
		g.guides = append(g.guides, gd)
	}
	return g
}

// termTitle is unique for every i: "Adaptive architecture" for the
// first len(adjectives)·len(nouns) terms, then "Adaptive access
// architecture", then the same with a number.
func termTitle(i int) string {
	na, nm, nn := len(adjectives), len(modifiers), len(nouns)
	if i < na*nn {
		return adjectives[i%na] + " " + nouns[i/na]
	}
	k := i - na*nn
	t := adjectives[k%na] + " " + modifiers[k/na%nm] + " " + nouns[k/(na*nm)%nn]
	if round := k / (na * nm * nn); round > 0 {
		t += " " + strconv.Itoa(round+1)
	}
	return t
}

func termFile(i int) string { return "glossary/" + markdown.Slugify(termTitle(i)) + ".md" }

// termHeadings are "What it is" and two to five others, in a fixed order.
func termHeadings(seed uint64, i int) []string {
	r := newRNG(seed, saltHeadings, uint64(i))
	k := r.between(3, 5)
	hs := []string{headings[0]}
	used := map[int]bool{0: true}
	for len(hs) < k {
		j := 1 + r.intn(len(headings)-1)
		if !used[j] {
			used[j] = true
			hs = append(hs, headings[j])
		}
	}
	return hs
}

func guideTitle(gi int) string {
	return "Guide " + strconv.Itoa(gi+1) + " on " + modifiers[gi%len(modifiers)] + " and " + nouns[(gi*7)%len(nouns)]
}

func initials(title string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return r == ' ' || r == '-' }) {
		b.WriteByte(byte(unicode.ToUpper(rune(w[0]))))
	}
	return b.String()
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
