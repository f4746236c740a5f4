package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// writeSite writes files (path → text) into a new folder and returns it.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errb}
	code = m.Run(context.Background(), args)
	return code, out.String(), errb.String()
}

var good = map[string]string{
	"content/_index.md":        "---\ntitle: Home\n---\nSee [[cto]].\n",
	"content/glossary/cto.md":  "---\ntitle: CTO\nsummary: The technology executive.\nrelations:\n  complements: [ciso]\n---\nWorks with the [[ciso]].\n",
	"content/glossary/ciso.md": "---\ntitle: CISO\nsummary: The security executive.\n---\nWorks with the [[cto]].\n",
}

func TestBuildWritesSiteAndSummary(t *testing.T) {
	dir := writeSite(t, good)
	code, out, errs := run("build", "-source", dir)
	if code != 0 {
		t.Fatalf("build exited %d: %s", code, errs)
	}
	if !regexp.MustCompile(`^built \S+: 3 pages, 2 terms, 0 guides, 3 links checked in \d+ms\n$`).MatchString(out) {
		t.Errorf("summary line = %q", out)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", "glossary", "ciso", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `<dt>complements</dt>`) || !strings.Contains(string(page), `href="/glossary/cto/"`) {
		t.Errorf("the CISO page does not show the relation declared by the CTO:\n%s", page)
	}
}

// TestFailedBuildKeepsOutput: a broken link fails the build with the
// file and line, exit 1, and the previous output stays byte for byte.
func TestFailedBuildKeepsOutput(t *testing.T) {
	dir := writeSite(t, good)
	if code, _, errs := run("build", "-source", dir); code != 0 {
		t.Fatal(errs)
	}
	before := snapshot(t, filepath.Join(dir, "public"))
	os.WriteFile(filepath.Join(dir, "content/glossary/cto.md"), []byte("---\ntitle: CTO\n---\nWorks with the [[cisoo]].\n"), 0o644)
	code, _, errs := run("build", "-source", dir)
	if code != 1 {
		t.Errorf("exit code = %d, want 1", code)
	}
	if !strings.Contains(errs, `content/glossary/cto.md:4:16: broken link "[[cisoo]]" (did you mean "ciso"?)`) {
		t.Errorf("stderr = %q", errs)
	}
	if after := snapshot(t, filepath.Join(dir, "public")); after != before {
		t.Error("the failed build changed public/")
	}
}

func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !info.IsDir() {
			data, _ := os.ReadFile(p)
			b.WriteString(p + "\n" + string(data) + "\n")
		}
		return nil
	})
	return b.String()
}

func TestBuildIsByteIdentical(t *testing.T) {
	dir := writeSite(t, good)
	run("build", "-source", dir, "-out", filepath.Join(dir, "a"))
	run("build", "-source", dir, "-out", filepath.Join(dir, "b"))
	a := strings.ReplaceAll(snapshot(t, filepath.Join(dir, "a")), filepath.Join(dir, "a"), "")
	b := strings.ReplaceAll(snapshot(t, filepath.Join(dir, "b")), filepath.Join(dir, "b"), "")
	if a != b || len(a) < 1000 {
		t.Error("two builds of the same input differ")
	}
}

func TestRefusedOutputFolders(t *testing.T) {
	dir := writeSite(t, good)
	os.MkdirAll(filepath.Join(dir, "mine"), 0o755)
	os.WriteFile(filepath.Join(dir, "mine", "notes.txt"), []byte("keep me"), 0o644)
	for _, tt := range []struct {
		out  string
		code int
		msg  string
	}{
		{dir, 2, "cannot be the source folder"},
		{filepath.Dir(dir), 2, "contains the source folder"},
		{filepath.Join(dir, "content", "out"), 2, "is inside content/"},
		{filepath.Join(dir, "mine"), 1, "not empty and was not written by sitegen"},
	} {
		code, _, errs := run("build", "-source", dir, "-out", tt.out)
		if code != tt.code || !strings.Contains(errs, tt.msg) {
			t.Errorf("build -out %s: exit %d, stderr %q; want exit %d and %q", tt.out, code, errs, tt.code, tt.msg)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "mine", "notes.txt")); string(b) != "keep me" {
		t.Error("a refused output folder was touched")
	}
}

func TestCheckReportsWarnings(t *testing.T) {
	files := map[string]string{}
	for k, v := range good {
		files[k] = v
	}
	files["content/glossary/lonely.md"] = "---\ntitle: Lonely\n---\nNobody links here.\n"
	dir := writeSite(t, files)
	code, out, errs := run("check", "-source", dir)
	if code != 0 {
		t.Errorf("check exited %d; warnings must not fail", code)
	}
	for _, want := range []string{
		"content/glossary/lonely.md: warning: orphan term: no page links to it and it has no relations",
		"content/glossary/lonely.md:1:1: warning: no summary in front matter",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("check output lacks %q:\n%s", want, errs)
		}
	}
	if !strings.Contains(out, "0 problems, 2 warnings") {
		t.Errorf("check summary = %q", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("check wrote public/")
	}
}

func TestNewNeverOverwrites(t *testing.T) {
	dir := writeSite(t, good)
	code, out, _ := run("new", "-source", dir, "term", "Chief Data Officer")
	if code != 0 || !strings.Contains(out, filepath.Join("content", "glossary", "chief-data-officer.md")) {
		t.Fatalf("new term: %d %q", code, out)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "content/glossary/chief-data-officer.md"))
	if !strings.HasPrefix(string(b), "---\ntitle: Chief Data Officer\n") {
		t.Errorf("new term file:\n%s", b)
	}
	os.WriteFile(filepath.Join(dir, "content/glossary/chief-data-officer.md"), []byte("mine"), 0o644)
	if code, _, errs := run("new", "-source", dir, "term", "Chief Data Officer"); code == 0 || !strings.Contains(errs, "already exists") {
		t.Errorf("second new term: exit %d, %q", code, errs)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "content/glossary/chief-data-officer.md")); string(b) != "mine" {
		t.Error("new overwrote an existing file")
	}
	if code, _, _ := run("new", "-source", dir, "guide", "Hiring: a guide"); code != 0 {
		t.Fatal("new guide failed")
	}
	if code, _, errs := run("new", "-source", dir, "chapter", "hiring-a-guide", "First steps"); code != 0 {
		t.Fatalf("new chapter: %s", errs)
	}
	os.Remove(filepath.Join(dir, "content/glossary/chief-data-officer.md"))
	run("new", "-source", dir, "term", "Chief Data Officer")
	// The scaffolded files build: the new term has an empty summary
	// (a warning), the chapter a link-free body.
	if code, _, errs := run("check", "-source", dir); code != 0 {
		t.Errorf("check after new: %s", errs)
	}
}

func TestUsageAndHelp(t *testing.T) {
	if code, _, _ := run(); code != 2 {
		t.Errorf("no command: exit %d, want 2", code)
	}
	if code, _, _ := run("frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
	if code, _, _ := run("build", "-nope"); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	for _, cmd := range []string{"build", "check", "new"} {
		code, _, errs := run(cmd, "-h")
		if code != 0 || !strings.Contains(errs, "Examples:") {
			t.Errorf("%s -h: exit %d, output %q", cmd, code, errs)
		}
	}
	if code, out, _ := run("version"); code != 0 || !strings.HasPrefix(out, "sitegen ") {
		t.Errorf("version: %d %q", code, out)
	}
}

// TestInterruptedBuildKeepsOutput: Ctrl-C during a build (a cancelled
// context) writes nothing; the previous output stays.
func TestInterruptedBuildKeepsOutput(t *testing.T) {
	dir := writeSite(t, good)
	run("build", "-source", dir)
	before := snapshot(t, filepath.Join(dir, "public"))
	os.WriteFile(filepath.Join(dir, "content/glossary/cto.md"), []byte("---\ntitle: CTO 2\n---\nChanged.\n"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := (&Main{Stdout: &out, Stderr: &errb}).Run(ctx, []string{"build", "-source", dir})
	if code != 1 || !strings.Contains(errb.String(), "interrupted") {
		t.Errorf("interrupted build: exit %d, stderr %q", code, errb.String())
	}
	if snapshot(t, filepath.Join(dir, "public")) != before {
		t.Error("an interrupted build changed public/")
	}
}
