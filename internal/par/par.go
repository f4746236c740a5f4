// Package par runs independent pieces of work on all cores: parsing the
// pages, rendering them, counting their words for search.
package par

import (
	"runtime"
	"sync"
)

// Each calls f(0), …, f(n-1) on GOMAXPROCS goroutines and returns when all
// have returned. f must be safe to run concurrently for different i.
func Each(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
