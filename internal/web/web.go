// Package web serves newsdesk's reader-facing site: server-rendered pages
// from embedded templates, a small stylesheet, the web app manifest and a
// service worker for offline reading. It reaches the store only through the
// Store interface it declares.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"newsdesk/internal/auth"
	"newsdesk/internal/comment"
	"newsdesk/internal/news"
	"newsdesk/internal/sanitize"
)

// Store is what the web pages read from and write to a store.
type Store interface {
	Article(ctx context.Context, id int64) (news.Article, error)
	Articles(ctx context.Context, f news.ArticleFilter) ([]news.Article, error)
	Search(ctx context.Context, query string, f news.ArticleFilter) ([]news.SearchHit, error)
	Story(ctx context.Context, id int64) (news.Story, error)
	Stories(ctx context.Context, f news.StoryFilter) ([]news.Story, error)
	SourceBySlug(ctx context.Context, slug string) (news.Source, error)
	Sources(ctx context.Context) ([]news.Source, error)
	Subscriptions(ctx context.Context) ([]news.Subscription, error)
	Hashtag(ctx context.Context, slug string) (news.Hashtag, error)
	TopHashtags(ctx context.Context, lang string, since time.Time, limit int) ([]news.HashtagCount, error)
	Comments(ctx context.Context, articleID int64, all bool) ([]news.Comment, error)
	CommentsByStatus(ctx context.Context, status news.CommentStatus, limit int) ([]news.Comment, error)
	SetCommentStatus(ctx context.Context, id int64, status news.CommentStatus) error
	Stats(ctx context.Context) (news.Stats, error)
}

// Answer is a reply to a question about an article. Quotes are the
// article's sentences the answer rests on.
type Answer struct {
	Found  bool
	Text   string
	Quotes []string
}

// Explainer answers readers' questions about one article.
type Explainer interface {
	Ask(ctx context.Context, a news.Article, question string) (Answer, error)
}

// Related finds other articles related to one.
type Related interface {
	Related(ctx context.Context, a news.Article, k int) ([]news.Article, error)
}

// Options configure the web handler. Store, Auth, Comments and at least one
// edition are required; Explainer and Related may be nil, which hides the
// features they drive.
type Options struct {
	Store     Store
	Auth      *auth.Auth
	Comments  *comment.Service
	Explainer Explainer
	Related   Related
	Editions  []news.Edition
	Sections  []news.Section // nil means news.DefaultSections()
	SiteName  string         // "" means "newsdesk"
	Logger    *slog.Logger   // nil discards logs
	Now       func() time.Time
}

// server holds the handler's state.
type server struct {
	opt       Options
	store     Store
	log       *slog.Logger
	now       func() time.Time
	editions  map[string]news.Edition
	sections  map[string]news.Section
	tmpl      *templates
	assets    *assets
	signinLim *auth.Limiter
	signupLim *auth.Limiter
}

// New returns the site's handler.
func New(o Options) (http.Handler, error) {
	if o.Store == nil || o.Auth == nil || o.Comments == nil {
		return nil, errors.New("web: Store, Auth and Comments are required")
	}
	if len(o.Editions) == 0 {
		return nil, errors.New("web: at least one edition is required")
	}
	if o.Sections == nil {
		o.Sections = news.DefaultSections()
	}
	if o.SiteName == "" {
		o.SiteName = "newsdesk"
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &server{
		opt:       o,
		store:     o.Store,
		log:       o.Logger,
		now:       o.Now,
		editions:  make(map[string]news.Edition),
		sections:  make(map[string]news.Section),
		signinLim: auth.NewLimiter(10, time.Minute, 10, o.Now),
		signupLim: auth.NewLimiter(5, 10*time.Minute, 5, o.Now),
	}
	for _, e := range o.Editions {
		if e.Code == "" {
			return nil, errors.New("web: an edition has no code")
		}
		if _, dup := s.editions[e.Code]; dup {
			return nil, fmt.Errorf("web: edition %q given twice", e.Code)
		}
		s.editions[e.Code] = e
	}
	for _, sec := range o.Sections {
		s.sections[sec.Slug] = sec
	}
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.tmpl, err = parseTemplates(s); err != nil {
		return nil, err
	}
	return s.routes(), nil
}

// routes registers every page.
func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleRoot)
	mux.HandleFunc("GET /static/{file}", s.handleStatic)
	mux.HandleFunc("GET /sw.js", s.handleServiceWorker)
	mux.HandleFunc("GET /manifest.webmanifest", s.handleManifest)
	mux.HandleFunc("GET /offline", s.handleOffline)
	mux.HandleFunc("GET /signup", s.handleSignUpForm)
	mux.HandleFunc("POST /signup", s.handleSignUp)
	mux.HandleFunc("GET /signin", s.handleSignInForm)
	mux.HandleFunc("POST /signin", s.handleSignIn)
	mux.HandleFunc("POST /signout", s.handleSignOut)
	mux.HandleFunc("GET /admin", s.handleAdmin)
	mux.HandleFunc("POST /admin/comments", s.handleModerate)
	mux.HandleFunc("GET /{edition}", s.handleEditionRedirect)
	mux.HandleFunc("/", s.handleNotFound)

	// Edition pages live on a mux of their own: their two-segment patterns
	// (/{edition}/search) would otherwise clash with /static/{file}.
	ed := http.NewServeMux()
	ed.HandleFunc("GET /{edition}/{$}", s.handleFront)
	ed.HandleFunc("GET /{edition}/section/{slug}", s.handleSection)
	ed.HandleFunc("GET /{edition}/article/{id}", s.handleArticle)
	ed.HandleFunc("POST /{edition}/article/{id}/comments", s.handlePostComment)
	ed.HandleFunc("GET /{edition}/story/{id}", s.handleStory)
	ed.HandleFunc("GET /{edition}/outlet/{slug}", s.handleOutlet)
	ed.HandleFunc("GET /{edition}/tag/{slug}", s.handleTag)
	ed.HandleFunc("GET /{edition}/search", s.handleSearch)
	ed.HandleFunc("/", s.handleNotFound)
	mux.Handle("/{edition}/", ed)
	return securityHeaders(mux)
}

// securityHeaders sets the headers every response of the site carries. The
// policy allows images from anywhere (lead images live at the outlets),
// frames only from the video players the sanitizer lets through, and
// scripts and styles only from the site itself.
func securityHeaders(next http.Handler) http.Handler {
	csp := "default-src 'self'; img-src 'self' https: http: data:; style-src 'self'; script-src 'self'; " +
		"frame-src " + strings.Join(sanitize.FrameOrigins(), " ") + "; " +
		"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}
