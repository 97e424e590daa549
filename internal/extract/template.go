package extract

import (
	"hash/fnv"
	"strings"
)

// An outlet's pages share a template: the same promotion, credit or label
// blocks come back page after page. The pipeline learns them per outlet
// from Result.Blocks and hands them back through Options.Boilerplate.

// BlockKey returns the key of a body block's text: a 64-bit FNV-1a hash of
// its normalised text (Unicode lower case, white space runs collapsed,
// trimmed).
func BlockKey(text string) uint64 {
	h := fnv.New64a()
	first := true
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if !first {
			h.Write([]byte{' '})
		}
		first = false
		h.Write([]byte(w))
	}
	return h.Sum64()
}

// blockKeys returns the keys of the kept blocks with text, in body order,
// without repeats.
func blockKeys(blocks []block, drop []string) []uint64 {
	var keys []uint64
	seen := map[uint64]bool{}
	for i := range blocks {
		if drop[i] != "" || strings.TrimSpace(blocks[i].text) == "" {
			continue
		}
		k := BlockKey(blocks[i].text)
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}
