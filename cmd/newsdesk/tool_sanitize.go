package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"newsdesk/internal/sanitize"
)

// maxToolInput caps what a single-document tool stage reads.
const maxToolInput = 32 << 20

// runToolSanitize prints the sanitized form of one HTML fragment.
func runToolSanitize(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tool sanitize", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "", "address the fragment came from; relative links resolve against it")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: newsdesk tool sanitize [--url URL] [FILE]\n\nReads an HTML fragment (FILE or standard input) and prints it sanitized.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	data, err := readToolInput(fs.Args(), stdin)
	if err != nil {
		return fmt.Errorf("sanitize: %w", err)
	}
	out := sanitize.HTML(string(data), *base)
	if _, err := io.WriteString(stdout, out+"\n"); err != nil {
		return fmt.Errorf("sanitize: write: %w", err)
	}
	return nil
}

// readToolInput reads the one FILE argument, or stdin when there is none.
func readToolInput(args []string, stdin io.Reader) ([]byte, error) {
	var r io.Reader = stdin
	switch len(args) {
	case 0:
	case 1:
		f, err := os.Open(args[0])
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	default:
		return nil, fmt.Errorf("want at most one FILE, got %d arguments", len(args))
	}
	data, err := io.ReadAll(io.LimitReader(r, maxToolInput+1))
	if err != nil {
		return nil, fmt.Errorf("read input: %w", err)
	}
	if len(data) > maxToolInput {
		return nil, fmt.Errorf("input larger than %d bytes", maxToolInput)
	}
	return data, nil
}
