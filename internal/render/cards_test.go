package render

import (
	"encoding/json"
	"testing"
)

// TestCardsJSON: the hand-written encoder writes what encoding/json
// writes for the same cards.
func TestCardsJSON(t *testing.T) {
	set := map[string]card{
		"/glossary/b/": {`Quotes "and" \ slashes`, "R&D, <tags>", "Line\nbreak\ttab\r\x01 \u2028 ünïcode – dash"},
		"/glossary/a/": {"Plain", "", ""},
	}
	want, _ := json.Marshal(set)
	if got := string(cardsJSON(set)); got != string(want) {
		t.Errorf("cardsJSON:\n got %s\nwant %s", got, want)
	}
}
