package extract

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTags are the elements the cleaner judges as a whole.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Blockquote: true,
	atom.Pre: true, atom.Figcaption: true, atom.Table: true, atom.Div: true,
	atom.Dd: true, atom.Dt: true, atom.Section: true, atom.Article: true,
	atom.Ul: true, atom.Ol: true, atom.Figure: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Details: true, atom.Summary: true,
	atom.Address: true, atom.Dl: true, atom.Main: true,
}

// block is one leaf block of the body with its text.
type block struct {
	n        *html.Node
	text     string // collapsed
	low      string // text in lower case, for the rules' prefilters; made by boilerplate
	folded   string // norm(text), for comparisons with the page's texts
	key      uint64 // foldHash(folded), to look the block up among them
	hits     []bool // blockRules' needles found in low, nil until searched
	words    int
	linkText int // letters inside links
	letters  int
}

func (b *block) heading() bool {
	switch b.n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

func (b *block) linkDensity() float64 {
	if b.letters == 0 {
		return 0
	}
	return float64(b.linkText) / float64(b.letters)
}

// sentenceEnd reports whether the block ends like a sentence.
func (b *block) sentenceEnd() bool {
	t := strings.TrimRight(b.text, " \u00a0")
	if t == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?…:;\"”’»)」。！？", last)
}

// cleaner applies newsdesk's cleaning rules to an extracted body.
type cleaner struct {
	res *Result
	o   Options
	// The page's texts, by the hash of their normalised form (see
	// normKey): image captions and alt texts, link texts (two words or
	// more), section and navigation labels, sponsored links' texts.
	captions  map[uint64]bool
	anchors   map[uint64]bool
	labels    map[uint64]bool
	sponsored map[uint64]bool
	descs     []string // normalised meta descriptions
	host      string   // hostLabel of the page, once hostDone
	hostDone  bool
	keywords  map[string]bool // the page's keywords in lower case, made on first use
	// longestKeyword is the length of the longest of keywords.
	longestKeyword int
	// names is shared with the other visitors of the page's walk.
	names *partNames
	// memo holds the body's blocks as the vote measured them.
	memo blockMemo
}

func newCleaner(r *Result, o Options) *cleaner {
	return &cleaner{res: r, o: o, captions: map[uint64]bool{}, anchors: map[uint64]bool{}, labels: map[uint64]bool{}, sponsored: map[uint64]bool{}}
}

// addAnchor records the text of a link on the page.
func (c *cleaner) addAnchor(s string) {
	if k := normKey(s); k.words >= 2 || k.runes >= 8 {
		c.anchors[k.hash] = true
	}
}

// addCaption records a caption or alt text found on the page.
func (c *cleaner) addCaption(s string) {
	if k := normKey(s); k.words >= 3 {
		c.captions[k.hash] = true
	}
}

// norm folds s for comparisons: lower case, letters and digits only.
func norm(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		var keep bool
		c := s[i]
		if c < utf8.RuneSelf {
			c = lowerASCII(c)
			i++
			if ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') {
				if space && b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteByte(c)
				space = false
			} else {
				space = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		r = unicode.ToLower(r)
		keep = unicode.IsLetter(r) || unicode.IsDigit(r)
		if keep {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		} else {
			space = true
		}
	}
	return b.String()
}

// foldKey is a text as norm folds it, without the folded copy: the
// hash of the folded text, its words, characters and bytes.
type foldKey struct {
	hash                uint64
	words, runes, bytes int
}

// FNV-1a, the hash of folded texts.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// foldHash hashes a text norm has folded.
func foldHash(folded string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(folded); i++ {
		h = (h ^ uint64(folded[i])) * fnvPrime
	}
	return h
}

// normKey folds s as norm does and returns the fold's key; its hash is
// foldHash(norm(s)). The page's many link and caption texts are keyed so
// without a folded copy of each.
func normKey(s string) foldKey {
	return foldText(s, -1)
}

// foldText is normKey with the hash taken over the first limit bytes of
// the folded text only (all of them when limit is negative); the counts
// are of the whole fold.
func foldText(s string, limit int) foldKey {
	if limit < 0 {
		limit = len(s) * utf8.UTFMax
	}
	f := folder{limit: limit, k: foldKey{hash: fnvOffset}}
	f.add(s)
	return f.k
}

// folder folds text given in pieces, as norm folds their concatenation,
// into a foldKey whose hash covers the first limit bytes of the fold.
type folder struct {
	k     foldKey
	limit int
	space bool // a character norm drops came since the last kept one
}

// add folds the next piece of the text.
func (f *folder) add(s string) {
	var enc [utf8.UTFMax]byte
	k := &f.k
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		var keep bool
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			keep = ('a' <= r && r <= 'z') || ('0' <= r && r <= '9')
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			r = unicode.ToLower(r)
			keep = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		i += size
		if !keep {
			f.space = true
			continue
		}
		if f.space && k.runes > 0 {
			if k.bytes < f.limit {
				k.hash = (k.hash ^ ' ') * fnvPrime
			}
			k.bytes++
			k.runes++
		}
		if k.runes == 0 || f.space {
			k.words++
		}
		f.space = false
		k.runes++
		if r < utf8.RuneSelf {
			if k.bytes < f.limit {
				k.hash = (k.hash ^ uint64(r)) * fnvPrime
			}
			k.bytes++
			continue
		}
		for _, c := range enc[:utf8.EncodeRune(enc[:], r)] {
			if k.bytes < f.limit {
				k.hash = (k.hash ^ uint64(c)) * fnvPrime
			}
			k.bytes++
		}
	}
}

// clean removes boilerplate from body in place.
func (c *cleaner) clean(body *html.Node) {
	c.stripLeftovers(body)
	blocks := collectBlocks(body, c.memo)
	for i := range blocks {
		if blocks[i].linkText == 0 && c.anchors[blocks[i].key] {
			blocks[i].linkText = blocks[i].letters
		}
	}
	drop := make([]string, len(blocks))
	// The blocks the line rules may look at are searched for the rules'
	// needles in one go.
	var texts []string
	var searched []*block
	for i := range blocks {
		if b := &blocks[i]; b.folded != "" && b.words <= maxLineWords {
			b.low = strings.ToLower(b.text)
			texts = append(texts, b.low)
			searched = append(searched, b)
		}
	}
	for i, h := range blockRules.searchEach(texts) {
		searched[i].hits = h
	}

	titleKeys := map[string]bool{}
	for _, t := range []string{c.res.Title, c.o.FeedTitle} {
		if k := norm(t); k != "" {
			titleKeys[k] = true
		}
	}
	// Pages that use their paragraphs as alt texts (step-by-step guides)
	// match many blocks; a repeated caption is one or two.
	captionHits := 0
	for i := range blocks {
		if blocks[i].n.DataAtom != atom.Figcaption && c.captions[blocks[i].key] {
			captionHits++
		}
	}
	seen := map[string]bool{}
	firstText := -1
	for i := range blocks {
		b := &blocks[i]
		k := b.folded
		if k == "" {
			if !hasMedia(b.n) {
				drop[i] = "empty"
			}
			continue
		}
		rule := c.boilerplate(b)
		switch {
		case rule != "":
			drop[i] = rule
		case titleKeys[k] && (firstText < 0 || i-firstText < 4):
			// The headline repeated at the top of the body.
			drop[i] = "headline"
		case b.n.DataAtom != atom.Figcaption && c.captions[b.key] && captionHits <= 2:
			drop[i] = "caption"
		case seen[k] && (b.words <= 40 || len(k) > 40):
			// A block said twice: repeated caption, pull quote, label.
			drop[i] = "repeat"
		case firstText < 0 && b.heading() && c.isDescription(k):
			// A standfirst repeated from the page's description.
			drop[i] = "standfirst"
		case firstText < 0 && b.words <= 14 && (b.heading() || !b.sentenceEnd()) && c.leadNoise(b):
			drop[i] = "lead"
		case firstText < 0 && metaLine(b):
			drop[i] = "meta"
		}
		if drop[i] == "" {
			seen[k] = true
			if firstText < 0 {
				firstText = i
			}
		}
	}
	c.dropAdCopy(blocks, drop)
	c.dropTeaserRuns(blocks, drop)
	c.dropTail(blocks, drop)
	c.dropShapes(blocks, drop)
	c.dropWireCredit(blocks, drop)
	// A lone link between paragraphs points to another article.
	for i := firstText + 1; firstText >= 0 && i < len(blocks); i++ {
		b := &blocks[i]
		if drop[i] == "" && b.linkDensity() > 0.9 && b.words <= 15 && !b.sentenceEnd() && b.n.DataAtom != atom.Li {
			drop[i] = "inline-link"
		}
	}
	c.res.Blocks = blockKeys(blocks, drop)
	if c.o.Boilerplate != nil {
		for i := range blocks {
			if drop[i] == "" && blocks[i].text != "" && c.o.Boilerplate(BlockKey(blocks[i].text)) {
				drop[i] = "template"
			}
		}
	}
	for i, b := range blocks {
		if drop[i] != "" {
			if c.o.trace != nil {
				c.o.trace(drop[i], b.text)
			}
			remove(b.n)
		}
	}
	pruneEmpty(body)
}

// maxLineWords is the most words a block the line rules of boilerplate
// look at has.
const maxLineWords = 80

// blockRules indexes the rules boilerplate tries on every block, so that
// their needles are searched in one pass per block.
var blockRules = newRuleIndex(promoLine, ownProduct, reported, ctaLead, adKeyword, promoAnywhere,
	labelLine, cookieText, commentWidget, paywallText, disclosure, creditLine, tagsLine)

// boilerplate applies the line rules to one block and returns the name
// of the rule that matched, or "".
func (c *cleaner) boilerplate(b *block) string {
	if b.low == "" {
		b.low = strings.ToLower(b.text)
	}
	t, low := b.text, b.low
	p := blockRules.newProbe(t, low).withHits(b.hits)
	switch {
	case b.words <= 30 && p.match(promoLine):
		return "promo"
	case ctaPromo(p, b.words):
		return "promo"
	case adLead(p, b.words):
		return "ad"
	case b.words <= 40 && c.sponsored[b.key]:
		return "ad-copy"
	case c.relatedLink(b):
		return "related-link"
	case b.words <= 40 && p.match(promoAnywhere):
		return "promo"
	case b.words <= 8 && p.match(labelLine):
		return "label"
	case b.words <= 80 && p.match(cookieText):
		return "cookie"
	case b.words <= 80 && p.match(commentWidget):
		return "comments"
	case b.words <= 30 && p.match(paywallText):
		return "paywall"
	case b.words <= 60 && p.match(disclosure):
		return "disclosure"
	case b.words <= 12 && p.match(creditLine):
		return "credit"
	case b.words <= 40 && p.match(tagsLine):
		return "tags"
	case b.words <= 12 && isShareBar(t):
		return "share"
	case b.words <= 20 && strings.Count(t, "»")+strings.Count(t, "›")+strings.Count(t, " > ") >= 2 && !b.sentenceEnd():
		return "breadcrumb"
	case c.keywordList(t):
		return "keywords"
	}
	return ""
}

// leadNoise reports a short line before the first paragraph that is a
// date stamp, a byline, the standfirst repeated from the description, or a
// section label.
func (c *cleaner) leadNoise(b *block) bool {
	t := b.text
	if b.words <= 12 && dateLine.MatchString(t) {
		return true
	}
	if b.words <= 12 && c.res.Byline != "" && strings.Contains(strings.ToLower(t), strings.ToLower(strings.Split(c.res.Byline, ",")[0])) {
		return true
	}
	if b.words <= 8 && bylinePrefix.MatchString(t) {
		return true
	}
	if c.res.Section != "" && strings.EqualFold(t, c.res.Section) {
		return true
	}
	if b.words <= 4 && c.labels[b.key] {
		if c.res.Section == "" {
			c.res.Section = t
		}
		return true
	}
	return false
}

// keywordList reports a block that lists the page's keywords.
func (c *cleaner) keywordList(t string) bool {
	if len(c.res.Keywords) < 3 || strings.Count(t, ",")+strings.Count(t, ";")+strings.Count(t, "|") < 2 {
		return false // fewer than three parts
	}
	parts := splitList(t)
	if len(parts) < 3 {
		return false
	}
	if c.keywords == nil {
		c.keywords = map[string]bool{}
		for _, k := range c.res.Keywords {
			k = strings.ToLower(k)
			c.keywords[k] = true
			c.longestKeyword = max(c.longestKeyword, len(k))
		}
	}
	hit := 0
	for _, p := range parts {
		// A part too long to lower-case to any keyword is none of them
		// (lower-casing shrinks a character to a third at most).
		if len(p) <= 3*c.longestKeyword && c.keywords[strings.ToLower(p)] {
			hit++
		}
	}
	return hit*10 >= len(parts)*6
}

// isShareBar reports a block made only of share-bar words.
func isShareBar(t string) bool {
	some := false
	for w := range strings.FieldsSeq(strings.ToLower(t)) {
		if !shareWords[strings.Trim(w, ".,:;()[]")] {
			return false
		}
		some = true
	}
	return some
}

// teaser reports a block that looks like a link to another article: a
// short headline, or mostly link text. List items count only when they are
// links, since short bullet points are common in article bodies.
func teaser(b *block) bool {
	if b.words == 0 {
		return true
	}
	if b.linkDensity() > 0.6 && b.words <= 40 {
		return true
	}
	if b.n.DataAtom == atom.Li || b.n.DataAtom == atom.Table {
		return false
	}
	if b.heading() && b.words <= 25 {
		return true
	}
	return b.words <= 25 && !b.sentenceEnd()
}

// dropTeaserRuns drops a heading that announces related content together
// with the run of teasers after it.
func (c *cleaner) dropTeaserRuns(blocks []block, drop []string) {
	for i := range blocks {
		if drop[i] != "" || blocks[i].words > 8 || !relatedHeading.MatchString(strings.TrimSpace(blocks[i].text)) {
			continue
		}
		drop[i] = "related-heading"
		for j := i + 1; j < len(blocks); j++ {
			if drop[j] != "" {
				continue
			}
			b := &blocks[j]
			if !teaser(b) && !(b.words <= 40 && b.linkDensity() > 0.3) {
				break
			}
			drop[j] = "related-teaser"
		}
	}
}

// dropTail drops trailing teasers, author boxes and contact lines after
// the last paragraph of body text.
func (c *cleaner) dropTail(blocks []block, drop []string) {
	last := -1
	for i := len(blocks) - 1; i >= 0; i-- {
		if drop[i] == "" && blocks[i].words > 0 {
			last = i
			break
		}
	}
	if last < 0 {
		return
	}
	// A run of three or more teasers at the end is a related-links list.
	run := []int{}
	for i := last; i >= 0; i-- {
		if drop[i] != "" {
			continue
		}
		if !teaser(&blocks[i]) {
			break
		}
		run = append(run, i)
	}
	kept := 0
	for i := range blocks {
		if drop[i] == "" && blocks[i].words > 0 {
			kept++
		}
	}
	linky := 0
	for _, i := range run {
		if blocks[i].linkDensity() > 0.6 {
			linky++
		}
	}
	if c.o.trace != nil {
		for _, i := range run {
			c.o.trace(fmt.Sprintf("tail-run-%.2f", blocks[i].linkDensity()), blocks[i].text)
		}
	}
	if len(run) >= 3 && 3*linky >= len(run) && kept-len(run) >= 2 {
		for _, i := range run {
			drop[i] = "tail-teasers"
		}
	}
	// Author boxes and contact lines among the last blocks.
	byline := strings.ToLower(strings.TrimSpace(strings.Split(c.res.Byline, ",")[0]))
	seenBody := 0
	for i := len(blocks) - 1; i >= 0 && seenBody < 3; i-- {
		if drop[i] != "" || blocks[i].words == 0 {
			continue
		}
		seenBody++
		if blocks[i].words > 60 {
			continue
		}
		t := blocks[i].low
		if t == "" {
			t = strings.ToLower(blocks[i].text)
		}
		if byline != "" && strings.HasPrefix(t, byline) && authorBio.MatchString(t[len(byline):]) {
			drop[i] = "author-bio"
		}
		if contactLine.MatchString(t) || signoffLine.MatchString(t) {
			drop[i] = "contact"
		}
	}
}

var (
	authorBio   = mustRule(`^\s*(?:is|was|has|covers|writes|reports|ist|est|es)\b`)
	signoffLine = mustRule(`(?i)^[\p{L}\p{M}.'’&, ]{0,80}\b(?:contributed|contributed reporting|contributed to this (?:report|story|article))\b[^.]{0,40}\.?$`)
	contactLine = mustRule(`(?i)(?:may|can)\s+be\s+reached\s+at|\b(?:contact|email|e-mail|write to)\s+(?:him|her|them|the author|us)\b|follow\s+(?:him|her|them)\s+on\b`)
)

// leftover patterns applied to text nodes.

// stripLeftovers removes CMS shortcodes and glued photo credits from the
// text nodes of body, including [caption]...[/caption] spans that cross
// element boundaries.
func (c *cleaner) stripLeftovers(body *html.Node) {
	inside := "" // name of the open paired shortcode, if any
	walk(body, func(n *html.Node) bool {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Img || n.DataAtom == atom.Figure) && inside != "" {
			// Images inside a [caption] stay; only the caption text goes.
			return false
		}
		if n.Type != html.TextNode {
			return true
		}
		s := n.Data
		if inside != "" {
			end := strings.Index(strings.ToLower(s), "[/"+inside+"]")
			if end < 0 {
				n.Data = ""
				c.memo.forget(n)
				return false
			}
			s = s[end+len(inside)+3:]
			inside = ""
		}
		// Shortcodes and template tags all hold a bracket or a brace.
		if strings.ContainsAny(s, "[{") {
			s = pairedShortcode.ReplaceAllString(s, " ")
			if m := openPaired.FindStringSubmatchIndex(s); m != nil {
				name := strings.ToLower(s[m[2]:m[3]])
				if !strings.Contains(strings.ToLower(s[m[0]:]), "[/"+name+"]") {
					inside = name
					s = s[:m[0]]
				}
			}
			s = stripCMSLeftovers(s)
			s = anySnakeShortcode.ReplaceAllString(s, " ")
		}
		if strings.IndexByte(s, ':') >= 0 {
			s = creditInline.ReplaceAllString(s, " ")
		}
		if s != n.Data {
			n.Data = tidySpaces(s)
			c.memo.forget(n)
		}
		return false
	})
}

var openPaired = mustRule(`(?i)\[(caption|embed|gallery|tweet|related)(?:\s[^\]]*)?\]`)

var multiSpace = mustRule(`[ \t]{2,}`)

func tidySpaces(s string) string {
	lead := strings.HasPrefix(s, " ") || strings.HasPrefix(s, "\n")
	trail := strings.HasSuffix(s, " ") || strings.HasSuffix(s, "\n")
	s = strings.TrimSpace(multiSpace.ReplaceAllString(s, " "))
	if s == "" {
		return " "
	}
	if lead {
		s = " " + s
	}
	if trail {
		s += " "
	}
	return s
}

// collectBlocks returns the leaf blocks of body in document order. Tables
// count as one block.
func collectBlocks(body *html.Node, memo blockMemo) []block {
	var out []block
	eachBlock(body, false, func(n *html.Node) bool {
		out = append(out, memo.measure(n))
		return true
	})
	return out
}

// blockMemo keeps the measurements of a body's blocks from the vote (see
// vote) to the cleaning, which both read them. What changes a block's
// text must forget it. A nil blockMemo measures every time.
type blockMemo map[*html.Node]block

// measure returns measure(n), remembered.
func (m blockMemo) measure(n *html.Node) block {
	if m == nil {
		return measure(n)
	}
	if b, ok := m[n]; ok {
		return b
	}
	b := measure(n)
	m[n] = b
	return b
}

// forget drops the measurement of the block that holds n.
func (m blockMemo) forget(n *html.Node) {
	for p := n; p != nil && len(m) > 0; p = p.Parent {
		if _, ok := m[p]; ok {
			delete(m, p)
			return
		}
	}
}

// eachBlock calls f with the leaf blocks of n (as collectBlocks finds
// them) in document order, or in reverse order when backward, until f
// returns false; it reports whether f never did.
func eachBlock(n *html.Node, backward bool, f func(*html.Node) bool) bool {
	ch := n.FirstChild
	if backward {
		ch = n.LastChild
	}
	for ; ch != nil; ch = sibling(ch, backward) {
		if ch.Type != html.ElementNode || !blockTags[ch.DataAtom] {
			continue
		}
		if ch.DataAtom != atom.Table && hasBlockChild(ch) {
			if !eachBlock(ch, backward, f) {
				return false
			}
			continue
		}
		if !f(ch) {
			return false
		}
	}
	return true
}

// sibling returns n's next sibling, or its previous one when backward.
func sibling(n *html.Node, backward bool) *html.Node {
	if backward {
		return n.PrevSibling
	}
	return n.NextSibling
}

// endKey returns the folded text of the first leaf block of n that has
// any (the last one when backward), or "".
func endKey(n *html.Node, backward bool, memo blockMemo) string {
	var k string
	eachBlock(n, backward, func(b *html.Node) bool {
		k = memo.measure(b).folded
		return k == ""
	})
	return k
}

// hasBlockChild reports whether n contains a block element.
func hasBlockChild(n *html.Node) bool {
	found := false
	walk(n, func(c *html.Node) bool {
		if found {
			return false
		}
		if c != n && c.Type == html.ElementNode && blockTags[c.DataAtom] {
			found = true
			return false
		}
		return true
	})
	return found
}

// measure computes a block's text statistics.
func measure(n *html.Node) block {
	b := block{n: n}
	var t textBuilder
	// One walk gathers the text (as textOf does) and counts the letters,
	// those of links apart.
	var visit func(c *html.Node, inLink, hidden bool)
	visit = func(c *html.Node, inLink, hidden bool) {
		switch c.Type {
		case html.TextNode:
			l := countLetters(c.Data)
			b.letters += l
			if inLink {
				b.linkText += l
			}
			if !hidden {
				t.add(c.Data)
			}
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				hidden = true
			case atom.Br, atom.P, atom.Div, atom.Li:
				if !hidden {
					t.add(" ")
				}
			}
		}
		for ch := c.FirstChild; ch != nil; ch = ch.NextSibling {
			visit(ch, inLink || ch.DataAtom == atom.A && ch.Type == html.ElementNode, hidden)
		}
	}
	visit(n, inside(n, atom.A) || n.Type == html.ElementNode && n.DataAtom == atom.A, false)
	b.text = collapse(t.String())
	b.folded = norm(b.text)
	b.key = foldHash(b.folded)
	if b.text != "" {
		// collapse leaves one space between words.
		b.words = strings.Count(b.text, " ") + 1
	}
	return b
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// hasMedia reports whether n holds an image.
func hasMedia(n *html.Node) bool {
	found := false
	walk(n, func(c *html.Node) bool {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Img || c.DataAtom == atom.Picture) {
			found = true
		}
		return !found
	})
	return found
}

// remove detaches n from its parent.
func remove(n *html.Node) {
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}

// pruneEmpty removes containers left without text or images.
func pruneEmpty(n *html.Node) {
	for ch := n.FirstChild; ch != nil; {
		next := ch.NextSibling
		if ch.Type == html.ElementNode {
			pruneEmpty(ch)
			if blockTags[ch.DataAtom] && strings.TrimSpace(textOf(ch)) == "" && !hasMedia(ch) {
				n.RemoveChild(ch)
			}
		}
		ch = next
	}
}

// isDescription reports whether the normalised text k is the page's
// description.
func (c *cleaner) isDescription(k string) bool {
	for _, d := range c.descs {
		if d != "" && d == k {
			return true
		}
	}
	return false
}
