package content

import (
	"strings"
	"unicode"

	"github.com/ctohandbook/sitegen/internal/markdown"
	"github.com/yuin/goldmark/ast"
)

// firstSentence is the first sentence of the first paragraph, used as a
// summary when front matter has none.
func firstSentence(doc *markdown.Doc, src []byte) string {
	var para ast.Node
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == ast.KindParagraph {
			para = n
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if para == nil {
		return ""
	}
	text := strings.Join(strings.Fields(markdown.PlainText(para, src)), " ")
	runes := []rune(text)
	for i, r := range runes {
		if (r == '.' || r == '!' || r == '?') && (i+1 == len(runes) || unicode.IsSpace(runes[i+1])) {
			// Skip abbreviations such as "e.g." and initials.
			if r == '.' && i >= 1 && (i < 2 || runes[i-2] == '.' || unicode.IsSpace(runes[i-2])) {
				continue
			}
			return string(runes[:i+1])
		}
	}
	return text
}
