package dedup

import "newsdesk/internal/analysis/text"

// FingerprintSize is the number of words in a Fingerprint shingle.
const FingerprintSize = 5

// Fingerprint returns the sorted, distinct hashes of the text's five-word
// shingles. Two fingerprints compare with Containment, which, unlike a
// simhash, still finds a copy whose end was cut.
func Fingerprint(s string) []uint64 {
	return text.ShingleSet(s, FingerprintSize)
}

// Containment is the share of the smaller fingerprint's shingles found in
// the other one: 1 when one text is contained in the other, 0 when they
// share nothing.
func Containment(a, b []uint64) float64 {
	return text.Containment(a, b)
}
