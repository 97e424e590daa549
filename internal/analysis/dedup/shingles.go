package dedup

import (
	"hash/fnv"
	"slices"

	"newsdesk/internal/analysis/text"
)

// FingerprintSize is the number of words in a Fingerprint shingle.
const FingerprintSize = 5

// Fingerprint returns the sorted, distinct hashes of the text's five-word
// shingles. Two fingerprints compare with Containment, which, unlike a
// simhash, still finds a copy whose end was cut.
func Fingerprint(s string) []uint64 {
	sh := text.Shingles(text.Tokens(s), FingerprintSize)
	out := make([]uint64, 0, len(sh))
	for _, g := range sh {
		h := fnv.New64a()
		h.Write([]byte(g))
		out = append(out, h.Sum64())
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Containment is the share of the smaller fingerprint's shingles found in
// the other one: 1 when one text is contained in the other, 0 when they
// share nothing.
func Containment(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	common := 0
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(common) / float64(min(len(a), len(b)))
}
