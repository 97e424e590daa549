package ai

import (
	"context"
	"strings"
	"testing"

	"newsdesk/internal/news"
)

func TestAskQuotesTheArticle(t *testing.T) {
	a := news.Article{
		Title: "Harbour bridge to close for repairs",
		Lang:  "en",
		Text: "The Old Harbour bridge will close for six weeks from Monday.\n\n" +
			"Engineers found cracks in two of its steel cables during an inspection in May.\n\n" +
			"Ferries will run every ten minutes while the bridge is shut, the council said.",
	}
	tests := []struct {
		q         string
		found     bool
		wantQuote string
	}{
		{"How long will the bridge close?", true, "six weeks"},
		{"What did engineers find?", true, "cracks"},
		{"", false, ""},
	}
	for _, tt := range tests {
		ans, err := Explainer{}.Ask(context.Background(), a, tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if ans.Found != tt.found {
			t.Errorf("Ask(%q).Found = %v, want %v (%+v)", tt.q, ans.Found, tt.found, ans)
			continue
		}
		if !tt.found {
			if ans.Text == "" {
				t.Errorf("Ask(%q) gave no explanation", tt.q)
			}
			continue
		}
		ok := false
		for _, q := range ans.Quotes {
			if !strings.Contains(a.Text, q) {
				t.Errorf("Ask(%q) quote %q is not in the article", tt.q, q)
			}
			ok = ok || strings.Contains(q, tt.wantQuote)
		}
		if !ok {
			t.Errorf("Ask(%q) quotes %q, want one with %q", tt.q, ans.Quotes, tt.wantQuote)
		}
	}
}
