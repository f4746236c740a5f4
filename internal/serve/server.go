// Package serve is sitegen's preview server: it builds a site folder in
// memory, serves the last good build over HTTP, watches the folder and
// rebuilds on every change, and tells open browser tabs what changed over
// Server-Sent Events so that they reload, swap a stylesheet or follow the
// page being edited. While the latest build has problems, every served
// HTML page carries an overlay that lists them.
//
// It serves only the built files, from memory: no request reaches the
// disk, so none can read outside the site. It accepts GET and HEAD only.
// It never writes a file, and what it adds to pages (a stylesheet link, a
// script tag and the overlay) exists only in its responses, never in the
// output of a build. It does not build incrementally itself; it hands the
// changed paths to site.Rebuild, one rebuild at a time.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/ctohandbook/sitegen/internal/memo"
	"github.com/ctohandbook/sitegen/internal/output"
	"github.com/ctohandbook/sitegen/internal/site"
)

// The preview server's own URLs, under the path the site is served at
// (see Config.BaseURL). A site's own files under _sitegen/ are not
// served: the preview keeps that folder for itself.
const (
	prefix     = "/_sitegen/"
	eventsPath = prefix + "events"
	scriptPath = prefix + "reload.js"
	stylePath  = prefix + "overlay.css"
)

// Config says what to serve and how.
type Config struct {
	// Dir is the site folder.
	Dir string
	// Bind is the address to listen on; "" means 127.0.0.1.
	Bind string
	// Port is the first port tried; when it is taken, the next ones are.
	// 0 takes any free port.
	Port int
	// BaseURL is the address the site will live at, for its path alone:
	// with "https://user.github.io/handbook/" (or "/handbook/") the
	// preview serves the site under /handbook/ of its own address, as a
	// host serves a project site, and "/" redirects there, so that a
	// link that leaves out the path fails in the preview as it would on
	// the host. Its scheme and host are replaced by the preview's own.
	// "" takes base_url's path from sitegen.yaml as it is when the server
	// starts; "/" serves at the root whatever sitegen.yaml says.
	BaseURL string
	// Drafts includes pages marked draft: true.
	Drafts bool
	// Navigate makes open pages follow the page whose file was edited.
	Navigate bool
	// Open opens the site in a browser once it is served.
	Open bool
	// Commits are the content files' last commit times (site.Options);
	// cmd reads them once, when the server starts.
	Commits map[string]time.Time
	// Stdout gets one line per rebuild; Stderr gets problems and warnings.
	Stdout, Stderr io.Writer
	// Quiet is how long the folder must stay unchanged before a rebuild
	// starts (default 10ms); MaxWait bounds that wait while changes keep
	// coming (default 300ms).
	Quiet, MaxWait time.Duration

	// For tests: firstFrom replaces firstPages when set, and afterFirst
	// is called on the build goroutine once the edited pages of a rebuild
	// are out and its search index is being made.
	firstFrom  int
	afterFirst func(*Server)
	// beforeIndex, when set (by tests), is called on the search
	// goroutine before each search job runs.
	beforeIndex func(*site.SearchJob)
}

// portTries is how many ports from Config.Port on are tried.
const portTries = 20

// Server is one preview of one site folder. Make it with New, then Run it.
type Server struct {
	cfg  Config
	root *os.Root
	ln   net.Listener
	// url is where the site is served: origin, then base.
	url string
	// base is the path the site is served under, as in URLs
	// ("/handbook", escaped), or "" at the root; mount is the same path
	// unescaped, as request paths are.
	base, mount string
	watch       *watcher
	hub         *hub

	// The build side: used by the build goroutine alone (and by New
	// before it starts).
	site  *site.Site
	gen   int
	epoch string
	// searchDone, when set (by tests), is called after a search index
	// made in the background is served.
	searchDone func(*site.SearchJob)
	// onLoop runs functions on the build goroutine, between builds (tests
	// use it to reach the build side without a data race).
	onLoop chan func()
	// early are the files published ahead of their rebuild (the pages of
	// the files edited), since the last complete rebuild was published.
	early map[string]bool
	// unfinished are the paths of the last rebuild when it stopped for a
	// newer change; the next batch finishes it even if it builds nothing
	// itself.
	unfinished []string
	// firstFrom is the number of pages from which an edited page is
	// published ahead of its rebuild (firstPages; tests lower it), and
	// afterFirst, when set (by tests), is called once it is.
	firstFrom  int
	afterFirst func(*Server)

	// The search jobs run one at a time on a goroutine of their own
	// (startSearch): searching is the one being made, nextSearch the
	// newest one waiting for it and searchedKey the key of the last one
	// made, under searchMu; searched is where the goroutine hands each
	// index to the build loop.
	searchMu    sync.Mutex
	searching   *site.SearchJob
	nextSearch  *site.SearchJob
	searchedKey memo.Key
	searched    chan searched
	// urgent holds the search goroutine while the edited pages of a
	// rebuild are made: they get both cores.
	urgent gate

	// state is what requests see; swapped whole after every build, and
	// when a search index is made. publish serializes those swaps (the
	// build goroutine and the search goroutine both make them); index is
	// the search index last served, under publish.
	state   atomic.Pointer[state]
	publish sync.Mutex
	index   *servedIndex
}

// firstPages is the size of site from which an edited page is published
// ahead of the rest of its rebuild: below it, the whole rebuild takes
// about as long as the page alone, and one event says everything.
const firstPages = 500

// state is one published build: the files served and the problems shown.
type state struct {
	id string
	// files is the last good build; nil while none has succeeded.
	files output.Files
	// problems are the latest build's problems, as file:line:col: message.
	problems []string
	// head goes at the end of every HTML page's <head>; overlay (nil when
	// there are no problems) at the start of its <body>.
	head, overlay []byte
}

// New binds the port, starts watching the folder and runs the first
// build. The server serves nothing until Run.
func New(cfg Config) (*Server, error) {
	if cfg.Bind == "" {
		cfg.Bind = "127.0.0.1"
	}
	if cfg.Stdout == nil {
		cfg.Stdout = io.Discard
	}
	if cfg.Stderr == nil {
		cfg.Stderr = io.Discard
	}
	if cfg.Quiet <= 0 {
		cfg.Quiet = 10 * time.Millisecond
	}
	if cfg.MaxWait < cfg.Quiet {
		cfg.MaxWait = max(300*time.Millisecond, cfg.Quiet)
	}
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("source folder %s does not exist", cfg.Dir)
	}
	// Reading through os.Root keeps the build inside the folder: a
	// symlink in static/ or content/ that points outside cannot be read.
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, root: root, hub: newHub(), epoch: strconv.FormatInt(time.Now().UnixNano(), 36), onLoop: make(chan func()), searched: make(chan searched, 16), firstFrom: firstPages, afterFirst: cfg.afterFirst}
	if cfg.firstFrom > 0 {
		s.firstFrom = cfg.firstFrom
	}
	if s.base, s.mount, err = basePath(root, cfg.BaseURL); err != nil {
		root.Close()
		return nil, err
	}
	if !loopback(cfg.Bind) {
		fmt.Fprintf(cfg.Stderr, "warning: -bind %s makes the preview, drafts included, reachable from other machines\n", cfg.Bind)
	}
	s.ln, err = s.listen()
	if err != nil {
		root.Close()
		return nil, err
	}
	s.url += s.base
	s.watch, err = newWatcher(dir, cfg.Quiet, cfg.MaxWait, s.warnf)
	if err != nil {
		s.ln.Close()
		root.Close()
		return nil, fmt.Errorf("cannot watch %s: %w", cfg.Dir, err)
	}
	s.state.Store(s.newState(nil, nil))
	s.rebuild(batch{all: true})
	fmt.Fprintf(cfg.Stdout, "serving %s/ (press Ctrl-C to stop)\n", s.url)
	return s, nil
}

// URL is where the site is served, without a trailing slash:
// "http://127.0.0.1:1313", or "http://127.0.0.1:1313/handbook" under a
// path. Pages' canonical links point there too.
func (s *Server) URL() string { return s.url }

// Run serves until ctx is done, then stops the HTTP server, ends every
// live-reload connection, closes the watcher and returns once every
// goroutine it started has ended. Call it once.
func (s *Server) Run(ctx context.Context) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(s.cfg.Stderr, "sitegen serve: ", 0),
	}
	var wg sync.WaitGroup
	serveErr := make(chan error, 1)
	wg.Go(func() { serveErr <- hs.Serve(s.ln) })

	watchCtx, stopWatch := context.WithCancel(ctx)
	batches := make(chan batch)
	wg.Go(func() { s.watch.run(watchCtx, batches) })
	wg.Go(func() { s.buildLoop(batches) })
	if s.cfg.Open {
		openBrowser(s.url + "/")
	}

	var err error
	select {
	case <-ctx.Done():
	case err = <-serveErr:
	}
	s.hub.close()
	shutCtx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	if e := hs.Shutdown(shutCtx); e != nil {
		hs.Close()
	}
	cancel()
	stopWatch()
	wg.Wait()
	s.watch.close()
	s.root.Close()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	fmt.Fprintln(s.cfg.Stdout, "stopped")
	return err
}

// listen binds Config.Port or, when it is taken, one of the next ports,
// and says so.
func (s *Server) listen() (net.Listener, error) {
	port := s.cfg.Port
	tries := portTries
	if port == 0 {
		tries = 1
	}
	var firstErr error
	for i := 0; i < tries && port+i <= 65535; i++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(s.cfg.Bind, strconv.Itoa(port+i)))
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			if errors.Is(err, syscall.EADDRINUSE) {
				continue
			}
			return nil, err
		}
		got := ln.Addr().(*net.TCPAddr).Port
		if i > 0 {
			fmt.Fprintf(s.cfg.Stdout, "port %d is in use; using port %d\n", port, got)
		}
		s.url = "http://" + net.JoinHostPort(urlHost(s.cfg.Bind), strconv.Itoa(got))
		return ln, nil
	}
	return nil, fmt.Errorf("no free port from %d to %d: %w", port, port+tries-1, firstErr)
}

// basePath is the path the site is served under, escaped for URLs and
// unescaped for request paths: that of baseURL, else that of base_url in
// the site's sitegen.yaml. A broken sitegen.yaml gives the root; the
// build reports its problems.
func basePath(root *os.Root, baseURL string) (base, mount string, err error) {
	if baseURL == "" {
		if cfg, probs := site.LoadConfig(root.FS()); len(probs) == 0 {
			baseURL = cfg.BaseURL
		}
	} else if !validBase(baseURL) {
		return "", "", fmt.Errorf("base URL %q is neither an http(s) address nor a path starting with / (https://user.github.io/handbook/, /handbook/)", baseURL)
	}
	base = output.BasePath(baseURL)
	mount, err = url.PathUnescape(base)
	if err != nil {
		return "", "", fmt.Errorf("base URL %q: %v", baseURL, err)
	}
	return base, mount, nil
}

// validBase says whether s is an http(s) address or an absolute path,
// without a query or fragment.
func validBase(s string) bool {
	u, err := url.Parse(s)
	switch {
	case err != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "":
		return false
	case u.Scheme == "" && u.Host == "":
		return strings.HasPrefix(u.Path, "/")
	}
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// urlHost is the host a browser on this machine reaches bind at.
func urlHost(bind string) string {
	if ip := net.ParseIP(bind); ip != nil && ip.IsUnspecified() {
		return "127.0.0.1"
	}
	return bind
}

// loopback says whether bind is reachable from this machine only.
func loopback(bind string) bool {
	if bind == "localhost" {
		return true
	}
	ip := net.ParseIP(bind)
	return ip != nil && ip.IsLoopback()
}

func (s *Server) warnf(format string, args ...any) {
	fmt.Fprintf(s.cfg.Stderr, "sitegen serve: "+format+"\n", args...)
}
