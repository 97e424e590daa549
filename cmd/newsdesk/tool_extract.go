package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"newsdesk/internal/extract"
)

// extractOutput is the contract JSON of 'newsdesk tool extract'.
type extractOutput struct {
	URL          string   `json:"url"`
	Canonical    string   `json:"canonical"`
	Title        string   `json:"title"`
	Byline       string   `json:"byline"`
	Published    string   `json:"published"`
	Updated      string   `json:"updated"`
	Lang         string   `json:"lang"`
	Section      string   `json:"section"`
	Image        string   `json:"image"`
	ImageCaption string   `json:"image_caption"`
	SiteName     string   `json:"site_name"`
	Keywords     []string `json:"keywords"`
	Wall         bool     `json:"wall"`
	Text         string   `json:"text"`
	HTML         string   `json:"html"`
}

// runToolExtract prints the article found on one HTML page.
func runToolExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tool extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pageURL := fs.String("url", "", "address the page was found at (only used to resolve links; nothing is fetched)")
	contentType := fs.String("content-type", "", "HTTP Content-Type the page was served with, for its charset")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: newsdesk tool extract [--url URL] [--content-type TYPE] [FILE]\n\nReads an HTML page (FILE or standard input) and prints its article as JSON.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	page, err := readToolInput(fs.Args(), stdin)
	if err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	r, err := extract.Extract(page, *contentType, *pageURL, extract.Options{})
	if err != nil {
		return err
	}
	out := extractOutput{
		URL: r.URL, Canonical: r.Canonical, Title: r.Title, Byline: r.Byline,
		Published: rfc3339(r.Published), Updated: rfc3339(r.Updated),
		Lang: r.Lang, Section: r.Section, Image: r.Image, ImageCaption: r.ImageCaption,
		SiteName: r.SiteName, Keywords: r.Keywords, Wall: r.Wall, Text: r.Text, HTML: r.HTML,
	}
	if out.Keywords == nil {
		out.Keywords = []string{}
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("extract: write: %w", err)
	}
	return nil
}

// rfc3339 formats t, or "" for the zero time.
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
