package site

import (
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/ctohandbook/sitegen/internal/content"
)

// reparse re-reads changed content paths: files (written, created or
// deleted) and folders (created, renamed or deleted, with all they hold).
// Knowing which files changed is the watcher's job; what they change in
// the output is found by the rest of the pipeline, by hashing.
func (s *Site) reparse(paths []string) {
	for _, f := range paths {
		if ignoredPath(f) {
			continue
		}
		info, err := fs.Stat(s.FS, f)
		if err != nil || info.IsDir() {
			// Gone, or a folder that may have been renamed: forget what
			// was under it, then read what is there now.
			for k := range s.parsed {
				if k == f || strings.HasPrefix(k, f+"/") {
					delete(s.parsed, k)
					s.files = nil
				}
			}
			s.dropListProblems(f)
			if err == nil {
				files, probs := content.FilesUnder(s.FS, f)
				s.listProbs = append(s.listProbs, probs...)
				for _, file := range files {
					s.load(file)
				}
			}
			continue
		}
		if strings.HasSuffix(f, ".md") {
			s.dropListProblems(f)
			s.load(f)
		}
	}
}

// Reads says whether a change to path (relative to the site folder, as
// the watcher reports it) can change the site: the configuration, the
// theme, the i18n/ strings, static files, and in content/ Markdown files and folders, or a
// path the last build read something under (a folder since deleted).
// Other files in content/ (a sed -i temporary file) are never read.
func (s *Site) Reads(p string) bool {
	p = path.Clean(filepath.ToSlash(p))
	switch {
	case p == ConfigFile, p == "themes" || strings.HasPrefix(p, "themes/"),
		p == "static" || strings.HasPrefix(p, "static/"), p == "i18n" || strings.HasPrefix(p, "i18n/"):
		return true
	case p != "content" && !strings.HasPrefix(p, "content/"), ignoredPath(p):
		return false
	case strings.HasSuffix(p, ".md") || p == "content":
		return true
	}
	if info, err := fs.Stat(s.FS, p); err == nil {
		return info.IsDir()
	}
	for f := range s.parsed {
		if strings.HasPrefix(f, p+"/") {
			return true
		}
	}
	return false
}

func (s *Site) load(file string) {
	page, probs := content.LoadFile(s.FS, file, s.md, s.contentOptions())
	if _, known := s.parsed[file]; !known {
		s.files = nil
	}
	s.parsed[file] = parsed{page: page, probs: probs}
}

func (s *Site) dropListProblems(prefix string) {
	kept := s.listProbs[:0]
	for _, p := range s.listProbs {
		if p.File != prefix && !strings.HasPrefix(p.File, prefix+"/") {
			kept = append(kept, p)
		}
	}
	s.listProbs = kept
}

// ignoredPath says whether any part of a path is editor or VCS noise.
func ignoredPath(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if part != "" && content.Ignored(part) {
			return true
		}
	}
	return false
}
