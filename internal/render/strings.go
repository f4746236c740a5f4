package render

import (
	"encoding/json"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Strings are one language's visible strings, English beneath: what
// templates read through t, tn and date, and what Go code that makes
// text for readers (breadcrumbs, descriptions, graph captions) reads
// through T and N. Made once per language by Theme.Strings; read-only
// afterwards, so pages share it across goroutines.
type Strings struct {
	// Lang is the language code the strings are for ("es", "zh-cn").
	Lang string
	tag  language.Tag
	msgs table
	// missing are the English keys no table of the language has.
	missing []string
	// found says whether any table exists for the language.
	found bool
	js    template.JS
}

// newStrings resolves lang's strings from the loaded tables.
func newStrings(lang string, tables map[string]table) *Strings {
	chain := fallbacks(lang)
	s := &Strings{Lang: lang, msgs: table{}}
	s.tag, _ = language.Parse(lang)
	for i := len(chain) - 1; i >= 0; i-- {
		for k, m := range tables[chain[i]] {
			s.msgs[k] = m
		}
	}
	for _, l := range chain[:len(chain)-1] {
		if tables[l] != nil {
			s.found = true
		}
	}
	if normalizeLang(lang) != DefaultLanguage {
		for k := range tables[DefaultLanguage] {
			own := false
			for _, l := range chain[:len(chain)-1] {
				if _, ok := tables[l][k]; ok {
					own = true
					break
				}
			}
			if !own {
				s.missing = append(s.missing, k)
			}
		}
		sort.Strings(s.missing)
	}
	s.js = s.scriptStrings()
	return s
}

// T is the string key, with its placeholders filled from args: one value
// fills every placeholder, else args are name, value pairs
// (T("tagged", "tag", name)). A key no language has shows as itself, so
// a mistake is seen rather than hidden.
func (s *Strings) T(key string, args ...any) string {
	m, ok := s.lookup(key)
	if !ok {
		return key
	}
	text := m.text
	if m.forms != nil {
		text = m.forms[plural.Other]
	}
	return fill(text, args)
}

// N is the plural string key for the count n, in the form the language's
// plural rules choose for n; {count} is n, and args fill the rest as in T.
// A plain string serves every count.
func (s *Strings) N(key string, n int, args ...any) string {
	m, ok := s.lookup(key)
	if !ok {
		return key
	}
	text := m.text
	if m.forms != nil {
		text = m.forms[plural.Other]
		if f, ok := m.forms[s.form(n)]; ok {
			text = f
		}
	}
	return fill(text, append([]any{"count", n}, args...))
}

// form is the plural category of n in the language.
func (s *Strings) form(n int) plural.Form {
	if n < 0 {
		n = -n
	}
	return plural.Cardinal.MatchPlural(s.tag, n, 0, 0, 0, 0)
}

func (s *Strings) lookup(key string) (message, bool) {
	if s == nil {
		return message{}, false
	}
	m, ok := s.msgs[key]
	return m, ok
}

// Has says whether any table of the language, or English, has key.
func (s *Strings) Has(key string) bool {
	_, ok := s.lookup(key)
	return ok
}

// Date is a date as the language writes it (date_format, month_1 to
// month_12): "December 2, 2026", "2 de diciembre de 2026". The zero
// time is "".
func (s *Strings) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fill(s.T("date_format"), []any{
		"day", t.Day(), "month", s.T("month_" + strconv.Itoa(int(t.Month()))), "year", t.Year(),
		"month_number", int(t.Month()),
	})
}

// Verb is a relation's label as the language says it: verb_<label> with
// underscores for spaces and hyphens ("implemented by" reads
// verb_implemented_by), else the label itself, as a site's own verbs are
// written in sitegen.yaml.
func (s *Strings) Verb(label string) string {
	key := "verb_" + strings.NewReplacer(" ", "_", "-", "_").Replace(label)
	if s.Has(key) {
		return s.T(key)
	}
	return label
}

// Missing are the keys English has and the language lacks, sorted: they
// show in English. English itself misses none.
func (s *Strings) Missing() []string { return append([]string(nil), s.missing...) }

// scriptStrings are the js_ strings as JSON for the page's scripts:
// each key a string, or its plural forms by category name.
func (s *Strings) scriptStrings() template.JS {
	out := map[string]any{}
	for k, m := range s.msgs {
		if !strings.HasPrefix(k, "js_") {
			continue
		}
		if m.forms == nil {
			out[k] = m.text
			continue
		}
		forms := map[string]string{}
		for name, f := range pluralForms {
			if text, ok := m.forms[f]; ok {
				forms[name] = text
			}
		}
		out[k] = forms
	}
	b, err := json.Marshal(out) // sorted keys; <, > and & escaped
	if err != nil {
		return "{}"
	}
	return template.JS(b)
}

// fill replaces {name} in text by args: a single value fills every
// placeholder, else args are name, value pairs. Placeholders without a
// value stay as they are.
func fill(text string, args []any) string {
	if len(args) == 0 || !strings.Contains(text, "{") {
		return text
	}
	value := func(name string) (string, bool) {
		if len(args) == 1 {
			return str(args[0]), true
		}
		for i := 0; i+1 < len(args); i += 2 {
			if n, _ := args[i].(string); n == name {
				return str(args[i+1]), true
			}
		}
		return "", false
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			break
		}
		if v, ok := value(text[i+1 : i+j]); ok {
			b.WriteString(text[:i])
			b.WriteString(v)
		} else {
			b.WriteString(text[:i+j+1])
		}
		text = text[i+j+1:]
	}
	b.WriteString(text)
	return b.String()
}

func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case interface{ String() string }:
		return v.String()
	}
	b, _ := json.Marshal(v)
	return string(b)
}
