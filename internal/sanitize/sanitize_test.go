package sanitize

import (
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	const base = "https://news.example/world/story.html"
	tests := []struct {
		name, in, want string
	}{
		{"paragraph kept", `<p>Hello <em>world</em></p>`, `<p>Hello <em>world</em></p>`},
		{"script dropped with content", `<p>a<script>alert(1)</script>b</p>`, `<p>ab</p>`},
		{"event handler dropped", `<p onclick="x()">a</p>`, `<p>a</p>`},
		{"style dropped", `<p style="color:red">a</p><style>p{}</style>`, `<p>a</p>`},
		{"relative link resolved", `<a href="../x.html">x</a>`, `<a href="https://news.example/x.html" rel="nofollow noopener" target="_blank">x</a>`},
		{"javascript link dropped", `<a href="javascript:alert(1)">x</a>`, `x`},
		{"mailto kept", `<a href="mailto:desk@news.example">m</a>`, `<a href="mailto:desk@news.example" rel="nofollow">m</a>`},
		{"image resolved", `<img src="/i.jpg" alt="A">`, `<img src="https://news.example/i.jpg" alt="A"/>`},
		{"lazy image", `<img src="data:image/gif;base64,R0lG" data-src="/big.jpg">`, `<img src="https://news.example/big.jpg"/>`},
		{"data image dropped", `<img src="data:image/svg+xml,<svg onload=alert(1)>">`, ``},
		{"iframe dropped", `<iframe src="https://evil.example"></iframe><p>t</p>`, `<p>t</p>`},
		{"svg dropped", `<svg><script>alert(1)</script><text>s</text></svg>`, ``},
		{"form dropped", `<form action="/x"><input name=a><p>in form</p></form>`, ``},
		{"h1 becomes h2", `<h1>Head</h1>`, `<h2>Head</h2>`},
		{"table kept", `<table><tr><td colspan="2">c</td></tr></table>`, `<table><tbody><tr><td colspan="2">c</td></tr></tbody></table>`},
		{"time kept", `<time datetime="2024-05-01T10:00:00Z">May 1</time>`, `<time datetime="2024-05-01T10:00:00Z">May 1</time>`},
		{"figure with credit", `<figure class="x"><img src="/p.jpg" alt="Pier" onerror="alert(1)" loading="lazy"><figcaption>The pier <span class="credit">Photo: Ana</span></figcaption></figure>`,
			`<figure><img src="https://news.example/p.jpg" alt="Pier" loading="lazy"/><figcaption>The pier <span class="credit">Photo: Ana</span></figcaption></figure>`},
		{"unknown class dropped", `<p class="partial notice">a</p><span class="evil">b</span>`, `<p>a</p><span>b</span>`},
		{"allowed frame sandboxed", `<figure class="embed video"><iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="YouTube video" sandbox="allow-scripts allow-same-origin allow-top-navigation" loading="lazy" referrerpolicy="no-referrer" allowfullscreen onload="x()">fallback</iframe></figure>`,
			`<figure class="embed video"><iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="YouTube video" sandbox="allow-scripts allow-same-origin" loading="lazy" referrerpolicy="no-referrer" allowfullscreen=""></iframe></figure>`},
		{"frame gets a sandbox", `<iframe src="https://player.vimeo.com/video/76979871?dnt=1"></iframe>`, `<iframe src="https://player.vimeo.com/video/76979871?dnt=1" sandbox=""></iframe>`},
		{"frame to unlisted host dropped", `<iframe src="https://evil.example/embed/dQw4w9WgXcQ"></iframe><p>t</p>`, `<p>t</p>`},
		{"tracking youtube frame dropped", `<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>`, ``},
		{"frame lookalike host dropped", `<iframe src="https://www.youtube-nocookie.com.evil.example/embed/dQw4w9WgXcQ"></iframe>`, ``},
		{"javascript frame dropped", `<iframe src="javascript:alert(1)"></iframe><iframe src=" JaVaScRiPt:alert(1)//https://player.vimeo.com/video/1?dnt=1"></iframe>`, ``},
		{"javascript image dropped", `<img src="javascript:alert(1)" alt="x">`, `<img alt="x"/>`},
		{"meta base dropped", `<meta http-equiv="refresh" content="0;url=x"><base href="https://evil.example/">ok`, `ok`},
	}
	s := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.HTML(tt.in, base); got != tt.want {
				t.Errorf("HTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestHTMLWithoutBaseDropsRelative(t *testing.T) {
	got := HTML(`<a href="/x">x</a><img src="y.png">`, "")
	if strings.Contains(got, "href") || strings.Contains(got, "src") {
		t.Errorf("relative URLs survived without a base: %q", got)
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"paragraphs", `<p>One  two</p><p>Three</p>`, "One two\n\nThree"},
		{"br", `<p>a<br>b</p>`, "a\nb"},
		{"soft hyphen", "<p>Zei\u00adtung</p>", "Zeitung"},
		{"script skipped", `<p>a</p><script>var x</script><p>b</p>`, "a\n\nb"},
		{"inline kept together", `<p>a <b>b</b> <a href="#">c</a></p>`, "a b c"},
		{"list items", `<ul><li>x</li><li>y</li></ul>`, "x\n\ny"},
		{"entities", `<p>Fish &amp; chips</p>`, "Fish & chips"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func BenchmarkHTML(b *testing.B) {
	in := strings.Repeat(`<p class="x" onclick="y()">Some <a href="/rel">text</a> with <img src="i.jpg"> and <script>bad()</script></p>`, 50)
	s := New()
	b.ReportAllocs()
	for b.Loop() {
		s.HTML(in, "https://news.example/a")
	}
}
