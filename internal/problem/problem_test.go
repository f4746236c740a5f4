package problem

import (
	"strings"
	"testing"
)

func TestStringAndSort(t *testing.T) {
	ps := []Problem{
		{File: "content/b.md", Msg: "no title"},
		{File: "content/a.md", Pos: Pos{Line: 14, Col: 9}, Msg: `broken link "[[cisoo]]"`},
		{File: "content/a.md", Pos: Pos{Line: 3}, Msg: "one-way related", Warning: true},
		{File: "content/a.md", Pos: Pos{Line: 3}, Msg: "one-way related", Warning: true},
	}
	Sort(ps)
	ps = Dedupe(ps)
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	want := "content/a.md:3: warning: one-way related\n" +
		"content/a.md:14:9: broken link \"[[cisoo]]\"\n" +
		"content/b.md: no title"
	if strings.Join(got, "\n") != want {
		t.Errorf("sorted problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}
