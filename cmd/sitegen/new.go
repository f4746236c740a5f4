package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/markdown"
	"github.com/ctohandbook/sitegen/internal/site"
)

func (m *Main) new(args []string) int {
	fs := m.flags(`new [-source DIR] term "Title" | guide "Title" | chapter GUIDE "Title"`,
		"Create a content file with its front matter filled in. Never overwrites a file.",
		`  sitegen new term "Chief Data Officer"
  sitegen new guide "Hiring engineers"
  sitegen new chapter hiring-engineers "Writing the job description"
  sitegen new term "Director de datos" -lang es -from chief-data-officer
`)
	source := fs.String("source", ".", "the site `folder`")
	lang := fs.String("lang", "", "the `language` (a code from languages: in sitegen.yaml) to write in: the file goes under content/<code>/")
	from := fs.String("from", "", "with -lang, the default-language term this one translates (its `slug`); by default the term whose file name the title gives, if there is one")
	// Flags may follow the words (sitegen new term "Título" -lang es).
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if err.Error() == "flag: help requested" {
				return exitOK
			}
			return exitUsage
		}
		args = fs.Args()
		// A lone "-" is a word (flag parsing stops at it without taking it).
		for len(args) > 0 && (!strings.HasPrefix(args[0], "-") || args[0] == "-") {
			rest, args = append(rest, args[0]), args[1:]
		}
		if len(args) == 0 {
			break
		}
	}
	if len(rest) == 0 {
		fs.Usage()
		return exitUsage
	}
	root := "content"
	if *lang != "" {
		code, msg := translationLanguage(*source, *lang)
		if msg != "" {
			fmt.Fprintln(m.Stderr, "sitegen: "+msg)
			return exitUsage
		}
		root = "content/" + strings.ToLower(code)
		if strings.ContainsAny(*from, "/\\") || strings.Contains(*from, "..") || strings.HasPrefix(*from, "_") {
			fmt.Fprintf(m.Stderr, "sitegen: -from %q must be a term's or chapter's slug (its file name without .md)\n", *from)
			return exitUsage
		}
	} else if *from != "" {
		fmt.Fprintln(m.Stderr, "sitegen: -from names the term a translation follows; give the language with -lang")
		return exitUsage
	}
	inLang := func(file string) string { return root + strings.TrimPrefix(file, "content") }
	today := time.Now().UTC()
	var file, text string
	switch {
	case rest[0] == "term" && len(rest) == 2:
		file, text = content.NewTerm(rest[1], today)
		if root != "content" {
			original := *from
			if original == "" {
				original = strings.TrimSuffix(filepath.Base(file), ".md")
			}
			orig := filepath.Join(*source, "content", "glossary", original+".md")
			if _, err := os.Stat(orig); err == nil {
				file = "content/glossary/" + original + ".md"
			} else if *from != "" {
				fmt.Fprintf(m.Stderr, "sitegen: no term content/glossary/%s.md to translate\n", original)
				return exitUsage
			}
		}
		file = inLang(file)
	case rest[0] == "guide" && len(rest) == 2:
		file, text = content.NewGuide(rest[1], today)
		file = inLang(file)
	case rest[0] == "chapter" && len(rest) == 3:
		dir := inLang(content.GuideDir(rest[1]))
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
		if *from != "" {
			// A translated chapter keeps its original's file name.
			origDir := filepath.Join(*source, filepath.FromSlash(content.GuideDir(rest[1])))
			names, _ := filepath.Glob(filepath.Join(origDir, "*.md"))
			found := ""
			for _, n := range names {
				base := strings.TrimSuffix(filepath.Base(n), ".md")
				if base == *from || strings.TrimLeft(strings.TrimLeft(base, "0123456789"), "-_.") == *from {
					found = filepath.Base(n)
				}
			}
			if found == "" {
				fmt.Fprintf(m.Stderr, "sitegen: no chapter %q in %s to translate\n", *from, content.GuideDir(rest[1]))
				return exitUsage
			}
			file = dir + "/" + found
			if orig, err := os.ReadFile(filepath.Join(origDir, found)); err == nil {
				if w := weightLine.FindString(string(orig)); w != "" {
					text = weightLine.ReplaceAllLiteralString(text, w)
				}
			}
		}
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

// weightLine is a chapter's weight in its front matter.
var weightLine = regexp.MustCompile(`(?m)^weight: *-?[0-9]+ *$`)

// translationLanguage checks that code is one of the site's languages
// other than the default, as sitegen.yaml spells it.
func translationLanguage(source, code string) (string, string) {
	cfg, probs := site.LoadConfig(os.DirFS(source))
	if len(probs) > 0 {
		return "", probs[0].String()
	}
	var codes []string
	for i, l := range cfg.Languages {
		if i == 0 {
			if strings.EqualFold(l.Code, code) {
				return "", fmt.Sprintf("%s is the default language: its files go in content/ (leave out -lang)", l.Code)
			}
			continue
		}
		if strings.EqualFold(l.Code, code) {
			return l.Code, ""
		}
		codes = append(codes, l.Code)
	}
	if len(codes) == 0 {
		return "", fmt.Sprintf("the site has one language; list %q under languages: in %s first", code, site.ConfigFile)
	}
	return "", fmt.Sprintf("language %q is not in languages: of %s (%s)", code, site.ConfigFile, strings.Join(codes, ", "))
}
