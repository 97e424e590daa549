// Package feed turns feed documents (RSS 0.9x, 1.0 and 2.0, Atom 0.3 and
// 1.0, JSON Feed 1.x, news sitemaps and sitemap indexes) into items, finds
// the feeds a web page announces (and suggests the addresses where sites
// commonly serve one), and reads and writes OPML subscription lists.
//
// Parsing is built on github.com/mmcdole/gofeed and adds what real feeds
// need around it: charset detection from the HTTP header, byte order mark
// and XML declaration; HTML entities in XML; relative links resolved against
// xml:base and the document's address; dates normalised to UTC; titles both
// as plain text and as sanitised HTML; recovery of items from truncated or broken XML; and refusal of
// hostile input (entity expansion, external entities, deep nesting,
// enormous documents).
package feed

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"newsdesk/internal/news"
)

// Feed is a parsed feed document.
type Feed struct {
	// Format names the dialect: rss20, rss10, rss09x, atom10, atom03, json11,
	// json10, cdf, sitemap (a <urlset>, news sitemaps included) or
	// sitemapindex.
	Format string
	// Wellformed is false when the document had to be repaired or read
	// with a different encoding than it declared.
	Wellformed bool
	// Encoding is the character encoding the document was read as.
	Encoding string
	// Title is plain text; Link, Image are absolute URLs.
	Title, Link, Subtitle, Language, Author, Image string
	// TitleHTML is the title as sanitised HTML (markup the feed put in
	// it kept, plain text escaped).
	TitleHTML string
	// Updated is when the feed last changed, in UTC, or zero.
	Updated time.Time
	// TTL is the RSS <ttl> hint, 0 if none.
	TTL time.Duration
	// Hub is the WebSub hub the feed announces, if any.
	Hub string
	// Self is the feed's own address as the feed names it (its rel="self"
	// link, or a JSON Feed's feed_url), absolute, or "" when it names none.
	// It is the topic to subscribe to at Hub.
	Self string
	// Items are the entries in document order.
	Items []Item
}

// Item is one entry of a feed.
type Item struct {
	// ID is the entry's guid or id as given; Title is plain text; Link is
	// an absolute URL.
	ID, Title, Link string
	// TitleHTML is the title as sanitised HTML (markup the feed put in
	// it kept, plain text escaped).
	TitleHTML string
	// Published and Updated are in UTC, or zero when absent.
	Published, Updated time.Time
	// Author is "Name (email)", "Name" or "email".
	Author string
	// Summary and Content are HTML unless ContentType says otherwise.
	Summary, Content, ContentType string
	// Categories are the entry's tags in document order.
	Categories []string
	// Enclosures are attached media files.
	Enclosures []Enclosure
	// Image is a thumbnail, media:content image or image enclosure.
	Image string
}

// Enclosure is a media file attached to an item.
type Enclosure struct {
	URL, Type string
	Length    int64
}

// Parse parses a feed document served from baseURL; header carries the
// HTTP response headers (the Content-Type charset matters). It returns an
// error only when nothing can be recovered; a document that needed repair
// comes back with Wellformed false.
func Parse(data []byte, baseURL string, header http.Header) (*Feed, error) {
	if len(data) > MaxDocumentSize {
		return nil, fmt.Errorf("feed: %s: document of %d bytes exceeds %d: %w", baseURL, len(data), MaxDocumentSize, news.ErrInvalid)
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		f, err := parseJSON(trimmed, baseURL)
		if err != nil {
			return nil, fmt.Errorf("feed: %s: %w", baseURL, err)
		}
		return f, nil
	}
	if header != nil {
		// Content-Location names the document itself; relative links
		// resolve against it.
		if loc := strings.TrimSpace(header.Get("Content-Location")); loc != "" {
			if b, err := url.Parse(baseURL); err == nil {
				if l, err := url.Parse(loc); err == nil {
					baseURL = b.ResolveReference(l).String()
				}
			}
		}
	}
	f, err := parseXML(data, baseURL, header)
	if err != nil {
		return nil, fmt.Errorf("feed: %s: %w", baseURL, err)
	}
	return f, nil
}

// errNotFeed reports a document that holds no feed at all.
var errNotFeed = fmt.Errorf("not a feed: %w", news.ErrInvalid)

// parseXML handles the XML dialects.
func parseXML(data []byte, baseURL string, header http.Header) (*Feed, error) {
	dec := decodeDocument(data, header)
	text := expandHTMLEntities(dec.text)
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, fmt.Errorf("empty document: %w", news.ErrInvalid)
	}
	scan, err := scanStrict(text)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", err, news.ErrInvalid)
	}
	wellformed := scan.wellformed && !dec.bozo && !dec.entities && !dec.misplaced
	var repaired []byte
	if !scan.wellformed {
		// The repair pass also enforces the limits past a syntax error.
		repaired, err = repair(text)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", err, news.ErrInvalid)
		}
	}
	f, perr := parseGofeed(text, baseURL)
	if perr != nil && repaired != nil {
		f, perr = parseGofeed(repaired, baseURL)
	}
	if perr != nil {
		if errors.Is(perr, errNotFeed) {
			return nil, perr
		}
		return nil, fmt.Errorf("%w: %w", perr, news.ErrInvalid)
	}
	f.Wellformed = wellformed
	f.Encoding = dec.encoding
	return f, nil
}
