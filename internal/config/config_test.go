package config

import (
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

func TestRegisterEnvAndFlags(t *testing.T) {
	env := map[string]string{
		"NEWSDESK_ADDR":      "0.0.0.0:9000",
		"NEWSDESK_WORKERS":   "7",
		"NEWSDESK_POLL_MIN":  "30s",
		"NEWSDESK_EDITIONS":  "fr:Français",
		"NEWSDESK_SITE_NAME": "Valley News",
	}
	tests := []struct {
		name string
		args []string
		want func(c Config) string
	}{
		{"env sets defaults", nil, func(c Config) string {
			if c.Addr != "0.0.0.0:9000" || c.Workers != 7 || c.PollMin != 30*time.Second || c.Editions[0].Code != "fr" || c.SiteName != "Valley News" {
				return "env not applied"
			}
			return ""
		}},
		{"flags beat env", []string{"--addr", "127.0.0.1:1", "--workers", "2", "--editions", "en:English,de:Deutsch"}, func(c Config) string {
			if c.Addr != "127.0.0.1:1" || c.Workers != 2 || len(c.Editions) != 2 || c.Editions[1].Lang != "de" {
				return "flags not applied"
			}
			return ""
		}},
		{"base url derived", nil, func(c Config) string {
			if c.BaseURL != "http://0.0.0.0:9000" {
				return "base url " + c.BaseURL
			}
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			c.Register(fs, func(k string) string { return env[k] })
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			if err := c.Validate(); err != nil {
				t.Fatal(err)
			}
			if msg := tt.want(c); msg != "" {
				t.Errorf("%s: %+v", msg, c)
			}
		})
	}
}

func TestValidateRejects(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Config)
		want   string
	}{
		{"bad addr", func(c *Config) { c.Addr = "nope" }, "--addr"},
		{"bad role", func(c *Config) { c.Role = "boss" }, "--role"},
		{"bad workers", func(c *Config) { c.Workers = 0 }, "--workers"},
		{"poll bounds", func(c *Config) { c.PollMax = time.Second }, "--poll-min"},
		{"log level", func(c *Config) { c.LogLevel = "loud" }, "--log-level"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			tt.mutate(&c)
			err := c.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate() = %v, want mention of %s", err, tt.want)
			}
		})
	}
}

func TestParseEditions(t *testing.T) {
	if _, err := ParseEditions("EN:English"); err == nil {
		t.Error("upper-case code accepted")
	}
	if _, err := ParseEditions(" , "); err == nil {
		t.Error("empty list accepted")
	}
	eds, err := ParseEditions("en-gb:UK:en")
	if err != nil || eds[0].Code != "en-gb" || eds[0].Lang != "en" || eds[0].Name != "UK" {
		t.Fatalf("ParseEditions = %+v, %v", eds, err)
	}
}

func TestSQLitePath(t *testing.T) {
	for dsn, want := range map[string]string{"newsdesk.db": "newsdesk.db", "sqlite:/tmp/x.db": "/tmp/x.db"} {
		if got, ok := SQLitePath(dsn); !ok || got != want {
			t.Errorf("SQLitePath(%q) = %q, %v", dsn, got, ok)
		}
	}
	if _, ok := SQLitePath("postgres://x"); ok {
		t.Error("postgres DSN taken for SQLite")
	}
}
