package extract

import (
	"strings"

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

// detectWall reports whether the page shows a paywall, a consent wall or a
// bot check instead of (or in front of most of) the article.
func detectWall(doc *html.Node, r *Result) bool {
	bodyWords := countFields(r.Text)
	if botCheck.MatchString(r.Title) {
		return true
	}
	if bodyWords >= 250 {
		return false // a wall leaves little of the article; skip the scans below
	}
	visible := visibleText(doc, 20000)
	p := wallRules.newProbe(visible, strings.ToLower(visible))
	if bodyWords < 150 && p.near(botCheck) {
		return true
	}
	if bodyWords < 120 && p.near(consentWall) && countFields(visible) < 600 {
		return true
	}
	paywalled := notFreeLD(doc) || p.near(paywallText) || hasPaywallBox(doc)
	return paywalled && bodyWords < 250
}

// notFreeLD reports JSON-LD isAccessibleForFree set to false.
func notFreeLD(doc *html.Node) bool {
	found := false
	walk(doc, func(n *html.Node) bool {
		if found {
			return false
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Script {
			if n.FirstChild != nil && strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
				s := strings.ToLower(strings.ReplaceAll(n.FirstChild.Data, " ", ""))
				if strings.Contains(s, `"isaccessibleforfree":false`) || strings.Contains(s, `"isaccessibleforfree":"false"`) {
					found = true
				}
			}
			return false
		}
		return true
	})
	return found
}

// hasPaywallBox reports an element whose class or id names a paywall.
func hasPaywallBox(doc *html.Node) bool {
	found := false
	walk(doc, func(n *html.Node) bool {
		if found || n.Type != html.ElementNode {
			return !found
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Head:
			return false
		}
		found = paywallName(attr(n, "class")) || paywallName(attr(n, "id"))
		return !found
	})
	return found
}

// paywallName reports a class or id that names a paywall.
func paywallName(s string) bool {
	if s == "" {
		return false
	}
	k := strings.ToLower(s)
	return strings.Contains(k, "paywall") || strings.Contains(k, "regwall") || strings.Contains(k, "piano-offer") || strings.Contains(k, "subscriber-only")
}

// visibleText returns up to max bytes of the page's text outside scripts,
// styles and templates.
func visibleText(doc *html.Node, max int) string {
	var b strings.Builder
	walk(doc, func(n *html.Node) bool {
		if b.Len() >= max {
			return false
		}
		switch n.Type {
		case html.TextNode:
			if t := strings.TrimSpace(n.Data); t != "" {
				b.WriteString(t)
				b.WriteByte(' ')
			}
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
				return false
			}
		}
		return true
	})
	return b.String()
}
