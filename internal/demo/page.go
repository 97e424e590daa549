package demo

import (
	"encoding/json"
	"fmt"
	"html"
	"strings"
	"time"
)

// esc escapes text for HTML and XML alike.
func esc(s string) string { return html.EscapeString(s) }

// htmlLang is the lang attribute of an outlet's pages.
func (o *outlet) htmlLang() string { return o.Lang + "-" + o.Region }

// displayTime writes t the way the outlet prints dates.
func (o *outlet) displayTime(t time.Time) string {
	t = t.In(o.tz)
	switch o.Lang {
	case "de":
		return t.Format("02.01.2006, 15:04") + " Uhr"
	case "fr":
		months := []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
		return fmt.Sprintf("%d %s %d à %02dh%02d", t.Day(), months[t.Month()-1], t.Year(), t.Hour(), t.Minute())
	}
	return t.Format("2 January 2006, 15:04 MST")
}

// labels are the generic words of an outlet's page chrome.
type labels struct {
	home, by, share, post, email, published, latest, about string
}

func labelsFor(l string) labels {
	switch l {
	case "de":
		return labels{"Startseite", "Von", "Artikel teilen", "Kommentar abschicken", "Ihre E-Mail-Adresse", "Veröffentlicht", "Neueste Nachrichten", "Impressum · Kontakt · Datenschutz · Mediadaten"}
	case "fr":
		return labels{"Accueil", "Par", "Partager cet article", "Publier le commentaire", "Votre adresse e-mail", "Publié le", "Dernières actualités", "Mentions légales · Contact · Confidentialité · Publicité"}
	}
	return labels{"Home", "By", "Share this article", "Post comment", "Your email address", "Published", "Latest news", "About us · Contact · Advertise · Privacy policy · Terms"}
}

// pageCtx is what rendering one page needs.
type pageCtx struct {
	d    *Demo
	o    *outlet
	base string
	b    *strings.Builder
	lb   labels
}

func (c *pageCtx) w(parts ...string) {
	for _, p := range parts {
		c.b.WriteString(p)
	}
}

// head writes the document start and the <head> element; extra is written
// inside <head>.
func (c *pageCtx) head(title string, extra func()) {
	o := c.o
	c.w("<!DOCTYPE html>\n<html lang=\"", o.htmlLang(), "\">\n<head>\n")
	if o.Charset == "utf-8" {
		c.w("<meta charset=\"utf-8\">\n")
	} else {
		c.w("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=", o.Charset, "\">\n")
	}
	c.w("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	c.w("<title>", esc(title), "</title>\n")
	c.w("<link rel=\"alternate\" type=\"", feedMediaType(o.Format), "\" title=\"", esc(o.Name), "\" href=\"", esc(c.base+o.FeedURL), "\">\n")
	if extra != nil {
		extra()
	}
	c.w("<script>window.dataLayer=window.dataLayer||[];dataLayer.push({'site':'", o.Slug, "','consent':'pending'});</script>\n")
	c.w("</head>\n")
}

// header writes the cookie banner, masthead, navigation and top ad.
func (c *pageCtx) header(bodyClass string, p *post) {
	o, lb := c.o, c.lb
	c.w("<body class=\"", bodyClass, "\">\n")
	cookie := func() {
		c.w("<div id=\"cookie-consent\" class=\"cmp-banner\" role=\"dialog\"><p>", esc(o.c.cookie), "</p><button type=\"button\">", esc(o.c.cookieButton), "</button></div>\n")
	}
	if o.layout != 1 {
		cookie()
	}
	switch o.layout {
	case 0:
		c.w("<header class=\"site-header\">\n<a class=\"logo\" href=\"", o.HomeURL, "\">", esc(o.Name), "</a>\n<p class=\"tagline\">", esc(o.c.tagline), "</p>\n<nav class=\"main-nav\"><ul>")
	case 1:
		c.w("<div id=\"page\" class=\"site\">\n<div id=\"masthead\" class=\"site-header\"><div class=\"site-branding\"><p class=\"site-title\"><a href=\"", o.HomeURL, "\" rel=\"home\">", esc(o.Name), "</a></p><p class=\"site-description\">", esc(o.c.tagline), "</p></div>\n<div id=\"site-navigation\" class=\"main-navigation\"><ul id=\"primary-menu\" class=\"menu\">")
	default:
		c.w("<div id=\"root\"><div class=\"Header__wrap\">\n<div class=\"Header__logo\"><a href=\"", o.HomeURL, "\"><span class=\"visually-hidden\">", esc(o.Name), "</span></a></div>\n<div class=\"Header__tagline\">", esc(o.c.tagline), "</div>\n<nav aria-label=\"Sections\"><ul class=\"Nav__list\">")
	}
	c.w("<li><a href=\"", o.HomeURL, "\">", lb.home, "</a></li>")
	for _, s := range sectionOrder {
		cls := ""
		if p != nil && p.Section == s {
			cls = " class=\"active\""
		}
		c.w("<li", cls, "><a href=\"", o.HomeURL, "#", s, "\">", esc(sectionNames[o.Lang][s]), "</a></li>")
	}
	for _, n := range o.c.nav {
		c.w("<li><a href=\"", o.HomeURL, "#more\">", esc(n), "</a></li>")
	}
	switch o.layout {
	case 0:
		c.w("</ul></nav>\n</header>\n")
	case 1:
		c.w("</ul></div>\n</div>\n")
	default:
		c.w("</ul></nav>\n</div>\n")
	}
	c.ad("ad-leaderboard", 0, p)
}

// ad writes an ad slot.
func (c *pageCtx) ad(class string, n int, p *post) {
	copyIdx := n
	if p != nil {
		copyIdx += p.num
	}
	ad := c.o.c.adCopy[copyIdx%len(c.o.c.adCopy)]
	c.w("<div class=\"", class, " ad-slot\" data-ad-unit=\"/", c.o.Slug, "/", class, "\"><span class=\"ad-label\">", esc(c.o.c.adLabel), "</span><a href=\"", c.o.HomeURL, "#sponsor\" rel=\"sponsored nofollow\">", esc(ad), "</a></div>\n")
}

// boxes writes the newsletter, app and Telegram boxes.
func (c *pageCtx) boxes() {
	o := c.o
	c.w("<aside class=\"newsletter-signup\"><form action=\"", o.HomeURL, "newsletter\" method=\"post\"><p>", esc(o.c.newsletter), "</p><input type=\"email\" name=\"email\" placeholder=\"", esc(c.lb.email), "\"><button type=\"submit\">", esc(o.c.newsletterBtn), "</button></form></aside>\n")
	c.w("<aside class=\"app-download\"><p>", esc(o.c.app), "</p><a class=\"store-badge\" href=\"", o.HomeURL, "#ios\">App Store</a> <a class=\"store-badge\" href=\"", o.HomeURL, "#android\">Google Play</a></aside>\n")
	c.w("<p class=\"social-telegram\"><a href=\"", o.HomeURL, "#telegram\">", esc(o.c.telegram), "</a></p>\n")
}

// teasers writes links to other recent articles of the outlet.
func (c *pageCtx) teasers(p *post, n int) {
	o := c.o
	c.w("<section class=\"related-articles\"><h2>", esc(o.c.related), "</h2>\n<ul>\n")
	list := c.d.perOutlet[o.idx]
	shown := 0
	for i := len(list) - 1; i >= 0 && shown < n; i-- {
		q := list[i]
		if q == p {
			continue
		}
		c.w("<li><a href=\"", esc(q.path), "\">", esc(q.Title), "</a> <span class=\"teaser-time\">", esc(o.displayTime(q.Published)), "</span></li>\n")
		shown++
	}
	c.w("</ul></section>\n")
}

// comments writes the comment widget.
func (c *pageCtx) comments() {
	o := c.o
	c.w("<section id=\"comments\" class=\"comment-widget\"><h2>", esc(o.c.comments), "</h2>\n<ol class=\"comment-list\">\n")
	for _, s := range o.c.sampleComments {
		c.w("<li class=\"comment\"><p>", esc(s), "</p></li>\n")
	}
	c.w("</ol>\n<form class=\"comment-form\" method=\"post\"><textarea name=\"comment\"></textarea><button type=\"submit\">", esc(c.lb.post), "</button></form></section>\n")
}

// footer writes the footer and closes the document.
func (c *pageCtx) footer() {
	o := c.o
	if o.layout == 1 {
		c.w("<div id=\"cookie-notice\" class=\"cmp-banner\" role=\"dialog\"><p>", esc(o.c.cookie), "</p><button type=\"button\">", esc(o.c.cookieButton), "</button></div>\n")
	}
	c.w("<footer class=\"site-footer\"><nav class=\"footer-links\">", esc(c.lb.about), "</nav>\n<p class=\"copyright\">", esc(o.c.footer), "</p></footer>\n")
	if o.layout != 0 {
		c.w("</div>\n")
	}
	c.w("</body>\n</html>\n")
}

// articlePage renders the page of p.
func (d *Demo) articlePage(o *outlet, p *post, base string) string {
	var b strings.Builder
	c := &pageCtx{d: d, o: o, base: base, b: &b, lb: labelsFor(o.Lang)}
	abs := base + p.path
	img := base + p.imagePath
	excerpt := p.Paragraphs[0]
	if r := []rune(excerpt); len(r) > 155 {
		excerpt = string(r[:150]) + "…"
	}
	author := p.Byline
	if p.Wire != "" {
		author = p.Byline + ", " + p.Wire
	}
	published := p.Published.Format(time.RFC3339)
	c.head(p.Title+o.titleSep+o.Name, func() {
		c.w("<meta name=\"description\" content=\"", esc(excerpt), "\">\n")
		if o.canonical {
			c.w("<link rel=\"canonical\" href=\"", esc(abs), "\">\n")
		}
		if o.og {
			c.w("<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:site_name\" content=\"", esc(o.Name), "\">\n")
			c.w("<meta property=\"og:title\" content=\"", esc(p.Title), "\">\n<meta property=\"og:description\" content=\"", esc(excerpt), "\">\n")
			c.w("<meta property=\"og:url\" content=\"", esc(abs), "\">\n<meta property=\"og:image\" content=\"", esc(img), "\">\n")
			c.w("<meta property=\"og:locale\" content=\"", o.Lang, "_", o.Region, "\">\n")
		}
		if o.articleTime {
			c.w("<meta property=\"article:published_time\" content=\"", published, "\">\n")
			c.w("<meta property=\"article:section\" content=\"", esc(sectionNames[o.Lang][p.Section]), "\">\n")
			c.w("<meta property=\"article:author\" content=\"", esc(p.Byline), "\">\n")
		}
		if !o.jsonLD {
			c.w("<meta name=\"author\" content=\"", esc(author), "\">\n")
		}
		if o.jsonLD {
			ld := map[string]any{
				"@context":         "https://schema.org",
				"@type":            "NewsArticle",
				"headline":         p.Title,
				"datePublished":    published,
				"dateModified":     published,
				"image":            []string{img},
				"articleSection":   sectionNames[o.Lang][p.Section],
				"inLanguage":       o.htmlLang(),
				"mainEntityOfPage": abs,
				"author":           []map[string]string{{"@type": "Person", "name": p.Byline}},
				"publisher":        map[string]any{"@type": "Organization", "name": o.Name, "logo": map[string]string{"@type": "ImageObject", "url": base + o.HomeURL + "logo.png"}},
			}
			if p.Wire != "" {
				ld["sourceOrganization"] = map[string]string{"@type": "Organization", "name": p.Wire}
			}
			j, err := json.Marshal(ld)
			if err == nil { // a map of strings always marshals
				c.w("<script type=\"application/ld+json\">", string(j), "</script>\n")
			}
		}
	})
	c.header("article-page section-"+p.Section, p)
	sec := esc(sectionNames[o.Lang][p.Section])
	when := esc(o.displayTime(p.Published))
	if o.timeElement {
		when = "<time datetime=\"" + published + "\">" + when + "</time>"
	}
	by := c.lb.by + " <a rel=\"author\" href=\"" + o.HomeURL + "#staff\">" + esc(p.Byline) + "</a>"
	if p.Wire != "" {
		by += ", " + esc(p.Wire)
	}
	fig := "<figure class=\"lead-image\"><img src=\"" + esc(img) + "\" alt=\"" + esc(p.ImageCaption) + "\" width=\"320\" height=\"180\"><figcaption>" + esc(p.ImageCaption) + "</figcaption></figure>\n"
	switch o.layout {
	case 0:
		c.w("<main id=\"main\">\n<article class=\"story\">\n<header class=\"story-header\"><p class=\"kicker\">", sec, "</p>\n<h1 class=\"headline\">", esc(p.Title), "</h1>\n<p class=\"byline\">", by, " · ", when, "</p></header>\n", fig, "<div class=\"story-body\">\n")
		c.body(p, "p")
		c.w("</div>\n<aside class=\"share-tools\">", esc(c.lb.share), ": Facebook · X · WhatsApp · Email</aside>\n</article>\n")
		c.boxes()
		c.teasers(p, 4)
		c.comments()
		c.w("</main>\n")
	case 1:
		c.w("<div id=\"content\" class=\"site-content\"><div id=\"primary\" class=\"content-area\">\n<div class=\"post type-post hentry category-", p.Section, "\">\n<div class=\"entry-header\"><span class=\"cat-links\">", sec, "</span><h1 class=\"entry-title\">", esc(p.Title), "</h1>\n<div class=\"entry-meta\"><span class=\"author vcard\">", by, "</span> <span class=\"posted-on\">", esc(c.lb.published), " ", when, "</span></div></div>\n", fig, "<div class=\"entry-content\">\n")
		c.body(p, "p")
		c.w("</div>\n<div class=\"sharedaddy\">", esc(c.lb.share), "</div>\n</div>\n")
		c.comments()
		c.w("</div>\n<div id=\"secondary\" class=\"widget-area\">\n")
		c.boxes()
		c.teasers(p, 5)
		c.ad("ad-sidebar", 1, p)
		c.w("</div>\n</div>\n")
	default:
		tag := "p"
		if o.divParas {
			tag = "div"
		}
		c.w("<main>\n<div class=\"ArticleHeader\"><a class=\"ArticleHeader__section\" href=\"", o.HomeURL, "#", p.Section, "\">", sec, "</a>\n<h1 data-testid=\"headline\">", esc(p.Title), "</h1>\n<div class=\"Byline\">", by, "</div><div class=\"Timestamp\">", when, "</div></div>\n", fig, "<div class=\"RichTextStoryBody\">\n")
		c.body(p, tag)
		c.w("</div>\n")
		c.boxes()
		c.w("<div class=\"Recirc\">\n")
		c.teasers(p, 3)
		c.w("</div>\n")
		c.comments()
		c.w("</main>\n")
	}
	c.footer()
	return b.String()
}

// body writes the article body blocks; tag is "p" or "div".
func (c *pageCtx) body(p *post, tag string) {
	open, closeTag := "<p>", "</p>"
	if tag == "div" {
		open, closeTag = "<div class=\"para\">", "</div>"
	}
	for _, bl := range p.blocks {
		switch bl.kind {
		case bPara, bPlant:
			c.w(open, esc(bl.text), closeTag, "\n")
		case bPromo:
			c.w(open, "<strong>", esc(bl.text), "</strong>", closeTag, "\n")
		case bAd:
			c.w("<div class=\"ad-inline ad-slot\"><span class=\"ad-label\">", esc(bl.text), "</span><a href=\"", c.o.HomeURL, "#sponsor\" rel=\"sponsored\">", esc(bl.extra), "</a></div>\n")
		case bRelated:
			c.w(open, "<strong>", esc(bl.text), "</strong> <a href=\"", esc(bl.href), "\">", esc(bl.extra), "</a>", closeTag, "\n")
		}
	}
}

// homePage renders the outlet's front page.
func (d *Demo) homePage(o *outlet, base string) string {
	var b strings.Builder
	c := &pageCtx{d: d, o: o, base: base, b: &b, lb: labelsFor(o.Lang)}
	c.head(o.Name+o.titleSep+o.c.tagline, func() {
		if o.og {
			c.w("<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:site_name\" content=\"", esc(o.Name), "\">\n<meta property=\"og:url\" content=\"", esc(base+o.HomeURL), "\">\n")
		}
		if o.canonical {
			c.w("<link rel=\"canonical\" href=\"", esc(base+o.HomeURL), "\">\n")
		}
	})
	c.header("home-page", nil)
	c.w("<main id=\"main\" class=\"front\">\n<h1>", esc(c.lb.latest), "</h1>\n")
	list := d.perOutlet[o.idx]
	for i, n := len(list)-1, 0; i >= 0 && n < 30; i, n = i-1, n+1 {
		q := list[i]
		c.w("<article class=\"teaser\" id=\"", q.ID, "\"><p class=\"teaser-section\">", esc(sectionNames[o.Lang][q.Section]), "</p><h2><a href=\"", esc(q.path), "\">", esc(q.Title), "</a></h2>\n<p>", esc(q.Paragraphs[0]), "</p><p class=\"teaser-time\">", esc(o.displayTime(q.Published)), "</p></article>\n")
		if n == 5 {
			c.ad("ad-infeed", n, nil)
		}
	}
	c.w("</main>\n")
	c.boxes()
	c.footer()
	return b.String()
}

// indexPage lists the outlets.
func (d *Demo) indexPage(base string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>newsdesk demo publishers</title>\n</head>\n<body>\n<h1>newsdesk demo publishers</h1>\n<p>Fictional outlets for newsdesk's demo and tests. Every town, person, company and agency here is invented.</p>\n<ul>\n")
	for i := range d.outlets {
		o := &d.outlets[i]
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a> (%s, %s) — <a href=\"%s\">%s feed</a>, %d articles</li>\n",
			esc(base+o.HomeURL), esc(o.Name), o.Lang, o.Region, esc(base+o.FeedURL), o.Format, len(d.perOutlet[i]))
	}
	b.WriteString("</ul>\n</body>\n</html>\n")
	return b.String()
}
