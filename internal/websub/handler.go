package websub

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"newsdesk/internal/feed"
	"newsdesk/internal/news"
)

// Store is what the callback needs from a store.
type Store interface {
	SubscriptionByToken(ctx context.Context, token string) (news.Subscription, error)
	UpdateSubscription(ctx context.Context, token string, fn func(*news.Subscription) error) (news.Subscription, error)
	DeleteSubscription(ctx context.Context, token string) error
}

// Receiver takes the feed a hub pushed for a subscription and stores its
// items, returning how many were new; the pipeline is one.
type Receiver interface {
	ReceivePush(ctx context.Context, sub news.Subscription, f *feed.Feed) (int, error)
}

// HandlerOptions configure a Handler.
type HandlerOptions struct {
	Store    Store
	Receiver Receiver
	Logger   *slog.Logger
	// Now tells the time; time.Now when nil.
	Now func() time.Time
	// MaxBody caps a pushed body; feed.MaxDocumentSize when 0. A larger
	// body is refused with 413.
	MaxBody int64
	// RenewFraction is the part of a granted lease after which the
	// subscription is renewed; 0.85 when 0.
	RenewFraction float64
	// AssumedLease is the lease counted on when a hub verifies a
	// subscription without naming one; one day when 0.
	AssumedLease time.Duration
	// DeniedRetry is how long after a hub's denial the subscription is
	// asked for again; one day when 0.
	DeniedRetry time.Duration
}

// Handler is the callback address of every subscription,
// CallbackPath + "{token}". Mount it on the site's mux with that pattern.
//
// A GET is the hub verifying a request of ours: the challenge is echoed
// with 200 only when the mode and topic match a request the subscription
// is waiting on (subscribe while pending or active, unsubscribe while
// unsubscribing), and the granted lease is stored; anything else gets 404.
// A denial is recorded and answered with 200.
//
// A POST is the hub pushing content. The body (capped) must carry a valid
// X-Hub-Signature under the subscription's secret; one that does not is
// acknowledged with 202 like a good one (as WebSub allows, so a forger
// learns nothing) but ignored. Good content is parsed as a feed and its
// items saved before the answer, 202, is sent; when saving fails the hub
// gets 503 and sends again. A push to a token that names no subscription
// gets 410 Gone, so the hub drops it; a body that is not a feed gets 400.
type Handler struct {
	o   HandlerOptions
	log *slog.Logger
}

// NewHandler returns a Handler with defaults filled in.
func NewHandler(o HandlerOptions) *Handler {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.MaxBody <= 0 {
		o.MaxBody = feed.MaxDocumentSize
	}
	if o.RenewFraction <= 0 || o.RenewFraction >= 1 {
		o.RenewFraction = 0.85
	}
	if o.AssumedLease <= 0 {
		o.AssumedLease = 24 * time.Hour
	}
	if o.DeniedRetry <= 0 {
		o.DeniedRetry = 24 * time.Hour
	}
	return &Handler{o: o, log: o.Logger.With("component", "websub")}
}

// maxLease bounds the lease a hub may grant, as stored.
const maxLease = 365 * 24 * time.Hour

// errNoMatch means a verification names nothing we asked for.
var errNoMatch = errors.New("websub: no matching request")

// ServeHTTP answers a hub's verification or push.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if token == "" {
		token = path.Base(r.URL.Path)
	}
	w.Header().Set("Cache-Control", "no-store")
	switch r.Method {
	case http.MethodGet:
		h.verify(w, r, token)
	case http.MethodPost:
		h.receive(w, r, token)
	default:
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// verify answers a verification of intent or a denial.
func (h *Handler) verify(w http.ResponseWriter, r *http.Request, token string) {
	ctx := r.Context()
	q := r.URL.Query()
	mode, topic := q.Get("hub.mode"), q.Get("hub.topic")
	challenge := q.Get("hub.challenge")
	now := h.o.Now()
	var err error
	switch mode {
	case "subscribe":
		if challenge == "" {
			http.Error(w, "hub.challenge is missing", http.StatusBadRequest)
			return
		}
		lease := h.o.AssumedLease
		if n, perr := strconv.ParseInt(strings.TrimSpace(q.Get("hub.lease_seconds")), 10, 64); perr == nil && n > 0 {
			lease = min(time.Duration(n)*time.Second, maxLease)
		}
		var sub news.Subscription
		sub, err = h.o.Store.UpdateSubscription(ctx, token, func(s *news.Subscription) error {
			if s.Topic != topic || (s.State != news.SubPending && s.State != news.SubActive) {
				return errNoMatch
			}
			s.State = news.SubActive
			s.LeaseUntil = now.Add(lease)
			s.RenewAt = now.Add(time.Duration(float64(lease) * h.o.RenewFraction))
			s.VerifiedAt = now
			s.LastError = ""
			return nil
		})
		if err == nil {
			h.log.Info("websub subscription verified", "source_id", sub.SourceID, "hub", hostOf(sub.Hub), "lease", lease.String())
		}
	case "unsubscribe":
		if challenge == "" {
			http.Error(w, "hub.challenge is missing", http.StatusBadRequest)
			return
		}
		var sub news.Subscription
		sub, err = h.o.Store.SubscriptionByToken(ctx, token)
		if err == nil && (sub.Topic != topic || sub.State != news.SubUnsubscribing) {
			err = errNoMatch
		}
		if err == nil {
			err = h.o.Store.DeleteSubscription(ctx, token)
		}
		if err == nil {
			h.log.Info("websub unsubscription verified", "source_id", sub.SourceID, "hub", hostOf(sub.Hub))
		}
	case "denied":
		reason := strings.TrimSpace(q.Get("hub.reason"))
		var sub news.Subscription
		sub, err = h.o.Store.UpdateSubscription(ctx, token, func(s *news.Subscription) error {
			if s.Topic != topic || s.State == news.SubUnsubscribing {
				return errNoMatch
			}
			s.State = news.SubDenied
			s.LeaseUntil = time.Time{}
			s.RenewAt = now.Add(h.o.DeniedRetry)
			s.LastError = "the hub denied the subscription"
			if reason != "" {
				s.LastError += ": " + clip(reason, 200)
			}
			return nil
		})
		if err == nil {
			h.log.Warn("websub subscription denied", "source_id", sub.SourceID, "hub", hostOf(sub.Hub), "reason", clip(reason, 200))
			w.WriteHeader(http.StatusOK)
			return
		}
	default:
		http.Error(w, "hub.mode must be subscribe, unsubscribe or denied", http.StatusBadRequest)
		return
	}
	switch {
	case err == nil:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, challenge)
	case errors.Is(err, errNoMatch), errors.Is(err, news.ErrNotFound):
		http.NotFound(w, r)
	default:
		h.log.Error("websub verification failed", "error", err)
		http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
	}
}

// receive takes a content distribution request.
func (h *Handler) receive(w http.ResponseWriter, r *http.Request, token string) {
	ctx := r.Context()
	sub, err := h.o.Store.SubscriptionByToken(ctx, token)
	if errors.Is(err, news.ErrNotFound) {
		http.Error(w, "no such subscription", http.StatusGone)
		return
	}
	if err != nil {
		h.log.Error("websub push: subscription lookup failed", "error", err)
		http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.o.MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.note(ctx, sub, "the hub pushed a body larger than the limit; it was refused")
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read body", http.StatusBadRequest)
		return
	}
	if sub.Secret != "" && !VerifySignature(sub.Secret, body, r.Header.Get("X-Hub-Signature")) {
		h.log.Warn("websub push ignored: missing or wrong signature", "source_id", sub.SourceID, "remote", r.RemoteAddr)
		h.note(ctx, sub, "a push without a valid signature was ignored")
		w.WriteHeader(http.StatusAccepted)
		return
	}
	f, err := feed.Parse(body, sub.Topic, r.Header)
	if err != nil {
		h.log.Warn("websub push is not a feed", "source_id", sub.SourceID, "error", err)
		h.note(ctx, sub, "the hub pushed a body that is not a feed")
		http.Error(w, "not a feed", http.StatusBadRequest)
		return
	}
	n, err := h.o.Receiver.ReceivePush(ctx, sub, f)
	if errors.Is(err, news.ErrNotFound) {
		http.Error(w, "no such subscription", http.StatusGone)
		return
	}
	if err != nil {
		h.log.Error("websub push not saved", "source_id", sub.SourceID, "error", err)
		http.Error(w, "temporarily unavailable", http.StatusServiceUnavailable)
		return
	}
	h.log.Info("websub push received", "source_id", sub.SourceID, "items", len(f.Items), "new", n)
	w.WriteHeader(http.StatusAccepted)
}

// note records a problem with pushes in the subscription's LastError.
func (h *Handler) note(ctx context.Context, sub news.Subscription, msg string) {
	_, err := h.o.Store.UpdateSubscription(ctx, sub.Token, func(s *news.Subscription) error {
		s.LastError = msg
		return nil
	})
	if err != nil && !errors.Is(err, news.ErrNotFound) {
		h.log.Warn("websub: cannot record a push problem", "source_id", sub.SourceID, "error", err)
	}
}

// clip shortens s to at most n bytes, on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
