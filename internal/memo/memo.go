// Package memo remembers the products of a build by a hash of exactly
// their inputs, so that a rebuild is the same pipeline as a full build
// with the answers it already knows: nothing tracks "what depends on
// what", and an incremental build equals a full one by construction.
//
// A Key names every input of the value it stands for; a Cache maps keys to
// bytes, in memory (watch mode keeps the whole site's products), on disk
// (build reuses a cache folder), or both. A Cache never decides whether an
// entry is still valid: a key that exists is right, always.
package memo

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"hash"
	"sync"
)

// Key is the SHA-256 of a product's inputs.
type Key [32]byte

// Hex is the key in hexadecimal, for file names and ETags.
func (k Key) Hex() string { return hex.EncodeToString(k[:]) }

// IsZero says the key was never set.
func (k Key) IsZero() bool { return k == Key{} }

// Hasher builds a Key from a sequence of inputs. Every input is written
// with its length, so that ("ab", "c") and ("a", "bc") differ. Small
// inputs are gathered in a buffer and hashed a few kilobytes at a time.
type Hasher struct {
	h   hash.Hash
	buf []byte
}

const hashChunk = 8 << 10

// buffers are the Hashers' buffers: a build makes keys by the hundred
// thousand, most of a few hundred bytes.
var buffers = sync.Pool{New: func() any { b := make([]byte, 0, hashChunk); return &b }}

// New starts a key for a kind of product ("body", "page", ...).
func New(kind string) *Hasher {
	h := &Hasher{h: sha256.New(), buf: (*buffers.Get().(*[]byte))[:0]}
	h.String(kind)
	return h
}

func (h *Hasher) flush() {
	if len(h.buf) > 0 {
		_, _ = h.h.Write(h.buf)
		h.buf = h.buf[:0]
	}
}

func (h *Hasher) raw(b []byte) {
	if len(h.buf)+len(b) > hashChunk {
		h.flush()
		if len(b) > hashChunk {
			_, _ = h.h.Write(b)
			return
		}
	}
	h.buf = append(h.buf, b...)
}

// String adds strings.
func (h *Hasher) String(ss ...string) *Hasher {
	for _, s := range ss {
		h.Int(len(s))
		if len(h.buf)+len(s) > hashChunk {
			h.raw([]byte(s))
		} else {
			h.buf = append(h.buf, s...)
		}
	}
	return h
}

// Bytes adds a byte slice.
func (h *Hasher) Bytes(b []byte) *Hasher {
	h.Int(len(b))
	h.raw(b)
	return h
}

// Int adds integers.
func (h *Hasher) Int(ns ...int) *Hasher {
	for _, n := range ns {
		if len(h.buf)+8 > hashChunk {
			h.flush()
		}
		h.buf = binary.LittleEndian.AppendUint64(h.buf, uint64(n))
	}
	return h
}

// Bool adds booleans.
func (h *Hasher) Bool(bs ...bool) *Hasher {
	for _, b := range bs {
		if b {
			h.Int(1)
		} else {
			h.Int(0)
		}
	}
	return h
}

// Key adds other keys.
func (h *Hasher) Key(ks ...Key) *Hasher {
	for _, k := range ks {
		h.raw(k[:])
	}
	return h
}

// JSON adds v as encoding/json writes it: maps sorted by key, so the same
// value always hashes the same. Fields tagged json:"-" are left out; the
// caller adds what stands for them (the key of a rendered body, say).
func (h *Hasher) JSON(v any) error {
	h.String("json")
	h.flush()
	return json.NewEncoder(h.h).Encode(v)
}

// Sum is the key. The Hasher gives its buffer back: adding more after
// Sum still works, and makes another buffer.
func (h *Hasher) Sum() Key {
	h.flush()
	var k Key
	h.h.Sum(k[:0])
	if cap(h.buf) == hashChunk {
		b := h.buf[:0]
		buffers.Put(&b)
	}
	h.buf = nil
	return k
}

// Of is the key of one byte slice of a kind: the shorthand for content
// addressed products (minified bytes by raw bytes).
func Of(kind string, b []byte) Key { return New(kind).Bytes(b).Sum() }
