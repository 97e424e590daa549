package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// botCheck matches pages that are a bot check or an access block.
var botCheck = mustRule(`(?i)(?:just a moment\.\.\.|attention required!? \| cloudflare|checking (?:if the site connection is secure|your browser before accessing)|verify (?:that )?you are (?:a )?human|are you a robot\??|please (?:complete|solve) the (?:security check|captcha)|unusual traffic from your (?:computer|network)|access (?:to this page has been )?denied|enable javascript and cookies to continue|press (?:&|and) hold to confirm|bitte bestätigen sie, dass sie kein roboter sind|vérifiez que vous êtes (?:un )?humain|verifica que eres (?:un )?humano)`)

// consentWall matches the text of a consent wall that hides the page.
var consentWall = mustRule(`(?i)(?:before you continue(?: to)?|we value your privacy|we and our (?:\d+ )?partners (?:store|use)|consent to (?:the use of )?(?:cookies|our use)|accept (?:all|and continue)|agree and (?:continue|proceed)|zustimmen und weiter|alle akzeptieren|mit werbung (?:weiter)?lesen|accepter et continuer|tout accepter|aceptar y continuar|aceptar todas?|your privacy choices)`)

// paywallText matches a paywall's invitation to subscribe or log in.
var paywallText = mustRule(`(?i)(?:subscribe (?:now )?to (?:continue|keep) reading|(?:this|the) (?:article|story|content) is (?:only )?(?:available |reserved )?(?:for|to) (?:subscribers|members|premium)|to (?:continue reading|read the full (?:article|story)),? (?:please )?(?:subscribe|log in|sign in|register)|already a (?:subscriber|member)\?\s*(?:log|sign) in|subscribers only|for subscribers only|exklusiv für (?:abonnenten|abonnent\*innen|plus-leser)|(?:jetzt )?(?:weiterlesen|lesen sie weiter) mit (?:\w+\s*)?(?:plus|abo)|sie haben bereits ein (?:abo|abonnement)|réservé aux abonnés|(?:article|contenu) réservé aux abonnés|contenido (?:exclusivo )?para suscriptores|exclusivo para (?:suscriptores|socios)|hazte suscriptor para seguir leyendo)`)

// wallRules indexes the rules detectWall tries on a page's text.
var wallRules = newRuleIndex(botCheck, consentWall, paywallText)

// wallScan gathers in the page's walk (see walkEach) what detectWall
// looks at: the visible text in lower case, and signs of a paywall in the
// markup.
type wallScan struct {
	text    strings.Builder // visible text, lower case, up to maxWallText bytes
	notFree bool            // JSON-LD says the page is not free to read
	box     bool            // an element's class or id names a paywall
	names   *partNames      // shared with the other visitors of the page's walk
}

// maxWallText is how much of a page's visible text the wall rules read.
const maxWallText = 20000

// visit reads one node of the page.
func (w *wallScan) visit(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		if w.text.Len() < maxWallText {
			if t := strings.TrimSpace(n.Data); t != "" {
				writeLower(&w.text, t)
				w.text.WriteByte(' ')
			}
		}
		return false
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script:
			w.readLD(n)
			return false
		case atom.Style:
			return false
		case atom.Head, atom.Noscript, atom.Template:
			// No visible text, but JSON-LD and, outside the head, markup
			// that names a paywall.
			walk(n, func(c *html.Node) bool {
				if c.Type != html.ElementNode {
					return true
				}
				switch c.DataAtom {
				case atom.Script:
					w.readLD(c)
					return false
				case atom.Style:
					return false
				}
				if n.DataAtom != atom.Head && !w.box {
					w.box = partFlags(c)&partPaywall != 0
				}
				return true
			})
			return false
		}
		if !w.box {
			w.box = w.names.of(n)&partPaywall != 0
		}
	}
	return true
}

// readLD notes a JSON-LD script that says the page is not free to read.
func (w *wallScan) readLD(n *html.Node) {
	if w.notFree || n.FirstChild == nil || !strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
		return
	}
	s := strings.ToLower(strings.ReplaceAll(n.FirstChild.Data, " ", ""))
	w.notFree = strings.Contains(s, `"isaccessibleforfree":false`) || strings.Contains(s, `"isaccessibleforfree":"false"`)
}

// writeLower writes s to b in lower case.
func writeLower(b *strings.Builder, s string) {
	if b.Cap() == 0 {
		b.Grow(4096)
	}
	for s != "" {
		// The run that is lower case already goes in one piece.
		i := 0
		for i < len(s) && s[i] < utf8.RuneSelf && (s[i] < 'A' || s[i] > 'Z') {
			i++
		}
		b.WriteString(s[:i])
		s = s[i:]
		if s == "" {
			return
		}
		if c := s[0]; c < utf8.RuneSelf {
			b.WriteByte(c + 'a' - 'A')
			s = s[1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(s)
		b.WriteRune(unicode.ToLower(r))
		s = s[size:]
	}
}

// detectWall reports whether the page, as its walk found it (w), shows a
// paywall, a consent wall or a bot check instead of (or in front of most
// of) the article r.
func detectWall(w *wallScan, r *Result) bool {
	bodyWords := countFields(r.Text)
	if botCheck.MatchString(r.Title) {
		return true
	}
	if bodyWords >= 250 {
		return false // a wall leaves little of the article; skip the scans below
	}
	// The rules ignore case, so they read the lower-case text as it is.
	visible := w.text.String()
	p := wallRules.newProbe(visible, visible)
	if bodyWords < 150 && p.near(botCheck) {
		return true
	}
	if bodyWords < 120 && p.near(consentWall) && countFields(visible) < 600 {
		return true
	}
	paywalled := w.notFree || p.near(paywallText) || w.box
	return paywalled && bodyWords < 250
}
