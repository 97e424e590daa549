package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"newsdesk/internal/analysis/text"
)

// runToolLang prints the detected language of each document.
func runToolLang(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("lang", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: newsdesk tool lang < docs.jsonl\n\nReads {\"id\",\"text\"} lines; prints {\"id\",\"lang\"} (ISO 639-1, best guess).")
	}
	if err := parseToolFlags(fs, args, stderr); err != nil {
		return err
	}
	type in struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	type out struct {
		ID   string `json:"id"`
		Lang string `json:"lang"`
	}
	return eachJSONLine(ctx, stdin, stdout, func(line []byte) (any, error) {
		var d in
		if err := decodeDoc(line, &d, &d.ID); err != nil {
			return nil, err
		}
		lang, _ := text.Detect(d.Text)
		return out{ID: d.ID, Lang: lang}, nil
	})
}
