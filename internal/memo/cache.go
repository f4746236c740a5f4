package memo

import (
	"sync"
)

// Cache maps keys to bytes. It is safe for concurrent use. The zero of
// each tier is off: a Cache with neither memory nor disk remembers nothing
// and every Get misses.
type Cache struct {
	mu sync.Mutex
	// mem holds this build's products by kind and key, and prev the
	// previous build's; an entry used again moves to mem, the rest are
	// dropped at Sweep. Memory holds the current site, never the history.
	mem, prev map[string]map[Key][]byte
	keep      bool
	disk      *Disk

	hits, misses int
}

// NewCache makes a cache that keeps products in memory when memory is
// true, and on disk when disk is not nil.
func NewCache(memory bool, disk *Disk) *Cache {
	c := &Cache{keep: memory, disk: disk}
	c.mem = map[string]map[Key][]byte{}
	c.prev = map[string]map[Key][]byte{}
	return c
}

// Get returns the bytes stored for key, from memory or else disk.
func (c *Cache) Get(kind string, key Key) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	if c.keep {
		c.mu.Lock()
		if b, ok := c.mem[kind][key]; ok {
			c.hits++
			c.mu.Unlock()
			return b, true
		}
		if b, ok := c.prev[kind][key]; ok {
			c.putLocked(kind, key, b)
			c.hits++
			c.mu.Unlock()
			return b, true
		}
		c.mu.Unlock()
	}
	if c.disk != nil {
		if b, ok := c.disk.Get(key); ok {
			c.mu.Lock()
			c.hits++
			if c.keep {
				c.putLocked(kind, key, b)
			}
			c.mu.Unlock()
			return b, true
		}
	}
	c.mu.Lock()
	c.misses++
	c.mu.Unlock()
	return nil, false
}

// Put stores b under key. The caller must not change b afterwards.
func (c *Cache) Put(kind string, key Key, b []byte) {
	if c == nil {
		return
	}
	if c.keep {
		c.mu.Lock()
		c.putLocked(kind, key, b)
		c.mu.Unlock()
	}
	if c.disk != nil {
		c.disk.Put(key, b)
	}
}

func (c *Cache) putLocked(kind string, key Key, b []byte) {
	m := c.mem[kind]
	if m == nil {
		m = map[Key][]byte{}
		c.mem[kind] = m
	}
	m[key] = b
}

// Sweep ends a build: what it did not use is forgotten, so memory holds
// one site's products however long watch mode runs.
func (c *Cache) Sweep() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.prev, c.mem = c.mem, map[string]map[Key][]byte{}
	c.hits, c.misses = 0, 0
	c.mu.Unlock()
}

// Close ends the cache's last build: the disk tier saves what it wrote.
func (c *Cache) Close() error {
	if c == nil || c.disk == nil {
		return nil
	}
	return c.disk.Close()
}

// Counts are the hits and misses since the last Sweep.
func (c *Cache) Counts() (hits, misses int) {
	if c == nil {
		return 0, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses
}
