package api

import (
	"strconv"
	"strings"
	"time"

	"newsdesk/internal/news"
)

// jsonTime is a time sent as RFC 3339 in UTC, or null when zero.
type jsonTime time.Time

// MarshalJSON writes the time as an RFC 3339 UTC string, or null.
func (t jsonTime) MarshalJSON() ([]byte, error) {
	tt := time.Time(t)
	if tt.IsZero() {
		return []byte("null"), nil
	}
	return []byte(strconv.Quote(tt.UTC().Format(time.RFC3339))), nil
}

// optID is an id sent as a number, or null when zero.
type optID int64

// MarshalJSON writes the id, or null when it is zero.
func (id optID) MarshalJSON() ([]byte, error) {
	if id == 0 {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, int64(id), 10), nil
}

// outletView names the publisher of an article.
type outletView struct {
	Name string `json:"name"`
	Slug string `json:"slug"`
}

// imageView is an article's lead image.
type imageView struct {
	URL     string `json:"url"`
	Caption string `json:"caption"`
}

// hashtagView is one hashtag of an article.
type hashtagView struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// articleBrief is an article in a list.
type articleBrief struct {
	ID          int64         `json:"id"`
	Title       string        `json:"title"`
	URL         string        `json:"url"`
	Canonical   string        `json:"canonical"`
	WebURL      string        `json:"web_url"`
	Outlet      outletView    `json:"outlet"`
	Published   jsonTime      `json:"published"`
	Updated     jsonTime      `json:"updated"`
	Byline      string        `json:"byline"`
	Section     string        `json:"section"`
	Lang        string        `json:"lang"`
	Image       *imageView    `json:"image"`
	Excerpt     string        `json:"excerpt"`
	Hashtags    []hashtagView `json:"hashtags"`
	WireCredit  string        `json:"wire_credit"`
	Partial     bool          `json:"partial"`
	StoryID     optID         `json:"story_id"`
	DuplicateOf optID         `json:"duplicate_of"`
}

// articleFull is an article with everything its page shows.
type articleFull struct {
	articleBrief
	HTML      string   `json:"html"`
	Text      string   `json:"text"`
	Summary   []string `json:"summary"`
	KeyPoints []string `json:"key_points"`
}

// editionFor picks the edition an article belongs to: the one in its
// language, else the first.
func (a *API) editionFor(lang string) news.Edition {
	for _, e := range a.o.Editions {
		if e.Lang == lang {
			return e
		}
	}
	return a.o.Editions[0]
}

// articleURL is the site's own page for an article.
func (a *API) articleURL(ar news.Article) string {
	return a.base + "/" + a.editionFor(ar.Lang).Code + "/article/" + strconv.FormatInt(ar.ID, 10)
}

// storyURL is the site's own page for a story.
func (a *API) storyURL(s news.Story) string {
	return a.base + "/" + a.editionFor(s.Lang).Code + "/story/" + strconv.FormatInt(s.ID, 10)
}

func (a *API) brief(ar news.Article) articleBrief {
	v := articleBrief{
		ID:          ar.ID,
		Title:       ar.Title,
		URL:         ar.URL,
		Canonical:   ar.CanonicalURL,
		WebURL:      a.articleURL(ar),
		Outlet:      outletView{Name: ar.SourceName, Slug: ar.SourceSlug},
		Published:   jsonTime(ar.Published),
		Updated:     jsonTime(ar.Updated),
		Byline:      ar.Byline,
		Section:     ar.Section,
		Lang:        ar.Lang,
		Excerpt:     ar.Excerpt,
		Hashtags:    make([]hashtagView, 0, len(ar.Hashtags)),
		WireCredit:  ar.WireCredit,
		Partial:     ar.Partial,
		StoryID:     optID(ar.StoryID),
		DuplicateOf: optID(ar.DuplicateOf),
	}
	if v.Canonical == "" {
		v.Canonical = ar.URL
	}
	if ar.ImageURL != "" {
		v.Image = &imageView{URL: ar.ImageURL, Caption: ar.ImageCaption}
	}
	for _, h := range ar.Hashtags {
		v.Hashtags = append(v.Hashtags, hashtagView{Slug: h.Slug, Name: h.Name, Kind: string(h.Kind)})
	}
	return v
}

func (a *API) briefs(list []news.Article) []articleBrief {
	out := make([]articleBrief, 0, len(list))
	for _, ar := range list {
		out = append(out, a.brief(ar))
	}
	return out
}

func (a *API) full(ar news.Article) articleFull {
	return articleFull{
		articleBrief: a.brief(ar),
		HTML:         ar.HTML,
		Text:         ar.Text,
		Summary:      nonNil(ar.Summary),
		KeyPoints:    nonNil(ar.KeyPoints),
	}
}

// nonNil makes a nil list an empty one, so JSON shows [] and not null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// storyView is a story in a list.
type storyView struct {
	ID             int64         `json:"id"`
	Title          string        `json:"title"`
	Section        string        `json:"section"`
	Lang           string        `json:"lang"`
	WebURL         string        `json:"web_url"`
	ArticleCount   int           `json:"article_count"`
	SourceCount    int           `json:"source_count"`
	FirstPublished jsonTime      `json:"first_published"`
	LastPublished  jsonTime      `json:"last_published"`
	Lead           *articleBrief `json:"lead"`
}

// storyDetail is a story with its articles.
type storyDetail struct {
	storyView
	Articles []articleBrief `json:"articles"`
}

func (a *API) story(s news.Story) storyView {
	v := storyView{
		ID:             s.ID,
		Title:          s.Title,
		Section:        s.Section,
		Lang:           s.Lang,
		WebURL:         a.storyURL(s),
		ArticleCount:   s.ArticleCount,
		SourceCount:    s.SourceCount,
		FirstPublished: jsonTime(s.FirstPublished),
		LastPublished:  jsonTime(s.LastPublished),
	}
	if s.Lead != nil {
		b := a.brief(*s.Lead)
		v.Lead = &b
	}
	return v
}

// commentView is a comment.
type commentView struct {
	ID        int64    `json:"id"`
	ArticleID int64    `json:"article_id"`
	ParentID  optID    `json:"parent_id"`
	UserName  string   `json:"user_name"`
	Body      string   `json:"body"`
	Status    string   `json:"status"`
	Created   jsonTime `json:"created"`
}

func commentOf(c news.Comment) commentView {
	return commentView{
		ID:        c.ID,
		ArticleID: c.ArticleID,
		ParentID:  optID(c.ParentID),
		UserName:  c.UserName,
		Body:      c.Body,
		Status:    string(c.Status),
		Created:   jsonTime(c.CreatedAt),
	}
}

// sourceHealth is how a source's feed has been doing.
type sourceHealth struct {
	Status          string   `json:"status"` // "ok", "failing" or "pending"
	LastFetch       jsonTime `json:"last_fetch"`
	LastStatus      int      `json:"last_status"`
	LastError       string   `json:"last_error"`
	FailCount       int      `json:"fail_count"`
	NextPoll        jsonTime `json:"next_poll"`
	IntervalSeconds int64    `json:"interval_seconds"`
	ItemsPerDay     float64  `json:"items_per_day"`
	// Push is the source's WebSub subscription, absent when its feed
	// announces no hub.
	Push *pushView `json:"push,omitempty"`
}

// pushView is where a source's WebSub subscription stands.
type pushView struct {
	Hub        string   `json:"hub"`
	State      string   `json:"state"` // pending, active, denied or unsubscribing
	LeaseUntil jsonTime `json:"lease_until"`
	LastPush   jsonTime `json:"last_push"`
	LastError  string   `json:"last_error"`
}

func pushOf(sub news.Subscription) *pushView {
	return &pushView{Hub: sub.Hub, State: string(sub.State), LeaseUntil: jsonTime(sub.LeaseUntil), LastPush: jsonTime(sub.LastPushAt), LastError: sub.LastError}
}

// sourceView is a source with its health.
type sourceView struct {
	ID      int64        `json:"id"`
	Name    string       `json:"name"`
	Slug    string       `json:"slug"`
	HomeURL string       `json:"home_url"`
	FeedURL string       `json:"feed_url"`
	Lang    string       `json:"lang"`
	Region  string       `json:"region"`
	Created jsonTime     `json:"created"`
	Health  sourceHealth `json:"health"`
}

func sourceOf(s news.Source) sourceView {
	f := s.Feed
	status := "ok"
	switch {
	case f.LastFetchAt.IsZero():
		status = "pending"
	case f.LastError != "" || f.FailCount > 0:
		status = "failing"
	}
	return sourceView{
		ID: s.ID, Name: s.Name, Slug: s.Slug, HomeURL: s.HomeURL, FeedURL: s.FeedURL,
		Lang: s.Lang, Region: s.Region, Created: jsonTime(s.CreatedAt),
		Health: sourceHealth{
			Status:          status,
			LastFetch:       jsonTime(f.LastFetchAt),
			LastStatus:      f.LastStatus,
			LastError:       f.LastError,
			FailCount:       f.FailCount,
			NextPoll:        jsonTime(f.NextPollAt),
			IntervalSeconds: int64(f.Interval / time.Second),
			ItemsPerDay:     f.ItemsPerDay,
		},
	}
}

// Search snippet markers, as the store writes them.
const (
	markStart = '\uE000'
	markEnd   = '\uE001'
)

// snippetView is a search snippet three ways: plain text, HTML with the
// matches in <mark> (everything else escaped), and the matches as rune
// offsets into the plain text.
type snippetView struct {
	Text       string   `json:"snippet"`
	HTML       string   `json:"snippet_html"`
	Highlights [][2]int `json:"highlights"`
}

// renderSnippet turns a marked snippet into its three forms. Unbalanced
// markers are tolerated: a stray end is dropped and an open mark is closed
// at the end.
func renderSnippet(s string) snippetView {
	var plain, htm strings.Builder
	v := snippetView{Highlights: [][2]int{}}
	open, start, pos := false, 0, 0
	for _, r := range s {
		switch r {
		case markStart:
			if !open {
				open, start = true, pos
				htm.WriteString("<mark>")
			}
		case markEnd:
			if open {
				open = false
				htm.WriteString("</mark>")
				if pos > start {
					v.Highlights = append(v.Highlights, [2]int{start, pos})
				}
			}
		default:
			plain.WriteRune(r)
			writeEscaped(&htm, r)
			pos++
		}
	}
	if open {
		htm.WriteString("</mark>")
		if pos > start {
			v.Highlights = append(v.Highlights, [2]int{start, pos})
		}
	}
	v.Text, v.HTML = plain.String(), htm.String()
	return v
}

// writeEscaped writes r to b, escaped for HTML text and attributes.
func writeEscaped(b *strings.Builder, r rune) {
	switch r {
	case '<':
		b.WriteString("&lt;")
	case '>':
		b.WriteString("&gt;")
	case '&':
		b.WriteString("&amp;")
	case '"':
		b.WriteString("&#34;")
	case '\'':
		b.WriteString("&#39;")
	default:
		b.WriteRune(r)
	}
}

// searchHitView is one search result.
type searchHitView struct {
	Article articleBrief `json:"article"`
	snippetView
	Rank float64 `json:"rank"`
}
