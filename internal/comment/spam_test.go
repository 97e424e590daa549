package comment

import (
	"strings"
	"testing"
)

func TestSpamReason(t *testing.T) {
	tests := []struct {
		body string
		spam bool
	}{
		{"A thoughtful reply about the harbour plan.", false},
		{"See https://a.example and https://b.example for both reports.", false},
		{"https://a.example https://b.example https://c.example https://d.example", true},
		{"www.a.example www.b.example www.c.example www.d.example", true},
		{"Great article! Click here for a prize", true},
		{"Earn big: WORK FROM HOME today", true},
		{"Wowwwwwwwwwwwwww", true},
		{"Wait.... what?", false},
		{"THIS IS AN OUTRAGE AND EVERYONE SHOULD KNOW IT", true},
		{"NASA and the ESA agree on the plan for the new probe.", false},
		{"OK", false},
	}
	for _, tt := range tests {
		got := SpamReason(tt.body)
		if (got != "") != tt.spam {
			t.Errorf("SpamReason(%q) = %q, want spam=%v", tt.body, got, tt.spam)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  hello \r\nworld\t ", "hello \nworld"},
		{"a\x00b\x07c", "abc"},
		{"\n\n", ""},
	}
	for _, tt := range tests {
		if got := normalize(tt.in); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkSpamReason(b *testing.B) {
	body := strings.Repeat("A perfectly normal comment about the news of the day. ", 80)
	for b.Loop() {
		SpamReason(body)
	}
}
