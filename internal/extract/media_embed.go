package extract

import (
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsdesk/internal/sanitize"
)

// embed is an allow-listed embed recognised from its address.
type embed struct {
	frame string // canonical privacy-friendly player address, "" for a link only
	link  string // the post or video page
	label string // the link's text: "Video: YouTube"
	title string // the frame's accessible name (letters and spaces only)
}

// frameSandbox is what a player frame may do: run its own scripts in its
// own origin, go full screen and open the video's page.
const frameSandbox = "allow-scripts allow-same-origin allow-presentation allow-popups"

// embedFor recognises the allow-listed embeds: YouTube, Vimeo and
// Dailymotion players (framed), and Spotify, SoundCloud, Facebook,
// Instagram, X/Twitter, TikTok, Bluesky and Mastodon (linked). Anything
// else is not an embed.
func embedFor(raw string) (embed, bool) {
	raw = strings.TrimSpace(raw)
	if rest, ok := strings.CutPrefix(raw, "at://"); ok {
		// A Bluesky record: at://AUTHOR/app.bsky.feed.post/KEY.
		seg := strings.Split(rest, "/")
		if len(seg) != 3 || seg[1] != "app.bsky.feed.post" {
			return embed{}, false
		}
		return blueskyPost(seg[0], seg[2])
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return embed{}, false
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(strings.TrimPrefix(host, "www."), "m.")
	seg := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
	q := u.Query()
	at := func(i int) string {
		if i < len(seg) {
			return seg[i]
		}
		return ""
	}
	switch host {
	case "youtube.com", "youtube-nocookie.com", "youtu.be":
		id := ""
		switch {
		case host == "youtu.be":
			id = at(0)
		case at(0) == "watch":
			id = q.Get("v")
		case at(0) == "embed" || at(0) == "shorts" || at(0) == "live" || at(0) == "v":
			id = at(1)
		}
		if len(id) != 11 || !token(id, "_-") {
			return embed{}, false
		}
		e := embed{frame: "https://www.youtube-nocookie.com/embed/" + id,
			link: "https://www.youtube.com/watch?v=" + id, label: "Video: YouTube", title: "YouTube video"}
		start := strings.TrimSuffix(firstNonEmpty(q.Get("start"), q.Get("t")), "s")
		if n, err := strconv.Atoi(start); err == nil && n > 0 && n < 1000000 {
			e.frame += "?start=" + strconv.Itoa(n)
			e.link += "&t=" + strconv.Itoa(n) + "s"
		}
		return e, true
	case "vimeo.com", "player.vimeo.com":
		id := at(0)
		if host == "player.vimeo.com" && at(0) == "video" {
			id = at(1)
		}
		if id == "" || len(id) > 12 || strings.Trim(id, "0123456789") != "" {
			return embed{}, false
		}
		return embed{frame: "https://player.vimeo.com/video/" + id + "?dnt=1",
			link: "https://vimeo.com/" + id, label: "Video: Vimeo", title: "Vimeo video"}, true
	case "dailymotion.com", "dai.ly", "geo.dailymotion.com":
		id := ""
		switch {
		case host == "dai.ly":
			id = at(0)
		case host == "geo.dailymotion.com":
			id = q.Get("video")
		case at(0) == "embed" && at(1) == "video":
			id = at(2)
		case at(0) == "video":
			id = at(1)
		}
		if i := strings.IndexByte(id, '_'); i > 0 {
			id = id[:i]
		}
		if len(id) < 5 || len(id) > 12 || !token(id, "") {
			return embed{}, false
		}
		return embed{frame: "https://www.dailymotion.com/embed/video/" + id,
			link: "https://www.dailymotion.com/video/" + id, label: "Video: Dailymotion", title: "Dailymotion video"}, true
	case "open.spotify.com":
		if at(0) == "embed" || at(0) == "embed-podcast" {
			seg = seg[1:]
		}
		kind, id := at(0), at(1)
		switch kind {
		case "track", "album", "playlist", "episode", "show", "artist":
		default:
			return embed{}, false
		}
		if len(id) < 10 || len(id) > 40 || !token(id, "") {
			return embed{}, false
		}
		label := "Audio: Spotify"
		if kind == "episode" || kind == "show" {
			label = "Podcast: Spotify"
		}
		return embed{link: "https://open.spotify.com/" + kind + "/" + id, label: label}, true
	case "w.soundcloud.com":
		t, err := url.Parse(q.Get("url"))
		if err != nil || at(0) != "player" {
			return embed{}, false
		}
		th := strings.TrimPrefix(strings.ToLower(t.Hostname()), "www.")
		switch {
		case th == "soundcloud.com" && len(t.Path) > 1:
			return embed{link: "https://soundcloud.com" + t.EscapedPath(), label: "Audio: SoundCloud"}, true
		case th == "api.soundcloud.com" && strings.HasPrefix(t.Path, "/tracks/"):
			return embed{link: "https://w.soundcloud.com/player/?url=" + url.QueryEscape("https://api.soundcloud.com"+t.EscapedPath()), label: "Audio: SoundCloud"}, true
		}
		return embed{}, false
	case "facebook.com", "fb.watch":
		if at(0) == "plugins" {
			kind := at(1)
			t := q.Get("href")
			if kind != "video.php" && kind != "post.php" {
				return embed{}, false
			}
			inner, ok := embedFor(t)
			if !ok || !strings.HasPrefix(inner.link, "https://www.facebook.com/") {
				return embed{}, false
			}
			return inner, true
		}
		label := ""
		switch {
		case host == "fb.watch" || strings.Contains(u.Path, "/videos/") || at(0) == "reel" || at(0) == "watch":
			label = "Video: Facebook"
		case strings.Contains(u.Path, "/posts/") || at(0) == "permalink.php":
			label = "Post: Facebook"
		default:
			return embed{}, false
		}
		link := "https://www.facebook.com" + u.EscapedPath()
		if host == "fb.watch" {
			link = "https://fb.watch" + u.EscapedPath()
		}
		if at(0) == "watch" && q.Get("v") != "" && token(q.Get("v"), "") {
			link = "https://www.facebook.com/watch/?v=" + q.Get("v")
		}
		return embed{link: link, label: label}, true
	case "instagram.com":
		kind, id := at(0), at(1)
		if kind != "p" && kind != "reel" && kind != "tv" {
			return embed{}, false
		}
		if id == "" || len(id) > 40 || !token(id, "_-") {
			return embed{}, false
		}
		return embed{link: "https://www.instagram.com/" + kind + "/" + id + "/", label: "Post: Instagram"}, true
	case "twitter.com", "x.com", "mobile.twitter.com", "platform.twitter.com":
		user, id := at(0), at(2)
		if host == "platform.twitter.com" {
			user, id = "i", q.Get("id")
		} else if at(1) != "status" {
			return embed{}, false
		}
		if id == "" || len(id) > 25 || strings.Trim(id, "0123456789") != "" || !token(user, "_") {
			return embed{}, false
		}
		return embed{link: "https://x.com/" + user + "/status/" + id, label: "Post: X"}, true
	case "tiktok.com":
		id, user := "", ""
		switch {
		case at(0) == "embed" && at(1) == "v2":
			id = at(2)
		case at(0) == "embed" || (at(0) == "player" && at(1) == "v1"):
			id = at(len(seg) - 1)
		case strings.HasPrefix(at(0), "@") && at(1) == "video":
			user, id = at(0), at(2)
		}
		if id == "" || len(id) > 25 || strings.Trim(id, "0123456789") != "" {
			return embed{}, false
		}
		link := "https://www.tiktok.com/embed/v2/" + id
		if len(user) > 1 && token(user[1:], "_.") {
			link = "https://www.tiktok.com/" + user + "/video/" + id
		}
		return embed{link: link, label: "Video: TikTok"}, true
	case "bsky.app", "embed.bsky.app":
		who, rkey := "", ""
		switch {
		case host == "bsky.app" && at(0) == "profile" && at(2) == "post":
			who, rkey = at(1), at(3)
		case host == "embed.bsky.app" && at(0) == "embed" && at(2) == "app.bsky.feed.post":
			who, rkey = at(1), at(3)
		}
		return blueskyPost(who, rkey)
	}
	// Mastodon posts live on many servers; they share one address shape:
	// https://server/@user/123456789012345678[/embed].
	if u.Scheme == "https" && len(seg) >= 2 && len(seg) <= 3 && strings.HasPrefix(seg[0], "@") &&
		len(seg[0]) > 1 && token(seg[0][1:], "_") && len(seg[1]) >= 6 && len(seg[1]) <= 25 &&
		strings.Trim(seg[1], "0123456789") == "" && (len(seg) == 2 || seg[2] == "embed") && u.Port() == "" {
		return embed{link: "https://" + strings.ToLower(u.Hostname()) + "/" + seg[0] + "/" + seg[1], label: "Post: Mastodon"}, true
	}
	return embed{}, false
}

// blueskyPost returns the embed of a Bluesky post given its author (a
// handle or a DID) and record key.
func blueskyPost(who, rkey string) (embed, bool) {
	if who == "" || rkey == "" || len(who) > 100 || len(rkey) > 20 || !token(who, ":._-") || !token(rkey, "") {
		return embed{}, false
	}
	return embed{link: "https://bsky.app/profile/" + who + "/post/" + rkey, label: "Post: Bluesky"}, true
}

// token reports whether s is made of ASCII letters, digits and the
// characters in extra.
func token(s, extra string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune(extra, r):
		default:
			return false
		}
	}
	return true
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// frameItem builds the media item of an iframe to an allow-listed player
// or post; other frames give nil.
func frameItem(n *html.Node, base *url.URL) *mediaItem {
	src := ""
	for _, k := range []string{"src", "data-src", "data-lazy-src"} {
		if src = sanitize.AbsoluteURL(attr(n, k), base); src != "" && !strings.HasPrefix(src, "about:") {
			break
		}
	}
	e, ok := embedFor(src)
	if !ok {
		return nil
	}
	return &mediaItem{out: embedNode(e, nil, ""), orig: n, key: e.link}
}

// postClasses are the class names of the blockquotes that social networks'
// embed scripts turn into posts.
var postClasses = []string{"twitter-tweet", "twitter-video", "instagram-media", "tiktok-embed",
	"bluesky-embed", "mastodon-embed", "fb-xfbml-parse-ignore"}

// postItem builds the media item of a social post's blockquote: its text,
// who wrote it, and a link to it. It returns nil for other blockquotes.
func postItem(bq *html.Node, base *url.URL) *mediaItem {
	cls := " " + strings.ToLower(attr(bq, "class")) + " "
	kind := ""
	for _, c := range postClasses {
		if strings.Contains(cls, " "+c+" ") {
			kind = c
			break
		}
	}
	if kind == "" {
		return nil
	}
	var e embed
	found := false
	try := func(ref string) {
		if ref = sanitize.AbsoluteURL(ref, base); ref == "" {
			return
		}
		if x, ok := embedFor(ref); ok && (!found || strings.HasPrefix(kind, "twitter")) {
			// A tweet's own address is its last link; others' is the first.
			e, found = x, true
		}
	}
	for _, k := range []string{"cite", "data-instgrm-permalink"} {
		try(attr(bq, k))
	}
	if v := attr(bq, "data-bluesky-uri"); v != "" && !found {
		if x, ok := embedFor(v); ok {
			e, found = x, true
		}
	}
	var paras []string
	var firstP *html.Node
	var other strings.Builder
	walk(bq, func(n *html.Node) bool {
		switch n.Type {
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return false
			case atom.A:
				if kind == "twitter-tweet" || !found {
					try(attr(n, "href"))
				}
				if n.Parent == bq {
					// The date link of a tweet's attribution line.
					return false
				}
			case atom.P:
				if t := collapse(textOf(n)); t != "" {
					paras = append(paras, t)
					if firstP == nil {
						firstP = n
					}
				}
				return false
			}
		case html.TextNode:
			other.WriteString(n.Data)
		}
		return true
	})
	if !found {
		return nil
	}
	if kind == "instagram-media" || kind == "fb-xfbml-parse-ignore" {
		// Their text is the network's own ("View this post on Instagram").
		paras = nil
	}
	by := strings.Trim(collapse(other.String()), " —–-")
	if len(by) > 100 || len(paras) == 0 || (kind != "twitter-tweet" && kind != "bluesky-embed" && kind != "mastodon-embed") {
		by = ""
	}
	it := &mediaItem{out: embedNode(e, paras, by), orig: bq, key: e.link}
	if firstP != nil {
		it.quote = anchorKey(firstP)
	}
	return it
}

// facebookItem builds the media item of Facebook's div-based video and
// post embeds.
func facebookItem(n *html.Node) *mediaItem {
	if cls := attr(n, "class"); !hasToken(cls, "fb-video") && !hasToken(cls, "fb-post") {
		return nil
	}
	e, ok := embedFor(attr(n, "data-href"))
	if !ok {
		return nil
	}
	return &mediaItem{out: embedNode(e, nil, ""), orig: n, key: e.link}
}

// embedNode builds the markup of an embed: a sandboxed player frame with a
// link under it, a quoted post with a link, or a link alone.
func embedNode(e embed, paras []string, by string) *html.Node {
	link := element(atom.A, "href", e.link)
	link.AppendChild(&html.Node{Type: html.TextNode, Data: e.label})
	switch {
	case e.frame != "":
		fig := element(atom.Figure, "class", "embed video")
		fig.AppendChild(element(atom.Iframe, "src", e.frame, "title", e.title, "sandbox", frameSandbox,
			"loading", "lazy", "referrerpolicy", "no-referrer", "allowfullscreen", ""))
		fc := element(atom.Figcaption)
		fc.AppendChild(link)
		fig.AppendChild(fc)
		return fig
	case len(paras) > 0:
		fig := element(atom.Figure, "class", "embed post")
		bq := element(atom.Blockquote)
		for _, t := range paras {
			p := element(atom.P)
			p.AppendChild(&html.Node{Type: html.TextNode, Data: t})
			bq.AppendChild(p)
		}
		fig.AppendChild(bq)
		fc := element(atom.Figcaption)
		if by != "" {
			fc.AppendChild(&html.Node{Type: html.TextNode, Data: by + " · "})
		}
		fc.AppendChild(link)
		fig.AppendChild(fc)
		return fig
	}
	p := element(atom.P, "class", "embed")
	p.AppendChild(link)
	return p
}
