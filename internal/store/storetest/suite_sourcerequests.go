package storetest

import (
	"maps"
	"testing"
	"time"

	"newsdesk/internal/news"
)

// testSourceRequests checks that a source's own user agent and request
// headers are kept, read back by every source read, left alone by polls,
// and carried by Export and Import with the record's checksum.
func testSourceRequests(t *testing.T, s Store) {
	ctx := t.Context()
	headers := map[string]string{"X-Token": "s3cret", "Cookie": "consent=yes; region=eu"}
	src := news.Source{Name: "Gated", Slug: "gated", FeedURL: "https://gated.example/feed",
		UserAgent: "GatedReader/1.0 (+https://reader.example)", Headers: headers}
	must(t, "CreateSource", s.CreateSource(ctx, &src))
	plain := newSource(t, s, 1)

	check := func(what string, got news.Source) {
		t.Helper()
		if got.UserAgent != src.UserAgent || !maps.Equal(got.Headers, headers) {
			t.Fatalf("%s: user agent %q, headers %v; want %q, %v", what, got.UserAgent, got.Headers, src.UserAgent, headers)
		}
	}
	got, err := s.Source(ctx, src.ID)
	must(t, "Source", err)
	check("Source", got)
	got, err = s.SourceBySlug(ctx, "gated")
	must(t, "SourceBySlug", err)
	check("SourceBySlug", got)
	list, err := s.Sources(ctx)
	must(t, "Sources", err)
	for _, l := range list {
		switch l.ID {
		case src.ID:
			check("Sources", l)
		case plain.ID:
			if l.UserAgent != "" || l.Headers != nil {
				t.Fatalf("source without its own rules reads back %q, %v; want none", l.UserAgent, l.Headers)
			}
		}
	}
	_, err = s.SaveFeedItems(ctx, src.ID, nil, news.FeedState{LastFetchAt: t0, LastStatus: 200, NextPollAt: t0})
	must(t, "SaveFeedItems", err)
	claimed, err := s.ClaimDueSources(ctx, time.Now(), lease, 10)
	must(t, "ClaimDueSources", err)
	found := false
	for _, c := range claimed {
		if c.ID == src.ID {
			found = true
			check("ClaimDueSources after a poll", c)
		}
	}
	if !found {
		t.Fatal("ClaimDueSources did not return the due source")
	}

	var rec news.Record
	must(t, "Export", s.Export(ctx, func(r news.Record) error {
		if r.Source != nil && r.Source.ID == src.ID {
			rec = r
		}
		return nil
	}))
	if rec.Source == nil {
		t.Fatal("Export left out the source")
	}
	check("Export", *rec.Source)
	sum, err := rec.Checksum()
	must(t, "Checksum", err)
	other := *rec.Source
	other.Headers = map[string]string{"X-Token": "other"}
	if otherSum, _ := (news.Record{Source: &other}).Checksum(); otherSum == sum {
		t.Fatal("the record checksum does not cover the source's headers")
	}
	must(t, "DeleteSource", s.DeleteSource(ctx, src.ID))
	must(t, "Import", s.Import(ctx, rec))
	got, err = s.Source(ctx, src.ID)
	must(t, "Source after Import", err)
	check("Import", got)
	if again, _ := (news.Record{Source: &got}).Checksum(); again != sum {
		t.Fatal("the imported source's checksum differs from the exported one")
	}
}
