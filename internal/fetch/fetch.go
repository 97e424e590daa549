// Package fetch is newsdesk's one outbound HTTP client. It reaches only
// public addresses unless a request says otherwise (the address dialled is
// checked after DNS and on every redirect), caps the time a request may take
// and the size of what it returns before and after decompression, speaks
// conditional GET, reads Retry-After, keeps to a per-host concurrency limit
// and interval, obeys robots.txt (and its Crawl-delay) for the requests
// that ask, and converts bodies to UTF-8 on request.
package fetch

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Options configures a Client. Zero fields take the defaults shown.
type Options struct {
	// UserAgent is sent with every request.
	UserAgent string // default DefaultUserAgent
	// Timeout bounds a whole Get: every redirect hop and the body.
	Timeout time.Duration // default 30s
	// ConnectTimeout bounds one TCP connect and one TLS handshake.
	ConnectTimeout time.Duration // default 10s
	// HeaderTimeout bounds the wait for response headers once the request is sent.
	HeaderTimeout time.Duration // default 15s
	// MaxBytes caps the body, both as sent and once decompressed.
	MaxBytes int64 // default 10 MiB
	// MaxRedirects caps the redirects followed by one Get.
	MaxRedirects int // default 10
	// PerHost caps the requests in flight to one host.
	PerHost int // default 2
	// MinInterval is the least time between the starts of two requests to one host.
	MinInterval time.Duration // default 0
	// Schedule, when set, books the start of the next request to a host
	// with every other process that shares it (a store, say), in place of
	// the in-process MinInterval; the request waits until the time it
	// returns. interval is the least spacing the host itself asked for
	// (its robots.txt Crawl-delay), 0 when it asked for none; the booking
	// should keep the larger of it and its own spacing.
	Schedule func(ctx context.Context, host string, interval time.Duration) (time.Time, error)
	// Resolver looks up host names; nil means the system resolver.
	Resolver Resolver
	// Proxy picks a proxy for a request, as http.ProxyFromEnvironment does;
	// nil means no proxy. The target host is resolved and checked before a
	// request is handed to a proxy; the proxy's own address is not checked.
	Proxy func(*http.Request) (*url.URL, error)
}

// Defaults of Options.
const (
	DefaultUserAgent      = "newsdesk/0.1 (+https://github.com/newsdesk/newsdesk)"
	DefaultTimeout        = 30 * time.Second
	DefaultConnectTimeout = 10 * time.Second
	DefaultHeaderTimeout  = 15 * time.Second
	DefaultMaxBytes       = 10 << 20
	DefaultMaxRedirects   = 10
	DefaultPerHost        = 2
)

// withDefaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	if o.HeaderTimeout <= 0 {
		o.HeaderTimeout = DefaultHeaderTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.PerHost <= 0 {
		o.PerHost = DefaultPerHost
	}
	if o.MinInterval < 0 {
		o.MinInterval = 0
	}
	if o.Resolver == nil {
		o.Resolver = net.DefaultResolver
	}
	return o
}

// Client fetches URLs. It is safe for concurrent use; make one per process
// and share it, so the per-host limits hold across callers.
type Client struct {
	opts    Options
	guarded *http.Transport // checks every address dialled
	open    *http.Transport // for requests with AllowPrivate
	hosts   *hostLimiter
	robots  *robotsCache
}

// New returns a Client with o's settings, defaults filling the zero fields.
func New(o Options) *Client {
	o = o.withDefaults()
	c := &Client{opts: o, hosts: newHostLimiter(o.PerHost, o.MinInterval), robots: newRobotsCache()}
	c.hosts.schedule = o.Schedule
	c.hosts.hostInterval = c.robots.delay
	c.guarded = c.transport(true)
	c.open = c.transport(false)
	return c
}

// transport builds one of the client's two transports. They are kept apart
// so that a connection opened for a request allowed to reach a private
// address is never reused by one that is not.
func (c *Client) transport(guarded bool) *http.Transport {
	d := newDialer(c.opts.Resolver, c.opts, guarded)
	return &http.Transport{
		Proxy:                  c.proxyFunc(guarded),
		DialContext:            d.DialContext,
		TLSHandshakeTimeout:    c.opts.ConnectTimeout,
		ResponseHeaderTimeout:  c.opts.HeaderTimeout,
		ExpectContinueTimeout:  time.Second,
		MaxIdleConns:           64,
		MaxIdleConnsPerHost:    c.opts.PerHost,
		IdleConnTimeout:        90 * time.Second,
		MaxResponseHeaderBytes: 1 << 20,
		DisableCompression:     true, // decompression is done here, under the caps
		ForceAttemptHTTP2:      true,
	}
}

// proxyFunc wraps Options.Proxy: when a request goes through a proxy, the
// target host is checked here, since the dialler only sees the proxy.
func (c *Client) proxyFunc(guarded bool) func(*http.Request) (*url.URL, error) {
	if c.opts.Proxy == nil {
		return nil
	}
	return func(req *http.Request) (*url.URL, error) {
		pu, err := c.opts.Proxy(req)
		if err != nil || pu == nil {
			return pu, err
		}
		ctx := req.Context()
		if guarded {
			if err := c.checkResolved(ctx, req.URL.Hostname()); err != nil {
				return nil, err
			}
		}
		if st, ok := ctx.Value(guardKey{}).(*guardState); ok {
			port := pu.Port()
			if port == "" {
				port = map[string]string{"http": "80", "https": "443", "socks5": "1080", "socks5h": "1080"}[pu.Scheme]
			}
			st.proxyAddr = net.JoinHostPort(pu.Hostname(), port)
		}
		return pu, nil
	}
}

// checkResolved resolves host and refuses it when any address is not public.
func (c *Client) checkResolved(ctx context.Context, host string) error {
	if a, err := parseLiteral(host); err == nil {
		return CheckAddr(a)
	}
	if err := checkName(strings.ToLower(strings.TrimSuffix(host, "."))); err != nil {
		return err
	}
	addrs, err := c.opts.Resolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return fmt.Errorf("cannot resolve %s: %w", host, plainDNSError(err))
	}
	for _, a := range addrs {
		if k := Classify(a); k != "" {
			return &BlockedError{Host: host, Addr: a, Reason: k}
		}
	}
	return nil
}

// Request is one GET.
type Request struct {
	// URL is the absolute http or https URL to fetch.
	URL string
	// ETag and LastModified, from an earlier response, make the request
	// conditional (If-None-Match, If-Modified-Since).
	ETag, LastModified string
	// AllowPrivate lets this request reach loopback and private addresses;
	// only a source's explicit setting should turn it on.
	AllowPrivate bool
	// Accept is the Accept header; "" sends "*/*".
	Accept string
	// Header holds extra headers. They are sent only to the host of URL,
	// never to another host a redirect leads to.
	Header http.Header
	// UserAgent, when set, is sent in place of Options.UserAgent (and is
	// the agent robots.txt rules are matched against).
	UserAgent string
	// Robots makes Get obey robots.txt: before each hop, the host's
	// robots.txt is consulted (fetched through this client, cached for an
	// hour) and a URL it disallows fails with ErrDisallowed. Set it for
	// article pages; a feed is offered on purpose and is fetched without.
	// The host's Crawl-delay, when longer than MinInterval (at most 30s),
	// then spaces every request to it.
	Robots bool

	// form, when not nil, makes the request a form POST (see PostForm).
	form url.Values
}

// Response is what a Get returned.
type Response struct {
	// URL is the final URL, after redirects.
	URL string
	// Status is the HTTP status code (2xx or 304).
	Status int
	// Header holds the final response's headers.
	Header http.Header
	// ContentType is the Content-Type header.
	ContentType string
	// Body is the body, decompressed, in its own charset; nil on 304.
	Body []byte
	// NotModified is true on 304; Body is then empty.
	NotModified bool
	// ETag and LastModified are the validators to send next time; on a 304
	// without them, the request's are kept.
	ETag, LastModified string
}

// StatusError is returned when the final response has a status other than
// 2xx or 304.
type StatusError struct {
	// URL is the URL that answered.
	URL string
	// Code is the HTTP status code.
	Code int
	// RetryAfter is the wait the server asked for in Retry-After, in
	// seconds or as a date; 0 when it asked for none.
	RetryAfter time.Duration
}

// Error reads like "fetch https://x/feed: HTTP 503 Service Unavailable (retry after 2m0s)".
func (e *StatusError) Error() string {
	s := fmt.Sprintf("fetch %s: HTTP %d", e.URL, e.Code)
	if t := http.StatusText(e.Code); t != "" {
		s += " " + t
	}
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return s
}

// Kinds of failure, for errors.Is. The errors returned carry a plain
// message of their own and wrap one of these.
var (
	// ErrTooLarge means the body went over MaxBytes.
	ErrTooLarge = errors.New("body too large")
	// ErrTimeout means the request took longer than one of the timeouts.
	ErrTimeout = errors.New("timed out")
	// ErrTooManyRedirects means a redirect loop or more than MaxRedirects hops.
	ErrTooManyRedirects = errors.New("too many redirects")
)

// kindError is an error with a plain message that unwraps to a kind.
type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

// Get fetches r.URL, following redirects. It returns a *StatusError for a
// final status other than 2xx and 304; other errors read like
// "fetch http://x/feed: refused: 10.0.0.1 is a private address" and wrap a
// *BlockedError, ErrTooLarge, ErrTimeout or ErrTooManyRedirects when one of
// those was the cause; a URL that robots.txt disallows (with r.Robots)
// gives "fetch URL: disallowed by robots.txt", which wraps ErrDisallowed.
func (c *Client) Get(ctx context.Context, r Request) (*Response, error) {
	return c.getLimited(ctx, r, c.opts.MaxBytes)
}

// getLimited is Get with its own cap on the body.
func (c *Client) getLimited(ctx context.Context, r Request, maxBytes int64) (*Response, error) {
	ctx, cancel := context.WithTimeoutCause(ctx, c.opts.Timeout,
		&kindError{ErrTimeout, "timed out after " + c.opts.Timeout.String()})
	defer cancel()
	resp, err := c.get(ctx, r, maxBytes)
	if err != nil {
		var se *StatusError
		if errors.As(err, &se) {
			return nil, se
		}
		return nil, fmt.Errorf("fetch %s: %w", strings.TrimSpace(r.URL), c.plain(ctx, err))
	}
	return resp, nil
}

// get follows the redirect chain of r.
func (c *Client) get(ctx context.Context, r Request, maxBytes int64) (*Response, error) {
	raw := strings.TrimSpace(r.URL)
	if strings.ContainsAny(raw, "\\\t\r\n") {
		return nil, &BlockedError{Reason: "the URL holds a backslash or a control character"}
	}
	cur, err := url.Parse(raw)
	if err != nil {
		return nil, &BlockedError{Reason: "unreadable URL: " + plainURLError(err)}
	}
	first, err := checkTarget(cur, !r.AllowPrivate)
	if err != nil {
		return nil, err
	}
	origin := first.Host
	seen := map[string]bool{}
	for hop := 0; ; hop++ {
		target, err := checkTarget(cur, !r.AllowPrivate)
		if err != nil {
			return nil, fmt.Errorf("redirect to %s: %w", cur.Redacted(), err)
		}
		key := target.String()
		if seen[key] {
			return nil, &kindError{ErrTooManyRedirects, "too many redirects (loop back to " + target.Redacted() + ")"}
		}
		seen[key] = true
		if r.Robots {
			ok, err := c.robotsAllowed(ctx, target, r, c.agent(r), target.Host == origin)
			if err != nil {
				return nil, err
			}
			if !ok {
				if hop > 0 {
					return nil, &kindError{ErrDisallowed, "redirect to " + target.Redacted() + ": disallowed by robots.txt"}
				}
				return nil, &kindError{ErrDisallowed, "disallowed by robots.txt"}
			}
		}
		resp, release, err := c.roundTrip(ctx, target, r, target.Host == origin)
		if err != nil {
			return nil, err
		}
		if loc := resp.Header.Get("Location"); isRedirect(resp.StatusCode) && loc != "" {
			drain(resp.Body)
			release()
			if r.form != nil {
				// A form is not sent on to wherever a redirect points.
				return nil, &StatusError{URL: target.String(), Code: resp.StatusCode}
			}
			if hop >= c.opts.MaxRedirects {
				return nil, &kindError{ErrTooManyRedirects, fmt.Sprintf("too many redirects (more than %d)", c.opts.MaxRedirects)}
			}
			next, err := target.Parse(strings.TrimSpace(loc))
			if err != nil {
				return nil, &BlockedError{Reason: "redirect to an unreadable URL: " + plainURLError(err)}
			}
			cur = next
			continue
		}
		out, err := c.finish(ctx, target, resp, r, maxBytes)
		release()
		return out, err
	}
}

// isRedirect reports whether code is a redirect that names a new location.
func isRedirect(code int) bool {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// drain reads a little of an unwanted body so its connection can be reused,
// then closes it.
func drain(b io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(b, 64<<10))
	_ = b.Close()
}

// roundTrip sends one request to u, within the per-host limits. The caller
// must call release once it is done with the response.
func (c *Client) roundTrip(ctx context.Context, u *url.URL, r Request, sameHost bool) (*http.Response, func(), error) {
	release, err := c.hosts.acquire(ctx, u.Hostname())
	if err != nil {
		return nil, nil, err
	}
	ctx = context.WithValue(ctx, guardKey{}, &guardState{})
	method, body := http.MethodGet, io.Reader(nil)
	if r.form != nil {
		method, body = http.MethodPost, strings.NewReader(r.form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		release()
		return nil, nil, err
	}
	if r.form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if sameHost {
		for k, vs := range r.Header {
			for _, v := range vs {
				req.Header.Add(k, v)
			}
		}
	}
	req.Header.Set("User-Agent", c.agent(r))
	accept := r.Accept
	if accept == "" {
		accept = "*/*"
	}
	req.Header.Set("Accept", accept)
	req.Header.Set("Accept-Encoding", "gzip, deflate, br")
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	if u.User != nil && sameHost {
		pw, _ := u.User.Password()
		req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(u.User.Username()+":"+pw)))
	}
	t := c.guarded
	if r.AllowPrivate {
		t = c.open
	}
	resp, err := t.RoundTrip(req)
	if err != nil {
		release()
		return nil, nil, err
	}
	return resp, release, nil
}

// agent is the User-Agent sent with r.
func (c *Client) agent(r Request) string {
	if ua := strings.TrimSpace(r.UserAgent); ua != "" && !strings.ContainsAny(ua, "\r\n") {
		return ua
	}
	return c.opts.UserAgent
}

// finish turns the final response into a Response or a StatusError.
func (c *Client) finish(ctx context.Context, u *url.URL, resp *http.Response, r Request, maxBytes int64) (*Response, error) {
	defer func() { _ = resp.Body.Close() }()
	out := &Response{
		URL:          u.String(),
		Status:       resp.StatusCode,
		Header:       resp.Header,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		if out.ETag == "" {
			out.ETag = r.ETag
		}
		if out.LastModified == "" {
			out.LastModified = r.LastModified
		}
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		drain(resp.Body)
		return nil, &StatusError{URL: out.URL, Code: resp.StatusCode, RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())}
	}
	body, err := readBody(resp, maxBytes)
	if err != nil {
		return nil, err
	}
	out.Body = body
	return out, nil
}

// parseRetryAfter reads a Retry-After value in seconds or as an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		const most = 365 * 24 * 3600
		return time.Duration(min(n, most)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now).Round(time.Second)
	}
	return 0
}

// plain rewrites the errors of the transport and the network in plain words.
func (c *Client) plain(ctx context.Context, err error) error {
	var be *BlockedError
	var ke *kindError
	switch {
	case errors.As(err, &be):
		return err
	case errors.As(err, &ke):
		return err
	}
	if ctx.Err() != nil {
		if cause := context.Cause(ctx); errors.As(cause, &ke) {
			return cause
		}
		return err // the caller's context ended; say so as it is
	}
	msg := err.Error()
	if strings.Contains(msg, "timeout awaiting response headers") {
		return &kindError{ErrTimeout, "no response headers within " + c.opts.HeaderTimeout.String()}
	}
	if strings.Contains(msg, "TLS handshake timeout") {
		return &kindError{ErrTimeout, "TLS handshake took longer than " + c.opts.ConnectTimeout.String()}
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		if oe.Timeout() {
			return &kindError{ErrTimeout, fmt.Sprintf("could not connect to %s within %s", oe.Addr, c.opts.ConnectTimeout)}
		}
		var errno syscall.Errno
		var se *os.SyscallError
		switch {
		case errors.As(err, &errno):
			return fmt.Errorf("cannot connect to %s: %s", oe.Addr, errno.Error())
		case errors.As(err, &se):
			return fmt.Errorf("cannot connect to %s: %w", oe.Addr, se.Err)
		}
		return fmt.Errorf("cannot connect to %s: %w", oe.Addr, oe.Err)
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return &kindError{ErrTimeout, "timed out: " + msg}
	}
	return err
}

// plainURLError drops the "parse URL:" preamble of a url.Error.
func plainURLError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return strings.TrimPrefix(ue.Err.Error(), "net/url: ")
	}
	return err.Error()
}

// parseLiteral reads an address literal in any form this package accepts.
func parseLiteral(host string) (a netip.Addr, err error) {
	u := &url.URL{Host: host}
	if strings.Contains(host, ":") {
		u.Host = "[" + host + "]"
	}
	ht, err := parseHost(u)
	if err != nil {
		return a, err
	}
	if !ht.addr.IsValid() {
		return a, errors.New("not an address")
	}
	return ht.addr, nil
}
