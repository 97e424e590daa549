package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a logger and a test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// logLines decodes the JSON log lines written so far.
func (s *syncBuffer) logLines(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

func jsonLogger(buf *syncBuffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// noGzipClient talks to the server without transparent decompression, so
// tests see the bytes on the wire.
func noGzipClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: 10 * time.Second}
}

// start runs s until the test ends and returns its base URL.
func start(t *testing.T, s *Server) string {
	t.Helper()
	if err := s.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return "http://" + s.Addr()
}

func get(t *testing.T, c *http.Client, url string, hdr map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func TestGracefulShutdownFinishesInFlightRequest(t *testing.T) {
	started := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "finished")
	})
	s := New(Options{Addr: "127.0.0.1:0", Handler: mux, ShutdownTimeout: 5 * time.Second})
	if s.Addr() != "" {
		t.Fatalf("Addr before Listen = %q, want empty", s.Addr())
	}
	if err := s.Listen(); err != nil {
		t.Fatal(err)
	}
	addr := s.Addr()
	if addr == "" || strings.HasSuffix(addr, ":0") {
		t.Fatalf("Addr after Listen = %q, want a bound port", addr)
	}
	ctx, cancel := context.WithCancel(context.Background())
	runErr := make(chan error, 1)
	go func() { runErr <- s.Run(ctx) }()

	type result struct {
		status int
		body   string
		err    error
	}
	res := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + addr + "/slow")
		if err != nil {
			res <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		res <- result{status: resp.StatusCode, body: string(b), err: err}
	}()
	<-started
	cancel()

	r := <-res
	if r.err != nil || r.status != http.StatusOK || r.body != "finished" {
		t.Fatalf("in-flight request: status %d body %q err %v; want 200 finished", r.status, r.body, r.err)
	}
	select {
	case err := <-runErr:
		if err != nil {
			t.Fatalf("Run returned %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after shutdown")
	}
	if _, err := http.Get("http://" + addr + "/slow"); err == nil {
		t.Fatal("server still accepts connections after shutdown")
	}
}

func TestShutdownTimeoutReportsError(t *testing.T) {
	started := make(chan struct{})
	release := make(chan struct{})
	defer close(release)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /stuck", func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
	})
	s := New(Options{Addr: "127.0.0.1:0", Handler: mux, ShutdownTimeout: 100 * time.Millisecond})
	if err := s.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	runErr := make(chan error, 1)
	go func() { runErr <- s.Run(ctx) }()
	go func() {
		resp, err := http.Get("http://" + s.Addr() + "/stuck")
		if err == nil {
			resp.Body.Close()
		}
	}()
	<-started
	cancel()
	select {
	case err := <-runErr:
		if err == nil || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Run = %v, want a shutdown deadline error", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not give up after the shutdown timeout")
	}
}

func TestRunFailsOnTakenAddress(t *testing.T) {
	first := New(Options{Addr: "127.0.0.1:0"})
	base := start(t, first)
	second := New(Options{Addr: strings.TrimPrefix(base, "http://")})
	if err := second.Run(context.Background()); err == nil {
		t.Fatal("Run on a taken address succeeded")
	}
}

func TestPanicBecomes500AndIsLoggedOnce(t *testing.T) {
	var logs syncBuffer
	mux := http.NewServeMux()
	mux.HandleFunc("GET /boom", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"partial":`) // held back by the compressor, then dropped
		panic("kaboom")
	})
	s := New(Options{Addr: "127.0.0.1:0", Handler: mux, Logger: jsonLogger(&logs)})
	base := start(t, s)

	resp, body := get(t, noGzipClient(), base+"/boom", map[string]string{"Accept-Encoding": "gzip"})
	if resp.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500", resp.StatusCode)
	}
	if !strings.Contains(string(body), "internal server error") || strings.Contains(string(body), "partial") {
		t.Fatalf("body = %q", body)
	}
	if resp.Header.Get("Content-Encoding") != "" {
		t.Fatalf("500 after panic has Content-Encoding %q", resp.Header.Get("Content-Encoding"))
	}
	// The server keeps serving.
	if resp, _ := get(t, noGzipClient(), base+"/healthz", nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz after panic = %d", resp.StatusCode)
	}
	panics, requests := 0, 0
	for _, l := range logs.logLines(t) {
		switch l["msg"] {
		case "panic serving request":
			panics++
			if l["panic"] != "kaboom" || !strings.Contains(l["stack"].(string), "server_test.go") {
				t.Errorf("panic log lacks detail: %v", l)
			}
		case "request":
			if l["path"] == "/boom" {
				requests++
				if l["status"] != float64(500) {
					t.Errorf("request log status = %v, want 500", l["status"])
				}
			}
		}
	}
	if panics != 1 || requests != 1 {
		t.Fatalf("logged %d panics and %d request lines for /boom, want 1 and 1", panics, requests)
	}
}

func TestRequestLogFields(t *testing.T) {
	var logs syncBuffer
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "hello")
	})
	s := New(Options{Handler: mux, Logger: jsonLogger(&logs)})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	get(t, ts.Client(), ts.URL+"/items/7?x=1", nil)

	var found map[string]any
	for _, l := range logs.logLines(t) {
		if l["msg"] == "request" {
			found = l
		}
	}
	if found == nil {
		t.Fatal("no request log line")
	}
	want := map[string]any{"method": "GET", "path": "/items/7", "route": "GET /items/{id}", "status": float64(200), "bytes": float64(5)}
	for k, v := range want {
		if found[k] != v {
			t.Errorf("log %s = %v, want %v", k, found[k], v)
		}
	}
	if _, ok := found["duration_ms"].(float64); !ok {
		t.Errorf("log lacks numeric duration_ms: %v", found)
	}
}

func TestMetricsOnMainListenerForAdminsOnly(t *testing.T) {
	inner := http.NewServeMux()
	inner.HandleFunc("GET /api/v1/things/{id}", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "thing")
	})
	outer := http.NewServeMux()
	outer.Handle("/api/v1/", inner)
	s := New(Options{
		Addr:    "127.0.0.1:0",
		Handler: outer,
		IsAdmin: func(r *http.Request) bool { return r.Header.Get("X-Test-Admin") == "yes" },
	})
	base := start(t, s)
	c := noGzipClient()
	get(t, c, base+"/api/v1/things/1", nil)
	get(t, c, base+"/api/v1/things/2", nil)
	get(t, c, base+"/no/such/page", nil)

	tests := []struct {
		name   string
		hdr    map[string]string
		status int
	}{
		{"anonymous", nil, http.StatusForbidden},
		{"not admin", map[string]string{"X-Test-Admin": "no"}, http.StatusForbidden},
		{"admin", map[string]string{"X-Test-Admin": "yes"}, http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, c, base+"/metrics", tc.hdr)
			if resp.StatusCode != tc.status {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tc.status)
			}
			if tc.status != http.StatusOK {
				if strings.Contains(string(body), "newsdesk_http") {
					t.Fatal("metrics leaked to a non-admin")
				}
				return
			}
			text := string(body)
			for _, want := range []string{
				`newsdesk_http_requests_total{method="GET",route="GET /api/v1/things/{id}",status="200"} 2`,
				`newsdesk_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
				`newsdesk_http_request_duration_seconds_bucket{method="GET",route="GET /api/v1/things/{id}"`,
				"go_goroutines",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("metrics lack %q", want)
				}
			}
		})
	}
}

func TestMetricsOnSeparateListener(t *testing.T) {
	s := New(Options{
		Addr:        "127.0.0.1:0",
		MetricsAddr: "127.0.0.1:0",
		IsAdmin:     func(*http.Request) bool { return true },
	})
	base := start(t, s)
	c := noGzipClient()
	if resp, _ := get(t, c, base+"/metrics", nil); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("main listener /metrics = %d, want 404 when a metrics address is set", resp.StatusCode)
	}
	maddr := s.MetricsAddr()
	if maddr == "" || maddr == s.Addr() {
		t.Fatalf("MetricsAddr = %q (main %q)", maddr, s.Addr())
	}
	resp, body := get(t, c, "http://"+maddr+"/metrics", nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "newsdesk_http_requests_total") {
		t.Fatalf("metrics listener /metrics = %d, body has counters: %v", resp.StatusCode, strings.Contains(string(body), "newsdesk_http_requests_total"))
	}
}

func TestRegistryIsShared(t *testing.T) {
	s := New(Options{})
	if s.Registry() == nil {
		t.Fatal("nil registry")
	}
	mfs, err := s.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	if len(mfs) == 0 {
		t.Fatal("registry has no collectors")
	}
}

func TestHealthz(t *testing.T) {
	tests := []struct {
		name   string
		health func(context.Context) error
		status int
		want   string
	}{
		{"no check", nil, http.StatusOK, "ok"},
		{"passing", func(context.Context) error { return nil }, http.StatusOK, "ok"},
		{"failing", func(context.Context) error { return errors.New("store: ping: database is locked") }, http.StatusServiceUnavailable, "unavailable"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := New(Options{Health: tc.health})
			ts := httptest.NewServer(s.Handler())
			defer ts.Close()
			resp, body := get(t, ts.Client(), ts.URL+"/healthz", nil)
			if resp.StatusCode != tc.status {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tc.status)
			}
			var got map[string]string
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatalf("body %q: %v", body, err)
			}
			if got["status"] != tc.want {
				t.Fatalf("status field = %q, want %q", got["status"], tc.want)
			}
			if strings.Contains(string(body), "locked") {
				t.Fatal("health body leaks the internal error")
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	s := New(Options{})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	for _, path := range []string{"/healthz", "/missing"} {
		resp, _ := get(t, ts.Client(), ts.URL+path, nil)
		want := map[string]string{
			"Content-Security-Policy": "default-src 'self'; img-src 'self' https: http: data:; style-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "strict-origin-when-cross-origin",
		}
		for k, v := range want {
			if got := resp.Header.Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", path, k, got, v)
			}
		}
	}
}

func TestGzip(t *testing.T) {
	big := strings.Repeat(`{"title":"A long headline about the harbour"},`, 100)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("ETag", `"abc"`)
		io.WriteString(w, big)
	})
	mux.HandleFunc("GET /png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		io.WriteString(w, big)
	})
	mux.HandleFunc("GET /small", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", "2")
		io.WriteString(w, "hi")
	})
	mux.HandleFunc("GET /untyped", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "<!doctype html><p>"+big)
	})
	mux.HandleFunc("GET /notmodified", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotModified)
	})
	s := New(Options{Handler: mux})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	c := noGzipClient()

	tests := []struct {
		name     string
		path     string
		accept   string
		gzipped  bool
		wantBody string
	}{
		{"json accepted", "/json", "gzip, deflate, br", true, big},
		{"json with q", "/json", "br;q=1.0, gzip;q=0.8", true, big},
		{"json refused by q=0", "/json", "gzip;q=0", false, big},
		{"json not accepted", "/json", "", false, big},
		{"binary", "/png", "gzip", false, big},
		{"small", "/small", "gzip", false, "hi"},
		{"sniffed html", "/untyped", "gzip", true, "<!doctype html><p>" + big},
		{"not modified", "/notmodified", "gzip", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hdr := map[string]string{}
			if tc.accept != "" {
				hdr["Accept-Encoding"] = tc.accept
			}
			resp, body := get(t, c, ts.URL+tc.path, hdr)
			gotGzip := resp.Header.Get("Content-Encoding") == "gzip"
			if gotGzip != tc.gzipped {
				t.Fatalf("gzipped = %v, want %v", gotGzip, tc.gzipped)
			}
			if gotGzip {
				if len(body) >= len(tc.wantBody) {
					t.Errorf("compressed body %d bytes is not smaller than %d", len(body), len(tc.wantBody))
				}
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
					t.Error("compressed response lacks Vary: Accept-Encoding")
				}
			}
			if string(body) != tc.wantBody {
				t.Fatalf("body = %.60q..., want %.60q...", body, tc.wantBody)
			}
			if tc.path == "/json" {
				want := `"abc"`
				if gotGzip {
					want = `W/"abc"`
				}
				if got := resp.Header.Get("ETag"); got != want {
					t.Errorf("ETag = %q, want %q", got, want)
				}
			}
		})
	}
}

func BenchmarkMiddleware(b *testing.B) {
	mux := http.NewServeMux()
	payload := strings.Repeat("news ", 400)
	mux.HandleFunc("GET /page/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, payload)
	})
	h := New(Options{Handler: mux}).Handler()
	req := httptest.NewRequest(http.MethodGet, "/page/1", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
}
