package news

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"time"
)

// ID returns the record's original ID (a template's source ID).
func (r Record) ID() int64 {
	switch {
	case r.Source != nil:
		return r.Source.ID
	case r.User != nil:
		return r.User.ID
	case r.Item != nil:
		return r.Item.ID
	case r.Story != nil:
		return r.Story.ID
	case r.Article != nil:
		return r.Article.ID
	case r.Comment != nil:
		return r.Comment.ID
	case r.Template != nil:
		return r.Template.SourceID
	case r.Subscription != nil:
		return r.Subscription.SourceID
	}
	return 0
}

// Checksum is a digest of the record's stored content, the same for the
// same content in any store: times count to the microsecond in UTC, and
// fields that reads fill in for display or derive from other rows are
// left out.
func (r Record) Checksum() ([32]byte, error) {
	var v any
	switch {
	case r.Source != nil:
		s := *r.Source
		s.CreatedAt = micro(s.CreatedAt)
		s.Feed.LastFetchAt, s.Feed.NextPollAt = micro(s.Feed.LastFetchAt), micro(s.Feed.NextPollAt)
		if len(s.Headers) == 0 {
			s.Headers = nil
		}
		v = s
	case r.User != nil:
		u := *r.User
		u.CreatedAt = micro(u.CreatedAt)
		v = u
	case r.Item != nil:
		it := *r.Item
		it.Published, it.CreatedAt = micro(it.Published), micro(it.CreatedAt)
		if len(it.Categories) == 0 {
			it.Categories = nil
		}
		v = it
	case r.Story != nil:
		st := Story{ID: r.Story.ID, Title: r.Story.Title, Section: r.Story.Section, Lang: r.Story.Lang, LeadArticleID: r.Story.LeadArticleID, Terms: r.Story.Terms}
		if len(st.Terms) == 0 {
			st.Terms = nil
		}
		v = st
	case r.Article != nil:
		a := *r.Article
		a.Published, a.Updated, a.CreatedAt = micro(a.Published), micro(a.Updated), micro(a.CreatedAt)
		a.SourceName, a.SourceSlug = "", ""
		if len(a.Summary) == 0 {
			a.Summary = nil
		}
		if len(a.KeyPoints) == 0 {
			a.KeyPoints = nil
		}
		if len(a.Hashtags) == 0 {
			a.Hashtags = nil
		}
		v = a
	case r.Comment != nil:
		c := *r.Comment
		c.CreatedAt = micro(c.CreatedAt)
		c.UserName = ""
		v = c
	case r.Template != nil:
		v = *r.Template
	case r.Subscription != nil:
		s := *r.Subscription
		s.LeaseUntil, s.RenewAt, s.VerifiedAt = micro(s.LeaseUntil), micro(s.RenewAt), micro(s.VerifiedAt)
		s.LastPushAt, s.CreatedAt = micro(s.LastPushAt), micro(s.CreatedAt)
		v = s
	default:
		return [32]byte{}, fmt.Errorf("news: checksum of an empty record: %w", ErrInvalid)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return [32]byte{}, fmt.Errorf("news: checksum of %s %d: %w", r.Kind(), r.ID(), err)
	}
	return sha256.Sum256(append([]byte(r.Kind()+"\x00"), b...)), nil
}

// micro is t in UTC to the microsecond, the precision every store keeps.
func micro(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(time.Microsecond)
}
