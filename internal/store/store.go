// Package store declares what every newsdesk store provides. The
// implementations live in the sqlite and postgres folders below; the
// contract suite in storetest checks that they behave the same.
package store

import (
	"context"
	"time"

	"newsdesk/internal/news"
)

// Store is everything a newsdesk store provides. Packages that use a store
// declare the smaller interfaces they need; this one is the union, checked
// by the contract suite, and what the command wires.
type Store interface {
	// Sources and their feeds.

	// CreateSource stores s and sets s.ID and s.CreatedAt. A source whose
	// feed URL or slug is taken gives news.ErrConflict. A new source is due
	// for polling at once.
	CreateSource(ctx context.Context, s *news.Source) error
	Source(ctx context.Context, id int64) (news.Source, error)
	SourceBySlug(ctx context.Context, slug string) (news.Source, error)
	// Sources lists every source by name.
	Sources(ctx context.Context) ([]news.Source, error)
	// DeleteSource removes a source, its items and its articles.
	DeleteSource(ctx context.Context, id int64) error
	// ClaimDueSources leases up to limit sources whose NextPollAt is at or
	// before now and that hold no unexpired lease, until now+lease. Two
	// callers never get the same source while its lease runs.
	ClaimDueSources(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]news.Source, error)
	// SaveFeedItems records one poll in a single transaction: it inserts the
	// items not seen before for this source (same GUID, or same URL) as
	// pending, stores the feed state and releases the source's lease. It
	// returns how many items were new.
	SaveFeedItems(ctx context.Context, sourceID int64, items []news.Item, state news.FeedState) (int, error)

	// SourceTemplate returns what has been learned about a source's pages;
	// an empty template when nothing has been.
	SourceTemplate(ctx context.Context, sourceID int64) (news.Template, error)
	// LearnTemplate records, in one transaction, that the page with this
	// key (its URL, say) of the source holds these blocks, and returns the
	// updated template. A page already learned changes nothing, so a
	// retried page is not counted twice. A missing source gives
	// news.ErrInvalid.
	LearnTemplate(ctx context.Context, sourceID int64, page string, blocks []uint64) (news.Template, error)

	// WebSub subscriptions (at most one per source, named by the token of
	// its callback address; deleting a source deletes its subscription).

	// PutSubscription stores sub as its source's subscription, replacing
	// the one the source had (whose token then names nothing), releases
	// any claim on it and sets sub.CreatedAt when it is zero. A missing
	// source, or a missing hub, topic, token or state, gives
	// news.ErrInvalid; a token another source's subscription holds gives
	// news.ErrConflict.
	PutSubscription(ctx context.Context, sub *news.Subscription) error
	// Subscription returns a source's subscription; news.ErrNotFound when
	// it has none.
	Subscription(ctx context.Context, sourceID int64) (news.Subscription, error)
	// SubscriptionByToken returns the subscription a callback token names.
	SubscriptionByToken(ctx context.Context, token string) (news.Subscription, error)
	// Subscriptions lists every subscription by source ID.
	Subscriptions(ctx context.Context) ([]news.Subscription, error)
	// UpdateSubscription reads the subscription a token names, lets fn
	// change it and stores the result, in one transaction that no other
	// update of it interleaves with, releases any claim on it and returns
	// what was stored. Changes fn makes to SourceID, Token and CreatedAt
	// are ignored. An error from fn changes nothing and is returned as it
	// is. fn must not use the store.
	UpdateSubscription(ctx context.Context, token string, fn func(*news.Subscription) error) (news.Subscription, error)
	// ClaimDueSubscriptions leases up to limit subscriptions whose RenewAt
	// is at or before now and that hold no unexpired claim, until
	// now+lease, earliest due first. Two callers never get the same
	// subscription while its claim runs.
	ClaimDueSubscriptions(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]news.Subscription, error)
	// DeleteSubscription removes the subscription a token names.
	DeleteSubscription(ctx context.Context, token string) error
	// SavePushedItems queues the items a hub pushed for a source exactly as
	// SaveFeedItems queues polled ones (same deduplication), and records at
	// as the LastPushAt of the source's subscription, in one transaction;
	// the feed state and the source's lease are left alone. It returns how
	// many items were new. A missing source gives news.ErrNotFound.
	SavePushedItems(ctx context.Context, sourceID int64, items []news.Item, at time.Time) (int, error)

	// The extraction queue.

	// ClaimItems leases up to limit pending items without an unexpired
	// lease until now+lease, oldest first, and counts an attempt on each.
	ClaimItems(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]news.Item, error)
	Item(ctx context.Context, id int64) (news.Item, error)
	// RetryItem releases an item's lease with an error message; it stays
	// pending and is claimable again at or after retryAt. After maxAttempts
	// attempts in all it is marked failed instead.
	RetryItem(ctx context.Context, id int64, errMsg string, retryAt time.Time, maxAttempts int) error
	// FinishItem marks an item done without an article of its own (a
	// duplicate URL, say).
	FinishItem(ctx context.Context, id int64) error

	// Articles.

	// SaveArticle stores a in one transaction with its hashtags and marks
	// its item done. It sets a.ID and a.CreatedAt. Saving an article for an
	// item that already has one updates that article instead (processing is
	// idempotent). An article whose canonical URL is taken by another item's
	// article gives news.ErrConflict.
	SaveArticle(ctx context.Context, a *news.Article) error
	// Article returns an article with its source name, slug and hashtags.
	Article(ctx context.Context, id int64) (news.Article, error)
	// ArticleByURL finds an article by canonical URL or URL.
	ArticleByURL(ctx context.Context, url string) (news.Article, error)
	// ArticleByHash finds the earliest article with this content hash.
	ArticleByHash(ctx context.Context, hash string) (news.Article, error)
	// Articles lists articles newest first (by Published, then ID), with
	// source names and hashtags.
	Articles(ctx context.Context, f news.ArticleFilter) ([]news.Article, error)
	// Search runs a full-text query over titles and bodies. The query
	// syntax is web-search style: words, "quoted phrases", -excluded, OR.
	Search(ctx context.Context, query string, f news.ArticleFilter) ([]news.SearchHit, error)

	// Stories.

	// CreateStory stores s and sets s.ID.
	CreateStory(ctx context.Context, s *news.Story) error
	// UpdateStory stores the title, section, lead and terms of s.
	UpdateStory(ctx context.Context, s *news.Story) error
	// Story returns a story with counts and first/last times derived from its
	// articles, and Lead filled.
	Story(ctx context.Context, id int64) (news.Story, error)
	// Stories lists stories by latest article, newest first, with counts and
	// Lead filled.
	Stories(ctx context.Context, f news.StoryFilter) ([]news.Story, error)
	// SetArticleStory moves an article to a story.
	SetArticleStory(ctx context.Context, articleID, storyID int64) error

	// Hashtags.

	Hashtag(ctx context.Context, slug string) (news.Hashtag, error)
	// TopHashtags counts hashtags over articles published at or after since,
	// most used first.
	TopHashtags(ctx context.Context, lang string, since time.Time, limit int) ([]news.HashtagCount, error)

	// Comments.

	// AddComment stores c and sets c.ID and c.CreatedAt. A comment on a
	// missing article, or with a parent on another article, gives
	// news.ErrInvalid.
	AddComment(ctx context.Context, c *news.Comment) error
	// Comments lists an article's comments oldest first, with user names;
	// only visible ones unless all is true.
	Comments(ctx context.Context, articleID int64, all bool) ([]news.Comment, error)
	// CommentsByStatus lists comments in a moderation state, oldest first.
	CommentsByStatus(ctx context.Context, status news.CommentStatus, limit int) ([]news.Comment, error)
	SetCommentStatus(ctx context.Context, id int64, status news.CommentStatus) error
	// CountRecentComments counts a user's comments created at or after since.
	CountRecentComments(ctx context.Context, userID int64, since time.Time) (int, error)

	// Users and sessions.

	// CreateUser stores u and sets u.ID and u.CreatedAt. A name taken in
	// any letter case gives news.ErrConflict.
	CreateUser(ctx context.Context, u *news.User) error
	User(ctx context.Context, id int64) (news.User, error)
	// UserByName finds a user by name in any letter case.
	UserByName(ctx context.Context, name string) (news.User, error)
	// CreateSession stores s; s.Token is already a hash of the cookie value.
	CreateSession(ctx context.Context, s news.Session) error
	// Session returns an unexpired session by token hash.
	Session(ctx context.Context, token string, now time.Time) (news.Session, error)
	DeleteSession(ctx context.Context, token string) error

	// Coordination between processes.

	// ReserveHost books the next request to host for any process sharing
	// the store: it returns the earliest time at or after now that is at
	// least interval after the start booked before it, and books it.
	ReserveHost(ctx context.Context, host string, now time.Time, interval time.Duration) (time.Time, error)
	// Lock takes the named lock, waiting while another holder has it,
	// until ctx ends. The lock is held until release is called, or for ttl
	// if the holder never releases it (a process that died).
	Lock(ctx context.Context, name string, ttl time.Duration) (release func() error, err error)

	// Moving house.

	// Export calls fn with every record of the store, each with its
	// original ID, in an order Import can replay: sources, users, items,
	// stories, articles, comments, templates, WebSub subscriptions, and
	// then the stories once more, so that Import can set each story's lead
	// now that the lead article is there. Sessions, leases and schedules
	// are not exported.
	Export(ctx context.Context, fn func(news.Record) error) error
	// Import stores a record under its original ID. A record whose ID is
	// already stored is left as it is (so an interrupted copy can be run
	// again), except that a story without a lead gets the one named if
	// that article is there.
	Import(ctx context.Context, rec news.Record) error

	// Stats counts what is stored.
	Stats(ctx context.Context) (news.Stats, error)
	// Ping checks the store is reachable.
	Ping(ctx context.Context) error
	Close() error
}
