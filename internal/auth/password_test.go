package auth

import (
	"strings"
	"testing"
)

func TestHashAndCheckPassword(t *testing.T) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=32768,t=2,p=2$") {
		t.Fatalf("hash %q lacks the parameters", h)
	}
	h2, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if h == h2 {
		t.Fatal("two hashes of one password are equal: salt is not random")
	}
	tests := []struct {
		pw   string
		want bool
	}{
		{"correct horse battery", true},
		{"correct horse batterY", false},
		{"", false},
		{"correct horse battery ", false},
	}
	for _, tt := range tests {
		got, err := CheckPassword(h, tt.pw)
		if err != nil {
			t.Fatalf("CheckPassword(%q): %v", tt.pw, err)
		}
		if got != tt.want {
			t.Errorf("CheckPassword(%q) = %v, want %v", tt.pw, got, tt.want)
		}
	}
}

func TestCheckPasswordMalformed(t *testing.T) {
	for _, h := range []string{
		"",
		"plain",
		"$argon2i$v=19$m=32768,t=2,p=2$c2FsdA$a2V5",
		"$argon2id$v=18$m=32768,t=2,p=2$c2FsdA$a2V5",
		"$argon2id$v=19$m=0,t=2,p=2$c2FsdA$a2V5",
		"$argon2id$v=19$m=99999999,t=2,p=2$c2FsdA$a2V5",
		"$argon2id$v=19$m=32768,t=2,p=2$!!!$a2V5",
		"$argon2id$v=19$m=32768,t=2,p=2$c2FsdA$",
	} {
		if ok, err := CheckPassword(h, "x"); err == nil || ok {
			t.Errorf("CheckPassword(%q) = %v, %v; want an error", h, ok, err)
		}
	}
}

func TestValidateName(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"ada", true},
		{"Ada_Lovelace-1.0", true},
		{"ab", false},
		{strings.Repeat("a", 32), true},
		{strings.Repeat("a", 33), false},
		{"ada lovelace", false},
		{"ada<script>", false},
		{"zoë", false},
	}
	for _, tt := range tests {
		err := ValidateName(tt.name)
		if (err == nil) != tt.ok {
			t.Errorf("ValidateName(%q) = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

func BenchmarkCheckPassword(b *testing.B) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if ok, _ := CheckPassword(h, "correct horse battery"); !ok {
			b.Fatal("mismatch")
		}
	}
}
