package text

import "github.com/abadojack/whatlanggo"

// Detect guesses the language of s as an ISO 639-1 code, with a confidence
// between 0 and 1. It returns "" and 0 for text without letters.
func Detect(s string) (lang string, confidence float64) {
	info := whatlanggo.Detect(s)
	code := info.Lang.Iso6391()
	if code == "" {
		return "", 0
	}
	return code, info.Confidence
}

// Lang returns the ISO 639-1 language of s, or "" when the guess is not
// reliable.
func Lang(s string) string {
	info := whatlanggo.Detect(s)
	if !info.IsReliable() {
		return ""
	}
	return info.Lang.Iso6391()
}
