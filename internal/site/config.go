package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/problem"
	"gopkg.in/yaml.v3"
)

// ConfigFile is the name of a site's configuration file.
const ConfigFile = "sitegen.yaml"

// Config is sitegen.yaml. Every key is optional.
type Config struct {
	Title       string `yaml:"title"`
	BaseURL     string `yaml:"base_url"`
	Language    string `yaml:"language"`
	Description string `yaml:"description"`
	// Theme names themes/<theme>/ in the site folder, whose files override
	// the embedded default theme's.
	Theme string `yaml:"theme"`
	// Permalinks maps "glossary", "guide" and "pages" to URL patterns.
	Permalinks map[string]string `yaml:"permalinks"`
	// Relations adds relation verbs: verb → inverse label.
	Relations map[string]string `yaml:"relations"`
	Markdown  MarkdownConfig    `yaml:"markdown"`
	// AutoLink turns the first mention of a term in prose into a link.
	AutoLink *bool `yaml:"autolink"`
	// EditURL is where content files are edited, up to content/
	// ("https://github.com/org/repo/edit/main/content/"): each page links
	// to it followed by its file's path under content/.
	EditURL string `yaml:"edit_url"`
	// Author is who writes the site, for JSON-LD and the feed; a page's
	// front matter author overrides it.
	Author string `yaml:"author"`
	// SocialCards draws a 1200×630 image of every page for link previews
	// (og:image), at build time.
	SocialCards bool `yaml:"social_cards"`
	// Languages are the site's languages, the default one first; empty
	// for a site in one language (Language). See languages.go.
	Languages []LanguageConfig `yaml:"languages"`
	// Fallback publishes every default-language page a language lacks in
	// that language's tree (on unless set to false).
	Fallback *bool `yaml:"fallback"`
}

// LanguageConfig is one entry of languages: in sitegen.yaml.
type LanguageConfig struct {
	// Code is a BCP 47 tag ("es", "pt-br", "zh-cn"), written as the
	// language's folder under content/ and its URL prefix.
	Code string `yaml:"code"`
	// Name is shown in the language menu ("Español").
	Name string `yaml:"name"`
	// Title and Description override the site's in this language.
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	// Direction is "ltr" or "rtl"; by default it follows the script of
	// the language (ar, fa, he, ur… are rtl).
	Direction string `yaml:"direction"`

	line int
}

// MarkdownConfig holds Markdown options.
type MarkdownConfig struct {
	// UnsafeHTML lets raw HTML in Markdown through; off, it is shown escaped.
	UnsafeHTML bool `yaml:"unsafe_html"`
}

// DefaultConfig is the configuration of a site without sitegen.yaml.
func DefaultConfig() Config {
	return Config{
		Title:       "Untitled site",
		BaseURL:     "http://localhost:1313",
		Language:    "en",
		Description: "",
		Theme:       "default",
		Permalinks:  map[string]string{},
	}
}

var configKeys = map[string][]string{
	"":           {"title", "base_url", "language", "description", "theme", "permalinks", "relations", "markdown", "autolink", "edit_url", "author", "social_cards", "languages", "fallback"},
	"languages":  {"code", "name", "title", "description", "direction"},
	"markdown":   {"unsafe_html"},
	"permalinks": {"glossary", "guide", "pages"},
}

// LoadConfig reads sitegen.yaml from fsys; a missing file gives defaults.
// Problems name the file and line.
func LoadConfig(fsys fs.FS) (Config, []problem.Problem) {
	cfg := DefaultConfig()
	raw, err := fs.ReadFile(fsys, ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	bad := func(line, col int, format string, args ...any) []problem.Problem {
		return []problem.Problem{{File: ConfigFile, Pos: problem.Pos{Line: line, Col: col}, Msg: fmt.Sprintf(format, args...)}}
	}
	if err != nil {
		return cfg, bad(0, 0, "cannot read: %v", err)
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 0
		if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil {
			msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		}
		return cfg, bad(line, 0, "malformed YAML: %s", msg)
	}
	if len(doc.Content) == 0 {
		return cfg, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return cfg, bad(root.Line, root.Column, "sitegen.yaml must be a mapping of keys to values (title: ..., base_url: ...)")
	}
	var probs []problem.Problem
	probs = append(probs, checkKeys(root, "")...)
	if len(probs) > 0 {
		return cfg, probs
	}
	if err := root.Decode(&cfg); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: unmarshal errors:\n  ")
		line := 0
		if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil {
			msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		}
		return cfg, bad(line, 0, "%s", msg)
	}
	if langs := keyNode(root, "languages"); langs != nil && langs.Kind == yaml.SequenceNode {
		for i := range cfg.Languages {
			if i < len(langs.Content) {
				cfg.Languages[i].line = langs.Content[i].Line
			}
		}
	}
	if probs := checkLanguages(&cfg, keyLine(root, "languages")); len(probs) > 0 {
		return cfg, probs
	}
	for key, pattern := range cfg.Permalinks {
		if strings.ContainsAny(pattern, "\\\x00") || strings.Contains(pattern, "..") {
			return cfg, bad(keyLine(root, "permalinks", key), 0, "permalink %q for %s could leave the output folder", pattern, key)
		}
		if !strings.Contains(pattern, ":slug") && key != "guide" {
			return cfg, bad(keyLine(root, "permalinks", key), 0, "permalink %q for %s needs :slug", pattern, key)
		}
	}
	return cfg, nil
}

// checkKeys reports unknown keys, with a suggestion.
func checkKeys(n *yaml.Node, section string) []problem.Problem {
	known, ok := configKeys[section]
	if !ok || n.Kind != yaml.MappingNode {
		return nil
	}
	var probs []problem.Problem
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		name := strings.ToLower(k.Value)
		found := false
		for _, kk := range known {
			if kk == name {
				found = true
			}
		}
		if !found {
			where := "sitegen.yaml"
			if section != "" {
				where = section
			}
			msg := fmt.Sprintf("unknown key %q in %s (known keys: %s)", k.Value, where, strings.Join(sorted(known), ", "))
			if s := graph.Suggest(name, known); s != "" {
				msg = fmt.Sprintf("unknown key %q in %s (did you mean %q?)", k.Value, where, s)
			}
			probs = append(probs, problem.Problem{File: ConfigFile, Pos: problem.Pos{Line: k.Line, Col: k.Column}, Msg: msg})
			continue
		}
		if section == "" {
			v := n.Content[i+1]
			if v.Kind == yaml.SequenceNode {
				for _, item := range v.Content {
					probs = append(probs, checkKeys(item, name)...)
				}
			} else {
				probs = append(probs, checkKeys(v, name)...)
			}
		}
	}
	return probs
}

// keyNode is the value of a top-level key, or nil.
func keyNode(root *yaml.Node, key string) *yaml.Node {
	for i := 0; root.Kind == yaml.MappingNode && i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == key {
			return root.Content[i+1]
		}
	}
	return nil
}

func keyLine(root *yaml.Node, path ...string) int {
	n := root
	line := 0
	for _, key := range path {
		found := false
		for i := 0; n != nil && n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				line = n.Content[i].Line
				n = n.Content[i+1]
				found = true
				break
			}
		}
		if !found {
			break
		}
	}
	return line
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
