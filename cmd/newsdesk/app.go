package main

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"newsdesk/internal/ai"
	"newsdesk/internal/api"
	"newsdesk/internal/auth"
	"newsdesk/internal/comment"
	"newsdesk/internal/config"
	"newsdesk/internal/fetch"
	"newsdesk/internal/jobs"
	"newsdesk/internal/news"
	"newsdesk/internal/pipeline"
	"newsdesk/internal/server"
	"newsdesk/internal/store"
	"newsdesk/internal/store/postgres"
	"newsdesk/internal/store/sqlite"
	"newsdesk/internal/web"
	"newsdesk/internal/websub"
)

// Main is one newsdesk process: the store, the site and the ingestion
// workers, wired from a Config. Tests start it on port 0.
type Main struct {
	Config config.Config
	Logger *slog.Logger
	Store  store.Store

	// Idle is how long idle workers sleep (1 second when 0).
	Idle time.Duration
	// FetchPerHost overrides the per-host concurrency when above 0.
	FetchPerHost int
	// WebSubLease is the lease asked of WebSub hubs (websub.DefaultLease
	// when 0).
	WebSubLease time.Duration

	Pipeline *pipeline.Pipeline
	server   *server.Server
	ready    chan struct{}
}

// OpenMain opens the store named by cfg.DB and applies its migrations.
func OpenMain(ctx context.Context, cfg config.Config, log *slog.Logger) (*Main, error) {
	st, err := openStore(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	return &Main{Config: cfg, Logger: log, Store: st, ready: make(chan struct{})}, nil
}

// openStore opens the store a DSN names and applies its migrations.
func openStore(ctx context.Context, dsn string) (store.Store, error) {
	path, ok := config.SQLitePath(dsn)
	if !ok {
		st, err := postgres.Open(ctx, dsn)
		if err != nil {
			return nil, err
		}
		return st, nil
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return st, nil
}

// Close closes the store.
func (m *Main) Close() error { return m.Store.Close() }

// explainer adapts the offline explainer to the web's interface.
type explainer struct{ ai.Explainer }

func (e explainer) Ask(ctx context.Context, a news.Article, q string) (web.Answer, error) {
	ans, err := e.Explainer.Ask(ctx, a, q)
	return web.Answer{Found: ans.Found, Text: ans.Text, Quotes: ans.Quotes}, err
}

// Handler builds the site: web pages, API and feeds out.
func (m *Main) handler() (http.Handler, *auth.Auth, error) {
	cfg := m.Config
	au := auth.New(m.Store, auth.Options{SessionTTL: 30 * 24 * time.Hour, SecureCookies: cfg.SecureCookies})
	comments := comment.New(m.Store, comment.Options{})
	related := pipeline.NewRelated(m.Store)
	sections := news.DefaultSections()
	site, err := web.New(web.Options{
		Store: m.Store, Auth: au, Comments: comments, Explainer: explainer{}, Related: related,
		Editions: cfg.Editions, Sections: sections, SiteName: cfg.SiteName, Logger: m.Logger,
	})
	if err != nil {
		return nil, nil, err
	}
	a, err := api.New(api.Options{
		Store: m.Store, Auth: au, Comments: comments, Related: related,
		Editions: cfg.Editions, Sections: sections, SiteName: cfg.SiteName, BaseURL: cfg.BaseURL, Logger: m.Logger,
	})
	if err != nil {
		return nil, nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/v1/", a.Handler())
	feeds := a.Feeds()
	for _, p := range []string{"GET /{edition}/feed.rss", "GET /{edition}/feed.atom", "GET /{edition}/section/{slug}/feed.rss", "GET /{edition}/section/{slug}/feed.atom"} {
		mux.Handle(p, feeds)
	}
	mux.Handle("/", site)
	if !cfg.WebSub {
		return mux, au, nil
	}
	// Hubs verify subscriptions and push new items at /websub/{token};
	// pushed items are saved like polled ones, for the workers to
	// process. The route sits in front of the site's mux, whose
	// /{edition}/... patterns would overlap it.
	push := pipeline.New(pipeline.Options{Store: m.Store, Logger: m.Logger})
	root := http.NewServeMux()
	root.Handle(websub.CallbackPath+"{token}", websub.NewHandler(websub.HandlerOptions{
		Store: m.Store, Receiver: push, Logger: m.Logger,
	}))
	root.Handle("/", mux)
	return root, au, nil
}

// Run serves and ingests, as the role says, until ctx ends; then it stops
// accepting requests, finishes those in flight and abandons unfinished
// ingestion work to its lease.
func (m *Main) Run(ctx context.Context) error {
	cfg := m.Config
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errc := make(chan error, 2)
	if cfg.Role == "web" || cfg.Role == "all" {
		h, au, err := m.handler()
		if err != nil {
			return err
		}
		m.server = server.New(server.Options{
			Addr: cfg.Addr, MetricsAddr: cfg.MetricsAddr, Handler: h, Logger: m.Logger,
			Health: m.Store.Ping,
			IsAdmin: func(r *http.Request) bool {
				u, _, ok := au.Current(r)
				return ok && u.Admin
			},
		})
		if err := m.server.Listen(); err != nil {
			return err
		}
		m.Logger.Info("serving", "addr", "http://"+m.server.Addr())
		wg.Go(func() {
			if err := m.server.Run(ctx); err != nil {
				errc <- err
				cancel()
			}
		})
	}
	if cfg.Role == "worker" || cfg.Role == "all" {
		perHost := 2
		if m.FetchPerHost > 0 {
			perHost = m.FetchPerHost
		}
		fo := fetch.Options{UserAgent: cfg.UserAgent, PerHost: perHost, Proxy: http.ProxyFromEnvironment}
		if cfg.HostInterval > 0 {
			// Politeness holds across every worker process sharing the store.
			fo.Schedule = func(ctx context.Context, host string, interval time.Duration) (time.Time, error) {
				return m.Store.ReserveHost(ctx, host, time.Now(), max(cfg.HostInterval, interval))
			}
		}
		client := fetch.New(fo)
		m.Pipeline = pipeline.New(pipeline.Options{
			Store: m.Store, Fetcher: client, Logger: m.Logger,
			PollMin: cfg.PollMin, PollMax: cfg.PollMax, Lease: cfg.Lease,
			Subscriber: m.subscriber(client),
		})
		r := &jobs.Runner{Work: m.Pipeline, Workers: cfg.Workers, Idle: m.Idle, Logger: m.Logger}
		wg.Go(func() {
			if err := r.Run(ctx); err != nil {
				errc <- err
				cancel()
			}
		})
	}
	close(m.ready)
	wg.Wait()
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}

// subscriber returns the WebSub client the pipeline subscribes with, or
// nil when WebSub is off or hubs could not call the site back.
func (m *Main) subscriber(client *fetch.Client) pipeline.Subscriber {
	cfg := m.Config
	if !cfg.WebSub {
		return nil
	}
	base := cfg.BaseURL
	if m.server != nil && base == "http://"+cfg.Addr {
		// The base URL was derived from the listen address, which may
		// have named port 0: use the address actually listened on.
		base = "http://" + m.server.Addr()
	}
	if websub.IsLocalAddress(base) && !cfg.WebSubLocal {
		m.Logger.Info("websub: not subscribing to hubs, which could not call back the local base URL; set --base-url to the site's public address, or --websub-local", "base_url", base)
		return nil
	}
	return websub.NewClient(websub.ClientOptions{Poster: client, BaseURL: base, Lease: m.WebSubLease})
}

// Addr returns the site's address once Run is serving, or "".
func (m *Main) Addr() string {
	<-m.ready
	if m.server == nil {
		return ""
	}
	return m.server.Addr()
}
