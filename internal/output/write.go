package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Marker is the file sitegen leaves in every folder it writes, so that it
// recognizes its own output and never replaces a folder it did not write.
const Marker = ".sitegen"

// Write puts files into dir atomically: everything is written to a new
// folder beside dir, which then takes dir's place. If anything fails, dir
// is left exactly as it was. Nothing outside dir (and the temporary
// folders beside it) is touched.
func Write(dir string, files Files, force bool) error {
	d, err := Create(dir, force)
	if err != nil {
		return err
	}
	for _, p := range files.Paths() {
		if err := d.Put(p, files[p]); err != nil {
			d.Abort()
			return err
		}
	}
	return d.Commit()
}

// Dir is an output folder being written, file by file, as a build makes
// them: the files go into a temporary folder beside it, and Commit swaps
// it into place at once. Until then, and forever if the build fails or is
// killed, the folder keeps its previous contents. Put may be called from
// several goroutines.
type Dir struct {
	dir, tmp string
	made     sync.Map // folders created under tmp

	// Files are written by a few goroutines of their own: on a slow disk
	// a file's system calls take longer than rendering it, and the
	// renderers should not wait for them.
	queue chan file
	wg    sync.WaitGroup
	err   error
	mu    sync.Mutex
}

type file struct {
	path string
	b    []byte
}

// writers is how many goroutines write files; queued is how many files
// may wait for them (memory: a few pages).
const (
	writers = 4
	queued  = 64
)

// staleAfter is how old a temporary folder beside the output must be
// before a build takes it for a killed build's and removes it; a younger
// one may belong to a build running now.
const staleAfter = 6 * time.Hour

// Create starts writing the output folder dir.
func Create(dir string, force bool) (*Dir, error) {
	dir = filepath.Clean(dir)
	if err := checkTarget(dir, force); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	// A build killed halfway (kill -9, power cut) leaves its temporary
	// folder behind; a later one clears it, unless it may be another
	// build's that is running now.
	stale, _ := filepath.Glob(filepath.Join(parent, "."+filepath.Base(dir)+"-new-*"))
	for _, s := range stale {
		if info, err := os.Stat(s); err == nil && time.Since(info.ModTime()) > staleAfter || !alive(s) {
			os.RemoveAll(s)
		}
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+"-new-"+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, fmt.Errorf("create temporary folder beside %s: %w", dir, err)
	}
	d := &Dir{dir: dir, tmp: tmp, queue: make(chan file, queued)}
	for i := 0; i < writers; i++ {
		d.wg.Go(func() {
			for f := range d.queue {
				if err := d.write(f.path, f.b); err != nil {
					d.mu.Lock()
					if d.err == nil {
						d.err = err
					}
					d.mu.Unlock()
				}
			}
		})
	}
	return d, nil
}

// alive says whether the build that made a temporary folder may still be
// running: its name carries the process ID.
func alive(tmp string) bool {
	name := filepath.Base(tmp)
	i := strings.LastIndex(name, "-new-")
	if i < 0 {
		return false
	}
	pidText, _, _ := strings.Cut(name[i+len("-new-"):], "-")
	pid, err := strconv.Atoi(pidText)
	if err != nil || pid <= 0 {
		return false
	}
	if pid == os.Getpid() {
		return true
	}
	proc, err := os.FindProcess(pid)
	return err == nil && proc.Signal(syscall.Signal(0)) == nil
}

// Put writes one file, p being its slash-separated path in the output.
// It returns once the file is queued; an error writing it is returned by
// this or a later Put, or by Commit. b must not change afterwards.
func (d *Dir) Put(p string, b []byte) error {
	if !Safe(p) {
		return fmt.Errorf("refusing to write %q: the path leaves the output folder", p)
	}
	d.mu.Lock()
	err := d.err
	d.mu.Unlock()
	if err != nil {
		return err
	}
	d.queue <- file{p, b}
	return nil
}

func (d *Dir) write(p string, b []byte) error {
	full := filepath.Join(d.tmp, filepath.FromSlash(p))
	parent := filepath.Dir(full)
	if _, ok := d.made.Load(parent); !ok {
		// Most folders are new leaves (one per page): one mkdir, and
		// MkdirAll only when the parent is missing too.
		if err := os.Mkdir(parent, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(parent, 0o755); err != nil {
				return err
			}
		}
		d.made.Store(parent, true)
	}
	return os.WriteFile(full, b, 0o644)
}

// wait lets the writers finish and returns the first error.
func (d *Dir) wait() error {
	if d.queue != nil {
		close(d.queue)
		d.wg.Wait()
		d.queue = nil
	}
	return d.err
}

// Abort drops what was written; the output folder stays as it was.
func (d *Dir) Abort() {
	d.wait()
	os.RemoveAll(d.tmp)
}

// Commit puts the written folder in place of the output folder.
func (d *Dir) Commit() (err error) {
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(d.tmp)
		}
	}()
	if err := d.wait(); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(d.tmp, Marker), []byte("written by sitegen; this folder is replaced at every build\n"), 0o644); err != nil {
		return err
	}
	if err := os.Chmod(d.tmp, 0o755); err != nil {
		return err
	}
	// Swap: move the old output aside, the new one in, then delete the old.
	old := ""
	if _, err := os.Stat(d.dir); err == nil {
		old = d.tmp + "-old"
		if err := os.Rename(d.dir, old); err != nil {
			return fmt.Errorf("move old output aside: %w", err)
		}
	}
	if err := os.Rename(d.tmp, d.dir); err != nil {
		if old != "" {
			_ = os.Rename(old, d.dir)
		}
		return fmt.Errorf("move new output into place: %w", err)
	}
	ok = true
	if old != "" {
		_ = os.RemoveAll(old)
	}
	return nil
}

// Safe says whether p, a slash-separated relative path, stays inside the
// folder it is written to.
func Safe(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || strings.Contains(p, ":") {
		return false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

// checkTarget refuses to replace a folder sitegen did not write.
func checkTarget(dir string, force bool) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if abs == string(filepath.Separator) {
		return errors.New("refusing to use / as the output folder")
	}
	if home, err := os.UserHomeDir(); err == nil && filepath.Clean(home) == abs {
		return fmt.Errorf("refusing to use your home folder %s as the output folder", abs)
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output folder %s: %w", dir, err)
	}
	if len(entries) == 0 || force {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err == nil {
		return nil
	}
	return fmt.Errorf("output folder %s is not empty and was not written by sitegen; choose another -out, empty it, or pass -force to replace it", dir)
}
