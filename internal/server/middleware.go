package server

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// ContentSecurityPolicy is the policy sent with every response.
const ContentSecurityPolicy = "default-src 'self'; img-src 'self' https: http: data:; style-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'"

// unmatchedRoute labels requests no route pattern matched, so metrics keep
// a bounded set of labels whatever paths clients ask for.
const unmatchedRoute = "unmatched"

// wrap applies the middleware chain to h, outermost first: request log
// and metrics, panic recovery, security headers, compression.
func (s *Server) wrap(h http.Handler) http.Handler {
	h = capturePattern(h)
	h = gzipMiddleware(h)
	h = securityHeaders(h)
	h = s.recoverer(h)
	h = s.observe(h)
	return h
}

// reqInfo carries what inner layers learn about a request to the outer
// layers that log and count it.
type reqInfo struct {
	pattern string
}

type reqInfoKey struct{}

// capturePattern records the route pattern the mux chose. ServeMux sets
// Pattern on the request it is given, and nested muxes that share the
// request overwrite it with their more specific pattern.
func capturePattern(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if info, ok := r.Context().Value(reqInfoKey{}).(*reqInfo); ok {
				info.pattern = r.Pattern
			}
		}()
		h.ServeHTTP(w, r)
	})
}

// httpMetrics are the request counters and timings.
type httpMetrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newHTTPMetrics(reg *prometheus.Registry) *httpMetrics {
	m := &httpMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsdesk_http_requests_total",
			Help: "HTTP requests served, by method, route pattern and status.",
		}, []string{"method", "route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "newsdesk_http_request_duration_seconds",
			Help:    "Time to serve HTTP requests, by method and route pattern.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"method", "route"}),
	}
	reg.MustRegister(m.requests, m.duration)
	return m
}

// methodLabel bounds the method label to the standard methods.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut,
		http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return m
	}
	return "OTHER"
}

// observe logs and counts every request.
func (s *Server) observe(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &reqInfo{}
		r = r.WithContext(context.WithValue(r.Context(), reqInfoKey{}, info))
		rec := &recorder{ResponseWriter: w}
		defer func() {
			// A handler that aborts with http.ErrAbortHandler still gets
			// logged and counted before the panic goes on up.
			p := recover()
			status := rec.status
			if status == 0 {
				status = http.StatusOK
				if p != nil {
					status = http.StatusInternalServerError
				}
			}
			elapsed := time.Since(start)
			route := info.pattern
			if route == "" {
				route = unmatchedRoute
			}
			method := methodLabel(r.Method)
			s.metrics.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
			s.metrics.duration.WithLabelValues(method, route).Observe(elapsed.Seconds())
			s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.String("route", route),
				slog.Int("status", status),
				slog.Int64("bytes", rec.bytes),
				slog.Float64("duration_ms", float64(elapsed.Microseconds())/1000),
			)
			if p != nil {
				panic(p)
			}
		}()
		h.ServeHTTP(rec, r)
	})
}

// recoverer turns a panic into a 500 response and one log line.
func (s *Server) recoverer(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if err, ok := p.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				panic(p)
			}
			s.log.LogAttrs(r.Context(), slog.LevelError, "panic serving request",
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.String("panic", fmt.Sprint(p)),
				slog.String("stack", string(debug.Stack())),
			)
			if rec, ok := w.(*recorder); ok && rec.status != 0 {
				// The response has begun; the best we can do is cut it short.
				panic(http.ErrAbortHandler)
			}
			hd := w.Header()
			hd.Del("Content-Encoding")
			hd.Del("Content-Length")
			hd.Del("ETag")
			hd.Set("Content-Type", "text/plain; charset=utf-8")
			hd.Set("X-Content-Type-Options", "nosniff")
			w.WriteHeader(http.StatusInternalServerError)
			// The client may have gone; nothing more to do then.
			_, _ = w.Write([]byte("internal server error\n"))
		}()
		h.ServeHTTP(w, r)
	})
}

// securityHeaders sets the headers every response carries. Handlers may
// override them.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", ContentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		hd.Set("X-Frame-Options", "DENY")
		h.ServeHTTP(w, r)
	})
}

// recorder remembers the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 && code >= 200 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(p)
	r.bytes += int64(n)
	return n, err
}

// Flush passes flushes through, so streaming handlers keep working.
func (r *recorder) Flush() {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	http.NewResponseController(r.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// gzipMinSize is the smallest declared body worth compressing.
const gzipMinSize = 512

// compressible reports whether a content type is text worth compressing.
func compressible(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	if strings.HasPrefix(mt, "text/") {
		return true
	}
	switch mt {
	case "application/json", "application/xml", "application/rss+xml",
		"application/atom+xml", "application/javascript", "application/manifest+json",
		"application/feed+json", "application/problem+json", "image/svg+xml":
		return true
	}
	return strings.HasSuffix(mt, "+json") || strings.HasSuffix(mt, "+xml")
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		params = strings.ReplaceAll(params, " ", "")
		if q, ok := strings.CutPrefix(params, "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
				return false
			}
		}
		return true
	}
	return false
}

// gzipMiddleware compresses text responses for clients that accept gzip.
func gzipMiddleware(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead || !acceptsGzip(r) {
			h.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				// Drop what was buffered so the recovery layer can still
				// send a clean error.
				gw.buf = nil
				panic(p)
			}
			gw.close()
		}()
		h.ServeHTTP(gw, r)
	})
}

// gzipWriter holds back the status and the first bytes of a response until
// it knows whether compressing is worth it: the type is text and the body
// reaches gzipMinSize bytes (or the handler flushes).
type gzipWriter struct {
	http.ResponseWriter
	code    int    // status the handler asked for, 0 until it writes
	buf     []byte // body held back until decided
	decided bool
	zw      *gzip.Writer
}

func (g *gzipWriter) WriteHeader(code int) {
	if g.decided || code < 200 {
		g.ResponseWriter.WriteHeader(code)
		return
	}
	if g.code != 0 {
		return // a superfluous call; net/http would ignore it too
	}
	g.code = code
	hd := g.Header()
	if code == http.StatusNoContent || code == http.StatusNotModified ||
		hd.Get("Content-Encoding") != "" || !compressible(hd.Get("Content-Type")) || !bigEnough(hd) {
		g.send(false)
	}
}

func (g *gzipWriter) Write(p []byte) (int, error) {
	if g.code == 0 {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(p))
		}
		g.WriteHeader(http.StatusOK)
	}
	if !g.decided {
		g.buf = append(g.buf, p...)
		if len(g.buf) >= gzipMinSize {
			if err := g.sendBuffered(true); err != nil {
				return 0, err
			}
		}
		return len(p), nil
	}
	if g.zw != nil {
		return g.zw.Write(p)
	}
	return g.ResponseWriter.Write(p)
}

// send writes the held-back header, compressed or not.
func (g *gzipWriter) send(compress bool) {
	g.decided = true
	hd := g.Header()
	if compressible(hd.Get("Content-Type")) {
		hd.Add("Vary", "Accept-Encoding")
	}
	if compress {
		hd.Set("Content-Encoding", "gzip")
		hd.Del("Content-Length")
		if et := hd.Get("ETag"); et != "" && !strings.HasPrefix(et, "W/") {
			// The bytes differ from the uncompressed ones, so the tag is
			// only weakly equal now.
			hd.Set("ETag", "W/"+et)
		}
		g.zw = gzip.NewWriter(g.ResponseWriter)
	}
	g.ResponseWriter.WriteHeader(g.code)
}

// sendBuffered sends the header and then the held-back body.
func (g *gzipWriter) sendBuffered(compress bool) error {
	g.send(compress)
	buf := g.buf
	g.buf = nil
	if len(buf) == 0 {
		return nil
	}
	var err error
	if g.zw != nil {
		_, err = g.zw.Write(buf)
	} else {
		_, err = g.ResponseWriter.Write(buf)
	}
	return err
}

// bigEnough reports whether a declared length is worth compressing; an
// undeclared one may be.
func bigEnough(hd http.Header) bool {
	cl := hd.Get("Content-Length")
	if cl == "" {
		return true
	}
	n, err := strconv.Atoi(cl)
	return err != nil || n >= gzipMinSize
}

// Flush sends what is held back, compressed, then flushes the connection.
func (g *gzipWriter) Flush() {
	if g.code != 0 && !g.decided {
		// A write error resurfaces on the next write.
		_ = g.sendBuffered(true)
	}
	if g.zw != nil {
		_ = g.zw.Flush()
	}
	http.NewResponseController(g.ResponseWriter).Flush()
}

// Hijack is refused once a compressed response has begun and passed
// through otherwise.
func (g *gzipWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if g.zw != nil {
		return nil, nil, errors.New("server: cannot hijack a compressed response")
	}
	return http.NewResponseController(g.ResponseWriter).Hijack()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }

// close finishes the response: a short body goes out uncompressed.
func (g *gzipWriter) close() {
	if g.code != 0 && !g.decided {
		if len(g.buf) > 0 && g.Header().Get("Content-Length") == "" {
			g.Header().Set("Content-Length", strconv.Itoa(len(g.buf)))
		}
		// The client may have gone; there is nobody to report to.
		_ = g.sendBuffered(false)
	}
	if g.zw != nil {
		_ = g.zw.Close()
	}
}
