package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ctohandbook/sitegen/internal/content"
)

// The JSON of the files. Keys are short: index.json lists every page.

// indexFile is search/index.json.
type indexFile struct {
	Version int `json:"v"`
	// Docs are the pages, in id order.
	Docs []docEntry `json:"docs"`
	// Shards are the postings files; From[i] is the first token of
	// Files[i], in UTF-16 order.
	Shards fileList `json:"shards"`
	// Summaries are the summary files; Files[i] holds the summaries of
	// the pages i*Size to (i+1)*Size-1 and the names of their excerpts.
	Summaries fileList `json:"summaries"`
}

type docEntry struct {
	Title string   `json:"t"`
	URL   string   `json:"u"`
	Kind  string   `json:"k"`
	Aka   []string `json:"a,omitempty"`
	// Guide is a chapter's guide title.
	Guide string `json:"g,omitempty"`
}

type fileList struct {
	Size  int      `json:"size,omitempty"`
	From  []string `json:"from,omitempty"`
	Files []string `json:"files"`
}

// writeShards cuts the postings, in token order, into shards of about
// ShardBytes and adds them to files. A shard is
//
//	{"t":["token",…],"p":[[doc,score,doc,score,…],…]}
//
// where each list holds its token's postings, each doc the difference
// from the one before (the first from 0).
func writeShards(postings map[string][]posting, files map[string][]byte) fileList {
	list := fileList{Files: []string{}}
	var toks, lists bytes.Buffer
	first := ""
	flush := func() {
		if toks.Len() == 0 {
			return
		}
		var b bytes.Buffer
		b.Grow(toks.Len() + lists.Len() + 16)
		b.WriteString(`{"t":[`)
		b.Write(toks.Bytes())
		b.WriteString(`],"p":[`)
		b.Write(lists.Bytes())
		b.WriteString("]}\n")
		list.From = append(list.From, first)
		list.Files = append(list.Files, add(files, "p", b.Bytes()))
		toks.Reset()
		lists.Reset()
	}
	for _, tok := range sortedKeys(postings) {
		if toks.Len()+lists.Len() >= ShardBytes {
			flush()
		}
		if toks.Len() > 0 {
			toks.WriteByte(',')
			lists.WriteByte(',')
		} else {
			first = tok
		}
		// Tokens hold only word characters (letters, digits, marks,
		// ideographs; see isWord): nothing to escape.
		toks.WriteByte('"')
		toks.WriteString(tok)
		toks.WriteByte('"')
		lists.WriteByte('[')
		prev := int32(0)
		for i, p := range postings[tok] {
			if i > 0 {
				lists.WriteByte(',')
			}
			lists.WriteString(strconv.Itoa(int(p.doc - prev)))
			lists.WriteByte(',')
			lists.WriteString(strconv.Itoa(int(p.score)))
			prev = p.doc
		}
		lists.WriteByte(']')
	}
	flush()
	return list
}

// writeSummaries adds the summaries, ChunkDocs pages a file, with the
// names of the pages' excerpt files (which it adds too):
//
//	{"s":["summary",…],"x":["x-1c9e0b7f3a.json",…]}
func writeSummaries(docs []*Entry, files map[string][]byte) fileList {
	list := fileList{Size: ChunkDocs, Files: []string{}}
	for start := 0; start < len(docs); start += ChunkDocs {
		end := min(start+ChunkDocs, len(docs))
		var chunk summaryChunk
		for _, d := range docs[start:end] {
			chunk.Summaries = append(chunk.Summaries, d.summary)
			chunk.Excerpts = append(chunk.Excerpts, add(files, "x", d.excerpt))
		}
		list.Files = append(list.Files, add(files, "s", marshal(chunk)))
	}
	return list
}

// summaryChunk is a search/s-<hash>.json.
type summaryChunk struct {
	Summaries []string `json:"s"`
	Excerpts  []string `json:"x"`
}

// excerpt is a search/x-<hash>.json: a page's headings and its text
// (which holds the headings too, each on a line of its own), for the
// passage shown under a result.
type excerpt struct {
	Headings []string `json:"h"`
	Text     string   `json:"x"`
}

// excerptOf makes a page's excerpt file: its text with runs of spaces
// made one, cut at excerptBytes.
func excerptOf(p *content.Page) []byte {
	x := excerpt{Headings: make([]string, 0, len(p.Headings)), Text: squeeze(unescape(p.Text), excerptBytes)}
	for _, h := range p.Headings {
		x.Headings = append(x.Headings, unescape(h.Text))
	}
	return marshal(x)
}

// squeeze makes each run of white space in s one space, or one line
// break if it holds one, and cuts the result at a character boundary
// before limit bytes.
func squeeze(s string, limit int) string {
	var b strings.Builder
	b.Grow(min(len(s), limit))
	space, brk := false, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			brk = brk || r == '\n'
			continue
		}
		sep := space && b.Len() > 0
		if b.Len()+utf8.RuneLen(r)+btoi(sep) > limit {
			break
		}
		if sep && brk {
			b.WriteByte('\n')
		} else if sep {
			b.WriteByte(' ')
		}
		space, brk = false, false
		b.WriteRune(r)
	}
	return b.String()
}

// encodeIndex makes search/index.json.
func encodeIndex(docs []*Entry, shards, summaries fileList) []byte {
	idx := indexFile{Version: Version, Docs: make([]docEntry, len(docs)), Shards: shards, Summaries: summaries}
	for i, d := range docs {
		idx.Docs[i] = d.doc
	}
	return marshal(idx)
}

// add names b by its content ("p-3f2a9c1b7e.json"), adds it to files
// under search/ and returns its name.
func add(files map[string][]byte, prefix string, b []byte) string {
	sum := sha256.Sum256(b)
	name := prefix + "-" + hex.EncodeToString(sum[:])[:10] + ".json"
	files["search/"+name] = b
	return name
}

// marshal encodes v as JSON without escaping <, > and & (the files are
// not HTML).
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // only strings, numbers and slices of them
	}
	return b.Bytes()
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
