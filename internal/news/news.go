// Package news holds newsdesk's domain types and the kinds of error every
// layer agrees on. It imports only the standard library.
package news

import (
	"errors"
	"time"
)

// Error kinds. Wrap them with context; the HTTP layer maps them to status
// codes in one place.
var (
	// ErrNotFound means the thing asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid means the input was malformed or broke a rule.
	ErrInvalid = errors.New("invalid")
	// ErrConflict means the write clashes with what is stored (a taken name, say).
	ErrConflict = errors.New("conflict")
	// ErrUnavailable means a dependency could not be reached or refused to serve.
	ErrUnavailable = errors.New("unavailable")
	// ErrForbidden means the caller may not do this.
	ErrForbidden = errors.New("forbidden")
)

// Source is a publisher with one feed that newsdesk polls.
type Source struct {
	ID      int64
	Name    string // display name of the outlet, "The Harbour Times"
	Slug    string // URL-safe key, unique
	HomeURL string
	FeedURL string // unique
	Lang    string // ISO 639-1 language of the outlet, "" when unknown
	Region  string // ISO 3166 region, "" when unknown
	// AllowPrivate lets the fetcher reach loopback and private addresses for
	// this source only (the demo publishers use it).
	AllowPrivate bool
	// UserAgent, when set, is sent in place of the configured user agent
	// on this source's feed and page requests.
	UserAgent string
	// Headers are extra request headers for this source's feed and page
	// requests (a cookie or token the publisher asked for, say); nil when
	// none.
	Headers   map[string]string
	CreatedAt time.Time
	Feed      FeedState
}

// FeedState is what the poller remembers about a source's feed.
type FeedState struct {
	ETag         string
	LastModified string
	LastFetchAt  time.Time // zero when never fetched
	LastStatus   int       // HTTP status of the last fetch, 0 when it never got one
	LastError    string    // plain-words error of the last fetch, "" when it worked
	FailCount    int       // consecutive failures
	NextPollAt   time.Time
	Interval     time.Duration // current polling interval
	ItemsPerDay  float64       // recent publishing rate
}

// ItemState is where an item is in the extraction queue.
type ItemState string

// Item states.
const (
	ItemPending ItemState = "pending" // waiting to be fetched and extracted
	ItemDone    ItemState = "done"    // an article was stored (or matched a duplicate)
	ItemFailed  ItemState = "failed"  // gave up after too many attempts
)

// Item is one feed entry, stored when first seen and queued for extraction.
type Item struct {
	ID         int64
	SourceID   int64
	GUID       string // the feed's id for the entry, or its link
	URL        string
	Title      string
	Summary    string // plain text
	Content    string // HTML from the feed, unsanitized
	Author     string
	Published  time.Time // zero when the feed gave none
	ImageURL   string
	Categories []string
	State      ItemState
	Attempts   int
	Error      string
	CreatedAt  time.Time
}

// Article is a clean, analysed page ready to show to readers.
type Article struct {
	ID           int64
	SourceID     int64
	ItemID       int64
	URL          string
	CanonicalURL string
	Title        string
	Byline       string
	Published    time.Time
	Updated      time.Time // zero when never updated
	Lang         string
	Section      string // section slug, "world", "business", ...
	ImageURL     string
	ImageCaption string
	HTML         string // sanitized body
	Text         string // plain-text body, paragraphs separated by blank lines
	Excerpt      string
	ContentHash  string // fingerprint of the normalised body
	Simhash      uint64 // near-duplicate fingerprint
	DuplicateOf  int64  // earlier article this is a copy of, 0 when original
	StoryID      int64
	WireCredit   string // "Reuters" when the copy is syndicated
	Partial      bool   // the page was walled; the feed's text is shown
	Summary      []string
	KeyPoints    []string
	Hashtags     []Hashtag
	CreatedAt    time.Time

	// Filled by reads for display; ignored on write.
	SourceName string
	SourceSlug string
}

// Story groups the coverage of one event.
type Story struct {
	ID             int64
	Title          string
	Section        string
	Lang           string
	ArticleCount   int
	SourceCount    int
	FirstPublished time.Time
	LastPublished  time.Time
	LeadArticleID  int64
	// Terms is the story's centroid, term to weight, kept by the clusterer.
	Terms map[string]float64
	// Filled by reads for display.
	Lead *Article
}

// HashtagKind says what a hashtag names.
type HashtagKind string

// Hashtag kinds.
const (
	KindPerson HashtagKind = "person"
	KindPlace  HashtagKind = "place"
	KindOrg    HashtagKind = "org"
	KindTopic  HashtagKind = "topic"
)

// Hashtag is a person, place, organisation or topic an article is about.
type Hashtag struct {
	Slug string // "angela-merkel"
	Name string // "Angela Merkel"
	Kind HashtagKind
}

// Section is a part of the front page.
type Section struct {
	Slug string
	Name string
}

// CommentStatus is the moderation state of a comment.
type CommentStatus string

// Comment states.
const (
	CommentVisible CommentStatus = "visible"
	CommentHeld    CommentStatus = "held"    // waiting for a moderator
	CommentRemoved CommentStatus = "removed" // hidden by a moderator
)

// Comment is a reader's comment on an article.
type Comment struct {
	ID        int64
	ArticleID int64
	ParentID  int64 // 0 for a top-level comment
	UserID    int64
	UserName  string // filled by reads
	Body      string // plain text
	Status    CommentStatus
	CreatedAt time.Time
}

// User is a reader or an administrator.
type User struct {
	ID           int64
	Name         string // unique, case-insensitive
	Email        string
	PasswordHash string
	Admin        bool
	CreatedAt    time.Time
}

// Session is a signed-in browser.
type Session struct {
	Token     string // random, stored hashed
	UserID    int64
	CSRF      string
	ExpiresAt time.Time
}

// ArticleFilter selects a list of articles. Zero fields select everything.
type ArticleFilter struct {
	Lang     string
	Section  string
	SourceID int64
	StoryID  int64
	Hashtag  string    // hashtag slug
	Before   time.Time // only articles published before this time (paging)
	Since    time.Time // only articles published at or after this time
	// Originals leaves out articles that are duplicates of another.
	Originals bool
	Limit     int // 0 means a store default of 50
}

// StoryFilter selects a list of stories for a front or section page.
type StoryFilter struct {
	Lang    string
	Section string
	Since   time.Time // only stories with an article at or after this time
	Limit   int       // 0 means a store default of 30
}

// SearchHit is one search result.
type SearchHit struct {
	Article Article
	// Snippet is plain text with the matched terms wrapped in the runes
	// U+E000 (start) and U+E001 (end), so the web layer can escape the text
	// and then mark the matches.
	Snippet string
	Rank    float64
}

// HashtagCount is a hashtag with how many articles carry it.
type HashtagCount struct {
	Hashtag
	Count int
}

// Stats are counts for the admin and health pages.
type Stats struct {
	Sources      int
	ItemsPending int
	ItemsFailed  int
	Articles     int
	Stories      int
	Comments     int
	Users        int
}

// Edition is a language and region version of the site, such as English or
// German, with its own front page.
type Edition struct {
	Code string // URL key, "en"
	Name string // "English"
	Lang string // ISO 639-1 language of its articles
}

// DefaultSections are the sections newsdesk files articles under.
func DefaultSections() []Section {
	return []Section{
		{Slug: "world", Name: "World"},
		{Slug: "politics", Name: "Politics"},
		{Slug: "business", Name: "Business"},
		{Slug: "technology", Name: "Technology"},
		{Slug: "science", Name: "Science"},
		{Slug: "health", Name: "Health"},
		{Slug: "sport", Name: "Sport"},
		{Slug: "culture", Name: "Culture"},
	}
}

// Template is what newsdesk has learned about one outlet's pages: how many
// of its pages it has seen, and on how many of them each body block (a
// paragraph, list item or heading, by its extract.BlockKey) appeared.
// Blocks that recur across an outlet's pages are its boilerplate: promos,
// sign-offs, disclaimers.
type Template struct {
	SourceID int64
	Pages    int
	Blocks   map[uint64]int
}

// TemplateMinPages is on how many pages of an outlet a block must appear
// before it counts as boilerplate. A block on one page only is never
// boilerplate.
const TemplateMinPages = 3

// TemplateMinShare says that a block must also appear on at least one in
// this many of the outlet's pages: boilerplate runs across an outlet's
// pages, while a sentence that a few articles share (a standard line of
// background, say) does not.
const TemplateMinShare = 5

// Boilerplate reports whether the block with this key is part of the
// outlet's template.
func (t Template) Boilerplate(key uint64) bool {
	n := t.Blocks[key]
	return n >= TemplateMinPages && n*TemplateMinShare >= t.Pages
}

// Record is one stored thing with its original ID, as a store exports it
// and another imports it when an installation moves house. Exactly one
// field is set.
type Record struct {
	Source   *Source
	User     *User
	Item     *Item
	Story    *Story
	Article  *Article
	Comment  *Comment
	Template *Template
	// Subscription is a source's WebSub subscription; its ID is the
	// source's.
	Subscription *Subscription
}

// Kind names the record's kind: "source", "user", "item", "story",
// "article", "comment", "template" or "subscription".
func (r Record) Kind() string {
	switch {
	case r.Source != nil:
		return "source"
	case r.User != nil:
		return "user"
	case r.Item != nil:
		return "item"
	case r.Story != nil:
		return "story"
	case r.Article != nil:
		return "article"
	case r.Comment != nil:
		return "comment"
	case r.Template != nil:
		return "template"
	case r.Subscription != nil:
		return "subscription"
	}
	return ""
}
