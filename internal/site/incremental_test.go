package site

import (
	"flag"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ctohandbook/sitegen/themes"
	"io/fs"
)

// TestIncrementalEqualsFull applies a long, seeded sequence of edits, adds,
// renames and deletes to a site, calls Rebuild after each with the paths
// that changed, and checks that the result equals a fresh full build of
// the same files: the same problems, and byte-identical output.
//
// Each step costs a full build, so the default is a few seconds' worth;
// -steps runs longer sequences (go test ./internal/site -run
// IncrementalEqualsFull -steps 500).
func TestIncrementalEqualsFull(t *testing.T) {
	for seed := int64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed=", seed), func(t *testing.T) {
			testIncremental(t, seed, *steps)
		})
	}
}

var steps = flag.Int("steps", 40, "edits per seed in TestIncrementalEqualsFull")

func testIncremental(t *testing.T, seed int64, steps int) {
	const n = 40
	fsys := GeneratedSite(n)
	rng := rand.New(rand.NewSource(seed))
	// Odd seeds run as watch mode does: the search index completes later.
	lazy := seed%2 == 1
	s, probs := New(fsys, Options{LazySearch: lazy})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if res := s.Build(); !res.OK() {
		t.Fatal(res.Problems)
	}
	term := func(i int) string { return fmt.Sprintf("content/glossary/term-%d.md", i) }
	edit := func(file string, f func(string) string) {
		fsys[file] = &fstest.MapFile{Data: []byte(f(string(fsys[file].Data)))}
	}
	added := 0
	var addedTerms, guides []string
	brokenFile := ""
	for step := 0; step < steps; step++ {
		var changed []string
		var what string
		i := rng.Intn(n)
		for fsys[term(i)] == nil {
			i = rng.Intn(n)
		}
		j := (i + 1 + rng.Intn(n-1)) % n
		for fsys[term(j)] == nil || j == i {
			j = rng.Intn(n)
		}
		switch op := rng.Intn(16); {
		case brokenFile != "":
			what = "fix the broken link"
			edit(brokenFile, func(s string) string { return strings.ReplaceAll(s, "[[no-such-term]]", "fixed") })
			changed, brokenFile = []string{brokenFile}, ""
		case op == 0:
			what = "edit a body"
			edit(term(i), func(s string) string { return s + "\nMore text in step " + fmt.Sprint(step) + ".\n" })
			changed = []string{term(i)}
		case op == 1:
			what = "change a summary"
			edit(term(i), func(s string) string {
				return strings.Replace(s, "summary: ", fmt.Sprintf("summary: Step %d. ", step), 1)
			})
			changed = []string{term(i)}
		case op == 2:
			what = "change a title"
			edit(term(i), func(s string) string {
				return strings.Replace(s, "title: ", fmt.Sprintf("title: S%d ", step), 1)
			})
			changed = []string{term(i)}
		case op == 3:
			what = "add a link"
			edit(term(i), func(s string) string { return s + fmt.Sprintf("\nAlso [[term-%d]].\n", j) })
			changed = []string{term(i)}
		case op == 4:
			what = "add a relation"
			edit(term(i), func(s string) string {
				return strings.Replace(s, "relations:\n", fmt.Sprintf("relations:\n  leads: [term-%d]\n", j), 1)
			})
			changed = []string{term(i)}
		case op == 5:
			what = "drop the relations"
			edit(term(i), func(s string) string {
				a := strings.Index(s, "relations:\n")
				if a < 0 {
					return s
				}
				b := strings.Index(s[a:], "\n---\n")
				if b < 0 {
					return s
				}
				return s[:a] + "relations: {}" + s[a+b:]
			})
			changed = []string{term(i)}
		case op == 6:
			what = "add a term"
			added++
			f := fmt.Sprintf("content/glossary/new-%d.md", added)
			fsys[f] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: New %d\nsummary: A new term.\ntags: [fresh]\nrelations:\n  part-of: [term-%d]\n---\nAbout [[term-%d]].\n", added, j, i))}
			addedTerms = append(addedTerms, f)
			changed = []string{f}
		case op == 7 && len(addedTerms) > 0:
			what = "rename an added term (its URL changes)"
			k := rng.Intn(len(addedTerms))
			from := addedTerms[k]
			to := strings.Replace(from, "new-", "renamed-", 1)
			if fsys[to] != nil {
				continue
			}
			fsys[to] = fsys[from]
			delete(fsys, from)
			addedTerms[k] = to
			changed = []string{from, to}
		case op == 8 && len(addedTerms) > 0:
			what = "delete an added term"
			k := rng.Intn(len(addedTerms))
			delete(fsys, addedTerms[k])
			changed = []string{addedTerms[k]}
			addedTerms = append(addedTerms[:k], addedTerms[k+1:]...)
		case op == 9:
			what = "add a guide folder"
			g := fmt.Sprintf("content/guide/g%d", step)
			fsys[g+"/_index.md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Guide %d\nweight: %d\n---\nIntro.\n", step, step))}
			fsys[g+"/01-one.md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: One of %d\nweight: 2\n---\nOn [[term-%d]].\n\n## A\n", step, i))}
			fsys[g+"/02-two.md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Two of %d\nweight: 1\n---\nOn [[term-%d]].\n", step, j))}
			guides = append(guides, g)
			changed = []string{g}
		case op == 10 && len(guides) > 0:
			what = "delete a guide folder"
			k := rng.Intn(len(guides))
			for f := range fsys {
				if strings.HasPrefix(f, guides[k]+"/") {
					delete(fsys, f)
				}
			}
			changed = []string{guides[k]}
			guides = append(guides[:k], guides[k+1:]...)
		case op == 11 && len(guides) > 0:
			what = "reorder chapters"
			g := guides[rng.Intn(len(guides))]
			edit(g+"/01-one.md", func(s string) string { return strings.Replace(s, "weight: 2", "weight: 0", 1) })
			changed = []string{g + "/01-one.md"}
		case op == 12:
			what = "break a link"
			edit(term(i), func(s string) string { return s + "\nSee [[no-such-term]].\n" })
			changed, brokenFile = []string{term(i)}, term(i)
		case op == 13:
			what = "override a theme template"
			base, _ := fs.ReadFile(themes.Default(), "templates/term.html")
			fsys["themes/default/templates/term.html"] = &fstest.MapFile{Data: []byte(strings.Replace(string(base), "Glossary term", fmt.Sprintf("Term (step %d)", step), 1))}
			changed = []string{"themes/default/templates/term.html"}
		case op == 14:
			what = "change tags"
			edit(term(i), func(s string) string { return strings.Replace(s, "tags: [", "tags: [extra, ", 1) })
			changed = []string{term(i)}
		default:
			what = "add a static file"
			f := fmt.Sprintf("static/files/f%d.txt", step)
			fsys[f] = &fstest.MapFile{Data: []byte("static")}
			changed = []string{f}
		}
		inc := s.Rebuild(changed)
		if job := s.PendingSearch(); lazy && inc.OK() && job != nil {
			inc.Files, _ = s.CompleteSearch(job, job.Run())
		}
		fresh, _ := New(fsys, Options{})
		full := fresh.Build()
		inc.Warnings = s.Graph.Warnings()
		if got, want := problemText(inc), problemText(full); got != want {
			t.Fatalf("step %d (%s, %v): incremental problems differ from a full build's:\n%s\nwant:\n%s", step, what, changed, got, want)
		}
		if full.OK() != inc.OK() {
			t.Fatalf("step %d (%s): incremental OK=%v, full OK=%v", step, what, inc.OK(), full.OK())
		}
		if !full.OK() {
			continue
		}
		if diff := inc.Files.Diff(full.Files); len(diff) > 0 {
			t.Fatalf("step %d (%s, %v): incremental output differs from a full build in %d files, first %s:\n%s\nwant:\n%s",
				step, what, changed, len(diff), diff[0], inc.Files[diff[0]], full.Files[diff[0]])
		}
	}
}

// TestRebuildRendersLittle: editing one term's body re-renders that page
// (and what lists every page's text), not the site.
func TestRebuildRendersLittle(t *testing.T) {
	fsys := GeneratedSite(200)
	s, _ := New(fsys, Options{})
	first := s.Build()
	f := "content/glossary/term-7.md"
	fsys[f] = &fstest.MapFile{Data: append(append([]byte{}, fsys[f].Data...), "\nOne more sentence.\n"...)}
	res := s.Rebuild([]string{f})
	if !res.OK() {
		t.Fatal(res.Problems)
	}
	var pages []string
	search := 0
	for _, c := range res.Changed {
		if strings.HasPrefix(c, "search/") {
			search++
		} else {
			pages = append(pages, c)
		}
	}
	// The page itself and the search files holding its words; nothing
	// else is executed or minified again.
	if res.Stats.Rendered > 1+search || first.Stats.Rendered < 200 {
		t.Errorf("a body edit re-rendered %d files (the first build rendered %d; %d search files changed)", res.Stats.Rendered, first.Stats.Rendered, search)
	}
	if len(pages) != 1 || pages[0] != "glossary/term-7/index.html" {
		t.Errorf("changed = %v, want only the edited term's page (and the search index)", res.Changed)
	}
}

// TestFixAfterBrokenBuild: a build stopped by a broken link keeps what
// the last good build made, so the build that fixes the link renders only
// the page that changed, not the whole site again.
func TestFixAfterBrokenBuild(t *testing.T) {
	fsys := GeneratedSite(100)
	s, _ := New(fsys, Options{})
	if first := s.Build(); !first.OK() {
		t.Fatal(first.Problems)
	}
	f := "content/glossary/term-7.md"
	good := fsys[f].Data
	fsys[f] = &fstest.MapFile{Data: append(append([]byte{}, good...), "\nSee [[no-such-term]].\n"...)}
	if res := s.Rebuild([]string{f}); res.OK() {
		t.Fatal("a broken link built")
	}
	fsys[f] = &fstest.MapFile{Data: append(append([]byte{}, good...), "\nOne more sentence.\n"...)}
	res := s.Rebuild([]string{f})
	if !res.OK() {
		t.Fatal(res.Problems)
	}
	search := 0
	for _, c := range res.Changed {
		if strings.HasPrefix(c, "search/") {
			search++
		}
	}
	if res.Stats.Rendered > 1+search {
		t.Errorf("the build that fixed the link rendered %d files; want the edited page and %d search files", res.Stats.Rendered, search)
	}
}
