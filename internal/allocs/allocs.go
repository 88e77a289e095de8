// Package allocs measures the heap bytes a function allocates, for tests
// that check work grows linearly with input size: unlike time, bytes
// allocated do not depend on how loaded the machine is.
package allocs

import "runtime"

// Bytes returns the heap bytes f allocates (the growth of
// runtime.MemStats.TotalAlloc across the call). Other goroutines that
// allocate meanwhile are counted too, so callers measure from tests that
// do not run in parallel.
func Bytes(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
