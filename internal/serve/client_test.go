//go:build unix

package serve

import (
	"bufio"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ctohandbook/sitegen/themes"
)

// TestBrowser drives a real headless Chromium through the DevTools
// protocol to check what a writer sees in the browser: an unrelated edit
// leaves the page alone, a stylesheet edit swaps the stylesheet without a
// reload, an edit of the page reloads it at the same scroll position, a
// broken edit shows the overlay and the fix removes it, and -navigate
// follows the edited page. Skipped without Chromium, and in -short mode.
func TestBrowser(t *testing.T) {
	bin := browserPath(t)
	css, err := fs.ReadFile(themes.Default(), "static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	files := smallSite()
	long := strings.Repeat("A paragraph that makes the page long enough to scroll.\n\n", 150)
	cto := func(v string) string {
		return "---\ntitle: CTO\nsummary: The technology executive.\n---\nWorks with the [[ciso]]. " + v + "\n\n" + long
	}
	files["content/glossary/cto.md"] = cto("Version one.")
	files["themes/default/static/style.css"] = string(css)
	dir := writeSite(t, files)
	p := start(t, dir)
	tab := launchBrowser(t, bin)

	tab.open(t, p, "/glossary/cto/")
	tab.eval(t, `window.sitegenMark = 1`)
	marked := `window.sitegenMark === 1`

	t.Run("unrelated edit does not reload", func(t *testing.T) {
		s := p.listen(t)
		writeFile(t, dir, "content/glossary/engineer.md", "---\ntitle: Engineer\nsummary: Builds things.\n---\nBuilds systems. Edited.\n")
		s.next(t, "reload")
		// The page handles events in order: once a later stylesheet
		// change is applied, it has handled the reload event above.
		writeFile(t, dir, "themes/default/static/style.css", string(css)+"\nhtml { outline-offset: 7px; }\n")
		tab.waitFor(t, `getComputedStyle(document.documentElement).outlineOffset === "7px"`)
		if tab.eval(t, marked) != true {
			t.Error("the CTO page reloaded after an edit of another term")
		}
	})

	t.Run("stylesheet edit swaps without reload", func(t *testing.T) {
		before := tab.eval(t, `document.querySelector("link[rel=stylesheet][href^='/assets/style.']").getAttribute("href")`)
		writeFile(t, dir, "themes/default/static/style.css", string(css)+"\nbody { outline: 3px solid rgb(255, 0, 0); }\n")
		tab.waitFor(t, `getComputedStyle(document.body).outlineColor === "rgb(255, 0, 0)"`)
		after := tab.eval(t, `document.querySelector("link[rel=stylesheet][href^='/assets/style.']").getAttribute("href")`)
		if after == before {
			t.Errorf("the stylesheet link is still %v", before)
		}
		if tab.eval(t, `document.querySelectorAll("link[rel=stylesheet][href^='/assets/style.']").length`) != 1.0 {
			t.Error("the old stylesheet link was not removed")
		}
		if tab.eval(t, marked) != true {
			t.Error("the page reloaded for a stylesheet change")
		}
	})

	t.Run("page edit reloads at the same scroll position", func(t *testing.T) {
		// Chromium keeps the position of a reloaded page by itself; turn
		// that off so that only the preview's script can keep it.
		tab.eval(t, `history.scrollRestoration = "manual"; window.scrollTo(0, 1200)`)
		writeFile(t, dir, "content/glossary/cto.md", cto("Version two."))
		tab.waitFor(t, `document.body.textContent.includes("Version two.")`)
		if tab.eval(t, marked) == true {
			t.Error("the page changed without a reload")
		}
		tab.waitFor(t, `document.readyState === "complete" && window.scrollY > 1100 && window.scrollY < 1300`)
		tab.eval(t, `window.sitegenMark = 1`)
	})

	t.Run("broken edit shows the overlay, the fix removes it", func(t *testing.T) {
		writeFile(t, dir, "content/glossary/cto.md", "---\ntitle: CTO\nsummary: The technology executive.\n---\nWorks with the [[cisoo]].\n")
		tab.waitFor(t, `!!document.getElementById("sitegen-overlay")`)
		text := tab.eval(t, `document.getElementById("sitegen-overlay").textContent`)
		if s, _ := text.(string); !strings.Contains(s, `content/glossary/cto.md:5:16: broken link "[[cisoo]]"`) {
			t.Errorf("the overlay says %q", text)
		}
		if tab.eval(t, `getComputedStyle(document.getElementById("sitegen-overlay")).position`) != "fixed" {
			t.Error("the overlay is not styled by /_sitegen/overlay.css")
		}
		if tab.eval(t, marked) != true {
			t.Error("the page reloaded to show the overlay")
		}
		// A page opened now has it from the server, before any script.
		tab.open(t, p, "/glossary/ciso/")
		if tab.eval(t, `!!document.getElementById("sitegen-overlay")`) != true {
			t.Error("a page opened while the build is broken has no overlay")
		}
		writeFile(t, dir, "content/glossary/cto.md", cto("Version three."))
		tab.waitFor(t, `!document.getElementById("sitegen-overlay")`)
	})

	t.Run("navigate follows the edited page", func(t *testing.T) {
		dir2 := writeSite(t, smallSite())
		p2 := start(t, dir2, func(c *Config) { c.Navigate = true })
		tab.open(t, p2, "/glossary/cto/")
		writeFile(t, dir2, "content/glossary/ciso.md", "---\ntitle: CISO\nsummary: The security executive.\n---\nReports to the [[cto]]. Followed.\n")
		tab.waitFor(t, `location.pathname === "/glossary/ciso/" && document.body.textContent.includes("Followed.")`)
	})
}

// browserPath finds Chromium, or skips the test: in -short mode, and on a
// machine without it.
func browserPath(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: no browser")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium on this machine")
	return ""
}

// tab is one browser page, driven over the DevTools protocol.
type tab struct {
	conn net.Conn
	r    *bufio.Reader
	id   int
	// onEvent, when set, gets the DevTools events (Network.*, ...) that
	// arrive while a call waits for its answer, on the test's goroutine.
	onEvent func(method string, params json.RawMessage)
}

// launchBrowser starts headless Chromium for the test and connects to
// its first page. The browser is stopped when the test ends.
func launchBrowser(t *testing.T, bin string) *tab {
	t.Helper()
	profile, err := os.MkdirTemp("", "sitegen-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update",
		"--disable-extensions", "--remote-debugging-port=0", "--user-data-dir="+profile, "about:blank")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Skip("cannot start Chromium:", err)
	}
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // the browser and its helpers
		cmd.Wait()
		os.RemoveAll(profile)
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		re := regexp.MustCompile(`DevTools listening on (ws://\S+)`)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	var ws string
	select {
	case ws = <-found:
	case <-time.After(15 * time.Second):
		t.Fatal("Chromium did not open its DevTools port within 15s")
	}
	u, _ := url.Parse(ws)
	resp, err := http.Get("http://" + u.Host + "/json/list")
	if err != nil {
		t.Fatal(err)
	}
	var targets []struct{ Type, WebSocketDebuggerURL string }
	err = json.NewDecoder(resp.Body).Decode(&targets)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		if tg.Type == "page" {
			return dialTab(t, tg.WebSocketDebuggerURL)
		}
	}
	t.Fatal("Chromium shows no page")
	return nil
}

// open loads path from the preview and waits until a live-reload stream
// is connected. (A build published before the page's own stream connects
// still reaches it: the stream's hello names the latest build.)
func (b *tab) open(t *testing.T, p *preview, path string) {
	t.Helper()
	b.call(t, "Page.navigate", map[string]any{"url": p.URL() + path})
	b.waitFor(t, `document.readyState === "complete" && location.pathname === `+jsString(path))
	if msg := eventually(func() string {
		if p.hub.count() == 0 {
			return "the page opened no live-reload stream"
		}
		return ""
	}); msg != "" {
		t.Fatal(msg)
	}
}

// poll waits until expr is true in the page, and says whether it became so.
func (b *tab) poll(expr string) bool {
	for deadline := time.Now().Add(wait); ; time.Sleep(10 * time.Millisecond) {
		if v, _ := b.try(expr); v == true {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}

// decode evaluates expr in the page and decodes its value into v.
func (b *tab) decode(t *testing.T, expr string, v any) {
	t.Helper()
	raw, err := json.Marshal(b.eval(t, expr))
	if err == nil {
		err = json.Unmarshal(raw, v)
	}
	if err != nil {
		t.Fatalf("decoding %s: %v", expr, err)
	}
}

// viewport sets the window's size; mobile makes it a phone's.
func (b *tab) viewport(t *testing.T, width, height int, mobile bool) {
	t.Helper()
	b.call(t, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
}

// keys are the DevTools codes of the keys tests press.
var keys = map[string]struct {
	code string
	vk   int
	text string
}{
	"Enter": {"Enter", 13, "\r"}, "Escape": {"Escape", 27, ""}, "Tab": {"Tab", 9, ""},
	"ArrowDown": {"ArrowDown", 40, ""}, "/": {"Slash", 191, "/"},
	"ArrowUp": {"ArrowUp", 38, ""}, "ArrowLeft": {"ArrowLeft", 37, ""}, "ArrowRight": {"ArrowRight", 39, ""},
	"Home": {"Home", 36, ""},
}

// press presses and releases a key of the keys table.
func (b *tab) press(t *testing.T, key string) {
	t.Helper()
	k, ok := keys[key]
	if !ok {
		t.Fatalf("press: no key %q", key)
	}
	ev := map[string]any{"type": "keyDown", "key": key, "code": k.code, "windowsVirtualKeyCode": k.vk, "nativeVirtualKeyCode": k.vk}
	if k.text != "" {
		ev["text"] = k.text
	}
	b.call(t, "Input.dispatchKeyEvent", ev)
	ev["type"] = "keyUp"
	delete(ev, "text")
	b.call(t, "Input.dispatchKeyEvent", ev)
}

// typeText types s into the focused element, a key at a time.
func (b *tab) typeText(t *testing.T, s string) {
	t.Helper()
	for _, r := range s {
		c := string(r)
		b.call(t, "Input.dispatchKeyEvent", map[string]any{"type": "keyDown", "key": c, "text": c})
		b.call(t, "Input.dispatchKeyEvent", map[string]any{"type": "keyUp", "key": c})
	}
}

// mouse sends one mouse event at (x, y), in CSS pixels of the window.
func (b *tab) mouse(t *testing.T, typ string, x, y float64) {
	t.Helper()
	ev := map[string]any{"type": typ, "x": x, "y": y}
	if typ != "mouseMoved" {
		ev["button"], ev["clickCount"] = "left", 1
	}
	b.call(t, "Input.dispatchMouseEvent", ev)
}

// click moves the mouse to (x, y) and clicks there.
func (b *tab) click(t *testing.T, x, y float64) {
	t.Helper()
	b.mouse(t, "mouseMoved", x, y)
	b.mouse(t, "mousePressed", x, y)
	b.mouse(t, "mouseReleased", x, y)
}

// eval evaluates a JavaScript expression in the page and returns its value.
func (b *tab) eval(t *testing.T, expr string) any {
	t.Helper()
	v, err := b.try(expr)
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitFor waits until expr is true in the page, across reloads.
func (b *tab) waitFor(t *testing.T, expr string) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		v, err := b.try(expr)
		if v == true {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s is still %v (%v) after %s", expr, v, err, wait)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (b *tab) try(expr string) (any, error) {
	raw, err := b.send("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true})
	if err != nil {
		return nil, err
	}
	var res struct {
		Result struct {
			Value any
		}
		ExceptionDetails *struct{ Text string }
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		return nil, err
	}
	if res.ExceptionDetails != nil {
		return nil, fmt.Errorf("exception: %s", res.ExceptionDetails.Text)
	}
	return res.Result.Value, nil
}

func (b *tab) call(t *testing.T, method string, params any) json.RawMessage {
	t.Helper()
	raw, err := b.send(method, params)
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	return raw
}

// send makes one DevTools call and waits for its answer, skipping events.
func (b *tab) send(method string, params any) (json.RawMessage, error) {
	b.id++
	msg, _ := json.Marshal(map[string]any{"id": b.id, "method": method, "params": params})
	b.conn.SetDeadline(time.Now().Add(wait))
	if err := b.writeFrame(msg); err != nil {
		return nil, err
	}
	for {
		data, err := b.readMessage()
		if err != nil {
			return nil, err
		}
		var reply struct {
			ID     int
			Method string
			Params json.RawMessage
			Result json.RawMessage
			Error  *struct{ Message string }
		}
		if json.Unmarshal(data, &reply) != nil {
			continue
		}
		if reply.Method != "" && b.onEvent != nil {
			b.onEvent(reply.Method, reply.Params)
		}
		if reply.ID != b.id {
			continue
		}
		if reply.Error != nil {
			return nil, fmt.Errorf("%s: %s", method, reply.Error.Message)
		}
		return reply.Result, nil
	}
}

// dialTab opens the page's DevTools WebSocket: just enough of RFC 6455
// for text messages, so that the test needs nothing outside the
// standard library.
func dialTab(t *testing.T, ws string) *tab {
	t.Helper()
	u, err := url.Parse(ws)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	key := make([]byte, 16)
	rand.Read(key)
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
		"Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n", u.RequestURI(), u.Host, base64.StdEncoding.EncodeToString(key))
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("DevTools WebSocket: %s", resp.Status)
	}
	return &tab{conn: conn, r: r}
}

// writeFrame sends one masked text frame, as a client must.
func (b *tab) writeFrame(payload []byte) error {
	hdr := []byte{0x81}
	switch n := len(payload); {
	case n < 126:
		hdr = append(hdr, 0x80|byte(n))
	case n < 1<<16:
		hdr = append(hdr, 0x80|126, byte(n>>8), byte(n))
	default:
		hdr = binary.BigEndian.AppendUint64(append(hdr, 0x80|127), uint64(n))
	}
	mask := make([]byte, 4)
	rand.Read(mask)
	hdr = append(hdr, mask...)
	masked := make([]byte, len(payload))
	for i, c := range payload {
		masked[i] = c ^ mask[i%4]
	}
	_, err := b.conn.Write(append(hdr, masked...))
	return err
}

// readMessage reads frames until a whole text message is in.
func (b *tab) readMessage() ([]byte, error) {
	var msg []byte
	for {
		var h [2]byte
		if _, err := io.ReadFull(b.r, h[:]); err != nil {
			return nil, err
		}
		n := uint64(h[1] & 0x7f)
		switch n {
		case 126:
			var ext [2]byte
			if _, err := io.ReadFull(b.r, ext[:]); err != nil {
				return nil, err
			}
			n = uint64(binary.BigEndian.Uint16(ext[:]))
		case 127:
			var ext [8]byte
			if _, err := io.ReadFull(b.r, ext[:]); err != nil {
				return nil, err
			}
			n = binary.BigEndian.Uint64(ext[:])
		}
		if h[1]&0x80 != 0 { // servers do not mask, but skip a mask if one comes
			if _, err := io.ReadFull(b.r, make([]byte, 4)); err != nil {
				return nil, err
			}
		}
		data := make([]byte, n)
		if _, err := io.ReadFull(b.r, data); err != nil {
			return nil, err
		}
		switch op := h[0] & 0x0f; op {
		case 0x8:
			return nil, io.EOF
		case 0x9, 0xa: // ping, pong: not used by DevTools
			continue
		}
		msg = append(msg, data...)
		if h[0]&0x80 != 0 {
			return msg, nil
		}
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
