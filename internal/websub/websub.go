// Package websub is the subscriber side of W3C WebSub for newsdesk's
// ingestion: it finds the hub and topic a feed announces, asks the hub for
// subscriptions (and to end them) through the guarded fetcher, and serves
// the callback address where the hub verifies those requests and pushes
// new content, signed with a secret of each subscription's own.
//
// The subscriptions themselves live in the store; the pipeline decides
// when to subscribe and renew, and saves pushed items the way it saves
// polled ones.
package websub

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"newsdesk/internal/feed"
	"newsdesk/internal/fetch"
	"newsdesk/internal/news"
)

// CallbackPath is where the callback handler is mounted, with the
// subscription's token as its last segment.
const CallbackPath = "/websub/"

// DefaultLease is the lease asked of a hub when no other is configured.
// Hubs grant what they like; the lease they grant is what counts.
const DefaultLease = 7 * 24 * time.Hour

// Discover returns the hub a feed announces and the topic to subscribe to
// there, or hub "" when it announces none. The HTTP Link header of the
// feed's response (header may be nil) names both before the document
// does, as WebSub's discovery says; the topic is the feed's self link,
// and the feed's own address when it names none. Only http and https
// addresses are returned.
func Discover(f *feed.Feed, header http.Header, feedURL string) (hub, topic string) {
	linkHub, linkSelf := linkHeader(header, feedURL)
	hub = firstHTTP(linkHub, f.Hub)
	topic = firstHTTP(linkSelf, f.Self, feedURL)
	if hub == "" || topic == "" {
		return "", ""
	}
	return hub, topic
}

// firstHTTP returns the first of urls that is an absolute http or https
// address, or "".
func firstHTTP(urls ...string) string {
	for _, s := range urls {
		s = strings.TrimSpace(s)
		u, err := url.Parse(s)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			continue
		}
		return s
	}
	return ""
}

// linkHeader reads the first rel="hub" and rel="self" targets of the Link
// header fields, resolved against base.
func linkHeader(h http.Header, base string) (hub, self string) {
	if h == nil {
		return "", ""
	}
	b, _ := url.Parse(base)
	for _, field := range h.Values("Link") {
		for _, link := range splitLinks(field) {
			target, params, ok := strings.Cut(link, ">")
			target = strings.TrimSpace(target)
			if !ok || !strings.HasPrefix(target, "<") {
				continue
			}
			target = strings.TrimPrefix(target, "<")
			if b != nil {
				if u, err := b.Parse(target); err == nil {
					target = u.String()
				}
			}
			for _, p := range strings.Split(params, ";") {
				name, val, _ := strings.Cut(strings.TrimSpace(p), "=")
				if !strings.EqualFold(strings.TrimSpace(name), "rel") {
					continue
				}
				for _, rel := range strings.Fields(strings.Trim(strings.TrimSpace(val), `"`)) {
					switch strings.ToLower(rel) {
					case "hub":
						if hub == "" {
							hub = target
						}
					case "self":
						if self == "" {
							self = target
						}
					}
				}
			}
		}
	}
	return hub, self
}

// splitLinks splits a Link header field at the commas between links,
// leaving commas inside <...> and quotes alone.
func splitLinks(field string) []string {
	var out []string
	inURL, inQuote, start := false, false, 0
	for i, r := range field {
		switch {
		case r == '<' && !inQuote:
			inURL = true
		case r == '>' && !inQuote:
			inURL = false
		case r == '"' && !inURL:
			inQuote = !inQuote
		case r == ',' && !inURL && !inQuote:
			out = append(out, field[start:i])
			start = i + 1
		}
	}
	return append(out, field[start:])
}

// NewToken returns a fresh random callback token (128 bits, URL-safe).
func NewToken() string { return strings.ToLower(rand.Text()) }

// NewSecret returns a fresh random hub.secret (256 bits, 52 characters;
// the spec allows up to 200 bytes).
func NewSecret() string { return rand.Text() + rand.Text() }

// signers are the hash functions a hub may sign content with, by the name
// X-Hub-Signature gives them.
var signers = map[string]func() hash.Hash{
	"sha1":   sha1.New,
	"sha256": sha256.New,
	"sha384": sha512.New384,
	"sha512": sha512.New,
}

// Sign returns the X-Hub-Signature value a hub sends with body under
// secret, using method (sha1, sha256, sha384 or sha512); "" for another
// method.
func Sign(method, secret string, body []byte) string {
	newHash, ok := signers[method]
	if !ok {
		return ""
	}
	m := hmac.New(newHash, []byte(secret))
	m.Write(body)
	return method + "=" + hex.EncodeToString(m.Sum(nil))
}

// VerifySignature reports whether sig, an X-Hub-Signature value such as
// "sha256=9f86…", is the HMAC of body under secret with one of the
// methods WebSub names (sha1, sha256, sha384, sha512). The comparison
// takes the same time whatever the signature holds.
func VerifySignature(secret string, body []byte, sig string) bool {
	method, digest, ok := strings.Cut(strings.TrimSpace(sig), "=")
	if !ok {
		return false
	}
	method = strings.ToLower(method)
	newHash, ok := signers[method]
	if !ok {
		return false
	}
	got, err := hex.DecodeString(strings.ToLower(digest))
	if err != nil {
		return false
	}
	m := hmac.New(newHash, []byte(secret))
	m.Write(body)
	return hmac.Equal(got, m.Sum(nil))
}

// IsLocalAddress reports whether the host of a base URL is one that a hub
// elsewhere on the Internet cannot call back: a loopback or unspecified
// address, "localhost" or a name under it, or no host at all.
func IsLocalAddress(baseURL string) bool {
	u, err := url.Parse(strings.TrimSpace(baseURL))
	if err != nil {
		return true
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if host == "" || host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	a = a.Unmap()
	return a.IsLoopback() || a.IsUnspecified()
}

// Poster sends a form POST through the guarded fetcher; *fetch.Client is
// one.
type Poster interface {
	PostForm(ctx context.Context, r fetch.Request, form url.Values) (*fetch.Response, error)
}

// ClientOptions configure a Client.
type ClientOptions struct {
	// Poster sends the requests to hubs.
	Poster Poster
	// BaseURL is the site's public address; callbacks are
	// BaseURL + CallbackPath + token.
	BaseURL string
	// Lease is the lease asked for; DefaultLease when 0.
	Lease time.Duration
}

// Client sends subscription requests to hubs. It is safe for concurrent
// use.
type Client struct {
	o ClientOptions
}

// NewClient returns a Client with o's settings.
func NewClient(o ClientOptions) *Client {
	if o.Lease <= 0 {
		o.Lease = DefaultLease
	}
	o.BaseURL = strings.TrimRight(o.BaseURL, "/")
	return &Client{o: o}
}

// CallbackURL is the callback address of the subscription with token.
func (c *Client) CallbackURL(token string) string {
	return c.o.BaseURL + CallbackPath + url.PathEscape(token)
}

// Subscribe asks sub.Hub to subscribe the callback of sub.Token to
// sub.Topic, with sub.Secret to sign what it pushes. The hub verifies the
// request by calling the callback, before or after it answers. A hub on a
// private address is refused unless allowPrivate (the source's setting).
func (c *Client) Subscribe(ctx context.Context, sub news.Subscription, allowPrivate bool) error {
	form := url.Values{
		"hub.mode":          {"subscribe"},
		"hub.topic":         {sub.Topic},
		"hub.callback":      {c.CallbackURL(sub.Token)},
		"hub.lease_seconds": {strconv.FormatInt(int64(c.o.Lease/time.Second), 10)},
	}
	if sub.Secret != "" {
		form.Set("hub.secret", sub.Secret)
	}
	return c.send(ctx, sub, form, allowPrivate)
}

// Unsubscribe asks sub.Hub to end the subscription of sub.Token's
// callback to sub.Topic; the hub verifies it through the callback.
func (c *Client) Unsubscribe(ctx context.Context, sub news.Subscription, allowPrivate bool) error {
	form := url.Values{
		"hub.mode":     {"unsubscribe"},
		"hub.topic":    {sub.Topic},
		"hub.callback": {c.CallbackURL(sub.Token)},
	}
	return c.send(ctx, sub, form, allowPrivate)
}

// send posts form to the hub; any 2xx answer (202 Accepted, as a rule)
// means the hub took the request.
func (c *Client) send(ctx context.Context, sub news.Subscription, form url.Values, allowPrivate bool) error {
	if c.o.Poster == nil {
		return fmt.Errorf("websub: %s: no poster configured: %w", sub.Hub, news.ErrUnavailable)
	}
	if firstHTTP(sub.Hub) == "" {
		return fmt.Errorf("websub: %q is not an http or https address: %w", sub.Hub, news.ErrInvalid)
	}
	_, err := c.o.Poster.PostForm(ctx, fetch.Request{URL: sub.Hub, AllowPrivate: allowPrivate}, form)
	if err != nil {
		return fmt.Errorf("websub: %s %s at %s: %w", form.Get("hub.mode"), sub.Topic, sub.Hub, err)
	}
	return nil
}

// hostOf returns the host of a URL for log lines, or the URL itself.
func hostOf(s string) string {
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		if h, _, err := net.SplitHostPort(u.Host); err == nil {
			return h
		}
		return u.Host
	}
	return s
}
