package extract

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestEmbedFor(t *testing.T) {
	tests := []struct {
		in, frame, link, label string
	}{
		{"https://www.youtube.com/embed/dQw4w9WgXcQ?rel=0", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "Video: YouTube"},
		{"https://youtu.be/dQw4w9WgXcQ?t=42", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s", "Video: YouTube"},
		{"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "Video: YouTube"},
		{"https://m.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "Video: YouTube"},
		{"https://player.vimeo.com/video/76979871?h=8272103f6e", "https://player.vimeo.com/video/76979871?dnt=1", "https://vimeo.com/76979871", "Video: Vimeo"},
		{"https://www.dailymotion.com/embed/video/x8abc12", "https://www.dailymotion.com/embed/video/x8abc12", "https://www.dailymotion.com/video/x8abc12", "Video: Dailymotion"},
		{"https://geo.dailymotion.com/player/xabc.html?video=x8abc12", "https://www.dailymotion.com/embed/video/x8abc12", "https://www.dailymotion.com/video/x8abc12", "Video: Dailymotion"},
		{"https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk?utm_source=generator", "", "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk", "Podcast: Spotify"},
		{"https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/293&auto_play=false", "", "https://w.soundcloud.com/player/?url=https%3A%2F%2Fapi.soundcloud.com%2Ftracks%2F293", "Audio: SoundCloud"},
		{"https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fcoastcourier%2Fvideos%2F1234567890%2F", "", "https://www.facebook.com/coastcourier/videos/1234567890/", "Video: Facebook"},
		{"https://www.instagram.com/p/C9xYz12AbCd/embed/captioned", "", "https://www.instagram.com/p/C9xYz12AbCd/", "Post: Instagram"},
		{"https://platform.twitter.com/embed/Tweet.html?id=1830000000000000001", "", "https://x.com/i/status/1830000000000000001", "Post: X"},
		{"https://twitter.com/gullpointtrust/status/1830000000000000001?ref_src=twsrc", "", "https://x.com/gullpointtrust/status/1830000000000000001", "Post: X"},
		{"https://www.tiktok.com/embed/v2/7300000000000000000", "", "https://www.tiktok.com/embed/v2/7300000000000000000", "Video: TikTok"},
		{"https://www.tiktok.com/@coastcourier/video/7300000000000000000", "", "https://www.tiktok.com/@coastcourier/video/7300000000000000000", "Video: TikTok"},
		{"https://embed.bsky.app/embed/did:plc:abc123/app.bsky.feed.post/3kxyzabc", "", "https://bsky.app/profile/did:plc:abc123/post/3kxyzabc", "Post: Bluesky"},
		{"at://did:plc:abc123/app.bsky.feed.post/3kxyzabc", "", "https://bsky.app/profile/did:plc:abc123/post/3kxyzabc", "Post: Bluesky"},
		{"https://mastodon.example/@gullpoint/112233445566778899/embed", "", "https://mastodon.example/@gullpoint/112233445566778899", "Post: Mastodon"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			e, ok := embedFor(tt.in)
			if !ok {
				t.Fatal("not recognised")
			}
			if e.frame != tt.frame || e.link != tt.link || e.label != tt.label {
				t.Errorf("got frame %q link %q label %q\nwant frame %q link %q label %q", e.frame, e.link, e.label, tt.frame, tt.link, tt.label)
			}
		})
	}
	for _, bad := range []string{
		"https://ads.adnetwork.example/frame.html",
		"javascript:alert(1)//youtube.com/embed/dQw4w9WgXcQ",
		"https://www.youtube.com/embed/short",
		"https://www.youtube.com/embed/dQw4w9WgXc%22",
		"https://youtube.com.evil.example/embed/dQw4w9WgXcQ",
		"https://player.vimeo.com/video/abc",
		"https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fevil.example%2Fvideos%2F1",
		"https://www.facebook.com/coastcourier",
		"https://evil.example/@user/notanumber",
		"https://open.spotify.com/embed/track/../../x",
		"ftp://www.youtube.com/embed/dQw4w9WgXcQ",
	} {
		if e, ok := embedFor(bad); ok {
			t.Errorf("embedFor(%q) = %+v, want not an embed", bad, e)
		}
	}
}

func TestPickSrcset(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a-400.jpg 400w, a-800.jpg 800w, a-1600.jpg 1600w", "a-800.jpg"},
		{"a-1600.jpg 1600w, a-1000.jpg 1000w, a-400.jpg 400w", "a-1000.jpg"},
		{"a-300.jpg 300w, a-500.jpg 500w", "a-500.jpg"},
		{"a.jpg 1x, a@2x.jpg 2x, a@3x.jpg 3x", "a@2x.jpg"},
		{"https://img.example/w_400,h_300/a.jpg 400w, https://img.example/w_900,h_600/a.jpg 900w", "https://img.example/w_900,h_600/a.jpg"},
		{"only.jpg", "only.jpg"},
		{"  ", ""},
	}
	for _, tt := range tests {
		if got := pickSrcset(tt.in); got != tt.want {
			t.Errorf("pickSrcset(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestImageKey(t *testing.T) {
	tests := []struct{ a, b string }{
		{"https://cdn.example/img/bridge-opening-1200x630.jpg", "https://example/uploads/bridge-opening.jpg"},
		{"https://cdn.example/img/bridge_800.webp?q=80", "https://cdn.example/img/bridge.jpg"},
		{"https://x.example/_processed_/0/3/csm_runner_foto_378dc1311b.jpg", "https://x.example/_processed_/0/3/csm_runner_foto_a21e892935.jpg"},
		{"https://thumbor.example/600x300/https%3A%2F%2Fimages.example%2Fimageserve%2F1161232231%2F960x0.jpg", "https://images.example/imageserve/1161232231/960x0.jpg?fit=scale"},
		{"https://photos.example/01/07/05/65/18636107/9/rawImage.jpg", "https://photos.example/01/07/05/65/18636107/9/920x920.jpg"},
		{"https://media.example/resources/r/?m=02&d=20191119&i=1454231854&w=1200&r=LYNXMPEF", "https://media.example/resources/r/?m=02&d=20191119&i=1454231854&r=LYNXMPEF&w=20"},
	}
	for _, tt := range tests {
		if imageKey(tt.a) != imageKey(tt.b) {
			t.Errorf("imageKey(%q) = %q differs from imageKey(%q) = %q", tt.a, imageKey(tt.a), tt.b, imageKey(tt.b))
		}
	}
	for _, pair := range [][2]string{
		{"https://x.example/a/harbour.jpg", "https://x.example/a/bridge.jpg"},
		{"https://x.example/uploads/2017/11/1.jpg", "https://x.example/uploads/2017/11/2-1024x683.jpg"},
		{"https://images.example/imageserve/1161232231/960x0.jpg", "https://images.example/imageserve/511599904/960x0.jpg"},
		{"https://media.example/resources/r/?i=1454231854", "https://media.example/resources/r/?i=1454231999"},
	} {
		if imageKey(pair[0]) == imageKey(pair[1]) {
			t.Errorf("different images %q and %q share the key %q", pair[0], pair[1], imageKey(pair[0]))
		}
	}
}

func TestSplitCredit(t *testing.T) {
	tests := []struct{ in, caption, credit string }{
		{"The pier at dawn. Photo: Ana Lopes", "The pier at dawn.", "Photo: Ana Lopes"},
		{"The pier at dawn (Photo: Ana Lopes)", "The pier at dawn", "Photo: Ana Lopes"},
		{"The pier at dawn. (Photo: Getty Images) Getty", "The pier at dawn.", "Photo: Getty Images"},
		{"The pier at dawn (Photo: Ana Lopes) AFP", "The pier at dawn", "Photo: Ana Lopes AFP"},
		{"Die Brücke im Nebel. Foto: dpa", "Die Brücke im Nebel.", "Foto: dpa"},
		{"The pier at dawn © Coast Courier", "The pier at dawn", "© Coast Courier"},
		{"Photographers gather at the pier", "Photographers gather at the pier", ""},
		{"No credit here", "No credit here", ""},
	}
	for _, tt := range tests {
		c, cr := splitCredit(tt.in)
		if c != tt.caption || cr != tt.credit {
			t.Errorf("splitCredit(%q) = %q, %q; want %q, %q", tt.in, c, cr, tt.caption, tt.credit)
		}
	}
}

// TestMediaFiltered checks single images and frames against the filters.
func TestMediaFiltered(t *testing.T) {
	base, _ := url.Parse("https://news.example/a/story")
	tests := []struct {
		name, in string
		keep     bool
	}{
		{"photo", `<img src="/p/harbour.jpg" width="900" height="600">`, true},
		{"no size", `<img src="/p/harbour.jpg">`, true},
		{"pixel", `<img src="/p/t.gif" width="1" height="1">`, false},
		{"tracker host", `<img src="https://px.example/pixel.gif?id=3">`, false},
		{"tracker path", `<img src="https://www.facebook.com/tr?id=1&ev=PageView">`, false},
		{"icon size", `<img src="/p/share.png" width="32" height="32">`, false},
		{"logo name", `<img src="/static/site-logo.png" width="300" height="80">`, false},
		{"logo class", `<img class="brand-logo" src="/static/b.png">`, false},
		{"svg", `<img src="/static/mark.svg">`, false},
		{"placeholder only", `<img src="data:image/gif;base64,R0lGOD">`, false},
		{"lazy", `<img src="data:image/gif;base64,R0lGOD" data-src="/p/harbour.jpg">`, true},
		{"javascript src", `<img src="javascript:alert(1)">`, false},
		{"lazy unreadable", `<img src="/p/grey.gif" data-src='{"default":"//img.example/a.img"}'>`, false},
		{"decorative", `<img src="/p/harbour.jpg" role="presentation">`, false},
		{"preview width", `<img src="https://img.example/r/?i=1454231854&w=20">`, false},
		{"teaser thumbnail", `<img src="https://img.example/p/harbour.jpg?width=280&height=158">`, false},
		{"arrow", `<img src="/p/arrow-right.webp" width="150" height="75">`, false},
		{"plugin asset", `<img src="/wp-content/plugins/ratings/images/rating_off.gif" alt="1 Star">`, false},
		{"player stand-in", `<img src="https://www.youtube.com/embed/lJuHMpxaSU8" alt="Lazy loaded component" width="150" height="150">`, true},
		{"teaser link", `<a href="/other-story"><img src="/p/harbour.jpg"></a>`, false},
		{"zoom link", `<a href="/p/harbour-big.jpg"><img src="/p/harbour.jpg"></a>`, true},
		{"youtube frame", `<iframe src="//www.youtube.com/embed/dQw4w9WgXcQ"></iframe>`, true},
		{"lazy frame", `<iframe src="about:blank" data-src="https://player.vimeo.com/video/76979871"></iframe>`, true},
		{"ad frame", `<iframe src="https://ads.example/slot"></iframe>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<body><article>" + tt.in + "</article></body>"))
			if err != nil {
				t.Fatal(err)
			}
			pm := scanMedia(doc, base)
			if got := pm.items == 1; got != tt.keep {
				t.Errorf("kept = %v (%d items), want %v", got, pm.items, tt.keep)
			}
		})
	}
}

// TestMediaRegion checks that media outside the article's text are left
// out and media inside it are placed between the right paragraphs.
func TestMediaRegion(t *testing.T) {
	para := func(s string) string {
		return "<p>" + s + " " + strings.Repeat("The council met again to talk about the harbour. ", 3) + "</p>"
	}
	page := `<html><body><div class="page"><div class="story">` +
		para("First paragraph.") + `<img src="/p/one.jpg">` + para("Second paragraph.") +
		`<p><img src="/p/two.jpg"></p>` + para("Third paragraph.") +
		`</div><div class="more"><p>Other stories from the harbour and the valley</p><img src="/p/other.jpg">` +
		`<p>Another teaser that nobody reads at all</p><p>And another teaser that nobody reads</p><img src="/p/far.jpg"></div></div></body></html>`
	r, err := Extract([]byte(page), "", "https://news.example/a/story", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"one.jpg", "two.jpg"} {
		if !strings.Contains(r.HTML, w) {
			t.Errorf("HTML lacks %s:\n%s", w, r.HTML)
		}
	}
	for _, w := range []string{"other.jpg", "far.jpg"} {
		if strings.Contains(r.HTML, w) {
			t.Errorf("HTML has %s from outside the article:\n%s", w, r.HTML)
		}
	}
	if i, j := strings.Index(r.HTML, "one.jpg"), strings.Index(r.HTML, "Second paragraph"); i < 0 || j < i {
		t.Errorf("one.jpg not before the second paragraph:\n%s", r.HTML)
	}
	if strings.Contains(r.Text, "jpg") || strings.Count(r.Text, "\n\n") != 2 {
		t.Errorf("Text is not the three paragraphs: %q", r.Text)
	}
}

// TestMediaLeadAndCaptionOnce checks that a top figure on a page naming no
// lead image becomes the lead image, and that a caption the body repeats
// as a paragraph is not shown twice.
func TestMediaLeadAndCaptionOnce(t *testing.T) {
	body := strings.Repeat("The ferry company added two crossings a day for the summer season. ", 3)
	page := `<html><body><article><h1>Ferries for the summer</h1>
<figure><img src="/p/ferry-top.jpg" width="1200" height="800"><figcaption>The new ferry leaves the harbour on its first crossing</figcaption></figure>
<p>` + body + `</p>
<figure><img src="/p/deck.jpg" width="1200" height="800"><figcaption>Passengers on the upper deck watch the island come into view</figcaption></figure>
<p>Passengers on the upper deck watch the island come into view</p>
<p>` + body + ` More timetables follow.</p></article></body></html>`
	r, err := Extract([]byte(page), "", "https://news.example/ferry", Options{})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "Image", r.Image, "https://news.example/p/ferry-top.jpg")
	expect(t, "ImageCaption", r.ImageCaption, "The new ferry leaves the harbour on its first crossing")
	if strings.Contains(r.HTML, "ferry-top") {
		t.Errorf("lead image repeated in the body:\n%s", r.HTML)
	}
	if !strings.Contains(r.HTML, "deck.jpg") {
		t.Errorf("body figure missing:\n%s", r.HTML)
	}
	if n := strings.Count(r.HTML, "Passengers on the upper deck"); n != 1 {
		t.Errorf("caption shown %d times, want once:\n%s", n, r.HTML)
	}
}

// BenchmarkScanMedia measures the walk that finds a page's media, the
// extra work media add to Extract besides placing them.
func BenchmarkScanMedia(b *testing.B) {
	var docs []*html.Node
	for _, p := range append(benchPages(b), mediaPage(b)) {
		doc, err := html.Parse(strings.NewReader(string(p)))
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
	}
	base, _ := url.Parse("https://bench.example/a")
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			scanMedia(d, base)
		}
	}
}

func mediaPage(b *testing.B) []byte {
	p, err := os.ReadFile(filepath.Join("testdata", "media_en.html"))
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// scanMedia records a page's anchors and media in a walk of its own.
func scanMedia(doc *html.Node, base *url.URL) *pageMedia {
	pm := newPageMedia(base)
	walk(doc, pm.visit)
	return pm
}
