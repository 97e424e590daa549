// Package api serves newsdesk's JSON API under /api/v1, its OpenAPI
// document, and the RSS and Atom feeds of every edition and section.
//
// It reaches the store through the small Store interface declared here, and
// maps error kinds to HTTP status codes only through news.HTTPStatus.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"newsdesk/internal/news"
)

// Store is what the API reads from the store. The method signatures are
// those of the full store contract, so the real stores satisfy it.
type Store interface {
	SourceBySlug(ctx context.Context, slug string) (news.Source, error)
	Sources(ctx context.Context) ([]news.Source, error)
	Subscriptions(ctx context.Context) ([]news.Subscription, error)
	Article(ctx context.Context, id int64) (news.Article, error)
	Articles(ctx context.Context, f news.ArticleFilter) ([]news.Article, error)
	Search(ctx context.Context, query string, f news.ArticleFilter) ([]news.SearchHit, error)
	Story(ctx context.Context, id int64) (news.Story, error)
	Stories(ctx context.Context, f news.StoryFilter) ([]news.Story, error)
	Comments(ctx context.Context, articleID int64, all bool) ([]news.Comment, error)
}

// Auth tells who is signed in and checks the CSRF token of a state-changing
// request.
type Auth interface {
	// Current returns the signed-in user and session of r, and false when
	// nobody is signed in.
	Current(r *http.Request) (news.User, news.Session, bool)
	// CheckCSRF reports whether r carries the CSRF token of session s.
	CheckCSRF(r *http.Request, s news.Session) bool
}

// Commenter posts a reader's comment, applying rate limits, spam checks and
// moderation.
type Commenter interface {
	Post(ctx context.Context, u news.User, articleID, parentID int64, body string) (news.Comment, error)
}

// Related finds articles related to an article.
type Related interface {
	Related(ctx context.Context, a news.Article, k int) ([]news.Article, error)
}

// Options configure the API.
type Options struct {
	// Store is required.
	Store Store
	// Auth identifies readers; nil means nobody is ever signed in.
	Auth Auth
	// Comments posts comments; nil turns posting off (503).
	Comments Commenter
	// Related lists related articles; nil falls back to recent articles of
	// the same section.
	Related Related
	// Editions are the site's editions; nil means a single English one.
	Editions []news.Edition
	// Sections are the site's sections; nil means news.DefaultSections().
	Sections []news.Section
	// SiteName titles the feeds; "" means "newsdesk".
	SiteName string
	// BaseURL is the site's public root, "https://news.example"; links in
	// feeds and responses are built on it.
	BaseURL string
	// Logger receives errors; nil discards them.
	Logger *slog.Logger
	// Now tells the time; nil means time.Now.
	Now func() time.Time
}

// API serves the JSON API and the feeds.
type API struct {
	o        Options
	log      *slog.Logger
	now      func() time.Time
	base     string
	editions map[string]news.Edition
	sections map[string]news.Section
	routes   []route
	mux      *http.ServeMux
	feeds    *http.ServeMux
}

// route is one endpoint of the JSON API.
type route struct {
	pattern string // "GET /api/v1/articles/{id}"
	handler http.HandlerFunc
}

// Prefix is where the JSON API is mounted.
const Prefix = "/api/v1/"

// Limits on input.
const (
	maxBodyBytes   = 64 << 10
	maxListLimit   = 100
	defaultLimit   = 20
	maxQueryLength = 500
	maxRelated     = 20
	defaultRelated = 6
)

// New checks o and builds the API.
func New(o Options) (*API, error) {
	if o.Store == nil {
		return nil, errors.New("api: a store is required")
	}
	if len(o.Editions) == 0 {
		o.Editions = []news.Edition{{Code: "en", Name: "English", Lang: "en"}}
	}
	if len(o.Sections) == 0 {
		o.Sections = news.DefaultSections()
	}
	if o.SiteName == "" {
		o.SiteName = "newsdesk"
	}
	a := &API{
		o:        o,
		log:      o.Logger,
		now:      o.Now,
		base:     strings.TrimRight(o.BaseURL, "/"),
		editions: make(map[string]news.Edition, len(o.Editions)),
		sections: make(map[string]news.Section, len(o.Sections)),
	}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	if a.now == nil {
		a.now = time.Now
	}
	for _, e := range o.Editions {
		if e.Code == "" || strings.ContainsAny(e.Code, "/?#") {
			return nil, fmt.Errorf("api: edition code %q is not a URL segment", e.Code)
		}
		if _, dup := a.editions[e.Code]; dup {
			return nil, fmt.Errorf("api: edition %q listed twice", e.Code)
		}
		a.editions[e.Code] = e
	}
	for _, s := range o.Sections {
		if s.Slug == "" {
			return nil, errors.New("api: a section has no slug")
		}
		a.sections[s.Slug] = s
	}

	a.routes = []route{
		{"GET /api/v1/articles", a.listArticles},
		{"GET /api/v1/articles/{id}", a.getArticle},
		{"GET /api/v1/articles/{id}/related", a.relatedArticles},
		{"GET /api/v1/articles/{id}/comments", a.listComments},
		{"POST /api/v1/articles/{id}/comments", a.postComment},
		{"GET /api/v1/stories", a.listStories},
		{"GET /api/v1/stories/{id}", a.getStory},
		{"GET /api/v1/sections", a.listSections},
		{"GET /api/v1/editions", a.listEditions},
		{"GET /api/v1/search", a.search},
		{"GET /api/v1/sources", a.listSources},
		{"GET /api/v1/openapi.json", a.openAPI},
	}
	a.mux = http.NewServeMux()
	for _, r := range a.routes {
		a.mux.Handle(r.pattern, r.handler)
	}

	a.feeds = http.NewServeMux()
	a.feeds.HandleFunc("GET /{edition}/feed.rss", a.feed(formatRSS))
	a.feeds.HandleFunc("GET /{edition}/feed.atom", a.feed(formatAtom))
	a.feeds.HandleFunc("GET /{edition}/section/{slug}/feed.rss", a.feed(formatRSS))
	a.feeds.HandleFunc("GET /{edition}/section/{slug}/feed.atom", a.feed(formatAtom))
	return a, nil
}

// Handler serves the JSON API. It expects full paths (/api/v1/...), so
// mount it at Prefix without stripping it.
func (a *API) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := a.mux.Handler(r); pattern != "" {
			a.mux.ServeHTTP(w, r)
			return
		}
		if allow := a.allowed(r); len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			a.writeJSON(w, r, http.StatusMethodNotAllowed, map[string]string{"error": "method " + r.Method + " not allowed here"})
			return
		}
		a.writeError(w, r, notFound("no such endpoint: "+r.URL.Path))
	})
}

// allowed lists the methods the path of r is routed for.
func (a *API) allowed(r *http.Request) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := a.mux.Handler(probe); pattern != "" {
			out = append(out, m)
		}
	}
	return out
}

// Feeds serves the RSS and Atom feeds at /{edition}/feed.rss,
// /{edition}/feed.atom and /{edition}/section/{slug}/feed.{rss,atom}.
func (a *API) Feeds() http.Handler { return a.feeds }

// Patterns lists the route patterns of the JSON API, as registered.
func (a *API) Patterns() []string {
	out := make([]string, len(a.routes))
	for i, r := range a.routes {
		out[i] = r.pattern
	}
	return out
}

// apiError is an error with the message a client sees. Its kind, a news
// error kind, decides the status through news.HTTPStatus.
type apiError struct {
	msg  string
	kind error
}

func (e *apiError) Error() string { return e.msg }
func (e *apiError) Unwrap() error { return e.kind }

// invalid is a 400 with msg.
func invalid(msg string) error { return &apiError{msg: msg, kind: news.ErrInvalid} }

// notFound is a 404 with msg.
func notFound(msg string) error { return &apiError{msg: msg, kind: news.ErrNotFound} }

// storeErr keeps err's kind but shows clients msg when the kind is
// "not found", and the error itself otherwise.
func storeErr(err error, msg string) error {
	if errors.Is(err, news.ErrNotFound) {
		return &apiError{msg: msg, kind: err}
	}
	return err
}

// writeError sends {"error": message} with the status of err. Server-side
// failures are logged and their details kept from the client.
func (a *API) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status := news.HTTPStatus(err)
	msg := err.Error()
	if status >= 500 {
		a.log.LogAttrs(r.Context(), slog.LevelError, "api request failed",
			slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("error", err.Error()))
		msg = strings.ToLower(http.StatusText(status))
		if ae := (*apiError)(nil); errors.As(err, &ae) {
			msg = ae.msg
		}
	}
	a.writeJSON(w, r, status, map[string]string{"error": msg})
}

// writeJSON sends v as JSON with status.
func (a *API) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		a.log.LogAttrs(r.Context(), slog.LevelError, "api encode failed",
			slog.String("path", r.URL.Path), slog.String("error", err.Error()))
		status = http.StatusInternalServerError
		body = []byte(`{"error":"internal server error"}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	// A failed write means the client went away.
	_, _ = w.Write(append(body, '\n'))
}
