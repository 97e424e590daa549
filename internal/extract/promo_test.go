package extract

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestGenericClutter checks the rules written for clutter in wordings
// they were not built from, and the news prose they must leave alone.
func TestGenericClutter(t *testing.T) {
	tests := []struct {
		line string
		drop bool
	}{
		// Ad slots, label and copy in one block.
		{"Advertisement - Story continues below Acme Bank: refinance today.", true},
		{"ADVERTISEMENT - SCROLL TO CONTINUE READING", true},
		{"AdvertisementRiverside Motors: zero down this month.", true},
		{"Anzeige - Weiterlesen nach der Werbung Autohaus Berg: Jahreswagen mit Garantie.", true},
		{"Publicité - la suite de l'article ci-dessous", true},
		{"Sponsored | Orchard Bank partners", true},
		// Calls to action for the outlet's own products.
		{"Get our free morning newsletter from The Valley Echo.", true},
		{"Join the Echo Weekender newsletter for the week's best reads.", true},
		{"Get the Valley Echo app for live traffic updates.", true},
		{"Never miss a story: get our daily briefing in your inbox.", true},
		{"Like this story? Try our weekly digest.", true},
		{"Stay informed with the Valley Echo ePaper app, free for subscribers.", true},
		{"Abonnieren Sie unseren Newsletter: jeden Morgen das Wichtigste aus der Stadt.", true},
		{"Laden Sie unsere App herunter und verpassen Sie keine Eilmeldung.", true},
		{"Bestellen Sie unseren kostenlosen Newsletter.", true},
		{"Recevez notre lettre d'information chaque matin.", true},
		{"Installez notre application pour suivre l'actualité.", true},
		{"Recibe nuestro boletín cada mañana.", true},
		// Pointers to other articles.
		{"ECHO RECOMMENDS: Flood barriers go up on Quay Street", true},
		{"ALSO ON THE VALLEY ECHO: Council approves the new bus lanes", true},
		{"MORE FROM THE ECHO: Ferry fares rise in spring", true},
		{"LESEN SIE AUCH: Neue Buslinie ab Montag", true},
		// News prose that mentions the same things stays.
		{"The council said residents can download the new flood app from Monday.", false},
		{"Our newsletter readers were surveyed last month, and most wanted more local news.", false},
		{"Join the protest, the union told its members on Friday.", false},
		{"Get the facts right first, the judge told the jury.", false},
		{"Advertising revenue fell 12% in the third quarter.", false},
		{"Ad hoc talks between the parties resumed on Monday.", false},
		{"AdBlue prices have doubled since the spring.", false},
		{"Sponsored by the city council, the festival runs until Sunday.", false},
		{"WASHINGTON: The president signed the bill on Tuesday.", false},
		{"MORE THAN 300 JOBS: The plant will open next year.", false},
		{"The paper recommends that readers check the data themselves.", false},
		{"Health officials recommend that residents download the alert app.", false},
		{"Subscribers to the agency's newsletter received the report a day early.", false},
		{"Die Zeitung hat ihre App im vergangenen Jahr neu gestaltet.", false},
		{"L'application de la ville a été téléchargée 20 000 fois.", false},
		{"„Laden Sie unsere App herunter“, warb der Bürgermeister.", false},
	}
	c := newCleaner(&Result{}, Options{})
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			b := block{text: tt.line, words: len(strings.Fields(tt.line)), n: &html.Node{Type: html.ElementNode, Data: "p"}}
			got := c.boilerplate(&b)
			if (got != "") != tt.drop {
				t.Errorf("boilerplate(%q) = %q, want drop=%v", tt.line, got, tt.drop)
			}
		})
	}
}

func TestWireCredit(t *testing.T) {
	tests := []struct{ line, agency string }{
		{"This article was supplied by Orion News Agency and has not been edited by Valley Echo staff.", "Orion News Agency"},
		{"With files from Orion News Agency. The Valley Echo subscribes to this service.", "Orion News Agency"},
		{"With reporting from the Associated Press.", "the Associated Press"},
		{"Distributed by Orion News Agency. The Echo is a subscriber to the agency's news service.", "Orion News Agency"},
		{"Copy from Orion News Agency, edited by the Echo news desk.", "Orion News Agency"},
		{"Supplied by Orion News Agency. Republished by the Valley Echo with permission.", "Orion News Agency"},
		{"This story was provided by Orion News Agency.", "Orion News Agency"},
		{"Wire copy from Orion News Agency. The Echo has not independently verified all details.", "Orion News Agency"},
		{"Copyright Orion News Agency. Republished by the Valley Echo under licence.", "Orion News Agency"},
		{"Mit Material von dpa und AFP", "dpa"},
		{"Quelle: dpa", "dpa"},
		{"Avec AFP", "AFP"},
		// Not credits.
		{"Supplied by Statistics Norway, the figures show rents rose 5% in a year.", ""},
		{"Distributed by Halden Foods and its partners, the vaccine reached 40 towns.", ""},
		{"Source: Statistics Canada", ""},
		{"Avec Airbus, le groupe a signé un contrat de dix ans.", ""},
		{"Copyright 2024 Valley Echo. All rights reserved.", ""},
		{"The agency said the report was provided by the ministry.", ""},
	}
	for _, tt := range tests {
		if got := wireCredit(tt.line, len(strings.Fields(tt.line))); got != tt.agency {
			t.Errorf("wireCredit(%q) = %q, want %q", tt.line, got, tt.agency)
		}
	}
}

func TestStripShortcodes(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<p>[related_posts limit="3" category="world" layout="grid"]</p>`, ""},
		{`<p>[newsletter_signup]</p>`, ""},
		{`<p>Text [promo_box id="7"] goes on.</p>`, "Text goes on."},
		{`<p>Before [tabs style='flat'] after [/tabs_block]</p>`, "Before after"},
		{`<p>He said [the mayor] would decide [sic], see note [1].</p>`, "He said [the mayor] would decide [sic], see note [1]."},
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

func TestGenericClutterMore(t *testing.T) {
	tests := []struct {
		line string
		drop bool
	}{
		{"Holen Sie sich die Kurier-App aufs Handy.", true},
		{"Konsultieren Sie die Webseite der Botschaft und nutzen Sie die Tracing App des Landes.", false},
	}
	c := newCleaner(&Result{}, Options{})
	for _, tt := range tests {
		b := block{text: tt.line, words: len(strings.Fields(tt.line)), n: &html.Node{Type: html.ElementNode, Data: "p"}}
		if got := c.boilerplate(&b); (got != "") != tt.drop {
			t.Errorf("boilerplate(%q) = %q, want drop=%v", tt.line, got, tt.drop)
		}
	}
}

func TestSponsoredLinks(t *testing.T) {
	page := `<html><body><article>
<p>The shop cut prices on its laptops this week, with the largest model now <a href="https://shop.example/l" rel="sponsored">priced at 1,999 euros</a> after a discount.</p>
<p><a href="https://shop.example/l" rel="sponsored">priced at 1,999 euros</a></p>
<p>` + strings.Repeat("Analysts said the cuts were a sign that demand for new computers had slowed after two strong years. ", 3) + `</p>
<div class="ad-slot"><p><a href="https://bank.example/" rel="sponsored nofollow">Fixed rates for two years</a></p></div>
<p><a href="https://bank.example/" rel="sponsored">Orchard Bank: open an account in minutes.</a></p>
<p>` + strings.Repeat("Retailers expect the discounts to last until the end of the school holidays in September. ", 3) + `</p>
</article></body></html>`
	r, err := Extract([]byte(page), "", "https://shop-news.example/a", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.Text, "Orchard Bank") {
		t.Errorf("a sponsor's line stays:\n%s", r.Text)
	}
	if !strings.Contains(r.Text, "priced at 1,999 euros after a discount") {
		t.Errorf("prose with an affiliate link lost:\n%s", r.Text)
	}
	c := newCleaner(&Result{}, Options{})
	doc := parseBody(t, page)
	walk(doc, c.visitSponsored)
	if c.sponsored[normKey("priced at 1,999 euros").hash] {
		t.Error("an affiliate link in prose counts as ad copy")
	}
	if !c.sponsored[normKey("Fixed rates for two years").hash] {
		t.Error("a sponsored link in an ad slot does not count as ad copy")
	}
}

// TestStripCMSLeftoversLimits checks stripCMSLeftovers against the
// pattern with its length limits written as counted repetitions, on
// random texts of brackets, braces, shortcode names and runs of letters
// around the limits.
func TestStripCMSLeftoversLimits(t *testing.T) {
	bounded := regexp.MustCompile(`(?i)\[\[[^\[\]]{0,200}\]\]` +
		`|\{\{[^{}]{0,300}\}\}` +
		`|\{%[^{}]{0,300}%\}` +
		`|\[/?(?:caption|embed|related|gallery|video|audio|tweet|youtube|instagram|pullquote|ad|ads|advert|sc|shortcode|contact-form[-\w]*|vc_[\w]+|et_pb_[\w]+|img|image|iframe|playlist|facebook|twitter|soundcloud|wpvideo|readmore|read_more|box|button|quote|newsletter|poll|slideshow)(?:\s[^\[\]]{0,300})?\]`)
	r := rand.New(rand.NewPCG(11, 12))
	pieces := []string{"[[", "]]", "[", "]", "{{", "}}", "{%", "%}", "{", "}", "[caption", "[/caption]", "[vc_row", " ", "x", "é",
		strings.Repeat("a", 150), strings.Repeat("b", 199), strings.Repeat("c", 299), strings.Repeat("ü", 100), " id=\"1\""}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(9) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := stripCMSLeftovers(s), bounded.ReplaceAllString(s, " "); got != want {
			t.Fatalf("stripCMSLeftovers(%q)\n = %q\nwant %q", s, got, want)
		}
	}
}

// TestSponsorLine holds the written-out sponsorLine to the pattern it
// stands for, on ad copy, on other lines and on random lines built around
// its limits (40 characters of name, 120 of pitch).
func TestSponsorLine(t *testing.T) {
	re := regexp.MustCompile(`^\p{Lu}[\p{L}\p{M}&'’.\- ]{1,40}\s?:\s+\p{Ll}[^"“”«»„]{0,120}$`)
	texts := []string{
		"Harbour Bank: refinance today.", "Acme & Sons : the best deals in town", "Bank:refinance", "bank: refinance",
		"Bank: Refinance", `Bank: a "great" deal`, "B: x", "Ö: ä", "A\t: b", "Café Crème: ouvert", "Section 3: the plan",
		"", ":", "A", "A:", "A: ", "A :  b",
	}
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"A", "b", "É", "ß", " ", ":", "\t", "\n", "&", "'", "’", ".", "-", `"`, "“", "«", "x", "1", "\u0301", "\xff", "z"}
	pick := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	letters := func(n int) string { return strings.Repeat("a", n) }
	for range 30000 {
		name := []string{"A", "Ö", "b", ""}[rng.IntN(4)] + letters(rng.IntN(3)*19+rng.IntN(3)) + pick(rng.IntN(3))
		sep := []string{":", " :", ": ", ":  ", "\t: ", ":\t", ""}[rng.IntN(7)]
		pitch := []string{"a", "é", "A", " ", ""}[rng.IntN(5)] + letters(rng.IntN(3)*59+rng.IntN(3)) + pick(rng.IntN(4))
		texts = append(texts, name+sep+pitch, pick(rng.IntN(12)))
	}
	matched := 0
	for _, s := range texts {
		want := re.MatchString(s)
		if got := sponsorLine(s); got != want {
			t.Errorf("sponsorLine(%q) = %v, pattern says %v", s, got, want)
		}
		if want {
			matched++
		}
	}
	if matched < 1000 {
		t.Errorf("only %d of %d lines match; the test exercises too little", matched, len(texts))
	}
}
