package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"newsdesk/internal/analysis/classify"
	"newsdesk/internal/analysis/text"
)

// runToolEntities prints the named entities and hashtags of each document.
func runToolEntities(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("entities", flag.ContinueOnError)
	max := fs.Int("hashtags", 8, "most hashtags per document")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: newsdesk tool entities < docs.jsonl\n\nReads {\"id\",\"text\"} lines; prints {\"id\",\"entities\",\"hashtags\"}.")
		fs.PrintDefaults()
	}
	if err := parseToolFlags(fs, args, stderr); err != nil {
		return err
	}
	type in struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Text  string `json:"text"`
	}
	type entity struct {
		Text string `json:"text"`
		Type string `json:"type"`
	}
	type out struct {
		ID       string   `json:"id"`
		Entities []entity `json:"entities"`
		Hashtags []string `json:"hashtags"`
	}
	return eachJSONLine(ctx, stdin, stdout, func(line []byte) (any, error) {
		var d in
		if err := decodeDoc(line, &d, &d.ID); err != nil {
			return nil, err
		}
		o := out{ID: d.ID, Entities: []entity{}, Hashtags: []string{}}
		for _, e := range classify.Entities(d.Text) {
			o.Entities = append(o.Entities, entity{Text: e.Text, Type: e.Type})
		}
		lang := text.Lang(d.Title + "\n" + d.Text)
		for _, h := range classify.Hashtags(d.Title, d.Text, lang, *max) {
			o.Hashtags = append(o.Hashtags, h.Slug)
		}
		return o, nil
	})
}
