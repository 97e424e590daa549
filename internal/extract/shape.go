package extract

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds rules that recognise clutter by its shape rather than
// its wording: a label in front of a link to another article, a line of
// metadata fields, the publisher's description of itself after a press
// release, and contact or sign-in lines at the end of the body.

// labelPrefix splits "Label: rest" where the label is a few words.
var labelPrefix = mustRule(`^([\p{L}][\p{L}\p{M}'’ ]{0,30}?)\s*[:|»›]\s*(.{8,})$`)

// labelledLink reports a block that is a short label followed by the
// text of a link found elsewhere on the page ("Read also: ...", "MIRA:
// ...", "Czytaj też: ..."): a pointer to another article.
func (c *cleaner) labelledLink(b *block) bool {
	if b.words > 30 || b.sentenceEnd() && !strings.HasSuffix(b.text, ")") && strings.Count(b.text, ".") > 1 {
		return false
	}
	m := labelPrefix.FindStringSubmatch(b.text)
	if m == nil || countFields(m[1]) > 4 {
		return false
	}
	return c.anchors[normKey(m[2]).hash]
}

// metaField matches one "Label: value" field of a metadata line.
var metaField = mustRule(`(?:^|[|•·–—-]\s*)\p{L}[\p{L}\p{M} ]{1,24}:\s`)

// metaLine reports a short line made of several metadata fields
// ("05/10/2018 - Posted by: ... - Category: ... - Tags: ...").
func metaLine(b *block) bool {
	return b.words <= 30 && len(metaField.FindAllStringIndex(b.text, -1)) >= 2
}

// loginToComment matches the line a comment form shows to signed-out readers.
var loginToComment = mustRule(`(?i)\b(?:log|sign)\s*in\b.{0,30}\b(?:to\s+)?(?:post|leave|write|add)\s+(?:a\s+)?comments?\b|\bkommentieren\b.{0,40}\b(?:eingeloggt|angemeldet)\b|\b(?:eingeloggt|angemeldet)\b.{0,40}\bkommentieren\b`)

// emailContact matches an invitation to write to or follow the author
// that gives an address or handle.
var emailContact = mustRule(`(?i)\b(?:e-?mail|contact|reach|write\s+to)\b[^.]{0,60}[\w.+-]+@[\w-]+\.[\w.]+|\bfollow\s+(?:him|her|them|me|us)\b[^.]{0,40}@\w`)

// signUpSentence matches a sentence that asks the reader to sign up for a
// newsletter.
var signUpSentence = mustRule(`(?i)(?:^|[.!?]\s+)(?:sign\s*up|subscribe|register)\b[^.!?]{0,80}\bnewsletter\b`)

// selfDescription matches the opening of a company's description of
// itself: a name, then "is a", "ist ein", "est un", "es una" ...
var selfDescription = mustRule(`^([\p{Lu}][\p{L}\p{N}&.\- ]{1,40}?)(?:,[^,]{1,60},)?\s+(?:is|ist|est|es|è)\s+(?:a|an|the|one|ein|eine|der|die|un|une|una|uno|le|la|el)\b`)

// hostLabel returns the distinctive label of a page's host name
// ("ascom" for www.ascom.com), or "".
func hostLabel(pageURL string) string {
	u, err := url.Parse(pageURL)
	if err != nil || u.Hostname() == "" {
		return ""
	}
	parts := strings.Split(strings.ToLower(u.Hostname()), ".")
	if len(parts) < 2 {
		return ""
	}
	l := parts[len(parts)-2]
	if len(l) <= 3 && len(parts) >= 3 {
		// co.uk, com.br
		l = parts[len(parts)-3]
	}
	if len(l) < 3 {
		return ""
	}
	return l
}

// hostLabel is hostLabel of the page's canonical address, or of its
// address, worked out once.
func (c *cleaner) hostLabel() string {
	if !c.hostDone {
		c.host = hostLabel(c.res.Canonical)
		if c.host == "" {
			c.host = hostLabel(c.res.URL)
		}
		c.hostDone = true
	}
	return c.host
}

// publisherBlurb reports a block in which the site's own organisation
// describes itself, as press releases end.
func (c *cleaner) publisherBlurb(t string) bool {
	host := c.hostLabel()
	if host == "" {
		return false
	}
	// The name starts the text; its first letter is the host's.
	if r, _ := utf8.DecodeRuneInString(t); host[0] < utf8.RuneSelf && unicode.ToLower(r) != rune(host[0]) {
		return false
	}
	m := selfDescription.FindStringSubmatch(t)
	if m == nil {
		return false
	}
	name := strings.ReplaceAll(norm(m[1]), " ", "")
	return name != "" && (strings.HasPrefix(host, name) || strings.HasPrefix(name, host))
}

// dropShapes applies the shape rules to the kept blocks: labelled links
// anywhere, and contact, sign-in, newsletter and publisher lines among the
// last blocks of the body.
func (c *cleaner) dropShapes(blocks []block, drop []string) {
	for i := range blocks {
		if drop[i] == "" && blocks[i].words > 0 && c.labelledLink(&blocks[i]) {
			drop[i] = "labelled-link"
		}
	}
	seen := 0
	blurb := -1
	for i := len(blocks) - 1; i >= 0 && seen < 4; i-- {
		b := &blocks[i]
		if drop[i] != "" || b.words == 0 {
			continue
		}
		seen++
		switch {
		case b.words <= 25 && loginToComment.MatchString(b.text):
			drop[i] = "comments"
		case b.words <= 40 && emailContact.MatchString(b.text):
			drop[i] = "contact"
		case b.words <= 40 && signUpSentence.MatchString(b.text) && !reported.MatchString(b.text):
			drop[i] = "promo"
		case b.words <= 150 && c.publisherBlurb(b.text):
			blurb = i
		}
	}
	if blurb < 0 {
		return
	}
	// The description runs to the end of the body.
	for i := blurb; i < len(blocks); i++ {
		if drop[i] == "" {
			drop[i] = "publisher"
		}
	}
}
