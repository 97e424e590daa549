package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// countedServer is an httptest server that counts the connections it accepts.
type countedServer struct {
	*httptest.Server
	conns atomic.Int64
}

func newCountedServer(t *testing.T, h http.Handler) *countedServer {
	t.Helper()
	s := &countedServer{Server: httptest.NewUnstartedServer(h)}
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

func TestGetBasic(t *testing.T) {
	s := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("User-Agent"); got != "test-agent/1" {
			t.Errorf("User-Agent = %q", got)
		}
		if got := r.Header.Get("Accept"); got != "application/rss+xml" {
			t.Errorf("Accept = %q", got)
		}
		if got := r.Header.Get("X-Source"); got != "harbour" {
			t.Errorf("X-Source = %q", got)
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		io.WriteString(w, "<rss/>")
	}))
	c := New(Options{UserAgent: "test-agent/1"})
	resp, err := c.Get(context.Background(), Request{
		URL: s.URL + "/feed", AllowPrivate: true, Accept: "application/rss+xml",
		Header: http.Header{"X-Source": {"harbour"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 200 || string(resp.Body) != "<rss/>" || resp.URL != s.URL+"/feed" ||
		resp.ContentType != "application/rss+xml; charset=utf-8" || resp.ETag != `"v1"` ||
		resp.LastModified != "Mon, 02 Jan 2006 15:04:05 GMT" || resp.NotModified {
		t.Errorf("got %+v", resp)
	}
}

func TestLoopbackRefusedWithoutConnecting(t *testing.T) {
	s := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "secret")
	}))
	port := s.Listener.Addr().(*net.TCPAddr).Port
	c := New(Options{Resolver: stubResolver{
		"evil.example": {netip.MustParseAddr("127.0.0.1")},
	}})
	for _, u := range []string{
		s.URL + "/",
		fmt.Sprintf("http://2130706433:%d/", port),
		fmt.Sprintf("http://0x7f.1:%d/", port),
		fmt.Sprintf("http://127.1:%d/", port),
		fmt.Sprintf("http://[::ffff:127.0.0.1]:%d/", port),
		fmt.Sprintf("http://localhost:%d/", port),
		fmt.Sprintf("http://evil.example:%d/", port),
	} {
		_, err := c.Get(context.Background(), Request{URL: u})
		var be *BlockedError
		if !errors.As(err, &be) || !strings.HasPrefix(err.Error(), "fetch ") || !strings.Contains(err.Error(), "refused: ") {
			t.Errorf("Get(%s) = %v, want a refusal", u, err)
		}
	}
	if n := s.conns.Load(); n != 0 {
		t.Errorf("server saw %d connections, want 0", n)
	}
	_, err := c.Get(context.Background(), Request{URL: "http://evil.example/"})
	if err == nil || !strings.Contains(err.Error(), "evil.example resolves to 127.0.0.1, a loopback address") {
		t.Errorf("message = %v", err)
	}
	_, err = c.Get(context.Background(), Request{URL: "http://10.0.0.1/feed"})
	if err == nil || err.Error() != "fetch http://10.0.0.1/feed: refused: 10.0.0.1 is a private address" {
		t.Errorf("message = %v", err)
	}
}

func TestRedirects(t *testing.T) {
	other := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Token") != "" {
			t.Errorf("per-source header leaked to another host")
		}
		io.WriteString(w, "elsewhere")
	}))
	s := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rel":
			http.Redirect(w, r, "final", http.StatusMovedPermanently)
		case "/final":
			io.WriteString(w, "done")
		case "/gopher":
			http.Redirect(w, r, "gopher://127.0.0.1:70/_x", http.StatusFound)
		case "/file":
			w.Header().Set("Location", "file:///etc/passwd")
			w.WriteHeader(http.StatusTemporaryRedirect)
		case "/a":
			http.Redirect(w, r, "/b", http.StatusFound)
		case "/b":
			http.Redirect(w, r, "/a", http.StatusFound)
		case "/other":
			http.Redirect(w, r, other.URL+"/x", http.StatusSeeOther)
		default:
			var n int
			fmt.Sscanf(r.URL.Path, "/chain/%d", &n)
			http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusFound)
		}
	}))
	c := New(Options{MaxRedirects: 5})
	ctx := context.Background()
	tests := []struct {
		path    string
		wantErr string
		wantURL string
	}{
		{"/rel", "", s.URL + "/final"},
		{"/other", "", other.URL + "/x"},
		{"/gopher", `scheme "gopher" is not http or https`, ""},
		{"/file", `scheme "file" is not http or https`, ""},
		{"/a", "too many redirects (loop", ""},
		{"/chain/0", "too many redirects (more than 5)", ""},
	}
	for _, tt := range tests {
		resp, err := c.Get(ctx, Request{URL: s.URL + tt.path, AllowPrivate: true, Header: http.Header{"X-Token": {"t"}}})
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: err = %v, want %q", tt.path, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.path, err)
			continue
		}
		if resp.URL != tt.wantURL {
			t.Errorf("%s: final URL %s, want %s", tt.path, resp.URL, tt.wantURL)
		}
	}
	_, err := c.Get(ctx, Request{URL: s.URL + "/a", AllowPrivate: true})
	if !errors.Is(err, ErrTooManyRedirects) {
		t.Errorf("loop error %v is not ErrTooManyRedirects", err)
	}
}

func TestRedirectToPrivateRefused(t *testing.T) {
	// A "public" name is served by a proxy on loopback; it redirects to a
	// loopback address, which the client must refuse on the next hop.
	target := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "internal")
	}))
	proxy := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Host {
		case "news.example":
			http.Redirect(w, r, target.URL+"/", http.StatusFound)
		case "ok.example":
			io.WriteString(w, "via proxy")
		default:
			t.Errorf("proxy asked for %s", r.URL)
		}
	}))
	pu, _ := url.Parse(proxy.URL)
	c := New(Options{
		Proxy: http.ProxyURL(pu),
		Resolver: stubResolver{
			"news.example":  {netip.MustParseAddr("93.184.216.34")},
			"ok.example":    {netip.MustParseAddr("93.184.216.35")},
			"intra.example": {netip.MustParseAddr("10.9.8.7")},
		},
	})
	ctx := context.Background()
	resp, err := c.Get(ctx, Request{URL: "http://ok.example/"})
	if err != nil || string(resp.Body) != "via proxy" {
		t.Fatalf("through proxy: %v %v", resp, err)
	}
	_, err = c.Get(ctx, Request{URL: "http://news.example/"})
	var be *BlockedError
	if !errors.As(err, &be) || !strings.Contains(err.Error(), "redirect to") {
		t.Errorf("redirect to loopback: %v", err)
	}
	before := proxy.conns.Load()
	_, err = c.Get(ctx, Request{URL: "http://intra.example/"})
	if !errors.As(err, &be) || !strings.Contains(err.Error(), "10.9.8.7") {
		t.Errorf("private target through proxy: %v", err)
	}
	if target.conns.Load() != 0 {
		t.Errorf("the internal server was reached")
	}
	if proxy.conns.Load() != before {
		t.Errorf("a refused target was handed to the proxy")
	}
}

func gzipBytes(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	z, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := z.Write(b); err != nil {
		t.Fatal(err)
	}
	z.Close()
	return buf.Bytes()
}

func TestDecompression(t *testing.T) {
	page := []byte(strings.Repeat("<p>The harbour reopened today.</p>\n", 200))
	var zl, raw, br bytes.Buffer
	zw := zlib.NewWriter(&zl)
	zw.Write(page)
	zw.Close()
	fw, _ := flate.NewWriter(&raw, flate.DefaultCompression)
	fw.Write(page)
	fw.Close()
	bw := brotli.NewWriter(&br)
	bw.Write(page)
	bw.Close()
	bodies := map[string][]byte{"gzip": gzipBytes(t, page), "deflate": zl.Bytes(), "raw": raw.Bytes(), "br": br.Bytes()}
	s := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ae := r.Header.Get("Accept-Encoding"); !strings.Contains(ae, "br") || !strings.Contains(ae, "gzip") {
			t.Errorf("Accept-Encoding = %q", ae)
		}
		enc := strings.TrimPrefix(r.URL.Path, "/")
		name := enc
		if enc == "raw" {
			name = "deflate"
		}
		w.Header().Set("Content-Encoding", name)
		w.Write(bodies[enc])
	}))
	c := New(Options{})
	for enc := range bodies {
		resp, err := c.Get(context.Background(), Request{URL: s.URL + "/" + enc, AllowPrivate: true})
		if err != nil {
			t.Errorf("%s: %v", enc, err)
			continue
		}
		if !bytes.Equal(resp.Body, page) {
			t.Errorf("%s: body of %d bytes, want %d", enc, len(resp.Body), len(page))
		}
	}
}

func TestBodyCaps(t *testing.T) {
	bomb := gzipBytes(t, make([]byte, 16<<20)) // 16 MiB of zeros, ~16 KiB on the wire
	var streamed atomic.Int64
	s := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb)
		case "/big-declared":
			w.Header().Set("Content-Length", fmt.Sprint(50<<20))
			w.Write(make([]byte, 64<<10))
		case "/big-streamed":
			chunk := make([]byte, 32<<10)
			for i := 0; i < (50<<20)/len(chunk); i++ {
				if _, err := w.Write(chunk); err != nil {
					return
				}
				streamed.Add(int64(len(chunk)))
			}
		case "/exact":
			w.Write(make([]byte, 1<<20))
		}
	}))
	c := New(Options{MaxBytes: 1 << 20})
	ctx := context.Background()
	for _, tt := range []struct{ path, want string }{
		{"/bomb", "decompressed body larger than 1 MiB"},
		{"/big-declared", "body larger than 1 MiB"},
		{"/big-streamed", "body larger than 1 MiB"},
	} {
		_, err := c.Get(ctx, Request{URL: s.URL + tt.path, AllowPrivate: true})
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.path, err, tt.want)
		}
	}
	if n := streamed.Load(); n >= 40<<20 {
		t.Errorf("server managed to send %d bytes of the 50 MiB page", n)
	}
	resp, err := c.Get(ctx, Request{URL: s.URL + "/exact", AllowPrivate: true})
	if err != nil || len(resp.Body) != 1<<20 {
		t.Errorf("a body of exactly MaxBytes must pass: %v", err)
	}
}

func TestTimeouts(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	s := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/slow-body":
			w.Write([]byte("<html>"))
			w.(http.Flusher).Flush()
		case "/slow-headers":
		}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	ctx := context.Background()
	c := New(Options{Timeout: 300 * time.Millisecond})
	start := time.Now()
	_, err := c.Get(ctx, Request{URL: s.URL + "/slow-body", AllowPrivate: true})
	if !errors.Is(err, ErrTimeout) || !strings.HasSuffix(err.Error(), "timed out after 300ms") {
		t.Errorf("slow body: %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("slow body took %s", d)
	}
	c = New(Options{Timeout: 5 * time.Second, HeaderTimeout: 200 * time.Millisecond})
	_, err = c.Get(ctx, Request{URL: s.URL + "/slow-headers", AllowPrivate: true})
	if !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "no response headers within 200ms") {
		t.Errorf("slow headers: %v", err)
	}
	// The caller's own cancellation is reported as such, not as a timeout.
	cctx, cancel := context.WithCancel(ctx)
	go func() { time.Sleep(100 * time.Millisecond); cancel() }()
	_, err = c.Get(cctx, Request{URL: s.URL + "/slow-body", AllowPrivate: true})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestConditionalAndStatus(t *testing.T) {
	s := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			if r.Header.Get("If-None-Match") == `"v7"` || r.Header.Get("If-Modified-Since") == "Tue, 03 Jan 2006 00:00:00 GMT" {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v7"`)
			io.WriteString(w, "fresh")
		case "/busy":
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/limited":
			w.Header().Set("Retry-After", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
			w.WriteHeader(http.StatusTooManyRequests)
		default:
			http.NotFound(w, r)
		}
	}))
	c := New(Options{})
	ctx := context.Background()
	resp, err := c.Get(ctx, Request{URL: s.URL + "/feed", AllowPrivate: true})
	if err != nil || resp.NotModified || string(resp.Body) != "fresh" {
		t.Fatalf("first fetch: %+v %v", resp, err)
	}
	resp, err = c.Get(ctx, Request{URL: s.URL + "/feed", AllowPrivate: true, ETag: resp.ETag})
	if err != nil || !resp.NotModified || resp.Status != 304 || len(resp.Body) != 0 || resp.ETag != `"v7"` {
		t.Fatalf("conditional fetch: %+v %v", resp, err)
	}
	resp, err = c.Get(ctx, Request{URL: s.URL + "/feed", AllowPrivate: true, LastModified: "Tue, 03 Jan 2006 00:00:00 GMT"})
	if err != nil || !resp.NotModified || resp.LastModified != "Tue, 03 Jan 2006 00:00:00 GMT" {
		t.Fatalf("If-Modified-Since: %+v %v", resp, err)
	}
	for _, tt := range []struct {
		path     string
		code     int
		min, max time.Duration
	}{
		{"/busy", 503, 120 * time.Second, 120 * time.Second},
		{"/limited", 429, 59 * time.Minute, 61 * time.Minute},
		{"/missing", 404, 0, 0},
	} {
		_, err := c.Get(ctx, Request{URL: s.URL + tt.path, AllowPrivate: true})
		var se *StatusError
		if !errors.As(err, &se) || se.Code != tt.code || se.RetryAfter < tt.min || se.RetryAfter > tt.max || se.URL != s.URL+tt.path {
			t.Errorf("%s: %#v", tt.path, err)
		}
	}
	_, err = c.Get(ctx, Request{URL: s.URL + "/busy", AllowPrivate: true})
	if want := "fetch " + s.URL + "/busy: HTTP 503 Service Unavailable (retry after 2m0s)"; err == nil || err.Error() != want {
		t.Errorf("message %v, want %s", err, want)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"30", 30 * time.Second},
		{" 5 ", 5 * time.Second},
		{"-3", 0},
		{"soon", 0},
		{"Wed, 01 May 2024 12:10:00 GMT", 10 * time.Minute},
		{"Wed, 01 May 2024 11:00:00 GMT", 0},
		{"99999999999", 365 * 24 * time.Hour},
	} {
		if got := parseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestPerHostLimits(t *testing.T) {
	var inFlight, most atomic.Int64
	var mu sync.Mutex
	var starts []time.Time
	s := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
		if r.URL.Path == "/slow" {
			time.Sleep(50 * time.Millisecond)
		}
		io.WriteString(w, "ok")
	}))
	ctx := context.Background()
	c := New(Options{PerHost: 2})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := c.Get(ctx, Request{URL: s.URL + "/slow", AllowPrivate: true}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if m := most.Load(); m != 2 {
		t.Errorf("at most %d requests in flight, want 2", m)
	}

	starts = nil
	c = New(Options{MinInterval: 80 * time.Millisecond})
	for range 3 {
		wg.Go(func() {
			if _, err := c.Get(ctx, Request{URL: s.URL + "/fast", AllowPrivate: true}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if len(starts) != 3 {
		t.Fatalf("%d requests", len(starts))
	}
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < 70*time.Millisecond {
			t.Errorf("requests %d and %d started %s apart", i-1, i, gap)
		}
	}
}

// TestSchedule checks that a shared schedule, such as the store's, spaces
// requests even across two clients, as it would across processes.
func TestSchedule(t *testing.T) {
	var mu sync.Mutex
	var starts []time.Time
	s := newCountedServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
		io.WriteString(w, "ok")
	}))
	// A schedule shared by both clients: each booking starts 60ms after
	// the one before.
	var smu sync.Mutex
	var next time.Time
	var hosts []string
	schedule := func(ctx context.Context, host string, _ time.Duration) (time.Time, error) {
		smu.Lock()
		defer smu.Unlock()
		hosts = append(hosts, host)
		at := time.Now()
		if next.After(at) {
			at = next
		}
		next = at.Add(60 * time.Millisecond)
		return at, nil
	}
	a := New(Options{Schedule: schedule, PerHost: 4})
	b := New(Options{Schedule: schedule, PerHost: 4})
	var wg sync.WaitGroup
	for i := range 4 {
		c := a
		if i%2 == 1 {
			c = b
		}
		wg.Go(func() {
			if _, err := c.Get(context.Background(), Request{URL: s.URL + "/x", AllowPrivate: true}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if len(starts) != 4 || len(hosts) != 4 || hosts[0] != "127.0.0.1" {
		t.Fatalf("%d requests, schedule asked for %q", len(starts), hosts)
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i].Before(starts[j]) })
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < 50*time.Millisecond {
			t.Errorf("requests %d and %d started %s apart, want the schedule's 60ms", i-1, i, gap)
		}
	}
	// A schedule that fails fails the request, without sending it.
	failing := New(Options{Schedule: func(context.Context, string, time.Duration) (time.Time, error) {
		return time.Time{}, errors.New("store down")
	}})
	if _, err := failing.Get(context.Background(), Request{URL: s.URL + "/x", AllowPrivate: true}); err == nil || !strings.Contains(err.Error(), "store down") {
		t.Errorf("Get with a failing schedule: %v", err)
	}
	if len(starts) != 4 {
		t.Errorf("a request was sent although its turn could not be booked")
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 512: "512 B", 1 << 10: "1 KiB", 10 << 20: "10 MiB", 3 << 29: "1.5 GiB"} {
		if got := FormatBytes(n); got != want {
			t.Errorf("FormatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func BenchmarkGet(b *testing.B) {
	page := bytes.Repeat([]byte("<p>news</p>"), 4000)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(page) }))
	defer s.Close()
	c := New(Options{PerHost: 4})
	ctx := context.Background()
	for b.Loop() {
		if _, err := c.Get(ctx, Request{URL: s.URL, AllowPrivate: true}); err != nil {
			b.Fatal(err)
		}
	}
}
