package memo

// Cache maps keys to bytes: the products of a build. It is safe for
// concurrent use. Its memory tier (watch mode) keeps one build's products;
// its disk tier (build) keeps them in pack files. A Cache with neither
// remembers nothing, and so does a nil *Cache. Keys name their kind of
// product (New("body"), New("page"), ...), so kinds never collide; the
// kind argument says what is stored, for readers of the code.
type Cache struct {
	mem  *Table[[]byte]
	disk *Disk
}

// NewCache makes a cache that keeps products in memory when memory is
// true, and on disk when disk is not nil.
func NewCache(memory bool, disk *Disk) *Cache {
	c := &Cache{disk: disk}
	if memory {
		c.mem = NewTable[[]byte]()
	}
	return c
}

// Get returns the bytes stored for key, from memory or else disk.
func (c *Cache) Get(kind string, key Key) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	if b, ok := c.mem.Get(key); ok {
		return b, true
	}
	if c.disk != nil {
		if b, ok := c.disk.Get(key); ok {
			c.mem.Put(key, b)
			return b, true
		}
	}
	return nil, false
}

// Put stores b under key. The caller must not change b afterwards.
func (c *Cache) Put(kind string, key Key, b []byte) {
	if c == nil {
		return
	}
	c.mem.Put(key, b)
	if c.disk != nil {
		c.disk.Put(key, b)
	}
}

// Sweep ends a build: what it did not use is forgotten, so memory holds
// one site's products however long watch mode runs.
func (c *Cache) Sweep() {
	if c != nil {
		c.mem.Sweep()
	}
}

// Close ends the cache's last build: the disk tier saves what it wrote.
func (c *Cache) Close() error {
	if c == nil || c.disk == nil {
		return nil
	}
	return c.disk.Close()
}
