package render

import (
	"strings"
	"sync"

	"golang.org/x/text/language"
)

// A multilingual site is rendered one language at a time, each by its own
// Renderer whose Site names the language. What ties the languages
// together is here: the language menu, the alternates of each page
// (hreflang), and the locale forms hosts and previews want.

// Language is one of the site's languages, as the language menu and the
// alternates show it.
type Language struct {
	// Code is the code as configured ("pt-br"), which is also the
	// language's folder and URL prefix.
	Code string
	// Name is the language's own name ("Español").
	Name string
	// Root is the language's home page ("/", "/es/").
	Root string
	// Dir is the language's writing direction, "ltr" or "rtl".
	Dir string
}

// Hreflang is the code in its canonical BCP 47 form ("pt-BR", "zh-CN"),
// as hreflang and lang attributes write it.
func (l Language) Hreflang() string { return Hreflang(l.Code) }

// Hreflang is a language code in canonical BCP 47 form; a code that does
// not parse is returned as given.
func Hreflang(code string) string {
	if h, ok := hreflangs.Load(code); ok {
		return h.(string) // pages ask for the same few codes many times each
	}
	h := code
	if tag, err := language.Parse(code); err == nil {
		h = tag.String()
	}
	hreflangs.Store(code, h)
	return h
}

var hreflangs sync.Map

// Alternate is a page in one of the site's languages.
type Alternate struct {
	Language
	// URL is the page in that language: its translation, or the fallback
	// that shows the default language's text.
	URL string
	// Translated is false for a fallback, which hreflang leaves out.
	Translated bool
	// Current marks the page being rendered.
	Current bool
}

// Translations maps what names a page across languages to the page in
// each language, in the order of the site's languages. Content pages
// are named "file:" and their path in the language tree
// ("file:glossary/cto.md"), list pages "url:" and their URL in the
// default language ("url:/glossary/").
type Translations map[string][]Alternate

// alternates are the versions of the page named key, the one in the
// site's language marked current; nil on a site in one language.
func (s *Site) alternates(key string) []Alternate {
	alts := s.Translations[key]
	if len(alts) < 2 {
		return nil
	}
	out := make([]Alternate, len(alts))
	for i, a := range alts {
		a.Current = a.Code == s.Language
		out[i] = a
	}
	return out
}

// listKey names a list page across languages by its URL in the default
// language.
func (s *Site) listKey(url string) string {
	return "url:" + "/" + strings.TrimPrefix(url, s.Root)
}

// Menu is the language menu of a page: every language, each leading to
// the page in it (a list page's own URL, or the language's home).
func (p *Page) Menu() []Alternate {
	if len(p.Alternates) > 0 {
		return p.Alternates
	}
	langs := p.Site.Languages
	if len(langs) < 2 {
		return nil
	}
	out := make([]Alternate, len(langs))
	for i, l := range langs {
		out[i] = Alternate{Language: l, URL: l.Root, Translated: true, Current: l.Code == p.Site.Language}
	}
	return out
}

// Hreflangs are the alternates a page's head links to: the translated
// versions, and x-default (the default language's) when there are any.
func (p *Page) Hreflangs() []Alternate {
	var out []Alternate
	for _, a := range p.Alternates {
		if a.Translated {
			out = append(out, a)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// XDefault is the default language's version of the page, for hreflang
// x-default.
func (p *Page) XDefault() string {
	if len(p.Alternates) == 0 {
		return ""
	}
	return p.Alternates[0].URL
}

// LocaleOf is a language code in OpenGraph's language_TERRITORY form.
func LocaleOf(code string) string {
	s := Site{Language: code}
	return s.Locale()
}

// AltLocales are the other languages' locales, for og:locale:alternate.
func (p *Page) AltLocales() []string {
	if p.Fallback {
		return nil
	}
	var out []string
	for _, a := range p.Hreflangs() {
		if !a.Current {
			out = append(out, LocaleOf(a.Code))
		}
	}
	return out
}

// Hreflang is the site's language in canonical BCP 47 form, for lang.
func (s *Site) Hreflang() string { return Hreflang(s.Language) }

// Dir is the writing direction of the site's language, "ltr" by default.
func (s *Site) Dir() string {
	if s.Direction == "" {
		return "ltr"
	}
	return s.Direction
}
