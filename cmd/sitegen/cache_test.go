package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain keeps the tests' build caches out of the user's cache folder.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "sitegen-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("SITEGEN_CACHE", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestCachedBuildsAreIdentical: a second build from the cache, a build
// after an edit, a build after the cache folder was deleted and a build
// without a cache give exactly the output of a fresh build of the same
// files.
func TestCachedBuildsAreIdentical(t *testing.T) {
	dir := writeSite(t, good)
	cache := t.TempDir()
	build := func(out string, args ...string) string {
		t.Helper()
		args = append([]string{"build", "-source", dir, "-out", out}, args...)
		if code, _, errs := run(args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		return tree(t, out)
	}
	out := filepath.Join(t.TempDir(), "public")
	cold := build(out, "-cache", cache)
	if warm := build(out, "-cache", cache); warm != cold {
		t.Errorf("the second build (from the cache) differs from the first")
	}
	if fresh := build(filepath.Join(t.TempDir(), "p"), "-no-cache"); fresh != cold {
		t.Errorf("a build without a cache differs from a cached one")
	}
	os.WriteFile(filepath.Join(dir, "content/glossary/ciso.md"), []byte("---\ntitle: CISO\nsummary: The security lead.\n---\nWorks with the [[cto]]. Edited.\n"), 0o644)
	edited := build(out, "-cache", cache)
	if fresh := build(filepath.Join(t.TempDir(), "p"), "-no-cache"); fresh != edited {
		t.Errorf("after an edit, the cached build differs from a fresh one")
	}
	if edited == cold {
		t.Errorf("the edit changed nothing in the output")
	}
	os.RemoveAll(cache)
	if again := build(out, "-cache", cache); again != edited {
		t.Errorf("a build after the cache folder was deleted differs")
	}
}

// tree is every file under dir, by path relative to it, with its bytes.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel + "\n" + string(data) + "\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
