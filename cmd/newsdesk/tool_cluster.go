package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"newsdesk/internal/analysis/story"
	"newsdesk/internal/analysis/text"
)

// streamArticle is one article of the cluster and related stages' input.
type streamArticle struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Source    string `json:"source"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Text      string `json:"text"`
}

// doc turns an input article into a story document. A publication time
// that does not parse counts as unknown.
func (a streamArticle) doc() (story.Doc, error) {
	d := story.Doc{ID: a.ID, Title: a.Title, Text: a.Text}
	if a.Published != "" {
		if t, err := parseLooseTime(a.Published); err == nil {
			d.Published = t
		}
	}
	d.Lang = text.Lang(a.Title + "\n" + a.Text)
	if d.Lang == "" {
		d.Lang = "en"
	}
	d.Terms = text.Terms(d.Title, d.Text, d.Lang)
	return d, nil
}

// parseLooseTime reads an RFC 3339 time or a bare date.
func parseLooseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("bad published time %q", s)
}

// runToolCluster assigns each article of a stream to a story as it arrives.
func runToolCluster(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("cluster", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: newsdesk tool cluster < articles.jsonl\n\nReads articles in arrival order; prints {\"id\",\"story\",\"duplicate_of\"} per article.")
	}
	if err := parseToolFlags(fs, args, stderr); err != nil {
		return err
	}
	type out struct {
		ID          string `json:"id"`
		Story       string `json:"story"`
		DuplicateOf string `json:"duplicate_of"`
	}
	c := story.NewClusterer()
	var clock time.Time // the latest publication time seen: the stream's "now"
	return eachJSONLine(ctx, stdin, stdout, func(line []byte) (any, error) {
		var a streamArticle
		if err := decodeDoc(line, &a, &a.ID); err != nil {
			return nil, err
		}
		d, err := a.doc()
		if err != nil {
			return nil, err
		}
		if d.Published.After(clock) {
			clock = d.Published
		}
		r := c.Add(d, clock)
		return out{ID: a.ID, Story: strconv.FormatInt(r.Story, 10), DuplicateOf: r.DuplicateOf}, nil
	})
}

// runToolRelated indexes all articles and prints the k most related
// articles of each.
func runToolRelated(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("related", flag.ContinueOnError)
	k := fs.Int("k", 5, "related articles per article")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: newsdesk tool related [--k 5] < articles.jsonl\n\nPrints {\"id\",\"related\"} per article, best first.")
		fs.PrintDefaults()
	}
	if err := parseToolFlags(fs, args, stderr); err != nil {
		return err
	}
	if *k < 0 {
		return errors.New("related: --k must not be negative")
	}
	type entry struct {
		id  any
		doc story.Doc
		err error
	}
	var entries []entry
	err := eachJSONLine(ctx, stdin, io.Discard, func(line []byte) (any, error) {
		var a streamArticle
		e := entry{id: lineID(line)}
		if e.err = decodeDoc(line, &a, &a.ID); e.err == nil {
			e.doc, e.err = a.doc()
		}
		entries = append(entries, e)
		return nil, nil
	})
	if err != nil {
		return err
	}
	var docs []story.Doc
	for _, e := range entries {
		if e.err == nil {
			docs = append(docs, e.doc)
		}
	}
	docs = story.WeighByIDF(docs)
	byID := make(map[string]story.Doc, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
	}
	type out struct {
		ID      string   `json:"id"`
		Related []string `json:"related"`
	}
	return writeJSONLines(stdout, len(entries), func(i int) any {
		e := entries[i]
		if e.err != nil {
			return lineError{ID: e.id, Error: e.err.Error()}
		}
		return out{ID: e.doc.ID, Related: nonNil(story.Related(byID[e.doc.ID], docs, *k))}
	})
}
