// Package output holds a built site as a set of files (URL path → bytes),
// writes it to disk atomically, and serves it from memory as an fs.FS.
// It knows nothing of pages or templates.
package output

import (
	"bytes"
	"io/fs"
	"path"
	"sort"
	"strings"
	"testing/fstest"
	"time"
)

// Files is a built site: slash-separated paths without a leading slash
// ("glossary/cto/index.html") mapped to their bytes.
type Files map[string][]byte

// Paths lists the files, sorted.
func (f Files) Paths() []string {
	out := make([]string, 0, len(f))
	for p := range f {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Diff lists the paths whose content differs between f and other
// (added, changed or removed), sorted.
func (f Files) Diff(other Files) []string {
	var out []string
	for p, b := range f {
		if ob, ok := other[p]; !ok || !bytes.Equal(b, ob) {
			out = append(out, p)
		}
	}
	for p := range other {
		if _, ok := f[p]; !ok {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// FS serves the files from memory.
func (f Files) FS() fs.FS {
	m := make(fstest.MapFS, len(f))
	for p, b := range f {
		m[p] = &fstest.MapFile{Data: b, Mode: 0o644, ModTime: time.Unix(0, 0)}
	}
	return m
}

// PathFor turns a page URL ("/glossary/cto/") into its file
// ("glossary/cto/index.html"); other URLs ("/graph.json") keep their name.
func PathFor(url string) string {
	if cleanDir(url) {
		return url[1:] + "index.html" // the common case, without path.Clean
	}
	p := strings.TrimPrefix(path.Clean("/"+url), "/")
	if strings.HasSuffix(url, "/") || p == "" {
		if p == "" {
			return "index.html"
		}
		return p + "/index.html"
	}
	return p
}

// cleanDir says whether url is a clean folder URL other than "/":
// "/a/b/", with no empty, "." or ".." segment, which path.Clean keeps.
func cleanDir(url string) bool {
	if len(url) < 3 || url[0] != '/' || url[len(url)-1] != '/' {
		return false
	}
	start := 1
	for i := 1; i < len(url); i++ {
		if url[i] != '/' {
			continue
		}
		if seg := url[start:i]; seg == "" || seg == "." || seg == ".." {
			return false
		}
		start = i + 1
	}
	return true
}
