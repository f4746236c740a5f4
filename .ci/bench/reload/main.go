// Command reload times what a writer feels with `sitegen serve` running,
// from outside the process: from saving a term's file to the live-reload
// event that tells an open page showing that term to reload. It is the
// client half of perf.sh, which starts and stops the server.
//
//	reload -url http://127.0.0.1:1313 -site DIR -every 3s -saves 20
//
// It opens the server's Server-Sent Events stream (/_sitegen/events, the
// one reload.js listens to), waits for the hello event and for the
// server to be quiet, then saves one term file every -every, whatever
// the server is doing, as a writer who keeps typing does: each save
// rewrites a different term (its original text plus one sentence) with
// a plain write, as most editors do. A save counts as delivered at the
// first "reload" event after it whose paths hold the term's page (or
// that reloads every page). A "problems" event is an error.
//
// Each save's sentence holds a word of its own; the tool also times each
// save to the moment the served search index (/search/index.json and
// the shard its word falls in) holds that word, as the search page would
// find it.
//
// It prints one line of figures, key=value, for the script to parse, and
// one line per save on stderr.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

func main() {
	url := flag.String("url", "", "the server's `URL` (http://127.0.0.1:PORT)")
	dir := flag.String("site", "", "the site `folder` the server is watching")
	every := flag.Duration("every", 3*time.Second, "the `time` between two saves")
	saves := flag.Int("saves", 20, "the `number` of saves to time")
	offset := flag.Int("offset", 0, "which `term` to start from (runs at two rhythms edit different terms)")
	quiet := flag.Duration("quiet", time.Second, "how long the server must send nothing before the first save")
	timeout := flag.Duration("timeout", time.Minute, "how long to wait for one save's reload")
	flag.Parse()
	if *url == "" || *dir == "" || *saves < 1 {
		fmt.Fprintln(os.Stderr, "usage: reload -url URL -site DIR [-every 3s] [-saves 20]")
		os.Exit(2)
	}
	if err := run(strings.TrimRight(*url, "/"), *dir, *every, *saves, *offset, *quiet, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "reload:", err)
		os.Exit(1)
	}
}

// event is one Server-Sent Event and when it arrived.
type event struct {
	name, data string
	at         time.Time
}

// save is one file written and the page it should reload.
type save struct {
	n    int
	file string
	page string // "glossary/<slug>/index.html"
	word string // in its sentence alone
	at   time.Time
}

// word is save n's own word: letters only, so that it is one token.
func word(n int) string {
	w := []byte("zqsave")
	for ; n > 0; n /= 26 {
		w = append(w, byte('a'+n%26))
	}
	return string(w)
}

func run(url, dir string, every time.Duration, saves, offset int, quiet, timeout time.Duration) error {
	terms, err := filepath.Glob(filepath.Join(dir, "content", "glossary", "*.md"))
	if err != nil {
		return err
	}
	terms = slices.DeleteFunc(terms, func(p string) bool { return filepath.Base(p) == "_index.md" })
	sort.Strings(terms)
	if len(terms) < saves {
		return fmt.Errorf("%d terms in %s, fewer than %d saves", len(terms), dir, saves)
	}
	events, err := listen(url + "/_sitegen/events")
	if err != nil {
		return err
	}
	select {
	case e := <-events:
		if e.name != "hello" {
			return fmt.Errorf("the first event is %q, want hello", e.name)
		}
	case <-time.After(timeout):
		return fmt.Errorf("no hello event within %s", timeout)
	}
	for settled := false; !settled; {
		select {
		case <-events:
		case <-time.After(quiet):
			settled = true
		}
	}

	// The terms to save: spread over the site, each once.
	var plan []save
	used := map[int]bool{}
	for k := offset * 7919; len(plan) < saves; k += 37 {
		i := k % len(terms)
		if used[i] {
			k++
			continue
		}
		used[i] = true
		slug := strings.TrimSuffix(filepath.Base(terms[i]), ".md")
		n := len(plan) + 1
		plan = append(plan, save{n: n, file: terms[i], page: "glossary/" + slug + "/index.html", word: word(n + 1000*offset)})
	}

	var pending []save
	var took []time.Duration
	// The search side: a goroutine polls the index for the words saved.
	searches := make(chan save, saves)
	found := make(chan time.Duration, saves)
	go searchLoop(url, searches, found, timeout)
	tick := time.NewTicker(every)
	defer tick.Stop()
	next := 0
	write := func() error {
		s := plan[next]
		next++
		orig, err := os.ReadFile(s.file)
		if err != nil {
			return err
		}
		text := append(orig, fmt.Sprintf("\nSaved for the benchmark, number %d, every %s: %s.\n", s.n, every, s.word)...)
		s.at = time.Now()
		if err := os.WriteFile(s.file, text, 0o644); err != nil {
			return err
		}
		pending = append(pending, s)
		searches <- s
		return nil
	}
	if err := write(); err != nil {
		return err
	}
	var deadline <-chan time.Time
	for len(pending) > 0 || next < len(plan) {
		if next == len(plan) && deadline == nil {
			deadline = time.After(timeout)
		}
		select {
		case <-tick.C:
			if next < len(plan) {
				if err := write(); err != nil {
					return err
				}
			}
		case e, ok := <-events:
			if !ok {
				return fmt.Errorf("the event stream ended (%d saves not delivered)", len(pending))
			}
			switch e.name {
			case "problems":
				return fmt.Errorf("the server reported problems: %s", e.data)
			case "reload":
				var m struct {
					Paths []string `json:"paths"`
					All   bool     `json:"all"`
				}
				if err := json.Unmarshal([]byte(e.data), &m); err != nil {
					return fmt.Errorf("reload event %q: %w", e.data, err)
				}
				pending = slices.DeleteFunc(pending, func(s save) bool {
					if !m.All && !slices.Contains(m.Paths, s.page) {
						return false
					}
					d := e.at.Sub(s.at)
					took = append(took, d)
					fmt.Fprintf(os.Stderr, "save %2d %s: reload event after %s\n", s.n, s.page, d.Round(time.Millisecond))
					return true
				})
			}
		case <-deadline:
			return fmt.Errorf("%d saves got no reload event within %s of the last save", len(pending), timeout)
		}
	}
	var searched []time.Duration
	for range plan {
		d := <-found
		if d < 0 {
			return fmt.Errorf("a save's word was not in the search index within %s", timeout)
		}
		searched = append(searched, d)
	}
	fmt.Printf("saves=%d every_ms=%d median_ms=%s p95_ms=%s max_ms=%s search_median_ms=%s search_max_ms=%s\n", len(took), every.Milliseconds(),
		ms(pct(took, 50)), ms(pct(took, 95)), ms(pct(took, 100)), ms(pct(searched, 50)), ms(pct(searched, 100)))
	return nil
}

// searchLoop polls the served search index every 20 ms for the word of
// each save sent to it, and sends how long after the save it was found
// (-1 past timeout).
func searchLoop(url string, saves <-chan save, found chan<- time.Duration, timeout time.Duration) {
	var waiting []save
	for {
		if len(waiting) == 0 {
			s, ok := <-saves
			if !ok {
				return
			}
			waiting = append(waiting, s)
		}
		for more := true; more; {
			select {
			case s := <-saves:
				waiting = append(waiting, s)
			default:
				more = false
			}
		}
		words, err := indexed(url, waiting)
		now := time.Now()
		waiting = slices.DeleteFunc(waiting, func(s save) bool {
			switch {
			case err == nil && words[s.word]:
				d := now.Sub(s.at)
				fmt.Fprintf(os.Stderr, "save %2d: %q searchable after %s\n", s.n, s.word, d.Round(time.Millisecond))
				found <- d
				return true
			case now.Sub(s.at) > timeout:
				found <- -1
				return true
			}
			return false
		})
		time.Sleep(20 * time.Millisecond)
	}
}

// indexed says which of the saves' words the served index holds: it
// reads index.json, then the shard each word falls in, as the search
// page does.
func indexed(url string, saves []save) (map[string]bool, error) {
	var index struct {
		Shards struct {
			From  []string `json:"from"`
			Files []string `json:"files"`
		} `json:"shards"`
	}
	if err := getJSON(url+"/search/index.json", &index); err != nil {
		return nil, err
	}
	out := map[string]bool{}
	shards := map[string][]string{}
	for _, s := range saves {
		i := sort.SearchStrings(index.Shards.From, s.word+"\x00") - 1 // the last shard starting at or before the word
		if i < 0 || i >= len(index.Shards.Files) {
			continue
		}
		file := index.Shards.Files[i]
		toks, ok := shards[file]
		if !ok {
			var shard struct {
				T []string `json:"t"`
			}
			if err := getJSON(url+"/search/"+file, &shard); err != nil {
				return nil, err
			}
			toks = shard.T
			shards[file] = toks
		}
		out[s.word] = slices.Contains(toks, s.word)
	}
	return out, nil
}

func getJSON(url string, v any) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// pct is the p-th percentile of d (nearest rank).
func pct(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	k := (len(s)*p + 99) / 100
	return s[min(max(k, 1), len(s))-1]
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64)
}

// listen opens the event stream and sends each event as it arrives.
func listen(url string) (<-chan event, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		resp.Body.Close()
		return nil, fmt.Errorf("GET %s: %s, %s", url, resp.Status, resp.Header.Get("Content-Type"))
	}
	c := make(chan event, 256)
	go func() {
		defer close(c)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		var e event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if e.name != "" {
					e.at = time.Now()
					c <- e
				}
				e = event{}
			case strings.HasPrefix(line, "event:"):
				e.name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:"):
				e.data += strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " ")
			}
		}
	}()
	return c, nil
}
