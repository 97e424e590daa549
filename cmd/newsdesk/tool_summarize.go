package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"

	"newsdesk/internal/analysis/summary"
	"newsdesk/internal/analysis/text"
)

// maxJSONLine is the longest JSON Lines input line the tool stages accept.
const maxJSONLine = 64 << 20

// lineError is the output for an input line that could not be handled.
type lineError struct {
	ID    any    `json:"id"`
	Error string `json:"error"`
}

// eachJSONLine calls fn with every non-blank line of r and writes what fn
// returns as one JSON line. When fn fails, an error line carrying the
// line's id (when it has one) is written instead and the loop goes on.
func eachJSONLine(ctx context.Context, r io.Reader, w io.Writer, fn func(line []byte) (any, error)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), maxJSONLine)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		line := sc.Bytes()
		if len(trimSpaceBytes(line)) == 0 {
			continue
		}
		out, err := fn(line)
		if err != nil {
			out = lineError{ID: lineID(line), Error: err.Error()}
		}
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("write: %w", err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read input: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

func trimSpaceBytes(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// lineID digs the id out of a line that may not be a valid document.
func lineID(line []byte) any {
	var v struct {
		ID any `json:"id"`
	}
	if json.Unmarshal(line, &v) != nil {
		return nil
	}
	return v.ID
}

// decodeDoc reads one JSON Lines document and insists on a string id.
func decodeDoc(line []byte, v any, id *string) error {
	if err := json.Unmarshal(line, v); err != nil {
		return fmt.Errorf("bad JSON: %w", err)
	}
	if *id == "" {
		return errors.New("missing id")
	}
	return nil
}

// parseToolFlags parses a stage's flags, printing errors and help to stderr.
func parseToolFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "newsdesk tool %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return errUsage
	}
	return nil
}

// runToolSummarize prints an extractive summary and key points per document.
func runToolSummarize(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("summarize", flag.ContinueOnError)
	n := fs.Int("sentences", 3, "most sentences in a summary")
	points := fs.Int("points", 3, "most key points")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: newsdesk tool summarize [--sentences 3] < docs.jsonl\n\nReads {\"id\",\"title\",\"text\"} lines; prints {\"id\",\"summary\",\"key_points\"}.")
		fs.PrintDefaults()
	}
	if err := parseToolFlags(fs, args, stderr); err != nil {
		return err
	}
	type in struct {
		ID    string `json:"id"`
		Title string `json:"title"`
		Text  string `json:"text"`
		Lang  string `json:"lang"`
	}
	type out struct {
		ID        string   `json:"id"`
		Summary   []string `json:"summary"`
		KeyPoints []string `json:"key_points"`
	}
	return eachJSONLine(ctx, stdin, stdout, func(line []byte) (any, error) {
		var d in
		if err := decodeDoc(line, &d, &d.ID); err != nil {
			return nil, err
		}
		lang := d.Lang
		if lang == "" {
			lang = text.Lang(d.Title + "\n" + d.Text)
		}
		return out{
			ID:        d.ID,
			Summary:   nonNil(summary.Summarize(d.Title, d.Text, lang, *n)),
			KeyPoints: nonNil(summary.KeyPoints(d.Title, d.Text, lang, *points)),
		}, nil
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// writeJSONLines writes n values, one JSON object per line.
func writeJSONLines(w io.Writer, n int, get func(i int) any) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range n {
		if err := enc.Encode(get(i)); err != nil {
			return fmt.Errorf("write: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}
