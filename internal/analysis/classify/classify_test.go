package classify

import (
	"testing"

	"newsdesk/internal/news"
)

func TestSection(t *testing.T) {
	tests := []struct{ title, body, lang, want string }{
		{"Striker scores twice as United win cup final", "The team won the match with two late goals.", "en", "sport"},
		{"Shares fall as inflation rises", "Investors sold stocks after the bank raised interest rates.", "en", "business"},
		{"Parliament votes on election law", "The government lost the vote as opposition MPs rejected the bill.", "en", "politics"},
		{"Hospital waiting lists grow", "Patients wait longer for cancer treatment, doctors say.", "en", "health"},
		{"Regierung verliert Abstimmung im Bundestag", "Die Koalition und der Kanzler scheiterten mit dem Gesetz.", "de", "politics"},
		{"L'équipe remporte la coupe", "Le joueur a marqué deux buts pendant le match.", "fr", "sport"},
		{"El banco sube los precios", "La economía y el mercado sufren por la inflación.", "es", "business"},
		{"Storm lashes coast", "Winds brought down trees overnight.", "en", "world"},
	}
	for _, tt := range tests {
		if got := Section(tt.title, tt.body, tt.lang); got != tt.want {
			t.Errorf("Section(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestEntities(t *testing.T) {
	got := Entities("Talks were held in Geneva on Monday. President Anna Berg met officials of the Northern Trade Bank and Acme Ltd. The French delegation left early.")
	want := map[Entity]bool{
		{"Geneva", Place}:                     true,
		{"Anna Berg", Person}:                 true,
		{"Northern Trade Bank", Organisation}: true,
		{"Acme Ltd", Organisation}:            true,
		{"French", Misc}:                      true,
	}
	for _, e := range got {
		delete(want, e)
		if e.Text == "Talks" || e.Text == "The" || e.Text == "Monday" && e.Type == Person {
			t.Errorf("spurious entity %+v", e)
		}
	}
	for e := range want {
		t.Errorf("missing %+v in %+v", e, got)
	}
	if es := Entities("BREAKING NEWS FROM THE WIRE"); len(es) != 0 {
		t.Errorf("entities in an all-caps line: %+v", es)
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Angela Merkel", "angela-merkel"},
		{"Zürich", "zurich"},
		{"São Paulo FC", "sao-paulo-fc"},
		{"U.S. Senate", "us-senate"},
		{"  O'Neill & Sons ", "oneill-sons"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHashtags(t *testing.T) {
	got := Hashtags("Striker Leo Varga joins Harbour City FC", "Coach Mara Lind said Leo Varga would play in the cup final against Westport Rovers in Elling. The team hopes to win the league.", "en", 4)
	if len(got) == 0 || len(got) > 4 {
		t.Fatalf("got %d hashtags: %+v", len(got), got)
	}
	if got[0].Slug != "leo-varga" || got[0].Kind != news.KindPerson {
		t.Errorf("first hashtag %+v", got[0])
	}
	last := got[len(got)-1]
	if last.Kind != news.KindTopic || last.Slug != "sport" {
		t.Errorf("topic hashtag %+v", last)
	}
	if Hashtags("x", "y", "en", 0) != nil {
		t.Error("max 0 gave hashtags")
	}
}

func TestNaiveBayes(t *testing.T) {
	m, err := Train([]Example{
		{Text: "the team won the match with a late goal", Label: "sport"},
		{Text: "the striker scored in the cup final", Label: "sport"},
		{Text: "shares fell as the bank raised interest rates", Label: "business"},
		{Text: "the company reported higher profits and sales", Label: "business"},
	})
	if err != nil {
		t.Fatal(err)
	}
	label, scores := m.Predict("a goal in the final match", "en")
	if label != "sport" {
		t.Errorf("label %q, scores %v", label, scores)
	}
	var sum float64
	for _, s := range scores {
		sum += s
	}
	if sum < 0.999 || sum > 1.001 {
		t.Errorf("scores sum to %v", sum)
	}
	if _, err := Train(nil); err == nil {
		t.Error("training on nothing succeeded")
	}
}
