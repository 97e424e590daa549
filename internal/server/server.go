// Package server runs newsdesk's HTTP server: the middleware every request
// passes through (panic recovery, request log, metrics, security headers,
// compression), the health check, the Prometheus endpoint and graceful
// shutdown.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// DefaultShutdownTimeout is how long Run waits for in-flight requests when
// Options.ShutdownTimeout is zero.
const DefaultShutdownTimeout = 10 * time.Second

// healthTimeout bounds one health check.
const healthTimeout = 5 * time.Second

// Options configure a Server.
type Options struct {
	// Addr is the main listen address, "host:port"; port 0 picks a free one.
	Addr string
	// Handler serves everything but /healthz and /metrics. Nil serves 404.
	Handler http.Handler
	// Logger receives request and error logs. Nil discards them.
	Logger *slog.Logger
	// Health reports whether the service can serve (the store answers, say).
	// Nil means always healthy.
	Health func(ctx context.Context) error
	// MetricsAddr is a separate listen address for /metrics. When it is
	// empty, /metrics is served on the main listener but only to requests
	// for which IsAdmin returns true.
	MetricsAddr string
	// IsAdmin says whether a request comes from an administrator. Nil
	// treats every request as not an administrator's.
	IsAdmin func(*http.Request) bool
	// Registry holds the metrics. Nil makes New create one with the Go and
	// process collectors registered.
	Registry *prometheus.Registry
	// ShutdownTimeout bounds the graceful shutdown; zero means
	// DefaultShutdownTimeout.
	ShutdownTimeout time.Duration
}

// Server is newsdesk's HTTP server. Create it with New, optionally call
// Listen to learn the address, then Run it.
type Server struct {
	o       Options
	log     *slog.Logger
	reg     *prometheus.Registry
	metrics *httpMetrics
	handler http.Handler
	mhandle http.Handler // the separate metrics listener's handler, nil when none

	mu  sync.Mutex
	ln  net.Listener
	mln net.Listener
	ran bool
}

// New builds a server from o. It does not listen yet.
func New(o Options) *Server {
	s := &Server{o: o, log: o.Logger, reg: o.Registry}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.reg == nil {
		s.reg = prometheus.NewRegistry()
		s.reg.MustRegister(
			collectors.NewGoCollector(),
			collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		)
	}
	if s.o.ShutdownTimeout <= 0 {
		s.o.ShutdownTimeout = DefaultShutdownTimeout
	}
	s.metrics = newHTTPMetrics(s.reg)

	app := o.Handler
	if app == nil {
		app = http.NotFoundHandler()
	}
	metricsHandler := promhttp.HandlerFor(s.reg, promhttp.HandlerOpts{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	if o.MetricsAddr == "" {
		mux.Handle("GET /metrics", s.adminOnly(metricsHandler))
	} else {
		mm := http.NewServeMux()
		mm.Handle("GET /metrics", metricsHandler)
		mm.HandleFunc("GET /healthz", s.healthz)
		s.mhandle = s.wrap(mm)
	}
	mux.Handle("/", app)
	s.handler = s.wrap(mux)
	return s
}

// Registry returns the metrics registry, so other parts can register
// their collectors.
func (s *Server) Registry() *prometheus.Registry { return s.reg }

// Handler returns the main handler with all middleware applied, as Run
// serves it. Tests can mount it on an httptest server.
func (s *Server) Handler() http.Handler { return s.handler }

// Listen opens the main listener (and the metrics listener when
// MetricsAddr is set). Run calls it when it was not called before; calling
// it first lets callers learn the address of a port-0 listener.
func (s *Server) Listen() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln != nil {
		return nil
	}
	ln, err := net.Listen("tcp", s.o.Addr)
	if err != nil {
		return fmt.Errorf("server: listen %s: %w", s.o.Addr, err)
	}
	if s.o.MetricsAddr != "" {
		mln, err := net.Listen("tcp", s.o.MetricsAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("server: listen metrics %s: %w", s.o.MetricsAddr, err)
		}
		s.mln = mln
	}
	s.ln = ln
	return nil
}

// Addr returns the address the main listener is bound to, or "" before
// Listen.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return ""
	}
	return s.ln.Addr().String()
}

// MetricsAddr returns the address the metrics listener is bound to, or ""
// when there is none or before Listen.
func (s *Server) MetricsAddr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.mln == nil {
		return ""
	}
	return s.mln.Addr().String()
}

// Run listens (unless Listen was called), serves until ctx ends, then shuts
// down gracefully, letting in-flight requests finish within the shutdown
// timeout. It returns nil on a clean stop. A Server runs once.
func (s *Server) Run(ctx context.Context) error {
	if err := s.Listen(); err != nil {
		return err
	}
	s.mu.Lock()
	if s.ran {
		s.mu.Unlock()
		return errors.New("server: already run")
	}
	s.ran = true
	ln, mln := s.ln, s.mln
	s.mu.Unlock()

	servers := []*http.Server{s.httpServer(s.handler)}
	listeners := []net.Listener{ln}
	if mln != nil {
		servers = append(servers, s.httpServer(s.mhandle))
		listeners = append(listeners, mln)
	}
	errc := make(chan error, len(servers))
	for i, srv := range servers {
		go func() {
			errc <- srv.Serve(listeners[i])
		}()
	}
	s.log.Info("server listening", "addr", ln.Addr().String(), "metrics_addr", s.MetricsAddr())

	var serveErr error
	select {
	case <-ctx.Done():
	case err := <-errc:
		// A server stopped on its own: shut the other down and report.
		serveErr = fmt.Errorf("server: serve: %w", err)
	}

	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.o.ShutdownTimeout)
	defer cancel()
	var shutErr error
	for _, srv := range servers {
		if err := srv.Shutdown(sctx); err != nil {
			srv.Close()
			shutErr = errors.Join(shutErr, fmt.Errorf("server: shutdown: %w", err))
		}
	}
	// Collect the Serve results; after Shutdown each returns ErrServerClosed.
	remaining := len(servers)
	if serveErr != nil {
		remaining--
	}
	for range remaining {
		if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
			serveErr = errors.Join(serveErr, fmt.Errorf("server: serve: %w", err))
		}
	}
	if serveErr == nil && shutErr == nil {
		s.log.Info("server stopped")
	}
	return errors.Join(serveErr, shutErr)
}

// httpServer returns an http.Server with timeouts suited to a public site.
func (s *Server) httpServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// healthz answers 200 when the health check passes and 503 otherwise.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	status, body := http.StatusOK, map[string]string{"status": "ok"}
	if s.o.Health != nil {
		ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
		err := s.o.Health(ctx)
		cancel()
		if err != nil {
			s.log.Warn("health check failed", "error", err.Error())
			status, body = http.StatusServiceUnavailable, map[string]string{"status": "unavailable"}
		}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	// A failed write means the client went away; there is nobody to tell.
	_ = json.NewEncoder(w).Encode(body)
}

// adminOnly serves h to administrators and 403 to everyone else.
func (s *Server) adminOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.o.IsAdmin == nil || !s.o.IsAdmin(r) {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, r)
	})
}
