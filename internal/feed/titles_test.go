package feed

import (
	"testing"
)

func TestTitleForms(t *testing.T) {
	tests := []struct {
		name      string
		doc       string
		wantHTML  string
		wantPlain string
	}{
		{"rss plain ampersand", `<rss><channel><item><title>Ferry &amp; tug</title></item></channel></rss>`,
			"Ferry &amp; tug", "Ferry & tug"},
		{"rss escaped markup", `<rss><channel><item><title>&lt;b&gt;Bold&lt;/b&gt; move</title></item></channel></rss>`,
			"<b>Bold</b> move", "Bold move"},
		{"rss script dropped", `<rss><channel><item><title><![CDATA[Hi<script>alert(1)</script>]]></title></item></channel></rss>`,
			"Hi", "Hi"},
		{"atom text keeps brackets", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="text">The &lt;blink&gt; tag</title></entry></feed>`,
			"The &lt;blink> tag", "The <blink> tag"},
		{"atom html", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">&lt;em&gt;Tide&lt;/em&gt; &amp;amp; wind</title></entry></feed>`,
			"<em>Tide</em> &amp; wind", "Tide & wind"},
		{"atom xhtml wrapper stripped", `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Gulls <i>return</i></div></title></entry></feed>`,
			"Gulls <i>return</i>", "Gulls return"},
		{"atom xml:base resolves links", `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://valley.example/news/"><entry xml:base="2025/"><title type="html">&lt;a href="mill.html"&gt;Mill&lt;/a&gt;</title></entry></feed>`,
			`<a href="https://valley.example/news/2025/mill.html">Mill</a>`, "Mill"},
		{"numeric reference kept", `<rss><channel><item><title>&lt;b&gt;&amp;#38;&lt;/b&gt;</title></item></channel></rss>`,
			"<b>&#38;</b>", "&"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.doc), "https://fallback.example/feed", nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Items) != 1 {
				t.Fatalf("items = %d, want 1", len(f.Items))
			}
			if got := f.Items[0].TitleHTML; got != tt.wantHTML {
				t.Errorf("TitleHTML = %q, want %q", got, tt.wantHTML)
			}
			if got := f.Items[0].Title; got != tt.wantPlain {
				t.Errorf("Title = %q, want %q", got, tt.wantPlain)
			}
		})
	}
}

func TestAtomIDAsWritten(t *testing.T) {
	doc := `<feed xmlns="http://www.w3.org/2005/Atom"><entry><image><id>wrong</id></image><id>HTTP://Valley.example/a</id></entry></feed>`
	f, err := Parse([]byte(doc), "https://valley.example/feed", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 1 || f.Items[0].ID != "HTTP://Valley.example/a" {
		t.Errorf("items = %+v, want one with the id as written", f.Items)
	}
}

func TestAtomBodiesFromMarkup(t *testing.T) {
	// <div><a href="/mill">Mill</a></div> in base64.
	doc := `<feed version="0.3" xmlns="http://purl.org/atom/ns#">
<tagline type="text/html" mode="base64">PGRpdj48YSBocmVmPSIvbWlsbCI+TWlsbDwvYT48L2Rpdj4=</tagline>
<entry xml:base="https://valley.example/news/"><summary type="application/xhtml+xml"><div xmlns="http://www.w3.org/1999/xhtml">See <a href="tides.html">tides</a></div></summary></entry>
</feed>`
	f, err := Parse([]byte(doc), "https://valley.example/feed", nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := `<div><a href="https://valley.example/mill">Mill</a></div>`; f.Subtitle != want {
		t.Errorf("subtitle = %q, want %q", f.Subtitle, want)
	}
	if len(f.Items) != 1 {
		t.Fatalf("items = %d, want 1", len(f.Items))
	}
	if want := `<div>See <a href="https://valley.example/news/tides.html">tides</a></div>`; f.Items[0].Summary != want {
		t.Errorf("summary = %q, want %q", f.Items[0].Summary, want)
	}
}
