package extract

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func TestBoilerplateLines(t *testing.T) {
	tests := []struct {
		line string
		drop bool
	}{
		{"Join our Telegram channel for the latest updates", true},
		{"Download the app to read offline.", true},
		{"Sign up for our newsletter", true},
		{"Follow us on Instagram", true},
		{"Read more: Storm closes mountain pass", true},
		{"Subscribe to our daily briefing", true},
		{"Click here to see the full gallery", true},
		{"Lesen Sie auch: Neue Buslinie", true},
		{"Jetzt den Newsletter abonnieren!", true},
		{"Abonnez-vous à notre newsletter", true},
		{"À lire aussi : la ville rénove le port", true},
		{"Suscríbete a nuestro boletín", true},
		{"Síguenos en Twitter", true},
		{"¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular.", true},
		{"Advertisement", true},
		{"Anzeige", true},
		{"Facebook Twitter WhatsApp Email", true},
		{"We use cookies to give you the best experience on our website.", true},
		{"Your email address will not be published. Required fields are marked *", true},
		{"Photo: Jane Doe/Reuters", true},
		{"Tags: harbour, bridge, transport", true},
		// Normal sentences that merely contain such words stay.
		{"Investors will follow the central bank's decision closely this week.", false},
		{"Officials said they would subscribe to the new European framework once it is final.", false},
		{"The app was downloaded two million times in its first week, the company said.", false},
		{"Readers who click through to the report will find the full data set.", false},
	}
	c := newCleaner(&Result{}, Options{})
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			b := block{text: tt.line, words: len(strings.Fields(tt.line)), n: &html.Node{Type: html.ElementNode, Data: "p"}}
			got := c.boilerplate(&b) != ""
			if got != tt.drop {
				t.Errorf("boilerplate(%q) = %v, want %v", tt.line, got, tt.drop)
			}
		})
	}
}

func TestStripLeftovers(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<p>Text [[nid:719444]] goes on.</p>`, "Text goes on."},
		{`<p>[caption id="a1" width="300"]<img src="x.jpg"> A caption[/caption]Body text.</p>`, "Body text."},
		{`<p>Before {{embed type="video" id="1"}} after</p>`, "Before after"},
		{`<p>[embed]https://video.example/1[/embed]Next.</p>`, "Next."},
		{`<p>[related ids="1,2"]</p>`, ""},
		{`<p>Photo: Jane Doe/Agency The minister spoke.</p>`, "The minister spoke."},
		{`<p>Keep [1] and [sic] as they are.</p>`, "Keep [1] and [sic] as they are."},
	}
	for _, tt := range tests {
		body := parseBody(t, tt.in)
		c := newCleaner(&Result{}, Options{})
		c.stripLeftovers(body)
		if got := collapse(textOf(body)); got != tt.want {
			t.Errorf("stripLeftovers(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func parseBody(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<html><body>" + s + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	var body *html.Node
	walk(doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.Data == "body" {
			body = n
		}
		return body == nil
	})
	return body
}

func TestToUTF8(t *testing.T) {
	tests := []struct {
		name        string
		page        []byte
		contentType string
		want        string
	}{
		{"utf8 undeclared", []byte("<p>Café</p>"), "", "<p>Café</p>"},
		{"latin1 by header", []byte("<p>Caf\xe9</p>"), "text/html; charset=iso-8859-1", "<p>Café</p>"},
		{"cp1252 by meta", []byte("<meta charset=\"windows-1252\"><p>\x93Caf\xe9\x94</p>"), "", `<meta charset="windows-1252"><p>` + "\u201cCafé\u201d</p>"},
		{"cp1252 sniffed", []byte("<p>Caf\xe9 \x93x\x94</p>"), "", "<p>Café \u201cx\u201d</p>"},
		{"utf8 bom wins over header", []byte("\xef\xbb\xbf<p>Café</p>"), "text/html; charset=iso-8859-1", "<p>Café</p>"},
		{"utf16le bom", []byte{0xff, 0xfe, '<', 0, 'p', 0, '>', 0, 0xe9, 0}, "", "<p>é"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := toUTF8(tt.page, tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("toUTF8 = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-03-14T08:30:00+01:00", "2024-03-14T08:30:00+01:00"},
		{"2024-03-14T08:30:00.000Z", "2024-03-14T08:30:00Z"},
		{"2024-03-14T08:30:00+0100", "2024-03-14T08:30:00+01:00"},
		{"2024-03-14 08:30:00", "2024-03-14T08:30:00Z"},
		{"2024-03-14", "2024-03-14T00:00:00Z"},
		{"Thu, 14 Mar 2024 08:30:00 +0100", "2024-03-14T08:30:00+01:00"},
		{"1710401400", "2024-03-14T07:30:00Z"},
		{"yesterday", ""},
		{"1066-10-14", ""},
	}
	for _, tt := range tests {
		got, ok := parseTime(tt.in)
		s := ""
		if ok {
			s = got.Format(time.RFC3339)
		}
		if s != tt.want {
			t.Errorf("parseTime(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
	if d := dateFromURL("https://x.example/news/2023/06/12/story"); d.Format("2006-01-02") != "2023-06-12" {
		t.Errorf("dateFromURL = %v", d)
	}
}

func TestStripSiteName(t *testing.T) {
	tests := []struct {
		title, site, page, want string
	}{
		{"Bridge reopens | The Harbour Times", "The Harbour Times", "https://harbourtimes.example/a", "Bridge reopens"},
		{"Bridge reopens - Harbour Times", "", "https://www.harbourtimes.example/a", "Bridge reopens"},
		{"Rheinboten: Radweg beschlossen", "Rheinboten", "https://rheinboten.example/a", "Rheinboten: Radweg beschlossen"},
		{"Harbour Times | Bridge reopens", "Harbour Times", "https://x.example/a", "Bridge reopens"},
		{"Ukraine - Russia talks resume in Geneva", "The Ledger", "https://ledger.example/a", "Ukraine - Russia talks resume in Geneva"},
	}
	for _, tt := range tests {
		m := &pageMeta{}
		m.base, _ = parseURL(tt.page)
		got := stripSiteName(tt.title, []string{tt.site}, m.base, nil)
		if got != tt.want {
			t.Errorf("stripSiteName(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

// TestLDImageReference checks that a JSON-LD image given only as a node
// reference is not taken for the lead image's address.
func TestLDImageReference(t *testing.T) {
	page := `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[` +
		`{"@type":"NewsArticle","headline":"Bridge opens","image":{"@id":"https://x.example/a#primaryimage"}}]}</script>` +
		`<meta property="og:image" content="https://x.example/img/bridge.jpg"></head>` +
		`<body><article><h1>Bridge opens</h1><p>The new bridge opened on Monday after three years of work on the river crossing.</p></article></body></html>`
	r, err := Extract([]byte(page), "", "https://x.example/a", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Image != "https://x.example/img/bridge.jpg" {
		t.Errorf("Image = %q, want the og:image", r.Image)
	}
}
