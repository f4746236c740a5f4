package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// wait is how long a test waits for something that should happen at once.
const wait = 5 * time.Second

// smallSite is a site written to the contract: a home page, three terms
// (engineer has no inbound links, so it can go away), and a guide.
func smallSite() map[string]string {
	return map[string]string{
		"sitegen.yaml":             "title: Test Handbook\n",
		"content/_index.md":        "---\ntitle: Home\n---\nSee [[cto]] and [[ciso]].\n",
		"content/glossary/cto.md":  "---\ntitle: CTO\nsummary: The technology executive.\n---\nWorks with the [[ciso]]. Version one.\n",
		"content/glossary/ciso.md": "---\ntitle: CISO\nsummary: The security executive.\n---\nReports to the [[cto]].\n",
		"content/glossary/engineer.md": "---\ntitle: Engineer\nsummary: Builds things.\n---\n" +
			"Builds systems.\n",
		"content/guide/basics/_index.md":   "---\ntitle: Basics\nsummary: The basics.\n---\nStart here.\n",
		"content/guide/basics/01-start.md": "---\ntitle: Start\n---\nRead about the [[cto]].\n",
		"static/robots.txt":                "User-agent: *\n",
	}
}

// writeSite writes files (path → text) into a new folder and returns it.
func writeSite(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		writeFile(t, dir, name, text)
	}
	return dir
}

func writeFile(t testing.TB, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a bytes.Buffer safe to write from the server while a test
// reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// preview is a running Server under test.
type preview struct {
	*Server
	stdout, stderr *syncBuffer
	client         *http.Client
}

// start serves dir on a free loopback port until the test ends.
func start(t testing.TB, dir string, opts ...func(*Config)) *preview {
	t.Helper()
	p := &preview{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	cfg := Config{Dir: dir, Port: 0, Stdout: p.stdout, Stderr: p.stderr}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	p.Server = srv
	tr := &http.Transport{DisableKeepAlives: true}
	p.client = &http.Client{
		Transport: tr,
		// Tests look at redirects themselves.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run returned %v, want nil", err)
			}
		case <-time.After(wait):
			t.Errorf("Run did not return %s after its context was cancelled", wait)
		}
		tr.CloseIdleConnections()
	})
	return p
}

// get fetches path and returns the status and body.
func (p *preview) get(t testing.TB, path string) (int, string) {
	t.Helper()
	resp, err := p.client.Get(p.URL() + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: reading the body: %v", path, err)
	}
	return resp.StatusCode, string(b)
}

// sse is one open live-reload stream, as a browser tab holds it.
type sse struct {
	events chan sseEvent
	body   io.Closer
}

type sseEvent struct {
	name string
	data string
	at   time.Time
}

// reload decodes the data of a reload event.
func (e sseEvent) reload(t testing.TB) reload {
	t.Helper()
	var r reload
	if err := json.Unmarshal([]byte(e.data), &r); err != nil {
		t.Fatalf("reload event data %q: %v", e.data, err)
	}
	return r
}

// listen opens a live-reload stream and waits for its hello.
func (p *preview) listen(t testing.TB) *sse {
	t.Helper()
	s := p.openStream(t)
	t.Cleanup(func() { s.body.Close() })
	s.next(t, "hello")
	return s
}

func (p *preview) openStream(t testing.TB) *sse {
	t.Helper()
	resp, err := p.client.Get(p.URL() + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("GET %s: Content-Type %q, want text/event-stream", eventsPath, ct)
	}
	s := &sse{events: make(chan sseEvent, 256), body: resp.Body}
	go func() {
		defer close(s.events)
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					ev.at = time.Now()
					s.events <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return s
}

// next waits for the next event called name, skipping others.
func (s *sse) next(t testing.TB, name string) sseEvent {
	t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				t.Fatalf("the event stream ended while waiting for a %q event", name)
			}
			if ev.name == name {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %q event within %s", name, wait)
		}
	}
}

// nextReloadWith waits for a reload event whose paths include file.
func (s *sse) nextReloadWith(t testing.TB, file string) reload {
	t.Helper()
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		r := s.next(t, "reload").reload(t)
		if r.All || contains(r.Paths, file) {
			return r
		}
	}
	t.Fatalf("no reload event listing %s within %s", file, wait)
	return reload{}
}

// settle asserts that nothing happens from now until the server has
// handled one more change: it writes a sentinel static file and waits for
// its reload event, failing on any event before it. The watcher and the
// build loop handle changes in order, so whatever earlier writes were
// going to cause has happened by then: an event, not a timeout, ends the
// wait, however loaded the machine.
func (s *sse) settle(t testing.TB, dir string) {
	t.Helper()
	name := fmt.Sprintf("static/settle-%d.txt", settles.Add(1))
	writeFile(t, dir, name, "settle")
	timeout := time.After(wait)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				t.Fatal("the event stream ended while settling")
			}
			if ev.name == "reload" && contains(ev.reload(t).Paths, strings.TrimPrefix(name, "static/")) {
				return
			}
			t.Fatalf("got a %q event %s, want none", ev.name, ev.data)
		case <-timeout:
			t.Fatalf("the sentinel %s caused no reload within %s", name, wait)
		}
	}
}

// settles numbers the sentinel files of settle.
var settles atomic.Int64

// drain takes the events that arrive within d.
func (s *sse) drain(d time.Duration) []sseEvent {
	var out []sseEvent
	timeout := time.After(d)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				return out
			}
			out = append(out, ev)
		case <-timeout:
			return out
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// settle waits until the number of goroutines is at most want, and
// reports the count.
func settle(want int) int {
	deadline := time.Now().Add(wait)
	n := runtime.NumGoroutine()
	for n > want && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		n = runtime.NumGoroutine()
	}
	return n
}

// eventually retries check until it returns "" or time runs out, and
// returns its last complaint.
func eventually(check func() string) string {
	deadline := time.Now().Add(wait)
	for {
		msg := check()
		if msg == "" || time.Now().After(deadline) {
			return msg
		}
		time.Sleep(20 * time.Millisecond)
	}
}
