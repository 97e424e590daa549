// Package extract turns a fetched web page into an article: the main text
// as clean paragraphs and sanitized HTML, and the metadata a reader sees
// (headline, byline, times, canonical URL, lead image, section, language).
// It builds on go-trafilatura's main-text extraction, checked against a
// readability extraction of the same page, and adds newsdesk's cleaning
// rules (CMS leftovers, promotion lines, repeated captions and
// headlines, banners) and wall detection.
package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsdesk/internal/news"
	"newsdesk/internal/sanitize"
)

// Result is the article found on a page.
type Result struct {
	URL          string    // the page's address as given
	Canonical    string    // absolute canonical URL, or the page URL
	Title        string    // headline without the site-name suffix
	Byline       string    // authors, comma separated
	Published    time.Time // zero when unknown
	Updated      time.Time // zero when unknown
	Lang         string    // ISO 639-1, "" when unknown
	Section      string    // the outlet's section name, "" when unknown
	Image        string    // absolute URL of the lead image
	ImageCaption string    // caption of the lead image
	SiteName     string    // the outlet's name as the page gives it
	Keywords     []string  // the page's keywords or tags
	// Text is the body only, paragraphs separated by "\n\n", soft hyphens removed.
	Text string
	// HTML is the body as sanitized HTML.
	HTML string
	// Wall reports a paywall, consent wall or bot check in place of the article.
	Wall bool
	// WireCredit is the news agency a wire-credit line in the body named
	// ("With files from ..."), "" when there was none; the line itself is
	// dropped from the body.
	WireCredit string
	// Blocks are the keys (see BlockKey) of the distinct text blocks of the
	// body (paragraphs, list items, headings, quotes, captions) as found
	// after the generic rules but before Options.Boilerplate is applied, in
	// body order, without repeats.
	Blocks []uint64
}

// Options carries hints from the feed entry that led to the page.
type Options struct {
	// FeedTitle is the entry's title; it helps spot a headline repeated in the body.
	FeedTitle string
	// FeedPublished is the entry's time, used when the page gives none.
	FeedPublished time.Time
	// Boilerplate, when set, reports the keys (see BlockKey) of blocks the
	// outlet's template is known to repeat; such blocks are dropped from
	// HTML and Text.
	Boilerplate func(key uint64) bool

	// trace, when set (by tests), is told which rule dropped which block.
	trace func(rule, text string)
}

// Extract reads an HTML page (raw bytes in any charset: detected from the
// HTTP contentType if given, a byte order mark, a <meta> declaration, then
// sniffing) found at pageURL and returns its article. It fails with
// news.ErrInvalid when the page cannot be parsed.
func Extract(page []byte, contentType, pageURL string, o Options) (*Result, error) {
	src, _, err := toUTF8(page, contentType)
	if err != nil {
		return nil, fmt.Errorf("extract: %s: %w: %v", pageURL, news.ErrInvalid, err)
	}
	base, _ := url.Parse(strings.TrimSpace(pageURL))
	if base != nil && !base.IsAbs() {
		base = nil
	}
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("extract: %s: parse: %w: %v", pageURL, news.ErrInvalid, err)
	}
	res := &Result{URL: pageURL}
	// One walk of the page reads its metadata and what the cleaning rules
	// compare the body with (captions, link texts, labels, sponsored
	// links), and finds its media.
	names := &partNames{}
	meta := newPageMeta(base)
	meta.names = names
	c := newCleaner(res, o)
	c.names = names
	c.memo = blockMemo{}
	media := newPageMedia(base)
	media.names = names
	wall := &wallScan{names: names}
	walkEach(doc, meta.visit, c.visitCaptions, c.visitLabels, c.visitSponsored, media.visit, wall.visit)
	meta.finish()
	meta.apply(res, o)
	c.addCaption(res.ImageCaption)

	body, lang, err := mainContent(doc, base, c.memo)
	if err != nil {
		return nil, fmt.Errorf("extract: %s: %w", pageURL, err)
	}
	if body != nil {
		for _, d := range meta.descs {
			c.descs = append(c.descs, norm(d))
		}
		c.clean(body)
		added := placeMedia(media, body, res)
		var b bytes.Buffer
		if err := html.Render(&b, body); err != nil {
			return nil, fmt.Errorf("extract: %s: render: %w", pageURL, err)
		}
		res.HTML = articlePolicy.HTML(b.String(), baseString(base, res))
		// The text is the prose only: figures, embeds and captions stay in
		// the HTML.
		for _, n := range added {
			remove(n)
		}
		dropFigures(body)
		res.Text = sanitize.NodeText(body)
	}
	if res.Lang == "" {
		res.Lang = lang
		if len(res.Text) < langMinText {
			res.Lang = detectLang(res.Text)
		}
	}
	res.Wall = detectWall(wall, res)
	return res, nil
}

// articlePolicy is the compiled allow-list for bodies; it is never
// changed after start-up and is safe for concurrent use.
var articlePolicy = sanitize.New()

// langMinText is the body length, in bytes, from which the extractor's own
// guess of the language is trusted; shorter bodies are guessed again with
// a confidence threshold.
const langMinText = 400

// mainContent runs the main-text extraction and returns the content node
// and the language the extractor detected in it. The readability
// extraction the extractor compares itself with is run here, once, and
// then votes on the result (see vote). Both extractors work on their own
// copies of doc, which stays as it was.
func mainContent(doc *html.Node, base *url.URL, memo blockMemo) (*html.Node, string, error) {
	cand := readabilityCandidate(doc, base)
	opts := extractorOptions(base)
	opts.FallbackCandidates = &trafilatura.FallbackCandidates{Readability: cand}
	r, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		return nil, "", nil //nolint:nilerr // no main text is an empty article, not a failure
	}
	if r.ContentNode != nil {
		// The extractor builds some elements without their atom.
		fixAtoms(r.ContentNode)
		dropRescueRepeat(r.ContentNode)
		if r.ContentNode != cand {
			vote(r.ContentNode, cand, memo)
		}
	}
	return r.ContentNode, r.Metadata.Language, nil
}

// dropRescueRepeat removes the last paragraph of body when it repeats all
// the paragraphs before it. On a page too short for its usual methods the
// extractor collects the page's paragraphs, and when they are still short
// adds the whole text of the page after them, with the title, the menus
// and the raw markup of <noscript> elements.
func dropRescueRepeat(body *html.Node) {
	var ps []*html.Node
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom != atom.P {
			return
		}
		ps = append(ps, c)
	}
	if len(ps) < 2 {
		return
	}
	last := norm(textOf(ps[len(ps)-1]))
	for _, p := range ps[:len(ps)-1] {
		if k := norm(textOf(p)); k == "" || !strings.Contains(last, k) {
			return
		}
	}
	remove(ps[len(ps)-1])
}

// extractorOptions configures the main-text extractor for a page at base.
func extractorOptions(base *url.URL) trafilatura.Options {
	return trafilatura.Options{
		OriginalURL:     base,
		EnableFallback:  true,
		ExcludeComments: true,
		IncludeImages:   false,
		HtmlDateMode:    trafilatura.Disabled,
	}
}

func baseString(base *url.URL, r *Result) string {
	if base != nil {
		return base.String()
	}
	return r.Canonical
}

// visitCaptions records the page's image captions and alt texts, and its
// link texts, so that copies of them in the body can be spotted; it is a
// visitor of the page's walk (see walkEach).
func (c *cleaner) visitCaptions(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return true
	}
	switch n.DataAtom {
	case atom.Img:
		c.addCaption(attr(n, "alt"))
		c.addCaption(attr(n, "title"))
	case atom.Figcaption:
		c.addCaption(textOf(n))
		captionParts(n, c)
		return false
	case atom.A:
		c.addAnchor(textOf(n))
		// A linked figure still has its caption.
		return true
	case atom.Script, atom.Style:
		return false
	}
	// The caption words are needed for a match of captionClassRe.
	if c.names.of(n)&partCaption != 0 && captionClass(n) {
		c.addCaption(textOf(n))
		captionParts(n, c)
		return false
	}
	return true
}

// dropFigures removes figures, images and captions from n.
func dropFigures(n *html.Node) {
	walk(n, func(c *html.Node) bool {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Figure || c.DataAtom == atom.Figcaption || c.DataAtom == atom.Img) {
			remove(c)
			return false
		}
		return true
	})
}
