package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file holds the generic rules for clutter that publishers word in
// their own way: ad slots with their copy, calls to action for the outlet's
// newsletter or app, in-body pointers to other articles, and section labels.

// adKeyword matches the word that opens an ad slot's label.
var adKeyword = mustRule(`(?i)^(?:advertisements?|advertising|advertorial|advert|anzeigen?|werbung|publicité|publicidad|publicidade|pubblicità|reklame|sponsored(?:\s+(?:content|post|story|links?))?|paid\s+(?:content|post|partnership)|promoted(?:\s+content)?|partner\s+content|ad)`)

// adLead reports a block that opens with an ad label, either alone, set
// off by a separator ("Advertisement - Story continues below ...") or
// glued to the ad copy ("AdvertisementBank: ..."), and is short enough to be
// an ad slot.
func adLead(p *probe, words int) bool {
	t := p.s
	if words > 40 || !p.possible(adKeyword) {
		return false
	}
	m := adKeyword.re.FindStringIndex(t)
	if m == nil {
		return false
	}
	rest := t[m[1]:]
	if rest == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if unicode.IsUpper(r) && m[1] >= 6 {
		// Label and copy glued together by the page's markup; the short
		// "Ad" is left out, as it begins names ("AdBlue").
		return true
	}
	rest = strings.TrimLeft(rest, " \u00a0")
	r, _ = utf8.DecodeRuneInString(rest)
	return rest == "" || strings.ContainsRune("-–—:|·•/", r)
}

// ctaLead matches the opening of a call to action: an optional short
// lead-in question or exclamation ("Like this story?"), then an imperative
// in English, German (the polite "-en Sie" form), French (the "-ez" form)
// or Spanish.
var ctaLead = mustRule(`(?i)^(?:[^.!?"“”«»„]{1,40}[?!]\s+)?(?:` +
	`(?:get|join|download|install|grab|try|receive|subscribe|sign\s*up|register|stay|follow|listen|read|enjoy|discover|explore|upgrade|support|become|start|check\s+out|never\s+miss|don'?t\s+miss|see|watch|tap|click|head\s+to|visit|find|keep\s+up|be\s+the\s+first)\b` +
	`|(?:jetzt\s+)?\p{L}+en\s+sie\b|jetzt\b` +
	`|\p{L}+ez(?:-vous|-nous)?\b|ne\s+manquez\b` +
	`|(?:descarga|descargue|suscr[íi]bete|suscr[íi]base|recibe|reciba|únete|únase|sigue|siga|apúntate|regístrate|reg[íi]strese|lee|no\s+te\s+pierdas)\b` +
	`)`)

// ownProduct matches a mention of the outlet's own newsletter, app,
// e-paper or podcast: after a first-person possessive ("our", "unseren",
// "notre", "nuestro"), or after an article and a proper name ("the Harbour
// Times app", "die Kurier-App"; German capitalises every noun, so there
// the name must be joined to the product by a hyphen).
var ownProduct = mustRule(`(?:\b(?i:our|unser\p{L}*|notre|nos|nuestr[oa]s?)\b[^.!?]{0,40}?|\b(?i:the|le|la|el)\s+(?:\p{Lu}[\p{L}\p{M}'’&.]*[\s-]+){1,5}|\b(?i:die|den|der|das)\s+(?:\p{Lu}[\p{L}\p{M}'’&.]*\s+){0,4}\p{Lu}[\p{L}\p{M}'’&.]*-)(?i:newsletters?|e-?mails?|apps?|application|appli|e-?paper|podcasts?|briefings?|digest|alerts|push|notifications|bulletin|inbox|abo|abonnement|boletín|boletines|aplicación|suscripción|infolettre|lettre\s+d['’]information|edition|ausgabe|édition|edición)\b`)

// reported matches the words of reported speech, which promotions lack.
var reported = mustRule(`(?i)\b(?:said|says|told|according\s+to|announced|sagte|sagt|erklärte|teilte|sagten|a\s+déclaré|a\s+dit|a\s+indiqué|selon|dijo|según|afirmó|declaró)\b`)

// ctaPromo reports a short call to action for the outlet's own newsletter,
// app or subscription, recognised by its shape rather than its wording: an
// imperative opening, a mention of the outlet's own product, no reported
// speech and no quotation.
func ctaPromo(p *probe, words int) bool {
	t := p.s
	if words > 30 || words < 3 {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(t); strings.ContainsRune("\"“”„«»'‘’", r) {
		return false
	}
	// The product mention is the rarest part; test it first.
	if !p.match(ownProduct) || p.match(reported) {
		return false
	}
	return p.match(ctaLead)
}

// relatedPrefix matches an upper-case label that introduces a link to
// another article ("ALSO ON THE LEDGER:", "X RECOMMENDS:", "READ MORE:").
var relatedPrefix = mustRule(`^([\p{Lu}\d][\p{Lu}\d'’&.,\- ]{1,60}?)\s*[:|»›>]\s*(.+)$`)

// capsStart reports whether s begins as relatedPrefix's label must: an
// upper-case letter or digit, then another or a space or punctuation
// mark, not a lower-case letter. Most blocks fail it at once.
func capsStart(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) && !('0' <= r && r <= '9') {
		return false
	}
	r, _ = utf8.DecodeRuneInString(s[n:])
	return unicode.IsUpper(r) || ('0' <= r && r <= '9') || strings.ContainsRune("'’&.,- ", r)
}

// relatedCue matches the words of such a label.
var relatedCue = mustRule(`\b(?:RECOMMENDS?|RECOMMENDED|ALSO|READ|MORE|RELATED|SEE|WATCH|LISTEN|PICKS?|MISS|LATEST|TRENDING|POPULAR|FURTHER|NEXT|LESEN|LIES|MEHR|AUCH|EMPFIEHLT|EMPFEHLUNG|LIRE|AUSSI|VOIR|RECOMMANDE|TAMBIÉN|LEA|LEE|VEA|VÉASE|MÁS)\b`)

// relatedLink reports a block that is an upper-case pointer label followed
// by the headline of another article.
func (c *cleaner) relatedLink(b *block) bool {
	if b.words > 30 || !capsStart(b.text) {
		return false
	}
	m := relatedPrefix.FindStringSubmatch(b.text)
	if m == nil || !relatedCue.MatchString(m[1]) {
		return false
	}
	if strings.IndexFunc(m[1], unicode.IsLetter) < 0 {
		return false
	}
	rest := strings.TrimSpace(m[2])
	if c.anchors[normKey(rest).hash] || b.linkDensity() > 0.4 {
		return true
	}
	n := countFields(rest)
	return n <= 16 && !strings.HasSuffix(rest, ".")
}

// anySnakeShortcode matches a shortcode the CMS left unrendered: a
// snake_case name with or without attributes, or any name with quoted
// attributes ([related_posts limit="3"], [promo id="7"], [/tabs_block]).
var anySnakeShortcode = mustRule(`\[/?[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?:\s+[a-z_][\w-]*\s*=\s*(?:"[^"\]]*"|'[^'\]]*'|[^\s\]"']+))*\s*/?\]` +
	`|\[[a-z][\w-]*(?:\s+[a-z_][\w-]*\s*=\s*(?:"[^"\]]*"|'[^'\]]*'))+\s*/?\]`)

// dropAdCopy drops the ad copy that follows an ad label standing alone in
// its block: a short block right after it that is a link or reads like a
// sponsor's line ("Bank: refinance today.").
func (c *cleaner) dropAdCopy(blocks []block, drop []string) {
	for i := range blocks {
		if drop[i] != "label" && drop[i] != "ad" {
			continue
		}
		low := strings.ToLower(blocks[i].text)
		if !adKeyword.MatchString(low) && !strings.Contains(low, "continu") && !strings.Contains(low, "weiter") && !strings.Contains(low, "suite") {
			continue
		}
		j := i + 1
		for j < len(blocks) && drop[j] != "" {
			j++
		}
		if j == len(blocks) {
			return
		}
		b := &blocks[j]
		if b.words > 25 || b.heading() {
			continue
		}
		if b.linkDensity() > 0.5 || c.anchors[b.key] || sponsorLine(b.text) {
			drop[j] = "ad-copy"
		}
	}
}

// sponsorLine reports the shape of ad copy: an advertiser's name, a colon
// and a short pitch. It is the pattern
//
//	^\p{Lu}[\p{L}\p{M}&'’.\- ]{1,40}\s?:\s+\p{Ll}[^"“”«»„]{0,120}$
//
// written out (the tests hold the two to the same answers): the
// pattern's counted repeats make a program of hundreds of instructions,
// which cost more to bring into the caches than the test itself.
func sponsorLine(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.Is(unicode.Lu, r) {
		return false
	}
	s = s[n:]
	// The name's characters and \s exclude the colon: the first one
	// ends the name.
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		return false
	}
	// The name: 1 to 40 of its characters, the last of which may
	// instead be the one white-space character before the colon.
	runes, last := 0, rune(0)
	for _, r := range s[:colon] {
		if runes > 0 && !sponsorNameRune(last) {
			return false
		}
		runes, last = runes+1, r
	}
	switch {
	case runes == 0:
		return false
	case sponsorNameRune(last) && runes <= 40:
	case isSpaceRE(last) && runes >= 2 && runes <= 41:
	default:
		return false
	}
	// The pitch: white space, a lower-case letter, then up to 120
	// characters other than quotation marks.
	s = s[colon+1:]
	sp := 0
	for sp < len(s) && isSpaceRE(rune(s[sp])) {
		sp++
	}
	if sp == 0 {
		return false
	}
	r, n = utf8.DecodeRuneInString(s[sp:])
	if !unicode.Is(unicode.Ll, r) {
		return false
	}
	rest := s[sp+n:]
	return !strings.ContainsAny(rest, `"“”«»„`) && utf8.RuneCountInString(rest) <= 120
}

// sponsorNameRune reports a character of an advertiser's name in
// sponsorLine: a letter, a mark, a space or one of &'’.-.
func sponsorNameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || strings.ContainsRune("&'’.- ", r)
}

// isSpaceRE reports the characters \s stands for in a pattern.
func isSpaceRE(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// visitSponsored records the texts of the page's sponsored links (rel
// "sponsored"), which are ads wherever they stand; it is a visitor of the
// page's walk (see walkEach).
func (c *cleaner) visitSponsored(n *html.Node) bool {
	if n.Type != html.ElementNode || n.DataAtom != atom.A {
		return true
	}
	if !hasToken(attr(n, "rel"), "sponsored") {
		return false
	}
	// Affiliate links inside prose are sponsored too; only ad copy counts:
	// a sponsor's line, or a link in an ad container.
	t := collapse(textOf(n))
	if k := normKey(t); k.runes > 0 && (sponsorLine(t) || inAdSlot(n)) {
		c.sponsored[k.hash] = true
	}
	return false
}

// adClass matches the class or id of an ad container.
var adClass = mustRule(`(?i)(?:^|[\s_-])(?:ad|ads|advert\w*|sponsor\w*|promo\w*|dfp|gpt)(?:$|[\s_-])`)

// inAdSlot reports whether n stands in an ad container (up to three levels up).
func inAdSlot(n *html.Node) bool {
	for p, i := n.Parent, 0; p != nil && i < 3; p, i = p.Parent, i+1 {
		if adClass.MatchString(attr(p, "class")) || adClass.MatchString(attr(p, "id")) {
			return true
		}
	}
	return false
}

// visitLabels records the page's navigation, breadcrumb and section
// labels so that one repeated as the first line of the body can be
// spotted; it is a visitor of the page's walk (see walkEach).
func (c *cleaner) visitLabels(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return true
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.P, atom.Article, atom.Main, atom.Body:
		return n.DataAtom != atom.Script && n.DataAtom != atom.Style && n.DataAtom != atom.P
	case atom.Nav:
		walk(n, func(a *html.Node) bool {
			if a.Type == html.ElementNode && a.DataAtom == atom.A {
				c.addLabel(textOf(a))
				return false
			}
			return true
		})
		return false
	}
	if c.names.of(n)&partLabel != 0 {
		if !hasBlockChild(n) {
			c.addLabel(textOf(n))
		}
	}
	return true
}

// addLabel records a short label.
func (c *cleaner) addLabel(s string) {
	if k := normKey(s); k.words >= 1 && k.words <= 4 {
		c.labels[k.hash] = true
	}
}

// dropWireCredit drops a wire-service credit among the last blocks of the
// body and keeps the agency it names.
func (c *cleaner) dropWireCredit(blocks []block, drop []string) {
	seen := 0
	for i := len(blocks) - 1; i >= 0 && seen < 4; i-- {
		if blocks[i].words == 0 || (drop[i] != "" && drop[i] != "promo") {
			continue
		}
		seen++
		if a := wireCredit(blocks[i].text, blocks[i].words); a != "" {
			drop[i] = "wire"
			if c.res.WireCredit == "" {
				c.res.WireCredit = a
			}
		}
	}
}
