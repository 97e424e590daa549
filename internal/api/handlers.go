package api

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"newsdesk/internal/news"
)

// pathID reads the {id} path value as a positive id.
func pathID(r *http.Request) (int64, error) {
	raw := r.PathValue("id")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, invalid(fmt.Sprintf("id %q is not a positive integer", raw))
	}
	return id, nil
}

// queryLimit reads the limit parameter: def when absent, else 1..max.
func queryLimit(q url.Values, def, max int) (int, error) {
	raw := q.Get("limit")
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > max {
		return 0, invalid(fmt.Sprintf("limit must be an integer from 1 to %d", max))
	}
	return n, nil
}

// queryEdition reads the edition parameter as a language; "" selects all.
func (a *API) queryEdition(q url.Values) (string, error) {
	code := q.Get("edition")
	if code == "" {
		return "", nil
	}
	e, ok := a.editions[code]
	if !ok {
		return "", invalid(fmt.Sprintf("unknown edition %q", code))
	}
	return e.Lang, nil
}

// querySection reads the section parameter; "" selects all.
func (a *API) querySection(q url.Values) (string, error) {
	slug := q.Get("section")
	if slug == "" {
		return "", nil
	}
	if _, ok := a.sections[slug]; !ok {
		return "", invalid(fmt.Sprintf("unknown section %q", slug))
	}
	return slug, nil
}

// cursor marks where a page of articles ended: the last article's
// publication time and id. Articles are ordered newest first by
// publication time, then id, so the next page holds those before it.
type cursor struct {
	published time.Time
	id        int64
}

func (c cursor) String() string {
	raw := strconv.FormatInt(c.published.UnixNano(), 10) + ":" + strconv.FormatInt(c.id, 10)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func parseCursor(s string) (cursor, error) {
	bad := invalid("cursor is malformed; pass the next value of the previous page unchanged")
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, bad
	}
	ts, ids, ok := strings.Cut(string(raw), ":")
	if !ok {
		return cursor{}, bad
	}
	ns, err1 := strconv.ParseInt(ts, 10, 64)
	id, err2 := strconv.ParseInt(ids, 10, 64)
	if err1 != nil || err2 != nil || id <= 0 {
		return cursor{}, bad
	}
	return cursor{published: time.Unix(0, ns).UTC(), id: id}, nil
}

// articlePage fetches up to limit articles of f after cur (when set), and
// a cursor for the next page when there may be more. Articles published at
// the same instant as the cursor's are told apart by id, so none is
// skipped or repeated.
func (a *API) articlePage(r *http.Request, f news.ArticleFilter, cur *cursor, limit int) ([]news.Article, *cursor, error) {
	if cur != nil {
		// Include the cursor's instant; drop what the last page showed.
		f.Before = cur.published.Add(time.Nanosecond)
	}
	fetch := limit + 1
	for {
		f.Limit = fetch
		got, err := a.o.Store.Articles(r.Context(), f)
		if err != nil {
			return nil, nil, fmt.Errorf("api: list articles: %w", err)
		}
		full := len(got) == fetch
		if cur != nil {
			kept := got[:0:0]
			for _, ar := range got {
				if ar.Published.Equal(cur.published) && ar.ID >= cur.id {
					continue
				}
				kept = append(kept, ar)
			}
			got = kept
		}
		if len(got) > limit {
			last := got[limit-1]
			return got[:limit], &cursor{published: last.Published, id: last.ID}, nil
		}
		if !full || fetch >= 10*maxListLimit {
			// The store has no more, or the cursor's instant is shared by
			// more articles than we are willing to wade through.
			var next *cursor
			if full && len(got) > 0 {
				last := got[len(got)-1]
				next = &cursor{published: last.Published, id: last.ID}
			}
			return got, next, nil
		}
		fetch *= 2
	}
}

// listArticles serves GET /api/v1/articles.
func (a *API) listArticles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f news.ArticleFilter
	var err error
	if f.Lang, err = a.queryEdition(q); err != nil {
		a.writeError(w, r, err)
		return
	}
	if f.Section, err = a.querySection(q); err != nil {
		a.writeError(w, r, err)
		return
	}
	limit, err := queryLimit(q, defaultLimit, maxListLimit)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	if slug := q.Get("source"); slug != "" {
		src, err := a.o.Store.SourceBySlug(r.Context(), slug)
		if err != nil {
			if errors.Is(err, news.ErrNotFound) {
				err = invalid(fmt.Sprintf("unknown source %q", slug))
			}
			a.writeError(w, r, err)
			return
		}
		f.SourceID = src.ID
	}
	if raw := q.Get("story"); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 {
			a.writeError(w, r, invalid(fmt.Sprintf("story %q is not a positive integer", raw)))
			return
		}
		f.StoryID = id
	}
	f.Hashtag = q.Get("tag")
	if raw := q.Get("before"); raw != "" {
		t, err := time.Parse(time.RFC3339, raw)
		if err != nil {
			a.writeError(w, r, invalid(fmt.Sprintf("before %q is not an RFC 3339 time", raw)))
			return
		}
		f.Before = t
	}
	var cur *cursor
	if raw := q.Get("cursor"); raw != "" {
		c, err := parseCursor(raw)
		if err != nil {
			a.writeError(w, r, err)
			return
		}
		if !f.Before.IsZero() {
			a.writeError(w, r, invalid("pass either before or cursor, not both"))
			return
		}
		cur = &c
	}
	list, next, err := a.articlePage(r, f, cur, limit)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	resp := struct {
		Articles []articleBrief `json:"articles"`
		Next     *string        `json:"next"`
		NextURL  *string        `json:"next_url"`
	}{Articles: a.briefs(list)}
	if next != nil {
		s := next.String()
		nq := url.Values{}
		for k, v := range q {
			if k != "cursor" && k != "before" {
				nq[k] = v
			}
		}
		nq.Set("cursor", s)
		u := a.base + "/api/v1/articles?" + nq.Encode()
		resp.Next, resp.NextURL = &s, &u
	}
	a.writeJSON(w, r, http.StatusOK, resp)
}

// article loads the article of the {id} path value.
func (a *API) article(r *http.Request) (news.Article, error) {
	id, err := pathID(r)
	if err != nil {
		return news.Article{}, err
	}
	ar, err := a.o.Store.Article(r.Context(), id)
	if err != nil {
		return news.Article{}, storeErr(fmt.Errorf("api: article %d: %w", id, err), fmt.Sprintf("article %d not found", id))
	}
	return ar, nil
}

// getArticle serves GET /api/v1/articles/{id}.
func (a *API) getArticle(w http.ResponseWriter, r *http.Request) {
	ar, err := a.article(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	a.writeJSON(w, r, http.StatusOK, a.full(ar))
}

// relatedArticles serves GET /api/v1/articles/{id}/related.
func (a *API) relatedArticles(w http.ResponseWriter, r *http.Request) {
	ar, err := a.article(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	k, err := queryLimit(r.URL.Query(), defaultRelated, maxRelated)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	var list []news.Article
	if a.o.Related != nil {
		list, err = a.o.Related.Related(r.Context(), ar, k)
	} else {
		list, err = a.sameSection(r, ar, k)
	}
	if err != nil {
		a.writeError(w, r, fmt.Errorf("api: related to %d: %w", ar.ID, err))
		return
	}
	a.writeJSON(w, r, http.StatusOK, map[string]any{"articles": a.briefs(list)})
}

// sameSection lists recent articles in ar's section and language, leaving
// out ar itself, its story and its copies.
func (a *API) sameSection(r *http.Request, ar news.Article, k int) ([]news.Article, error) {
	cands, err := a.o.Store.Articles(r.Context(), news.ArticleFilter{
		Lang: ar.Lang, Section: ar.Section, Originals: true, Limit: 4 * k,
	})
	if err != nil {
		return nil, err
	}
	out := make([]news.Article, 0, k)
	for _, c := range cands {
		switch {
		case len(out) == k:
			return out, nil
		case c.ID == ar.ID, c.ID == ar.DuplicateOf, c.DuplicateOf == ar.ID,
			ar.StoryID != 0 && c.StoryID == ar.StoryID:
			continue
		}
		out = append(out, c)
	}
	return out, nil
}

// listComments serves GET /api/v1/articles/{id}/comments.
func (a *API) listComments(w http.ResponseWriter, r *http.Request) {
	ar, err := a.article(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	list, err := a.o.Store.Comments(r.Context(), ar.ID, false)
	if err != nil {
		a.writeError(w, r, fmt.Errorf("api: comments of %d: %w", ar.ID, err))
		return
	}
	out := make([]commentView, 0, len(list))
	for _, c := range list {
		out = append(out, commentOf(c))
	}
	a.writeJSON(w, r, http.StatusOK, map[string]any{"comments": out})
}

// commentRequest is the body of a comment POST.
type commentRequest struct {
	Body     string `json:"body"`
	ParentID int64  `json:"parent_id"`
}

// maxCommentRunes bounds a comment's length.
const maxCommentRunes = 10000

// postComment serves POST /api/v1/articles/{id}/comments.
func (a *API) postComment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	var (
		user news.User
		sess news.Session
		ok   bool
	)
	if a.o.Auth != nil {
		user, sess, ok = a.o.Auth.Current(r)
	}
	if !ok {
		a.writeJSON(w, r, http.StatusUnauthorized, map[string]string{"error": "sign in to comment"})
		return
	}
	if r.Header.Get("X-CSRF-Token") == "" || !a.o.Auth.CheckCSRF(r, sess) {
		a.writeError(w, r, &apiError{msg: "missing or wrong X-CSRF-Token header", kind: news.ErrForbidden})
		return
	}
	req, err := decodeComment(w, r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	if a.o.Comments == nil {
		a.writeError(w, r, &apiError{msg: "comments are switched off", kind: news.ErrUnavailable})
		return
	}
	if _, err := a.o.Store.Article(r.Context(), id); err != nil {
		a.writeError(w, r, storeErr(fmt.Errorf("api: article %d: %w", id, err), fmt.Sprintf("article %d not found", id)))
		return
	}
	c, err := a.o.Comments.Post(r.Context(), user, id, req.ParentID, req.Body)
	if err != nil {
		a.writeError(w, r, fmt.Errorf("api: post comment on %d: %w", id, err))
		return
	}
	if c.UserName == "" {
		c.UserName = user.Name
	}
	w.Header().Set("Location", "/api/v1/articles/"+strconv.FormatInt(id, 10)+"/comments")
	a.writeJSON(w, r, http.StatusCreated, commentOf(c))
}

// decodeComment reads and checks a comment body: JSON, at most
// maxBodyBytes, known fields only, a non-blank body.
func decodeComment(w http.ResponseWriter, r *http.Request) (commentRequest, error) {
	var req commentRequest
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(strings.ToLower(ct), "application/json") {
		return req, invalid("send the comment as application/json")
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return req, invalid(fmt.Sprintf("request body is larger than %d bytes", maxBodyBytes))
		}
		if errors.Is(err, io.EOF) {
			return req, invalid("request body is empty; send {\"body\": \"...\"}")
		}
		return req, invalid("request body is not valid JSON: " + err.Error())
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return req, invalid(fmt.Sprintf("request body is larger than %d bytes", maxBodyBytes))
		}
		return req, invalid("request body has data after the JSON object")
	}
	if strings.TrimSpace(req.Body) == "" {
		return req, invalid("comment body is empty")
	}
	if !utf8.ValidString(req.Body) {
		return req, invalid("comment body is not valid UTF-8")
	}
	if utf8.RuneCountInString(req.Body) > maxCommentRunes {
		return req, invalid(fmt.Sprintf("comment body is longer than %d characters", maxCommentRunes))
	}
	if req.ParentID < 0 {
		return req, invalid("parent_id must be a comment id or 0")
	}
	return req, nil
}

// listStories serves GET /api/v1/stories.
func (a *API) listStories(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f news.StoryFilter
	var err error
	if f.Lang, err = a.queryEdition(q); err != nil {
		a.writeError(w, r, err)
		return
	}
	if f.Section, err = a.querySection(q); err != nil {
		a.writeError(w, r, err)
		return
	}
	if f.Limit, err = queryLimit(q, defaultLimit, maxListLimit); err != nil {
		a.writeError(w, r, err)
		return
	}
	list, err := a.o.Store.Stories(r.Context(), f)
	if err != nil {
		a.writeError(w, r, fmt.Errorf("api: list stories: %w", err))
		return
	}
	out := make([]storyView, 0, len(list))
	for _, s := range list {
		out = append(out, a.story(s))
	}
	a.writeJSON(w, r, http.StatusOK, map[string]any{"stories": out})
}

// getStory serves GET /api/v1/stories/{id}.
func (a *API) getStory(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		a.writeError(w, r, err)
		return
	}
	s, err := a.o.Store.Story(r.Context(), id)
	if err != nil {
		a.writeError(w, r, storeErr(fmt.Errorf("api: story %d: %w", id, err), fmt.Sprintf("story %d not found", id)))
		return
	}
	list, err := a.o.Store.Articles(r.Context(), news.ArticleFilter{StoryID: id, Limit: maxListLimit})
	if err != nil {
		a.writeError(w, r, fmt.Errorf("api: articles of story %d: %w", id, err))
		return
	}
	a.writeJSON(w, r, http.StatusOK, storyDetail{storyView: a.story(s), Articles: a.briefs(list)})
}

// listSections serves GET /api/v1/sections.
func (a *API) listSections(w http.ResponseWriter, r *http.Request) {
	type sectionView struct {
		Slug string `json:"slug"`
		Name string `json:"name"`
	}
	out := make([]sectionView, 0, len(a.o.Sections))
	for _, s := range a.o.Sections {
		out = append(out, sectionView{Slug: s.Slug, Name: s.Name})
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	a.writeJSON(w, r, http.StatusOK, map[string]any{"sections": out})
}

// listEditions serves GET /api/v1/editions.
func (a *API) listEditions(w http.ResponseWriter, r *http.Request) {
	type editionView struct {
		Code   string `json:"code"`
		Name   string `json:"name"`
		Lang   string `json:"lang"`
		WebURL string `json:"web_url"`
	}
	out := make([]editionView, 0, len(a.o.Editions))
	for _, e := range a.o.Editions {
		out = append(out, editionView{Code: e.Code, Name: e.Name, Lang: e.Lang, WebURL: a.base + "/" + e.Code + "/"})
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	a.writeJSON(w, r, http.StatusOK, map[string]any{"editions": out})
}

// search serves GET /api/v1/search.
func (a *API) search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	query := strings.TrimSpace(q.Get("q"))
	switch {
	case query == "":
		a.writeError(w, r, invalid("q is required: the words to search for"))
		return
	case utf8.RuneCountInString(query) > maxQueryLength:
		a.writeError(w, r, invalid(fmt.Sprintf("q is longer than %d characters", maxQueryLength)))
		return
	case !utf8.ValidString(query):
		a.writeError(w, r, invalid("q is not valid UTF-8"))
		return
	}
	var f news.ArticleFilter
	var err error
	if f.Lang, err = a.queryEdition(q); err != nil {
		a.writeError(w, r, err)
		return
	}
	if f.Section, err = a.querySection(q); err != nil {
		a.writeError(w, r, err)
		return
	}
	if f.Limit, err = queryLimit(q, defaultLimit, maxListLimit); err != nil {
		a.writeError(w, r, err)
		return
	}
	hits, err := a.o.Store.Search(r.Context(), query, f)
	if err != nil {
		a.writeError(w, r, fmt.Errorf("api: search: %w", err))
		return
	}
	out := make([]searchHitView, 0, len(hits))
	for _, h := range hits {
		out = append(out, searchHitView{Article: a.brief(h.Article), snippetView: renderSnippet(h.Snippet), Rank: h.Rank})
	}
	a.writeJSON(w, r, http.StatusOK, map[string]any{"query": query, "hits": out})
}

// listSources serves GET /api/v1/sources.
func (a *API) listSources(w http.ResponseWriter, r *http.Request) {
	list, err := a.o.Store.Sources(r.Context())
	if err != nil {
		a.writeError(w, r, fmt.Errorf("api: list sources: %w", err))
		return
	}
	subs, err := a.o.Store.Subscriptions(r.Context())
	if err != nil {
		a.writeError(w, r, fmt.Errorf("api: list sources: %w", err))
		return
	}
	push := make(map[int64]news.Subscription, len(subs))
	for _, sub := range subs {
		push[sub.SourceID] = sub
	}
	out := make([]sourceView, 0, len(list))
	for _, s := range list {
		v := sourceOf(s)
		if sub, ok := push[s.ID]; ok {
			v.Health.Push = pushOf(sub)
		}
		out = append(out, v)
	}
	a.writeJSON(w, r, http.StatusOK, map[string]any{"sources": out})
}

// openAPI serves GET /api/v1/openapi.json.
func (a *API) openAPI(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=3600")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	// A failed write means the client went away.
	_, _ = io.Copy(w, bytes.NewReader(openAPIDoc))
}
