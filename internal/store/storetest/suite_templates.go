package storetest

import (
	"context"
	"errors"
	"testing"

	"newsdesk/internal/news"
)

// testTemplates checks that pages are counted into a source's template once
// each, that blocks become boilerplate only after enough pages, and that
// sources do not share templates.
func testTemplates(t *testing.T, s Store) {
	ctx := context.Background()
	a := newSource(t, s, 1)
	b := newSource(t, s, 2)
	empty, err := s.SourceTemplate(ctx, a.ID)
	if err != nil || empty.Pages != 0 || len(empty.Blocks) != 0 {
		t.Fatalf("new source's template = %+v, %v; want empty", empty, err)
	}
	const promo, story1, story2, story3 = 11, 101, 102, 103
	pages := []struct {
		page   string
		blocks []uint64
	}{
		{"https://a.example/1", []uint64{promo, story1, promo}},
		{"https://a.example/2", []uint64{story2, promo}},
		{"https://a.example/2", []uint64{story2, promo}}, // retried: counted once
		{"https://a.example/3", []uint64{promo, story3}},
	}
	var tpl news.Template
	for _, p := range pages {
		if tpl, err = s.LearnTemplate(ctx, a.ID, p.page, p.blocks); err != nil {
			t.Fatal(err)
		}
	}
	if tpl.Pages != 3 || tpl.Blocks[promo] != 3 || tpl.Blocks[story2] != 1 {
		t.Fatalf("template after 3 pages = %+v; want 3 pages, promo on 3, story2 on 1", tpl)
	}
	if !tpl.Boilerplate(promo) || tpl.Boilerplate(story1) {
		t.Errorf("boilerplate: promo %v, story1 %v; want true, false", tpl.Boilerplate(promo), tpl.Boilerplate(story1))
	}
	again, err := s.SourceTemplate(ctx, a.ID)
	if err != nil || again.Pages != 3 || again.Blocks[promo] != 3 || again.SourceID != a.ID {
		t.Errorf("SourceTemplate = %+v, %v; want what LearnTemplate returned", again, err)
	}
	other, err := s.SourceTemplate(ctx, b.ID)
	if err != nil || other.Pages != 0 {
		t.Errorf("another source's template = %+v, %v; want empty", other, err)
	}
	if _, err := s.LearnTemplate(ctx, 999999, "https://x.example/", []uint64{1}); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("LearnTemplate on a missing source: %v, want ErrInvalid", err)
	}
	if err := s.DeleteSource(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if gone, err := s.SourceTemplate(ctx, a.ID); err != nil || gone.Pages != 0 {
		t.Errorf("template of a deleted source = %+v, %v; want empty", gone, err)
	}
}
