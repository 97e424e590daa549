package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"

	"newsdesk/internal/fetch"
)

// runToolFetch fetches one URL through the guarded fetcher and prints what
// came back: {"url", "status", "content_type", "bytes"}.
func runToolFetch(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tool fetch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	allowPrivate := fs.Bool("allow-private", false, "allow loopback and private addresses")
	timeout := fs.Duration("timeout", fetch.DefaultTimeout, "limit for the whole request, redirects and body included")
	maxBytes := fs.Int64("max-bytes", fetch.DefaultMaxBytes, "largest body accepted, before and after decompression")
	etag := fs.String("etag", "", "send If-None-Match with this ETag")
	lastMod := fs.String("last-modified", "", "send If-Modified-Since with this date")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: newsdesk tool fetch [flags] URL\n\nFetches URL and prints {\"url\", \"status\", \"content_type\", \"bytes\"}.\nLoopback and private addresses are refused unless --allow-private is given.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	c := fetch.New(fetch.Options{
		Timeout:  *timeout,
		MaxBytes: *maxBytes,
		Proxy:    http.ProxyFromEnvironment,
	})
	resp, err := c.Get(ctx, fetch.Request{
		URL:          fs.Arg(0),
		AllowPrivate: *allowPrivate,
		ETag:         *etag,
		LastModified: *lastMod,
	})
	if err != nil {
		return oneLine(err)
	}
	out := struct {
		URL         string `json:"url"`
		Status      int    `json:"status"`
		ContentType string `json:"content_type"`
		Bytes       int    `json:"bytes"`
		NotModified bool   `json:"not_modified,omitempty"`
	}{resp.URL, resp.Status, resp.ContentType, len(resp.Body), resp.NotModified}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// oneLine keeps an error on a single line of standard error.
func oneLine(err error) error {
	msg := err.Error()
	if !strings.ContainsAny(msg, "\r\n") {
		return err
	}
	return errors.New(strings.Join(strings.Fields(msg), " "))
}
