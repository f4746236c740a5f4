package render

import (
	"html/template"
	"net/url"
	"strings"
	"time"
)

// funcs are the template functions that do not depend on the language.
var funcs = template.FuncMap{
	"isodate": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02")
	},
	"join":  strings.Join,
	"lower": strings.ToLower,
	// plural is kept for themes written before the i18n strings; the
	// default theme uses tn, which follows the language's plural rules.
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
	"add": func(a, b int) int { return a + b },
}

// langFuncs are the template functions bound to one language's strings:
//
//	{{t "key"}}, {{t "key" value}}, {{t "key" "name" value ...}}  a string
//	{{tn "key" count}}, {{tn "key" count "name" value ...}}       a count
//	{{date .Updated}}                                            a date
//	{{tdate "updated_on" .Updated}}   the string with {date} as a <time>
//	{{tlink "key" url ...}}           the string with its [text] a link
//	{{i18nscript}}                    the js_ strings, for the scripts
//
// Each template set is cloned per language with these (Theme.Execute).
// A nil s gives the keys themselves: the functions exist when a theme
// is parsed, before any language is asked for.
func langFuncs(s *Strings) template.FuncMap {
	return template.FuncMap{
		"t":  func(key string, args ...any) string { return s.T(key, args...) },
		"tn": func(key string, n int, args ...any) string { return s.N(key, n, args...) },
		"date": func(t time.Time) string {
			if s == nil {
				return t.Format("2006-01-02")
			}
			return s.Date(t)
		},
		"tdate": func(key string, t time.Time) template.HTML { return timeHTML(s, key, t) },
		"tlink": func(key, href string, args ...any) template.HTML { return linkHTML(s, key, href, args...) },
		"i18nscript": func() template.JS {
			if s == nil {
				return "{}"
			}
			return s.js
		},
	}
}

// marker stands for an element while a string is escaped around it.
const marker = "\uE000"

// timeHTML is the string key, escaped, with {date} as a <time> element
// holding t: "Updated <time datetime="2026-12-02">December 2, 2026</time>".
func timeHTML(s *Strings, key string, t time.Time) template.HTML {
	text := template.HTMLEscapeString(s.T(key, "date", marker))
	var date string
	if s != nil {
		date = s.Date(t)
	}
	el := `<time datetime="` + t.Format("2006-01-02") + `">` + template.HTMLEscapeString(date) + `</time>`
	return template.HTML(strings.Replace(text, marker, el, 1))
}

// linkHTML is the string key, escaped, with its first [bracketed] part
// a link to href; args fill it as in Strings.T, after the brackets are
// found, so a value holding a bracket cannot move the link. Only a path
// or an http(s) URL becomes a link.
func linkHTML(s *Strings, key, href string, args ...any) template.HTML {
	esc := template.HTMLEscapeString
	text := s.T(key)
	part := func(t string) string { return esc(fill(t, args)) }
	i := strings.IndexByte(text, '[')
	j := strings.IndexByte(text, ']')
	if i < 0 || j < i {
		return template.HTML(part(text))
	}
	if u, err := url.Parse(href); err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") {
		href = "#"
	}
	return template.HTML(part(text[:i]) + `<a href="` + esc(href) + `">` + part(text[i+1:j]) + `</a>` + part(text[j+1:]))
}
