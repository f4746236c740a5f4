package serve

import (
	"bytes"
	"encoding/json"
	"path"
	"strings"

	"github.com/ctohandbook/sitegen/internal/output"
)

// Live reload: every open page holds one Server-Sent Events stream from
// eventsPath. The server sends three events, each with a JSON object:
//
//	hello     {build}                   on connecting: a page that shows an
//	                                    older build than this reloads
//	reload    {build, paths, all, css,  after a successful build: a page
//	          navigate}                 reloads if its own file or a file it
//	                                    embeds is in paths (or all is set),
//	                                    swaps stylesheets listed in css, and
//	                                    goes to navigate when it is set
//	problems  {build, title, problems}  after a failed build: the page shows
//	                                    the overlay
//
// The URLs in events (css, navigate) are the site's own, as a build at the
// root of its host has them ("/assets/style.1a2b3c4d5e.css"): under a base
// path the client puts that path in front. Paths are file names in the
// build, the same wherever the site is served.
//
// The events are not named "error": EventSource uses that name for its
// own connection errors.

// maxPaths is the most changed paths sent to pages; past it, every page
// reloads.
const maxPaths = 1000

// reload tells open pages what a successful build changed.
type reload struct {
	Build string `json:"build"`
	// Paths are the output files ("glossary/cto/index.html") whose bytes
	// changed, less the pages whose only change is a stylesheet's URL.
	Paths []string `json:"paths,omitempty"`
	// All says every page changed.
	All bool `json:"all,omitempty"`
	// CSS lists stylesheets to swap in place, by URL.
	CSS []swap `json:"css,omitempty"`
	// Navigate is the URL of the page whose file was edited, with -navigate.
	Navigate string `json:"navigate,omitempty"`
}

// swap replaces the stylesheet at From with the one at To.
type swap struct {
	From string `json:"from"`
	To   string `json:"to"`
}

func reloadEvent(r reload) []byte { return event("reload", r) }

func problemsEvent(st *state) []byte {
	return event("problems", struct {
		Build    string   `json:"build"`
		Title    string   `json:"title"`
		Problems []string `json:"problems"`
	}{st.id, overlayTitle(len(st.problems)), st.problems})
}

func helloEvent(st *state) []byte {
	return event("hello", struct {
		Build string `json:"build"`
	}{st.id})
}

// event formats one Server-Sent Event. JSON holds no raw newline, so the
// data fits on one line.
func event(name string, v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // our own structs of strings always marshal
	}
	return []byte("event: " + name + "\ndata: " + string(data) + "\n\n")
}

// plan works out what open pages must do after a build that changed the
// paths in changed from old to cur. A stylesheet whose fingerprinted name
// changed is swapped in place, and a page whose only change is that new
// name is left out of the paths, so that it does not reload.
func plan(old, cur output.Files, changed []string, build string) reload {
	var r reload
	var removed, added []string
	for _, p := range changed {
		if path.Ext(p) != ".css" {
			continue
		}
		_, inOld := old[p]
		_, inCur := cur[p]
		switch {
		case inOld && inCur:
			r.CSS = append(r.CSS, swap{From: "/" + p, To: "/" + p + "?v=" + build})
		case inOld:
			removed = append(removed, p)
		case inCur:
			added = append(added, p)
		}
	}
	renamed := pair(removed, added)
	r.CSS = append(r.CSS, renamed...)
	for _, p := range changed {
		if len(renamed) > 0 && isHTML(p) && onlyRenamed(old[p], cur[p], renamed) {
			continue
		}
		r.Paths = append(r.Paths, p)
	}
	if len(r.Paths) > maxPaths {
		r.Paths, r.All = nil, true
	}
	return r
}

// pair matches stylesheets that were removed with those added under a new
// fingerprint: "assets/style.1a2b3c4d5e.css" with "assets/style.9f8e7d6c5b.css".
func pair(removed, added []string) []swap {
	var out []swap
	byStem := map[string]string{}
	for _, p := range removed {
		byStem[stem(p)] = p
	}
	var lone []string
	for _, p := range added {
		if from, ok := byStem[stem(p)]; ok {
			out = append(out, swap{From: "/" + from, To: "/" + p})
			delete(byStem, stem(p))
			continue
		}
		lone = append(lone, p)
	}
	if len(lone) == 1 && len(byStem) == 1 {
		for _, from := range byStem {
			out = append(out, swap{From: "/" + from, To: "/" + lone[0]})
		}
	}
	return out
}

// stem is p without its fingerprint: the hex part before the extension.
func stem(p string) string {
	dir, base := path.Split(p)
	parts := strings.Split(base, ".")
	if n := len(parts); n >= 3 && isHex(parts[n-2]) {
		parts = append(parts[:n-2:n-2], parts[n-1])
	}
	return dir + strings.Join(parts, ".")
}

func isHex(s string) bool {
	if len(s) < 6 {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}

// onlyRenamed says whether cur is old with the stylesheet URLs swapped.
func onlyRenamed(old, cur []byte, swaps []swap) bool {
	if old == nil || cur == nil {
		return false
	}
	for _, s := range swaps {
		old = bytes.ReplaceAll(old, []byte(s.From), []byte(s.To))
	}
	return bytes.Equal(old, cur)
}
