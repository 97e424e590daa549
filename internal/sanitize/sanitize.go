// Package sanitize makes third-party HTML safe to store and show: an
// allow-list of article markup with http(s) links and images, sandboxed
// video frames from a short list of privacy-friendly players, and a plain
// text rendering of HTML. It imports no other newsdesk package.
package sanitize

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// httpURL matches the absolute http(s) URLs allowed in src attributes.
var httpURL = regexp.MustCompile(`(?i)^https?://[^\s]+$`)

// frameSrc matches the only iframe sources allowed: the canonical,
// privacy-friendly embed addresses of a few video players (see
// FrameOrigins).
var frameSrc = regexp.MustCompile(`^(?:https://www\.youtube-nocookie\.com/embed/[A-Za-z0-9_-]{11}(?:\?start=[0-9]{1,6})?` +
	`|https://player\.vimeo\.com/video/[0-9]{1,12}\?dnt=1` +
	`|https://www\.dailymotion\.com/embed/video/[A-Za-z0-9]{5,12})$`)

// mediaClass matches the class names the article markup may carry: those
// of figures, embeds and photo credits.
var mediaClass = regexp.MustCompile(`^(?:credit|embed|embed video|embed post)$`)

// FrameOrigins returns the origins that sanitized HTML may frame, for a
// Content-Security-Policy frame-src directive. Each call returns a new
// slice.
func FrameOrigins() []string {
	return []string{"https://www.youtube-nocookie.com", "https://player.vimeo.com", "https://www.dailymotion.com"}
}

// FrameAllowed reports whether src is an iframe source the allow-list keeps.
func FrameAllowed(src string) bool {
	return frameSrc.MatchString(src)
}

// newPolicy builds the allow-list. A policy is built per call site rather
// than kept in a package variable so no mutable state is shared.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
		"blockquote", "figure", "figcaption", "em", "strong", "b", "i",
		"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
		"br", "pre", "code", "q", "cite", "time")
	p.AllowAttrs("datetime").Matching(regexp.MustCompile(`^[0-9T:.+\-Z ]{4,40}$`)).OnElements("time")
	p.AllowAttrs("colspan", "rowspan").Matching(bluemonday.Integer).OnElements("td", "th")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("title").Matching(bluemonday.Paragraph).OnElements("a", "img")
	p.AllowAttrs("src").Matching(httpURL).OnElements("img")
	p.AllowAttrs("alt").Matching(bluemonday.Paragraph).OnElements("img")
	p.AllowAttrs("width", "height").Matching(bluemonday.NumberOrPercent).OnElements("img")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^lazy$`)).OnElements("img", "iframe")
	p.AllowAttrs("class").Matching(mediaClass).OnElements("figure", "p", "span")
	p.AllowElements("span")
	p.AllowElements("iframe")
	p.AllowAttrs("src").Matching(frameSrc).OnElements("iframe")
	p.AllowAttrs("title").Matching(bluemonday.Paragraph).OnElements("iframe")
	p.AllowAttrs("referrerpolicy").Matching(regexp.MustCompile(`^no-referrer$`)).OnElements("iframe", "img")
	p.AllowAttrs("allowfullscreen").Matching(regexp.MustCompile(`^(?:|allowfullscreen)$`)).OnElements("iframe")
	p.AllowAttrs("sandbox").OnElements("iframe")
	p.RequireSandboxOnIFrame(bluemonday.SandboxAllowScripts, bluemonday.SandboxAllowSameOrigin,
		bluemonday.SandboxAllowPresentation, bluemonday.SandboxAllowPopups)
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(false)
	p.RequireNoFollowOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}

// Sanitizer holds a compiled allow-list policy. It is safe for concurrent
// use; reuse one to avoid rebuilding the policy for every fragment.
type Sanitizer struct {
	policy *bluemonday.Policy
}

// New returns a Sanitizer with newsdesk's article allow-list.
func New() *Sanitizer {
	return &Sanitizer{policy: newPolicy()}
}

// HTML returns fragment made safe to store and show: allow-listed article
// markup only (paragraphs, h2-h6 headings, lists, quotes, figures, images
// with http(s) sources, links with http(s) or mailto targets marked
// rel="nofollow noopener", emphasis, tables, line breaks, code, q, cite,
// time), the figure, embed and credit class names, and iframes whose source
// FrameAllowed accepts, sandboxed. Relative URLs are resolved against
// baseURL; links and images that cannot be made absolute are dropped. No
// style, event handler, script, other iframe, object, form, meta, base, svg
// or math survives.
func HTML(fragment, baseURL string) string {
	return New().HTML(fragment, baseURL)
}

// HTML is the package-level HTML using s's compiled policy.
func (s *Sanitizer) HTML(fragment, baseURL string) string {
	pre := resolve(fragment, baseURL)
	out := s.policy.Sanitize(pre)
	return strings.TrimSpace(out)
}

// dropped lists elements removed with their content before the allow-list
// runs, so that no text of theirs leaks into the output.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Applet: true, atom.Frame: true, atom.Frameset: true,
	atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Math: true,
	atom.Form: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Input: true, atom.Meta: true, atom.Link: true, atom.Base: true,
	atom.Head: true, atom.Title: true, atom.Noembed: true, atom.Noframes: true,
	atom.Xmp: true, atom.Plaintext: true, atom.Canvas: true, atom.Audio: true,
	atom.Video: true, atom.Source: true, atom.Track: true, atom.Dialog: true,
}

// resolve parses fragment as a browser would inside a <div>, removes
// dropped elements, makes href and src absolute against baseURL (taking
// lazy-loading attributes when src is missing or a placeholder) and renders
// the result again for the allow-list pass.
func resolve(fragment, baseURL string) string {
	base, err := url.Parse(strings.TrimSpace(baseURL))
	if err != nil || !base.IsAbs() {
		base = nil
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), ctx)
	if err != nil {
		return html.EscapeString(fragment)
	}
	var b strings.Builder
	for _, n := range nodes {
		if n.Type == html.ElementNode && drop(n) {
			continue
		}
		clean(n, base)
		if err := html.Render(&b, n); err != nil {
			return ""
		}
	}
	return b.String()
}

// drop reports whether the element n goes with its content: a dropped
// element, anything outside the HTML namespace, and iframes except those
// to allow-listed players.
func drop(n *html.Node) bool {
	if n.Namespace != "" {
		return true
	}
	if n.DataAtom == atom.Iframe {
		return !FrameAllowed(strings.TrimSpace(attr(n, "src")))
	}
	return dropped[n.DataAtom]
}

// clean rewrites n's subtree in place.
func clean(n *html.Node, base *url.URL) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.CommentNode || (c.Type == html.ElementNode && drop(c)) {
			n.RemoveChild(c)
		} else {
			clean(c, base)
		}
		c = next
	}
	if n.Type != html.ElementNode {
		return
	}
	switch n.DataAtom {
	case atom.A:
		setAttr(n, "href", absolute(attr(n, "href"), base, true))
	case atom.Img:
		src := attr(n, "src")
		if src == "" || strings.HasPrefix(strings.ToLower(strings.TrimSpace(src)), "data:") {
			for _, k := range []string{"data-src", "data-lazy-src", "data-original", "data-url"} {
				if v := attr(n, k); v != "" {
					src = v
					break
				}
			}
		}
		setAttr(n, "src", absolute(src, base, false))
	case atom.H1:
		n.Data, n.DataAtom = "h2", atom.H2
	case atom.Iframe:
		// A frame shows its source only; fallback content is never needed.
		for c := n.FirstChild; c != nil; c = n.FirstChild {
			n.RemoveChild(c)
		}
	}
}

// AbsoluteURL returns ref resolved against base when the result is an
// http(s) URL with a host, and "" otherwise (base may be nil, which leaves
// only absolute references).
func AbsoluteURL(ref string, base *url.URL) string {
	return absolute(ref, base, false)
}

// absolute returns ref resolved against base, or "" when the result is not
// an http(s) URL (or a mailto URL when mail is true).
func absolute(ref string, base *url.URL, mail bool) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if !u.IsAbs() {
		if base == nil {
			return ""
		}
		u = base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
		return u.String()
	case "mailto":
		if mail {
			return u.String()
		}
	}
	return ""
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// setAttr sets n's attribute key to val, removing it when val is "".
func setAttr(n *html.Node, key, val string) {
	out := n.Attr[:0]
	set := false
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			if val == "" || set {
				continue
			}
			a.Key, a.Val, set = key, val, true
		}
		out = append(out, a)
	}
	if !set && val != "" {
		out = append(out, html.Attribute{Key: key, Val: val})
	}
	n.Attr = out
}
