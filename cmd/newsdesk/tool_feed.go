package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"newsdesk/internal/feed"
)

// headerFlags collects repeated --header 'Name: value' flags.
type headerFlags struct{ h http.Header }

func (f *headerFlags) String() string { return "" }

func (f *headerFlags) Set(v string) error {
	name, val, ok := strings.Cut(v, ":")
	if !ok || strings.TrimSpace(name) == "" {
		return fmt.Errorf("header %q is not 'Name: value'", v)
	}
	f.h.Add(strings.TrimSpace(name), strings.TrimSpace(val))
	return nil
}

// feedJSON is the contract's JSON for one feed. Titles are printed in
// their sanitised HTML form (TitleHTML), as feed parsers conventionally
// report them; the product itself uses the plain-text Title.
type feedJSON struct {
	Format     string         `json:"format"`
	Wellformed bool           `json:"wellformed"`
	Encoding   string         `json:"encoding"`
	Title      string         `json:"title"`
	Link       string         `json:"link"`
	Subtitle   string         `json:"subtitle"`
	Language   string         `json:"language"`
	Updated    string         `json:"updated"`
	Author     string         `json:"author"`
	Image      string         `json:"image"`
	Items      []feedItemJSON `json:"items"`
}

type feedItemJSON struct {
	ID          string          `json:"id"`
	Title       string          `json:"title"`
	Link        string          `json:"link"`
	Published   string          `json:"published"`
	Updated     string          `json:"updated"`
	Author      string          `json:"author"`
	Summary     string          `json:"summary"`
	Content     string          `json:"content"`
	ContentType string          `json:"content_type"`
	Categories  []string        `json:"categories"`
	Enclosures  []enclosureJSON `json:"enclosures"`
	Image       string          `json:"image,omitempty"`
}

type enclosureJSON struct {
	URL    string `json:"url"`
	Type   string `json:"type"`
	Length int64  `json:"length"`
}

// rfc3339UTC formats t in UTC, or "" for the zero time.
func rfc3339UTC(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// runToolFeed parses one feed document and prints it as JSON.
func runToolFeed(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tool feed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: newsdesk tool feed [--url URL] [--header 'Name: value']... [FILE]")
		fs.PrintDefaults()
	}
	pageURL := fs.String("url", "", "address the document was served from")
	headers := &headerFlags{h: http.Header{}}
	fs.Var(headers, "header", "HTTP response header 'Name: value' (repeatable)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	var r io.Reader = stdin
	if fs.NArg() > 1 {
		fmt.Fprintln(stderr, "newsdesk tool feed: at most one FILE")
		return errUsage
	}
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return fmt.Errorf("tool feed: %w", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, feed.MaxDocumentSize+1))
	if err != nil {
		return fmt.Errorf("tool feed: read: %w", err)
	}
	f, err := feed.Parse(data, *pageURL, headers.h)
	if err != nil {
		return fmt.Errorf("tool feed: %w", err)
	}
	out := feedJSON{
		Format: f.Format, Wellformed: f.Wellformed, Encoding: f.Encoding,
		Title: f.TitleHTML, Link: f.Link, Subtitle: f.Subtitle, Language: f.Language,
		Updated: rfc3339UTC(f.Updated), Author: f.Author, Image: f.Image,
		Items: []feedItemJSON{},
	}
	for _, it := range f.Items {
		ij := feedItemJSON{
			ID: it.ID, Title: it.TitleHTML, Link: it.Link,
			Published: rfc3339UTC(it.Published), Updated: rfc3339UTC(it.Updated),
			Author: it.Author, Summary: it.Summary, Content: it.Content,
			ContentType: it.ContentType, Categories: it.Categories, Image: it.Image,
			Enclosures: []enclosureJSON{},
		}
		if ij.Categories == nil {
			ij.Categories = []string{}
		}
		for _, e := range it.Enclosures {
			ij.Enclosures = append(ij.Enclosures, enclosureJSON{URL: e.URL, Type: e.Type, Length: e.Length})
		}
		out.Items = append(out.Items, ij)
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
