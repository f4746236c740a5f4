package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// languagePages are pages of the nine-language test site in the scripts
// whose layout differs most from English: Urdu (right to left, Arabic
// script), Chinese and Japanese (no spaces), Korean and Hindi.
var languagePages = []string{
	"/ur/", "/ur/glossary/", "/ur/glossary/container/", "/ur/glossary/api-gateway/", "/ur/graph/",
	"/ur/search/?q=" + url.QueryEscape("کنٹینر"),
	"/zh-cn/glossary/kubernetes/", "/ja/glossary/", "/ko/glossary/container/", "/hi/glossary/kubernetes/",
}

// TestAuditLanguages builds internal/site/testdata/multilingual, serves
// it as Netlify would, and runs axe-core (through .ci/node/audit.mjs, as
// TestAudit does) over languagePages at 1280 and 360 px, light and dark:
// no violation of any impact, in a right-to-left page (a term, its
// fallback, the graph, search) or a CJK one. Skipped as TestAudit is.
func TestAuditLanguages(t *testing.T) {
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
	for _, pkg := range []string{"axe-core", "puppeteer-core", "lighthouse"} {
		if _, err := os.Stat(filepath.Join("../../.ci/node/node_modules", pkg, "package.json")); err != nil {
			t.Skipf("npm package %s is not installed in .ci/node (cd .ci/node && PUPPETEER_SKIP_DOWNLOAD=1 npm ci)", pkg)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	out := filepath.Join(t.TempDir(), "public")
	if code, _, errs := run("build", "-source", "../../internal/site/testdata/multilingual", "-out", out, "-base-url", base); code != 0 {
		ln.Close()
		t.Fatalf("build of the multilingual test site failed:\n%s", errs)
	}
	srv := &http.Server{Handler: netlifyServer(t, out)}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	type axeJob struct {
		Path   string `json:"path"`
		Width  int    `json:"width"`
		Scheme string `json:"scheme"`
	}
	job := struct {
		Base     string   `json:"base"`
		Chromium string   `json:"chromium"`
		Axe      []axeJob `json:"axe"`
		Shots    string   `json:"shots"`
	}{Base: base, Chromium: chromium, Shots: os.Getenv("SITEGEN_AUDIT_SHOTS")}
	for _, p := range languagePages {
		for _, w := range []int{1280, 360} {
			for _, s := range []string{"light", "dark"} {
				job.Axe = append(job.Axe, axeJob{p, w, s})
			}
		}
	}
	in, _ := json.Marshal(job)
	cmd := exec.Command(node, script)
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node audit.mjs: %v\n%s", err, stderr.String())
	}
	var res struct {
		Axe []struct {
			axeJob
			Violations []struct {
				ID, Impact, Help string
				Count            int
				Nodes            []struct{ Target, HTML, Summary string }
			}
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("node audit.mjs printed %q: %v", stdout.String(), err)
	}
	if len(res.Axe) != len(job.Axe) {
		t.Fatalf("axe-core ran on %d pages, want %d", len(res.Axe), len(job.Axe))
	}
	for _, a := range res.Axe {
		for _, v := range a.Violations {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, fmt.Sprintf("    %s: %s\n      %s", n.Target, n.HTML, strings.ReplaceAll(n.Summary, "\n", "\n      ")))
			}
			t.Errorf("axe-core on %s at %dpx, %s: %s (%s, %d elements): %s\n%s",
				a.Path, a.Width, a.Scheme, v.ID, v.Impact, v.Count, v.Help, strings.Join(where, "\n"))
		}
	}
}
