package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"newsdesk/internal/news"
)

// Seed stores a source, n queued items and an article for each, and
// returns the source; store tests and benchmarks use it.
func Seed(t testing.TB, s Store, n int) news.Source {
	t.Helper()
	ctx := context.Background()
	src := news.Source{Name: "Seed", Slug: "seed", HomeURL: "https://seed.example", FeedURL: "https://seed.example/feed"}
	if err := s.CreateSource(ctx, &src); err != nil {
		t.Fatalf("CreateSource: %v", err)
	}
	items := make([]news.Item, n)
	for i := range items {
		items[i] = news.Item{URL: fmt.Sprintf("https://seed.example/%d", i)}
	}
	if _, err := s.SaveFeedItems(ctx, src.ID, items, news.FeedState{}); err != nil {
		t.Fatalf("SaveFeedItems: %v", err)
	}
	claimed, err := s.ClaimItems(ctx, time.Now(), time.Hour, n)
	if err != nil {
		t.Fatalf("ClaimItems: %v", err)
	}
	for i, it := range claimed {
		a := news.Article{SourceID: src.ID, ItemID: it.ID, URL: it.URL, Title: fmt.Sprintf("Seed article %d", i),
			Text: SampleText(i), Published: time.Now(), Lang: "en"}
		if err := s.SaveArticle(ctx, &a); err != nil {
			t.Fatalf("SaveArticle: %v", err)
		}
	}
	return src
}

// topicWords are the common words of generated article bodies.
const topicWords = `harbour council vote budget storm ferry bridge election minister
	school hospital river flood market bank rates inflation harvest festival museum railway airport
	strike union court verdict police mayor climate energy wind solar housing rent`

// syllables build the rarer made-up words of generated article bodies.
const syllables = `ka lo mi ren tas vo pel dri sun ob ha et ul zam fi gor`

// SampleText is a deterministic body of 300 words for article i: one word
// in 32 is a common topic word, the rest are made of three syllables from
// about 4,000 combinations, so terms are about as selective as in real
// news.
func SampleText(i int) string {
	topics, syl := strings.Fields(topicWords), strings.Fields(syllables)
	var b strings.Builder
	x := uint32(i)*2654435761 + 1
	for j := range 300 {
		x = x*1664525 + 1013904223
		if j > 0 {
			b.WriteByte(' ')
		}
		if x>>27 == 0 {
			b.WriteString(topics[(x>>8)%uint32(len(topics))])
			continue
		}
		for k := range 3 {
			b.WriteString(syl[(x>>(4*k+8))%uint32(len(syl))])
		}
	}
	return b.String()
}
