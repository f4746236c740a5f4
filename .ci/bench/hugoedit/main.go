// Command hugoedit times what a writer feels with a running `hugo server`:
// from saving one term to the browser's live-reload message, and to
// Hugo's "Total in N ms" line. It is the Hugo half of perf.sh's
// edit-to-reload figures; sitegen's half is .ci/bench/reload. It does not
// start or stop Hugo: the script does.
//
//	hugoedit -site DIR -port 1313 -log hugo.log -edits 20
//
// Each edit appends a sentence to another term (content/glossary/*.md,
// in name order, every 37th), as .ci/bench/reload does. Before each edit it fetches the term's page, as a browser tab
// showing it would (in Hugo's default fast-render mode only visited
// pages are re-rendered), waits for Hugo to be quiet, then writes the
// file and waits for both the reload message on Hugo's livereload
// WebSocket and the "Total in" line in Hugo's log.
//
// It prints one line of figures, key=value, for the script to parse.
package main

import (
	"bufio"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	dir := flag.String("site", "", "the Hugo site `folder` that hugo server is watching")
	port := flag.Int("port", 1313, "hugo server's `port` (it also serves /livereload)")
	logFile := flag.String("log", "", "the `file` hugo server's stdout goes to")
	edits := flag.Int("edits", 20, "number of `edits` to time")
	quiet := flag.Duration("quiet", 800*time.Millisecond, "how long to let Hugo settle before each edit (its watcher batches events for 500 ms)")
	timeout := flag.Duration("timeout", 2*time.Minute, "how long to wait for one rebuild")
	flag.Parse()
	if *dir == "" || *logFile == "" || *edits < 1 {
		fmt.Fprintln(os.Stderr, "usage: hugoedit -site DIR -port PORT -log FILE [-edits 20]")
		os.Exit(2)
	}
	if err := run(*dir, *port, *logFile, *edits, *quiet, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "hugoedit:", err)
		os.Exit(1)
	}
}

func run(dir string, port int, logFile string, edits int, quiet, timeout time.Duration) error {
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	terms, err := filepath.Glob(filepath.Join(dir, "content", "glossary", "*.md"))
	if err != nil {
		return err
	}
	terms = slices.DeleteFunc(terms, func(p string) bool { return filepath.Base(p) == "_index.md" })
	slices.Sort(terms)
	if len(terms) == 0 {
		return fmt.Errorf("no terms in %s", filepath.Join(dir, "content", "glossary"))
	}
	totals, err := tail(logFile)
	if err != nil {
		return err
	}
	reloads, err := listen(addr)
	if err != nil {
		return fmt.Errorf("livereload: %w", err)
	}
	var toReload, toLog, hugoTotal []time.Duration
	for i := 1; i <= edits; i++ {
		file := terms[(i*37)%len(terms)]
		slug := strings.TrimSuffix(filepath.Base(file), ".md")
		orig, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		if err := visit(fmt.Sprintf("http://%s/glossary/%s/", addr, slug)); err != nil {
			return err
		}
		time.Sleep(quiet)
		drain(totals)
		drain(reloads)

		began := time.Now()
		text := append(orig, fmt.Sprintf("\n\nEdit number %d.\n", i)...)
		if err := os.WriteFile(file, text, 0o644); err != nil {
			return err
		}
		var gotReload, gotTotal bool
		for deadline := time.After(timeout); !gotReload || !gotTotal; {
			select {
			case at := <-reloads:
				if !gotReload {
					toReload = append(toReload, at.Sub(began))
					gotReload = true
				}
			case t := <-totals:
				if t.err != "" {
					return fmt.Errorf("edit %d (%s): hugo reported an error: %s", i, slug, t.err)
				}
				if !gotTotal {
					toLog = append(toLog, t.at.Sub(began))
					hugoTotal = append(hugoTotal, t.took)
					gotTotal = true
				}
			case <-deadline:
				return fmt.Errorf("edit %d (%s): no rebuild within %s (reload: %v, log: %v)", i, slug, timeout, gotReload, gotTotal)
			}
		}
		fmt.Fprintf(os.Stderr, "edit %2d %s: reload %s, log line %s, Hugo's total %s\n", i, slug,
			toReload[len(toReload)-1].Round(time.Millisecond), toLog[len(toLog)-1].Round(time.Millisecond), hugoTotal[len(hugoTotal)-1])
	}
	fmt.Printf("edits=%d reload_median_ms=%s reload_p95_ms=%s log_median_ms=%s log_p95_ms=%s total_median_ms=%s total_p95_ms=%s\n",
		edits, ms(pct(toReload, 50)), ms(pct(toReload, 95)), ms(pct(toLog, 50)), ms(pct(toLog, 95)), ms(pct(hugoTotal, 50)), ms(pct(hugoTotal, 95)))
	return nil
}

// pct is the p-th percentile of d: the middle one for the median, else
// the nearest rank below.
func pct(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	if p == 50 {
		return s[len(s)/2]
	}
	return s[min(len(s)-1, len(s)*p/100)]
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64)
}

func drain[T any](c <-chan T) {
	for {
		select {
		case <-c:
		default:
			return
		}
	}
}

// visit fetches a page as a browser tab would, so that Hugo's fast-render
// mode counts it as visited.
func visit(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return err
}

// total is one "Total in N ms" line of Hugo's log, or an error line.
type total struct {
	at   time.Time
	took time.Duration
	err  string
}

// totalLine is Hugo's line after each rebuild ("Total in 431 ms"; some
// releases say "Rebuilt in").
var totalLine = regexp.MustCompile(`(?:Total|Rebuilt) in ([0-9.]+) ?(ms|s)\b`)

// tail follows a log file from its current end and sends each "Total
// in" line, with the time it was seen.
func tail(name string) (<-chan total, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		return nil, err
	}
	c := make(chan total, 64)
	go func() {
		var partial []byte
		buf := make([]byte, 64<<10)
		for {
			k, err := f.Read(buf)
			if k == 0 || err != nil {
				time.Sleep(2 * time.Millisecond)
				continue
			}
			now := time.Now()
			partial = append(partial, buf[:k]...)
			for {
				nl := slices.Index(partial, '\n')
				if nl < 0 {
					break
				}
				line := string(partial[:nl])
				partial = partial[nl+1:]
				if m := totalLine.FindStringSubmatch(line); m != nil {
					v, _ := strconv.ParseFloat(m[1], 64)
					if m[2] == "s" {
						v *= 1000
					}
					c <- total{at: now, took: time.Duration(v * float64(time.Millisecond))}
				} else if strings.Contains(line, "ERROR") || strings.HasPrefix(line, "Error:") {
					c <- total{at: now, err: line}
				}
			}
		}
	}()
	return c, nil
}

// listen opens Hugo's livereload WebSocket as livereload.js does and
// sends the arrival time of each reload message. It is a minimal
// client: text frames from the server, pings answered, nothing else.
func listen(addr string) (<-chan time.Time, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	key := make([]byte, 16)
	rand.Read(key)
	fmt.Fprintf(conn, "GET /livereload HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n",
		addr, base64.StdEncoding.EncodeToString(key))
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		return nil, fmt.Errorf("GET /livereload: %s", resp.Status)
	}
	if err := send(conn, 0x1, []byte(`{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}`)); err != nil {
		return nil, err
	}
	c := make(chan time.Time, 64)
	go func() {
		for {
			op, msg, err := frame(r)
			if err != nil {
				fmt.Fprintln(os.Stderr, "hugoedit: livereload:", err)
				return
			}
			switch {
			case op == 0x9:
				send(conn, 0xA, msg)
			case op == 0x1 && strings.Contains(string(msg), `"reload"`):
				c <- time.Now()
			}
		}
	}()
	return c, nil
}

// frame reads one unfragmented, unmasked frame, as servers send them.
func frame(r *bufio.Reader) (op byte, payload []byte, err error) {
	var h [2]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return 0, nil, err
	}
	op = h[0] & 0x0F
	size := uint64(h[1] & 0x7F)
	switch size {
	case 126:
		var b [2]byte
		_, err = io.ReadFull(r, b[:])
		size = uint64(binary.BigEndian.Uint16(b[:]))
	case 127:
		var b [8]byte
		_, err = io.ReadFull(r, b[:])
		size = binary.BigEndian.Uint64(b[:])
	}
	if err != nil {
		return 0, nil, err
	}
	if h[1]&0x80 != 0 {
		return 0, nil, errors.New("masked frame from the server")
	}
	if op == 0x8 {
		return 0, nil, errors.New("the server closed the connection")
	}
	payload = make([]byte, size)
	_, err = io.ReadFull(r, payload)
	return op, payload, err
}

// send writes one masked frame, as clients must.
func send(w io.Writer, op byte, payload []byte) error {
	b := []byte{0x80 | op}
	switch n := len(payload); {
	case n < 126:
		b = append(b, 0x80|byte(n))
	case n < 1<<16:
		b = append(b, 0x80|126, byte(n>>8), byte(n))
	default:
		b = append(b, 0x80|127)
		b = binary.BigEndian.AppendUint64(b, uint64(n))
	}
	var mask [4]byte
	rand.Read(mask[:])
	b = append(b, mask[:]...)
	for i, c := range payload {
		b = append(b, c^mask[i%4])
	}
	_, err := w.Write(b)
	return err
}
