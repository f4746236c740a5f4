// Package problem is how sitegen reports bad input: a Problem names a
// file, a line and column when known, and what is wrong. Every package
// may use it; it imports nothing of sitegen's and does no I/O.
package problem

import (
	"fmt"
	"sort"
)

// Pos is a 1-based line and column in a file; 0 means unknown.
type Pos struct{ Line, Col int }

// Problem is an error or warning about the site's input.
type Problem struct {
	File    string
	Pos     Pos
	Msg     string
	Warning bool
}

// String is the form editors and terminals link to:
// "content/glossary/cto.md:14:9: message".
func (p Problem) String() string {
	loc := p.File
	if p.Pos.Line > 0 {
		loc += fmt.Sprintf(":%d", p.Pos.Line)
		if p.Pos.Col > 0 {
			loc += fmt.Sprintf(":%d", p.Pos.Col)
		}
	}
	if p.Warning {
		return loc + ": warning: " + p.Msg
	}
	return loc + ": " + p.Msg
}

// Error lets a problem travel as an error (a template failing to run).
func (p Problem) Error() string { return p.String() }

// Sort orders problems by file, line and column, then message.
func Sort(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
}

// Dedupe drops repeated problems from a sorted list, in place.
func Dedupe(ps []Problem) []Problem {
	out := ps[:0]
	for i, p := range ps {
		if i > 0 && p == ps[i-1] {
			continue
		}
		out = append(out, p)
	}
	return out
}
