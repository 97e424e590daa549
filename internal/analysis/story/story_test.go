package story

import (
	"fmt"
	"testing"
	"time"

	"newsdesk/internal/analysis/text"
)

var t0 = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

func doc(id, title, body string, at time.Time) Doc {
	return Doc{ID: id, Title: title, Text: body, Lang: "en", Published: at, Terms: text.Terms(title, body, "en")}
}

var (
	quake1 = doc("q1", "Earthquake strikes northern Valdoria", "A magnitude 6.1 earthquake struck northern Valdoria on Saturday, collapsing buildings in the town of Marsk. Rescue teams searched the rubble.", t0)
	quake2 = doc("q2", "Valdoria earthquake: rescuers search rubble in Marsk", "Rescuers in Marsk dug through collapsed buildings after Saturday's magnitude 6.1 earthquake in northern Valdoria.", t0.Add(3*time.Hour))
	quake3 = doc("q3", "Earthquake hits coastal Ternia", "A magnitude 5.4 earthquake shook the coast of Ternia on Monday, damaging the harbour at Olb. No deaths were reported.", t0.Add(50*time.Hour))
	budget = doc("b1", "Finance minister unveils budget", "The finance minister presented a budget that raises fuel duty and cuts income tax for low earners.", t0.Add(time.Hour))
)

func TestAssign(t *testing.T) {
	c := Merge(Cluster{ID: 1}, quake1)
	tests := []struct {
		name string
		d    Doc
		cs   []Cluster
		want int
	}{
		{"same event joins", quake2, []Cluster{c}, 0},
		{"other topic stays apart", budget, []Cluster{c}, -1},
		{"no candidates", quake2, nil, -1},
		{"same event long after", Doc{ID: "late", Terms: quake2.Terms, Published: t0.Add(60 * 24 * time.Hour)}, []Cluster{c}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, score := Assign(tt.d, tt.cs, tt.d.Published)
			if got != tt.want {
				t.Errorf("Assign = %d (score %.3f), want %d", got, score, tt.want)
			}
		})
	}
}

func TestMerge(t *testing.T) {
	c := Merge(Cluster{ID: 7}, quake1)
	c2 := Merge(c, quake2)
	if c2.ID != 7 || c2.Size != 2 || !c2.Last.Equal(quake2.Published) {
		t.Errorf("Merge = id %d size %d last %v", c2.ID, c2.Size, c2.Last)
	}
	if c.Size != 1 {
		t.Error("Merge modified its input")
	}
	if text.Cosine(c2.Terms, quake2.Terms) <= text.Cosine(c.Terms, quake2.Terms) {
		t.Error("centroid did not move toward the new article")
	}
}

func TestRelated(t *testing.T) {
	copyOf := quake1
	copyOf.ID = "q1-copy"
	docs := WeighByIDF([]Doc{quake1, quake2, quake3, budget, copyOf})
	got := Related(docs[0], docs, 2)
	want := []string{"q2", "q3"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Related = %q, want %q", got, want)
	}
}

func TestClusterer(t *testing.T) {
	c := NewClusterer()
	copyDoc := Doc{ID: "q1-wire", Title: "Quake in Valdoria", Text: "REUTERS\n\n" + quake1.Text, Lang: "en", Published: t0.Add(time.Hour)}
	stream := []Doc{quake1, budget, quake2, copyDoc, quake3}
	var res []Result
	for _, d := range stream {
		d.Terms = nil
		res = append(res, c.Add(d, d.Published))
	}
	if res[0].Story == res[1].Story {
		t.Error("earthquake and budget share a story")
	}
	if res[3].DuplicateOf != "q1" || res[3].Story != res[0].Story {
		t.Errorf("wire copy: %+v", res[3])
	}
	for i, r := range res {
		if i != 3 && r.DuplicateOf != "" {
			t.Errorf("%s marked duplicate of %s", stream[i].ID, r.DuplicateOf)
		}
	}
	if len(c.Stories()) < 3 {
		t.Errorf("%d stories", len(c.Stories()))
	}
}

func BenchmarkAssign(b *testing.B) {
	var cs []Cluster
	for i := range 500 {
		d := doc(fmt.Sprint(i), fmt.Sprintf("Story %d about topic%d", i, i%37), fmt.Sprintf("Body text word%d word%d word%d council vote market", i, i%11, i%53), t0)
		cs = append(cs, Merge(Cluster{ID: int64(i)}, d))
	}
	b.ResetTimer()
	for b.Loop() {
		Assign(quake2, cs, t0)
	}
}
