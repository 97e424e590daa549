package text

import (
	"reflect"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Hello, World!", []string{"hello", "world"}},
		{"Über den Fluß – 3,5 km", []string{"über", "den", "fluß", "3", "5", "km"}},
		{"l'économie française", []string{"l", "économie", "française"}},
		{"", nil},
		{"東京 2020", []string{"東京", "2020"}},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "The cat sat. The dog ran! Did it?", []string{"The cat sat.", "The dog ran!", "Did it?"}},
		{"title", "Mr. Smith met Dr. Jones. They talked.", []string{"Mr. Smith met Dr. Jones.", "They talked."}},
		{"dotted", "The U.S. Senate voted. It passed.", []string{"The U.S. Senate voted.", "It passed."}},
		{"dotted end", "He moved to the U.S. The move was hard.", []string{"He moved to the U.S.", "The move was hard."}},
		{"decimal", "Growth was 3.5 per cent. Prices rose.", []string{"Growth was 3.5 per cent.", "Prices rose."}},
		{"quote", `"We will win." She smiled.`, []string{`"We will win."`, "She smiled."}},
		{"initial", "The author J. K. Rowling spoke. Fans cheered.", []string{"The author J. K. Rowling spoke.", "Fans cheered."}},
		{"lower after stop", "It cost 5 p.m. prices today. Fine.", []string{"It cost 5 p.m. prices today.", "Fine."}},
		{"paragraphs", "First line\n\nSecond line.", []string{"First line", "Second line."}},
		{"empty", " \n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sentences(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ word, lang, want string }{
		{"running", "en", "run"},
		{"elections", "en", "elect"},
		{"gouvernements", "fr", "gouvern"},
		{"elecciones", "es", "eleccion"},
		{"regierungen", "de", "regier"},
		{"häuser", "de", "haus"},
		{"kissat", "fi", "kissat"},
	}
	for _, tt := range tests {
		if got := Stem(tt.word, tt.lang); got != tt.want {
			t.Errorf("Stem(%q, %q) = %q, want %q", tt.word, tt.lang, got, tt.want)
		}
	}
}

func TestIsStopword(t *testing.T) {
	tests := []struct {
		word, lang string
		want       bool
	}{
		{"the", "en", true}, {"election", "en", false},
		{"und", "de", true}, {"regierung", "de", false},
		{"les", "fr", true}, {"gouvernement", "fr", false},
		{"los", "es", true}, {"gobierno", "es", false},
		{"the", "xx", true},
	}
	for _, tt := range tests {
		if got := IsStopword(tt.word, tt.lang); got != tt.want {
			t.Errorf("IsStopword(%q, %q) = %v", tt.word, tt.lang, got)
		}
	}
}

func TestLang(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The government announced a new plan to reduce taxes for small businesses next year.", "en"},
		{"Die Regierung hat am Montag einen neuen Plan zur Senkung der Steuern vorgestellt.", "de"},
		{"Le gouvernement a présenté lundi un nouveau plan pour réduire les impôts des entreprises.", "fr"},
		{"El gobierno presentó el lunes un nuevo plan para reducir los impuestos de las empresas.", "es"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Lang(tt.in); got != tt.want {
			t.Errorf("Lang(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTerms(t *testing.T) {
	got := Terms("Floods hit Valencia", "The floods in Valencia killed 12 people in 2024.", "en")
	if _, ok := got["the"]; ok {
		t.Error("stop word kept")
	}
	if _, ok := got["12"]; ok {
		t.Error("short number kept")
	}
	if _, ok := got["2024"]; !ok {
		t.Error("year dropped")
	}
	if got["flood"] <= got["peopl"] {
		t.Errorf("title term not boosted: flood=%v peopl=%v", got["flood"], got["peopl"])
	}
}

func TestCosine(t *testing.T) {
	a := map[string]float64{"x": 1, "y": 1}
	if c := Cosine(a, a); c < 0.999 || c > 1.001 {
		t.Errorf("Cosine(a, a) = %v", c)
	}
	if c := Cosine(a, map[string]float64{"z": 1}); c != 0 {
		t.Errorf("disjoint cosine = %v", c)
	}
}

func TestShingles(t *testing.T) {
	got := Shingles([]string{"a", "b", "c"}, 2)
	if !reflect.DeepEqual(got, []string{"a b", "b c"}) {
		t.Errorf("Shingles = %q", got)
	}
	if got := Shingles([]string{"a"}, 3); !reflect.DeepEqual(got, []string{"a"}) {
		t.Errorf("short Shingles = %q", got)
	}
}
