package feed

import (
	"bytes"
	"net/http"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// decoded is a feed document converted to UTF-8, with what was learnt about
// its encoding on the way.
type decoded struct {
	text      []byte // UTF-8, without BOM, XML declaration or DOCTYPE
	encoding  string // the encoding the document was read as, lower case
	bozo      bool   // the encoding was wrong or the content type is not XML
	entities  bool   // the DOCTYPE declared entities (never expanded)
	misplaced bool   // an XML declaration came after other markup
}

// contentType splits a Content-Type header value leniently: servers send
// spaces around '=' and quote charsets with either quote.
func contentType(v string) (mediaType, cs string) {
	parts := strings.Split(v, ";")
	mediaType = strings.ToLower(strings.TrimSpace(parts[0]))
	for _, p := range parts[1:] {
		k, val, ok := strings.Cut(p, "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "charset") {
			continue
		}
		cs = strings.ToLower(strings.Trim(strings.TrimSpace(val), `"' `))
	}
	return mediaType, cs
}

// sniffBOM reports the encoding announced by a byte order mark or by the
// byte pattern of "<?" in UTF-16 and UTF-32, and how many bytes of mark to drop.
func sniffBOM(b []byte) (string, int) {
	switch {
	case bytes.HasPrefix(b, []byte{0x00, 0x00, 0xFE, 0xFF}):
		return "utf-32be", 4
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0x00, 0x00}):
		return "utf-32le", 4
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return "utf-8", 3
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return "utf-16be", 2
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return "utf-16le", 2
	case bytes.HasPrefix(b, []byte{0x00, 0x00, 0x00, 0x3C}):
		return "utf-32be", 0
	case bytes.HasPrefix(b, []byte{0x3C, 0x00, 0x00, 0x00}):
		return "utf-32le", 0
	case bytes.HasPrefix(b, []byte{0x00, 0x3C, 0x00, 0x3F}):
		return "utf-16be", 0
	case bytes.HasPrefix(b, []byte{0x3C, 0x00, 0x3F, 0x00}):
		return "utf-16le", 0
	}
	return "", 0
}

// xmlDeclEncoding returns the encoding pseudo-attribute of an XML
// declaration at the start of head, which must already be ASCII-compatible.
func xmlDeclEncoding(head []byte) string {
	head = bytes.TrimLeft(head, " \t\r\n")
	if !bytes.HasPrefix(head, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(head, []byte("?>"))
	if end < 0 {
		if len(head) > 512 {
			head = head[:512]
		}
		end = len(head)
	}
	decl := string(head[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	q := rest[0]
	j := strings.IndexByte(rest[1:], q)
	if j < 0 {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(rest[1 : 1+j]))
}

// canonicalCharset maps a charset label to the name reported to callers,
// following the common aliases (gb2312 is read as its superset gb18030).
func canonicalCharset(label string) string {
	switch label {
	case "gb2312", "gbk", "x-gbk", "csgb2312":
		return "gb18030"
	case "utf8":
		return "utf-8"
	case "ascii", "us_ascii", "ansi_x3.4-1968":
		return "us-ascii"
	case "latin1", "latin-1", "iso8859-1", "iso_8859-1", "l1":
		return "iso-8859-1"
	case "u16", "utf16":
		return "utf-16"
	case "u32", "utf32":
		return "utf-32"
	}
	return label
}

// lookupEncoding returns a decoder for a canonical charset name, or nil.
func lookupEncoding(name string) encoding.Encoding {
	switch name {
	case "utf-8":
		return encoding.Nop
	case "us-ascii":
		return charmap.Windows1252
	case "iso-8859-1":
		return charmap.ISO8859_1
	case "utf-16be":
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	case "utf-16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case "utf-16":
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	case "utf-32be":
		return utf32.UTF32(utf32.BigEndian, utf32.IgnoreBOM)
	case "utf-32le":
		return utf32.UTF32(utf32.LittleEndian, utf32.IgnoreBOM)
	case "utf-32":
		return utf32.UTF32(utf32.BigEndian, utf32.UseBOM)
	case "utf-7", "unicode-1-1-utf-7", "csunicode11utf7":
		return nil // never decode UTF-7: it smuggles markup past filters
	}
	e, _ := charset.Lookup(name)
	return e
}

// decodeAs converts b to UTF-8 with the named encoding and reports whether
// the bytes were valid in it.
func decodeAs(b []byte, name string) ([]byte, bool) {
	switch name {
	case "utf-8":
		if utf8.Valid(b) {
			return b, true
		}
		return nil, false
	case "us-ascii":
		for _, c := range b {
			if c >= 0x80 {
				return nil, false
			}
		}
		return b, true
	}
	enc := lookupEncoding(name)
	if enc == nil {
		return nil, false
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return nil, false
	}
	if bytes.ContainsRune(out, utf8.RuneError) && !bytes.Contains(b, []byte("\xEF\xBF\xBD")) {
		return nil, false
	}
	return out, true
}

// isXMLMediaType reports whether the media type is one of the XML types,
// and whether it belongs to the text/ family (whose default charset is
// US-ASCII).
func isXMLMediaType(mt string) (xml, text bool) {
	switch mt {
	case "application/xml", "application/xml-dtd", "application/xml-external-parsed-entity":
		return true, false
	case "text/xml", "text/xml-external-parsed-entity":
		return true, true
	}
	if strings.HasSuffix(mt, "+xml") {
		return true, strings.HasPrefix(mt, "text/")
	}
	return false, false
}

// decodeDocument converts a feed document to UTF-8 following the rules of
// RFC 3023: the HTTP charset wins; for application/*xml the XML declaration
// comes next; text/*xml without a charset is US-ASCII. When the chosen
// encoding does not fit the bytes, UTF-8 and then windows-1252 are tried and
// the document is marked as not well-formed.
func decodeDocument(data []byte, header http.Header) decoded {
	var d decoded
	bomEnc, skip := sniffBOM(data)
	body := data[skip:]

	// Read the XML declaration in an ASCII-compatible view of the head.
	head := body
	if len(head) > 1024 {
		head = head[:1024]
	}
	if strings.HasPrefix(bomEnc, "utf-16") || strings.HasPrefix(bomEnc, "utf-32") {
		if h, ok := decodeAs(head[:len(head)-len(head)%4], bomEnc); ok {
			head = h
		}
	}
	xmlEnc := canonicalCharset(xmlDeclEncoding(head))
	if bomEnc != "" && (xmlEnc == "utf-16" || xmlEnc == "utf-32" || xmlEnc == "") {
		xmlEnc = bomEnc
	}

	var httpCT, httpCS string
	hasCT := false
	if header != nil {
		if v := header.Get("Content-Type"); v != "" {
			hasCT = true
			httpCT, httpCS = contentType(v)
			httpCS = canonicalCharset(httpCS)
		}
	}
	isXML, isText := isXMLMediaType(httpCT)
	var proposed string
	switch {
	case !hasCT:
		proposed = first(xmlEnc, bomEnc, "utf-8")
	case isXML && !isText:
		proposed = first(httpCS, xmlEnc, bomEnc, "utf-8")
	case isXML && isText:
		proposed = first(httpCS, "us-ascii")
	case strings.HasPrefix(httpCT, "text/"):
		proposed = first(httpCS, "us-ascii")
		d.bozo = true
	default:
		proposed = first(httpCS, xmlEnc, bomEnc, "utf-8")
		if httpCT != "" && !strings.Contains(httpCT, "json") {
			d.bozo = true
		}
	}
	// A BOM is the strongest evidence about the bytes themselves.
	if bomEnc != "" && proposed != bomEnc && (httpCS == "" || strings.HasPrefix(bomEnc, "utf-16") || strings.HasPrefix(bomEnc, "utf-32")) {
		proposed = bomEnc
	}
	if proposed == "utf-16" || proposed == "utf-32" {
		if bomEnc != "" {
			proposed = bomEnc
		} else {
			proposed += "be"
		}
	}

	text, ok := decodeAs(body, proposed)
	if !ok && lookupEncoding(proposed) == nil && proposed != "utf-8" && proposed != "us-ascii" {
		// An unknown label: fall back to what the document says of itself.
		for _, alt := range []string{xmlEnc, bomEnc} {
			if alt != "" && alt != proposed {
				if t, ok2 := decodeAs(body, alt); ok2 {
					text, ok, proposed = t, true, alt
					break
				}
			}
		}
	}
	if !ok {
		d.bozo = true
		for _, alt := range []string{"utf-8", "windows-1252"} {
			if t, ok2 := decodeAs(body, alt); ok2 {
				text, proposed = t, alt
				break
			}
		}
		if text == nil {
			text = bytes.ToValidUTF8(body, []byte("\uFFFD"))
			proposed = "utf-8"
		}
	}
	d.encoding = proposed
	text = bytes.TrimPrefix(text, []byte("\uFEFF"))
	d.text, d.entities, d.misplaced = stripProlog(text)
	return d
}

// first returns the first non-empty string.
func first(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// stripProlog removes the XML declaration (the text is UTF-8 now) and any
// DOCTYPE with its internal subset, so that no entity declared there can
// ever be expanded. It reports whether the DOCTYPE declared entities and
// whether the XML declaration was out of place.
func stripProlog(b []byte) (out []byte, entities, misplaced bool) {
	out = b
	limit := firstElement(out)
	if i := bytes.Index(out[:limit], []byte("<?xml")); i >= 0 && i+5 < len(out) && (out[i+5] == ' ' || out[i+5] == '?' || out[i+5] == '\t' || out[i+5] == '\r' || out[i+5] == '\n') {
		if j := bytes.Index(out[i:], []byte("?>")); j >= 0 {
			misplaced = len(bytes.TrimSpace(out[:i])) != 0
			rest := out[i+j+2:]
			out = append(out[:i:i], rest...)
		}
	}
	// The DOCTYPE can only appear before the root element.
	limit = firstElement(out)
	i := bytes.Index(out[:limit], []byte("<!DOCTYPE"))
	if i < 0 {
		return out, false, misplaced
	}
	end, subset := doctypeEnd(out, i)
	entities = bytes.Contains(subset, []byte("<!ENTITY"))
	res := make([]byte, 0, len(out)-(end-i))
	res = append(res, out[:i]...)
	res = append(res, out[end:]...)
	return res, entities, misplaced
}

// firstElement returns the offset of the first start tag, skipping comments,
// processing instructions and declarations.
func firstElement(b []byte) int {
	i := 0
	for i < len(b) {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return len(b)
		}
		i += j
		rest := b[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			k := bytes.Index(rest, []byte("-->"))
			if k < 0 {
				return len(b)
			}
			i += k + 3
		case bytes.HasPrefix(rest, []byte("<?")):
			k := bytes.Index(rest, []byte("?>"))
			if k < 0 {
				return len(b)
			}
			i += k + 2
		case bytes.HasPrefix(rest, []byte("<!DOCTYPE")):
			end, _ := doctypeEnd(b, i)
			i = end
		default:
			return i
		}
	}
	return len(b)
}

// doctypeEnd finds the end of the DOCTYPE declaration starting at i and
// returns it with the internal subset, honouring quotes and brackets.
func doctypeEnd(b []byte, i int) (int, []byte) {
	depth := 0
	var quote byte
	subStart := -1
	for k := i + 2; k < len(b); k++ {
		c := b[k]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			if depth == 0 {
				subStart = k
			}
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			if subStart >= 0 {
				return k + 1, b[subStart:k]
			}
			return k + 1, nil
		}
	}
	if subStart >= 0 {
		return len(b), b[subStart:]
	}
	return len(b), nil
}
