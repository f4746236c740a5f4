package serve

import (
	"net/http"
	"sync"
	"time"
)

// pingEvery is how often an idle stream gets a comment, so that a dead
// connection is noticed and released.
const pingEvery = 30 * time.Second

// hub holds the open live-reload streams. It is not package state: each
// Server has its own.
type hub struct {
	mu      sync.Mutex
	clients map[chan []byte]struct{}
	closed  bool
	done    chan struct{}
}

func newHub() *hub {
	return &hub{clients: map[chan []byte]struct{}{}, done: make(chan struct{})}
}

// send queues msg for every stream. A stream too slow to keep up is
// dropped; its page reconnects, and reloads if it missed a build.
func (h *hub) send(msg []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.clients {
		select {
		case ch <- msg:
		default:
			delete(h.clients, ch)
			close(ch)
		}
	}
}

// close ends every stream and refuses new ones.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// count is the number of open streams.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

func (h *hub) subscribe() chan []byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil
	}
	ch := make(chan []byte, 16)
	h.clients[ch] = struct{}{}
	return ch
}

func (h *hub) unsubscribe(ch chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, ch)
}

// serve streams events to one page until the page goes away or the hub
// closes. current gives the published state, for the hello event.
func (h *hub) serve(w http.ResponseWriter, r *http.Request, current func() *state) {
	ch := h.subscribe()
	if ch == nil {
		http.Error(w, "503 the preview is stopping", http.StatusServiceUnavailable)
		return
	}
	defer h.unsubscribe(ch)
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	if r.Method == http.MethodHead {
		return
	}
	rc := http.NewResponseController(w)
	write := func(b []byte) bool {
		rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	// Subscribed first, then hello: a build published in between reaches
	// the page either way.
	if !write(append([]byte("retry: 1000\n"), helloEvent(current())...)) {
		return
	}
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case msg, ok := <-ch:
			if !ok || !write(msg) {
				return
			}
		case <-ping.C:
			if !write([]byte(": ping\n\n")) {
				return
			}
		}
	}
}
