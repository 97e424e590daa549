package text

import (
	"hash/fnv"
	"slices"
)

// ShingleSet returns the sorted, distinct 64-bit hashes of the n-word
// shingles of s, the fingerprint Containment compares.
func ShingleSet(s string, n int) []uint64 {
	sh := Shingles(Tokens(s), n)
	out := make([]uint64, 0, len(sh))
	for _, g := range sh {
		h := fnv.New64a()
		h.Write([]byte(g))
		out = append(out, h.Sum64())
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Containment is the share of the smaller shingle set's members found in
// the other one: 1 when one text is contained in the other, 0 when they
// share nothing. Both sets must be sorted, as ShingleSet returns them.
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
