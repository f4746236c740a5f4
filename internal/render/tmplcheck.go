package render

import (
	"fmt"
	"html/template"
	"path"
	"strings"
	"text/template/parse"

	"github.com/ctohandbook/sitegen/internal/problem"
)

// missingTemplates finds {{template "name"}} calls to templates the set
// does not define. html/template reports them only when the call runs, so
// a layout used by no page would hide the mistake until one is written.
func missingTemplates(dir string, set *template.Template) []problem.Problem {
	var probs []problem.Problem
	seen := map[string]bool{}
	for _, t := range set.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		tree := t.Tree
		walkTemplateCalls(tree.Root, func(n *parse.TemplateNode) {
			if set.Lookup(n.Name) != nil {
				return
			}
			loc, _ := tree.ErrorContext(n)
			if seen[loc] {
				return
			}
			seen[loc] = true
			p := problem.Problem{File: path.Join(dir, "templates", tree.ParseName), Msg: fmt.Sprintf("template error: no such template %q", n.Name)}
			if parts := strings.Split(loc, ":"); len(parts) == 3 {
				fmt.Sscan(parts[1], &p.Pos.Line)
				fmt.Sscan(parts[2], &p.Pos.Col)
			}
			probs = append(probs, p)
		})
	}
	return probs
}

func walkTemplateCalls(n parse.Node, f func(*parse.TemplateNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkTemplateCalls(c, f)
		}
	case *parse.TemplateNode:
		f(n)
	case *parse.IfNode:
		walkTemplateCalls(n.List, f)
		walkTemplateCalls(n.ElseList, f)
	case *parse.RangeNode:
		walkTemplateCalls(n.List, f)
		walkTemplateCalls(n.ElseList, f)
	case *parse.WithNode:
		walkTemplateCalls(n.List, f)
		walkTemplateCalls(n.ElseList, f)
	}
}
