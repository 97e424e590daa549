package fetch

import (
	"bufio"
	"bytes"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Robots is a parsed robots.txt file (RFC 9309), with the non-standard
// Crawl-delay line read as well.
type Robots struct {
	groups []robotsGroup
}

// robotsGroup is one set of user-agent lines and the rules under them.
type robotsGroup struct {
	agents []string // lower-case product tokens, "*" for any
	rules  []robotsRule
	delay  time.Duration
}

// robotsRule is one Allow or Disallow line.
type robotsRule struct {
	allow   bool
	pattern string
}

// ParseRobots reads a robots.txt body. Lines it does not understand are
// skipped, as the standard asks; an empty or unreadable file allows all.
func ParseRobots(body []byte) *Robots {
	r := &Robots{}
	var cur *robotsGroup
	inAgents := false
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		switch key {
		case "user-agent":
			if !inAgents {
				r.groups = append(r.groups, robotsGroup{})
				cur = &r.groups[len(r.groups)-1]
			}
			inAgents = true
			cur.agents = append(cur.agents, strings.ToLower(val))
		case "allow", "disallow":
			inAgents = false
			if cur == nil {
				continue
			}
			if val == "" {
				continue // "Disallow:" with nothing allows everything
			}
			cur.rules = append(cur.rules, robotsRule{allow: key == "allow", pattern: val})
		case "crawl-delay":
			inAgents = false
			if cur == nil {
				continue
			}
			if f, err := strconv.ParseFloat(val, 64); err == nil && f > 0 {
				cur.delay = time.Duration(min(f, 3600) * float64(time.Second))
			}
		default:
			// Sitemap and unknown lines neither end nor start a group.
		}
	}
	return r
}

// match returns the groups that apply to agent: those naming its product
// token, or else those for "*".
func (r *Robots) match(agent string) []*robotsGroup {
	token := strings.ToLower(agent)
	if i := strings.IndexAny(token, "/ "); i >= 0 {
		token = token[:i]
	}
	var named, star []*robotsGroup
	for i := range r.groups {
		g := &r.groups[i]
		switch {
		case slices.Contains(g.agents, token):
			named = append(named, g)
		case slices.Contains(g.agents, "*"):
			star = append(star, g)
		}
	}
	if len(named) > 0 {
		return named
	}
	return star
}

// Allowed reports whether agent (a User-Agent such as "newsdesk/0.1 (...)";
// its product token is what is matched) may fetch path, which holds the
// path and query of a URL. The longest matching rule wins; on a tie, Allow.
func (r *Robots) Allowed(agent, path string) bool {
	if path == "" {
		path = "/"
	}
	if path == "/robots.txt" {
		return true
	}
	best, allow := -1, true
	for _, g := range r.match(agent) {
		for _, rule := range g.rules {
			if !robotsMatch(rule.pattern, path) {
				continue
			}
			n := len(rule.pattern)
			if n > best || n == best && rule.allow {
				best, allow = n, rule.allow
			}
		}
	}
	return allow
}

// CrawlDelay returns the Crawl-delay asked of agent, 0 when none.
func (r *Robots) CrawlDelay(agent string) time.Duration {
	var d time.Duration
	for _, g := range r.match(agent) {
		d = max(d, g.delay)
	}
	return d
}

// robotsMatch matches a rule pattern, with "*" for any run of characters
// and a final "$" anchoring the end, against the start of path.
func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	pattern = strings.TrimSuffix(pattern, "$")
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	if len(parts) == 1 {
		return !anchored || rest == ""
	}
	for i, p := range parts[1:] {
		last := i == len(parts)-2
		if last && anchored {
			return strings.HasSuffix(rest, p)
		}
		j := strings.Index(rest, p)
		if j < 0 {
			return false
		}
		rest = rest[j+len(p):]
	}
	return true
}
