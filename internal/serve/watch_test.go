package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// rebuildLine matches the terminal's line for one rebuild.
var rebuildLine = regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d (.+): (\d+) files? changed, (\d+) pages? rendered, (\d+) ms$`)

func rebuilds(p *preview) [][]string { return rebuildLine.FindAllStringSubmatch(p.stdout.String(), -1) }

// TestEditReloads: saving a term on disk sends open pages a reload event
// listing its page, the page is served new, and the terminal prints one
// line saying what changed.
func TestEditReloads(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir)
	tab := p.listen(t)
	writeFile(t, dir, "content/glossary/cto.md", "---\ntitle: CTO\nsummary: The technology executive.\n---\nWorks with the [[ciso]]. Version two.\n")
	r := tab.nextReloadWith(t, "glossary/cto/index.html")
	if contains(r.Paths, "glossary/engineer/index.html") {
		t.Errorf("reload lists glossary/engineer/index.html, which did not change: %v", r.Paths)
	}
	if r.Navigate != "" {
		t.Errorf("reload says navigate to %q without -navigate", r.Navigate)
	}
	if body := mustGet(t, p, "/glossary/cto/"); !strings.Contains(body, "Version two.") {
		t.Errorf("after the reload event, /glossary/cto/ still shows the old text")
	}
	if !strings.Contains(string(p.state.Load().head), r.Build) {
		t.Errorf("served pages carry build %q, the event says %q", p.state.Load().head, r.Build)
	}
	lines := rebuilds(p)
	if len(lines) != 1 || lines[0][1] != "content/glossary/cto.md" || lines[0][2] == "0" {
		t.Errorf("terminal lines = %q, want one for content/glossary/cto.md with files changed", p.stdout)
	}
}

// TestNavigate: with Navigate, open pages are sent to the edited page.
func TestNavigate(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir, func(c *Config) { c.Navigate = true })
	tab := p.listen(t)
	writeFile(t, dir, "content/glossary/ciso.md", "---\ntitle: CISO\nsummary: The security executive.\n---\nReports to the [[cto]]. Edited.\n")
	if r := tab.nextReloadWith(t, "glossary/ciso/index.html"); r.Navigate != "/glossary/ciso/" {
		t.Errorf("reload navigate = %q, want /glossary/ciso/", r.Navigate)
	}
}

// TestNewFolderPickedUp: a folder created while serving is watched, the
// files written into it at once are built, and so are files written into
// it later, and folders moved in whole.
func TestNewFolderPickedUp(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir)
	tab := p.listen(t)
	// mkdir and write at once: the file may land before the watch does.
	writeFile(t, dir, "content/guide/onboarding/_index.md", "---\ntitle: Onboarding\nsummary: First days.\n---\nWelcome.\n")
	writeFile(t, dir, "content/guide/onboarding/01-day-one.md", "---\ntitle: Day one\n---\nMeet the [[cto]].\n")
	tab.nextReloadWith(t, "guide/onboarding/day-one/index.html")
	if body := mustGet(t, p, "/guide/onboarding/day-one/"); !strings.Contains(body, "Meet the") {
		t.Errorf("the new chapter is not served")
	}
	// Later, into the now watched folder.
	writeFile(t, dir, "content/guide/onboarding/02-day-two.md", "---\ntitle: Day two\n---\nShip.\n")
	tab.nextReloadWith(t, "guide/onboarding/day-two/index.html")

	// A folder prepared elsewhere and moved in.
	outside := t.TempDir()
	writeFile(t, outside, "moved/_index.md", "---\ntitle: Moved guide\nsummary: Came from elsewhere.\n---\nHello.\n")
	writeFile(t, outside, "moved/sub/notes.txt", "not content")
	if err := os.Rename(filepath.Join(outside, "moved"), filepath.Join(dir, "content/guide/moved")); err != nil {
		t.Fatal(err)
	}
	tab.nextReloadWith(t, "guide/moved/index.html")
	// Its sub-folder is watched too.
	writeFile(t, dir, "content/guide/moved/01-first.md", "---\ntitle: First\n---\nOne.\n")
	tab.nextReloadWith(t, "guide/moved/first/index.html")
}

// TestRenameAndDelete: a renamed term moves to its new URL, a deleted
// one is gone, and a deleted or renamed folder takes its pages with it.
func TestRenameAndDelete(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir)
	tab := p.listen(t)
	path := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }

	if err := os.Rename(path("content/glossary/engineer.md"), path("content/glossary/developer.md")); err != nil {
		t.Fatal(err)
	}
	r := tab.nextReloadWith(t, "glossary/developer/index.html")
	if !contains(r.Paths, "glossary/engineer/index.html") {
		t.Errorf("reload after a rename does not list the old page: %v", r.Paths)
	}
	if code, _ := p.get(t, "/glossary/engineer/"); code != 404 {
		t.Errorf("GET /glossary/engineer/ after the rename = %d, want 404", code)
	}
	mustGet(t, p, "/glossary/developer/")

	if err := os.Remove(path("content/glossary/developer.md")); err != nil {
		t.Fatal(err)
	}
	tab.nextReloadWith(t, "glossary/developer/index.html")
	if code, _ := p.get(t, "/glossary/developer/"); code != 404 {
		t.Errorf("GET /glossary/developer/ after the delete = %d, want 404", code)
	}

	// A folder renamed: the old pages go, the new ones come, and the
	// old folder's watch does not linger under its old name.
	if err := os.Rename(path("content/guide/basics"), path("content/guide/essentials")); err != nil {
		t.Fatal(err)
	}
	tab.nextReloadWith(t, "guide/essentials/start/index.html")
	if code, _ := p.get(t, "/guide/basics/"); code != 404 {
		t.Errorf("GET /guide/basics/ after renaming its folder = %d, want 404", code)
	}
	writeFile(t, dir, "content/guide/essentials/01-start.md", "---\ntitle: Start\n---\nRead about the [[cto]]. Renamed.\n")
	tab.nextReloadWith(t, "guide/essentials/start/index.html")

	// A folder deleted, then made again.
	if err := os.RemoveAll(path("content/guide/essentials")); err != nil {
		t.Fatal(err)
	}
	tab.nextReloadWith(t, "guide/essentials/index.html")
	if code, _ := p.get(t, "/guide/essentials/"); code != 404 {
		t.Errorf("GET /guide/essentials/ after deleting its folder = %d, want 404", code)
	}
	writeFile(t, dir, "content/guide/essentials/_index.md", "---\ntitle: Essentials\nsummary: Back.\n---\nAgain.\n")
	tab.nextReloadWith(t, "guide/essentials/index.html")
	if body := mustGet(t, p, "/guide/essentials/"); !strings.Contains(body, "Again.") {
		t.Errorf("the recreated guide is not served")
	}
}

// TestAtomicSaves: editors that write a temporary file and rename it
// over the original, or move the original to a backup first (vim), are
// seen as one edit of the original; their droppings are not.
func TestAtomicSaves(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir)
	tab := p.listen(t)
	path := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	cto := path("content/glossary/cto.md")

	// Write to a temporary file, rename it over.
	writeFile(t, dir, "content/glossary/.cto.md.tmp", "---\ntitle: CTO\nsummary: The technology executive.\n---\nWorks with the [[ciso]]. Atomic.\n")
	if err := os.Rename(path("content/glossary/.cto.md.tmp"), cto); err != nil {
		t.Fatal(err)
	}
	tab.nextReloadWith(t, "glossary/cto/index.html")
	if body := mustGet(t, p, "/glossary/cto/"); !strings.Contains(body, "Atomic.") {
		t.Errorf("the atomically saved text is not served")
	}

	// sed -i: a temporary file with an ordinary name, renamed over.
	writeFile(t, dir, "content/glossary/sedX1b2C3", "---\ntitle: CTO\nsummary: The technology executive.\n---\nWorks with the [[ciso]]. Sed.\n")
	if err := os.Rename(path("content/glossary/sedX1b2C3"), cto); err != nil {
		t.Fatal(err)
	}
	tab.nextReloadWith(t, "glossary/cto/index.html")
	if body := mustGet(t, p, "/glossary/cto/"); !strings.Contains(body, "Sed.") {
		t.Errorf("the text saved by sed -i is not served")
	}

	// vim: probe file 4913, swap file, original moved to a backup, new
	// file written, backup removed.
	writeFile(t, dir, "content/glossary/.cto.md.swp", "swap")
	writeFile(t, dir, "content/glossary/4913", "")
	os.Remove(path("content/glossary/4913"))
	if err := os.Rename(cto, cto+"~"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/glossary/cto.md", "---\ntitle: CTO\nsummary: The technology executive.\n---\nWorks with the [[ciso]]. Vim.\n")
	os.Remove(cto + "~")
	os.Remove(path("content/glossary/.cto.md.swp"))
	tab.nextReloadWith(t, "glossary/cto/index.html")
	if body := mustGet(t, p, "/glossary/cto/"); !strings.Contains(body, "Vim.") {
		t.Errorf("the text saved by vim is not served")
	}
	tab.settle(t, dir)
	for _, l := range rebuilds(p) {
		if l[1] != "content/glossary/cto.md" && !strings.HasPrefix(l[1], "static/settle-") {
			t.Errorf("a rebuild was for %q, want content/glossary/cto.md only", l[1])
		}
	}
	if strings.Contains(p.stderr.String(), "problem") || strings.Contains(p.stdout.String(), "failed") {
		t.Errorf("an atomic save broke a build on the way:\n%s\n%s", p.stdout, p.stderr)
	}
}

// TestNoiseIgnored: .git churn, swap and backup files trigger nothing.
func TestNoiseIgnored(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir)
	tab := p.listen(t)
	for i := 0; i < 20; i++ {
		writeFile(t, dir, fmt.Sprintf(".git/objects/%02d/obj", i), "x")
		writeFile(t, dir, fmt.Sprintf("content/.git/objects/%02d", i), "x")
	}
	writeFile(t, dir, "content/glossary/.cto.md.swp", "x")
	writeFile(t, dir, "content/glossary/cto.md~", "x")
	writeFile(t, dir, "content/glossary/#cto.md#", "x")
	writeFile(t, dir, "content/glossary/4913", "x")
	writeFile(t, dir, "public/index.html", "output")
	// A file that comes and goes within one batch builds nothing.
	writeFile(t, dir, "content/glossary/scratch123", "x")
	os.Remove(filepath.Join(dir, "content/glossary/scratch123"))
	tab.settle(t, dir)
	for _, l := range rebuilds(p) {
		if !strings.HasPrefix(l[1], "static/settle-") {
			t.Errorf("noise caused a rebuild: %q", l)
		}
	}
}

// TestBurstIsBatched: 1,000 saves in a row (an autosaving editor) and
// 200 new files at once (a git checkout) each become a few rebuilds,
// never two at a time, and the last save is what is served.
func TestBurstIsBatched(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir)
	tab := p.listen(t)
	for i := 1; i <= 1000; i++ {
		writeFile(t, dir, "content/glossary/cto.md", fmt.Sprintf("---\ntitle: CTO\nsummary: The technology executive.\n---\nWorks with the [[ciso]]. Save %d.\n", i))
	}
	if msg := eventually(func() string {
		if body := mustGet(t, p, "/glossary/cto/"); !strings.Contains(body, "Save 1000.") {
			return "the last save is not served"
		}
		return ""
	}); msg != "" {
		t.Fatal(msg)
	}
	tab.drain(300 * time.Millisecond)
	if n := len(rebuilds(p)); n < 1 || n > 10 {
		t.Errorf("1,000 saves made %d rebuilds, want 1 to 10:\n%s", n, p.stdout)
	}

	before := len(rebuilds(p))
	for i := 0; i < 200; i++ {
		writeFile(t, dir, fmt.Sprintf("content/glossary/term-%03d.md", i), fmt.Sprintf("---\ntitle: Term %d\nsummary: Number %d.\n---\nSee [[cto]].\n", i, i))
	}
	if msg := eventually(func() string {
		if code, _ := p.get(t, "/glossary/term-199/"); code != 200 {
			return fmt.Sprintf("GET /glossary/term-199/ = %d", code)
		}
		return ""
	}); msg != "" {
		t.Fatal(msg)
	}
	tab.drain(300 * time.Millisecond)
	if n := len(rebuilds(p)) - before; n < 1 || n > 10 {
		t.Errorf("200 new files made %d rebuilds, want 1 to 10:\n%s", n, p.stdout)
	}
	for i := 0; i < 200; i += 37 {
		mustGet(t, p, fmt.Sprintf("/glossary/term-%03d/", i))
	}
}

// TestChangeDuringRebuild: a change that lands while a rebuild runs gets
// a rebuild of its own after it; none is lost.
func TestChangeDuringRebuild(t *testing.T) {
	dir := writeSite(t, smallSite())
	p := start(t, dir, func(c *Config) { c.Quiet = 5 * time.Millisecond })
	for i := 0; i < 30; i++ {
		writeFile(t, dir, "content/glossary/ciso.md", fmt.Sprintf("---\ntitle: CISO\nsummary: The security executive.\n---\nReports to the [[cto]]. Edit %d.\n", i))
		time.Sleep(time.Duration(i%7) * time.Millisecond)
	}
	if msg := eventually(func() string {
		if body := mustGet(t, p, "/glossary/ciso/"); !strings.Contains(body, "Edit 29.") {
			return "the last edit is not served"
		}
		return ""
	}); msg != "" {
		t.Fatal(msg)
	}
}
