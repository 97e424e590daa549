package pipeline_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"newsdesk/internal/news"
	"newsdesk/internal/pipeline"
	"newsdesk/internal/store"
)

// TestRelated checks that related articles share the target's subject,
// come from other stories, one per story, never copy it, and that an
// answer is reused.
func TestRelated(t *testing.T) { eachStore(t, testRelated) }

func testRelated(t *testing.T, st store.Store) {
	ctx := context.Background()
	src := news.Source{Name: "Valley Post", Slug: "valley-post", FeedURL: "https://valley.example/feed.xml", HomeURL: "https://valley.example"}
	if err := st.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	add := func(slug, title, body string, storyID, dupOf int64) news.Article {
		t.Helper()
		u := "https://valley.example/" + slug
		if _, err := st.SaveFeedItems(ctx, src.ID, []news.Item{{GUID: u, URL: u, Title: title}}, news.FeedState{}); err != nil {
			t.Fatal(err)
		}
		items, err := st.ClaimItems(ctx, now.Add(time.Hour), time.Minute, 1)
		if err != nil || len(items) != 1 {
			t.Fatalf("claim: %v", err)
		}
		if storyID == 0 {
			s := news.Story{Title: title, Lang: "en"}
			if err := st.CreateStory(ctx, &s); err != nil {
				t.Fatal(err)
			}
			storyID = s.ID
		}
		a := news.Article{SourceID: src.ID, ItemID: items[0].ID, URL: u, CanonicalURL: u, Title: title, Text: body,
			Lang: "en", Published: now, StoryID: storyID, DuplicateOf: dupOf, ContentHash: slug}
		if err := st.SaveArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	bridge := add("bridge", "Harbour bridge closes for cable repairs",
		"The harbour bridge closes for six weeks while engineers replace corroded steel cables. Ferries will carry commuters.", 0, 0)
	sameStory := add("bridge-2", "Commuters face ferry queues as harbour bridge shuts",
		"With the harbour bridge shut for cable repairs, ferries carried commuters across the harbour.", bridge.StoryID, 0)
	copyOf := add("bridge-copy", "Harbour bridge closes for cable repairs",
		"The harbour bridge closes for six weeks while engineers replace corroded steel cables. Ferries will carry commuters.", 0, bridge.ID)
	tunnel := add("tunnel", "Engineers inspect harbour tunnel cables after bridge scare",
		"After corroded cables closed the harbour bridge, engineers inspected the steel cables in the harbour tunnel.", 0, 0)
	ferry := add("ferry", "Ferry operator adds boats for harbour commuters",
		"The ferry operator adds two boats for commuters crossing the harbour while the bridge is closed.", 0, 0)
	var unrelated []news.Article
	for i := range 5 {
		unrelated = append(unrelated, add(fmt.Sprintf("cup-%d", i), fmt.Sprintf("Marrowby wins cup tie %d", i),
			"Marrowby City beat Oxlade United in the cup with a late goal from their striker in front of a full stadium.", 0, 0))
	}
	r := pipeline.NewRelated(st)
	got, err := r.Related(ctx, bridge, 3)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[int64]bool{}
	for _, a := range got {
		ids[a.ID] = true
	}
	if !ids[tunnel.ID] || !ids[ferry.ID] {
		t.Errorf("related to the bridge: %v; want the tunnel (%d) and ferry (%d) stories", articleTitles(got), tunnel.ID, ferry.ID)
	}
	if ids[bridge.ID] || ids[sameStory.ID] || ids[copyOf.ID] {
		t.Errorf("related lists the article itself, its story or its copy: %v", articleTitles(got))
	}
	if len(got) > 3 {
		t.Errorf("%d related, asked for 3", len(got))
	}
	cups := 0
	for _, a := range got {
		for _, u := range unrelated {
			if a.ID == u.ID {
				cups++
			}
		}
	}
	if cups > 1 {
		t.Errorf("%d cup stories related to a bridge closure", cups)
	}
	again, err := r.Related(ctx, bridge, 3)
	if err != nil || len(again) != len(got) {
		t.Errorf("second answer = %v, %v; want the first again", articleTitles(again), err)
	}
}

func articleTitles(as []news.Article) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Title
	}
	return out
}
