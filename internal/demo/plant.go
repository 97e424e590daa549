package demo

import (
	"fmt"
	"slices"
)

// blockKind says what one element of an article body on a page is.
type blockKind int

const (
	bPara    blockKind = iota // a true paragraph
	bPlant                    // a planted line that looks like a paragraph
	bPromo                    // a planted promo line, emphasised
	bAd                       // an ad slot inside the body
	bRelated                  // an in-body link to another article
)

// block is one element of an article body as the page shows it.
type block struct {
	kind  blockKind
	text  string // paragraph or planted text; the ad label for bAd; the prefix for bRelated
	extra string // the ad copy for bAd; the other article's title for bRelated
	href  string // the other article's path for bRelated
}

// plant lays out the body of p as its outlet's page shows it, with the
// outlet's boilerplate mixed in, and records what was planted. The caller
// holds d.mu (or is New).
func (d *Demo) plant(p *post) {
	o := &d.outlets[p.outlet]
	has := func(k string) bool { return slices.Contains(o.cms, k) }
	var bl []block
	var planted []string
	add := func(k blockKind, s string) {
		bl = append(bl, block{kind: k, text: s})
		planted = append(planted, s)
	}
	if has("caption") {
		open := fmt.Sprintf(`[caption id="attachment_%d" align="alignnone" width="800"]`, 50000+p.num%40000)
		bl = append(bl, block{kind: bPlant, text: open + p.ImageCaption + "[/caption]"})
		planted = append(planted, open, "[/caption]")
	}
	if o.headlineFirst {
		bl = append(bl, block{kind: bPlant, text: p.Title})
		p.HeadlineRepeated = true
	}
	var related *post
	if prev := d.perOutlet[p.outlet]; len(prev) > 0 {
		related = prev[len(prev)-1]
	}
	for i, para := range p.Paragraphs {
		bl = append(bl, block{kind: bPara, text: para})
		switch i {
		case 0:
			if has("nid") {
				add(bPlant, fmt.Sprintf("[[nid:%d]]", 700000+(p.num*37)%299999))
			}
		case 1:
			if o.captionPara {
				bl = append(bl, block{kind: bPlant, text: p.ImageCaption})
				p.CaptionRepeated = true
			}
			ad := o.c.adCopy[p.num%len(o.c.adCopy)]
			bl = append(bl, block{kind: bAd, text: o.c.adLabel, extra: ad})
			planted = append(planted, o.c.adLabel, ad)
		case 2:
			if has("embed") {
				add(bPlant, fmt.Sprintf(`{{embed type="video" id="vid-%d" autoplay="false"}}`, p.num*3+11))
			}
			add(bPromo, o.promos[0])
		case 3:
			if o.inlineRelated != "" && related != nil {
				bl = append(bl, block{kind: bRelated, text: o.inlineRelated, extra: related.Title, href: related.path})
				planted = append(planted, o.inlineRelated)
			}
		}
	}
	if has("shortcode") {
		add(bPlant, fmt.Sprintf(`[related_posts limit="3" category="%s" layout="grid"]`, p.Section))
	}
	add(bPromo, o.promos[1])
	if p.Wire != "" && o.c.credit != "" {
		add(bPromo, fmt.Sprintf(o.c.credit, p.Wire))
	}
	p.blocks = bl
	p.Planted = planted
}
