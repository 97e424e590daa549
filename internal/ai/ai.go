// Package ai explains articles to readers: it answers questions about an
// article by quoting its sentences. It works offline with the extractive
// methods of analysis/summary; an OpenAI-compatible endpoint can be added
// later, always with citations to the article's own sentences.
package ai

import (
	"context"
	"strings"

	"newsdesk/internal/analysis/summary"
	"newsdesk/internal/news"
)

// Answer is a reply to a reader's question about one article.
type Answer struct {
	// Found is false when the article does not answer the question.
	Found bool
	// Text is the reply in words.
	Text string
	// Quotes are sentences copied verbatim from the article that support
	// the reply.
	Quotes []string
}

// Explainer answers questions about articles.
type Explainer struct{}

// maxQuestion is the longest question taken, in bytes.
const maxQuestion = 500

// Ask answers question from the article's own text.
func (Explainer) Ask(ctx context.Context, a news.Article, question string) (Answer, error) {
	q := strings.TrimSpace(question)
	if len(q) > maxQuestion {
		q = q[:maxQuestion]
	}
	if q == "" {
		return Answer{Text: "Ask a question about this article."}, nil
	}
	ans := summary.Ask(q, a.Title, a.Text, a.Lang)
	return Answer{Found: ans.Found, Text: ans.Text, Quotes: ans.Quotes}, nil
}
