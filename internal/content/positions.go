package content

import (
	"strconv"
	"strings"
	"sync"

	"github.com/ctohandbook/sitegen/internal/problem"
	"gopkg.in/yaml.v3"
)

// positions finds where keys and values sit in front matter. goldmark-meta
// decodes front matter without positions, so the YAML text is read again,
// as a node tree, only when a message needs a line.
type positions struct {
	once      sync.Once
	yaml      []byte
	firstLine int // line of the file where the YAML text starts
	root      *yaml.Node
}

// released is p without its parsed YAML, which is parsed again if a
// position is asked for later (a problem the graph finds): a page keeps
// its front matter's text, not its syntax tree.
func (p *positions) released() *positions {
	if p == nil {
		return nil
	}
	return &positions{yaml: p.yaml, firstLine: p.firstLine}
}

func (p *positions) find(keyName bool, path ...string) problem.Pos {
	p.once.Do(func() {
		var doc yaml.Node
		if yaml.Unmarshal(p.yaml, &doc) == nil && len(doc.Content) > 0 {
			p.root = doc.Content[0]
		}
	})
	fallback := problem.Pos{Line: p.firstLine - 1, Col: 1}
	n := p.root
	if n == nil {
		return fallback
	}
	at := problem.Pos{Line: p.firstLine - 1 + n.Line, Col: n.Column}
	for i, key := range path {
		if keyName && i == len(path)-1 {
			if k := keyNode(n, key); k != nil {
				return problem.Pos{Line: p.firstLine - 1 + k.Line, Col: k.Column}
			}
		}
		next := lookup(n, key)
		if next == nil {
			return at
		}
		n = next
		at = problem.Pos{Line: p.firstLine - 1 + n.Line, Col: n.Column}
	}
	return at
}

// lookup finds a mapping key's value node (case-insensitively) or a
// sequence item by index. For a mapping it returns the value, except for
// the last step where callers want the key: both sit on the same line for
// scalars, so the value is fine.
func lookup(n *yaml.Node, key string) *yaml.Node {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if strings.EqualFold(n.Content[i].Value, key) {
				v := n.Content[i+1]
				if v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode && v.Style != yaml.FlowStyle {
					return keyThenValue(n.Content[i], v)
				}
				return v
			}
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(key); err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i]
		}
	}
	return nil
}

// keyNode finds a mapping's key node, case-insensitively.
func keyNode(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if strings.EqualFold(n.Content[i].Value, key) {
			return n.Content[i]
		}
	}
	return nil
}

// keyThenValue returns the value node but with the key's position, so that
// a message about "relations" points at the key, while a further lookup
// still descends into the value.
func keyThenValue(k, v *yaml.Node) *yaml.Node {
	c := *v
	c.Line, c.Column = k.Line, k.Column
	return &c
}

// yamlErrorLine pulls the line out of a YAML error ("yaml: line 3: ...").
func yamlErrorLine(msg string) (int, string) {
	const pfx = "yaml: line "
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors:\n  ")
	if i := strings.Index(msg, pfx); i >= 0 {
		rest := msg[i+len(pfx):]
		if j := strings.Index(rest, ":"); j > 0 {
			if n, err := strconv.Atoi(rest[:j]); err == nil {
				return n, strings.TrimSpace(rest[j+1:])
			}
		}
	}
	if strings.HasPrefix(msg, "line ") {
		rest := msg[5:]
		if j := strings.Index(rest, ":"); j > 0 {
			if n, err := strconv.Atoi(rest[:j]); err == nil {
				return n, strings.TrimSpace(rest[j+1:])
			}
		}
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}
