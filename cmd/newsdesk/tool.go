package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
)

// toolStages lists the stages of 'newsdesk tool'. Each one follows the
// command-line contract: JSON on standard output, logs on standard error.
func toolStages() map[string]command {
	return map[string]command{
		"extract": runToolExtract, // one HTML page to an article

		// feed: one feed document to items.
		"feed": runToolFeed,

		"sanitize": runToolSanitize, // an HTML fragment to safe HTML

		// fetch: one URL through the guarded fetcher.
		"fetch": runToolFetch,

		// summarize: JSON Lines documents to summaries and key points.
		"summarize": runToolSummarize,

		// cluster: JSON Lines articles to stories and duplicates.
		"cluster": runToolCluster,

		// related: JSON Lines articles to related lists.
		"related": runToolRelated,

		// classify, lang, entities: the other analysis stages.
		"lang":     runToolLang,
		"entities": runToolEntities,
		"classify": runToolClassify,
	}
}

func runTool(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	stages := toolStages()
	names := make([]string, 0, len(stages))
	for n := range stages {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintf(stderr, "Usage: newsdesk tool STAGE [flags] [FILE]\n\nStages: %s\n", strings.Join(names, ", "))
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	st, ok := stages[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "newsdesk tool: unknown stage %q (have %s)\n", args[0], strings.Join(names, ", "))
		return errUsage
	}
	return st(ctx, args[1:], stdin, stdout, stderr)
}
