package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWriteReplacesAtomically: a second Write replaces the folder whole
// (files no longer produced disappear); a Write that fails leaves the
// previous output exactly as it was; nothing beside it is touched.
func TestWriteReplacesAtomically(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	os.WriteFile(filepath.Join(parent, "keep.txt"), []byte("mine"), 0o644)
	if err := Write(out, Files{"index.html": []byte("one"), "old/index.html": []byte("old")}, false); err != nil {
		t.Fatal(err)
	}
	if err := Write(out, Files{"index.html": []byte("two"), "new.txt": []byte("n")}, false); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(out, "index.html")) != "two" || read(t, filepath.Join(out, "new.txt")) != "n" {
		t.Error("the second write's files are not in place")
	}
	if _, err := os.Stat(filepath.Join(out, "old")); err == nil {
		t.Error("a file no longer produced is still there")
	}
	err := Write(out, Files{"index.html": []byte("three"), "../escape.txt": []byte("x")}, false)
	if err == nil || !strings.Contains(err.Error(), "leaves the output folder") {
		t.Fatalf("writing ../escape.txt: err = %v", err)
	}
	if read(t, filepath.Join(out, "index.html")) != "two" {
		t.Error("a failed write changed the previous output")
	}
	if _, err := os.Stat(filepath.Join(parent, "escape.txt")); err == nil {
		t.Error("a file was written outside the output folder")
	}
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "keep.txt,public" {
		t.Errorf("beside the output: %v", names)
	}
}

func TestWriteRefuses(t *testing.T) {
	parent := t.TempDir()
	theirs := filepath.Join(parent, "docs")
	os.MkdirAll(theirs, 0o755)
	os.WriteFile(filepath.Join(theirs, "notes.md"), []byte("keep"), 0o644)
	if err := Write(theirs, Files{"index.html": []byte("x")}, false); err == nil || !strings.Contains(err.Error(), "not written by sitegen") {
		t.Errorf("writing over a folder sitegen did not write: err = %v", err)
	}
	if read(t, filepath.Join(theirs, "notes.md")) != "keep" {
		t.Error("a refused folder was touched")
	}
	if err := Write(theirs, Files{"index.html": []byte("x")}, true); err != nil {
		t.Errorf("-force: %v", err)
	}
	if err := Write("/", Files{"index.html": []byte("x")}, true); err == nil {
		t.Error("writing to / was allowed")
	}
}

func TestWriteClearsLeftovers(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	left := filepath.Join(parent, ".public-new-123")
	os.MkdirAll(left, 0o755)
	os.WriteFile(filepath.Join(left, "half.html"), []byte("half"), 0o644)
	if err := Write(out, Files{"index.html": []byte("x")}, false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(left); err == nil {
		t.Error("a killed build's temporary folder was left behind")
	}
}

func TestSafe(t *testing.T) {
	for _, p := range []string{"a/b.html", "index.html", "assets/x.1.css"} {
		if !Safe(p) {
			t.Errorf("Safe(%q) = false", p)
		}
	}
	for _, p := range []string{"", "/etc/passwd", "../x", "a/../../x", "a\\b", "c:x", "a//b", "a/./b", "x\x00"} {
		if Safe(p) {
			t.Errorf("Safe(%q) = true", p)
		}
	}
}

func TestPathFor(t *testing.T) {
	for in, want := range map[string]string{"/": "index.html", "/glossary/cto/": "glossary/cto/index.html", "/graph.json": "graph.json", "/404.html": "404.html",
		// Not clean: the fast path must not take them.
		"/a//b/": "a/b/index.html", "/a/./b/": "a/b/index.html", "/a/../b/": "b/index.html", "//": "index.html",
		"/../": "index.html", "/a/.../": "a/.../index.html", "glossary/": "glossary/index.html", "/es/glossary/ciso/": "es/glossary/ciso/index.html"} {
		if got := PathFor(in); got != want {
			t.Errorf("PathFor(%q) = %q, want %q", in, got, want)
		}
	}
}
