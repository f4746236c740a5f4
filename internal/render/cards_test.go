package render

import (
	"encoding/json"
	"testing"

	"github.com/ctohandbook/sitegen/internal/content"
)

// TestCardsJSON: a term's hover card, written without reflection, is what
// encoding/json writes for it (a page joins these members into an object).
func TestCardsJSON(t *testing.T) {
	for _, p := range []*content.Page{
		{URL: "/glossary/b/", Title: `Quotes "and" \ slashes`, Aka: []string{"R&D", "<tags>"}, Summary: "Line\nbreak\ttab\r\x01 \u2028 ünïcode – dash"},
		{URL: "/glossary/a/", Title: "Plain"},
	} {
		want, _ := json.Marshal(map[string]card{p.URL: {p.Title, joinAka(p.Aka), p.Summary}})
		if got := "{" + makeCard(p).json + "}"; got != string(want) {
			t.Errorf("card of %s:\n got %s\nwant %s", p.URL, got, want)
		}
	}
}
