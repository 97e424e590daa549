package extract

import (
	"strings"
	"unicode/utf8"
)

// The cleaning rules are tables of patterns; the cleaner decides where
// each applies. Patterns are matched against a block's collapsed text.

// cmsLeftover matches shortcodes and template tags that a CMS failed to
// render, in the text of any block: [[...]], {{...}}, {%...%} and known
// [shortcode ...] names. The parts between the delimiters are limited in
// length (see cmsLimits), which the pattern leaves to stripCMSLeftovers:
// written as counted repetitions, the limits would make the compiled
// pattern thousands of instructions long and slow to run on every text.
var cmsLeftover = mustRule(`(?i)\[\[([^\[\]]*)\]\]` +
	`|\{\{([^{}]*)\}\}` +
	`|\{%([^{}]*)%\}` +
	`|\[/?(?:caption|embed|related|gallery|video|audio|tweet|youtube|instagram|pullquote|ad|ads|advert|sc|shortcode|contact-form[-\w]*|vc_[\w]+|et_pb_[\w]+|img|image|iframe|playlist|facebook|twitter|soundcloud|wpvideo|readmore|read_more|box|button|quote|newsletter|poll|slideshow)(\s[^\[\]]*)?\]`)

// cmsLimits are the most characters cmsLeftover's groups may hold: the
// inside of [[...]], of {{...}} and of {%...%}, and a shortcode's
// attributes after the space that opens them.
var cmsLimits = [4]int{200, 300, 300, 300}

// stripCMSLeftovers replaces each of cmsLeftover's matches within
// cmsLimits in s with a space. Where a match is too long, the search goes
// on from the next character, as it would with the limits in the pattern.
func stripCMSLeftovers(s string) string {
	if !cmsLeftover.possible(s) {
		return s
	}
	var b strings.Builder
	last, at := 0, 0
	for at < len(s) {
		m := cmsLeftover.re.FindStringSubmatchIndex(s[at:])
		if m == nil {
			break
		}
		start, end := at+m[0], at+m[1]
		ok := true
		for g, limit := range cmsLimits {
			lo, hi := m[2+2*g], m[3+2*g]
			if lo < 0 {
				continue
			}
			n := utf8.RuneCountInString(s[at+lo : at+hi])
			if g == 3 {
				n-- // the space before the attributes
			}
			ok = ok && n <= limit
		}
		if !ok {
			at = start + 1 // the match opens with an ASCII bracket or brace
			continue
		}
		b.WriteString(s[last:start])
		b.WriteByte(' ')
		last, at = end, end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// pairedShortcode matches an opening shortcode whose content is dropped up
// to its closing tag (a caption's text is a repeat of the image's).
var pairedShortcode = mustRule(`(?is)\[(caption|embed|gallery|video|tweet|related)(?:\s[^\]]*)?\].*?\[/(?:caption|embed|gallery|video|tweet|related)\]`)

// promoLine matches a block that is nothing but a promotion, a sign-off or
// a pointer elsewhere. It is only applied to short blocks.
var promoLine = mustRule(`(?i)^(?:` +
	// English
	`(?:join|follow|like|find)\s+(?:us|our)\b.*\b(?:telegram|whatsapp|facebook|twitter|instagram|linkedin|youtube|tiktok|channel|group|community|x|threads|google news)\b` +
	`|(?:join|follow)\s+(?:us|our)\s+on\b` +
	`|(?:follow|like)\s+(?:him|her|them|me|the author|[\w.]+)\s+on\s+(?:twitter|facebook|instagram|linkedin|x|threads|bluesky|mastodon)\b` +
	`|(?:download|get|install)\s+(?:the|our)\b.{0,60}\bapp\b` +
	`|(?:sign\s*up|subscribe|register)\b.{0,80}\b(?:newsletter|newsletters|inbox|updates|alerts|email|e-mail|bulletin)\b` +
	`|subscribe\s+(?:to|now|today|here|for)\b` +
	`|(?:click|tap)\s+here\b` +
	`|(?:read|see|watch|view)\s+(?:more|also|next|the full story|full article)\b\s*[:\-–—|>»]?` +
	`|(?:related|also read|don'?t miss|recommended|trending|most (?:read|popular|viewed|shared)|more from|more on this|you (?:may|might) also like|editor'?s picks?)\b\s*[:\-–—|]?` +
	`|get\s+(?:the|our)\s+(?:latest|best|top|daily)\b.{0,80}\b(?:newsletter|inbox|app|updates)\b` +
	`|thanks?\s+(?:you\s+)?for\s+(?:signing\s+up|subscribing)\b` +
	`|(?:sorry!?\s*)?there\s+was\s+an\s+error\s+processing\s+your\s+subscription` +
	`|keep\s+an\s+eye\s+on\s+your\s+inbox\b` +
	`|have\s+a\s+(?:news\s+)?tip\?` +
	`|share\s+(?:this|on|via)\b` +
	`|(?:copyright\b|©|\(c\)\s*\d{4}).{0,120}$` +
	`|all\s+rights\s+reserved\b` +
	`|this\s+(?:article|story|content)\s+(?:was\s+)?(?:originally\s+)?(?:appeared|published)\s+(?:on|in|at)\b` +
	`|we\s+(?:want|'d\s+love)\s+to\s+hear\s+(?:from\s+you|your)\b` +
	// German
	`|lesen\s+sie\s+(?:auch|mehr|hier|weiter)\b` +
	`|(?:jetzt\s+)?(?:den\s+|unseren\s+)?newsletter\s+(?:abonnieren|bestellen)\b` +
	`|(?:melden|registrieren)\s+sie\s+sich\b.{0,80}\bnewsletter\b` +
	`|mehr\s+(?:zum\s+thema|dazu|lesen)\b` +
	`|(?:auch\s+interessant|das\s+könnte\s+(?:sie|dich)\s+auch\s+interessieren|weitere\s+artikel|weiterlesen)\b` +
	`|folgen\s+sie\s+uns\b` +
	`|(?:hier|jetzt)\s+(?:die\s+|unsere\s+)?app\b` +
	`|(?:laden|holen)\s+sie\s+sich\s+(?:die|unsere)\b.{0,40}\bapp\b` +
	// French
	`|abonnez-vous\b` +
	`|(?:à\s+)?lire\s+(?:aussi|également|la\s+suite)\b` +
	`|(?:suivez|rejoignez)-nous\b` +
	`|téléchargez\s+(?:notre|l['’]application|l['’]appli)\b` +
	`|inscrivez-vous\b.{0,80}\bnewsletter\b` +
	`|(?:voir|sur\s+le\s+même\s+sujet|nos\s+articles\s+sur)\s*(?:aussi)?\s*:` +
	// Spanish
	`|suscr[íi]bete\b` +
	`|(?:lee|lea)\s+(?:también|además|más)\b` +
	`|s[íi]guenos\b` +
	`|descarga\s+(?:la|nuestra)\b.{0,40}\bapp\b` +
	`|únete\s+a\s+nuestro\b` +
	`|te\s+puede\s+interesar\b` +
	`|(?:noticias|artículos)\s+relacionad[oa]s\b` +
	`)`)

// labelLine matches blocks that are only a label: advertisement markers,
// share bars, comment widgets.
var labelLine = mustRule(`(?i)^(?:(?:advertisement|advertising|advert|ad|ads|sponsored|sponsored content|promoted|paid content|anzeige|werbung|publicité|publicidad|publicidade|pubblicità|reklame|story continues below(?: advertisement)?|article continues below(?: advertisement)?|continue reading(?: below)?(?: the main story)?|scroll to continue(?: with content)?|skip advert|close|print|email|share|comments?|\d+\s+comments?|kommentare?|commentaires?|comentarios?|leave a (?:comment|reply)|post a comment|add a comment|show comments|view comments|load comments|loading comments(?:\.\.\.)?|comments are closed\.?|be the first to comment\.?|join the conversation|powered by disqus|kommentar schreiben|laisser un commentaire|deja un comentario|photo|foto|image|getty images|reuters|ap|afp|bild anzeigen|bild schließen|bild vergrößern|zoom|enlarge(?: image| this image)?|view (?:image|gallery|slideshow)|open gallery|expand|mehr anzeigen|show more|voir plus|ver más)[\s.:!|·]*)+$`)

// commentWidget matches text of comment forms and their policies.
var commentWidget = mustRule(`(?i)(?:your email address will not be published|required fields are marked|you must be (?:logged|signed) in to post a comment|comments? (?:are|is) (?:closed|moderated)|view the discussion thread|please read our comment policy|comentários com textos|commentaires sont modérés|kommentarfunktion|ihr kommentar|noch keine kommentare|no comments yet|be the first to comment|comment moderation)`)

// cookieText matches cookie and consent banner text.
var cookieText = mustRule(`(?i)(?:(?:we|this (?:web)?site|our (?:web)?site|our partners)\s+(?:uses?|utilise|use)\s+cookies|by continuing to (?:use|browse)|accept (?:all )?cookies|cookie (?:policy|settings|preferences|consent)|wir verwenden cookies|(?:diese|unsere) (?:web)?seite verwendet cookies|utilise des cookies|nous utilisons des cookies|utiliza(?:mos)? cookies|usamos cookies|este sitio (?:web )?utiliza cookies|privacy (?:policy|settings).{0,40}cookies)`)

// shareWords are the words of a share bar; a block made only of them is dropped.
var shareWords = map[string]bool{
	"facebook": true, "twitter": true, "whatsapp": true, "pinterest": true, "pint": true,
	"pin": true, "linkedin": true, "email": true, "e-mail": true, "mail": true, "print": true,
	"share": true, "shares": true, "reddit": true, "telegram": true, "copy": true, "link": true,
	"messenger": true, "tumblr": true, "flipboard": true, "x": true, "tweet": true, "sms": true,
	"baixar": true, "teilen": true, "partager": true, "compartir": true, "drucken": true,
	"imprimer": true, "imprimir": true, "save": true, "comment": true, "comments": true,
	"vk": true, "xing": true, "pocket": true, "this": true, "article": true, "on": true,
	"the": true, "via": true, "google": true, "plus": true, "+": true, "&": true, "|": true,
}

// creditInline matches photo credits glued to body text.
var creditInline = mustRule(`(?i)(?:^|\s)\(?(?:photos?|fotos?|images?|pictures?|bild|credit|crédit(?:\s+photo)?|photo\s+credit|bildquelle|quelle)\s*:\s*[\p{L}\p{M}.'\- ]{2,40}/\s*(?:[\p{Lu}][\p{L}&.\-]*)(?:\s(?:Images|Press|Photo|Photos|News|Pictures|Wire|Agency|Media))?\)?`)

// creditLine matches a block that is only a photo credit.
var creditLine = mustRule(`(?i)^(?:\(?(?:photos?|fotos?|images?|pictures?|bild|credit|crédit(?:\s+photo)?|photo\s+credit|bildquelle|quelle|source)\s*(?::|via\b)|©|\(c\)\s)[^!?]{0,120}$`)

// promoAnywhere matches calls to join a messaging channel or follow a
// social account wherever they stand in a short block.
var promoAnywhere = mustRule(`(?i)(?:\b(?:join|únete|únase|unete|rejoignez|tritt|treten sie|abonniere|abonnez|suscríbete|follow|síguenos|siga|suivez|folge|folgen sie)\b.{0,80}\b(?:telegram|whatsapp|signal|viber)\b|\b(?:telegram|whatsapp)[- ](?:channel|kanal|canal|group|gruppe|grupo|groupe)\b.{0,60}\b(?:join|únete|rejoignez|beitreten|abonnieren|suscríbete|follow|click|tap|here|aquí|hier|ici)\b|\b(?:canal|channel|kanal) (?:de|on|auf|sur) (?:telegram|whatsapp)\b)`)

// disclosure matches affiliate and sponsorship notes.
var disclosure = mustRule(`(?i)(?:für links auf dieser seite erhält|affiliate[- ]links?|(?:we|i) (?:may )?(?:earn|receive|get) (?:a )?(?:small )?(?:commission|compensation)|may earn (?:an )?affiliate commission|als amazon-partner verdiene|enthält (?:affiliate|werbe)links|this post (?:contains|may contain) affiliate|ce(?:t article)? contient des liens affiliés|contiene enlaces de afiliados)`)

// relatedHeading matches headings that open a block of teasers.
var relatedHeading = mustRule(`(?i)^(?:related(?:\s+(?:articles?|stories|posts|content|news|coverage|links|reading))?|read more|read next|more (?:stories|news|from|on|like this|in)\b.*|see also|also read|recommended(?: for you)?|you (?:may|might) also like|most (?:read|popular|viewed|shared)|trending(?: now)?|popular(?: now)?|latest(?: news| stories)?|top stories|editor'?s picks?|don'?t miss|tags?|topics?|share this(?: article| story)?|about the author|comments?|weitere artikel|mehr zum thema|das könnte sie auch interessieren|meistgelesen|auch interessant|à lire aussi|lire aussi|sur le même sujet|les plus lus|noticias relacionadas|te puede interesar|lo más leído|más noticias|leia também|veja também|relacionadas?)[\s.:!]*$`)

// tagsLine matches a tags or filed-under line.
var tagsLine = mustRule(`(?i)^(?:tags?|tagged|filed under|topics?|schlagwörter|schlagworte|themen|étiquettes|mots-clés|etiquetas|temas|categor(?:y|ies|ia|ias))\s*[:/|]`)

// dateLine matches a short line that is only a date or time stamp.
var dateLine = mustRule(`(?i)^(?:(?:published|updated|posted|last updated|veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado)\b[\s:]*)?[\p{L}\d ,.\-/:|]*(?:\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b)[\p{L}\d ,.\-/:()|]*$`)
