package fetch

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
)

// TestPostForm checks the form POST: the same address guard as Get, the
// form encoded in the body, and redirects not followed.
func TestPostForm(t *testing.T) {
	var hits, moved atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/moved":
			http.Redirect(w, r, "/elsewhere", http.StatusTemporaryRedirect)
		case "/elsewhere":
			moved.Add(1)
		default:
			hits.Add(1)
			b, _ := io.ReadAll(r.Body)
			if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" || string(b) != "a=1&b=x+y" {
				http.Error(w, "bad form", http.StatusBadRequest)
				return
			}
			w.WriteHeader(http.StatusAccepted)
			io.WriteString(w, "ok")
		}
	}))
	defer srv.Close()
	c := New(Options{})
	ctx := context.Background()
	form := url.Values{"a": {"1"}, "b": {"x y"}}
	_, err := c.PostForm(ctx, Request{URL: srv.URL + "/hub"}, form)
	var blocked *BlockedError
	if !errors.As(err, &blocked) || hits.Load() != 0 {
		t.Fatalf("guarded POST to loopback: %v after %d requests; want refused unsent", err, hits.Load())
	}
	resp, err := c.PostForm(ctx, Request{URL: srv.URL + "/hub", AllowPrivate: true}, form)
	if err != nil || resp.Status != http.StatusAccepted || string(resp.Body) != "ok" {
		t.Fatalf("allowed POST: %+v, %v", resp, err)
	}
	_, err = c.PostForm(ctx, Request{URL: srv.URL + "/moved", AllowPrivate: true}, form)
	var se *StatusError
	if !errors.As(err, &se) || se.Code != http.StatusTemporaryRedirect || moved.Load() != 0 {
		t.Fatalf("POST answered with a redirect: %v, followed %d times; want a 307 StatusError, not followed", err, moved.Load())
	}
}
