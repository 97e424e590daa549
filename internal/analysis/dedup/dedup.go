// Package dedup recognises the same article under different addresses and
// copies of one text across outlets: canonical URLs, exact content
// fingerprints, near-duplicate simhashes and wire-service credits. It is
// pure: no I/O and no state between calls.
package dedup

import (
	"crypto/sha256"
	"encoding/hex"
	"hash/fnv"
	"math/bits"
	"net/url"
	"sort"
	"strings"

	"newsdesk/internal/analysis/text"
)

// trackingParams are query parameters that only track the reader.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "mc_cid": true, "mc_eid": true, "yclid": true, "igshid": true,
	"_ga": true, "_gl": true, "ref": true, "ref_src": true, "cmpid": true,
	"ocid": true, "smid": true, "cmp": true, "s_cid": true, "ito": true,
	"spm": true, "share": true, "xtor": true, "at_medium": true, "at_campaign": true,
	"__twitter_impression": true, "rss": true, "mkt_tok": true, "sr_share": true,
}

// CanonicalURL normalises an article address so that the same page under
// different spellings compares equal: lower-case scheme and host, no
// default port, no fragment, no tracking parameters (utm_*, fbclid, gclid,
// ...), the remaining query sorted, no trailing slash on a path other than
// "/", and "http" upgraded to nothing else. A string that is not an
// absolute http or https URL is returned trimmed.
func CanonicalURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	host = strings.TrimRight(host, ".")
	if (u.Scheme != "http" && u.Scheme != "https") || host == "" {
		return raw // not a web address: nothing to normalise
	}
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	u.Host = host
	u.User = nil
	u.Fragment = ""
	u.RawFragment = ""
	if u.Path == "" {
		u.Path = "/"
	}
	if len(u.Path) > 1 {
		u.Path = strings.TrimRight(u.Path, "/")
		if u.Path == "" {
			u.Path = "/"
		}
	}
	u.RawPath = ""
	q := u.Query()
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || trackingParams[lk] {
			delete(q, k)
		}
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		vals := q[k]
		sort.Strings(vals)
		for _, v := range vals {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k))
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	u.RawQuery = b.String()
	u.ForceQuery = false
	return u.String()
}

// ContentHash returns a hex SHA-256 fingerprint of the text's words,
// lower-cased, so that differences in white space, punctuation and case do
// not change it. An empty text has an empty hash.
func ContentHash(s string) string {
	toks := text.Tokens(s)
	if len(toks) == 0 {
		return ""
	}
	sum := sha256.Sum256([]byte(strings.Join(toks, " ")))
	return hex.EncodeToString(sum[:])
}

// ShingleSize is the number of words in a Simhash shingle.
const ShingleSize = 3

// Simhash returns a 64-bit locality-sensitive fingerprint of the text over
// its word shingles: texts that share most shingles differ in few bits.
func Simhash(s string) uint64 {
	sh := text.Shingles(text.Tokens(s), ShingleSize)
	if len(sh) == 0 {
		return 0
	}
	var v [64]int
	for _, g := range sh {
		h := fnv.New64a()
		h.Write([]byte(g))
		x := mix(h.Sum64())
		for i := range 64 {
			if x&(1<<i) != 0 {
				v[i]++
			} else {
				v[i]--
			}
		}
	}
	var out uint64
	for i := range 64 {
		if v[i] > 0 {
			out |= 1 << i
		}
	}
	return out
}

// mix spreads the bits of an FNV hash (a splitmix64 finaliser).
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Distance is the number of differing bits of two simhashes.
func Distance(a, b uint64) int {
	return bits.OnesCount64(a ^ b)
}

// NearDistance is the largest Distance at which Near holds.
const NearDistance = 6

// Near reports whether two simhashes are close enough for their texts to
// be copies of one another.
func Near(a, b uint64) bool {
	return Distance(a, b) <= NearDistance
}
