package graph

import (
	"sort"
	"strings"
)

// Verb is a relation type: "cto implements iso-27001" reads as the
// Name on the declaring term and as the Inverse on the target.
type Verb struct {
	Name    string
	Inverse string
}

// Symmetric verbs read the same on both ends.
func (v Verb) Symmetric() bool { return v.Name == v.Inverse }

// Label is the verb as shown on the page that declared it.
func (v Verb) Label() string { return strings.ReplaceAll(v.Name, "-", " ") }

// InverseLabel is the verb as shown on the target's page.
func (v Verb) InverseLabel() string { return strings.ReplaceAll(v.Inverse, "-", " ") }

// Builtin is the vocabulary every site has, in display order.
var Builtin = []Verb{
	{"complements", "complements"},
	{"implements", "implemented-by"},
	{"supervises", "supervised-by"},
	{"leads", "led-by"},
	{"manages", "managed-by"},
	{"part-of", "includes"},
	{"depends-on", "enables"},
	{"see-also", "see-also"},
}

// Vocabulary is the set of verbs a site may use.
type Vocabulary struct {
	verbs []Verb
	index map[string]int
}

// NewVocabulary is Builtin plus the site's own verbs, in that order. A
// site verb with a built-in name replaces its inverse label.
func NewVocabulary(extra []Verb) *Vocabulary {
	v := &Vocabulary{index: map[string]int{}}
	for _, b := range append(append([]Verb{}, Builtin...), extra...) {
		name := strings.ToLower(strings.TrimSpace(b.Name))
		inv := strings.ToLower(strings.TrimSpace(b.Inverse))
		if inv == "" {
			inv = name
		}
		if i, ok := v.index[name]; ok {
			v.verbs[i].Inverse = inv
			continue
		}
		v.index[name] = len(v.verbs)
		v.verbs = append(v.verbs, Verb{name, inv})
	}
	return v
}

// Lookup finds a verb by name.
func (v *Vocabulary) Lookup(name string) (Verb, bool) {
	vb, _, ok := v.lookup(name)
	if !ok {
		return Verb{}, false
	}
	return *vb, true
}

func (v *Vocabulary) lookup(name string) (*Verb, int, bool) {
	i, ok := v.index[name]
	if !ok {
		return nil, 0, false
	}
	return &v.verbs[i], i, true
}

// Names lists the verbs, sorted, for messages.
func (v *Vocabulary) Names() []string {
	out := make([]string, len(v.verbs))
	for i, vb := range v.verbs {
		out[i] = vb.Name
	}
	sort.Strings(out)
	return out
}

// Verbs lists the verbs in display order.
func (v *Vocabulary) Verbs() []Verb { return v.verbs }
