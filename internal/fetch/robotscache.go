package fetch

import (
	"context"
	"errors"
	"net/url"
	"sync"
	"time"
)

// Robots file handling.
const (
	// robotsTTL is how long a host's robots.txt is trusted before it is
	// fetched again.
	robotsTTL = time.Hour
	// robotsMaxBytes caps a robots.txt body; the standard asks crawlers to
	// read at least 500 KiB.
	robotsMaxBytes = 512 << 10
	// maxCrawlDelay is the longest Crawl-delay honoured: a longer one would
	// make every request to the host wait past its own timeout.
	maxCrawlDelay = 30 * time.Second
	// robotsHosts caps the hosts whose robots.txt is kept in memory.
	robotsHosts = 4096
)

// ErrDisallowed means the host's robots.txt does not let this client fetch
// the URL. Trying again will not help.
var ErrDisallowed = errors.New("disallowed by robots.txt")

// robotsCache keeps each origin's parsed robots.txt for robotsTTL.
type robotsCache struct {
	mu      sync.Mutex
	origins map[string]*robotsEntry
	delays  map[string]time.Duration // Crawl-delay by host name
}

// robotsEntry is one origin's robots.txt; ready is closed once it is
// known, so concurrent requests to one origin fetch it once.
type robotsEntry struct {
	ready   chan struct{}
	robots  *Robots // nil: allow all
	expires time.Time
}

func newRobotsCache() *robotsCache {
	return &robotsCache{origins: map[string]*robotsEntry{}, delays: map[string]time.Duration{}}
}

// delay returns the Crawl-delay that host's robots.txt asked of this
// client, 0 when none is known.
func (rc *robotsCache) delay(host string) time.Duration {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.delays[host]
}

// robotsAllowed reports whether u may be fetched under its host's
// robots.txt for agent, fetching that file first when it is not cached.
// A robots.txt that answers 4xx allows everything, as does one that cannot
// be fetched (5xx, unreachable, too large), so that an outage of that file
// never stops a site from being read. sameHost tells whether u is on the
// host r was made for, the only one r's headers may go to.
func (c *Client) robotsAllowed(ctx context.Context, u *url.URL, r Request, agent string, sameHost bool) (bool, error) {
	origin := u.Scheme + "://" + u.Host
	rc := c.robots
	now := time.Now()
	rc.mu.Lock()
	e := rc.origins[origin]
	if e != nil && !e.expires.IsZero() && now.After(e.expires) {
		e = nil
	}
	mine := e == nil
	if mine {
		if len(rc.origins) >= robotsHosts {
			for k, old := range rc.origins {
				if !old.expires.IsZero() && now.After(old.expires) || len(rc.origins) >= robotsHosts {
					delete(rc.origins, k)
				}
			}
			if len(rc.delays) >= robotsHosts {
				clear(rc.delays)
			}
		}
		e = &robotsEntry{ready: make(chan struct{})}
		rc.origins[origin] = e
	}
	rc.mu.Unlock()

	if mine {
		robots := c.fetchRobots(ctx, u, r, sameHost)
		rc.mu.Lock()
		e.robots = robots
		e.expires = time.Now().Add(robotsTTL)
		if ctx.Err() != nil {
			// The caller gave up: what was read says nothing of the host.
			e.expires = time.Now()
		}
		if d := min(robots.CrawlDelay(agent), maxCrawlDelay); d > 0 {
			rc.delays[u.Hostname()] = d
		} else {
			delete(rc.delays, u.Hostname())
		}
		rc.mu.Unlock()
		close(e.ready)
	} else {
		select {
		case <-e.ready:
		case <-ctx.Done():
			return false, context.Cause(ctx)
		}
	}
	if ctx.Err() != nil {
		return false, context.Cause(ctx)
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return e.robots.Allowed(agent, path), nil
}

// fetchRobots gets and parses the robots.txt of u's origin through the
// client's own checks, with r's user agent and, when sameHost, r's headers.
// Any failure allows all.
func (c *Client) fetchRobots(ctx context.Context, u *url.URL, r Request, sameHost bool) *Robots {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	rr := Request{
		URL:          ru.String(),
		AllowPrivate: r.AllowPrivate,
		Accept:       "text/plain, */*;q=0.5",
		UserAgent:    r.UserAgent,
	}
	if sameHost {
		rr.Header = r.Header
	}
	resp, err := c.getLimited(ctx, rr, min(c.opts.MaxBytes, robotsMaxBytes))
	if err != nil || resp.NotModified {
		return ParseRobots(nil) // 4xx, 5xx or unreachable: allow all
	}
	return ParseRobots(resp.Body)
}
