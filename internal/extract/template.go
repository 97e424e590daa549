package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// An outlet's pages share a template: the same promotion, credit or label
// blocks come back page after page. The pipeline learns them per outlet
// from Result.Blocks and hands them back through Options.Boilerplate.

// BlockKey returns the key of a body block's text: a 64-bit FNV-1a hash of
// its normalised text (Unicode lower case, white space runs collapsed,
// trimmed).
func BlockKey(text string) uint64 {
	// FNV-1a over the words of text in lower case, joined by one space:
	// the hash of strings.Join(strings.Fields(strings.ToLower(text)), " "),
	// computed without building that string.
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	var enc [utf8.UTFMax]byte
	inWord, words := false, 0
	for _, r := range text {
		if unicode.IsSpace(r) {
			inWord = false
			continue
		}
		if !inWord {
			if words > 0 {
				h = (h ^ ' ') * prime
			}
			words++
			inWord = true
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			h = (h ^ uint64(r)) * prime
			continue
		}
		// Invalid bytes come out as U+FFFD, as strings.ToLower makes them.
		for _, c := range enc[:utf8.EncodeRune(enc[:], unicode.ToLower(r))] {
			h = (h ^ uint64(c)) * prime
		}
	}
	return h
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
