package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/markdown"
)

func (m *Main) new(args []string) int {
	fs := m.flags(`new [-source DIR] term "Title" | guide "Title" | chapter GUIDE "Title"`,
		"Create a content file with its front matter filled in. Never overwrites a file.",
		`  sitegen new term "Chief Data Officer"
  sitegen new guide "Hiring engineers"
  sitegen new chapter hiring-engineers "Writing the job description"
`)
	source := fs.String("source", ".", "the site `folder`")
	if err := fs.Parse(args); err != nil {
		if err.Error() == "flag: help requested" {
			return exitOK
		}
		return exitUsage
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fs.Usage()
		return exitUsage
	}
	today := time.Now().UTC()
	var file, text string
	switch {
	case rest[0] == "term" && len(rest) == 2:
		file, text = content.NewTerm(rest[1], today)
	case rest[0] == "guide" && len(rest) == 2:
		file, text = content.NewGuide(rest[1], today)
	case rest[0] == "chapter" && len(rest) == 3:
		dir := content.GuideDir(rest[1])
		full := filepath.Join(*source, filepath.FromSlash(dir))
		if _, err := os.Stat(filepath.Join(full, "_index.md")); err != nil {
			fmt.Fprintf(m.Stderr, "sitegen: no guide %q (create it with: sitegen new guide \"Title\")\n", filepath.Base(dir))
			return exitUsage
		}
		entries, _ := os.ReadDir(full)
		chapters := 0
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".md") && e.Name() != "_index.md" {
				chapters++
			}
		}
		file, text = content.NewChapter(dir, rest[2], chapters, today)
	default:
		fs.Usage()
		return exitUsage
	}
	file = filepath.Join(*source, filepath.FromSlash(file))
	if markdown.Slugify(filepath.Base(file)) == "md" || strings.HasPrefix(filepath.Base(file), ".") {
		fmt.Fprintln(m.Stderr, "sitegen: the title must contain letters or digits")
		return exitUsage
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		fmt.Fprintln(m.Stderr, "sitegen: "+err.Error())
		return exitContent
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		fmt.Fprintf(m.Stderr, "sitegen: %s already exists; not overwriting it\n", file)
		return exitContent
	}
	if err != nil {
		fmt.Fprintln(m.Stderr, "sitegen: "+err.Error())
		return exitContent
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(file)
		fmt.Fprintln(m.Stderr, "sitegen: "+err.Error())
		return exitContent
	}
	fmt.Fprintf(m.Stdout, "created %s\n", file)
	return exitOK
}
