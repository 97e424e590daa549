package extract

import (
	"slices"

	"golang.org/x/net/html"
)

// partFlag says what an element's class or id names it: several rules
// treat an element by the words in its class and id ("sidebar",
// "byline", "paywall"), and one scan of the two finds them all.
type partFlag uint8

const (
	partLabel      partFlag = 1 << iota // a section label, kicker or breadcrumb
	partOff                             // a page part whose images are not the article's
	partPaywall                         // a paywall box
	partByline                          // a byline or an author's name
	partBreadcrumb                      // breadcrumbs
	partCaption                         // maybe a caption or credit; captionClassRe decides
)

// partWords are the words, in lower case, that partFlags looks for
// anywhere in a class or id (ignoring ASCII case), and what each says.
var partWords = []struct {
	word string
	flag partFlag
}{
	{"section", partLabel}, {"kicker", partLabel}, {"eyebrow", partLabel}, {"rubric", partLabel},
	{"rubrik", partLabel}, {"category", partLabel}, {"overline", partLabel}, {"topic", partLabel},
	{"ressort", partLabel}, {"breadcrumb", partLabel | partOff | partBreadcrumb},
	{"related", partOff}, {"sidebar", partOff}, {"promo", partOff}, {"advert", partOff},
	{"newsletter", partOff}, {"share", partOff}, {"comment", partOff}, {"author", partOff},
	{"avatar", partOff}, {"logo", partOff}, {"menu", partOff}, {"recommend", partOff},
	{"outbrain", partOff}, {"taboola", partOff}, {"teaser", partOff}, {"widget-ad", partOff},
	{"paywall", partPaywall}, {"regwall", partPaywall}, {"piano-offer", partPaywall}, {"subscriber-only", partPaywall},
	{"byline", partByline}, {"author-name", partByline},
	{"caption", partCaption}, {"credit", partCaption},
}

// partIndex finds partWords in a short string in one pass: a bitmap of
// the hashes of the words' first three bytes turns away nearly every
// place at one look, and the few others are checked against the words
// with that hash. It is built once and only read after.
var partIndex = newWordIndex()

type wordIndex struct {
	bits [64]uint64 // 4,096 bits, by gramHash
	keys []uint32   // gramHash<<8 | word number, sorted
}

// gramHash hashes three lower-case bytes to 12 bits.
func gramHash(a, b, c byte) uint32 {
	return (uint32(a) | uint32(b)<<8 | uint32(c)<<16) * 0x9E3779B1 >> 20
}

func newWordIndex() *wordIndex {
	x := &wordIndex{}
	for i, w := range partWords {
		if len(w.word) < 3 || i > 255 {
			panic("extract: part word " + w.word + " too short, or too many words")
		}
		for j := 0; j < len(w.word); j++ {
			if c := w.word[j]; c >= 0x80 || lowerASCII(c) != c {
				panic("extract: part word " + w.word + " is not lower-case ASCII")
			}
		}
		h := gramHash(w.word[0], w.word[1], w.word[2])
		x.bits[h>>6] |= 1 << (h & 63)
		x.keys = append(x.keys, h<<8|uint32(i))
	}
	slices.Sort(x.keys)
	return x
}

// scan returns the flags of the words s holds.
func (x *wordIndex) scan(s string) partFlag {
	var f partFlag
	for i := 0; i+3 <= len(s); i++ {
		h := gramHash(lowerASCII(s[i]), lowerASCII(s[i+1]), lowerASCII(s[i+2]))
		if x.bits[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		k, _ := slices.BinarySearch(x.keys, h<<8)
		for ; k < len(x.keys) && x.keys[k]>>8 == h; k++ {
			w := partWords[x.keys[k]&0xff]
			if hasFoldedPrefix(s[i:], w.word) {
				f |= w.flag
			}
		}
	}
	return f
}

// hasFoldedPrefix reports whether s begins with the lower-case ASCII word
// w, ignoring ASCII case.
func hasFoldedPrefix(s, w string) bool {
	if len(s) < len(w) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if lowerASCII(s[i]) != w[i] {
			return false
		}
	}
	return true
}

// partFlags returns what n's class and id name it.
func partFlags(n *html.Node) partFlag {
	var f partFlag
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" {
			f |= partIndex.scan(a.Val)
		}
	}
	return f
}

// partNames remembers partFlags of the node the page's walk is at, which
// several of its visitors ask about. A nil *partNames computes each time.
type partNames struct {
	n *html.Node
	f partFlag
}

// of returns partFlags(n).
func (p *partNames) of(n *html.Node) partFlag {
	if p == nil {
		return partFlags(n)
	}
	if p.n != n {
		p.n, p.f = n, partFlags(n)
	}
	return p.f
}
