package content

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/ctohandbook/sitegen/internal/problem"
	"gopkg.in/yaml.v3"
)

// Reading front matter values: each reader reports a value of the wrong
// type at the line of its key, and returns what it could use.

func (p *Page) strings(fm map[string]any, key string, bad func(problem.Pos, string, ...any)) []string {
	v, ok := fm[key]
	if !ok || v == nil {
		return nil
	}
	switch v := v.(type) {
	case string:
		if strings.TrimSpace(v) == "" {
			return nil
		}
		return []string{strings.TrimSpace(v)}
	case []any:
		var out []string
		for i, e := range v {
			switch e := e.(type) {
			case string:
				if s := strings.TrimSpace(e); s != "" {
					out = append(out, s)
				}
			case int, float64, bool:
				out = append(out, fmt.Sprint(e))
			default:
				bad(p.KeyPos(key, fmt.Sprint(i)), "%s: each entry must be text, not %s", key, describe(e))
			}
		}
		return out
	}
	bad(p.KeyPos(key), "%s must be a list of text, not %s", key, describe(v))
	return nil
}

func (p *Page) date(fm map[string]any, key string, bad func(problem.Pos, string, ...any)) time.Time {
	v, ok := fm[key]
	if !ok || v == nil {
		return time.Time{}
	}
	s, isStr := v.(string)
	if t, isTime := v.(time.Time); isTime {
		return t.UTC()
	}
	if isStr {
		for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
			if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
				return t.UTC()
			}
		}
	}
	bad(p.KeyPos(key), "%s %v is not a date (write YYYY-MM-DD)", key, v)
	return time.Time{}
}

// relations reads `relations:` (verb → targets) and `related:` (shorthand
// for see-also). Verbs are checked later, against the site's vocabulary.
func (p *Page) relations(fm map[string]any, bad func(problem.Pos, string, ...any)) []Relation {
	var out []Relation
	if v, ok := fm["relations"]; ok && v != nil {
		m, isMap := v.(map[string]any)
		if !isMap {
			bad(p.KeyPos("relations"), "relations must map a verb to a list of terms, not %s", describe(v))
		}
		verbs := make([]string, 0, len(m))
		for verb := range m {
			verbs = append(verbs, verb)
		}
		sort.Strings(verbs)
		for _, verb := range verbs {
			key := strings.ToLower(strings.TrimSpace(verb))
			targets := m[verb]
			var list []any
			switch t := targets.(type) {
			case string:
				list = []any{t}
			case []any:
				list = t
			case nil:
			default:
				bad(p.KeyPos("relations", verb), "relations: %s must list term slugs, not %s", verb, describe(targets))
			}
			for i, t := range list {
				s, isStr := t.(string)
				if !isStr {
					bad(p.KeyPos("relations", verb, fmt.Sprint(i)), "relations: %s: each target must be a term slug, not %s", verb, describe(t))
					continue
				}
				out = append(out, Relation{Verb: key, Target: strings.TrimSpace(s), Pos: p.KeyPos("relations", verb, fmt.Sprint(i))})
			}
		}
	}
	for i, t := range p.strings(fm, "related", bad) {
		out = append(out, Relation{Verb: "see-also", Target: t, Pos: p.KeyPos("related", fmt.Sprint(i)), Shorthand: true})
	}
	return out
}

// lowerKeys makes front matter keys case-insensitive and converts the
// YAML decoder's nested maps to map[string]any.
func lowerKeys(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = plain(v)
	}
	return out
}

func plain(v any) any {
	switch v := v.(type) {
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[fmt.Sprint(k)] = plain(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = plain(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = plain(e)
		}
		return out
	}
	return v
}

func describe(v any) string {
	switch v.(type) {
	case []any:
		return "a list"
	case map[string]any, map[any]any:
		return "a mapping"
	case nil:
		return "nothing"
	case bool:
		return "true/false"
	case int, float64:
		return "a number"
	}
	return fmt.Sprintf("%T", v)
}

// yamlProblemPos finds the line of a YAML syntax error by decoding again
// with a decoder that reports lines.
func yamlProblemPos(text []byte, firstLine int) problem.Pos {
	var n yaml.Node
	err := yaml.Unmarshal(text, &n)
	if err == nil {
		if n.Kind == yaml.DocumentNode && len(n.Content) > 0 && n.Content[0].Kind != yaml.MappingNode {
			return problem.Pos{Line: firstLine + n.Content[0].Line - 1, Col: n.Content[0].Column}
		}
		return problem.Pos{Line: firstLine - 1, Col: 1}
	}
	if line, msg := yamlErrorLine(err.Error()); line > 0 {
		// yaml.v3 counts lines from 0 in parser errors ("did not find
		// expected ...") and from 1 in scanner errors.
		if strings.HasPrefix(msg, "did not find expected") {
			line++
		}
		return problem.Pos{Line: firstLine + line - 1, Col: 0}
	}
	return problem.Pos{Line: firstLine - 1, Col: 1}
}

func yamlMessage(text []byte) string {
	var n yaml.Node
	err := yaml.Unmarshal(text, &n)
	if err == nil {
		return "front matter must be a mapping of keys to values (title: ..., summary: ...)"
	}
	_, msg := yamlErrorLine(err.Error())
	return msg
}
