// Package synth writes synthetic sites of any size for benchmarks: a
// glossary of N terms and N/25 chapters in guides of about ten chapters,
// shaped like the CTO Handbook at scale (about 4 KB of Markdown per term).
//
// Terms have front matter (title, aka, summary, tags, date, updated),
// typed relations with the built-in verbs to a few other terms, drawn
// from a power law so that some terms are hubs, and bodies of headed
// sections with prose, wiki links ([[slug]], [[slug|label]],
// [[slug#anchor]], [[Title]]), Markdown links (../glossary/x.md),
// plain mentions of other terms' titles (for auto-linking), lists,
// tables and, in about a quarter of the sections, a fenced code block in
// one of six languages whose text differs from page to page, so that a
// cache of identical blocks cannot skip real work.
//
// Every link points to a page and heading that exist: a generated site
// builds with no problems. The same Options give the same bytes, on
// every machine and Go release (the random numbers are synth's own).
//
// synth does not build or time anything; .ci/bench and the benchmarks
// in internal/site do.
package synth

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Options say what to generate.
type Options struct {
	// Terms is the number of glossary terms; fewer than 1 means 1.
	Terms int
	// Seed varies the text; the same seed gives the same bytes.
	Seed uint64
	// Link writes one link in the Markdown. Nil writes sitegen's syntax
	// (SitegenLink); the Hugo version of a site passes its own.
	Link func(Link) string
}

// Link is one link the generator wants written.
type Link struct {
	// From is the content file that holds the link ("glossary/a.md").
	From string
	// To is the content file it points to ("glossary/b.md",
	// "guide/g/_index.md"), Slug and Title those of its page.
	To, Slug, Title string
	// Anchor is a heading ID on the target page, or "".
	Anchor string
	// Label is the link text; "" for a wiki link that shows the title.
	Label string
	// Wiki says the link is a wiki link to a term; ByTitle that it names
	// the term by its title rather than its slug.
	Wiki, ByTitle bool
}

// SitegenLink writes l in sitegen's syntax: a wiki link, or a Markdown
// link to the target's file, relative to the linking file.
func SitegenLink(l Link) string {
	if l.Wiki {
		name := l.Slug
		if l.ByTitle {
			name = l.Title
		}
		if l.Anchor != "" {
			name += "#" + l.Anchor
		}
		if l.Label != "" {
			name += "|" + l.Label
		}
		return "[[" + name + "]]"
	}
	dest := relative(l.From, l.To)
	if l.Anchor != "" {
		dest += "#" + l.Anchor
	}
	return "[" + l.Label + "](" + dest + ")"
}

// relative is the path from file from to file to, both under content/:
// the base name within one folder (a guide's chapters), else up to
// content/ and down again ("../glossary/x.md"), as writers do.
func relative(from, to string) string {
	if d := path.Dir(from); d != "glossary" && d == path.Dir(to) {
		return path.Base(to)
	}
	up := 0
	if d := path.Dir(from); d != "." {
		up = strings.Count(d, "/") + 1
	}
	return strings.Repeat("../", up) + to
}

// Site generates the site: slash paths relative to the site folder
// (sitegen.yaml, content/...) to their bytes.
func Site(opts Options) map[string][]byte {
	if opts.Terms < 1 {
		opts.Terms = 1
	}
	if opts.Link == nil {
		opts.Link = SitegenLink
	}
	g := newGen(opts)
	files := map[string][]byte{
		"sitegen.yaml":               []byte("title: Synthetic Handbook\ndescription: A generated glossary and guides for benchmarks.\nbase_url: https://example.org\nlanguage: en\n"),
		"content/_index.md":          g.home(),
		"content/glossary/_index.md": g.glossaryIndex(),
	}
	type job struct {
		name string
		make func() []byte
	}
	var jobs []job
	for i := range g.terms {
		jobs = append(jobs, job{"content/" + g.terms[i].file, func() []byte { return g.term(i) }})
	}
	for gi := range g.guides {
		gd := &g.guides[gi]
		jobs = append(jobs, job{"content/" + gd.file, func() []byte { return g.guideIndex(gi) }})
		for ci := range gd.chapters {
			jobs = append(jobs, job{"content/" + gd.chapters[ci].file, func() []byte { return g.chapter(gi, ci) }})
		}
	}
	// Each page depends only on the options and its index: generate
	// them on all cores.
	out := make([][]byte, len(jobs))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := w; k < len(jobs); k += workers {
				out[k] = jobs[k].make()
			}
		}()
	}
	wg.Wait()
	for k, j := range jobs {
		files[j.name] = out[k]
	}
	return files
}

// TermFile is the file of term i ("content/glossary/<slug>.md"), the
// same in a site of any size, for benchmarks that edit one.
func TermFile(i int) string { return "content/" + termFile(i) }

// Write writes files (slash path → bytes, as Site returns them) under
// dir, creating folders as needed. It does not remove other files.
func Write(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	made := map[string]bool{}
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
	}
	return nil
}
