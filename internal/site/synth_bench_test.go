package site_test

import (
	"context"
	"fmt"
	"runtime/pprof"
	"testing"
	"testing/fstest"

	"github.com/ctohandbook/sitegen/internal/output"
	"github.com/ctohandbook/sitegen/internal/site"
	"github.com/ctohandbook/sitegen/internal/synth"
)

// The benchmarks of issue 10's targets, on sites from package synth
// (about 4 KB of Markdown a term, code blocks in a quarter of the
// sections), built from memory: site.New and Build, no writing to disk.
//
//	go test -run '^$' -bench 'Synth|OneEdit' -benchtime 3x ./internal/site

func synthFS(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, b := range synth.Site(synth.Options{Terms: n}) {
		fsys[name] = &fstest.MapFile{Data: b}
	}
	return fsys
}

// build is one cold build of fsys: a new Site, then Build.
func build(b *testing.B, fsys fstest.MapFS, opts site.Options) *site.Site {
	s, probs := site.New(fsys, opts)
	if len(probs) > 0 {
		b.Fatalf("site.New: %v", probs)
	}
	if res := s.Build(); len(res.Problems) > 0 {
		b.Fatalf("Build: %d problems, the first %v", len(res.Problems), res.Problems[0])
	}
	return s
}

func benchmarkBuildSynth(b *testing.B, n int) {
	fsys := synthFS(n)
	size := 0
	for _, f := range fsys {
		size += len(f.Data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		build(b, fsys, site.Options{})
	}
}

// editable builds an n-term site with opts and returns it, and edit,
// which adds a sentence to one term's body (a different one for each i)
// and returns the term's file.
func editable(b *testing.B, n int, opts site.Options) (*site.Site, func(i int) string) {
	fsys := synthFS(n)
	s := build(b, fsys, opts)
	name := synth.TermFile(n / 2)
	orig := fsys[name].Data
	return s, func(i int) string {
		fsys[name] = &fstest.MapFile{Data: fmt.Appendf(append([]byte(nil), orig...), "\nEdited for the benchmark, %d.\n", i)}
		return name
	}
}

// BenchmarkBuildSynth1k is a cold build of a 1,000-term site.
func BenchmarkBuildSynth1k(b *testing.B) { benchmarkBuildSynth(b, 1000) }

// BenchmarkBuildSynth10k is a cold build of a 10,000-term site (43 MB).
func BenchmarkBuildSynth10k(b *testing.B) { benchmarkBuildSynth(b, 10000) }

// BenchmarkRebuildOneEdit changes one term of a built 10,000-term site
// (a sentence added to its body, different at every iteration) and
// rebuilds.
func BenchmarkRebuildOneEdit(b *testing.B) {
	s, edit := editable(b, 10000, site.Options{})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		name := edit(i)
		if res := s.Rebuild([]string{name}); len(res.Problems) > 0 {
			b.Fatalf("Rebuild(%s): %d problems, the first %v", name, len(res.Problems), res.Problems[0])
		}
	}
}

// BenchmarkRebuildOneEditLazy is BenchmarkRebuildOneEdit as watch mode
// runs it: the search index is left for the server's background job.
func BenchmarkRebuildOneEditLazy(b *testing.B) {
	s, edit := editable(b, 10000, site.Options{LazySearch: true})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		name := edit(i)
		var res *site.Result
		pprof.Do(context.Background(), pprof.Labels("phase", "rebuild"), func(context.Context) { res = s.Rebuild([]string{name}) })
		if len(res.Problems) > 0 {
			b.Fatalf("Rebuild(%s): %v", name, res.Problems[0])
		}
	}
}

// BenchmarkRebuildFirst is the part of a preview rebuild that a writer
// waits for: one term of a built 10,000-term site edited, and its pages
// made first (RebuildFirst, lazy search, as watch mode runs it), then the
// rest stopped as a newer save would stop it. ns/op is the time to the
// edited pages.
func BenchmarkRebuildFirst(b *testing.B) {
	s, edit := editable(b, 10000, site.Options{LazySearch: true})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		name := edit(i)
		made := 0
		var res *site.Result
		pprof.Do(context.Background(), pprof.Labels("phase", "first"), func(context.Context) {
			res = s.RebuildFirst([]string{name}, func(f output.Files) { made = len(f) }, func() bool { return true })
		})
		if len(res.Problems) > 0 {
			b.Fatalf("RebuildFirst(%s): %v", name, res.Problems[0])
		}
		if made == 0 || !res.Cancelled {
			b.Fatalf("RebuildFirst(%s) made %d first files, cancelled %v", name, made, res.Cancelled)
		}
	}
}

// BenchmarkSearchJob is the preview's search index after one edit of a
// 10,000-term site: the job a lazy rebuild leaves, run as the server runs
// it beside the rest of the rebuild.
func BenchmarkSearchJob(b *testing.B) {
	s, edit := editable(b, 10000, site.Options{LazySearch: true})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		name := edit(i)
		if res := s.Rebuild([]string{name}); len(res.Problems) > 0 {
			b.Fatalf("Rebuild(%s): %v", name, res.Problems[0])
		}
		job := s.PendingSearch()
		if job == nil {
			b.Fatal("no search job after an edit")
		}
		b.StartTimer()
		var raw, files map[string][]byte
		pprof.Do(context.Background(), pprof.Labels("phase", "search"), func(context.Context) { raw = job.Run(); files = job.Finish(raw) })
		b.StopTimer()
		s.CompleteSearchFinished(job, raw, files)
		b.StartTimer()
	}
}
