package extract

import (
	"net/url"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsdesk/internal/sanitize"
)

// The main-text extractor keeps prose only. Media are found in one walk of
// the original page instead: every figure, image and allow-listed embed is
// recorded in document order together with the text blocks around it
// ("anchors"). After cleaning, the anchors that survived in the body mark
// the article's region on the page; media inside that region are built
// afresh (absolute sources, captions, credits, canonical embed addresses)
// and placed after the body block that preceded them on the page.

// mediaItem is one figure or embed found on the page.
type mediaItem struct {
	out     *html.Node // the element to place in the body
	orig    *html.Node // where it was on the page
	key     string     // image or embed identity, for repeats
	caption string     // normalised caption, "" when none
	quote   uint64     // anchor key of a social post's own text, 0 when none
	lead    bool       // an image: may be the page's lead image
}

// mediaEntry is an anchor (key set) or a media item, in page order.
type mediaEntry struct {
	key  uint64
	n    *html.Node
	item *mediaItem
}

// pageMedia is what scanMedia found on a page.
type pageMedia struct {
	entries []mediaEntry
	items   int
	base    *url.URL
	seen    map[uint64]bool // anchor keys already entered
	names   *partNames      // shared with the other visitors of the page's walk
}

// minAnchor is the shortest normalised text that anchors media; shorter
// lines ("Advertisement") repeat too often to place anything.
const (
	minAnchor = 24
	maxAnchor = 160
)

// anchorKey returns the key a text block is matched by on the page and in
// the body (the hash of the first maxAnchor bytes of its normalised
// text), or 0 when the text is too short to anchor anything. It folds the
// block's text as it walks it, as far as the key needs, without gathering
// it first.
func anchorKey(n *html.Node) uint64 {
	f := folder{limit: maxAnchor, k: foldKey{hash: fnvOffset}}
	eachText(n, f.add, func() bool { return f.k.bytes >= maxAnchor })
	if f.k.bytes < minAnchor {
		return 0
	}
	return f.k.hash
}

// isAnchor reports whether n is a text block used as an anchor.
func isAnchor(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Li, atom.Blockquote, atom.Pre, atom.Dd, atom.Td:
		return true
	case atom.Div:
		// A div used as a paragraph: text of its own.
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
				return true
			}
		}
	}
	return false
}

// newPageMedia readies the media scan of a page at base; visit records
// the page's media and anchors in the page's walk (see walkEach).
func newPageMedia(base *url.URL) *pageMedia {
	return &pageMedia{base: base, seen: map[uint64]bool{}}
}

func (pm *pageMedia) add(it *mediaItem) {
	if it != nil {
		pm.entries = append(pm.entries, mediaEntry{n: it.orig, item: it})
		pm.items++
	}
}

// visit reads one node of the page.
func (pm *pageMedia) visit(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return n.Type == html.DocumentNode
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head,
		atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Form, atom.Svg,
		atom.Button, atom.Select, atom.Textarea:
		return false
	}
	if pm.names.of(n)&partOff != 0 {
		return false
	}
	base := pm.base
	switch n.DataAtom {
	case atom.Figure:
		pm.add(figureItem(n, base))
		return false
	case atom.Img, atom.Picture:
		pm.add(imageItem(n, nil, base))
		return false
	case atom.Iframe:
		pm.add(frameItem(n, base))
		return false
	case atom.Blockquote:
		if it := postItem(n, base); it != nil {
			pm.add(it)
			return false
		}
	case atom.Div:
		if it := facebookItem(n); it != nil {
			pm.add(it)
			return false
		}
	}
	if isAnchor(n) {
		if k := anchorKey(n); k != 0 && !pm.seen[k] {
			pm.seen[k] = true
			pm.entries = append(pm.entries, mediaEntry{key: k, n: n})
		}
	}
	return true
}

// placeMedia puts the page's media that lie within the article's region
// into body, skipping the lead image, and returns the nodes it added.
func placeMedia(pm *pageMedia, body *html.Node, r *Result) []*html.Node {
	if pm == nil || pm.items == 0 || body == nil {
		return nil
	}
	// The body's anchors.
	inBody := map[uint64]*html.Node{}
	walk(body, func(n *html.Node) bool {
		if n.Type == html.ElementNode && isAnchor(n) {
			if k := anchorKey(n); k != 0 {
				if _, ok := inBody[k]; !ok {
					inBody[k] = n
				}
			}
		}
		return true
	})
	// The region: the smallest page element holding every anchor that
	// survived into the body.
	var region *html.Node
	first, last := -1, -1
	for i, e := range pm.entries {
		if e.key == 0 || inBody[e.key] == nil {
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
		region = commonAncestor(region, e.n)
	}
	if region == nil {
		return nil
	}
	if isAnchor(region) && region.Parent != nil {
		region = region.Parent
	}
	lead := imageKey(r.Image)
	seen := map[string]bool{}
	var added []*html.Node
	after := map[*html.Node]*html.Node{} // last node placed after a block
	for i, e := range pm.entries {
		it := e.item
		if it == nil || seen[it.key] {
			continue
		}
		if it.lead && lead != "" && imageKey(it.key) == lead {
			// The page shows the lead image above the body.
			seen[it.key] = true
			if r.ImageCaption == "" && it.caption != "" {
				r.ImageCaption = figcaptionText(it.out)
			}
			continue
		}
		if !contains(region, it.orig) {
			continue
		}
		// A social post whose text the body already holds takes its place.
		if it.quote != 0 {
			if old := inBody[it.quote]; old != nil {
				for p := old.Parent; p != nil && p != body; p = p.Parent {
					if p.DataAtom == atom.Blockquote {
						old = p
					}
				}
				if old.Parent != nil {
					old.Parent.InsertBefore(it.out, old)
					old.Parent.RemoveChild(old)
					seen[it.key] = true
					added = append(added, it.out)
					continue
				}
			}
		}
		var prev *html.Node
		gap := 0 // page text blocks between the anchor and the item
		for j := i - 1; j >= 0; j-- {
			if k := pm.entries[j].key; k != 0 {
				if n := inBody[k]; n != nil {
					prev = n
					break
				}
				gap++
			}
		}
		switch {
		case prev == nil:
			// Before the article's first block: only directly above it.
			if gapTo(pm, i, first) > 2 {
				continue
			}
			if it.lead && r.Image == "" {
				// The page's lead image, which the page did not name.
				r.Image, r.ImageCaption = it.key, figcaptionText(it.out)
				lead = imageKey(it.key)
				seen[it.key] = true
				continue
			}
			next := topBlock(inBody[pm.entries[first].key], body)
			next.Parent.InsertBefore(it.out, next)
		case i > last && gap > 1:
			// Well after the article's last block: another part of the page.
			continue
		default:
			top := topBlock(prev, body)
			if a := after[top]; a != nil {
				top = a
			}
			top.Parent.InsertBefore(it.out, top.NextSibling)
			after[topBlock(prev, body)] = it.out
		}
		seen[it.key] = true
		added = append(added, it.out)
	}
	// A caption the body also says as a paragraph is shown once.
	for _, f := range added {
		if fc := f.LastChild; f.DataAtom == atom.Figure && fc != nil && fc.DataAtom == atom.Figcaption {
			if k := captionKey(fc); k != 0 && inBody[k] != nil {
				f.RemoveChild(fc)
			}
		}
	}
	return added
}

// captionKey is the anchor key of a built figcaption's text without its
// credit, 0 when it has none.
func captionKey(fc *html.Node) uint64 {
	if fc.FirstChild == nil || fc.FirstChild.Type != html.TextNode {
		return 0
	}
	k := foldText(fc.FirstChild.Data, maxAnchor)
	if k.bytes < minAnchor {
		return 0
	}
	return k.hash
}

// gapTo counts the page text blocks between entries i and j (i < j).
func gapTo(pm *pageMedia, i, j int) int {
	n := 0
	for k := i + 1; k < j; k++ {
		if pm.entries[k].key != 0 {
			n++
		}
	}
	return n
}

// topBlock returns the ancestor of n (or n) that sits directly in a
// container, so that media are placed between blocks rather than inside
// a list, quote, table or paragraph.
func topBlock(n, body *html.Node) *html.Node {
	for n.Parent != nil && n.Parent != body {
		switch n.Parent.DataAtom {
		case atom.Div, atom.Section, atom.Article, atom.Main, atom.Body:
			return n
		}
		n = n.Parent
	}
	return n
}

// commonAncestor returns the closest element holding both a and b (a may
// be nil).
func commonAncestor(a, b *html.Node) *html.Node {
	if a == nil {
		return b
	}
	for p := a; p != nil; p = p.Parent {
		if contains(p, b) {
			return p
		}
	}
	return nil
}

// contains reports whether n is a or a's descendant.
func contains(a, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}

// figcaptionText returns the caption text of a built figure without its
// credit.
func figcaptionText(f *html.Node) string {
	for c := f.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Figcaption && c.FirstChild != nil && c.FirstChild.Type == html.TextNode {
			return strings.TrimSpace(c.FirstChild.Data)
		}
	}
	return ""
}

// figureItem builds the media item of a page figure: an embed it holds,
// or its image with caption and credit.
func figureItem(fig *html.Node, base *url.URL) *mediaItem {
	var img, pic, cap *html.Node
	var embed *mediaItem
	var credits []string
	walk(fig, func(n *html.Node) bool {
		if n.Type != html.ElementNode || embed != nil {
			return false
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template:
			return false
		case atom.Iframe:
			embed = frameItem(n, base)
			return false
		case atom.Blockquote:
			embed = postItem(n, base)
			return embed == nil
		case atom.Picture:
			if pic == nil && img == nil {
				pic = n
			}
		case atom.Img:
			if img == nil {
				img = n
			}
		case atom.Figcaption:
			if cap == nil {
				cap = n
			}
		}
		if creditNode(n) {
			if t := collapse(textOf(n)); t != "" {
				credits = append(credits, t)
			}
			return false
		}
		return true
	})
	if embed != nil {
		embed.orig = fig
		return embed
	}
	if img == nil {
		return nil
	}
	it := imageItem(img, pic, base)
	if it == nil {
		return nil
	}
	it.orig = fig
	var caption, credit string
	if cap != nil {
		caption = collapse(captionText(cap))
	}
	if len(credits) > 0 {
		credit = strings.Join(credits, ", ")
	} else {
		caption, credit = splitCredit(caption)
	}
	if caption != "" || credit != "" {
		fc := element(atom.Figcaption)
		if caption != "" {
			fc.AppendChild(&html.Node{Type: html.TextNode, Data: caption})
		}
		if credit != "" {
			if caption != "" {
				fc.AppendChild(&html.Node{Type: html.TextNode, Data: " "})
			}
			sp := element(atom.Span, "class", "credit")
			sp.AppendChild(&html.Node{Type: html.TextNode, Data: credit})
			fc.AppendChild(sp)
		}
		it.out.AppendChild(fc)
		it.caption = norm(caption + " " + credit)
	}
	return it
}

// captionText is the text of a figcaption without its credit elements.
func captionText(cap *html.Node) string {
	var b strings.Builder
	walk(cap, func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return false
			case atom.Br, atom.P, atom.Div, atom.Small:
				b.WriteByte(' ')
			}
			if creditNode(n) {
				return false
			}
		}
		return true
	})
	return b.String()
}

// creditNode reports an element that holds a photo credit.
func creditNode(n *html.Node) bool {
	if n.Type != html.ElementNode || n.DataAtom == atom.Figure || n.DataAtom == atom.Img {
		return false
	}
	c := strings.ToLower(attr(n, "class") + " " + attr(n, "itemprop"))
	for _, f := range []string{"credit", "copyright", "photographer", "attribution", "source", "author"} {
		if strings.Contains(c, f) {
			return true
		}
	}
	return false
}

// creditMarks start a photo credit written into a caption.
var creditMarks = []string{"photo:", "photos:", "photograph:", "photo by ", "picture:", "image:",
	"credit:", "credits:", "foto:", "fotos:", "bild:", "©", "(c) ", "source:", "quelle:"}

// splitCredit separates a credit written at the end of a caption ("...
// Photo: Jane Doe").
func splitCredit(caption string) (string, string) {
	low := strings.ToLower(caption)
	best := -1
	for _, m := range creditMarks {
		i := strings.Index(low, m)
		if i < 0 || (best >= 0 && i >= best) || len(caption)-i > 90 {
			continue
		}
		if i > 0 && !strings.ContainsRune(" (|–-/.", rune(low[i-1])) {
			continue
		}
		best = i
	}
	if best < 0 {
		return caption, ""
	}
	credit := caption[best:]
	if best > 0 && caption[best-1] == '(' {
		// "(Photo: Jane Doe) Doe": the credit ends at the parenthesis; a
		// repeat of it after that goes.
		if end := strings.IndexByte(credit, ')'); end >= 0 {
			rest := strings.TrimSpace(credit[end+1:])
			credit = credit[:end]
			if rest != "" && !strings.Contains(norm(credit), norm(rest)) {
				credit += " " + rest
			}
		}
	}
	credit = strings.Trim(credit, " ()")
	text := strings.TrimRight(caption[:best], " (|–-/")
	return text, credit
}

// element returns a new element with the given attributes (key, value
// pairs).
func element(a atom.Atom, kv ...string) *html.Node {
	n := &html.Node{Type: html.ElementNode, Data: a.String(), DataAtom: a}
	for i := 0; i+1 < len(kv); i += 2 {
		n.Attr = append(n.Attr, html.Attribute{Key: kv[i], Val: kv[i+1]})
	}
	return n
}

// imageItem builds a figure for an image of the article (img, or the img
// of pic), or returns nil for placeholders, tracking pixels, icons, logos
// and links to other pages.
func imageItem(img, pic *html.Node, base *url.URL) *mediaItem {
	if img.DataAtom == atom.Picture {
		pic = img
		img = nil
		walk(pic, func(n *html.Node) bool {
			if img == nil && n.Type == html.ElementNode && n.DataAtom == atom.Img {
				img = n
			}
			return img == nil
		})
		if img == nil {
			return nil
		}
	}
	if pic == nil && img.Parent != nil && img.Parent.DataAtom == atom.Picture {
		pic = img.Parent
	}
	src := imageSource(img, pic, base)
	if e, ok := embedFor(src); ok {
		// A lazy-loading stand-in for a player.
		return &mediaItem{out: embedNode(e, nil, ""), orig: img, key: e.link}
	}
	if src == "" || linkedAway(img) || smallImage(img) || attr(img, "role") == "presentation" ||
		attr(img, "aria-hidden") == "true" || junkImage(src, img) {
		return nil
	}
	out := element(atom.Figure)
	im := element(atom.Img, "src", src)
	if alt := collapse(attr(img, "alt")); alt != "" {
		im.Attr = append(im.Attr, html.Attribute{Key: "alt", Val: alt})
	}
	w, h := dimension(attr(img, "width")), dimension(attr(img, "height"))
	if w > 0 && h > 0 {
		im.Attr = append(im.Attr, html.Attribute{Key: "width", Val: strconv.Itoa(w)}, html.Attribute{Key: "height", Val: strconv.Itoa(h)})
	}
	im.Attr = append(im.Attr, html.Attribute{Key: "loading", Val: "lazy"})
	out.AppendChild(im)
	return &mediaItem{out: out, orig: img, key: src, lead: true}
}

// linkedAway reports an image inside a link to another page (an ad or a
// teaser) rather than to a larger copy of the image.
func linkedAway(img *html.Node) bool {
	for p := img.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.A {
			href := strings.ToLower(attr(p, "href"))
			if i := strings.IndexAny(href, "?#"); i >= 0 {
				href = href[:i]
			}
			return href != "" && !imageFile(href)
		}
	}
	return false
}

// imageFile reports a path that names an image file.
func imageFile(p string) bool {
	for _, ext := range []string{".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"} {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}

// dimension parses a width or height attribute; -1 when absent or not a
// pixel count.
func dimension(s string) int {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 || v > 20000 {
		return -1
	}
	return v
}

// smallImage reports an image whose declared size is a pixel or an icon.
func smallImage(img *html.Node) bool {
	w, h := dimension(attr(img, "width")), dimension(attr(img, "height"))
	switch {
	case (w >= 0 && w <= 2) || (h >= 0 && h <= 2):
		return true
	case w > 0 && h > 0 && w < 200 && h < 200:
		return true
	case w > 0 && h < 0 && w < 60:
		return true
	}
	return false
}

// junkMarks are fragments of the addresses, classes and alt texts of
// tracking pixels, icons, logos and placeholders.
var junkMarks = []string{"/pixel", "pixel.gif", "pixel.png", "/beacon", "/tracking", "/track/",
	"doubleclick.", "scorecardresearch.", "google-analytics.", "googletagmanager.",
	"facebook.com/tr", "/1x1", "1x1.", "spacer.", "blank.gif", "transparent.gif", "/adserver",
	"logo", "favicon", "/icons/", "icon-", "-icon.", "_icon.", "avatar", "gravatar.", "sprite", "emoji",
	"placeholder", "badge", "/wp-content/plugins/", "/wp-content/themes/"}

// junkImage reports a tracking pixel, icon, logo, vector graphic or
// placeholder.
func junkImage(src string, img *html.Node) bool {
	u := strings.ToLower(src)
	path := u
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	if strings.HasSuffix(path, ".svg") || strings.HasSuffix(path, ".ico") {
		return true
	}
	if i := strings.IndexByte(u, '?'); i >= 0 {
		// A preview or teaser thumbnail asked of an image server ("&w=20").
		if q, err := url.ParseQuery(u[i+1:]); err == nil {
			for _, k := range []string{"w", "width"} {
				if v := dimension(q.Get(k)); v > 0 && v < 300 {
					return true
				}
			}
		}
	}
	cls := strings.ToLower(attr(img, "class") + " " + attr(img, "id"))
	for _, m := range junkMarks {
		if strings.Contains(u, m) || strings.Contains(cls, m) {
			return true
		}
	}
	return false
}

// imageSource picks the address to show for an image: a sensible width
// from its srcset (or its picture's sources), else its lazy-loading
// attribute, else its src unless that is a placeholder.
func imageSource(img, pic *html.Node, base *url.URL) string {
	for _, k := range []string{"data-srcset", "data-lazy-srcset", "srcset"} {
		if s := pickSrcset(attr(img, k)); s != "" {
			if u := sanitize.AbsoluteURL(s, base); u != "" {
				return u
			}
		}
	}
	if pic != nil {
		for c := pic.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.DataAtom != atom.Source {
				continue
			}
			for _, k := range []string{"data-srcset", "srcset"} {
				if s := pickSrcset(attr(c, k)); s != "" {
					if u := sanitize.AbsoluteURL(s, base); u != "" {
						return u
					}
				}
			}
		}
	}
	lazy := false
	for _, k := range []string{"data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src", "data-srcset", "data-lazy-srcset"} {
		v := attr(img, k)
		lazy = lazy || v != ""
		if strings.HasSuffix(k, "srcset") || strings.HasPrefix(strings.TrimSpace(v), "{") {
			continue
		}
		if u := sanitize.AbsoluteURL(v, base); u != "" {
			return u
		}
	}
	if lazy {
		// The src of a lazy-loaded image whose real address could not be
		// read is a placeholder.
		return ""
	}
	return sanitize.AbsoluteURL(attr(img, "src"), base)
}

// wantWidth is the image width aimed for: the article column at twice the
// pixel density, without downloading a poster-sized original.
const wantWidth = 800

// pickSrcset returns the candidate of a srcset to show: the narrowest at
// least wantWidth wide, else the widest; for density descriptors the one
// closest to 2x; else the first.
func pickSrcset(set string) string {
	type cand struct {
		url string
		w   int
		x   float64
	}
	var cs []cand
	s := strings.TrimSpace(set)
	for s != "" {
		s = strings.TrimLeft(s, " \t\n\r,")
		end := strings.IndexAny(s, " \t\n\r")
		if end < 0 {
			end = len(s)
		}
		u := s[:end]
		s = s[end:]
		var desc string
		if strings.HasSuffix(u, ",") {
			u = strings.TrimRight(u, ",")
		} else if i := strings.IndexByte(s, ','); i >= 0 {
			desc, s = strings.TrimSpace(s[:i]), s[i+1:]
		} else {
			desc, s = strings.TrimSpace(s), ""
		}
		if u == "" {
			continue
		}
		c := cand{url: u}
		switch {
		case strings.HasSuffix(desc, "w"):
			c.w, _ = strconv.Atoi(strings.TrimSuffix(desc, "w"))
		case strings.HasSuffix(desc, "x"):
			c.x, _ = strconv.ParseFloat(strings.TrimSuffix(desc, "x"), 64)
		}
		cs = append(cs, c)
	}
	if len(cs) == 0 {
		return ""
	}
	best := -1
	for i, c := range cs {
		if c.w <= 0 {
			continue
		}
		switch {
		case best < 0:
			best = i
		case c.w >= wantWidth && (cs[best].w < wantWidth || c.w < cs[best].w):
			best = i
		case cs[best].w < wantWidth && c.w > cs[best].w:
			best = i
		}
	}
	if best >= 0 {
		return cs[best].url
	}
	for i, c := range cs {
		if c.x <= 0 {
			continue
		}
		if best < 0 || absF(c.x-2) < absF(cs[best].x-2) {
			best = i
		}
	}
	if best >= 0 {
		return cs[best].url
	}
	return cs[0].url
}

func absF(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// imageKey identifies an image across sizes, crops and image proxies: the
// last telling segment of its path, without extension and size suffix
// ("bridge-opening-1200x630.jpg", ".../18636107/9/920x920.jpg"), or the
// id-like query values of an image server addressed by query alone.
func imageKey(src string) string {
	if src == "" {
		return ""
	}
	s := strings.ToLower(src)
	if u, err := url.PathUnescape(s); err == nil {
		s = u
	}
	query := ""
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s, query = s[:i], s[i+1:]
	}
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	segs := strings.FieldsFunc(s, func(r rune) bool { return r == '/' })
	if len(segs) > 0 {
		segs = segs[1:] // the host
	}
	last := ""
	if len(segs) > 0 {
		last = fileStem(segs[len(segs)-1])
	}
	if genericStem(last) {
		var ids []string
		for _, kv := range strings.Split(query, "&") {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "w", "h", "width", "height", "q", "quality", "fit", "crop", "resize", "format", "fm", "auto", "dpr":
				continue
			}
			if len(v) >= 6 {
				ids = append(ids, v)
			}
		}
		if len(ids) > 0 {
			sort.Strings(ids)
			return "?" + strings.Join(ids, "&")
		}
	}
	for i := len(segs) - 1; i >= 0 && i >= len(segs)-3; i-- {
		if st := fileStem(segs[i]); !genericStem(st) {
			return st
		}
	}
	return s
}

// fileStem is a path segment without extension, trailing size suffixes
// and content hashes.
func fileStem(p string) string {
	if i := strings.LastIndexByte(p, '.'); i > 0 {
		p = p[:i]
	}
	for {
		i := strings.LastIndexAny(p, "-_")
		if i <= 0 {
			break
		}
		tail := p[i+1:]
		size := tail != "" && strings.Trim(tail, "0123456789x") == ""
		// A content hash the image server appends ("_a21e892935").
		hash := len(tail) >= 8 && strings.Trim(tail, "0123456789abcdef") == "" && strings.ContainsAny(tail, "0123456789")
		if !size && !hash {
			break
		}
		p = p[:i]
	}
	return p
}

// genericStems are file names image servers give every image.
var genericStems = map[string]bool{"image": true, "img": true, "rawimage": true, "original": true,
	"default": true, "large": true, "medium": true, "small": true, "full": true, "photo": true,
	"index": true, "thumb": true, "thumbnail": true, "main": true, "resources": true}

// genericStem reports a stem that does not tell images apart: a size
// ("960x0"), a short number, a very short name or a generic word.
func genericStem(st string) bool {
	if len(st) <= 2 || genericStems[st] {
		return true
	}
	if strings.Trim(st, "0123456789") == "" {
		return len(st) <= 4
	}
	w, h, ok := strings.Cut(st, "x")
	return ok && w != "" && strings.Trim(w, "0123456789") == "" && strings.Trim(h, "0123456789") == ""
}
