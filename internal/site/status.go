package site

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/ctohandbook/sitegen/internal/content"
)

// Translation status: for each language but the default, which of the
// default language's files it translates, which it lacks, and which of
// its translations are out of date because the original changed after
// the translation did.

// Commit is one commit of the site's git history.
type Commit struct {
	Hash string
	Time time.Time
	// Seq is the commit's place in the walk, newest first (0): commits
	// made within the same second are still told apart.
	Seq int
}

// newer says whether c comes after d in the history.
func (c Commit) newer(d Commit) bool { return c.Seq < d.Seq }

// History is what git knows of the content files, read in one batched
// walk (cmd fills it; nil outside a git work tree).
type History struct {
	// Files maps a content file to the commits that touched it, newest
	// first.
	Files map[string][]Commit
	// Commits maps a commit hash to the commit, for every commit walked.
	Commits map[string]Commit
}

// last is the newest commit of file, if it has one.
func (h *History) last(file string) (Commit, bool) {
	if h == nil || len(h.Files[file]) == 0 {
		return Commit{}, false
	}
	return h.Files[file][0], true
}

// commit finds a commit by its hash or an unambiguous prefix of it.
func (h *History) commit(ref string) (Commit, bool) {
	if h == nil || len(ref) < 4 {
		return Commit{}, false
	}
	if c, ok := h.Commits[ref]; ok {
		return c, true
	}
	var found Commit
	n := 0
	for hash, c := range h.Commits {
		if strings.HasPrefix(hash, ref) {
			found, n = c, n+1
		}
	}
	return found, n == 1
}

// LangStatus is one language's translation status.
type LangStatus struct {
	Code string
	// Terms, Chapters and Others count the default language's files of
	// each kind and how many this language translates.
	Terms, Chapters, Others Count
	// Missing are the default language's files the language lacks.
	Missing []Missing
	// Outdated are translations whose original changed since.
	Outdated []Outdated
}

// Count is how many of Total files a language translates.
type Count struct{ Done, Total int }

// Missing is a file to translate: File (content/es/glossary/cto.md)
// would follow Original (content/glossary/cto.md).
type Missing struct{ File, Original string }

// Outdated is a translation whose original changed after it did.
type Outdated struct {
	File, Original string
	// Why says how that is known: the commits since, or the dates.
	Why string
}

// Line is the status in the form sitegen check prints:
// "translations es: 25 of 66 terms, 4 of 18 chapters, 3 of 8 other pages; 2 outdated".
func (st LangStatus) Line() string {
	return fmt.Sprintf("translations %s: %d of %d terms, %d of %d chapters, %d of %d other pages; %d outdated",
		st.Code, st.Terms.Done, st.Terms.Total, st.Chapters.Done, st.Chapters.Total,
		st.Others.Done, st.Others.Total, len(st.Outdated))
}

// TranslationStatus reports, for each language but the default, what it
// translates, lacks and has out of date, from the last build's files
// (drafts count when the build included them). With history, "outdated"
// compares commits (or, when a translation names translated_from: <commit>,
// lists the original's commits since); without, the updated/date front
// matter.
func (s *Site) TranslationStatus(h *History) []LangStatus {
	langs := s.languages()
	if len(langs) < 2 {
		return nil
	}
	byLang := map[string]map[string]*content.Page{}
	for _, f := range s.parsedFiles() {
		p := s.parsed[f].page
		if p == nil || (p.Draft && !s.Options.Drafts) {
			continue
		}
		if byLang[p.Lang] == nil {
			byLang[p.Lang] = map[string]*content.Page{}
		}
		byLang[p.Lang][p.Rel] = p
	}
	originals := byLang[langs[0].Code]
	rels := sortedKeys(originals)
	var out []LangStatus
	for _, l := range langs[1:] {
		st := LangStatus{Code: l.Code}
		mine := byLang[l.Code]
		for _, rel := range rels {
			o := originals[rel]
			count := &st.Others
			switch o.Kind {
			case content.KindTerm:
				count = &st.Terms
			case content.KindChapter:
				count = &st.Chapters
			}
			count.Total++
			t, ok := mine[rel]
			if !ok {
				st.Missing = append(st.Missing, Missing{File: path.Join("content"+l.Prefix, rel), Original: o.File})
				continue
			}
			count.Done++
			if why := outdated(o, t, h); why != "" {
				st.Outdated = append(st.Outdated, Outdated{File: t.File, Original: o.File, Why: why})
			}
		}
		out = append(out, st)
	}
	return out
}

// outdated says why translation t is behind original o, or "" if it is
// not.
func outdated(o, t *content.Page, h *History) string {
	if ref := pinned(t); ref != "" && h != nil {
		c, ok := h.commit(strings.ToLower(ref))
		if !ok {
			// Not a commit that changed content/ (or beyond a shallow
			// clone's history): the last commits decide, as without a pin.
			return outdated(o, withoutPin(t), h)
		}
		var since []string
		for _, oc := range h.Files[o.File] {
			if oc.newer(c) {
				since = append(since, short(oc.Hash))
			}
		}
		if len(since) == 0 {
			return ""
		}
		return fmt.Sprintf("%s changed in %d %s since %s: %s", o.File, len(since), plural(len(since), "commit", "commits"), short(c.Hash), strings.Join(since, ", "))
	}
	if oc, ok := h.last(o.File); ok {
		tc, tok := h.last(t.File)
		if !tok {
			return "" // the translation is not committed yet: it is the newer
		}
		if oc.newer(tc) {
			return fmt.Sprintf("%s was last committed %s (%s), after %s (%s)", o.File, oc.Time.Format("2006-01-02 15:04"), short(oc.Hash), t.File, tc.Time.Format("2006-01-02 15:04"))
		}
		return ""
	}
	if om, tm := o.LastMod(), t.LastMod(); !om.IsZero() && !tm.IsZero() && om.After(tm) {
		return fmt.Sprintf("%s is dated %s, after the translation's %s", o.File, om.Format("2006-01-02"), tm.Format("2006-01-02"))
	}
	return ""
}

// withoutPin is t as if it named no translated_from.
func withoutPin(t *content.Page) *content.Page {
	c := *t
	c.Params = map[string]any{}
	for k, v := range t.Params {
		if k != "translated_from" {
			c.Params[k] = v
		}
	}
	return &c
}

// pinned is the commit a translation says it follows (translated_from).
func pinned(p *content.Page) string {
	v, ok := p.Params["translated_from"]
	if !ok {
		return ""
	}
	return strings.TrimSpace(fmt.Sprint(v))
}

func short(hash string) string {
	if len(hash) > 7 {
		return hash[:7]
	}
	return hash
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
