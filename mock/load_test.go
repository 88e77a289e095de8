package mock

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/opentop/topgen/spec"
	"github.com/opentop/topgen/top"
)

// loadCase is one kind of call of the load mix and the answer it must get.
type loadCase struct {
	client  *top.Client
	method  string
	params  *top.Params
	session string
	want    string // exact body; "" when wantErr is set
	wantErr int    // TOP error code expected instead of a body
}

// loadMix is every seed call in every sign method and format, plus calls
// the mock must refuse (missing parameter, wrong secret).
func loadMix(t testing.TB, gw string, hc *http.Client) []loadCase {
	apis := specsByMethod(t)
	var mix []loadCase
	methods := []top.SignMethod{top.SignMD5, top.SignHMAC, top.SignHMACSHA256}
	for i, c := range seedCalls {
		for j, v := range variants {
			lc := loadCase{
				client: newClient(t, gw, testSecret, methods[(i+j)%3], v, hc),
				method: c.method,
				params: toParams(c.params),
				want:   wantBody(t, apis[c.method], v),
			}
			if c.session {
				lc.session = "session-token"
			}
			mix = append(mix, lc)
		}
	}
	mix = append(mix,
		loadCase{client: mix[1].client, method: "alibaba.damai.mz.order.detail",
			params: toParams(map[string]string{"mz_order_id": "1"}), wantErr: 40},
		loadCase{client: newClient(t, gw, "wrong", top.SignHMAC, variants[2], hc), method: "alibaba.damai.mz.order.detail",
			params: toParams(seedCalls[1].params), wantErr: 25},
	)
	return mix
}

// specsByMethod loads the bundled specs, for the expected bodies.
func specsByMethod(t testing.TB) map[string]*spec.API {
	apis, err := LoadDir("../specs")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]*spec.API{}
	for _, a := range apis {
		m[a.Method] = a
	}
	return m
}

func (lc loadCase) run(ctx context.Context) error {
	var opts []top.CallOption
	if lc.session != "" {
		opts = append(opts, top.WithSession(lc.session))
	}
	body, err := lc.client.Execute(ctx, lc.method, lc.params, opts...)
	if lc.wantErr != 0 {
		var te *top.Error
		if !errors.As(err, &te) || te.Code != lc.wantErr {
			return fmt.Errorf("%s: got %v, want TOP error %d", lc.method, err, lc.wantErr)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", lc.method, err)
	}
	if string(body) != lc.want {
		return fmt.Errorf("%s: body differs from the expected one:\n%s", lc.method, body)
	}
	return nil
}

// loopbackClient keeps a connection per client goroutine alive, so the
// load is requests, not TCP handshakes (and no ephemeral port runs out).
func loopbackClient(conns int) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = conns
	tr.MaxIdleConnsPerHost = conns
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

// TestLoad runs 200 concurrent clients against one mock for a few seconds
// (less with -short); every answer must be exactly right. Run it with
// -race: the handler's state is shared by all requests.
func TestLoad(t *testing.T) {
	const clients = 200
	duration := 3 * time.Second
	if testing.Short() {
		duration = 300 * time.Millisecond
	}
	gw, _ := startMock(t, testSecret)
	hc := loopbackClient(clients)
	mix := loadMix(t, gw, hc)
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	var (
		wg         sync.WaitGroup
		calls, bad atomic.Int64
		firstErr   sync.Once
	)
	for g := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; ctx.Err() == nil; i++ {
				err := mix[i%len(mix)].run(context.Background())
				calls.Add(1)
				if err != nil {
					bad.Add(1)
					firstErr.Do(func() { t.Errorf("first wrong answer: %v", err) })
				}
			}
		}()
	}
	wg.Wait()
	if calls.Load() < clients {
		t.Errorf("only %d calls in %v", calls.Load(), duration)
	}
	if bad.Load() > 0 {
		t.Errorf("%d of %d answers wrong", bad.Load(), calls.Load())
	}
	t.Logf("%d calls by %d clients in %v", calls.Load(), clients, duration)
}

// BenchmarkMockLoopback measures the mock's throughput on loopback with
// 200 concurrent clients and the load test's mix; see the req/s metric.
//
//	go test -run '^$' -bench MockLoopback -benchtime 5s ./mock/
func BenchmarkMockLoopback(b *testing.B) {
	gw, _ := startMock(b, testSecret)
	const clients = 200
	hc := loopbackClient(clients)
	mix := loadMix(b, gw, hc)
	var next atomic.Int64
	procs := runtime.GOMAXPROCS(0)
	b.SetParallelism((clients + procs - 1) / procs) // × GOMAXPROCS goroutines: at least 200
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := mix[int(next.Add(1))%len(mix)].run(context.Background()); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
