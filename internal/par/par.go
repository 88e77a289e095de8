// Package par runs independent work items on every CPU. The callers store
// each item's result at its index and report in index order, so output and
// errors never depend on the schedule: a parallel run is byte-identical to
// a sequential one.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Do calls f(i) for every i in [0, n) on up to GOMAXPROCS goroutines and
// returns when every call has returned. With GOMAXPROCS=1 it is a plain
// loop.
func Do(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
