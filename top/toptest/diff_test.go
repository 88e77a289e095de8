package toptest

import (
	"strings"
	"testing"
	"time"

	"github.com/opentop/topgen/top"
)

type item struct {
	ID    int64
	Price top.Decimal
	Tags  []string
}

type response struct {
	Result *struct {
		Items   []item
		Created time.Time
		Extra   map[string]string
		Any     any
	}
}

func sample() *response {
	r := &response{}
	r.Result = &struct {
		Items   []item
		Created time.Time
		Extra   map[string]string
		Any     any
	}{
		Items:   []item{{ID: 1, Price: "12.50", Tags: []string{"a"}}, {ID: 2, Price: "3"}},
		Created: time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("GMT+8", 8*3600)),
		Extra:   map[string]string{"k": "v"},
		Any:     int64(7),
	}
	return r
}

func TestDiffEqual(t *testing.T) {
	got := sample()
	// The same instant in another zone is the same time (time.Time.Equal).
	got.Result.Created = got.Result.Created.UTC()
	if d := Diff(sample(), got); d != "" {
		t.Errorf("equal values differ:\n%s", d)
	}
	if d := Diff(map[string]string{"a": "1"}, map[string]string{"a": "1"}); d != "" {
		t.Errorf("equal maps differ:\n%s", d)
	}
	if d := Diff(nil, nil); d != "" {
		t.Errorf("nil and nil differ: %s", d)
	}
}

func TestDiffReportsEachDifference(t *testing.T) {
	got := sample()
	got.Result.Items[1].Price = "3.0"
	got.Result.Items[0].Tags = nil
	got.Result.Items = append(got.Result.Items, item{ID: 3})
	got.Result.Created = got.Result.Created.Add(time.Second)
	got.Result.Extra = map[string]string{"k": "w", "new": "x"}
	got.Result.Any = "7"
	d := Diff(sample(), got)
	for _, want := range []string{
		"Result.Items[1].Price:\n\t-\"3\"\n\t+\"3.0\"\n",
		"Result.Items[0].Tags:\n\t-[a]\n\t+nil\n",
		"Result.Items[2]:\n\t-(absent)\n\t+{ID:3 Price: Tags:[]}\n",
		"Result.Created:\n\t-\"2026-01-02 03:04:05 +0800 GMT+8\"\n\t+\"2026-01-02 03:04:06 +0800 GMT+8\"\n",
		"Result.Extra[\"k\"]:\n\t-\"v\"\n\t+\"w\"\n",
		"Result.Extra[\"new\"]:\n\t-(absent)\n\t+\"x\"\n",
		"Result.Any (type int64 vs string):\n\t-7\n\t+\"7\"\n",
	} {
		if !strings.Contains(d, want) {
			t.Errorf("report lacks %q:\n%s", want, d)
		}
	}
	if n := strings.Count(d, ":\n\t-"); n != 7 {
		t.Errorf("%d differences reported, want 7:\n%s", n, d)
	}
	if d := Diff(&response{}, sample()); !strings.HasPrefix(d, "Result:\n\t-nil\n\t+&{") {
		t.Errorf("nil pointer vs value: %q", d)
	}
	if d := Diff([]string{}, []string(nil)); d == "" {
		t.Error("an empty and a nil slice compare equal; reflect.DeepEqual tells them apart")
	}
}

func TestDiffTopError(t *testing.T) {
	want := top.Error{Code: 15, Msg: "Remote service error", SubCode: "isv.x", SubMsg: "y"}
	got := want
	got.SubCode = "isv.z"
	if d := Diff(want, got); d != "SubCode:\n\t-\"isv.x\"\n\t+\"isv.z\"\n" {
		t.Errorf("got %q", d)
	}
}

func TestDiffCapsTheReport(t *testing.T) {
	a, b := make([]int, 500), make([]int, 500)
	for i := range b {
		b[i] = 1
	}
	d := Diff(a, b)
	if n := strings.Count(d, ":\n\t-"); n != maxReported || !strings.HasSuffix(d, "… more differences left out\n") {
		t.Errorf("%d differences reported; want %d and a note", n, maxReported)
	}
}

type node struct {
	Name string
	Next *node
}

func TestDiffCycle(t *testing.T) {
	a := &node{Name: "a"}
	a.Next = a
	b := &node{Name: "a"}
	b.Next = b
	if d := Diff(a, b); d != "" {
		t.Errorf("equal cycles differ: %s", d)
	}
	c := &node{Name: "c"}
	c.Next = c
	if d := Diff(a, c); !strings.HasPrefix(d, "Name:") {
		t.Errorf("got %q", d)
	}
}

// generated is shaped like a generated struct: a blank top.DoNotCompare first.
type generated struct {
	_    top.DoNotCompare
	Name string
	Sub  *generated
}

func TestDiffSkipsBlankFields(t *testing.T) {
	want := generated{Name: "a", Sub: &generated{Name: "b"}}
	if d := Diff(want, generated{Name: "a", Sub: &generated{Name: "b"}}); d != "" {
		t.Errorf("equal values differ:\n%s", d)
	}
	// The blank field must not turn the report into one whole-struct line.
	d := Diff(want, generated{Name: "a", Sub: &generated{Name: "c"}})
	if d != "Sub.Name:\n\t-\"b\"\n\t+\"c\"\n" {
		t.Errorf("report = %q, want the one field that differs", d)
	}
	// Nor does it show in a value reported whole.
	d = Diff([]generated{}, []generated{{Name: "x", Sub: &generated{}}})
	if want := "[0]:\n\t-(absent)\n\t+{Name:x Sub:0x"; !strings.HasPrefix(d, want) {
		t.Errorf("report = %q, want it to start %q", d, want)
	}
	type outer struct {
		_     top.DoNotCompare
		Inner generated
		When  time.Time
	}
	d = Diff([]outer{}, []outer{{Inner: generated{Name: "y"}, When: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}})
	if want := "[0]:\n\t-(absent)\n\t+{Inner:{Name:y Sub:<nil>} When:2026-01-02 00:00:00 +0000 UTC}\n"; d != want {
		t.Errorf("report = %q, want %q", d, want)
	}
}
