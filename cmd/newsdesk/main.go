// Command newsdesk is a self-hosted news platform: it gathers articles from
// publishers' feeds, cleans and analyses them, and serves them as a web
// site, a web app and a JSON API.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// errUsage marks a command-line mistake; the message was already printed.
var errUsage = errors.New("usage")

const usage = `newsdesk: a self-hosted news platform

Usage:
  newsdesk serve    [flags]     run the site and the ingestion workers
  newsdesk demo     [flags]     run fictional publishers and a site fed by them
  newsdesk tool     STAGE ...   run one stage on files (extract, feed, sanitize,
                                fetch, summarize, cluster, related, ...)
  newsdesk source   add|list|remove ...
  newsdesk import   opml FILE
  newsdesk export   opml
  newsdesk user     create [--admin] NAME
  newsdesk migrate  apply the store's migrations and exit
  newsdesk migrate-store --from DSN --to DSN
                                copy an installation to another store
  newsdesk bench    ingest ...  measure ingest throughput

Run 'newsdesk COMMAND --help' for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "newsdesk:", err)
		os.Exit(1)
	}
}

// run dispatches a command line; it is main without the process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "tool":
		return runTool(ctx, rest, stdin, stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	if c, ok := commands()[cmd]; ok {
		return c(ctx, rest, stdin, stdout, stderr)
	}
	fmt.Fprintf(stderr, "newsdesk: unknown command %q\n\n%s", cmd, usage)
	return errUsage
}

// command runs one subcommand with its arguments.
type command func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
