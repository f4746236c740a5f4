package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// auditPages are one page of each kind a reader meets.
var auditPages = []struct{ kind, path string }{
	{"home", "/"},
	{"glossary", "/glossary/"},
	{"term", "/glossary/cto/"},
	{"chapter", "/guide/cto-role/what-the-role-is/"},
	{"guide", "/guide/cto-role/"},
	{"graph", "/graph/"},
	{"search", "/search/?q=risk"},
	{"tags", "/tags/"},
	{"tag", "/tags/governance/"},
	{"404", "/no-such-page/"},
}

// TestAudit builds the shipped handbook, serves it as Netlify would (the
// headers of _headers, gzip, the 404 page), and runs axe-core and
// Lighthouse over it in headless Chromium, through .ci/node/audit.mjs:
//
//   - axe-core finds no violation of any impact on each kind of page, at
//     1280 and 360 px wide, in light and dark (prefers-color-scheme);
//   - Lighthouse's mobile run scores at least 95 for performance and 100
//     for accessibility, best practices and SEO. Performance is measured
//     up to 3 times and the best run counts: a loaded machine slows a run
//     down at random. The 404 page answers 404, which Lighthouse's SEO
//     audit "http-status-code" rightly fails, and Lighthouse does not
//     measure such a page at all: it measures /404.html (the same page,
//     served with 200, as Netlify does too). The 404 page says noindex
//     on purpose, which fails Lighthouse's "is-crawlable" there and
//     nothing else may; every other page, /search/ too, scores 100 in
//     SEO. On pages with a graph, the layout shift is about 0 (at most
//     0.02).
//
// One page of each kind is audited; SITEGEN_AUDIT=all audits every page
// of the site (slow: Lighthouse takes some 10 s a page); SITEGEN_AUDIT=axe
// runs axe-core alone, on one page of each kind. SITEGEN_AUDIT_SHOTS=DIR
// also writes a full-page screenshot of each page axe looked at.
// Skipped in -short mode and without Chromium, node, or the npm packages
// .ci/run installs into .ci/node (axe-core, lighthouse, puppeteer-core).
func TestAudit(t *testing.T) {
	a := newAuditor(t)
	base, out := serveBuilt(t, "../..", "the handbook")
	pages := auditPages
	if os.Getenv("SITEGEN_AUDIT") == "all" {
		pages = allPages(t, out)
	}
	job := struct {
		auditJob
		Lighthouse []string `json:"lighthouse"`
		Runs       int      `json:"runs"`
	}{auditJob: a.job(base), Runs: 3}
	kinds := map[string]string{}
	var paths []string
	for _, p := range pages {
		kinds[p.path] = p.kind
		paths = append(paths, p.path)
		if os.Getenv("SITEGEN_AUDIT") != "axe" {
			// Lighthouse does not measure a page that answers 404; Netlify
			// serves the same page at /404.html with 200.
			job.Lighthouse = append(job.Lighthouse, strings.Replace(p.path, "/no-such-page/", "/404.html", 1))
		}
	}
	job.Axe = axeJobs(paths)
	var res struct {
		Axe        []axeResult
		Lighthouse []struct {
			Path string
			Runs []struct {
				Scores  map[string]int
				CLS     float64
				Failing []struct {
					ID, Title, Value string
					Score            float64
					Categories       []string
				}
			}
		}
	}
	a.run(t, job, &res)
	reportAxe(t, res.Axe, func(path string) string { return path + " (" + kinds[path] + ")" })
	want := map[string]int{"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
	// Two requirements meet on the 404 page: issue 13 wants it noindex
	// (it answers for addresses that do not exist, and must not be
	// indexed as a page of its own), and Lighthouse's "is-crawlable"
	// counts any noindex against the SEO score, so SEO 100 (issue 12)
	// cannot hold there. noindex wins; is-crawlable is the one audit
	// excused, on that page only: every other SEO audit must pass there,
	// and every other page, the indexable /search/ included, scores 100.
	noindex := map[string]bool{"404": true}
	kinds["/404.html"] = "404"
	for _, l := range res.Lighthouse {
		if len(l.Runs) == 0 {
			t.Errorf("Lighthouse on %s: no run", l.Path)
			continue
		}
		best := l.Runs[0]
		for _, r := range l.Runs {
			if r.Scores["performance"] > best.Scores["performance"] {
				best = r
			}
		}
		var cats []string
		for c := range want {
			cats = append(cats, c)
		}
		sort.Strings(cats)
		for _, c := range cats {
			got := best.Scores[c]
			var fails []string
			excused := false
			for _, f := range best.Failing {
				switch {
				case !slices.Contains(f.Categories, c):
				case c == "seo" && f.ID == "is-crawlable" && noindex[kinds[l.Path]]:
					excused = true
				default:
					fails = append(fails, fmt.Sprintf("    %s (%.2f) %s %s", f.ID, f.Score, f.Title, f.Value))
				}
			}
			if got < want[c] && excused && len(fails) == 0 {
				// Only is-crawlable failed, on a page that says noindex on purpose.
				t.Logf("Lighthouse (mobile) on %s: %s %d: the page says noindex, which is-crawlable counts against it", l.Path, c, got)
				continue
			}
			if got < want[c] {
				t.Errorf("Lighthouse (mobile) on %s: %s %d, want at least %d (best of %d runs); audits below 1:\n%s",
					l.Path, c, got, want[c], len(l.Runs), strings.Join(fails, "\n"))
			}
		}
		if k := kinds[l.Path]; (k == "graph" || k == "term") && best.CLS > 0.02 {
			t.Errorf("Lighthouse (mobile) on %s: cumulative layout shift %.3f, want about 0 (at most 0.02): the graph's box must not move", l.Path, best.CLS)
		}
		t.Logf("Lighthouse (mobile) on %s: %v, CLS %.3f, over %d runs", l.Path, best.Scores, best.CLS, len(l.Runs))
	}
}

// allPages are every HTML page of the built site, by URL, and a missing one.
func allPages(t *testing.T, out string) []struct{ kind, path string } {
	var pages []struct{ kind, path string }
	filepath.Walk(out, func(p string, info os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, "index.html") {
			return err
		}
		rel, _ := filepath.Rel(out, filepath.Dir(p))
		u := "/" + filepath.ToSlash(rel) + "/"
		if rel == "." {
			u = "/"
		}
		pages = append(pages, struct{ kind, path string }{"page", u})
		return nil
	})
	return append(pages, struct{ kind, path string }{"404", "/no-such-page/"})
}

// netlifyServer serves the built site the way Netlify serves it: pretty
// URLs, the headers of every block of the build's _headers whose pattern
// matches, 404.html with status 404 for what does not exist, and gzip
// for text.
func netlifyServer(t *testing.T, dir string) http.Handler {
	b, err := os.ReadFile(filepath.Join(dir, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	type rule struct {
		pattern string
		values  [][2]string
	}
	var rules []rule
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "/"):
			rules = append(rules, rule{pattern: strings.TrimSpace(line)})
		case strings.HasPrefix(line, " ") && len(rules) > 0 && strings.Contains(line, ":"):
			k, v, _ := strings.Cut(strings.TrimSpace(line), ":")
			rules[len(rules)-1].values = append(rules[len(rules)-1].values, [2]string{k, strings.TrimSpace(v)})
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, rl := range rules {
			// _headers' patterns are a path, or a prefix and "*".
			if r.URL.Path == rl.pattern || strings.HasSuffix(rl.pattern, "*") && strings.HasPrefix(r.URL.Path, strings.TrimSuffix(rl.pattern, "*")) {
				for _, kv := range rl.values {
					w.Header().Set(kv[0], kv[1])
				}
			}
		}
		name := filepath.Join(dir, filepath.FromSlash(path.Clean(r.URL.Path)))
		if strings.HasSuffix(r.URL.Path, "/") {
			name = filepath.Join(name, "index.html")
		}
		status := http.StatusOK
		body, err := os.ReadFile(name)
		if err != nil {
			status = http.StatusNotFound
			name = filepath.Join(dir, "404.html")
			if body, err = os.ReadFile(name); err != nil {
				http.NotFound(w, r)
				return
			}
		}
		ctype := map[string]string{".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
			".js": "text/javascript; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml",
			".xml": "application/xml", ".txt": "text/plain; charset=utf-8"}[filepath.Ext(name)]
		if ctype == "" {
			ctype = http.DetectContentType(body)
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Vary", "Accept-Encoding")
		if w.Header().Get("Cache-Control") == "" {
			w.Header().Set("Cache-Control", "public, max-age=0, must-revalidate")
		}
		var out io.Writer = w
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			defer zw.Close()
			out = zw
		}
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			out.Write(body)
		}
	})
}

// auditor is what running .ci/node/audit.mjs takes: Chromium, node and
// the script. newAuditor skips the test when any is missing, or in
// -short mode, or when .ci/run has not installed the npm packages.
type auditor struct{ chromium, node, script string }

func newAuditor(t *testing.T) auditor {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("no Chromium on this machine")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node on this machine")
	}
	script, _ := filepath.Abs("../../.ci/node/audit.mjs")
	for _, pkg := range []string{"axe-core", "lighthouse", "puppeteer-core"} {
		if _, err := os.Stat(filepath.Join("../../.ci/node/node_modules", pkg, "package.json")); err != nil {
			t.Skipf("npm package %s is not installed in .ci/node (cd .ci/node && PUPPETEER_SKIP_DOWNLOAD=1 npm ci)", pkg)
		}
	}
	return auditor{chromium, node, script}
}

// serveBuilt builds the site in source (what names it in messages) for
// a base URL on a free 127.0.0.1 port and serves the output there as
// Netlify would, until the test ends.
func serveBuilt(t *testing.T, source, what string) (base, out string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base = "http://" + ln.Addr().String()
	out = filepath.Join(t.TempDir(), "public")
	if code, _, errs := run("build", "-source", source, "-out", out, "-base-url", base); code != 0 {
		ln.Close()
		t.Fatalf("build of %s failed:\n%s", what, errs)
	}
	srv := &http.Server{Handler: netlifyServer(t, out)}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return base, out
}

// auditJob is the part of audit.mjs's input every audit has.
type auditJob struct {
	Base     string   `json:"base"`
	Chromium string   `json:"chromium"`
	Axe      []axeJob `json:"axe"`
	Shots    string   `json:"shots"`
}

func (a auditor) job(base string) auditJob {
	return auditJob{Base: base, Chromium: a.chromium, Shots: os.Getenv("SITEGEN_AUDIT_SHOTS")}
}

// axeJob is one page for axe-core, at one width, in one color scheme.
type axeJob struct {
	Path   string `json:"path"`
	Width  int    `json:"width"`
	Scheme string `json:"scheme"`
}

// axeJobs are paths at 1280 and 360 px, light and dark.
func axeJobs(paths []string) []axeJob {
	var jobs []axeJob
	for _, p := range paths {
		for _, w := range []int{1280, 360} {
			for _, s := range []string{"light", "dark"} {
				jobs = append(jobs, axeJob{p, w, s})
			}
		}
	}
	return jobs
}

// axeResult is what axe-core found on one axeJob.
type axeResult struct {
	axeJob
	Violations []struct {
		ID, Impact, Help string
		Count            int
		Nodes            []struct{ Target, HTML, Summary string }
	}
}

// run feeds job to audit.mjs and decodes what it prints into res.
func (a auditor) run(t *testing.T, job, res any) {
	t.Helper()
	in, _ := json.Marshal(job)
	cmd := exec.Command(a.node, a.script)
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node audit.mjs: %v\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(stdout.Bytes(), res); err != nil {
		t.Fatalf("node audit.mjs printed %q: %v", stdout.String(), err)
	}
}

// reportAxe fails the test for every violation axe-core found; name says
// which page a path is.
func reportAxe(t *testing.T, results []axeResult, name func(path string) string) {
	t.Helper()
	for _, a := range results {
		for _, v := range a.Violations {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, fmt.Sprintf("    %s: %s\n      %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n      ")))
			}
			t.Errorf("axe-core on %s at %dpx, %s: %s (%s, %d elements): %s\n%s",
				name(a.Path), a.Width, a.Scheme, v.ID, v.Impact, v.Count, v.Help, strings.Join(where, "\n"))
		}
	}
}
