package extract

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
)

// allRules lists the package's prefiltered rules for the equivalence test.
func allRules() map[string]*rule {
	return map[string]*rule{
		"promoLine": promoLine, "labelLine": labelLine, "cookieText": cookieText,
		"commentWidget": commentWidget, "paywallText": paywallText, "disclosure": disclosure,
		"creditLine": creditLine, "creditInline": creditInline, "tagsLine": tagsLine,
		"promoAnywhere": promoAnywhere, "botCheck": botCheck, "consentWall": consentWall,
		"dateLine": dateLine, "ctaLead": ctaLead, "ownProduct": ownProduct, "reported": reported,
		"adKeyword": adKeyword, "relatedPrefix": relatedPrefix, "relatedCue": relatedCue,
		"cmsLeftover": cmsLeftover, "pairedShortcode": pairedShortcode, "anySnakeShortcode": anySnakeShortcode,
		"authorBio": authorBio, "signoffLine": signoffLine, "contactLine": contactLine,
		"bylinePrefix": bylinePrefix, "wireStrong": wireStrong, "wireLead": wireLead, "wireWeak": wireWeak,
		"agencyWord": agencyWord, "republished": republished, "disclaimerWords": disclaimerWords,
		"relatedHeading": relatedHeading, "adClass": adClass,
		"urlDate": urlDate, "openPaired": openPaired, "multiSpace": multiSpace,
		"captionClassRe": captionClassRe, "labelPrefix": labelPrefix, "metaField": metaField,
		"loginToComment": loginToComment, "emailContact": emailContact, "signUpSentence": signUpSentence,
		"selfDescription": selfDescription,
	}
}

// TestRulePrefilter checks that the literal prefilter never hides a match:
// every rule answers exactly as its bare regular expression on the texts
// of the fixtures and on lines written to trigger the rules.
func TestRulePrefilter(t *testing.T) {
	texts := []string{
		"Sign up for our newsletter", "FOLLOW US ON TELEGRAM", "Advertisement", "ADVERTISEMENT - story continues below",
		"We use cookies to improve your experience", "Subscribe to continue reading", "Just a moment...",
		"Published 12 March 2025, 10:42", "Photo: Jane Doe/Reuters", "[caption id=\"a\"]A dog[/caption]",
		"{{ article.body }}", "[related_posts limit=\"3\"]", "ALSO ON THE LEDGER: Council votes", "Tags: politics, city",
		"Lesen Sie auch: Der Rat", "À LIRE AUSSI : le conseil", "Suscríbete a nuestro boletín", "© 2025 Harbour Times",
		"Bitte bestätigen Sie, dass Sie kein Roboter sind", "WIR VERWENDEN COOKIES", "Von Anna Schmidt",
		"With files from The Canadian Press", "is a reporter covering the city", "Jane Roe contributed reporting.",
		"She can be reached at jane@example.com", "two  spaces", "Contact the author: jane@example.com",
		"Log in to post a comment", "Sign up for our daily briefing. Subscribe now to get it.", "Lea: Council votes on the bridge",
		"Harbour Times is a weekly newspaper published in Port Ellis.",
		"5 Comments", "Publicité", "Print", "Photo", "Getty Images", "Ver más", "Advert", "AP", "Share:", "Leave a Reply", "wp-caption-text", "Datum: 3. Mai | Ort: Bern: ", "This article contains affiliate links", "comments are closed.",
	}
	for _, doc := range testPages(t) {
		walk(doc, func(n *html.Node) bool {
			switch n.Type {
			case html.TextNode:
				texts = append(texts, n.Data, collapse(n.Data))
			case html.ElementNode:
				texts = append(texts, collapse(textOf(n)))
				for _, a := range n.Attr {
					texts = append(texts, a.Val)
				}
			}
			return true
		})
	}
	for _, s := range slices.Clone(texts) {
		texts = append(texts, strings.ToUpper(s), strings.ToTitle(s))
	}
	for name, r := range allRules() {
		bare := regexp.MustCompile(r.re.String())
		hits := 0
		for _, s := range texts {
			want := bare.MatchString(s)
			if want {
				hits++
			}
			if got := r.MatchString(s); got != want {
				t.Errorf("%s on %q: prefiltered %v, bare %v (needles %q)", name, s, got, want, r.groups)
			}
			if got, want := len(r.FindAllStringIndex(s, -1)), len(bare.FindAllStringIndex(s, -1)); got != want {
				t.Errorf("%s find all on %q: %d matches, want %d", name, s, got, want)
			}
			if got, want := r.ReplaceAllString(s, "#"), bare.ReplaceAllString(s, "#"); got != want {
				t.Errorf("%s replace on %q: %q, want %q", name, s, got, want)
			}
		}
		if hits == 0 && !strings.Contains("urlDate wireWeak disclaimerWords republished", name) {
			t.Errorf("%s matched none of the texts; the test does not exercise it", name)
		}
	}
}

func TestRequiredNeedles(t *testing.T) {
	for _, c := range []struct {
		pattern string
		want    [][]string
	}{
		{`(?i)cookies?`, [][]string{{"cookie"}}},
		{`(?i)^(?:foo|bar)baz`, [][]string{{"baz"}}},
		{`(?i)^(?:food|bark)bazaar`, [][]string{{"bazaar"}, {"food", "bark"}}},
		{`(?i)(?:join|follow) us`, [][]string{{"join", "follow"}}},
		{`(?i)(?:join|follow) us on`, [][]string{{" us on"}, {"join", "follow"}}},
		{`a*b?`, nil},
		{`(?:x|y*)`, nil},
		{`(?i)[:|]\s+(?:we|they)`, [][]string{{"we", "they"}}},
		{`[:|]\s+\d`, [][]string{{":", "|"}}},
		{`(?i)subscribe (?:now )?to (?:continue|keep) reading`, [][]string{{"subscribe "}, {" reading"}, {"keep", "continue"}}},
		{`(?i)\p{L}+`, nil},
	} {
		got := mustRule(c.pattern).groups
		if !slices.EqualFunc(got, c.want, slices.Equal) {
			t.Errorf("%s: groups %q, want %q", c.pattern, got, c.want)
		}
	}
}

// TestMatchNear checks the windowed scan of long texts against the bare
// expression, with the phrase at the start, middle and end of a page, and
// with needles that occur without a match.
func TestMatchNear(t *testing.T) {
	filler := strings.Repeat("Members of the council said the premium would subscribe nothing. ", 60)
	phrases := []string{"Subscribe now to continue reading", "To continue reading, please subscribe", "To continue reading", "Already a subscriber? Log in", "Just a moment...", "We and our partners store cookies", "ordinary words only"}
	for name, r := range map[string]*rule{"paywallText": paywallText, "botCheck": botCheck, "consentWall": consentWall} {
		for _, p := range phrases {
			for _, s := range []string{p + " " + filler, filler + p + " " + filler, filler + p, filler, strings.ToUpper(filler + p)} {
				if got, want := r.matchNear(s, strings.ToLower(s)), r.re.MatchString(s); got != want {
					t.Errorf("%s on %q at len %d: near %v, bare %v", name, p, len(s), got, want)
				}
				if got, want := wallRules.newProbe(s, strings.ToLower(s)).near(r), r.re.MatchString(s); got != want {
					t.Errorf("%s on %q at len %d: probe near %v, bare %v", name, p, len(s), got, want)
				}
			}
		}
	}
}

// TestNorm checks the folding against its plain definition: lower case,
// runs of anything but letters and digits made one space, trimmed.
func TestNorm(t *testing.T) {
	plain := func(s string) string {
		f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		return strings.Join(f, " ")
	}
	for _, s := range []string{"", "  Hello, World! ", "Straße über ÉTÉ 2025", "İstanbul", "a\u00adb", "—«Quote»—", "x\xffy", "ΣΊΣΥΦΟΣ", "Ａｂｃ１２"} {
		if got, want := norm(s), plain(s); got != want {
			t.Errorf("norm(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestMatchNearAnchored checks that an anchored rule is never matched in
// the middle of a long text through a window.
func TestMatchNearAnchored(t *testing.T) {
	r := mustRule(`(?i)^subscribe now`)
	s := strings.Repeat("Plain words of a long page. ", 200) + "Subscribe now"
	if r.matchNear(s, strings.ToLower(s)) {
		t.Error("anchored rule matched mid-text")
	}
	if !r.matchNear("Subscribe now "+s, strings.ToLower("Subscribe now "+s)) {
		t.Error("anchored rule missed the start")
	}
}

// TestCollapse checks collapse against its plain definition.
func TestCollapse(t *testing.T) {
	plain := func(s string) string {
		return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00ad", "")), " ")
	}
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\u00a0b", "a\u0085b", "Å b", "so\u00adft", "a \u00ad b", "\u00ad", "x\u2003y", "\xffa b", "ÅÅ ÅÅ"} {
		if got, want := collapse(s), plain(s); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestAnchoredStarts checks the beginnings found for anchored patterns:
// literal parts joined with what follows them, small classes listed, and
// nothing claimed where a match may begin otherwise.
func TestAnchoredStarts(t *testing.T) {
	for _, c := range []struct {
		pattern string
		want    []string
	}{
		{`(?i)^(?:print|photo|publicité)\b`, []string{"print", "photo", "publicité"}},
		{`(?i)^(?:ad|ads|advert)s?$`, []string{"ad"}},
		{`^\d+\s+comments?`, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}},
		{`(?i)^(?:share|close)+[\s:]*$`, []string{"share", "close"}},
		{`(?i)^(?:a|b)?c`, []string{"a", "b", "c"}},
		{`(?i)^x?y*\w`, nil},
		{`(?i)^(?:view (?:image|gallery)|open gallery)`, []string{"view image", "view gallery", "open gallery"}},
		{`(?i)^(?:foo(?:bar)?)`, []string{"foo"}},
		{`(?i)^(?:x|y)\w+`, []string{"x", "y"}},
		{`(?i)foo`, nil},
	} {
		got := mustRule(c.pattern).starts
		slices.Sort(got)
		slices.Sort(c.want)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: starts %q, want %q", c.pattern, got, c.want)
		}
	}
}

// TestRuleStartsRandom holds every rule with anchored alternatives to its
// bare expression on random texts that begin with their listed beginnings,
// cut short, in mixed case, followed by the rule's needles and other
// words, so that the beginnings turn away no text that matches.
func TestRuleStartsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	filler := []string{" ", "  ", ": ", " the ", " news", " 2024", ".", "!", " über", " é", "-", " x", "\t"}
	mixCase := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if rng.IntN(3) == 0 {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
		}
		return b.String()
	}
	checked, matched := 0, 0
	for name, r := range allRules() {
		// The texts begin as the rule or one of its alternatives must.
		var starts []string
		for _, x := range append([]*rule{r}, r.branches...) {
			starts = append(starts, x.starts...)
		}
		if len(starts) == 0 {
			continue
		}
		bare := regexp.MustCompile(r.re.String())
		pieces := append(append([]string{}, filler...), r.needles...)
		for range 1000 {
			s := starts[rng.IntN(len(starts))]
			if rng.IntN(4) == 0 {
				s = s[:rng.IntN(len(s)+1)]
			}
			var b strings.Builder
			b.WriteString(s)
			for range rng.IntN(6) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			text := mixCase(b.String())
			want := bare.MatchString(text)
			if got := r.MatchString(text); got != want {
				t.Errorf("%s on %q: prefiltered %v, bare %v", name, text, got, want)
			}
			checked++
			if want {
				matched++
			}
		}
	}
	t.Logf("%d of %d texts match", matched, checked)
	if matched < 200 {
		t.Errorf("only %d of %d texts match; the test exercises too little", matched, checked)
	}
}
