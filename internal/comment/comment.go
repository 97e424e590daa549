// Package comment accepts readers' comments: it checks their length, limits
// how fast one reader may post, holds likely spam for moderation and keeps
// replies on the article of their parent.
package comment

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"newsdesk/internal/auth"
	"newsdesk/internal/news"
)

// Store is what the comment service needs from a store.
type Store interface {
	AddComment(ctx context.Context, c *news.Comment) error
	Comments(ctx context.Context, articleID int64, all bool) ([]news.Comment, error)
	CountRecentComments(ctx context.Context, userID int64, since time.Time) (int, error)
}

// MaxLen is the longest comment body accepted, in characters.
const MaxLen = 5000

// Options configure a Service.
type Options struct {
	// PerMinute is how many comments one reader may post in a minute; zero
	// means 5.
	PerMinute int
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Service posts comments.
type Service struct {
	store   Store
	opt     Options
	limiter *auth.Limiter
}

// New returns a comment service over s.
func New(s Store, o Options) *Service {
	if o.PerMinute <= 0 {
		o.PerMinute = 5
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Service{
		store:   s,
		opt:     o,
		limiter: auth.NewLimiter(o.PerMinute, time.Minute, o.PerMinute, o.Now),
	}
}

// Post stores a comment by u on an article, as a reply to parentID when it is
// not zero. The body is trimmed; an empty or too long body, or a parent on
// another article, gives news.ErrInvalid. A reader posting too fast gets an
// error wrapping news.ErrForbidden. Comments that look like spam are stored
// held for moderation rather than visible.
func (s *Service) Post(ctx context.Context, u news.User, articleID, parentID int64, body string) (news.Comment, error) {
	body = normalize(body)
	if body == "" {
		return news.Comment{}, fmt.Errorf("comment: the comment is empty: %w", news.ErrInvalid)
	}
	if n := utf8.RuneCountInString(body); n > MaxLen {
		return news.Comment{}, fmt.Errorf("comment: the comment is %d characters long; the limit is %d: %w", n, MaxLen, news.ErrInvalid)
	}
	if u.ID == 0 {
		return news.Comment{}, fmt.Errorf("comment: sign in to comment: %w", news.ErrForbidden)
	}
	if parentID != 0 {
		if err := s.checkParent(ctx, articleID, parentID); err != nil {
			return news.Comment{}, err
		}
	}
	now := s.opt.Now()
	n, err := s.store.CountRecentComments(ctx, u.ID, now.Add(-time.Minute))
	if err != nil {
		return news.Comment{}, fmt.Errorf("comment: rate check for user %d: %w", u.ID, err)
	}
	if n >= s.opt.PerMinute || !s.limiter.Allow(fmt.Sprint(u.ID)) {
		return news.Comment{}, fmt.Errorf("comment: you are commenting too fast; please wait a minute and try again: %w", news.ErrForbidden)
	}
	c := news.Comment{
		ArticleID: articleID,
		ParentID:  parentID,
		UserID:    u.ID,
		UserName:  u.Name,
		Body:      body,
		Status:    news.CommentVisible,
	}
	if !u.Admin && SpamReason(body) != "" {
		c.Status = news.CommentHeld
	}
	if err := s.store.AddComment(ctx, &c); err != nil {
		return news.Comment{}, fmt.Errorf("comment: on article %d: %w", articleID, err)
	}
	return c, nil
}

// checkParent makes sure parentID is a comment on articleID that was not
// removed.
func (s *Service) checkParent(ctx context.Context, articleID, parentID int64) error {
	cs, err := s.store.Comments(ctx, articleID, true)
	if err != nil {
		if errors.Is(err, news.ErrNotFound) {
			return fmt.Errorf("comment: article %d does not exist: %w", articleID, news.ErrInvalid)
		}
		return fmt.Errorf("comment: parent check on article %d: %w", articleID, err)
	}
	for _, c := range cs {
		if c.ID == parentID {
			if c.Status == news.CommentRemoved {
				return fmt.Errorf("comment: the comment you reply to was removed: %w", news.ErrInvalid)
			}
			return nil
		}
	}
	return fmt.Errorf("comment: the comment you reply to is not on this article: %w", news.ErrInvalid)
}

// normalize trims the body, unifies line endings and drops control
// characters other than newlines and tabs.
func normalize(body string) string {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	body = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, body)
	return strings.TrimSpace(body)
}

// spamPhrases are lower-case phrases that mark a comment as likely spam.
var spamPhrases = []string{
	"buy now",
	"click here",
	"work from home",
	"make money fast",
	"earn money online",
	"free money",
	"100% free",
	"limited time offer",
	"crypto giveaway",
	"double your bitcoin",
	"casino bonus",
	"online casino",
	"cheap viagra",
	"viagra",
	"payday loan",
	"visit my profile",
	"check my bio",
}

// SpamReason returns why body looks like spam, or "" when it does not.
func SpamReason(body string) string {
	lower := strings.ToLower(body)
	links := strings.Count(lower, "http://") + strings.Count(lower, "https://") +
		strings.Count(lower, "www.") - strings.Count(lower, "://www.")
	if links > 3 {
		return "too many links"
	}
	for _, p := range spamPhrases {
		if strings.Contains(lower, p) {
			return "spam phrase " + fmt.Sprintf("%q", p)
		}
	}
	if repeatedRun(body) >= 10 {
		return "long run of one character"
	}
	letters, upper := 0, 0
	for _, r := range body {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters >= 20 && upper*10 >= letters*8 {
		return "shouting in capitals"
	}
	return ""
}

// repeatedRun returns the longest run of one non-space character in s.
func repeatedRun(s string) int {
	best, run := 0, 0
	var prev rune = -1
	for _, r := range s {
		if r == prev && !unicode.IsSpace(r) {
			run++
		} else {
			run = 1
		}
		prev = r
		best = max(best, run)
	}
	return best
}
