package render

import (
	"strings"
)

// The HTTP headers every host should send with the built site, in one
// place: the build writes them as _headers, which Netlify and Cloudflare
// Pages both read from the published folder, and the README tells other
// hosts what to set from the same file. netlify.toml keeps no copy.

// HeaderRule is the headers sent for the paths matching For (a _headers
// pattern: "/*" is every path, "/assets/*" everything under /assets/).
type HeaderRule struct {
	For string
	// Comment says why, in the written file.
	Comment string
	Values  [][2]string
}

// CSP is the Content-Security-Policy of every page: only the site's own
// scripts, styles, images and JSON; no inline code, no other hosts, no
// framing. cmd/sitegen's production test checks that the pages load
// exactly what it allows.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

const immutable = "public, max-age=31536000, immutable"

// Headers are the rules of _headers, in the order written. HTML,
// search/index.json, graph.json and the feed keep their names across
// builds and get the hosts' default caching (Netlify and Cloudflare:
// revalidate every time), so a new deploy shows at once.
var Headers = []HeaderRule{
	{For: "/*", Comment: "Security headers for every response.", Values: [][2]string{
		{"Content-Security-Policy", CSP},
		{"X-Content-Type-Options", "nosniff"},
		{"X-Frame-Options", "DENY"},
		{"Referrer-Policy", "strict-origin-when-cross-origin"},
		{"Permissions-Policy", "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"},
	}},
	{For: "/assets/*", Comment: "Fingerprinted assets never change under their name: cached for a year.", Values: [][2]string{{"Cache-Control", immutable}}},
	{For: "/search/p-*", Comment: "Search shards are named by their content hash.", Values: [][2]string{{"Cache-Control", immutable}}},
	{For: "/search/s-*", Comment: "Search summaries are named by their content hash.", Values: [][2]string{{"Cache-Control", immutable}}},
	{For: "/cards/*", Comment: "Social cards are named by a hash of what they show.", Values: [][2]string{{"Cache-Control", immutable}}},
	{For: "/feed.xml", Comment: "The feed is Atom, not generic XML.", Values: [][2]string{{"Content-Type", "application/atom+xml; charset=utf-8"}}},
}

// HeaderRules are Headers and, for each other language's tree
// (prefixes: "/es"), the rules of its own search files and feed.
func HeaderRules(prefixes ...string) []HeaderRule {
	rules := append([]HeaderRule{}, Headers...)
	for _, pre := range prefixes {
		for _, r := range Headers {
			if strings.HasPrefix(r.For, "/search/") || r.For == "/feed.xml" {
				rules = append(rules, HeaderRule{For: pre + r.For, Comment: r.Comment + " (" + strings.TrimPrefix(pre, "/") + ")", Values: r.Values})
			}
		}
	}
	return rules
}

// HeadersFile is the _headers file of HeaderRules(prefixes...) (the
// format of Netlify and Cloudflare Pages: a path pattern, then its
// headers indented).
func HeadersFile(prefixes ...string) []byte {
	var b strings.Builder
	b.WriteString("# HTTP headers for Netlify and Cloudflare Pages, written by sitegen.\n")
	for _, r := range HeaderRules(prefixes...) {
		b.WriteString("\n# " + r.Comment + "\n" + r.For + "\n")
		for _, v := range r.Values {
			b.WriteString("  " + v[0] + ": " + v[1] + "\n")
		}
	}
	return []byte(b.String())
}
