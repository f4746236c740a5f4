package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is written by the running command while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeCommand: "sitegen serve" prints its URL, serves the site
// there, and exits 0 when interrupted.
func TestServeCommand(t *testing.T) {
	dir := writeSite(t, good)
	var out, errb lockedBuffer
	m := &Main{Stdout: &out, Stderr: &errb}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() { code <- m.Run(ctx, []string{"serve", "-source", dir, "-port", "0"}) }()

	serving := regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+)/ \(press Ctrl-C to stop\)`)
	var url string
	for deadline := time.Now().Add(5 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := serving.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
		}
	}
	if url == "" {
		cancel()
		t.Fatalf("no \"serving\" line; stdout:\n%s\nstderr:\n%s", out.String(), errb.String())
	}
	resp, err := http.Get(url + "/glossary/cto/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Works with the") {
		t.Errorf("GET /glossary/cto/ = %d, want the CTO page", resp.StatusCode)
	}
	if !strings.Contains(string(body), `<link rel="canonical" href="`+url+`/glossary/cto/">`) {
		t.Errorf("the canonical link does not point at the preview %s", url)
	}

	cancel()
	select {
	case c := <-code:
		if c != exitOK {
			t.Errorf("serve exited %d after Ctrl-C, want 0; stderr:\n%s", c, errb.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop within 5s of Ctrl-C")
	}
	if !strings.HasPrefix(out.String(), "built 3 pages") || !strings.HasSuffix(out.String(), "stopped\n") {
		t.Errorf("stdout = %q, want the build summary first and \"stopped\" last", out.String())
	}
}

func TestServeUsage(t *testing.T) {
	code, _, errs := run("serve", "-h")
	if code != exitOK {
		t.Errorf("serve -h exited %d, want 0", code)
	}
	for _, want := range []string{"Usage:\n  sitegen serve", "-navigate", "-bind", "-port", "-base-url", "Examples:\n  sitegen serve\n"} {
		if !strings.Contains(errs, want) {
			t.Errorf("serve -h does not show %q:\n%s", want, errs)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "-source", t.TempDir() + "/nope"}, "does not exist"},
		{[]string{"serve", "-port", "70000"}, "-port 70000 is not a port"},
		{[]string{"serve", "extra"}, `unexpected argument "extra"`},
		{[]string{"serve", "-bogus"}, "flag provided but not defined"},
		{[]string{"serve", "-source", writeSite(t, good), "-port", "0", "-base-url", "handbook/"}, `base URL "handbook/" is neither an http(s) address nor a path`},
	} {
		code, _, errs := run(tc.args...)
		if code != exitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("%v exited %d with %q; want %d and %q", tc.args, code, errs, exitUsage, tc.want)
		}
	}
}

// TestServeUnderPath: "sitegen serve -base-url" with a path serves the
// site under that path of the preview's address, says so, points
// canonical links there, and sends "/" there.
func TestServeUnderPath(t *testing.T) {
	dir := writeSite(t, good)
	var out, errb lockedBuffer
	m := &Main{Stdout: &out, Stderr: &errb}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() {
		code <- m.Run(ctx, []string{"serve", "-source", dir, "-port", "0", "-base-url", "https://user.github.io/handbook/"})
	}()
	serving := regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+)/handbook/ \(press Ctrl-C to stop\)`)
	var origin string
	for deadline := time.Now().Add(5 * time.Second); origin == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := serving.FindStringSubmatch(out.String()); m != nil {
			origin = m[1]
		}
	}
	if origin == "" {
		cancel()
		t.Fatalf("no \"serving http://127.0.0.1:PORT/handbook/\" line; stdout:\n%s\nstderr:\n%s", out.String(), errb.String())
	}
	resp, err := http.Get(origin + "/") // follows the redirect
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/handbook/" {
		t.Errorf("GET / ended at %s with %d, want the home page at /handbook/", resp.Request.URL.Path, resp.StatusCode)
	}
	for _, want := range []string{`<link rel="canonical" href="` + origin + `/handbook/">`, `href="/handbook/glossary/cto/"`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the home page under /handbook/ has no %s", want)
		}
	}
	cancel()
	select {
	case c := <-code:
		if c != exitOK {
			t.Errorf("serve exited %d after Ctrl-C, want 0; stderr:\n%s", c, errb.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop within 5s of Ctrl-C")
	}
}
