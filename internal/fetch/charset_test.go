package fetch

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// encode writes s in enc, failing the test when it cannot.
func encode(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

func TestDecodeCharset(t *testing.T) {
	const french = "Café crème à Zürich — «prix» 5 €"
	const russian = "Новости дня: порт снова открыт"
	const japaneseText = "港が再開した。今日のニュース"
	utf16 := append([]byte{0xff, 0xfe}, encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "<p>"+french+"</p>")...)
	tests := []struct {
		name        string
		body        []byte
		contentType string
		wantName    string
		want        string // a piece the decoded text must hold
	}{
		{"content-type latin1", encode(t, charmap.Windows1252, "<p>"+french+"</p>"), "text/html; charset=ISO-8859-1", "windows-1252", french},
		{"content-type koi8-r", encode(t, charmap.KOI8R, "<p>"+russian+"</p>"), "text/html; charset=koi8-r", "koi8-r", russian},
		{"content-type shift_jis quoted", encode(t, japanese.ShiftJIS, "<p>"+japaneseText+"</p>"), `text/html; charset="Shift_JIS"`, "shift_jis", japaneseText},
		{"meta charset", encode(t, charmap.Windows1252, `<html><head><meta charset="windows-1252"><title>x</title></head><body>`+french), "text/html", "windows-1252", french},
		{"meta http-equiv", encode(t, japanese.ShiftJIS, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body>`+japaneseText), "", "shift_jis", japaneseText},
		{"xml declaration", encode(t, charmap.KOI8R, `<?xml version="1.0" encoding="KOI8-R"?><rss><title>`+russian+`</title></rss>`), "application/xml", "koi8-r", russian},
		{"xml declaration single quotes", encode(t, charmap.ISO8859_1, "\n<?xml version='1.0' encoding='iso-8859-1'?><feed>Café</feed>"), "", "windows-1252", "Café"},
		{"content-type wins over meta", encode(t, charmap.KOI8R, `<meta charset="utf-8">`+russian), "text/html; charset=KOI8-R", "koi8-r", russian},
		{"utf-8 bom wins", []byte("\xef\xbb\xbf<p>" + french), "text/html; charset=iso-8859-1", "utf-8", "<p>" + french},
		{"utf-16 bom", utf16, "", "utf-16le", french},
		{"unknown label falls through", []byte("<p>" + french), "text/html; charset=x-nonsense", "utf-8", french},
		{"sniffed utf-8", []byte("<p>" + russian), "", "utf-8", russian},
		{"sniffed windows-1252", encode(t, charmap.Windows1252, "<p>"+french), "", "windows-1252", french},
		{"plain ascii", []byte("<p>hello</p>"), "", "utf-8", "<p>hello</p>"},
		{"declared utf-8 with a bad byte", []byte("crème caf\xe9 ok"), "text/plain; charset=utf-8", "utf-8", "crème caf\uFFFD ok"},
		{"declared utf-8, bytes windows-1252", encode(t, charmap.Windows1252, "<p>"+french), "text/html; charset=utf-8", "windows-1252", french},
		{"declared utf-8, xml declaration koi8-r", encode(t, charmap.KOI8R, `<?xml version="1.0" encoding="koi8-r"?><t>`+russian+`</t>`), "application/xml; charset=UTF-8", "koi8-r", russian},
		{"empty", nil, "", "utf-8", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, name, err := DecodeCharset(tt.body, tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if name != tt.wantName {
				t.Errorf("charset %q, want %q", name, tt.wantName)
			}
			if !bytes.Contains(out, []byte(tt.want)) {
				t.Errorf("decoded %q, want it to hold %q", out, tt.want)
			}
			if bytes.HasPrefix(out, []byte("\xef\xbb\xbf")) {
				t.Errorf("byte order mark kept")
			}
		})
	}
}

func BenchmarkDecodeCharset(b *testing.B) {
	body := encode(b, charmap.Windows1252, `<html><head><meta charset="windows-1252"></head><body>`+string(bytes.Repeat([]byte("<p>Café crème à Zürich.</p>"), 2000)))
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, _, err := DecodeCharset(body, "text/html"); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzDecodeCharset checks that whatever the bytes and the header, the
// result is valid UTF-8, and that a body already in valid UTF-8 read as
// UTF-8 comes back unchanged but for its byte order mark.
func FuzzDecodeCharset(f *testing.F) {
	f.Add([]byte("<p>Café</p>"), "text/html; charset=utf-8")
	f.Add([]byte("caf\xe9 \x93ok\x94"), "text/html; charset=utf-8")
	f.Add([]byte(`<?xml version="1.0" encoding="koi8-r"?><t>\xee\xcf</t>`), "application/xml")
	f.Add([]byte(`<meta charset="shift_jis"><p>\x8d\x60</p>`), "")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "text/html; charset=iso-8859-1")
	f.Add([]byte("<\x00?\x00x\x00"), "")
	f.Add([]byte("\xef\xbb\xbf\xef\xbb\xbf"), `text/plain; charset="utf-16"`)
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		out, name, err := DecodeCharset(body, contentType)
		if err != nil {
			return
		}
		if name == "" {
			t.Fatalf("no charset named for %q (%q)", body, contentType)
		}
		if !utf8.Valid(out) {
			t.Fatalf("%q read as %s gave invalid UTF-8 %q", body, name, out)
		}
		if name == "utf-8" && utf8.Valid(body) && !bytes.Equal(out, bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))) {
			t.Fatalf("valid UTF-8 %q changed to %q", body, out)
		}
		again, name2, err := DecodeCharset(body, contentType)
		if err != nil || name2 != name || !bytes.Equal(again, out) {
			t.Fatalf("second decoding differs: %q %s %v", again, name2, err)
		}
	})
}
