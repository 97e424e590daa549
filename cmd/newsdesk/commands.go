package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"newsdesk/internal/auth"
	"newsdesk/internal/config"
	"newsdesk/internal/demo"
	"newsdesk/internal/feed"
	"newsdesk/internal/news"

	"golang.org/x/net/http/httpguts"
)

// commands lists the subcommands other than tool and help.
func commands() map[string]command {
	return map[string]command{
		"serve":         cmdServe,
		"demo":          cmdDemo,
		"source":        cmdSource,
		"import":        cmdImport,
		"export":        cmdExport,
		"user":          cmdUser,
		"migrate":       cmdMigrate,
		"migrate-store": cmdMigrateStore,
		"bench":         cmdBench,
	}
}

// flags returns a flag set with the common configuration registered.
func flags(name, synopsis string, stderr io.Writer, cfg *config.Config) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: newsdesk %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	cfg.Register(fs, os.Getenv)
	return fs
}

// parse parses args and validates the configuration.
func parse(fs *flag.FlagSet, args []string, cfg *config.Config) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return cfg.Validate()
}

// newLogger writes text logs at the configured level.
func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level)) // validated by config
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

// open parses flags and opens the store, for the store-using commands.
func open(ctx context.Context, name, synopsis string, args []string, stderr io.Writer, extra func(*flag.FlagSet)) (*Main, *flag.FlagSet, error) {
	cfg := config.Default()
	fs := flags(name, synopsis, stderr, &cfg)
	if extra != nil {
		extra(fs)
	}
	if err := parse(fs, args, &cfg); err != nil {
		return nil, nil, err
	}
	m, err := OpenMain(ctx, cfg, newLogger(stderr, cfg.LogLevel))
	if err != nil {
		return nil, nil, err
	}
	return m, fs, nil
}

func cmdServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	m, _, err := open(ctx, "serve", "serve [flags]", args, stderr, nil)
	if err != nil {
		return err
	}
	defer m.Close()
	return m.Run(ctx)
}

func cmdMigrate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	m, _, err := open(ctx, "migrate", "migrate [flags]", args, stderr, nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "store is up to date")
	return m.Close()
}

// cmdDemo starts the fictional publishers on loopback, registers them as
// sources allowed to use private addresses, and serves the site fed by them.
func cmdDemo(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg := config.Default()
	cfg.PollMin = 3 * time.Second
	cfg.PollMax = 10 * time.Second
	cfg.HostInterval = 0
	cfg.DB = ""
	fs := flags("demo", "demo [flags]", stderr, &cfg)
	live := fs.Bool("live", true, "publish a new demo article every --interval")
	interval := fs.Duration("interval", 5*time.Second, "time between new demo articles")
	seed := fs.Int64("seed", 1, "seed of the demo's fictional news")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if cfg.DB == "" {
		// A fresh store each run: the publishers get a new port every time.
		dir, err := os.MkdirTemp("", "newsdesk-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.DB = filepath.Join(dir, "demo.db")
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := newLogger(stderr, cfg.LogLevel)
	d := demo.New(demo.Options{Seed: *seed, Live: *live, Interval: *interval})
	if err := d.Start(ctx); err != nil {
		return fmt.Errorf("demo publishers: %w", err)
	}
	defer d.Close()
	log.Info("demo publishers started", "url", d.URL(), "outlets", len(d.Outlets()))
	m, err := OpenMain(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer m.Close()
	m.FetchPerHost = 8
	if err := registerDemo(ctx, m, d); err != nil {
		return err
	}
	return m.Run(ctx)
}

// registerDemo adds the demo outlets as sources, once.
func registerDemo(ctx context.Context, m *Main, d *demo.Demo) error {
	for _, o := range d.Outlets() {
		src := news.Source{Name: o.Name, Slug: o.Slug, HomeURL: o.HomeURL, FeedURL: o.FeedURL, Lang: o.Lang, Region: o.Region, AllowPrivate: true}
		if err := m.Store.CreateSource(ctx, &src); err != nil && !errors.Is(err, news.ErrConflict) {
			return fmt.Errorf("register %s: %w", o.Name, err)
		}
	}
	return nil
}

func cmdSource(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	const synopsis = "source add [--name N] [--lang L] [--allow-private] [--user-agent UA] [--header 'Name: value']... FEED_URL | source list | source remove SLUG"
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintf(stderr, "Usage: newsdesk %s\n", synopsis)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	var name, lang, region *string
	var allowPrivate *bool
	headers := sourceHeaderFlags{}
	extra := func(fs *flag.FlagSet) {
		fs.Var(headers, "header", "extra request header for this source, as 'Name: value' (repeatable)")
		name = fs.String("name", "", "display name of the outlet (default: the feed's host)")
		lang = fs.String("lang", "", "ISO 639-1 language of the outlet")
		region = fs.String("region", "", "region of the outlet")
		allowPrivate = fs.Bool("allow-private", false, "let this source's fetches reach loopback and private addresses")
	}
	m, fs, err := open(ctx, "source "+args[0], synopsis, args[1:], stderr, extra)
	if err != nil {
		return err
	}
	defer m.Close()
	switch args[0] {
	case "add":
		if fs.NArg() != 1 {
			return fmt.Errorf("source add: want one feed URL: %w", news.ErrInvalid)
		}
		src, err := newSource(fs.Arg(0), *name, *lang, *region, *allowPrivate)
		if err != nil {
			return err
		}
		// --user-agent is the common flag; given to source add, it becomes
		// this source's own.
		fs.Visit(func(f *flag.Flag) {
			if f.Name == "user-agent" {
				src.UserAgent = strings.TrimSpace(f.Value.String())
			}
		})
		if !httpguts.ValidHeaderFieldValue(src.UserAgent) {
			return fmt.Errorf("source add: --user-agent holds a control character: %w", news.ErrInvalid)
		}
		if len(headers) > 0 {
			src.Headers = headers
		}
		if err := m.Store.CreateSource(ctx, &src); err != nil {
			return fmt.Errorf("source add %s: %w", src.FeedURL, err)
		}
		fmt.Fprintf(stdout, "added %s (%s)\n", src.Slug, src.FeedURL)
	case "list":
		srcs, err := m.Store.Sources(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "SLUG\tNAME\tFEED\tLAST FETCH\tSTATUS")
		for _, s := range srcs {
			last := "never"
			if !s.Feed.LastFetchAt.IsZero() {
				last = s.Feed.LastFetchAt.Format(time.RFC3339)
			}
			status := "ok"
			if s.Feed.LastError != "" {
				status = s.Feed.LastError
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.Slug, s.Name, s.FeedURL, last, status)
		}
		return tw.Flush()
	case "remove":
		if fs.NArg() != 1 {
			return fmt.Errorf("source remove: want one slug: %w", news.ErrInvalid)
		}
		src, err := m.Store.SourceBySlug(ctx, fs.Arg(0))
		if err != nil {
			return fmt.Errorf("source remove %s: %w", fs.Arg(0), err)
		}
		if err := m.Store.DeleteSource(ctx, src.ID); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "removed %s\n", src.Slug)
	default:
		fmt.Fprintf(stderr, "newsdesk source: unknown action %q\nUsage: newsdesk %s\n", args[0], synopsis)
		return errUsage
	}
	return nil
}

// sourceHeaderFlags collects a source's repeated --header 'Name: value'
// flags, checked and with canonical names.
type sourceHeaderFlags map[string]string

// String lists the headers as given.
func (h sourceHeaderFlags) String() string {
	parts := make([]string, 0, len(h))
	for k, v := range h {
		parts = append(parts, k+": "+v)
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// Set adds one header; a name given twice keeps the last value.
func (h sourceHeaderFlags) Set(v string) error {
	name, val, ok := strings.Cut(v, ":")
	name, val = strings.TrimSpace(name), strings.TrimSpace(val)
	switch {
	case !ok || name == "":
		return fmt.Errorf("want 'Name: value', got %q", v)
	case !httpguts.ValidHeaderFieldName(name):
		return fmt.Errorf("%q is not a valid header name", name)
	case !httpguts.ValidHeaderFieldValue(val):
		return fmt.Errorf("the value of %s holds a control character", name)
	}
	switch canon := http.CanonicalHeaderKey(name); canon {
	case "User-Agent":
		return errors.New("set the user agent with --user-agent")
	case "Host", "Content-Length", "Transfer-Encoding", "Connection", "Accept-Encoding",
		"If-None-Match", "If-Modified-Since":
		return fmt.Errorf("%s is set by newsdesk itself", canon)
	default:
		h[canon] = val
	}
	return nil
}

// newSource validates a feed URL and derives a name and slug.
func newSource(feedURL, name, lang, region string, allowPrivate bool) (news.Source, error) {
	u, err := url.Parse(strings.TrimSpace(feedURL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return news.Source{}, fmt.Errorf("feed URL %q: want an absolute http or https URL: %w", feedURL, news.ErrInvalid)
	}
	if name == "" {
		name = strings.TrimPrefix(u.Hostname(), "www.")
	}
	home := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}).String()
	return news.Source{Name: name, Slug: slugify(name), HomeURL: home, FeedURL: u.String(), Lang: lang, Region: region, AllowPrivate: allowPrivate}, nil
}

// slugify makes a lower-case URL key of letters, digits and hyphens.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if out == "" {
		out = "source"
	}
	return out
}

func cmdImport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "opml" {
		fmt.Fprintln(stderr, "Usage: newsdesk import opml [flags] FILE|-")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errUsage
	}
	m, fs, err := open(ctx, "import opml", "import opml [flags] FILE|-", args[1:], stderr, nil)
	if err != nil {
		return err
	}
	defer m.Close()
	if fs.NArg() != 1 {
		return fmt.Errorf("import opml: want one file (or - for standard input): %w", news.ErrInvalid)
	}
	r := stdin
	if fs.Arg(0) != "-" {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	outlines, err := feed.ParseOPML(bufio.NewReader(r))
	if err != nil {
		return fmt.Errorf("import opml: %w", err)
	}
	added := 0
	for _, o := range outlines {
		src, err := newSource(o.XMLURL, o.Title, "", "", false)
		if err != nil {
			fmt.Fprintf(stderr, "skipped %q: %v\n", o.XMLURL, err)
			continue
		}
		if o.HTMLURL != "" {
			src.HomeURL = o.HTMLURL
		}
		err = m.Store.CreateSource(ctx, &src)
		if errors.Is(err, news.ErrConflict) {
			// Another outlet has this name: keep both.
			src.Slug += "-" + strconv.Itoa(added+1)
			err = m.Store.CreateSource(ctx, &src)
		}
		if err != nil {
			fmt.Fprintf(stderr, "skipped %s: %v\n", o.XMLURL, err)
			continue
		}
		added++
	}
	fmt.Fprintf(stdout, "imported %d of %d feeds\n", added, len(outlines))
	return nil
}

func cmdExport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "opml" {
		fmt.Fprintln(stderr, "Usage: newsdesk export opml [flags]")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errUsage
	}
	m, _, err := open(ctx, "export opml", "export opml [flags]", args[1:], stderr, nil)
	if err != nil {
		return err
	}
	defer m.Close()
	srcs, err := m.Store.Sources(ctx)
	if err != nil {
		return err
	}
	outlines := make([]feed.Outline, len(srcs))
	for i, s := range srcs {
		outlines[i] = feed.Outline{Title: s.Name, XMLURL: s.FeedURL, HTMLURL: s.HomeURL}
	}
	return feed.WriteOPML(stdout, m.Config.SiteName+" sources", outlines)
}

func cmdUser(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	const synopsis = "user create [--admin] [--email E] NAME (password from --password, NEWSDESK_PASSWORD or the first line of standard input)"
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintf(stderr, "Usage: newsdesk %s\n", synopsis)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errUsage
	}
	var admin *bool
	var email, password *string
	m, fs, err := open(ctx, "user create", synopsis, args[1:], stderr, func(fs *flag.FlagSet) {
		admin = fs.Bool("admin", false, "make the user an administrator")
		email = fs.String("email", "", "the user's e-mail address")
		password = fs.String("password", os.Getenv("NEWSDESK_PASSWORD"), "the password (visible to other local users; prefer standard input)")
	})
	if err != nil {
		return err
	}
	defer m.Close()
	if fs.NArg() != 1 {
		return fmt.Errorf("user create: want one name: %w", news.ErrInvalid)
	}
	pw := *password
	if pw == "" {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	au := auth.New(m.Store, auth.Options{})
	u, err := au.CreateUser(ctx, fs.Arg(0), *email, pw, *admin)
	if err != nil {
		return fmt.Errorf("user create: %w", err)
	}
	role := "reader"
	if u.Admin {
		role = "administrator"
	}
	fmt.Fprintf(stdout, "created %s %s\n", role, u.Name)
	return nil
}
