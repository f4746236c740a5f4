package site

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/memo"
	"github.com/ctohandbook/sitegen/internal/problem"
	"github.com/ctohandbook/sitegen/internal/render"
)

// A site in several languages keeps the default language's pages in
// content/ and each other language's in content/<code>/, the same tree.
// A build resolves and renders each language on its own, from that
// language's pages plus, where it lacks one, the default language's page
// republished in its tree (a fallback: the original text with a note, a
// canonical link to the original and noindex), so that every link of
// every language lands in that language and lists are complete. The
// languages meet in the language menu, hreflang and the sitemap.

// Language is one of the site's languages as a build uses it.
type Language struct {
	Code, Name, Title, Description string
	// Direction is "ltr" or "rtl".
	Direction string
	// Prefix is "" for the default language, "/es" for another.
	Prefix string
}

// Root is the language's home page URL.
func (l Language) Root() string { return l.Prefix + "/" }

// rtlScripts are the scripts written right to left.
var rtlScripts = map[string]bool{"Arab": true, "Hebr": true, "Thaa": true, "Syrc": true, "Nkoo": true, "Adlm": true, "Rohg": true, "Mand": true, "Samr": true, "Mend": true}

// direction is the writing direction of a language, from its script
// ("ur" is Arabic script, so right to left).
func direction(tag language.Tag) string {
	if script, _ := tag.Script(); rtlScripts[script.String()] {
		return "rtl"
	}
	return "ltr"
}

// checkLanguages validates languages: and makes the first the site's
// language.
func checkLanguages(cfg *Config, line int) []problem.Problem {
	var probs []problem.Problem
	bad := func(l LanguageConfig, format string, args ...any) {
		ln := l.line
		if ln == 0 {
			ln = line
		}
		probs = append(probs, problem.Problem{File: ConfigFile, Pos: problem.Pos{Line: ln}, Msg: fmt.Sprintf(format, args...)})
	}
	seen := map[string]bool{}
	for i := range cfg.Languages {
		l := &cfg.Languages[i]
		l.Code = strings.TrimSpace(l.Code)
		if l.Code == "" {
			bad(*l, "languages: entry %d has no code (write code: es)", i+1)
			continue
		}
		tag, err := language.Parse(l.Code)
		if err != nil || strings.ContainsAny(l.Code, "/\\. ") {
			bad(*l, "languages: %q is not a BCP 47 language code (such as en, es, pt-br, zh-cn)", l.Code)
			continue
		}
		key := strings.ToLower(l.Code)
		if seen[key] {
			bad(*l, "languages: %q is listed twice", l.Code)
			continue
		}
		seen[key] = true
		switch l.Direction {
		case "":
			l.Direction = direction(tag)
		case "ltr", "rtl":
		default:
			bad(*l, "languages: direction %q for %s must be ltr or rtl", l.Direction, l.Code)
		}
		if l.Name == "" {
			l.Name = display.Self.Name(tag)
			if l.Name == "" {
				l.Name = l.Code
			}
		}
	}
	if len(cfg.Languages) > 0 && len(probs) == 0 {
		cfg.Language = cfg.Languages[0].Code
	}
	return probs
}

// languages are the site's languages, the default first: one for a site
// without languages: in sitegen.yaml.
func (s *Site) languages() []Language {
	if len(s.Config.Languages) == 0 {
		tag, _ := language.Parse(s.Config.Language)
		return []Language{{Code: s.Config.Language, Title: s.Config.Title, Description: s.Config.Description, Direction: direction(tag)}}
	}
	out := make([]Language, len(s.Config.Languages))
	for i, l := range s.Config.Languages {
		out[i] = Language{Code: l.Code, Name: l.Name, Title: l.Title, Description: l.Description, Direction: l.Direction}
		if out[i].Title == "" {
			out[i].Title = s.Config.Title
		}
		if out[i].Description == "" && i == 0 {
			out[i].Description = s.Config.Description
		}
		if i > 0 {
			out[i].Prefix = "/" + strings.ToLower(l.Code) // folder and URL: pt-br for pt-BR
		}
	}
	return out
}

// fallbackOn says whether languages get fallback pages.
func (s *Site) fallbackOn() bool { return s.Config.Fallback == nil || *s.Config.Fallback }

// edition is one language's pages.
type edition struct {
	lang          Language
	pages, drafts []*content.Page
}

// editions sorts the published pages (and drafts) by language. The pages
// of a language other than the default are copies that name their
// original; the parsed pages are never changed, since the search index of
// an earlier build may still be reading them.
func (s *Site) editions(pages, drafts []*content.Page) []*edition {
	langs := s.languages()
	eds := make([]*edition, len(langs))
	byCode := map[string]*edition{}
	for i, l := range langs {
		eds[i] = &edition{lang: l}
		byCode[l.Code] = eds[i]
	}
	def := eds[0]
	sortIn := func(ps []*content.Page, draft bool) {
		for _, p := range ps {
			e := byCode[p.Lang]
			if e == nil {
				e = def
			}
			if draft {
				e.drafts = append(e.drafts, p)
			} else {
				e.pages = append(e.pages, p)
			}
		}
	}
	sortIn(pages, false)
	sortIn(drafts, true)
	if len(eds) == 1 {
		return eds
	}
	originals := make(map[string]*content.Page, len(def.pages))
	for _, p := range def.pages {
		originals[p.Rel] = p
	}
	for _, e := range eds[1:] {
		have := make(map[string]bool, len(e.pages))
		for i, p := range e.pages {
			t := *p
			t.Original = originals[p.Rel]
			if o := t.Original; o != nil {
				// What a translation leaves out, it shares with its
				// original: relations (so the graph is the same in every
				// language) and a chapter's place in its guide.
				// (Without fallbacks a target may be missing in the
				// language: then a translation states its own.)
				if len(t.Relations) == 0 && s.fallbackOn() {
					t.Relations = o.Relations
				}
				if _, set := t.Params["weight"]; !set {
					t.Weight = o.Weight
				}
			}
			e.pages[i] = &t
			have[p.Rel] = true
		}
		if !s.fallbackOn() {
			continue
		}
		for _, o := range def.pages {
			if have[o.Rel] {
				continue
			}
			f := *o
			f.Lang, f.Original, f.Fallback = e.lang.Code, o, true
			f.URL = e.lang.Prefix + o.URL
			f.RedirectFrom = nil
			f.Hash = memo.New("fallback").Key(o.Hash).String(e.lang.Code).Sum()
			e.pages = append(e.pages, &f)
		}
	}
	return eds
}

// translations names every page of every edition across languages (see
// render.Translations): content pages by their path in the language
// tree, list pages by their default-language URL. Editions come in the
// order of the languages, so each page's alternates do too.
func translations(eds []*edition, langs []render.Language, tags [][]string) render.Translations {
	if len(eds) < 2 {
		return nil
	}
	tr := render.Translations{}
	for i, e := range eds {
		for _, p := range e.pages {
			tr["file:"+p.Rel] = append(tr["file:"+p.Rel], render.Alternate{Language: langs[i], URL: p.URL, Translated: !p.Fallback})
		}
		lists := []string{"/glossary/", "/guide/", "/tags/", "/graph/", "/search/", "/404.html", "/"}
		for _, t := range tags[i] {
			lists = append(lists, render.TagURL(t))
		}
		for _, l := range lists {
			tr["url:"+l] = append(tr["url:"+l], render.Alternate{Language: langs[i], URL: e.lang.Prefix + l, Translated: true})
		}
	}
	return tr
}

// contentLanguages are the codes content.Options needs.
func (s *Site) contentLanguages() (def string, others []string) {
	langs := s.languages()
	for _, l := range langs[1:] {
		others = append(others, l.Code)
	}
	return langs[0].Code, others
}

// crossLanguage finds what each language's graph cannot see alone: a
// default-language page whose URL lies in another language's tree (a
// slug "fr" under the pattern /:slug/), and an old URL (redirect_from)
// that is another language's page or another page's old URL.
func crossLanguage(eds []*edition, graphs []*graph.Graph) []problem.Problem {
	if len(eds) < 2 {
		return nil
	}
	var probs []problem.Problem
	pages := map[string]*content.Page{}
	for _, g := range graphs {
		for _, p := range g.Pages {
			if pages[p.URL] == nil {
				pages[p.URL] = p
			}
		}
	}
	for _, p := range graphs[0].Pages {
		for _, e := range eds[1:] {
			if root := e.lang.Root(); strings.HasPrefix(p.URL, root) {
				probs = append(probs, problem.Problem{File: p.File, Pos: p.KeyPos("slug"),
					Msg: fmt.Sprintf("URL %s is inside the tree of the language %s (%s); give the page another slug", p.URL, e.lang.Code, root)})
			}
		}
	}
	owners := map[string]*content.Page{}
	for _, g := range graphs {
		for _, old := range sortedKeys(g.Redirects) {
			p := g.Redirects[old]
			if p.Fallback {
				continue
			}
			pos := p.KeyPos("redirect_from")
			// (Within one language its graph reports these itself.)
			switch q := pages[old]; {
			case q != nil && q.Lang != p.Lang:
				probs = append(probs, problem.Problem{File: p.File, Pos: pos, Msg: fmt.Sprintf("redirect_from %q is the URL of %s (%s)", old, q.File, q.Lang)})
			case owners[old] != nil && owners[old].Lang != p.Lang:
				probs = append(probs, problem.Problem{File: p.File, Pos: pos, Msg: fmt.Sprintf("redirect_from %q is also claimed by %s", old, owners[old].File)})
			default:
				owners[old] = p
			}
		}
	}
	return probs
}
