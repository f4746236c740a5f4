package search

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ctohandbook/sitegen/internal/content"
	"github.com/ctohandbook/sitegen/internal/graph"
	"github.com/ctohandbook/sitegen/internal/markdown"
)

// generated is a glossary of n terms written in a made-up language with
// a natural spread of word frequencies: 2-word titles, half with an
// acronym aka, a summary of about 20 words and a body of about 450 words
// under three headings (the handbook's 40,000 words over 90 pages).
func generated(t testing.TB, n int) *graph.Graph {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	syll := []string{"ka", "lo", "mi", "ter", "sec", "dat", "ops", "ran", "vel", "is", "or", "pla", "qu", "net", "ar", "chi", "gov", "ri", "sk", "ment"}
	vocab := make([]string, 20000)
	for i := range vocab {
		var b strings.Builder
		for k := 0; k < 2+i%3; k++ {
			b.WriteString(syll[rng.IntN(len(syll))])
		}
		vocab[i] = fmt.Sprintf("%s%c", b.String(), 'a'+rune(i%26))
	}
	zipf := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.1, 2, uint64(len(vocab)-1))
	words := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = vocab[zipf.Uint64()]
		}
		return strings.Join(w, " ")
	}
	srcs := make([]string, n)
	for i := range srcs {
		title := fmt.Sprintf("%s %s %d", strings.ToUpper(vocab[rng.IntN(5000)][:1])+vocab[rng.IntN(5000)][1:], vocab[rng.IntN(20000)], i)
		aka := ""
		if i%2 == 0 {
			aka = fmt.Sprintf("aka: [%s%d]\n", strings.ToUpper(vocab[i%20000][:3]), i)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %s\n%ssummary: %s.\n---\n", title, aka, words(20))
		for h := 0; h < 3; h++ {
			fmt.Fprintf(&b, "## %s\n\n%s.\n\n%s.\n\n", words(4), words(70), words(80))
		}
		srcs[i] = b.String()
	}
	md := markdown.New(markdown.Options{})
	pages := make([]*content.Page, n)
	var wg sync.WaitGroup
	step := (n + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0)
	for start := 0; start < n; start += step {
		wg.Add(1)
		go func(start int) {
			defer wg.Done()
			for i := start; i < min(start+step, n); i++ {
				p, probs := content.Parse(fmt.Sprintf("content/glossary/term-%05d.md", i), []byte(srcs[i]), md, content.Options{})
				if len(probs) > 0 {
					panic(fmt.Sprint(probs))
				}
				pages[i] = p
			}
		}(start)
	}
	wg.Wait()
	return graph.Build(pages, graph.Options{})
}

// TestLargeIndex checks that 10,000 terms load in parts: a first query
// needs index.json, one summary chunk and a shard or a few per word.
func TestLargeIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 10,000 terms")
	}
	g := generated(t, 10000)
	start := time.Now()
	files := Index(g)
	t.Logf("10,000 terms indexed in %s on %d cores", time.Since(start).Round(time.Millisecond), runtime.GOMAXPROCS(0))
	idx := decodeIndex(t, files)
	var shards []int
	total, totalGz, maxShard := 0, 0, 0
	for _, p := range sortedKeys(files) {
		b := files[p]
		total += len(b)
		gz := gzipSize(b)
		totalGz += gz
		if strings.HasPrefix(p, "search/p-") {
			shards = append(shards, gz)
			maxShard = max(maxShard, gz)
		}
	}
	sort.Ints(shards)
	indexGz := gzipSize(files["search/index.json"])
	sumGz := gzipSize(files["search/"+idx.Summaries.Files[0]])
	t.Logf("10,000 terms: %d files, %d B (%d B gzipped) in all; index.json %d B (%d B gzipped); %d summary chunks (the first %d B gzipped); %d shards, gzipped %d B median, %d B largest",
		len(files), total, totalGz, len(files["search/index.json"]), indexGz, len(idx.Summaries.Files), sumGz,
		len(shards), shards[len(shards)/2], maxShard)
	if indexGz > 400<<10 {
		t.Errorf("index.json is %d B gzipped for 10,000 terms; want under 400 KB", indexGz)
	}
	if maxShard > 32<<10 {
		t.Errorf("the largest shard is %d B gzipped; want under 32 KB", maxShard)
	}

	// How long the script takes, under node, from focus to the first
	// result of a word whose shards are not loaded yet.
	ans := runJSOptional(t, files, jsCases{Queries: []string{"kalo", "secdat"}})
	if ans != nil {
		t.Logf("search.js on 10,000 terms: index.json read and indexed in %.0f ms; first query (shards read from disk) in %.0f ms", ans.MS["ready"], ans.MS["first"])
	}
}

// runJSOptional is runJS that does not skip the test without node.
func runJSOptional(t *testing.T, files map[string][]byte, cases jsCases) *jsAnswers {
	var ans *jsAnswers
	t.Run("node", func(t *testing.T) {
		a := runJS(t, files, cases)
		ans = &a
	})
	return ans
}

// BenchmarkIndex builds the index of 10,000 generated terms.
func BenchmarkIndex(b *testing.B) {
	g := generated(b, 10000)
	b.ResetTimer()
	var files map[string][]byte
	for i := 0; i < b.N; i++ {
		files = Index(g)
	}
	b.StopTimer()
	total := 0
	for _, f := range files {
		total += len(f)
	}
	b.ReportMetric(float64(total), "bytes")
	b.ReportMetric(float64(len(files)), "files")
}
