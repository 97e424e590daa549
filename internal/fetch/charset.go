package fetch

import (
	"bytes"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// xmlDeclEncoding finds the encoding pseudo-attribute of an XML declaration.
var xmlDeclEncoding = regexp.MustCompile(`^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// metaCharset finds a charset in an HTML <meta> element, in either of its
// forms (charset="x" or content="text/html; charset=x").
var metaCharset = regexp.MustCompile(`(?i)<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)`)

// DecodeCharset converts body to UTF-8 and returns the name of the charset
// it was read as. The charset comes from, in order: a byte order mark, the
// charset parameter of contentType, an XML declaration, an HTML <meta>
// (golang.org/x/net/html/charset's prescan), and last sniffing: UTF-8 when
// the bytes are valid UTF-8, windows-1252 otherwise. A header naming UTF-8
// is passed over when the bytes do not look like UTF-8 at all (more bytes
// that are not UTF-8 than characters that are). A byte order mark comes
// first because a declaration cannot be read without knowing it. Invalid
// bytes become U+FFFD; the byte order mark is dropped.
func DecodeCharset(body []byte, contentType string) ([]byte, string, error) {
	enc, name := detectCharset(body, contentType)
	if name == "utf-8" {
		body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
		if utf8.Valid(body) {
			return body, name, nil
		}
		return bytes.ToValidUTF8(body, []byte("\uFFFD")), name, nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, name, fmt.Errorf("decoding %s: %w", name, err)
	}
	return out, name, nil
}

// detectCharset picks the encoding of body by the rules of DecodeCharset.
func detectCharset(body []byte, contentType string) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(body, []byte("\xef\xbb\xbf")):
		return unicode.UTF8, "utf-8"
	case bytes.HasPrefix(body, []byte("\xfe\xff")):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
	case bytes.HasPrefix(body, []byte("\xff\xfe")):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		// A header that says UTF-8 over bytes that are not is a common
		// server mistake; the document and its bytes are asked instead.
		if e, n := lookupCharset(params["charset"]); e != nil && (n != "utf-8" || mostlyUTF8(body)) {
			return e, n
		}
	}
	// UTF-16 without a byte order mark shows as "<?" with zero bytes.
	switch {
	case bytes.HasPrefix(body, []byte("\x00<\x00?")):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be"
	case bytes.HasPrefix(body, []byte("<\x00?\x00")):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le"
	}
	head := body[:min(len(body), 1024)]
	if m := xmlDeclEncoding.FindSubmatch(bytes.TrimLeft(head, " \t\r\n")); m != nil {
		label := strings.ToLower(string(m[1]))
		// A declaration read as ASCII cannot be describing UTF-16.
		if !strings.HasPrefix(label, "utf-16") {
			if e, n := lookupCharset(label); e != nil {
				return e, n
			}
		}
	}
	if m := metaCharset.FindSubmatch(head); m != nil {
		label := strings.ToLower(string(m[1]))
		if strings.HasPrefix(label, "utf-16") {
			label = "utf-8" // as the HTML standard says: the page was read as ASCII
		}
		if e, n := lookupCharset(label); e != nil {
			return e, n
		}
	}
	// The standard's own prescan finds declarations the pattern above
	// misses; its fallbacks are replaced by a check of the whole body.
	if e, n, _ := charset.DetermineEncoding(head, ""); n != "windows-1252" && n != "utf-8" {
		return e, n
	}
	if utf8.Valid(body) {
		return unicode.UTF8, "utf-8"
	}
	e, n := lookupCharset("windows-1252")
	return e, n
}

// mostlyUTF8 reports whether body's non-ASCII bytes read as UTF-8 more
// often than not: a UTF-8 document with a stray bad byte does, a
// windows-1252 one does not.
func mostlyUTF8(body []byte) bool {
	good, bad := 0, 0
	for i := 0; i < len(body); {
		if body[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size <= 1 {
			bad++
			i++
			continue
		}
		good++
		i += size
	}
	return good >= bad
}

// lookupCharset finds an encoding by its label; the replacement encoding
// of the standard counts as unknown.
func lookupCharset(label string) (encoding.Encoding, string) {
	label = strings.TrimSpace(strings.Trim(label, `"'`))
	if label == "" {
		return nil, ""
	}
	e, n := charset.Lookup(label)
	if e == nil || n == "replacement" {
		return nil, ""
	}
	return e, n
}
