package web

import (
	"fmt"
	"net/http"
	"strconv"

	"newsdesk/internal/news"
)

// adminPage is the data of the admin page.
type adminPage struct {
	Stats   news.Stats
	Held    []news.Comment
	Sources []news.Source
	// Push holds the sources' WebSub subscriptions by source ID.
	Push map[int64]news.Subscription
}

// admin returns the signed-in administrator's session, or writes a 403 page.
func (s *server) admin(w http.ResponseWriter, r *http.Request) (news.Session, bool) {
	u, sess, ok := s.opt.Auth.Current(r)
	if !ok {
		s.failStatus(w, r, news.Edition{}, http.StatusForbidden, "Sign in as an administrator to see this page.")
		return news.Session{}, false
	}
	if !u.Admin {
		s.failStatus(w, r, news.Edition{}, http.StatusForbidden, "This page is for administrators only.")
		return news.Session{}, false
	}
	return sess, true
}

// handleAdmin shows source health and the moderation queue.
func (s *server) handleAdmin(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.admin(w, r); !ok {
		return
	}
	ed := s.opt.Editions[0]
	ctx := r.Context()
	var p adminPage
	var err error
	if p.Stats, err = s.store.Stats(ctx); err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: admin: %w", err))
		return
	}
	if p.Held, err = s.store.CommentsByStatus(ctx, news.CommentHeld, heldCommentsMax); err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: admin: %w", err))
		return
	}
	if p.Sources, err = s.store.Sources(ctx); err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: admin: %w", err))
		return
	}
	subs, err := s.store.Subscriptions(ctx)
	if err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: admin: %w", err))
		return
	}
	p.Push = make(map[int64]news.Subscription, len(subs))
	for _, sub := range subs {
		p.Push[sub.SourceID] = sub
	}
	v := s.newView(r, ed, "Admin")
	v.Noindex = true
	v.Page = p
	s.render(w, r, http.StatusOK, "admin", v)
}

// handleModerate approves or removes a held comment.
func (s *server) handleModerate(w http.ResponseWriter, r *http.Request) {
	sess, ok := s.admin(w, r)
	if !ok {
		return
	}
	ed := s.opt.Editions[0]
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.failStatus(w, r, ed, http.StatusBadRequest, "The form could not be read.")
		return
	}
	if !s.opt.Auth.CheckCSRF(r, sess) {
		s.failStatus(w, r, ed, http.StatusForbidden, "The form has expired. Go back, reload the page and try again.")
		return
	}
	id, err := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.failStatus(w, r, ed, http.StatusBadRequest, "That is not a valid comment number.")
		return
	}
	var status news.CommentStatus
	switch r.PostFormValue("action") {
	case "approve":
		status = news.CommentVisible
	case "remove":
		status = news.CommentRemoved
	default:
		s.failStatus(w, r, ed, http.StatusBadRequest, "Choose to approve or remove the comment.")
		return
	}
	if err := s.store.SetCommentStatus(r.Context(), id, status); err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: moderate comment %d: %w", id, err))
		return
	}
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}
