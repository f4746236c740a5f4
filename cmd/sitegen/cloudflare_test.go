package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ctohandbook/sitegen/internal/render"
)

// cloudflareNode finds node and Cloudflare's packages under
// .ci/node/cloudflare (which .ci/run unpacks), or skips.
func cloudflareNode(t *testing.T) (node, script string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node on this machine")
	}
	script, _ = filepath.Abs("../../.ci/node/cloudflare.mjs")
	for _, f := range []string{"wrangler/wrangler-dist/cli.js", "pages-shared/dist/asset-server/handler.js"} {
		if _, err := os.Stat(filepath.Join(filepath.Dir(script), "cloudflare", f)); err != nil {
			t.Skipf("Cloudflare's %s is not under .ci/node/cloudflare (bash .ci/run unpacks it)", f)
		}
	}
	return node, script
}

// cloudflareRead is what .ci/node/cloudflare.mjs reports of a built site.
type cloudflareRead struct {
	Redirects struct {
		Rules []struct {
			From, To string
			Status   int
		}
		Invalid []struct {
			Line, Message string
		}
	}
	Headers struct {
		Rules []struct {
			Path         string
			Headers      map[string]string
			UnsetHeaders []string
		}
		Invalid []struct {
			Line, Message string
		}
	}
	Responses []struct {
		Path, Location, Body string
		Status               int
		Headers              map[string]string
	}
}

// TestCloudflareParsers reads a built two-language site as Cloudflare
// Pages does, with Cloudflare's own code, offline (see
// .ci/node/cloudflare.mjs): wrangler's parsers of _redirects and
// _headers, and the asset server of @cloudflare/pages-shared that answers
// requests from the files and the parsed rules.
//
// Cloudflare rejects two kinds of line sitegen writes, and only those:
// the forced "301!" rules, written for Netlify, and the "/es/* ... 404"
// rules, also Netlify's (Cloudflare allows no 404 status). Both are
// harmless there: the plain 301 on the next line is the one Cloudflare
// keeps, and it finds the nearest 404.html by itself, so a missing
// Spanish page still gets the Spanish 404 page. _headers parses without a
// complaint into exactly render.Headers.
func TestCloudflareParsers(t *testing.T) {
	node, script := cloudflareNode(t)
	dir := writeSite(t, map[string]string{
		"sitegen.yaml":               "title: Handbook\nbase_url: https://example.pages.dev\nlanguages:\n  - code: en\n  - code: es\n    title: Manual\n",
		"content/_index.md":          "---\ntitle: Home\n---\nSee [[cto]].\n",
		"content/glossary/cto.md":    "---\ntitle: CTO\nsummary: The technology executive.\nredirect_from: [/terms/cto/, /cto.html]\n---\nWorks with the [[ciso]].\n",
		"content/glossary/ciso.md":   "---\ntitle: CISO\nsummary: The security executive.\n---\nWorks with the [[cto]].\n",
		"content/es/_index.md":       "---\ntitle: Inicio\n---\nVéase [[cto]].\n",
		"content/es/glossary/cto.md": "---\ntitle: CTO\nsummary: El responsable de la tecnología.\nredirect_from: [/es/terminos/cto/]\n---\nTrabaja con el [[ciso]].\n",
	})
	out := filepath.Join(dir, "public")
	if code, _, errs := run("build", "-source", dir, "-out", out); code != 0 {
		t.Fatalf("build failed:\n%s", errs)
	}
	rules, err := os.ReadFile(filepath.Join(out, "_redirects"))
	if err != nil {
		t.Fatal(err)
	}
	assets, _ := filepath.Glob(filepath.Join(out, "assets", "*.css"))
	if len(assets) == 0 {
		t.Fatal("the build wrote no stylesheet under assets/")
	}
	asset := "/assets/" + filepath.Base(assets[0])
	requests := []string{"/terms/cto/", "/cto.html", "/es/terminos/cto/", "/", "/glossary/cto/", "/feed.xml", "/es/feed.xml", asset, "/no-such/", "/es/no-such/"}
	in, _ := json.Marshal(requests)
	cmd := exec.Command(node, script, out)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("node cloudflare.mjs: %v\n%s", err, stderr.String())
	}
	var got cloudflareRead
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}

	// Every line of _redirects: rejected if it is Netlify's (301!, 404),
	// else kept as written.
	var wantRejected, wantKept, rejected, kept []string
	for _, line := range strings.Split(string(rules), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 0 || strings.HasPrefix(f[0], "#"):
		case len(f) != 3:
			t.Errorf("_redirects line %q: want from, to, status", line)
		case f[2] == "301!" || f[2] == "404":
			wantRejected = append(wantRejected, line)
		default:
			wantKept = append(wantKept, line)
		}
	}
	for _, inv := range got.Redirects.Invalid {
		rejected = append(rejected, inv.Line)
		if !strings.Contains(inv.Message, "Valid status codes") {
			t.Errorf("Cloudflare rejects %q for another reason than its status: %s", inv.Line, inv.Message)
		}
	}
	for _, r := range got.Redirects.Rules {
		kept = append(kept, fmt.Sprintf("%s %s %d", r.From, r.To, r.Status))
	}
	if len(wantKept) != 3 || len(wantRejected) != 4 {
		t.Errorf("_redirects has %d plain rules and %d of Netlify's, want 3 and 4:\n%s", len(wantKept), len(wantRejected), rules)
	}
	if fmt.Sprint(rejected) != fmt.Sprint(wantRejected) {
		t.Errorf("Cloudflare rejects %q\nwant exactly %q", rejected, wantRejected)
	}
	if fmt.Sprint(kept) != fmt.Sprint(wantKept) {
		t.Errorf("Cloudflare keeps the rules %q\nwant %q", kept, wantKept)
	}

	if len(got.Headers.Invalid) > 0 {
		t.Errorf("Cloudflare rejects lines of _headers: %+v", got.Headers.Invalid)
	}
	var parsed, want []string
	for _, r := range got.Headers.Rules {
		parsed = append(parsed, fmt.Sprint(r.Path, r.Headers, r.UnsetHeaders))
	}
	for _, r := range render.HeaderRules("/es") {
		m := map[string]string{}
		for _, v := range r.Values {
			m[strings.ToLower(v[0])] = v[1]
		}
		want = append(want, fmt.Sprint(r.For, m, []string{}))
	}
	if strings.Join(parsed, "\n") != strings.Join(want, "\n") {
		t.Errorf("Cloudflare reads _headers as\n%s\nwant render.HeaderRules(\"/es\"):\n%s", strings.Join(parsed, "\n"), strings.Join(want, "\n"))
	}

	// What the asset server answers.
	type answer struct {
		status   int
		location string
		header   [2]string // a header it must send, if any
		lang     string    // a 404 page's lang, if any
	}
	wants := map[string]answer{
		"/terms/cto/":       {status: 301, location: "/glossary/cto/"},
		"/cto.html":         {status: 301, location: "/glossary/cto/"},
		"/es/terminos/cto/": {status: 301, location: "/es/glossary/cto/"},
		"/":                 {status: 200, header: [2]string{"content-security-policy", render.CSP}},
		"/glossary/cto/":    {status: 200, header: [2]string{"x-frame-options", "DENY"}},
		"/feed.xml":         {status: 200, header: [2]string{"content-type", "application/atom+xml; charset=utf-8"}},
		"/es/feed.xml":      {status: 200, header: [2]string{"content-type", "application/atom+xml; charset=utf-8"}},
		asset:               {status: 200, header: [2]string{"cache-control", "public, max-age=31536000, immutable"}},
		"/no-such/":         {status: 404, lang: "en"},
		"/es/no-such/":      {status: 404, lang: "es"},
	}
	if len(got.Responses) != len(requests) {
		t.Fatalf("%d answers to %d requests", len(got.Responses), len(requests))
	}
	for _, r := range got.Responses {
		w := wants[r.Path]
		if r.Status != w.status || r.Location != w.location {
			t.Errorf("Cloudflare answers %s with %d %q, want %d %q", r.Path, r.Status, r.Location, w.status, w.location)
		}
		if w.header[0] != "" && r.Headers[w.header[0]] != w.header[1] {
			t.Errorf("Cloudflare answers %s with %s: %q, want %q", r.Path, w.header[0], r.Headers[w.header[0]], w.header[1])
		}
		if w.lang != "" && !strings.Contains(r.Body, `<html lang="`+w.lang+`"`) {
			t.Errorf("Cloudflare answers %s with a 404 page that is not in %q: %.120s", r.Path, w.lang, r.Body)
		}
	}
}
