package markdown

import (
	"bytes"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindWikiLink is the node kind of a [[target|label]] link.
var KindWikiLink = ast.NewNodeKind("WikiLink")

// WikiLink is an inline node for [[target#fragment|label]]. The parser fills
// Target, Fragment and Label; link resolution later fills URL and Title
// (the linked page's title, used when Label is empty) and Hint (the text of
// the title attribute). Until then it renders as plain text.
type WikiLink struct {
	ast.BaseInline
	Target   string
	Fragment string
	Label    string
	// Raw is the link as written, "[[ciso|the CISO]]", for messages.
	Raw string
	// Offset is the byte offset of "[[" in the source.
	Offset int

	// SentenceStart says the link begins a sentence, so a title shown in
	// its place keeps its capital.
	SentenceStart bool
}

// Kind implements ast.Node.
func (n *WikiLink) Kind() ast.NodeKind { return KindWikiLink }

// Dump implements ast.Node.
func (n *WikiLink) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Target": n.Target, "Label": n.Label}, nil)
}

// Shown is what the link shows: its label, else the resolved title, else
// the target. A title in sentence case ("Technical debt") shown
// mid-sentence loses its capital ("technical debt"); acronyms and names
// with capitals inside ("ISO 27001", "DevOps") keep theirs.
func (n *WikiLink) Shown() string { return n.ShownAs(Target{}) }

// ShownAs is the link's text once resolved to t: its label, else t's
// title (in lower case mid-sentence for a term's sentence-case title),
// else the target as written.
func (n *WikiLink) ShownAs(t Target) string {
	switch {
	case n.Label != "":
		return n.Label
	case t.Title != "":
		if n.SentenceStart || !t.IsTerm {
			return t.Title
		}
		return lowerFirst(t.Title)
	}
	return n.Target
}

func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) < 2 || !unicode.IsUpper(r[0]) || !unicode.IsLower(r[1]) {
		return s
	}
	first := strings.Fields(s)[0]
	for _, c := range first[1:] {
		if unicode.IsUpper(c) {
			return s // "DevSecOps", "SecOps"
		}
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// startsSentence says whether an inline node added to parent now would
// begin a sentence: nothing before it, or text ending in . ! or ?.
func startsSentence(parent ast.Node, source []byte) bool {
	prev := parent.LastChild()
	for prev != nil {
		t, ok := prev.(*ast.Text)
		if !ok {
			return false
		}
		v := bytes.TrimRight(t.Segment.Value(source), " \t")
		if len(v) == 0 {
			prev = prev.PreviousSibling()
			continue
		}
		switch v[len(v)-1] {
		case '.', '!', '?':
			return true
		}
		return false
	}
	return true
}

type wikiParser struct{}

func (wikiParser) Trigger() []byte { return []byte{'['} }

// Parse reads [[...]] up to the first "]]" on the same line. An empty
// target is kept (and reported by link resolution) rather than dropped, so
// the author learns about it.
func (wikiParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 4 || line[1] != '[' {
		return nil
	}
	end := bytes.Index(line[2:], []byte("]]"))
	if end < 0 {
		return nil
	}
	inner := line[2 : 2+end]
	if bytes.ContainsAny(inner, "[\n") {
		return nil
	}
	n := ParseWikiLink(string(inner))
	n.Raw = string(line[:end+4])
	n.SentenceStart = startsSentence(parent, block.Source())
	n.Offset = seg.Start
	block.Advance(end + 4)
	return n
}

// ParseWikiLink splits the inside of [[...]] into target, fragment and label.
func ParseWikiLink(inner string) *WikiLink {
	n := &WikiLink{}
	target := inner
	if i := indexByte(inner, '|'); i >= 0 {
		target, n.Label = inner[:i], trimSpace(inner[i+1:])
		// In a table cell the pipe is written "\|", as GFM asks.
		target = strings.TrimSuffix(target, "\\")
	}
	if i := indexByte(target, '#'); i >= 0 {
		target, n.Fragment = target[:i], trimSpace(target[i+1:])
	}
	n.Target = trimSpace(target)
	return n
}

func indexByte(s string, c byte) int { return bytes.IndexByte([]byte(s), c) }
func trimSpace(s string) string      { return string(bytes.TrimSpace([]byte(s))) }

// writeWikiLink writes a wiki link resolved to t: a link, or its text
// alone when it points nowhere.
func writeWikiLink(w util.BufWriter, n *WikiLink, t Target) {
	text := util.EscapeHTML([]byte(n.ShownAs(t)))
	if t.URL == "" {
		_, _ = w.Write(text)
		return
	}
	writeAnchor(w, t)
	_, _ = w.Write(text)
	_, _ = w.WriteString("</a>")
}

// writeAnchor writes the opening <a> of a resolved link.
func writeAnchor(w util.BufWriter, t Target) {
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(t.URL), true)))
	_, _ = w.WriteString(`"`)
	if t.Hint != "" {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML([]byte(t.Hint)))
		_, _ = w.WriteString(`"`)
	}
	_, _ = w.WriteString(">")
}

// wikiLinks is the goldmark extension for [[wiki links]].
type wikiLinks struct{}

func (wikiLinks) Extend(m goldmark.Markdown) {
	// 199: before goldmark's own link parser (200), which would otherwise
	// read "[[x]]" as bracketed text.
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(wikiParser{}, 199)))
}
