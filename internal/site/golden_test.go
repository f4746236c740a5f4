package site

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ctohandbook/sitegen/internal/problem"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want/ sections of testdata/build/*.txtar")

// TestGolden builds each small site in testdata/build and compares what a
// reader gets (the <main> of every HTML page, and every problem and
// warning) with the archive's want/ sections.
func TestGolden(t *testing.T) {
	archives, _ := filepath.Glob("testdata/build/*.txtar")
	if len(archives) == 0 {
		t.Fatal("no archives in testdata/build")
	}
	for _, file := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			res := buildArchive(t, ar)
			got := map[string]string{"want/problems": problemText(res)}
			for path, b := range res.Files {
				switch {
				case path == "_redirects" || strings.HasPrefix(path, "terms/") || path == "cto.html":
					got["want/"+path] = string(b) // redirects, whole
				case strings.HasSuffix(path, ".html") && !strings.HasPrefix(path, "tags/"):
					got["want/"+path] = mainOf(b)
				}
			}
			if *update {
				var kept []txtar.File
				for _, f := range ar.Files {
					if !strings.HasPrefix(f.Name, "want/") {
						kept = append(kept, f)
					}
				}
				names := make([]string, 0, len(got))
				for n := range got {
					names = append(names, n)
				}
				sort.Strings(names)
				for _, n := range names {
					kept = append(kept, txtar.File{Name: n, Data: []byte(got[n])})
				}
				ar.Files = kept
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			wanted := 0
			for _, f := range ar.Files {
				if !strings.HasPrefix(f.Name, "want/") {
					continue
				}
				wanted++
				g, ok := got[f.Name]
				if !ok {
					t.Errorf("%s: the build produced no such page", f.Name)
					continue
				}
				if g != string(f.Data) {
					t.Errorf("%s differs from the build's output (run go test ./site -run TestGolden -update to accept).\ngot:\n%s\nwant:\n%s", f.Name, g, f.Data)
				}
			}
			if wanted == 0 {
				t.Errorf("archive has no want/ sections; run with -update")
			}
		})
	}
}

// buildArchive builds the site held in the archive's non-want files.
func buildArchive(t testing.TB, ar *txtar.Archive) *Result {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return buildFS(t, fsys, Options{})
}

func buildFS(t testing.TB, fsys fstest.MapFS, opts Options) *Result {
	t.Helper()
	s, probs := New(fsys, opts)
	if len(probs) > 0 {
		return &Result{Problems: probs}
	}
	return s.Build()
}

func problemText(res *Result) string {
	all := append(append([]problem.Problem{}, res.Problems...), res.Warnings...)
	problem.Sort(all)
	var b strings.Builder
	for _, p := range all {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// mainOf is the <main> element of a page: what the reader came for.
func mainOf(html []byte) string {
	start := bytes.Index(html, []byte("<main"))
	end := bytes.Index(html, []byte("</main>"))
	if start < 0 || end < start {
		return string(html)
	}
	return string(html[start:end+len("</main>")]) + "\n"
}
