package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

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
	today := time.Now().UTC().Format("2006-01-02")
	var file, text string
	switch {
	case rest[0] == "term" && len(rest) == 2:
		title := strings.TrimSpace(rest[1])
		slug := markdown.Slugify(title)
		file = filepath.Join(*source, "content", "glossary", slug+".md")
		text = fmt.Sprintf("---\ntitle: %s\nsummary: \"\"  # one sentence that defines the term\naka: []\ntags: []\ndate: %s\nrelations:\n  see-also: []\n---\n\nWhat it is, in a few paragraphs. Link other terms with `[[slug]]`.\n", yamlString(title), today)
	case rest[0] == "guide" && len(rest) == 2:
		title := strings.TrimSpace(rest[1])
		slug := markdown.Slugify(title)
		file = filepath.Join(*source, "content", "guide", slug, "_index.md")
		text = fmt.Sprintf("---\ntitle: %s\nsummary: \"\"  # one sentence: what the reader gets from this guide\nweight: 10\ndate: %s\n---\n\nWho this guide is for and how to read it.\n", yamlString(title), today)
	case rest[0] == "chapter" && len(rest) == 3:
		guide, title := markdown.Slugify(rest[1]), strings.TrimSpace(rest[2])
		dir := filepath.Join(*source, "content", "guide", guide)
		if _, err := os.Stat(filepath.Join(dir, "_index.md")); err != nil {
			fmt.Fprintf(m.Stderr, "sitegen: no guide %q (create it with: sitegen new guide \"Title\")\n", guide)
			return exitUsage
		}
		entries, _ := os.ReadDir(dir)
		weight := 0
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".md") && e.Name() != "_index.md" {
				weight++
			}
		}
		weight++
		file = filepath.Join(dir, fmt.Sprintf("%02d-%s.md", weight, markdown.Slugify(title)))
		text = fmt.Sprintf("---\ntitle: %s\nsummary: \"\"  # one sentence: what this chapter covers\nweight: %d\ndate: %s\n---\n\nIntroduce the chapter.\n\n## First section\n", yamlString(title), weight, today)
	default:
		fs.Usage()
		return exitUsage
	}
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

// yamlString quotes a title for YAML when it needs it.
func yamlString(s string) string {
	if strings.ContainsAny(s, ":#[]{}&*!|>'\"%@`,") || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "?") {
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
	}
	return s
}
