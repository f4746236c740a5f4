package memo

import (
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Disk is the on-disk tier of a Cache: one file per entry, named by its
// key, under a folder per sitegen version. Entries are written to a
// temporary file and renamed into place, so a reader sees a whole entry
// or none: two builds may share the folder, a killed build leaves at
// worst a stray temporary file, and the folder may be deleted at any
// time. Entries are never stale, because a key names every input and the
// version folder names the program that made them.
//
// Disk is the one place in memo that touches the file system.
type Disk struct {
	root string
	dirs sync.Map // folders known to exist
}

// OpenDisk opens (creating it if needed) the cache for version under dir.
func OpenDisk(dir, version string) (*Disk, error) {
	root := filepath.Join(dir, "v-"+New("version").String(version).Sum().Hex()[:16])
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, err
	}
	return &Disk{root: root}, nil
}

// Root is the folder the entries are in.
func (d *Disk) Root() string { return d.root }

func (d *Disk) path(kind string, key Key) (dir, file string) {
	h := key.Hex()
	dir = filepath.Join(d.root, kind, h[:2])
	return dir, filepath.Join(dir, h[2:])
}

// Get reads an entry. A missing or unreadable entry is a miss.
func (d *Disk) Get(kind string, key Key) ([]byte, bool) {
	_, file := d.path(kind, key)
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, false
	}
	if info, err := os.Stat(file); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
		now := time.Now()
		_ = os.Chtimes(file, now, now) // used: Trim keeps it
	}
	return b, true
}

// Put writes an entry; failing to is not an error (the next build
// recomputes it), so Put reports nothing.
func (d *Disk) Put(kind string, key Key, b []byte) {
	dir, file := d.path(kind, key)
	if _, ok := d.dirs.Load(dir); !ok {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return
		}
		d.dirs.Store(dir, true)
	}
	if _, err := os.Stat(file); err == nil {
		return // same key, same bytes
	}
	f, err := os.CreateTemp(dir, ".tmp-")
	if err != nil {
		return
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if werr != nil || cerr != nil || os.Rename(f.Name(), file) != nil {
		os.Remove(f.Name())
	}
}

// Trim removes entries and stray temporary files not modified for
// maxAge, across every version folder under the cache folder, at most
// once a day. Entries are rewritten when used after a trim, so the cache
// keeps what recent builds use.
func Trim(dir string, maxAge time.Duration) {
	stamp := filepath.Join(dir, "trimmed")
	if info, err := os.Stat(stamp); err == nil && time.Since(info.ModTime()) < 24*time.Hour {
		return
	}
	_ = os.MkdirAll(dir, 0o755)
	_ = os.WriteFile(stamp, nil, 0o644)
	cutoff := time.Now().Add(-maxAge)
	_ = filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || p == stamp {
			return nil
		}
		if info, err := e.Info(); err == nil && info.ModTime().Before(cutoff) {
			os.Remove(p)
		}
		return nil
	})
}
