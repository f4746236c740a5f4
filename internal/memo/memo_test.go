package memo

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestKeysNameEveryInput(t *testing.T) {
	a := New("body").String("ab", "c").Sum()
	b := New("body").String("a", "bc").Sum()
	c := New("page").String("ab", "c").Sum()
	if a == b || a == c || b == c {
		t.Errorf("different inputs gave the same key: %x %x %x", a, b, c)
	}
	if a != New("body").String("ab", "c").Sum() {
		t.Error("the same inputs gave two keys")
	}
	var h1, h2 = New("json"), New("json")
	_ = h1.JSON(map[string]int{"b": 2, "a": 1})
	_ = h2.JSON(map[string]int{"a": 1, "b": 2})
	if h1.Sum() != h2.Sum() {
		t.Error("equal maps hash differently")
	}
}

func TestMemoryKeepsOneBuild(t *testing.T) {
	c := NewCache(true, nil)
	k1, k2 := Of("x", []byte("1")), Of("x", []byte("2"))
	c.Put("file", k1, []byte("one"))
	c.Put("file", k2, []byte("two"))
	c.Sweep() // build 1 made both
	if b, ok := c.Get("file", k1); !ok || string(b) != "one" {
		t.Fatalf("build 2 lost what build 1 made: %q %v", b, ok)
	}
	c.Sweep() // build 2 used only k1
	if _, ok := c.Get("file", k2); ok {
		t.Error("an entry unused by the last build is still in memory")
	}
	if _, ok := c.Get("file", k1); !ok {
		t.Error("an entry the last build used was dropped")
	}
}

// TestDiskAcrossBuilds: what one build puts, the next gets; a build that
// uses only part of the cache leaves the rest to be compacted away.
func TestDiskAcrossBuilds(t *testing.T) {
	dir := t.TempDir()
	keys := make([]Key, 50)
	build := func(use int, want bool) {
		d, err := OpenDisk(dir, "v1")
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < use; i++ {
			keys[i] = Of("t", []byte(fmt.Sprint(i)))
			got, ok := d.Get(keys[i])
			if want && (!ok || !bytes.Equal(got, bytes.Repeat([]byte{byte(i)}, 1000+i))) {
				t.Fatalf("entry %d: got %d bytes, ok=%v", i, len(got), ok)
			}
			if !ok {
				d.Put(keys[i], bytes.Repeat([]byte{byte(i)}, 1000+i))
			}
		}
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
	}
	build(50, false)
	build(50, true)
	for i := 0; i < maxPacks+1; i++ {
		build(10, true)
	}
	packs, _ := filepath.Glob(filepath.Join(dir, "v-*", "*.pack"))
	if len(packs) > maxPacks {
		t.Errorf("%d packs after many builds, want at most %d", len(packs), maxPacks)
	}
	d, _ := OpenDisk(dir, "v2")
	if _, ok := d.Get(keys[0]); ok {
		t.Error("another program version read this one's cache")
	}
	d.Close()
}

// TestDiskSurvivesDamage: a killed build's temporary pack, a truncated
// pack and a deleted folder cost work, never wrong bytes or an error.
func TestDiskSurvivesDamage(t *testing.T) {
	dir := t.TempDir()
	k := Of("t", []byte("k"))
	d, _ := OpenDisk(dir, "v")
	d.Put(k, []byte("value"))
	d.Close()
	// A killed build: its pack never got an index or a name.
	killed, _ := OpenDisk(dir, "v")
	killed.Put(Of("t", []byte("other")), []byte("half"))
	// (no Close)
	packs, _ := filepath.Glob(filepath.Join(dir, "v-*", "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("packs = %v", packs)
	}
	d, _ = OpenDisk(dir, "v")
	if b, ok := d.Get(k); !ok || string(b) != "value" {
		t.Fatalf("after a killed build: %q %v", b, ok)
	}
	if _, ok := d.Get(Of("t", []byte("other"))); ok {
		t.Error("a killed build's entry was read")
	}
	d.Close()
	info, _ := os.Stat(packs[0])
	if err := os.Truncate(packs[0], info.Size()-3); err != nil {
		t.Fatal(err)
	}
	d, _ = OpenDisk(dir, "v")
	if _, ok := d.Get(k); ok {
		t.Error("an entry of a truncated pack was read")
	}
	d.Close()
	os.RemoveAll(dir)
	d, err := OpenDisk(dir, "v")
	if err != nil {
		t.Fatalf("a deleted cache folder: %v", err)
	}
	d.Put(k, []byte("again"))
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestDiskConcurrentBuilds: two builds sharing the folder at once each
// read whole entries and leave a readable cache.
func TestDiskConcurrentBuilds(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	for b := 0; b < 4; b++ {
		wg.Go(func() {
			d, err := OpenDisk(dir, "v")
			if err != nil {
				t.Error(err)
				return
			}
			for i := 0; i < 200; i++ {
				k := Of("t", []byte(fmt.Sprint(i)))
				want := bytes.Repeat([]byte(fmt.Sprint(i)), 100)
				if got, ok := d.Get(k); ok && !bytes.Equal(got, want) {
					t.Errorf("entry %d read wrong", i)
				} else if !ok {
					d.Put(k, want)
				}
			}
			if err := d.Close(); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	d, _ := OpenDisk(dir, "v")
	defer d.Close()
	for i := 0; i < 200; i++ {
		if got, ok := d.Get(Of("t", []byte(fmt.Sprint(i)))); !ok || !bytes.Equal(got, bytes.Repeat([]byte(fmt.Sprint(i)), 100)) {
			t.Fatalf("after concurrent builds, entry %d: ok=%v", i, ok)
		}
	}
}

func TestValueHash(t *testing.T) {
	type inner struct {
		A    string
		B    []int
		M    map[string]any
		skip string
		Body string `json:"-"`
	}
	key := func(v any) Key { h := New("v"); h.Value(v); return h.Sum() }
	base := inner{A: "x", B: []int{1, 2}, M: map[string]any{"b": 1, "a": []any{"y"}}}
	same := inner{A: "x", B: []int{1, 2}, M: map[string]any{"a": []any{"y"}, "b": 1}, skip: "other", Body: "other"}
	if key(base) != key(same) {
		t.Error("the same data (maps in another order, unexported and json:\"-\" fields aside) hashed differently")
	}
	for _, other := range []inner{
		{A: "y", B: []int{1, 2}, M: base.M},
		{A: "x", B: []int{1, 2, 3}, M: base.M},
		{A: "x", B: nil, M: base.M},
		{A: "x", B: []int{}, M: base.M},
		{A: "x", B: []int{1, 2}, M: map[string]any{"b": 1}},
	} {
		if key(other) == key(base) {
			t.Errorf("%+v hashed like %+v", other, base)
		}
	}
}
