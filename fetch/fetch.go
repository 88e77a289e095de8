// Package fetch downloads API documents from the TOP doc site's JSON
// endpoints (the catalogue and getDocument.json) into a directory of raw
// replies, DIR/<method>.json, which the scraper then reads.
//
// The site wants a session first: a GET of /docCenter sets the
// _tb_token_ cookie, which every JSON request then repeats as a query
// parameter, with a Referer. A reply that is not JSON (a login or
// challenge page) or that says success=false is an error naming the URL.
// Requests are limited in number (Config.Concurrency) and in rate
// (Config.Rate), and retried with backoff on transport errors, 5xx and 429.
//
// Unchanged documents are not rewritten; see Index for the rule.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/opentop/topgen/internal/methodname"
	"github.com/opentop/topgen/internal/quote"
	"github.com/opentop/topgen/internal/writefile"
)

// DefaultBase is the doc site.
const DefaultBase = "https://open.taobao.com"

// Config says where to fetch from and how politely. Zero fields take the
// defaults noted on them.
type Config struct {
	Base        string  // doc site root; DefaultBase
	Dir         string  // output directory; "pages"
	Concurrency int     // requests in flight at most; 4
	Rate        float64 // requests per second at most; 5; negative: unlimited
	Attempts    int     // tries per request, the first included; 4
	Force       bool    // rewrite documents even when not newer than the index says

	// Client sends the requests; a client with a cookie jar is made
	// when nil. A given client without a jar gets one.
	Client *http.Client
	// Backoff is the wait before retry number n (1, 2, ...);
	// exponential with jitter when nil.
	Backoff func(n int) time.Duration
	// Sleep waits d or until ctx ends; a timer when nil. Tests replace
	// it (and Backoff) so that retries and the rate limit take no time.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock of the rate limiter; time.Now when nil.
	Now func() time.Time

	// Progress receives a one-line progress bar; nil for none. The CLI
	// passes stderr only when it is a terminal.
	Progress io.Writer
	// Log receives a line per written file ("wrote DIR/x.json"); nil for none.
	Log io.Writer
	// Warn receives the catalogue items that cannot be fetched; nil for none.
	Warn io.Writer

	// Check, when set, reads a document before it is written: a document
	// it rejects is a failure and nothing of it is written. The CLI sets
	// it to the scraper's JSON reader, so that only docs the next step
	// can read reach the pages directory.
	Check func(method string, raw []byte) error
}

func (c *Config) defaults() {
	if c.Base == "" {
		c.Base = DefaultBase
	}
	c.Base = strings.TrimRight(c.Base, "/")
	if c.Dir == "" {
		c.Dir = "pages"
	}
	if c.Concurrency <= 0 {
		c.Concurrency = 4
	}
	if c.Rate == 0 {
		c.Rate = 5
	}
	if c.Attempts <= 0 {
		c.Attempts = 4
	}
	if c.Backoff == nil {
		c.Backoff = expBackoff(500*time.Millisecond, 10*time.Second)
	}
	if c.Sleep == nil {
		c.Sleep = sleepCtx
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Client == nil {
		c.Client = &http.Client{Timeout: 60 * time.Second}
	}
	if c.Client.Jar == nil {
		jar, _ := cookiejar.New(nil) // never fails without options
		cl := *c.Client
		cl.Jar = jar
		c.Client = &cl
	}
}

// Summary counts what a run did.
type Summary struct {
	Fetched   int // documents downloaded
	Written   int // files written
	Unchanged int // documents not rewritten: not newer, or same bytes
	Failed    int
}

func (s Summary) String() string {
	return fmt.Sprintf("fetched %d, wrote %d, unchanged %d, failed %d", s.Fetched, s.Written, s.Unchanged, s.Failed)
}

// Fetcher holds the session (cookies, token) of one run.
type Fetcher struct {
	cfg   Config
	sem   chan struct{}
	limit *limiter
	token string
}

// New returns a Fetcher for cfg with defaults filled in.
func New(cfg Config) *Fetcher {
	cfg.defaults()
	return &Fetcher{
		cfg:   cfg,
		sem:   make(chan struct{}, cfg.Concurrency),
		limit: newLimiter(cfg.Rate, cfg.Now, cfg.Sleep),
	}
}

// Run fetches the documents named by targets (a method name such as
// taobao.tbk.coupon.convert, resolved through the catalogue, or a numeric
// docId) or, with all, every document of the catalogue. It writes
// DIR/<method>.json and DIR/.fetch-index.json. A document that fails does
// not stop the others; the returned error joins every failure.
func (f *Fetcher) Run(ctx context.Context, targets []string, all bool) (Summary, error) {
	var sum Summary
	if len(targets) == 0 && !all {
		return sum, errors.New("fetch: nothing to fetch: name methods or docIds, or use -all")
	}
	idx, err := LoadIndex(f.cfg.Dir) // before any request: a bad index fails fast
	if err != nil {
		return sum, err
	}
	docs, err := f.plan(ctx, targets, all)
	if err != nil {
		return sum, err
	}
	bar := newProgress(f.cfg.Progress, len(docs))
	var (
		mu   sync.Mutex
		errs []error
		// written paths, logged sorted after the run: workers finish in
		// any order, the output must not depend on it
		wrote []string
		jobs  = make(chan Entry)
		wg    sync.WaitGroup
	)
	for range min(f.cfg.Concurrency, len(docs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for e := range jobs {
				res, err := f.one(ctx, idx, e)
				mu.Lock()
				switch {
				case err != nil:
					sum.Failed++
					errs = append(errs, err)
				case res.wrote:
					sum.Fetched++
					sum.Written++
					wrote = append(wrote, res.path)
				default:
					sum.Fetched++
					sum.Unchanged++
				}
				bar.step(e.label())
				mu.Unlock()
			}
		}()
	}
	for _, e := range docs {
		select {
		case jobs <- e:
			continue
		case <-ctx.Done():
		}
		break
	}
	close(jobs)
	wg.Wait()
	bar.finish()
	if f.cfg.Log != nil {
		sort.Strings(wrote)
		for _, p := range wrote {
			fmt.Fprintf(f.cfg.Log, "wrote %s\n", p)
		}
	}
	if err := idx.Save(); err != nil {
		errs = append(errs, err)
	}
	if ctx.Err() != nil {
		errs = append(errs, ctx.Err())
	}
	sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	return sum, errors.Join(errs...)
}

// plan resolves the targets into catalogue entries, sorted by docId for a
// stable order. The catalogue is read only when a method or -all needs it.
func (f *Fetcher) plan(ctx context.Context, targets []string, all bool) ([]Entry, error) {
	needCatalogue := all
	var bad []error
	for _, t := range targets {
		if err := CheckTarget(t); err != nil {
			bad = append(bad, err) // before any request
		} else if !isDocID(t) {
			needCatalogue = true
		}
	}
	if len(bad) > 0 {
		return nil, errors.Join(bad...)
	}
	if err := f.bootstrap(ctx); err != nil {
		return nil, err
	}
	var cat *Catalogue
	if needCatalogue {
		var err error
		if cat, err = f.Catalogue(ctx); err != nil {
			return nil, err
		}
		if f.cfg.Warn != nil {
			for _, w := range cat.Skipped {
				fmt.Fprintf(f.cfg.Warn, "warning: %s\n", w)
			}
		}
	}
	var out []Entry
	seen := map[string]bool{}
	add := func(e Entry) {
		if !seen[e.DocID] {
			seen[e.DocID] = true
			out = append(out, e)
		}
	}
	if all {
		for _, e := range cat.Entries {
			add(e)
		}
	}
	var errs []error
	for _, t := range targets {
		if isDocID(t) {
			add(Entry{DocID: t})
			continue
		}
		e, err := cat.Lookup(t)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		add(e)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.SliceStable(out, func(i, j int) bool { return lessDocID(out[i].DocID, out[j].DocID) })
	return out, nil
}

type result struct {
	path  string
	wrote bool
}

// one fetches and stores one document.
func (f *Fetcher) one(ctx context.Context, idx *Index, e Entry) (result, error) {
	raw, doc, err := f.Document(ctx, e.DocID)
	if err != nil {
		return result{}, err
	}
	method := doc.Name
	if method == "" {
		method = e.Method
	}
	if !validMethod(method) {
		return result{}, fmt.Errorf("fetch: docId %s: document name %s is not a TOP method name (%s)", e.DocID, quote.Value(method), methodname.Want)
	}
	if e.Method != "" && e.Method != method {
		return result{}, fmt.Errorf("fetch: docId %s: the catalogue names %s but the document is %s", e.DocID, e.Method, method)
	}
	path := filepath.Join(f.cfg.Dir, method+".json")
	if !f.cfg.Force && idx.Current(e.DocID, method, doc.GmtModified, path) {
		if _, ok := idx.Lookup(e.DocID); !ok {
			idx.Record(e.DocID, method, doc.GmtModified) // judged by the file: fill the index in
		}
		return result{path: path}, nil
	}
	if f.cfg.Check != nil {
		if err := f.cfg.Check(method, raw); err != nil {
			return result{}, fmt.Errorf("fetch: docId %s (%s): the document cannot be read, not written: %w", e.DocID, method, err)
		}
	}
	wrote, err := writefile.IfChanged(path, raw)
	if err != nil {
		return result{}, fmt.Errorf("fetch: docId %s: %w", e.DocID, err)
	}
	idx.Record(e.DocID, method, doc.GmtModified)
	return result{path: path, wrote: wrote}, nil
}

// CheckTarget reports a target that is neither a numeric docId nor a TOP
// method name: "-rf" is a mistake (a flag in the wrong place), not a
// method to look up in the catalogue.
func CheckTarget(t string) error {
	if isDocID(t) || methodname.Valid(t) {
		return nil
	}
	return fmt.Errorf("fetch: %s is neither a docId nor a TOP method name (%s)", quote.Value(t), methodname.Want)
}

func isDocID(s string) bool {
	if s == "" || len(s) > 18 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// lessDocID orders numeric ids by value (shorter is smaller, no leading
// zeros matter after trimming).
func lessDocID(a, b string) bool {
	a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// validMethod keeps doc text from choosing a path: a method becomes a
// file name, so it must be a TOP method name (no leading dash or dot, no
// separators) of a length any file system takes.
func validMethod(m string) bool {
	return len(m) <= 200 && methodname.Valid(m)
}
