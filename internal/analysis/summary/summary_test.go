package summary

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// readDoc reads a fixture whose first line is the title.
func readDoc(t testing.TB, name string) (title, body string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	title, body, _ = strings.Cut(string(b), "\n")
	return title, body
}

func TestSummarizeGolden(t *testing.T) {
	for _, tc := range []struct{ file, lang string }{
		{"harbour-bridge.txt", "en"},
		{"wahl.txt", "de"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			title, body := readDoc(t, tc.file)
			var b strings.Builder
			b.WriteString("# summary\n")
			for _, s := range Summarize(title, body, tc.lang, 3) {
				b.WriteString(s + "\n")
			}
			b.WriteString("# key points\n")
			for _, s := range KeyPoints(title, body, tc.lang, 3) {
				b.WriteString(s + "\n")
			}
			golden := filepath.Join("testdata", strings.TrimSuffix(tc.file, ".txt")+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if b.String() != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
			}
		})
	}
}

func TestSummarizeContract(t *testing.T) {
	title, body := readDoc(t, "harbour-bridge.txt")
	for n := 0; n <= 20; n++ {
		got := Summarize(title, body, "en", n)
		if len(got) > n {
			t.Fatalf("n=%d: %d sentences", n, len(got))
		}
		last := -1
		for _, s := range got {
			i := strings.Index(body, s)
			if i < 0 {
				t.Fatalf("sentence not in text: %q", s)
			}
			if i <= last {
				t.Fatalf("sentences out of order at %q", s)
			}
			last = i
		}
	}
	if got := Summarize("", "", "en", 3); len(got) != 0 {
		t.Errorf("empty text gave %q", got)
	}
}

func TestKeyPointsDistinct(t *testing.T) {
	body := "The mayor opened the new library on Monday. The mayor opened the new library on Monday morning. Readers queued for hours. The building cost 3 million."
	got := KeyPoints("Library opens", body, "en", 3)
	if len(got) != 3 {
		t.Fatalf("got %d points: %q", len(got), got)
	}
	if strings.HasPrefix(got[0], "The mayor") && strings.HasPrefix(got[1], "The mayor") {
		t.Errorf("near-identical points kept: %q", got)
	}
}

func TestAsk(t *testing.T) {
	title, body := readDoc(t, "harbour-bridge.txt")
	tests := []struct {
		q     string
		found bool
		want  string // a substring of the first quote
	}{
		{"How much will the repairs cost?", true, "4.2 million"},
		{"Who is the council engineer?", true, "Mara Voss"},
		{"When will the bridge close?", true, "3 March"},
		{"How will buses get across?", true, "Mill Road"},
		{"What did the football team score?", false, ""},
		{"", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a := Ask(tt.q, title, body, "en")
			if a.Found != tt.found {
				t.Fatalf("Found = %v, want %v (%q)", a.Found, tt.found, a.Text)
			}
			if a.Text == "" {
				t.Fatal("empty answer text")
			}
			if !tt.found {
				if len(a.Quotes) != 0 {
					t.Errorf("quotes without an answer: %q", a.Quotes)
				}
				return
			}
			for _, q := range a.Quotes {
				if !strings.Contains(body, q) {
					t.Errorf("quote not verbatim: %q", q)
				}
			}
			if !strings.Contains(strings.Join(a.Quotes, " "), tt.want) {
				t.Errorf("quotes %q lack %q", a.Quotes, tt.want)
			}
		})
	}
}

func TestAskNotFoundLanguage(t *testing.T) {
	a := Ask("Wer hat gewonnen?", "Radweg", "Der Radweg wird gebaut.", "de")
	if a.Found || !strings.Contains(a.Text, "Leider") {
		t.Errorf("got %+v", a)
	}
}

func BenchmarkSummarize(b *testing.B) {
	title, body := readDoc(b, "harbour-bridge.txt")
	body = strings.Repeat(body+"\n\n", 5)
	b.ResetTimer()
	for b.Loop() {
		Summarize(title, body, "en", 3)
	}
}
