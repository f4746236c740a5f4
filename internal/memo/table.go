package memo

import "sync"

// Table remembers values of one kind by key for the builds of one site,
// keeping what the last build used: a value read or written during a
// build survives Sweep, the others are dropped. It is safe for concurrent
// use, and a nil *Table remembers nothing.
type Table[V any] struct {
	mu        sync.Mutex
	cur, prev map[Key]V
}

// NewTable makes an empty table.
func NewTable[V any]() *Table[V] {
	return &Table[V]{cur: map[Key]V{}, prev: map[Key]V{}}
}

// Get returns the value stored for k.
func (t *Table[V]) Get(k Key) (V, bool) {
	var zero V
	if t == nil {
		return zero, false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if v, ok := t.cur[k]; ok {
		return v, true
	}
	v, ok := t.prev[k]
	if ok {
		t.cur[k] = v
	}
	return v, ok
}

// Put stores v under k.
func (t *Table[V]) Put(k Key, v V) {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.cur[k] = v
	t.mu.Unlock()
}

// Sweep ends a build: what it did not use is forgotten.
func (t *Table[V]) Sweep() {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.prev, t.cur = t.cur, map[Key]V{}
	t.mu.Unlock()
}
