package serve

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ctohandbook/sitegen/internal/output"
	"github.com/ctohandbook/sitegen/themes"
)

// TestPlan: pages whose only change is a stylesheet's new fingerprint do
// not reload; the stylesheet is swapped instead. Anything else reloads.
func TestPlan(t *testing.T) {
	page := func(css, text string) []byte {
		return []byte(`<head><link rel="stylesheet" href="/assets/style.` + css + `.css"><script src="/assets/app.0123456789.js"></script></head><body>` + text)
	}
	old := output.Files{
		"assets/style.aaaaaaaaaa.css": []byte("a{}"),
		"extra.css":                   []byte("b{}"),
		"index.html":                  page("aaaaaaaaaa", "home"),
		"glossary/cto/index.html":     page("aaaaaaaaaa", "cto"),
		"glossary/ciso/index.html":    page("aaaaaaaaaa", "ciso"),
	}
	cur := output.Files{
		"assets/style.bbbbbbbbbb.css": []byte("a{color:red}"),
		"extra.css":                   []byte("b{color:blue}"),
		"index.html":                  page("bbbbbbbbbb", "home"),
		"glossary/cto/index.html":     page("bbbbbbbbbb", "cto, edited"),
		"glossary/ciso/index.html":    page("bbbbbbbbbb", "ciso"),
	}
	r := plan(old, cur, cur.Diff(old), "b7")
	wantPaths := []string{"assets/style.aaaaaaaaaa.css", "assets/style.bbbbbbbbbb.css", "extra.css", "glossary/cto/index.html"}
	if fmt.Sprint(r.Paths) != fmt.Sprint(wantPaths) {
		t.Errorf("paths = %v, want %v (the pages with only a new stylesheet left out)", r.Paths, wantPaths)
	}
	wantCSS := []swap{{"/extra.css", "/extra.css?v=b7"}, {"/assets/style.aaaaaaaaaa.css", "/assets/style.bbbbbbbbbb.css"}}
	if fmt.Sprint(r.CSS) != fmt.Sprint(wantCSS) {
		t.Errorf("css = %v, want %v", r.CSS, wantCSS)
	}

	many := output.Files{}
	var changed []string
	for i := 0; i <= maxPaths; i++ {
		p := fmt.Sprintf("glossary/t%d/index.html", i)
		many[p] = []byte("x")
		changed = append(changed, p)
	}
	if r := plan(nil, many, changed, "b8"); !r.All || r.Paths != nil {
		t.Errorf("with %d changed pages: all = %v, %d paths; want all and no paths", len(changed), r.All, len(r.Paths))
	}
}

// TestStylesheetEditSwaps: editing the theme's stylesheet sends the new
// fingerprinted URL to swap in, and no page reloads.
func TestStylesheetEditSwaps(t *testing.T) {
	css, err := fs.ReadFile(themes.Default(), "static/style.css")
	if err != nil {
		t.Skip("the default theme has no static/style.css:", err)
	}
	files := smallSite()
	files["themes/default/static/style.css"] = string(css)
	dir := writeSite(t, files)
	p := start(t, dir)
	tab := p.listen(t)
	oldHref := regexp.MustCompile(`href="(/assets/style\.[^"]+\.css)"`).FindStringSubmatch(mustGet(t, p, "/glossary/cto/"))
	if oldHref == nil {
		t.Fatal("the page links no fingerprinted stylesheet")
	}
	writeFile(t, dir, "themes/default/static/style.css", string(css)+"\nbody { outline: 1px solid red; }\n")
	r := tab.next(t, "reload").reload(t)
	if len(r.CSS) != 1 || r.CSS[0].From != oldHref[1] || r.CSS[0].To == oldHref[1] {
		t.Fatalf("reload css = %v, want one swap from %s to its new name", r.CSS, oldHref[1])
	}
	for _, p := range r.Paths {
		if strings.HasSuffix(p, ".html") {
			t.Errorf("reload lists page %s, whose only change is the stylesheet", p)
		}
	}
	if code, body := p.get(t, r.CSS[0].To); code != 200 || !strings.Contains(body, "outline: 1px solid red") {
		t.Errorf("GET %s = %d, want the new stylesheet", r.CSS[0].To, code)
	}
	if page := mustGet(t, p, "/glossary/cto/"); !strings.Contains(page, `href="`+r.CSS[0].To+`"`) {
		t.Errorf("the served page does not link the new stylesheet")
	}
}

// TestManyClients: 200 open live-reload streams and 500 concurrent page
// loads are all served; closed streams are released, goroutines and all.
func TestManyClients(t *testing.T) {
	p := start(t, writeSite(t, smallSite()))
	mustGet(t, p, "/")
	base := settle(runtime.NumGoroutine())

	const streams, clients = 200, 500
	open := make([]*sse, streams)
	for i := range open {
		open[i] = p.openStream(t)
	}
	for _, s := range open {
		s.next(t, "hello")
	}
	if n := p.hub.count(); n != streams {
		t.Errorf("%d streams open, the hub counts %d", streams, n)
	}

	var wg sync.WaitGroup
	errs := make(chan string, clients)
	for i := 0; i < clients; i++ {
		wg.Go(func() {
			url := []string{"/", "/glossary/cto/", "/glossary/ciso/", "/robots.txt", "/guide/basics/"}[i%5]
			resp, err := p.client.Get(p.URL() + url)
			if err != nil {
				errs <- err.Error()
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || len(b) == 0 {
				errs <- fmt.Sprintf("GET %s = %d with %d bytes", url, resp.StatusCode, len(b))
			}
		})
	}
	wg.Wait()
	close(errs)
	failed := 0
	for e := range errs {
		if failed < 5 {
			t.Error(e)
		}
		failed++
	}
	if failed > 0 {
		t.Errorf("%d of %d concurrent requests failed", failed, clients)
	}

	// An edit reaches every open stream.
	p.hub.send([]byte("event: ping\ndata: {}\n\n"))
	for _, s := range open {
		s.next(t, "ping")
	}
	for _, s := range open {
		s.body.Close()
	}
	for _, s := range open {
		for range s.events {
		}
	}
	if msg := eventually(func() string {
		if n := p.hub.count(); n != 0 {
			return fmt.Sprintf("%d streams still held after their clients closed them", n)
		}
		return ""
	}); msg != "" {
		t.Error(msg)
	}
	if n := settle(base); n > base {
		t.Errorf("%d goroutines after closing every stream, %d before opening them", n, base)
	}

	// 1,000 page loads in a row, each opening and closing a stream.
	for i := 0; i < 1000; i++ {
		s := p.openStream(t)
		s.next(t, "hello")
		s.body.Close()
		for range s.events {
		}
	}
	if msg := eventually(func() string {
		if n := p.hub.count(); n != 0 {
			return fmt.Sprintf("after 1,000 streams opened and closed, %d are still held", n)
		}
		return ""
	}); msg != "" {
		t.Error(msg)
	}
	if n := settle(base); n > base {
		t.Errorf("after 1,000 streams opened and closed: %d goroutines, %d before", n, base)
	}
}

// TestShutdown: cancelling Run's context stops the server with streams
// open: Run returns nil promptly, the streams end, and no goroutine of
// the server is left.
func TestShutdown(t *testing.T) {
	base := settle(runtime.NumGoroutine())
	dir := writeSite(t, smallSite())
	srv, err := New(Config{Dir: dir, Stdout: &syncBuffer{}, Stderr: &syncBuffer{}})
	if err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{DisableKeepAlives: true}
	p := &preview{Server: srv, client: &http.Client{Transport: tr}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()

	var open []*sse
	for i := 0; i < 20; i++ {
		s := p.openStream(t)
		s.next(t, "hello")
		open = append(open, s)
	}
	mustGet(t, p, "/glossary/cto/")
	writeFile(t, dir, "content/glossary/cto.md", "---\ntitle: CTO\n---\nEdited during shutdown.\n")

	began := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v, want nil", err)
		}
	case <-time.After(wait):
		t.Fatalf("Run did not return within %s of cancel", wait)
	}
	if d := time.Since(began); d > 2*time.Second {
		t.Errorf("Run took %s to stop", d)
	}
	for _, s := range open {
		for range s.events {
		}
		s.body.Close()
	}
	tr.CloseIdleConnections()
	if _, err := http.Get(srv.URL() + "/"); err == nil {
		t.Error("the server still answers after Run returned")
	}
	if n := settle(base); n > base {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines after shutdown, %d before New:\n%s", n, base, buf[:runtime.Stack(buf, true)])
	}
}

// TestSlowStreamDropped: a stream that does not keep up is dropped rather
// than holding up the others; its page reconnects and catches up.
func TestSlowStreamDropped(t *testing.T) {
	h := newHub()
	slow, fast := h.subscribe(), h.subscribe()
	for i := 0; i < 100; i++ {
		h.send([]byte("x"))
		<-fast
	}
	// The slow stream got what fit in its buffer, then was closed.
	for closed := false; !closed; {
		select {
		case _, ok := <-slow:
			closed = !ok
		default:
			t.Fatal("the slow stream's channel is still open")
		}
	}
	if h.count() != 1 {
		t.Errorf("the hub holds %d streams, want 1", h.count())
	}
	h.close()
	if h.subscribe() != nil {
		t.Error("a closed hub accepts a stream")
	}
}
