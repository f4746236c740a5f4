// Package render turns the resolved site into HTML through the theme:
// html/template over an fs.FS, fed typed page data. It renders pages and
// list pages, fingerprints the theme's assets and writes nothing to disk.
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/ctohandbook/sitegen/internal/problem"
)

// Layouts every theme provides, each defining the block "main" that
// templates/base.html places in the page.
var Layouts = []string{"home", "term", "glossary", "guides", "guide", "chapter", "page", "tags", "tag", "404", "graph", "search", "print"}

// Theme is a parsed theme: one template set per layout, its visible
// strings in each language (i18n/), and static assets.
type Theme struct {
	// Dir is where the theme's files are shown to come from in messages.
	Dir string
	// layouts are the parsed template sets, never executed: each
	// language runs its own clone (html/template clones only sets not yet
	// executed), made on first use with the language's functions.
	layouts map[string]*template.Template
	// Assets maps a theme static file ("style.css") to its fingerprinted
	// URL ("/assets/style.3f2a9c1b.css") and the other way round.
	Assets map[string]string
	files  map[string][]byte // fingerprinted path → bytes

	tables map[string]table // by language: the theme's i18n, the site's on top
	// langs holds each language asked for: its strings and template sets.
	mu    sync.Mutex
	langs map[string]*themeLang
}

// themeLang is a theme in one language.
type themeLang struct {
	once    sync.Once
	strings *Strings
	layouts map[string]*template.Template
	err     error
}

// LoadTheme parses the theme in fsys (which holds templates/, static/ and
// i18n/). dir names the theme in messages ("themes/default"). extraCSS is
// appended to style.css (the highlighting palettes). site, when not nil,
// is the site's folder: its i18n/<code>.yaml add languages and override
// the theme's strings, key by key.
func LoadTheme(fsys fs.FS, dir string, extraCSS []byte, site fs.FS) (*Theme, []problem.Problem) {
	t := &Theme{Dir: dir, layouts: map[string]*template.Template{}, Assets: map[string]string{}, files: map[string][]byte{},
		tables: map[string]table{}, langs: map[string]*themeLang{}}
	var probs []problem.Problem
	probs = append(probs, loadStrings(fsys, dir, t.tables)...)
	probs = append(probs, loadStrings(site, "", t.tables)...)
	if len(probs) == 0 {
		probs = append(probs, checkAgainstEnglish(t.tables)...)
	}
	read := func(name string) ([]byte, bool) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			msg := "cannot read: " + err.Error()
			if errors.Is(err, fs.ErrNotExist) {
				msg = "missing template (every theme needs templates/base.html and one file per layout: " + strings.Join(Layouts, ", ") + ")"
			}
			probs = append(probs, problem.Problem{File: path.Join(dir, name), Msg: msg})
			return nil, false
		}
		return b, true
	}
	base, ok := read("templates/base.html")
	if !ok {
		return nil, probs
	}
	partials, _ := fs.Glob(fsys, "templates/_*.html")
	sort.Strings(partials)
	for _, name := range Layouts {
		file := "templates/" + name + ".html"
		src, ok := read(file)
		if !ok {
			continue
		}
		tmpl := template.New("base.html").Funcs(funcs).Funcs(langFuncs(nil))
		if _, err := tmpl.Parse(string(base)); err != nil {
			probs = append(probs, templateProblem(dir, "templates/base.html", err))
			return nil, probs
		}
		bad := false
		for _, p := range partials {
			b, _ := fs.ReadFile(fsys, p)
			if _, err := tmpl.New(path.Base(p)).Parse(string(b)); err != nil {
				probs = append(probs, templateProblem(dir, p, err))
				bad = true
			}
		}
		if _, err := tmpl.New(name + ".html").Parse(string(src)); err != nil {
			probs = append(probs, templateProblem(dir, file, err))
			bad = true
		}
		if !bad {
			if missing := missingTemplates(dir, tmpl); len(missing) > 0 {
				probs = append(probs, missing...)
				continue
			}
			t.layouts[name] = tmpl
		}
	}
	statics, _ := fs.Glob(fsys, "static/*")
	sort.Strings(statics)
	for _, s := range statics {
		b, err := fs.ReadFile(fsys, s)
		if err != nil {
			continue
		}
		name := path.Base(s)
		if name == "style.css" {
			b = append(append(append([]byte{}, b...), '\n'), extraCSS...)
		}
		sum := sha256.Sum256(b)
		ext := path.Ext(name)
		fp := "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		t.Assets[name] = "/" + fp
		t.files[fp] = b
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return t, nil
}

var tmplLine = regexp.MustCompile(`template: ?([^:]+):(\d+):(?:(\d+):)? ?(.*)`)

// templateProblem turns an html/template error into file:line: message.
func templateProblem(dir, file string, err error) problem.Problem {
	msg := err.Error()
	p := problem.Problem{File: path.Join(dir, file), Msg: "template error: " + msg}
	if m := tmplLine.FindStringSubmatch(msg); m != nil {
		var line, col int
		fmt.Sscan(m[2], &line)
		if m[3] != "" {
			fmt.Sscan(m[3], &col)
		}
		p.File = path.Join(dir, "templates", path.Base(m[1]))
		p.Pos = problem.Pos{Line: line, Col: col}
		p.Msg = "template error: " + m[4]
	}
	return p
}

// Execute renders one layout with data, in the language lang (a code
// such as "es"; "" is English).
func (t *Theme) Execute(lang, layout string, data any) ([]byte, error) {
	tl, err := t.lang(lang)
	if err != nil {
		return nil, err
	}
	tmpl, ok := tl.layouts[layout]
	if !ok {
		return nil, fmt.Errorf("%s/templates/%s.html: missing template", t.Dir, layout)
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, "base.html", data); err != nil {
		return nil, templateProblem(t.Dir, "templates/"+layout+".html", err)
	}
	return buf.Bytes(), nil
}

// Strings are the theme's visible strings in lang, English beneath.
func (t *Theme) Strings(lang string) *Strings {
	if t == nil {
		return nil
	}
	tl, _ := t.lang(lang)
	return tl.strings
}

// lang is the theme in one language, made on first use: its strings, and
// a clone of every layout's template set whose t, tn and date speak it.
func (t *Theme) lang(lang string) (*themeLang, error) {
	if lang == "" {
		lang = DefaultLanguage
	}
	t.mu.Lock()
	tl := t.langs[lang]
	if tl == nil {
		tl = &themeLang{}
		t.langs[lang] = tl
	}
	t.mu.Unlock()
	tl.once.Do(func() {
		tl.strings = newStrings(lang, t.tables)
		fm := langFuncs(tl.strings)
		tl.layouts = make(map[string]*template.Template, len(t.layouts))
		for name, set := range t.layouts {
			c, err := set.Clone()
			if err != nil {
				tl.err = fmt.Errorf("%s/templates/%s.html: %v", t.Dir, name, err)
				return
			}
			tl.layouts[name] = c.Funcs(fm)
		}
	})
	return tl, tl.err
}

// Files are the fingerprinted assets, by output path.
func (t *Theme) Files() map[string][]byte { return t.files }
