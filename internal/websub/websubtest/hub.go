// Package websubtest runs a WebSub hub on loopback for tests: it takes
// subscription requests, verifies them by calling the subscriber's
// callback (after answering 202, as hubs do), grants leases, denies when
// told to, and pushes content signed with each subscriber's secret.
package websubtest

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Request is a subscription request the hub received.
type Request struct {
	Mode, Topic, Callback, Secret string
	LeaseSeconds                  int
}

// Verification is the outcome of one verification the hub made.
type Verification struct {
	Request Request
	// Mode is what the hub sent: subscribe, unsubscribe or denied.
	Mode string
	// Status is the callback's answer; OK says the answer echoed the
	// challenge with a 2xx status.
	Status int
	OK     bool
}

// subscriber is a verified subscription.
type subscriber struct {
	callback, secret string
	until            time.Time
}

// Hub is a WebSub hub on loopback. Its fields may be set before requests
// arrive.
type Hub struct {
	// URL is the hub's address.
	URL string
	// GrantLease, when above 0, is the lease granted whatever was asked.
	GrantLease time.Duration

	srv    *httptest.Server
	client *http.Client
	wg     sync.WaitGroup

	mu       sync.Mutex
	deny     string // a reason to deny every subscription with, when not ""
	requests []Request
	verified []Verification
	subs     map[string]map[string]subscriber // topic → callback → subscriber
	changed  chan struct{}                    // closed and replaced on every verification
}

// NewHub starts a hub; Close stops it.
func NewHub() *Hub {
	h := &Hub{client: &http.Client{Timeout: 10 * time.Second}, subs: map[string]map[string]subscriber{}, changed: make(chan struct{})}
	h.srv = httptest.NewServer(http.HandlerFunc(h.serve))
	h.URL = h.srv.URL + "/"
	return h
}

// Close waits for verifications in flight and stops the hub.
func (h *Hub) Close() {
	h.wg.Wait()
	h.srv.Close()
}

// Deny makes the hub deny every subscription request from now on with
// reason, or verify them again when reason is "".
func (h *Hub) Deny(reason string) {
	h.mu.Lock()
	h.deny = reason
	h.mu.Unlock()
}

// Requests returns the subscription requests received so far.
func (h *Hub) Requests() []Request {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Request(nil), h.requests...)
}

// Verifications returns the verifications made so far.
func (h *Hub) Verifications() []Verification {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Verification(nil), h.verified...)
}

// WaitVerifications waits until at least n verifications were made, or
// until timeout, and returns them.
func (h *Hub) WaitVerifications(n int, timeout time.Duration) []Verification {
	deadline := time.After(timeout)
	for {
		h.mu.Lock()
		got, ch := len(h.verified), h.changed
		h.mu.Unlock()
		if got >= n {
			return h.Verifications()
		}
		select {
		case <-ch:
		case <-deadline:
			return h.Verifications()
		}
	}
}

// serve takes a subscription request: it answers 202 at once and verifies
// it afterwards.
func (h *Hub) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		http.Error(w, "want a form", http.StatusUnsupportedMediaType)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	req := Request{Mode: r.PostForm.Get("hub.mode"), Topic: r.PostForm.Get("hub.topic"),
		Callback: r.PostForm.Get("hub.callback"), Secret: r.PostForm.Get("hub.secret")}
	req.LeaseSeconds, _ = strconv.Atoi(r.PostForm.Get("hub.lease_seconds"))
	if (req.Mode != "subscribe" && req.Mode != "unsubscribe") || req.Topic == "" || req.Callback == "" {
		http.Error(w, "hub.mode, hub.topic and hub.callback are required", http.StatusBadRequest)
		return
	}
	h.mu.Lock()
	h.requests = append(h.requests, req)
	h.mu.Unlock()
	w.WriteHeader(http.StatusAccepted)
	h.wg.Go(func() { h.verify(req) })
}

// verify calls the callback to confirm (or deny) a request.
func (h *Hub) verify(req Request) {
	h.mu.Lock()
	reason := h.deny
	h.mu.Unlock()
	lease := time.Duration(req.LeaseSeconds) * time.Second
	if h.GrantLease > 0 || lease <= 0 {
		lease = max(h.GrantLease, time.Second)
	}
	q := url.Values{"hub.topic": {req.Topic}}
	mode := req.Mode
	challenge := rand.Text()
	switch {
	case mode == "subscribe" && reason != "":
		mode = "denied"
		q.Set("hub.reason", reason)
	case mode == "subscribe":
		q.Set("hub.lease_seconds", strconv.Itoa(int(lease/time.Second)))
		q.Set("hub.challenge", challenge)
	default:
		q.Set("hub.challenge", challenge)
	}
	q.Set("hub.mode", mode)
	v := Verification{Request: req, Mode: mode}
	sep := "?"
	if strings.Contains(req.Callback, "?") {
		sep = "&"
	}
	resp, err := h.client.Get(req.Callback + sep + q.Encode())
	if err == nil {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
		resp.Body.Close()
		v.Status = resp.StatusCode
		v.OK = resp.StatusCode/100 == 2 && (mode == "denied" || string(body) == challenge)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if v.OK && mode == "subscribe" {
		if h.subs[req.Topic] == nil {
			h.subs[req.Topic] = map[string]subscriber{}
		}
		h.subs[req.Topic][req.Callback] = subscriber{callback: req.Callback, secret: req.Secret, until: time.Now().Add(lease)}
	}
	if v.OK && mode == "unsubscribe" {
		delete(h.subs[req.Topic], req.Callback)
	}
	h.verified = append(h.verified, v)
	close(h.changed)
	h.changed = make(chan struct{})
}

// Subscribers counts the verified subscribers of topic.
func (h *Hub) Subscribers(topic string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs[topic])
}

// Publish pushes body to every verified subscriber of topic, signed with
// sha256 and each one's secret, and returns the status each answered.
func (h *Hub) Publish(topic, contentType string, body []byte) ([]int, error) {
	return h.push(topic, contentType, body, func(secret string) string {
		if secret == "" {
			return ""
		}
		m := hmac.New(sha256.New, []byte(secret))
		m.Write(body)
		return "sha256=" + hex.EncodeToString(m.Sum(nil))
	})
}

// PublishSigned pushes body to every verified subscriber of topic with
// the X-Hub-Signature value sign returns for its secret ("" sends none),
// to test forged and unsigned pushes.
func (h *Hub) PublishSigned(topic, contentType string, body []byte, sign func(secret string) string) ([]int, error) {
	return h.push(topic, contentType, body, sign)
}

func (h *Hub) push(topic, contentType string, body []byte, sign func(string) string) ([]int, error) {
	h.mu.Lock()
	var subs []subscriber
	for _, s := range h.subs[topic] {
		subs = append(subs, s)
	}
	h.mu.Unlock()
	if len(subs) == 0 {
		return nil, fmt.Errorf("websubtest: no subscribers of %s", topic)
	}
	var codes []int
	for _, s := range subs {
		req, err := http.NewRequest(http.MethodPost, s.callback, strings.NewReader(string(body)))
		if err != nil {
			return codes, err
		}
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Link", "<"+h.URL+`>; rel="hub", <`+topic+`>; rel="self"`)
		if sig := sign(s.secret); sig != "" {
			req.Header.Set("X-Hub-Signature", sig)
		}
		resp, err := h.client.Do(req)
		if err != nil {
			return codes, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		codes = append(codes, resp.StatusCode)
	}
	return codes, nil
}
