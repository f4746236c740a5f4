package synth

import (
	"strings"
	"testing"
)

// TestWordListsDisjoint checks what termTitle and the prose rely on: no
// word is in two of the lists, so titles are unique, none contains
// another, and prose never mentions a term by accident.
func TestWordListsDisjoint(t *testing.T) {
	lists := map[string][]string{"adjectives": adjectives, "modifiers": modifiers, "nouns": nouns, "words": words}
	owner := map[string]string{}
	for name, list := range lists {
		for _, w := range list {
			w = strings.ToLower(w)
			if o, ok := owner[w]; ok && o != name {
				t.Errorf("%q is in both %s and %s", w, o, name)
			}
			owner[w] = name
		}
	}
	seen := map[string]int{}
	for i := 0; i < 200000; i++ {
		title := termTitle(i)
		if j, dup := seen[title]; dup {
			t.Fatalf("terms %d and %d are both titled %q", j, i, title)
		}
		seen[title] = i
	}
}
