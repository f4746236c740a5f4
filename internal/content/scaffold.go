package content

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/ctohandbook/sitegen/internal/markdown"
)

// Scaffolding: the files `sitegen new` creates, with their front matter
// filled in. It lives with the content contract it follows; writing the
// file is the command's job.

// NewTerm is the path (from the site folder) and text of a new term.
func NewTerm(title string, today time.Time) (file, text string) {
	title = strings.TrimSpace(title)
	file = path.Join("content", "glossary", markdown.Slugify(title)+".md")
	text = fmt.Sprintf("---\ntitle: %s\nsummary: \"\"  # one sentence that defines the term\naka: []\ntags: []\ndate: %s\nrelations:\n  see-also: []\n---\n\nWhat it is, in a few paragraphs. Link other terms with `[[slug]]`.\n", yamlString(title), today.Format("2006-01-02"))
	return file, text
}

// NewGuide is the path and text of a new guide's landing page.
func NewGuide(title string, today time.Time) (file, text string) {
	title = strings.TrimSpace(title)
	file = path.Join("content", "guide", markdown.Slugify(title), "_index.md")
	text = fmt.Sprintf("---\ntitle: %s\nsummary: \"\"  # one sentence: what the reader gets from this guide\nweight: 10\ndate: %s\n---\n\nWho this guide is for and how to read it.\n", yamlString(title), today.Format("2006-01-02"))
	return file, text
}

// GuideDir is the folder of the guide named guide (a slug or a title).
func GuideDir(guide string) string {
	return path.Join("content", "guide", markdown.Slugify(guide))
}

// NewChapter is the path and text of a new chapter of the guide in dir,
// which has chapters chapters already: it comes after them.
func NewChapter(dir, title string, chapters int, today time.Time) (file, text string) {
	title = strings.TrimSpace(title)
	weight := chapters + 1
	file = path.Join(dir, fmt.Sprintf("%02d-%s.md", weight, markdown.Slugify(title)))
	text = fmt.Sprintf("---\ntitle: %s\nsummary: \"\"  # one sentence: what this chapter covers\nweight: %d\ndate: %s\n---\n\nIntroduce the chapter.\n\n## First section\n", yamlString(title), weight, today.Format("2006-01-02"))
	return file, text
}

// yamlString quotes a title for YAML when it needs it.
func yamlString(s string) string {
	if strings.ContainsAny(s, ":#[]{}&*!|>'\"%@`,") || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "?") {
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
	}
	return s
}
