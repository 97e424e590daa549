package extract

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"newsdesk/internal/sanitize"
)

const (
	paraOne   = `<p>The council approved the new harbour budget on Tuesday after a long debate about repairs.</p>`
	paraTwo   = `<p>Work on the northern quay will start in spring and should take about two years to finish.</p>`
	paraThree = `<p>Residents asked for a footpath along the water, which the plan now includes at no extra cost.</p>`
	leadPara  = `<p class="lead">The town will spend more on its harbour than on any project in the last ten years.</p>`
)

func TestVote(t *testing.T) {
	tests := []struct {
		name       string
		body, cand string
		want, not  []string // text that must and must not be in the body afterwards
	}{
		{
			name: "lead only the candidate has is put back first",
			body: paraOne + paraTwo + paraThree,
			cand: `<div>` + leadPara + paraOne + paraTwo + paraThree + `</div>`,
			want: []string{"The town will spend more on its harbour than on any project in the last ten years. The council approved"},
		},
		{
			name: "a date line between lead and body is passed over, not kept",
			body: paraOne + paraTwo,
			cand: `<div>` + leadPara + `<p>14 March 2024</p>` + paraOne + paraTwo + `</div>`,
			want: []string{"ten years. The council approved"},
			not:  []string{"14 March 2024"},
		},
		{
			name: "a caption before the body is not a lead",
			body: paraOne + paraTwo,
			cand: `<div><figure><figcaption><p>The harbour at dawn, seen from the old lighthouse on the hill.</p></figcaption></figure>` + paraOne + paraTwo + `</div>`,
			not:  []string{"lighthouse"},
		},
		{
			name: "a heading ends the search for a lead",
			body: paraOne + paraTwo,
			cand: `<div>` + leadPara + `<h2>Budget</h2>` + paraOne + paraTwo + `</div>`,
			not:  []string{"ten years"},
		},
		{
			name: "no lead when the candidate does not share the body's opening",
			body: paraOne + paraTwo,
			cand: `<div>` + leadPara + paraThree + `</div>`,
			not:  []string{"ten years"},
		},
		{
			name: "closing section only the body has is dropped",
			body: paraOne + paraTwo + paraThree + `<p>More from the coast</p><p>Ferry timetable changes for summer</p>`,
			cand: `<div>` + paraOne + paraTwo + paraThree + `</div>`,
			want: []string{"no extra cost."},
			not:  []string{"More from the coast", "Ferry timetable"},
		},
		{
			name: "closing section the candidate also has stays",
			body: paraOne + paraTwo + paraThree + `<h2>What comes next</h2><p>The plan goes to the regional board in May for a final vote.</p>`,
			cand: `<div>` + paraOne + paraTwo + paraThree + `<h2>What comes next</h2><p>The plan goes to the regional board in May for a final vote.</p></div>`,
			want: []string{"What comes next", "final vote."},
		},
		{
			name: "closing paragraph without a heading stays",
			body: paraOne + paraTwo + paraThree + `<p>The plan goes to the regional board in May for a final vote.</p>`,
			cand: `<div>` + paraOne + paraTwo + paraThree + `</div>`,
			want: []string{"final vote."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := parseBody(t, tt.body)
			cand := parseBody(t, tt.cand)
			vote(body, cand, nil)
			checkText(t, body, tt.want, tt.not)
		})
	}
}

func TestCaptionClass(t *testing.T) {
	tests := []struct {
		class string
		want  bool
	}{
		{"wp-caption-text", true},
		{"InlineImage-imageEmbedCaption", true},
		{"featured-image-caption", true},
		{"photo-credit", true},
		{"caption", true},
		{"article-body", false},
		{"captionless-layout", false},
		{"story-lead-text", false},
	}
	for _, tt := range tests {
		n := parseBody(t, `<div class="`+tt.class+`">x</div>`).FirstChild
		if got := captionClass(n); got != tt.want {
			t.Errorf("captionClass(%q) = %v, want %v", tt.class, got, tt.want)
		}
	}
}

func TestShapeRules(t *testing.T) {
	tests := []struct {
		name    string
		url     string
		anchors []string
		body    string
		want    []string
		not     []string
	}{
		{
			name:    "label before another article's link",
			anchors: []string{"Storm closes the mountain pass for a week"},
			body:    paraOne + `<p>Lea también: Storm closes the mountain pass for a week</p>` + paraTwo,
			want:    []string{"The council approved", "Work on the northern quay"},
			not:     []string{"mountain pass"},
		},
		{
			name: "label before text that is no link stays",
			body: paraOne + `<p>Update: Storm closes the mountain pass for a week</p>` + paraTwo,
			want: []string{"mountain pass"},
		},
		{
			name: "metadata fields before the first paragraph",
			body: `<p>05/10/2018 - Posted by: Ana Lima - Category: Health - Tags: harbour</p>` + paraOne,
			want: []string{"The council approved"},
			not:  []string{"Posted by"},
		},
		{
			name: "sign-in line, e-mail contact and sign-up at the end",
			body: paraOne + paraTwo + `<p>Email Ana Lima at ana@news.example or follow her on the site.</p><p>Plenty more where that came from. Sign up for the free daily newsletter.</p><p>You must log in to post a comment.</p>`,
			want: []string{"northern quay"},
			not:  []string{"ana@news.example", "newsletter", "log in"},
		},
		{
			name: "the publisher's description of itself after a press release",
			url:  "https://www.harbourtech.example/news/1",
			body: paraOne + paraTwo + `<p>HarbourTech is a global provider of port software. It employs 1,300 people.</p><p>HarbourTech is headquartered in Oslo.</p>`,
			want: []string{"northern quay"},
			not:  []string{"global provider", "Oslo"},
		},
		{
			name: "another company's description stays",
			url:  "https://www.news.example/business/1",
			body: paraOne + paraTwo + `<p>HarbourTech is a global provider of port software, with offices in nine countries.</p>`,
			want: []string{"global provider"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newCleaner(&Result{URL: tt.url}, Options{})
			for _, a := range tt.anchors {
				c.addAnchor(a)
			}
			body := parseBody(t, tt.body)
			c.clean(body)
			checkText(t, body, tt.want, tt.not)
		})
	}
}

// checkText checks that body's text holds every string of want and none
// of not.
func checkText(t *testing.T, body *html.Node, want, not []string) {
	t.Helper()
	got := strings.Join(strings.Fields(sanitize.NodeText(body)), " ")
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("text lacks %q:\n%s", w, got)
		}
	}
	for _, w := range not {
		if strings.Contains(got, w) {
			t.Errorf("text has %q:\n%s", w, got)
		}
	}
}

// TestVoteShortcut checks that when the body and the candidate open and
// close with the same block, voting on the whole block lists changes
// nothing, so that vote may skip it: on the test pages' real pairs and on
// made-up ones.
func TestVoteShortcut(t *testing.T) {
	type pair struct {
		name       string
		body, cand *html.Node
	}
	var pairs []pair
	for f, doc := range testPages(t) {
		cand := readabilityCandidate(doc, nil)
		opts := extractorOptions(nil)
		opts.FallbackCandidates = &trafilatura.FallbackCandidates{Readability: cand}
		r, err := trafilatura.ExtractDocument(doc, opts)
		if err != nil || r.ContentNode == nil || r.ContentNode == cand {
			continue
		}
		fixAtoms(r.ContentNode)
		pairs = append(pairs, pair{f, r.ContentNode, cand})
	}
	for _, c := range [][2]string{
		{paraOne + paraTwo + paraThree, `<div>` + paraOne + paraTwo + paraThree + `</div>`},
		{paraOne + `<h2>Budget</h2>` + paraTwo + paraThree, `<div>` + paraOne + paraThree + `</div>`},
		{`<div><p></p>` + paraOne + `</div>` + paraTwo + paraThree, `<div>` + paraOne + `<section>` + paraTwo + paraThree + `</section></div>`},
		{paraOne + paraTwo + paraThree + `<p>More from the coast</p>`, `<div>` + paraOne + paraTwo + `</div>`},
	} {
		pairs = append(pairs, pair{c[0], parseBody(t, c[0]), parseBody(t, c[1])})
	}
	shortcuts := 0
	for _, p := range pairs {
		f := endKey(p.cand, false, nil)
		if f == "" || f != endKey(p.body, false, nil) || endKey(p.cand, true, nil) != endKey(p.body, true, nil) {
			continue
		}
		shortcuts++
		render := func() string {
			var b bytes.Buffer
			if err := html.Render(&b, p.body); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		before := render()
		voteBlockLists(p.body, p.cand, nil)
		if after := render(); after != before {
			t.Errorf("%s: the ends agree, but voting changed the body:\n%s\n->\n%s", p.name, before, after)
		}
	}
	t.Logf("%d of %d pairs agree at both ends", shortcuts, len(pairs))
	if shortcuts < 3 {
		t.Errorf("only %d pairs agree at both ends; the test exercises too little", shortcuts)
	}
	// The ends are the first and last blocks with text, as in the lists.
	body := parseBody(t, `<p> </p><div>`+paraOne+`<ul><li>One item</li></ul></div><p></p>`)
	if got, want := endKey(body, false, nil), norm(strings.TrimSuffix(strings.TrimPrefix(paraOne, "<p>"), "</p>")); got != want {
		t.Errorf("first key %q, want %q", got, want)
	}
	if got := endKey(body, true, nil); got != "one item" {
		t.Errorf("last key %q, want %q", got, "one item")
	}
}

// TestBlockMemo checks that the blocks the vote measured and the cleaning
// reads again are the blocks as they are: the whole cleaning of the test
// pages with and without the memo, and a block whose text the leftover
// rules change after it was measured.
func TestBlockMemo(t *testing.T) {
	run := func(doc *html.Node, memo blockMemo) (string, []uint64) {
		body, _, _ := mainContent(doc, nil, memo)
		if body == nil {
			return "", nil
		}
		c := newCleaner(&Result{}, Options{})
		c.memo = memo
		c.clean(body)
		var b bytes.Buffer
		if err := html.Render(&b, body); err != nil {
			t.Fatal(err)
		}
		return b.String(), c.res.Blocks
	}
	for f := range testPages(t) {
		a, ka := run(testPages(t)[f], nil)
		b, kb := run(testPages(t)[f], blockMemo{})
		if a != b || !slices.Equal(ka, kb) {
			t.Errorf("%s: cleaning with the memo differs from cleaning without", f)
		}
	}
	body := parseBody(t, `<p>The council approved the budget. [caption id="a"]A quay[/caption]</p><p>Work starts in spring. Photo: Jane Roe</p>`)
	memo := blockMemo{}
	before := collectBlocks(body, memo)
	c := newCleaner(&Result{}, Options{})
	c.memo = memo
	c.stripLeftovers(body)
	after, fresh := collectBlocks(body, memo), collectBlocks(body, nil)
	if slices.EqualFunc(before, fresh, func(x, y block) bool { return x.text == y.text }) {
		t.Fatal("the leftover rules changed nothing; the test exercises too little")
	}
	if !slices.EqualFunc(after, fresh, func(x, y block) bool { return x.text == y.text && x.folded == y.folded && x.words == y.words }) {
		t.Errorf("remembered blocks %+v, measured afresh %+v", after, fresh)
	}
}
