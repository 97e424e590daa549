// Package config holds newsdesk's typed configuration: defaults, parsing
// from flags with NEWSDESK_* environment variables as defaults, and
// validation. It imports only the standard library.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"newsdesk/internal/news"
)

// Config is everything newsdesk can be told at start-up.
type Config struct {
	// Addr is the listen address of the site, "127.0.0.1:8080".
	Addr string
	// MetricsAddr is a separate listen address for /metrics; when empty,
	// /metrics is served on Addr to administrators only.
	MetricsAddr string
	// DB is the store's DSN: a SQLite file path or "sqlite:PATH".
	DB string
	// BaseURL is the public address of the site, used in feeds out.
	BaseURL string
	// SiteName is shown in the header and the feeds.
	SiteName string
	// Editions are the language versions of the site, the first is the
	// default. Written as "en:English,de:Deutsch".
	Editions []news.Edition
	// Role says what this process does: "web", "worker" or "all".
	Role string
	// UserAgent is sent with every outbound request.
	UserAgent string
	// Workers is how many items are extracted at once.
	Workers int
	// PollMin and PollMax bound how often a feed is polled.
	PollMin, PollMax time.Duration
	// HostInterval is the least time between two requests to one host.
	HostInterval time.Duration
	// Lease is how long a worker may hold a claimed feed or item before
	// another worker takes it over.
	Lease time.Duration
	// SecureCookies marks session cookies Secure (set behind HTTPS).
	SecureCookies bool
	// LogLevel is debug, info, warn or error.
	LogLevel string
	// WebSub subscribes sources whose feeds announce a WebSub hub, so the
	// hub pushes new items to BaseURL/websub/..., and serves that
	// callback. On by default; it stays idle while BaseURL is a loopback
	// or unspecified address, unless WebSubLocal is set.
	WebSub bool
	// WebSubLocal lets WebSub subscribe even when BaseURL is a loopback or
	// unspecified address (a hub on the same machine, tests).
	WebSubLocal bool
}

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{
		Addr:         "127.0.0.1:8080",
		DB:           "newsdesk.db",
		SiteName:     "newsdesk",
		Editions:     []news.Edition{{Code: "en", Name: "English", Lang: "en"}, {Code: "de", Name: "Deutsch", Lang: "de"}, {Code: "fr", Name: "Français", Lang: "fr"}},
		Role:         "all",
		UserAgent:    "newsdesk/0.1",
		Workers:      4,
		PollMin:      2 * time.Minute,
		PollMax:      2 * time.Hour,
		HostInterval: time.Second,
		Lease:        2 * time.Minute,
		LogLevel:     "info",
		WebSub:       true,
	}
}

// Register adds the common flags to fs, with defaults taken from c and
// then from the environment through getenv (NEWSDESK_ADDR for --addr and
// so on). Parse fs, then call Validate.
func (c *Config) Register(fs *flag.FlagSet, getenv func(string) string) {
	env := func(name, def string) string {
		if v := getenv("NEWSDESK_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))); v != "" {
			return v
		}
		return def
	}
	str := func(p *string, name, usage string) {
		fs.StringVar(p, name, env(name, *p), usage+" (env NEWSDESK_"+strings.ToUpper(strings.ReplaceAll(name, "-", "_"))+")")
	}
	str(&c.Addr, "addr", "listen address of the site")
	str(&c.MetricsAddr, "metrics-addr", "separate listen address for /metrics; empty serves it to admins on --addr")
	str(&c.DB, "db", "store DSN: a SQLite file path")
	str(&c.BaseURL, "base-url", "public address of the site, for links in feeds (default http://ADDR)")
	str(&c.SiteName, "site-name", "name shown in the header and feeds")
	str(&c.Role, "role", "what this process does: web, worker or all")
	str(&c.UserAgent, "user-agent", "User-Agent of outbound requests")
	str(&c.LogLevel, "log-level", "debug, info, warn or error")
	fs.Func("editions", "editions as code:Name[:lang],... the first is the default (env NEWSDESK_EDITIONS)", func(s string) error {
		eds, err := ParseEditions(s)
		if err != nil {
			return err
		}
		c.Editions = eds
		return nil
	})
	if v := env("editions", ""); v != "" {
		if eds, err := ParseEditions(v); err == nil {
			c.Editions = eds
		}
	}
	intVar(fs, &c.Workers, "workers", env("workers", ""), "items extracted at once (env NEWSDESK_WORKERS)")
	durVar(fs, &c.PollMin, "poll-min", env("poll-min", ""), "shortest feed polling interval (env NEWSDESK_POLL_MIN)")
	durVar(fs, &c.PollMax, "poll-max", env("poll-max", ""), "longest feed polling interval (env NEWSDESK_POLL_MAX)")
	durVar(fs, &c.HostInterval, "host-interval", env("host-interval", ""), "least time between requests to one host (env NEWSDESK_HOST_INTERVAL)")
	durVar(fs, &c.Lease, "lease", env("lease", ""), "how long claimed work is reserved for one worker (env NEWSDESK_LEASE)")
	boolVar(fs, &c.SecureCookies, "secure-cookies", env("secure-cookies", ""), "mark session cookies Secure (env NEWSDESK_SECURE_COOKIES)")
	boolVar(fs, &c.WebSub, "websub", env("websub", ""), "subscribe to the WebSub hubs feeds announce and take their pushes at BASE-URL/websub/ (env NEWSDESK_WEBSUB)")
	boolVar(fs, &c.WebSubLocal, "websub-local", env("websub-local", ""), "subscribe to WebSub hubs even when --base-url is a loopback address (env NEWSDESK_WEBSUB_LOCAL)")
}

func intVar(fs *flag.FlagSet, p *int, name, envVal, usage string) {
	if n, err := strconv.Atoi(envVal); err == nil {
		*p = n
	}
	fs.IntVar(p, name, *p, usage)
}

func durVar(fs *flag.FlagSet, p *time.Duration, name, envVal, usage string) {
	if d, err := time.ParseDuration(envVal); err == nil {
		*p = d
	}
	fs.DurationVar(p, name, *p, usage)
}

func boolVar(fs *flag.FlagSet, p *bool, name, envVal, usage string) {
	if b, err := strconv.ParseBool(envVal); err == nil {
		*p = b
	}
	fs.BoolVar(p, name, *p, usage)
}

// ParseEditions reads "en:English,de:Deutsch:de".
func ParseEditions(s string) ([]news.Edition, error) {
	var eds []news.Edition
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		f := strings.Split(part, ":")
		e := news.Edition{Code: f[0], Name: f[0], Lang: f[0]}
		if len(f) > 1 {
			e.Name = f[1]
		}
		if len(f) > 2 {
			e.Lang = f[2]
		}
		if !validCode(e.Code) {
			return nil, fmt.Errorf("config: edition %q: code must be 2-8 lower-case letters or '-'", e.Code)
		}
		eds = append(eds, e)
	}
	if len(eds) == 0 {
		return nil, errors.New("config: no editions given")
	}
	return eds, nil
}

func validCode(s string) bool {
	if len(s) < 2 || len(s) > 8 {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && r != '-' {
			return false
		}
	}
	return true
}

// Validate checks c and fills derived defaults.
func (c *Config) Validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("--addr %q: %w", c.Addr, err))
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			errs = append(errs, fmt.Errorf("--metrics-addr %q: %w", c.MetricsAddr, err))
		}
	}
	switch c.Role {
	case "web", "worker", "all":
	default:
		errs = append(errs, fmt.Errorf("--role %q: want web, worker or all", c.Role))
	}
	if c.DB == "" {
		errs = append(errs, errors.New("--db is empty"))
	}
	if c.Workers < 1 || c.Workers > 64 {
		errs = append(errs, fmt.Errorf("--workers %d: want 1 to 64", c.Workers))
	}
	if c.PollMin <= 0 || c.PollMax < c.PollMin {
		errs = append(errs, fmt.Errorf("--poll-min %s and --poll-max %s: want 0 < min <= max", c.PollMin, c.PollMax))
	}
	if c.Lease < time.Second {
		errs = append(errs, fmt.Errorf("--lease %s: want at least 1s", c.Lease))
	}
	if c.HostInterval < 0 {
		errs = append(errs, fmt.Errorf("--host-interval %s is negative", c.HostInterval))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("--log-level %q: want debug, info, warn or error", c.LogLevel))
	}
	if len(c.Editions) == 0 {
		errs = append(errs, errors.New("no editions"))
	}
	if c.SiteName == "" {
		c.SiteName = "newsdesk"
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	return nil
}

// SQLitePath returns the file path of a SQLite DSN ("sqlite:PATH" or a
// plain path), and false for a DSN of another store.
func SQLitePath(dsn string) (string, bool) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return "", false
	case strings.HasPrefix(dsn, "sqlite:"):
		return strings.TrimPrefix(dsn, "sqlite:"), true
	}
	return dsn, true
}
