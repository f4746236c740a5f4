package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/ctohandbook/sitegen/internal/markdown"
	"github.com/ctohandbook/sitegen/internal/par"
	"github.com/ctohandbook/sitegen/internal/problem"
)

// Files lists the Markdown files under content/ in fsys, sorted. Editor
// droppings (backups, swap files, dot files) are skipped. Unreadable
// entries are problems, not failures.
func Files(fsys fs.FS) ([]string, []problem.Problem) {
	return FilesUnder(fsys, "content")
}

// FilesUnder lists the Markdown files under root, a folder inside
// content/, as Files does.
func FilesUnder(fsys fs.FS, root string) ([]string, []problem.Problem) {
	var files []string
	var probs []problem.Problem
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return fs.SkipAll
			}
			probs = append(probs, problem.Problem{File: p, Msg: "cannot read: " + unwrapPath(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if p != root && Ignored(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(name, ".md") {
			return nil
		}
		if !d.Type().IsRegular() {
			info, err := fs.Stat(fsys, p)
			if err != nil {
				probs = append(probs, problem.Problem{File: p, Msg: "cannot read (a broken or looping symlink?): " + unwrapPath(err)})
				return nil
			}
			if !info.Mode().IsRegular() {
				return nil
			}
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		probs = append(probs, problem.Problem{File: root, Msg: err.Error()})
	}
	sort.Strings(files)
	return files, probs
}

// Ignored says whether a file or folder name is editor or VCS noise:
// dot files, vim swap files, backups, and temporary files of atomic saves.
func Ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "#"),
		strings.HasSuffix(name, "~"), strings.HasSuffix(name, ".swp"),
		strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".tmp"),
		strings.HasSuffix(name, ".bak"), name == "4913":
		return true
	}
	return false
}

func unwrapPath(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Load reads and parses every file in files on all cores. Pages come back
// in the order of files; a nil entry is a file that could not be used.
func Load(fsys fs.FS, files []string, md *markdown.Markdown, opts Options) ([]*Page, []problem.Problem) {
	pages := make([]*Page, len(files))
	probs := make([][]problem.Problem, len(files))
	par.Each(len(files), func(i int) {
		pages[i], probs[i] = LoadFile(fsys, files[i], md, opts)
	})
	var all []problem.Problem
	for _, ps := range probs {
		all = append(all, ps...)
	}
	return pages, all
}

// LoadFile reads and parses one file.
func LoadFile(fsys fs.FS, file string, md *markdown.Markdown, opts Options) (page *Page, probs []problem.Problem) {
	defer func() {
		// A parser bug must not take the whole build down with a stack
		// trace; report it against the file that triggered it.
		if r := recover(); r != nil {
			page, probs = nil, []problem.Problem{{File: file, Msg: fmt.Sprintf("internal error while parsing (please report): %v", r)}}
		}
	}()
	if info, err := fs.Stat(fsys, file); err == nil && info.Size() > MaxFileSize {
		return nil, []problem.Problem{{File: file, Msg: fmt.Sprintf("file is %d MB; the limit is %d MB", info.Size()>>20, MaxFileSize>>20)}}
	}
	raw, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, []problem.Problem{{File: file, Msg: "cannot read: " + unwrapPath(err)}}
	}
	return Parse(path.Clean(file), raw, md, opts)
}
