// Command floor is the lower bound a build of a site can reach with the
// same Markdown library: goldmark with GFM and chroma highlighting (CSS
// classes), converting every .md file under a site's content/ folder and
// writing one .html file per Markdown file, on all cores. It resolves no
// link, renders no template and builds no list page: it is what perf.sh
// divides sitegen's and Hugo's build times by.
//
//	floor -source /tmp/bench/sitegen -out /tmp/bench/out-floor
//
// Front matter (between the first two "---" lines) is cut off, not
// parsed. Wiki links stay text.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/extension"
)

func main() {
	source := flag.String("source", ".", "the site `folder` (holds content/)")
	out := flag.String("out", "", "the `folder` to write the .html files into (emptied first)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: floor -source DIR -out DIR")
		os.Exit(2)
	}
	start := time.Now()
	n, err := run(filepath.Join(*source, "content"), *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Printf("converted %d files in %s\n", n, time.Since(start).Round(time.Millisecond))
}

func run(content, out string) (int, error) {
	var files []string
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	if err := os.RemoveAll(out); err != nil {
		return 0, err
	}
	md := goldmark.New(goldmark.WithExtensions(
		extension.GFM,
		highlighting.NewHighlighting(highlighting.WithFormatOptions(chromahtml.WithClasses(true))),
	))
	jobs := make(chan string)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for p := range jobs {
				if err := convert(md, &buf, content, out, p); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for _, p := range files {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return 0, err
	default:
	}
	return len(files), nil
}

// convert writes the HTML of the Markdown file p to the same path under
// out, with .html for .md.
func convert(md goldmark.Markdown, buf *bytes.Buffer, content, out, p string) error {
	src, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	buf.Reset()
	if err := md.Convert(body(src), buf); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	rel, err := filepath.Rel(content, p)
	if err != nil {
		return err
	}
	dst := filepath.Join(out, strings.TrimSuffix(rel, ".md")+".html")
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, buf.Bytes(), 0o644)
}

// body is src without its front matter.
func body(src []byte) []byte {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return src
	}
	if i := bytes.Index(src[4:], []byte("\n---\n")); i >= 0 {
		return src[4+i+5:]
	}
	return src
}
