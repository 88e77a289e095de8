package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/opentop/topgen/internal/slowtest"
	"github.com/opentop/topgen/spec"
)

// detection is one thing the rules found in the catalogue: a paging or a
// field's documented values, with its kind and what was found.
type detection struct {
	kind  string // page, cursor, token, code
	where string // "method" or "method side:path"
	found string // Paging.String() or "value=label; …"
}

func catalogDetections(apis []*spec.API) []detection {
	var out []detection
	for _, a := range apis {
		if p := a.Paging; p != nil {
			out = append(out, detection{kind: string(p.Style), where: a.Method, found: p.String()})
		}
		for _, side := range []struct {
			name   string
			params []*spec.Param
		}{{"request", a.Request}, {"response", a.Response}} {
			spec.Walk(side.params, func(path string, p *spec.Param) {
				if len(p.Values) == 0 {
					return
				}
				kind := "code"
				for _, v := range p.Values {
					if !spec.IsCode(v.Value) {
						kind = "token"
					}
				}
				out = append(out, detection{kind: kind, where: a.Method + " " + side.name + ":" + path, found: spec.FormatValues(p.Values)})
			})
		}
	}
	return out
}

// The paging and value rules over the whole catalogue: every detection
// gives a valid spec, the counts are logged (go test -v), and the
// detections sampled and read by hand (testdata/detections.txt, each
// judged right or fixed in the rule) still come out as judged. The sample
// is reproducible: 20 per kind, drawn with a fixed seed from the
// detections sorted by place; -v prints the current draw.
func TestCatalogDetection(t *testing.T) {
	slowtest.Require(t, "the detection over the whole catalogue")
	apis, _ := loadCatalog(t)
	for _, a := range apis {
		if err := a.Validate(); err != nil {
			t.Errorf("%s: the detection gives an invalid spec: %v", a.Method, err)
		}
	}
	dets := catalogDetections(apis)
	byKind := map[string][]detection{}
	apisWithValues := map[string]bool{}
	for _, d := range dets {
		byKind[d.kind] = append(byKind[d.kind], d)
		if d.kind == "token" || d.kind == "code" {
			apisWithValues[strings.Fields(d.where)[0]] = true
		}
	}
	t.Logf("%d APIs: paging page %d, cursor %d; fields with values: token %d, code %d (in %d APIs)",
		len(apis), len(byKind["page"]), len(byKind["cursor"]), len(byKind["token"]), len(byKind["code"]), len(apisWithValues))
	for _, kind := range []string{"page", "cursor", "token", "code"} {
		list := byKind[kind]
		if len(list) == 0 {
			t.Errorf("no %s detection in the catalogue", kind)
		}
		sort.Slice(list, func(i, j int) bool { return list[i].where < list[j].where })
		r := rand.New(rand.NewPCG(13, uint64(len(kind))))
		idx := r.Perm(len(list))
		for _, i := range idx[:min(20, len(idx))] {
			t.Logf("sample %s\t%s\t%s", kind, list[i].where, list[i].found)
		}
	}

	// The judged samples.
	got := map[string]detection{}
	for _, d := range dets {
		got[d.where] = d
	}
	judged, err := readJudged("testdata/detections.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(judged) == 0 {
		t.Fatal("no judged samples")
	}
	for _, j := range judged {
		d, ok := got[j.where]
		switch {
		case j.found == "-" && ok:
			t.Errorf("%s: judged no %s, the rule finds %s", j.where, j.kind, d.found)
		case j.found != "-" && !ok:
			t.Errorf("%s: judged %s, the rule finds nothing", j.where, j.found)
		case j.found != "-" && d.found != j.found:
			t.Errorf("%s:\n the rule finds %s\n  judged right: %s", j.where, d.found, j.found)
		}
	}
}

// readJudged reads "kind<TAB>where<TAB>what is right" lines ("-": nothing
// should be found); # lines are the notes of the reading.
func readJudged(path string) ([]detection, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []detection
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 {
			return nil, fmt.Errorf("%s:%d: want kind<TAB>where<TAB>found", path, n)
		}
		out = append(out, detection{kind: parts[0], where: parts[1], found: parts[2]})
	}
	return out, sc.Err()
}

// BenchmarkCatalogDetect measures the two rules alone (spec.Detect) over
// every catalogue API; the scraping before it is not timed.
func BenchmarkCatalogDetect(b *testing.B) {
	apis, _ := loadCatalog(b)
	b.ReportMetric(float64(len(apis)), "apis")
	b.ResetTimer()
	for b.Loop() {
		for _, a := range apis {
			spec.Detect(a)
		}
	}
}
