package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// gitRepo makes a repository in dir; commit writes files and commits
// them at the given time.
type gitRepo struct {
	t   *testing.T
	dir string
}

func newGitRepo(t *testing.T, dir string) *gitRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git on this machine")
	}
	r := &gitRepo{t: t, dir: dir}
	r.git(time.Time{}, "init", "-q", "-b", "main")
	return r
}

func (r *gitRepo) git(when time.Time, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org", "GIT_CONFIG_NOSYSTEM=1", "HOME="+r.dir)
	if !when.IsZero() {
		stamp := when.Format(time.RFC3339)
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+stamp, "GIT_COMMITTER_DATE="+stamp)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (r *gitRepo) commit(when time.Time, files map[string]string) {
	r.t.Helper()
	for name, text := range files {
		p := filepath.Join(r.dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
	r.git(when, "add", "-A")
	r.git(when, "commit", "-q", "-m", "edit")
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t.Add(12 * time.Hour)
}

// TestGitDates reads each content file's last commit with one git log:
// a file edited twice has its second date, files outside content/ are
// left out, a site in a sub-folder of the repository gets paths from its
// own folder, and names with spaces and non-ASCII letters come through.
func TestGitDates(t *testing.T) {
	root := t.TempDir()
	r := newGitRepo(t, root)
	r.commit(day("2025-01-10"), map[string]string{
		"site/content/glossary/cto.md":      "one",
		"site/content/glossary/ciso.md":     "one",
		"site/content/guide/a b/Ünïcode.md": "one",
		"site/README.md":                    "not content",
	})
	r.commit(day("2025-03-05"), map[string]string{"site/content/glossary/cto.md": "two"})
	got := gitDates(filepath.Join(root, "site"))
	want := map[string]time.Time{
		"content/glossary/cto.md":      day("2025-03-05"),
		"content/glossary/ciso.md":     day("2025-01-10"),
		"content/guide/a b/Ünïcode.md": day("2025-01-10"),
	}
	if len(got) != len(want) {
		t.Errorf("gitDates of a repository with 3 content files = %v, want %v", got, want)
	}
	for f, w := range want {
		if !got[f].Equal(w) {
			t.Errorf("gitDates[%q] = %v, want %v (its last commit)", f, got[f], w)
		}
	}
}

// TestGitDatesWithoutGit: a site folder outside any repository, or on a
// machine without git, has no commit dates (and no error).
func TestGitDatesWithoutGit(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "content", "x.md"), []byte("x"), 0o644)
	// Stop git from finding a repository above the temporary folder.
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	if got := gitDates(dir); got != nil {
		t.Errorf("gitDates outside a work tree = %v, want nil", got)
	}
	t.Setenv("PATH", "")
	if got := gitDates(dir); got != nil {
		t.Errorf("gitDates without git on PATH = %v, want nil", got)
	}
}

// TestGitDatesShallow: in a clone of depth 1 the only commit fetched
// claims every file; those dates are left out, not shown wrong, while a
// file changed by a later commit gets that commit's date.
func TestGitDatesShallow(t *testing.T) {
	src := t.TempDir()
	r := newGitRepo(t, src)
	r.commit(day("2024-05-01"), map[string]string{"content/glossary/old.md": "old", "content/glossary/cto.md": "one"})
	r.commit(day("2025-02-01"), map[string]string{"content/glossary/cto.md": "two"})
	r.commit(day("2025-06-01"), map[string]string{"content/glossary/ciso.md": "new"})
	clone := filepath.Join(t.TempDir(), "clone")
	r.git(time.Time{}, "clone", "-q", "--depth", "2", "file://"+src, clone)
	got := gitDates(clone)
	if !got["content/glossary/ciso.md"].Equal(day("2025-06-01")) {
		t.Errorf("shallow clone: ciso.md = %v, want 2025-06-01 (a commit inside the clone)", got["content/glossary/ciso.md"])
	}
	for _, f := range []string{"content/glossary/old.md", "content/glossary/cto.md"} {
		if d, ok := got[f]; ok {
			t.Errorf("shallow clone: %s = %v, want no date (only the clone's boundary commit shows it)", f, d)
		}
	}
}

// TestBuildUsesCommitDates builds a site kept in git: a page without an
// updated date shows its file's last commit as "Updated", front matter
// wins over the commit, the home page lists what changed last, newest
// first, and the sitemap and the feed carry the same dates.
func TestBuildUsesCommitDates(t *testing.T) {
	root := t.TempDir()
	r := newGitRepo(t, root)
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(root))
	r.commit(day("2025-01-10"), map[string]string{
		"sitegen.yaml":              "title: Dated\nbase_url: https://example.org\n",
		"content/_index.md":         "---\ntitle: Home\n---\nSee [[alpha]], [[beta]] and [[gamma]].\n",
		"content/glossary/alpha.md": "---\ntitle: Alpha\nsummary: First.\n---\nAlpha text.\n",
		"content/glossary/beta.md":  "---\ntitle: Beta\nsummary: Second.\n---\nBeta text.\n",
		"content/glossary/gamma.md": "---\ntitle: Gamma\nsummary: Third.\nupdated: 2024-12-01\n---\nGamma text.\n",
	})
	r.commit(day("2025-03-05"), map[string]string{"content/glossary/beta.md": "---\ntitle: Beta\nsummary: Second.\n---\nBeta text, edited.\n"})
	r.commit(day("2025-06-01"), map[string]string{"content/glossary/gamma.md": "---\ntitle: Gamma\nsummary: Third.\nupdated: 2024-12-01\n---\nGamma text, edited.\n"})
	out := filepath.Join(t.TempDir(), "public")
	if code, _, errs := run("build", "-source", root, "-out", out); code != 0 {
		t.Fatalf("build failed: %s", errs)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for page, want := range map[string]string{
		"glossary/alpha/index.html": "Updated <time datetime=\"2025-01-10\">January 10, 2025</time>",
		"glossary/beta/index.html":  "Updated <time datetime=\"2025-03-05\">March 5, 2025</time>",
		"glossary/gamma/index.html": "Updated <time datetime=\"2024-12-01\">December 1, 2024</time>",
	} {
		if html := read(page); !strings.Contains(html, want) {
			i := strings.Index(html, "page-meta")
			t.Errorf("%s does not say %q: %s", page, want, html[max(0, i):min(len(html), i+200)])
		}
	}
	home := read("index.html")
	b, a, g := strings.Index(home, ">Beta<"), strings.Index(home, ">Alpha<"), strings.Index(home, ">Gamma<")
	if !strings.Contains(home, "Recently updated") || b < 0 || !(b < a && a < g) {
		t.Errorf("home page: recently updated should list Beta, Alpha, Gamma in that order (positions %d %d %d)", b, a, g)
	}
	sitemap := read("sitemap.xml")
	for _, want := range []string{
		"<loc>https://example.org/glossary/alpha/</loc><lastmod>2025-01-10</lastmod>",
		"<loc>https://example.org/glossary/beta/</loc><lastmod>2025-03-05</lastmod>",
		"<loc>https://example.org/glossary/gamma/</loc><lastmod>2024-12-01</lastmod>",
	} {
		if !strings.Contains(sitemap, want) {
			t.Errorf("sitemap.xml lacks %s", want)
		}
	}
	feed := read("feed.xml")
	if i, j := strings.Index(feed, "<title>Beta</title>"), strings.Index(feed, "<title>Alpha</title>"); i < 0 || j < 0 || i > j || !strings.Contains(feed, "<updated>2025-03-05T") {
		t.Errorf("feed.xml should start with Beta (2025-03-05), then Alpha:\n%s", feed)
	}
}

// TestBuildWithoutDates: a site outside git whose pages give no updated
// date lists no "Recently updated" on its home page and shows no date.
func TestBuildWithoutDates(t *testing.T) {
	dir := writeSite(t, good)
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	out := filepath.Join(t.TempDir(), "public")
	if code, _, errs := run("build", "-source", dir, "-out", out); code != 0 {
		t.Fatalf("build failed: %s", errs)
	}
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if strings.Contains(string(home), "Recently updated") {
		t.Error("the home page lists recently updated pages though no page has a date")
	}
	term, _ := os.ReadFile(filepath.Join(out, "glossary", "cto", "index.html"))
	if strings.Contains(string(term), "Updated") {
		t.Error("a term without any date says Updated")
	}
}
