package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"golang.org/x/text/feature/plural"
	"gopkg.in/yaml.v3"

	"github.com/ctohandbook/sitegen/internal/problem"
)

// The theme's visible strings, by language. A language's strings are
// i18n/<code>.yaml of the theme (themes/default/i18n/, overlaid as the
// rest of the theme is), with the site's own i18n/<code>.yaml on top,
// key by key; English (en) is beneath every language, so a missing string
// shows in English and Theme.Warnings names it. A file is a flat mapping
// of snake_case keys to strings, or, for a count, to plural forms
// ({one: ..., other: ...}, in the categories of Unicode's plural rules).
// This file reads and checks them; strings.go looks them up.

// DefaultLanguage is the language every other falls back to: the theme's
// i18n/en.yaml holds every key the theme uses.
const DefaultLanguage = "en"

// message is one string of one language: plain text, or plural forms.
type message struct {
	text  string
	forms map[plural.Form]string // nil for plain text
	file  string
	line  int
}

// table is one language's strings from one or more files, by key.
type table map[string]message

var (
	keyPattern    = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	placeholderRe = regexp.MustCompile(`\{[a-z_]+\}`)
	yamlLine      = regexp.MustCompile(`^yaml: line (\d+): `)
)

// pluralForms are the names of the plural categories a file may use.
var pluralForms = map[string]plural.Form{
	"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other,
}

// langCode is the language a file name stands for: "es.yaml" is "es",
// "pt_BR.yaml" "pt-br".
func langCode(name string) string {
	name = strings.TrimSuffix(path.Base(name), path.Ext(name))
	return strings.ToLower(strings.ReplaceAll(name, "_", "-"))
}

// normalizeLang is a language code as tables are keyed: lower case,
// hyphens ("zh_CN" is "zh-cn").
func normalizeLang(code string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(code), "_", "-"))
}

// loadStrings reads every i18n/*.yaml of fsys into tables by language,
// naming files in problems as shown + their path ("themes/default" +
// "i18n/es.yaml", or "" + "i18n/es.yaml" for the site's).
func loadStrings(fsys fs.FS, shown string, into map[string]table) []problem.Problem {
	if fsys == nil {
		return nil
	}
	names, _ := fs.Glob(fsys, "i18n/*.yaml")
	more, _ := fs.Glob(fsys, "i18n/*.yml")
	names = append(names, more...)
	sort.Strings(names)
	var probs []problem.Problem
	for _, name := range names {
		file := path.Join(shown, name)
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			probs = append(probs, problem.Problem{File: file, Msg: "cannot read: " + err.Error()})
			continue
		}
		t, ps := parseStrings(file, b)
		probs = append(probs, ps...)
		lang := langCode(name)
		if into[lang] == nil {
			into[lang] = table{}
		}
		for k, m := range t {
			into[lang][k] = m
		}
	}
	return probs
}

// parseStrings reads one strings file. What is malformed is a problem at
// its line; the rest of the file still counts.
func parseStrings(file string, b []byte) (table, []problem.Problem) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	bad := func(line, col int, format string, args ...any) problem.Problem {
		return problem.Problem{File: file, Pos: problem.Pos{Line: line, Col: col}, Msg: fmt.Sprintf(format, args...)}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		msg, line := err.Error(), 0
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			fmt.Sscan(m[1], &line)
			msg = msg[len(m[0]):]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		if parserError(msg) {
			line++ // yaml.v3 counts a parser error's line from 0
		}
		return nil, []problem.Problem{bad(line, 0, "malformed YAML: %s", msg)}
	}
	t := table{}
	if len(doc.Content) == 0 {
		return t, nil // an empty file
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, []problem.Problem{bad(root.Line, root.Column, "a strings file is a mapping of keys to strings (skip_to_content: Skip to content)")}
	}
	var probs []problem.Problem
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := k.Value
		if k.Kind != yaml.ScalarNode || !keyPattern.MatchString(key) {
			probs = append(probs, bad(k.Line, k.Column, "key %q: keys are snake_case names (skip_to_content)", key))
			continue
		}
		if prev, dup := t[key]; dup {
			probs = append(probs, bad(k.Line, k.Column, "string %q given twice (first on line %d)", key, prev.line))
			continue
		}
		m := message{file: file, line: k.Line}
		switch {
		case v.Kind == yaml.ScalarNode && v.Tag != "!!null":
			m.text = v.Value
		case v.Kind == yaml.MappingNode:
			m.forms = map[plural.Form]string{}
			ok := true
			for j := 0; j+1 < len(v.Content); j += 2 {
				fk, fv := v.Content[j], v.Content[j+1]
				form, known := pluralForms[fk.Value]
				if !known {
					probs = append(probs, bad(fk.Line, fk.Column, "string %q: %q is not a plural form (zero, one, two, few, many, other)", key, fk.Value))
					ok = false
					continue
				}
				if fv.Kind != yaml.ScalarNode || fv.Tag == "!!null" {
					probs = append(probs, bad(fv.Line, fv.Column, "string %q: the %s form must be a string", key, fk.Value))
					ok = false
					continue
				}
				m.forms[form] = fv.Value
			}
			if _, has := m.forms[plural.Other]; !has && ok {
				probs = append(probs, bad(v.Line, v.Column, "string %q: plural forms need \"other\"", key))
				ok = false
			}
			if !ok {
				continue
			}
		default:
			probs = append(probs, bad(v.Line, v.Column, "string %q must be a string, or plural forms ({one: ..., other: ...})", key))
			continue
		}
		t[key] = m
	}
	return t, probs
}

// parserError says whether a yaml.v3 message is one of its parser's
// (an unclosed [ or {, a missing key), whose line it gives 0-based, the
// line of the construct that is not closed; its scanner's are 1-based.
func parserError(msg string) bool {
	for _, p := range []string{"did not find expected ',' or", "did not find expected '-' indicator",
		"did not find expected <", "did not find expected key", "did not find expected node content",
		"found duplicate %", "found incompatible YAML", "found undefined tag handle"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// checkAgainstEnglish finds what English cannot back: a string whose
// shape (plain or plural) differs from the English one, or that uses a
// placeholder the English one does not fill. Strings English does not
// have are the site's own (for its templates) and pass.
func checkAgainstEnglish(tables map[string]table) []problem.Problem {
	en := tables[DefaultLanguage]
	var probs []problem.Problem
	for lang, t := range tables {
		if lang == DefaultLanguage {
			continue
		}
		for key, m := range t {
			e, ok := en[key]
			if !ok {
				continue
			}
			at := problem.Pos{Line: m.line}
			if (m.forms == nil) != (e.forms == nil) {
				want := "a string"
				if e.forms != nil {
					want = "plural forms ({one: ..., other: ...})"
				}
				probs = append(probs, problem.Problem{File: m.file, Pos: at, Msg: fmt.Sprintf("string %q must be %s, as in English", key, want)})
				continue
			}
			have := placeholders(e)
			for _, p := range placeholders(m) {
				if !slices.Contains(have, p) {
					msg := fmt.Sprintf("string %q uses %s, which is never filled in", key, p)
					if len(have) > 0 {
						msg += " (it has " + strings.Join(have, ", ") + ")"
					}
					probs = append(probs, problem.Problem{File: m.file, Pos: at, Msg: msg})
				}
			}
		}
	}
	problem.Sort(probs)
	return probs
}

// placeholders are the distinct {names} of m's text or forms, sorted.
func placeholders(m message) []string {
	seen := map[string]bool{}
	add := func(s string) {
		for _, p := range placeholderRe.FindAllString(s, -1) {
			seen[p] = true
		}
	}
	add(m.text)
	for _, f := range m.forms {
		add(f)
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// fallbacks are the tables a language reads, most specific first:
// "pt-br" reads pt-br, then pt, then English.
func fallbacks(lang string) []string {
	lang = normalizeLang(lang)
	var out []string
	for l := lang; l != ""; {
		out = append(out, l)
		i := strings.LastIndex(l, "-")
		if i < 0 {
			break
		}
		l = l[:i]
	}
	if !slices.Contains(out, DefaultLanguage) {
		out = append(out, DefaultLanguage)
	}
	return out
}

// Warnings say, for each language of langs but English, which strings it
// lacks (they show in English), naming the site's file they belong in:
// one warning for a language without any strings at all, else one per
// string.
func (t *Theme) Warnings(langs ...string) []problem.Problem {
	var out []problem.Problem
	seen := map[string]bool{}
	for _, lang := range langs {
		lang = normalizeLang(lang)
		if lang == "" || lang == DefaultLanguage || seen[lang] {
			continue
		}
		seen[lang] = true
		s := t.Strings(lang)
		file := "i18n/" + lang + ".yaml"
		if !s.found {
			out = append(out, problem.Problem{File: file, Warning: true,
				Msg: fmt.Sprintf("no strings for language %q: the theme shows English (add this file to translate it)", lang)})
			continue
		}
		for _, key := range s.Missing() {
			out = append(out, problem.Problem{File: file, Warning: true,
				Msg: fmt.Sprintf("missing string %q (English is used)", key)})
		}
	}
	return out
}

// strings are the theme's strings in the renderer's language.
func (r *Renderer) strings() *Strings { return r.Theme.Strings(r.Site.Language) }
