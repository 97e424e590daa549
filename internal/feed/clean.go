package feed

import (
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"

	xhtml "golang.org/x/net/html"
)

// Feed HTML is untrusted. cleanHTML applies an allow-list of elements at
// the boundary, drops scripts with their content, event handler attributes
// and dangerous URLs, keeps only harmless CSS declarations, and makes
// relative links absolute. The sanitize package still applies the display
// policy later; this keeps stored feed content free of active parts.

// allowedElements are kept (with their content); others are unwrapped.
var allowedElements = setOf(
	"a", "abbr", "acronym", "address", "area", "article", "aside", "audio",
	"b", "bdi", "bdo", "big", "blockquote", "br", "button", "canvas", "caption",
	"center", "cite", "code", "col", "colgroup", "command", "datagrid",
	"datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl",
	"dt", "em", "event-source", "fieldset", "figcaption", "figure", "font",
	"footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img",
	"ins", "kbd", "keygen", "label", "legend", "li", "m", "map", "mark",
	"menu", "meter", "multicol", "nav", "nextid", "noscript", "ol",
	"optgroup", "option", "output", "p", "picture", "pre", "progress", "q",
	"rp", "rt", "ruby", "s", "samp", "section", "select", "small", "sound",
	"source", "spacer", "span", "strike", "strong", "sub", "summary", "sup",
	"table", "tbody", "td", "textarea", "tfoot", "th", "thead", "time", "tr",
	"track", "tt", "u", "ul", "var", "video", "wbr",
)

// droppedWithContent are removed together with everything inside them.
var droppedWithContent = setOf("script", "style", "applet", "template", "noembed", "noframes", "xmp", "title")

// voidElements never have an end tag.
var voidElements = setOf("area", "br", "col", "command", "hr", "img", "keygen", "source", "track", "wbr", "input", "embed", "param")

// deniedAttributes are never kept, whatever the element.
var deniedAttributes = setOf("srcdoc", "formaction", "action", "xmlns", "dynsrc", "lowsrc", "codebase", "classid")

// urlAttributes hold URLs that are resolved and checked.
var urlAttributes = setOf("href", "src", "cite", "background", "longdesc", "poster", "usemap", "data", "icon", "profile", "ping", "xlink:href")

// safeSchemes are the URL schemes a link may use.
var safeSchemes = setOf("http", "https", "ftp", "mailto", "news", "nntp", "tel", "feed", "irc", "ircs", "magnet", "sip", "xmpp", "gopher", "rtsp", "mms")

// allowedCSS are the CSS properties kept as written.
var allowedCSS = setOf(
	"azimuth", "background-color", "border-bottom-color", "border-collapse",
	"border-color", "border-left-color", "border-right-color",
	"border-top-color", "clear", "color", "cursor", "direction", "display",
	"elevation", "float", "font", "font-family", "font-size", "font-style",
	"font-variant", "font-weight", "height", "letter-spacing", "line-height",
	"overflow", "pause", "pause-after", "pause-before", "pitch",
	"pitch-range", "richness", "speak", "speak-header", "speak-numeral",
	"speak-punctuation", "speech-rate", "stress", "text-align",
	"text-decoration", "text-indent", "unicode-bidi", "vertical-align",
	"voice-family", "volume", "white-space", "width",
)

// cssKeywords are the values a box shorthand (margin, padding, border,
// background) may use besides lengths and colours.
var cssKeywords = setOf(
	"auto", "aqua", "black", "block", "blue", "bold", "both", "bottom",
	"brown", "center", "collapse", "dashed", "dotted", "fuchsia", "gray",
	"green", "!important", "italic", "left", "lime", "maroon", "medium",
	"none", "navy", "normal", "nowrap", "olive", "pointer", "purple", "red",
	"right", "solid", "silver", "teal", "top", "transparent", "underline",
	"white", "yellow",
)

var (
	cssURL      = regexp.MustCompile(`(?i)url\s*\(\s*[^\s)]+?\s*\)\s*`)
	cssAllowed  = regexp.MustCompile(`^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$`)
	cssShape    = regexp.MustCompile(`^\s*([-\w]+\s*:[^:;]*(;\s*|$))*$`)
	cssDecl     = regexp.MustCompile(`([-\w]+)\s*:\s*([^:;]*)`)
	cssValueRe  = regexp.MustCompile(`^(#[0-9a-fA-F]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$`)
	boxProperty = setOf("background", "border", "margin", "padding")
)

func setOf(s ...string) map[string]bool {
	m := make(map[string]bool, len(s))
	for _, v := range s {
		m[v] = true
	}
	return m
}

// cleanStyle keeps the harmless declarations of a style attribute.
func cleanStyle(style string) string {
	style = cssURL.ReplaceAllString(style, " ")
	if !cssAllowed.MatchString(style) || !cssShape.MatchString(style) {
		return ""
	}
	var out []string
	for _, m := range cssDecl.FindAllStringSubmatch(style, -1) {
		prop, value := strings.ToLower(m[1]), strings.TrimSpace(m[2])
		if value == "" {
			continue
		}
		if allowedCSS[prop] {
			out = append(out, prop+": "+value+";")
			continue
		}
		if boxProperty[strings.SplitN(prop, "-", 2)[0]] {
			ok := true
			for _, kw := range strings.Fields(value) {
				if !cssKeywords[strings.ToLower(kw)] && !cssValueRe.MatchString(kw) {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, prop+": "+value+";")
			}
		}
	}
	return strings.Join(out, " ")
}

// cleanURL resolves a URL attribute and reports whether it is safe.
func cleanURL(base *url.URL, v string) (string, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", true
	}
	u, err := url.Parse(v)
	if err != nil {
		// Keep harmless unparsable text only if it has no scheme at all.
		if strings.ContainsAny(v, ":") {
			return "", false
		}
		return v, true
	}
	if u.Scheme != "" && !safeSchemes[strings.ToLower(u.Scheme)] {
		return "", false
	}
	if base != nil && !u.IsAbs() {
		return base.ResolveReference(u).String(), true
	}
	return v, true
}

// maxCleanDepth bounds how many unclosed dropped elements are tracked.
const maxCleanDepth = 1 << 16

// cleanHTML returns s with only allowed elements and attributes, relative
// URLs made absolute against base.
func cleanHTML(s string, base *url.URL) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	z := xhtml.NewTokenizer(strings.NewReader(s))
	skip := 0 // depth inside an element dropped with its content
	var skipName string
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		switch tt {
		case xhtml.TextToken:
			if skip == 0 {
				if raw := z.Raw(); safeRawText(raw) {
					// Keep character references as the feed spelled them.
					b.Write(raw)
				} else {
					b.WriteString(escapeText(string(z.Text())))
				}
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tok := z.Token()
			name := strings.ToLower(tok.Data)
			if skip > 0 {
				if name == skipName && tt == xhtml.StartTagToken && skip < maxCleanDepth {
					skip++
				}
				continue
			}
			if droppedWithContent[name] {
				if tt == xhtml.StartTagToken {
					skip, skipName = 1, name
				}
				continue
			}
			if !allowedElements[name] {
				continue
			}
			writeStartTag(&b, name, tok.Attr, base)
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			n := strings.ToLower(string(name))
			if skip > 0 {
				if n == skipName {
					skip--
				}
				continue
			}
			if allowedElements[n] && !voidElements[n] {
				b.WriteString("</" + n + ">")
			}
		}
	}
	return b.String()
}

// writeStartTag writes the start tag of an allowed element with its
// allowed attributes, sorted by name so that equal markup prints the same.
func writeStartTag(b *strings.Builder, name string, attrs []xhtml.Attribute, base *url.URL) {
	b.WriteString("<" + name)
	attrs = slices.Clone(attrs)
	slices.SortStableFunc(attrs, func(x, y xhtml.Attribute) int {
		return strings.Compare(strings.ToLower(x.Key), strings.ToLower(y.Key))
	})
	for _, a := range attrs {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		if strings.HasPrefix(key, "on") || deniedAttributes[key] || strings.HasPrefix(key, "xmlns") {
			continue
		}
		val := a.Val
		if key == "style" {
			val = cleanStyle(val)
			if val == "" {
				continue
			}
		}
		if urlAttributes[key] {
			v, ok := cleanURL(base, val)
			if !ok {
				continue
			}
			val = v
		}
		if key == "srcset" {
			continue
		}
		b.WriteString(" " + key + `="` + attrEscaper.Replace(val) + `"`)
	}
	if voidElements[name] {
		b.WriteString(" />")
		return
	}
	b.WriteString(">")
}

// attrEscaper escapes a value for a double-quoted HTML attribute.
var attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// charRef matches a complete character reference at the start of a string.
var charRef = regexp.MustCompile(`^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

// safeRawText reports whether raw text can be written unchanged: it has no
// '<' or NUL, and each ampersand starts a known character
// reference.
func safeRawText(raw []byte) bool {
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '<', 0:
			return false
		case '&':
			m := charRef.Find(raw[i:])
			if m == nil {
				return false
			}
			if m[1] != '#' && html.UnescapeString(string(m)) == string(m) {
				// An unknown named reference.
				return false
			}
			i += len(m) - 1
		}
	}
	return true
}
