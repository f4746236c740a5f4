package memo

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"time"
)

// Disk is the on-disk tier of a Cache, under a folder per program
// version. Entries live in pack files: each build appends what it made to
// one new pack, written to a temporary name and renamed into place when
// the build ends, and reads entries from the packs of earlier builds. A
// pack ends with its own index, so a reader sees whole packs or none: two
// builds may share the folder, a killed build leaves at worst a stray
// temporary file, and the folder may be deleted at any time. Entries are
// never stale, because a key names every input and the version folder
// names the program that made them.
//
// One pack per build instead of one file per entry: a site of 10,000
// pages makes tens of thousands of entries, and as many small files cost
// more in file-system calls than the work they save.
//
// Disk is the one place in memo that touches the file system.
type Disk struct {
	root string

	mu    sync.Mutex
	index map[Key]loc
	packs []*os.File
	size  []int64 // bytes of entries in each pack
	used  map[Key]bool
	out   *os.File // the pack this build writes, nil until its first Put
	wrote map[Key]loc
	at    int64
}

type loc struct {
	pack     int // index in packs; -1: the pack being written
	off, len int64
}

const (
	packMagic = "sitegen-pack-1\n"
	// entrySize is the index's size per entry: key, offset, length.
	entrySize = 32 + 8 + 8
	// maxPacks is how many packs may pile up before Close compacts them.
	maxPacks = 8
)

// OpenDisk opens (creating it if needed) the cache for version under dir
// and reads the index of every pack in it. Packs it cannot read are
// skipped: a damaged cache costs work, never correctness.
func OpenDisk(dir, version string) (*Disk, error) {
	root := filepath.Join(dir, "v-"+New("version").String(version).Sum().Hex()[:16])
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, err
	}
	now := time.Now()
	_ = os.Chtimes(root, now, now) // in use: Trim keeps it
	d := &Disk{root: root, index: map[Key]loc{}, used: map[Key]bool{}, wrote: map[Key]loc{}}
	names, _ := filepath.Glob(filepath.Join(root, "*.pack"))
	sort.Strings(names)
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		entries, size, err := readIndex(f)
		if err != nil {
			f.Close()
			continue
		}
		n := len(d.packs)
		d.packs = append(d.packs, f)
		d.size = append(d.size, size)
		for k, l := range entries {
			l.pack = n
			d.index[k] = l
		}
	}
	return d, nil
}

// readIndex reads a pack's footer: its entries' places and total size.
func readIndex(f *os.File) (map[Key]loc, int64, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	end := info.Size()
	tail := int64(len(packMagic) + 8)
	if end < tail {
		return nil, 0, errors.New("short pack")
	}
	buf := make([]byte, tail)
	if _, err := f.ReadAt(buf, end-tail); err != nil {
		return nil, 0, err
	}
	if string(buf[8:]) != packMagic {
		return nil, 0, errors.New("not a pack")
	}
	n := int64(binary.LittleEndian.Uint64(buf[:8]))
	if n < 0 || n*entrySize > end-tail {
		return nil, 0, errors.New("bad pack index")
	}
	idx := make([]byte, n*entrySize)
	if _, err := f.ReadAt(idx, end-tail-int64(len(idx))); err != nil {
		return nil, 0, err
	}
	entries := make(map[Key]loc, n)
	var size int64
	for i := int64(0); i < n; i++ {
		e := idx[i*entrySize:]
		var k Key
		copy(k[:], e[:32])
		l := loc{off: int64(binary.LittleEndian.Uint64(e[32:])), len: int64(binary.LittleEndian.Uint64(e[40:]))}
		if l.off < 0 || l.len < 0 || l.off+l.len > end {
			return nil, 0, errors.New("bad pack entry")
		}
		entries[k] = l
		size += l.len
	}
	return entries, size, nil
}

// Root is the folder the packs are in.
func (d *Disk) Root() string { return d.root }

// Get reads an entry. A missing or unreadable entry is a miss.
func (d *Disk) Get(key Key) ([]byte, bool) {
	d.mu.Lock()
	l, ok := d.index[key]
	if !ok {
		l, ok = d.wrote[key]
	}
	var f *os.File
	if ok {
		d.used[key] = true
		if l.pack >= 0 {
			f = d.packs[l.pack]
		} else {
			f = d.out
		}
	}
	d.mu.Unlock()
	if !ok {
		return nil, false
	}
	b := make([]byte, l.len)
	if _, err := f.ReadAt(b, l.off); err != nil {
		return nil, false
	}
	return b, true
}

// Put adds an entry to this build's pack; failing to is not an error
// (the next build makes it again), so Put reports nothing.
func (d *Disk) Put(key Key, b []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.index[key]; ok {
		d.used[key] = true
		return
	}
	if _, ok := d.wrote[key]; ok {
		return
	}
	if d.out == nil {
		f, err := os.CreateTemp(d.root, ".tmp-"+strconv.Itoa(os.Getpid())+"-")
		if err != nil {
			return
		}
		d.out = f
	}
	if _, err := d.out.WriteAt(b, d.at); err != nil {
		return
	}
	d.wrote[key] = loc{pack: -1, off: d.at, len: int64(len(b))}
	d.at += int64(len(b))
}

// Close ends the build: the pack it wrote gets its index and its name,
// and when packs pile up, or hold mostly entries this build did not use,
// the entries this build used are copied into one pack and the others
// removed.
func (d *Disk) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	var total int64
	for _, s := range d.size {
		total += s
	}
	var usedBytes int64
	for k := range d.used {
		if l, ok := d.index[k]; ok {
			usedBytes += l.len
		}
	}
	compact := len(d.packs) >= maxPacks || total > 2*usedBytes+(64<<20)
	var err error
	if compact && len(d.packs) > 0 {
		err = d.compact()
	} else if d.out != nil {
		err = d.finish(d.out, d.wrote)
	}
	for _, f := range d.packs {
		f.Close()
	}
	d.packs, d.out = nil, nil
	return err
}

// compact copies the used entries of the old packs into this build's
// pack, which then replaces them all.
func (d *Disk) compact() error {
	if d.out == nil {
		f, err := os.CreateTemp(d.root, ".tmp-"+strconv.Itoa(os.Getpid())+"-")
		if err != nil {
			return err
		}
		d.out = f
	}
	keys := make([]Key, 0, len(d.used))
	for k := range d.used {
		if _, ok := d.index[k]; ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return string(keys[i][:]) < string(keys[j][:]) })
	for _, k := range keys {
		l := d.index[k]
		b := make([]byte, l.len)
		if _, err := d.packs[l.pack].ReadAt(b, l.off); err != nil {
			continue
		}
		if _, err := d.out.WriteAt(b, d.at); err != nil {
			return err
		}
		d.wrote[k] = loc{pack: -1, off: d.at, len: l.len}
		d.at += l.len
	}
	old := make([]string, 0, len(d.packs))
	for _, f := range d.packs {
		old = append(old, f.Name())
	}
	if err := d.finish(d.out, d.wrote); err != nil {
		return err
	}
	for _, name := range old {
		os.Remove(name) // a build reading it keeps it open until it ends
	}
	return nil
}

// finish writes the index after the entries and renames the pack into
// place.
func (d *Disk) finish(f *os.File, entries map[Key]loc) error {
	keys := make([]Key, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return string(keys[i][:]) < string(keys[j][:]) })
	idx := make([]byte, 0, len(keys)*entrySize+8+len(packMagic))
	for _, k := range keys {
		l := entries[k]
		idx = append(idx, k[:]...)
		idx = binary.LittleEndian.AppendUint64(idx, uint64(l.off))
		idx = binary.LittleEndian.AppendUint64(idx, uint64(l.len))
	}
	idx = binary.LittleEndian.AppendUint64(idx, uint64(len(keys)))
	idx = append(idx, packMagic...)
	_, werr := f.WriteAt(idx, d.at)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		os.Remove(f.Name())
		return errors.Join(werr, cerr)
	}
	name := filepath.Join(d.root, New("pack").String(f.Name()).Int(int(time.Now().UnixNano())).Sum().Hex()[:20]+".pack")
	if err := os.Rename(f.Name(), name); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

// Trim removes, under the cache folder, version folders not used for
// maxAge (a sitegen since upgraded) and temporary files of killed builds
// older than a day; at most once a day.
func Trim(dir string, maxAge time.Duration) {
	stamp := filepath.Join(dir, "trimmed")
	if info, err := os.Stat(stamp); err == nil && time.Since(info.ModTime()) < 24*time.Hour {
		return
	}
	_ = os.MkdirAll(dir, 0o755)
	_ = os.WriteFile(stamp, nil, 0o644)
	versions, _ := filepath.Glob(filepath.Join(dir, "v-*"))
	for _, v := range versions {
		if info, err := os.Stat(v); err == nil && time.Since(info.ModTime()) > maxAge {
			os.RemoveAll(v)
			continue
		}
		tmps, _ := filepath.Glob(filepath.Join(v, ".tmp-*"))
		for _, t := range tmps {
			if info, err := os.Stat(t); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
				os.Remove(t)
			}
		}
	}
}
