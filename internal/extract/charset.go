package extract

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// toUTF8 decodes page to UTF-8. The encoding is taken, in order, from a
// byte order mark, the charset of contentType, a <meta> declaration in the
// first 1024 bytes, and else by sniffing: valid UTF-8 stays UTF-8, anything
// else is read as windows-1252 as browsers do. It returns the text and the
// name of the encoding used; a page that is UTF-8 already comes back as it
// is, not copied.
func toUTF8(page []byte, contentType string) ([]byte, string, error) {
	if bom := bomEncoding(page); bom != nil {
		return decodeWith(page, bom.enc, bom.name)
	}
	enc, name, certain := charset.DetermineEncoding(page, contentType)
	if !certain && utf8.Valid(page) {
		// DetermineEncoding falls back to windows-1252 when nothing is
		// declared; undeclared pages today are nearly always UTF-8.
		return page, "utf-8", nil
	}
	if name == "utf-8" {
		if utf8.Valid(page) {
			return page, name, nil
		}
		return bytes.ToValidUTF8(page, []byte("\uFFFD")), name, nil
	}
	return decodeWith(page, enc, name)
}

type bomInfo struct {
	enc  encoding.Encoding
	name string
}

// bomEncoding returns the encoding named by page's byte order mark, or nil.
func bomEncoding(page []byte) *bomInfo {
	switch {
	case bytes.HasPrefix(page, []byte{0xEF, 0xBB, 0xBF}):
		return &bomInfo{unicode.UTF8BOM, "utf-8"}
	case bytes.HasPrefix(page, []byte{0xFE, 0xFF}):
		return &bomInfo{unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"}
	case bytes.HasPrefix(page, []byte{0xFF, 0xFE}):
		return &bomInfo{unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"}
	}
	return nil
}

func decodeWith(page []byte, enc encoding.Encoding, name string) ([]byte, string, error) {
	out, _, err := transform.Bytes(enc.NewDecoder(), page)
	if err != nil {
		return nil, name, fmt.Errorf("decode %s: %w", name, err)
	}
	return bytes.ToValidUTF8(out, []byte("\uFFFD")), name, nil
}
