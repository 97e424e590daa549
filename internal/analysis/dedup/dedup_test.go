package dedup

import (
	"strings"
	"testing"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTPS://News.Example.COM:443/a/b/?utm_source=x&b=2&a=1#top", "https://news.example.com/a/b?a=1&b=2"},
		{"http://example.com:80", "http://example.com/"},
		{"http://example.com:8080/x?fbclid=1&gclid=2", "http://example.com:8080/x"},
		{"https://example.com/story?id=5&UTM_Medium=rss", "https://example.com/story?id=5"},
		{"https://user:pw@example.com./p", "https://example.com/p"},
		{"  not a url ", "not a url"},
		{"/relative/path", "/relative/path"},
	}
	for _, tt := range tests {
		if got := CanonicalURL(tt.in); got != tt.want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestContentHash(t *testing.T) {
	a := ContentHash("The  quick brown fox.\n\nJumps!")
	b := ContentHash("the quick brown fox jumps")
	c := ContentHash("the quick brown cat jumps")
	if a != b {
		t.Error("normalised texts hash differently")
	}
	if a == c {
		t.Error("different texts hash the same")
	}
	if ContentHash(" ... ") != "" {
		t.Error("empty text has a hash")
	}
}

const story = `The city council voted on Tuesday to close the Harbour Bridge for six weeks of repairs starting in March.
Engineers say the expansion joints are worn and must be replaced before next winter. Buses will be diverted over the Mill Road
crossing and a temporary ferry will run every twenty minutes at peak times. Local traders fear the closure will hurt business,
and one café owner said footfall fell by a third the last time the bridge was shut in 2015.`

func TestSimhash(t *testing.T) {
	edited := strings.Replace(story, "Tuesday", "Wednesday", 1)
	other := `Scientists have found a new species of frog in the rainforest of the northern highlands. The tiny amphibian, no bigger
than a fingernail, was identified by its unusual call, which resembles a dripping tap. Researchers say the habitat is under threat from logging.`
	a, b, c := Simhash(story), Simhash(edited), Simhash(other)
	if !Near(a, b) {
		t.Errorf("lightly edited copy: distance %d", Distance(a, b))
	}
	if Near(a, c) {
		t.Errorf("unrelated text near: distance %d", Distance(a, c))
	}
	if Distance(a, a) != 0 {
		t.Error("self distance not 0")
	}
	if Simhash("") != 0 {
		t.Error("empty text simhash not 0")
	}
}

func TestWire(t *testing.T) {
	tests := []struct{ body, byline, want string }{
		{"LONDON (Reuters) - Shares fell on Monday.", "", "Reuters"},
		{"PARIS (AFP) — The government said.", "", "AFP"},
		{"BERLIN, 3. Mai (dpa) – Die Regierung.", "", "dpa"},
		{"WASHINGTON (AP) — Congress voted.", "", "AP"},
		{"OSLO (NTB) — The ministry said.", "", "NTB"},
		{"Prices rose.\n\nReporting by Jane Roe; Editing by John Doe", "", "Reuters"},
		{"The talks ended.\n\n— AP", "", "AP"},
		{"The talks ended.", "By Jane Roe, Associated Press", "AP"},
		{"The talks ended.", "Agence France-Presse", "AFP"},
		{"Our reporter (right) - at the scene.", "", ""},
		{"The mayor (who is 54) said no.", "Jane Roe", ""},
		{"The apple harvest was good.", "Happy Apple", ""},
	}
	for _, tt := range tests {
		if got := Wire(tt.body, tt.byline); got != tt.want {
			t.Errorf("Wire(%q, %q) = %q, want %q", tt.body, tt.byline, got, tt.want)
		}
	}
}

func BenchmarkSimhash(b *testing.B) {
	s := strings.Repeat(story+" ", 10)
	for b.Loop() {
		Simhash(s)
	}
}

func TestContainment(t *testing.T) {
	full := Fingerprint(story)
	half := Fingerprint(story[:len(story)/2])
	other := Fingerprint("Scientists have found a new species of frog in the rainforest of the northern highlands.")
	if c := Containment(full, half); c < 0.95 {
		t.Errorf("trimmed copy containment %v", c)
	}
	if c := Containment(full, other); c != 0 {
		t.Errorf("unrelated containment %v", c)
	}
	if c := Containment(nil, full); c != 0 {
		t.Errorf("empty containment %v", c)
	}
}
