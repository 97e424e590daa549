package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"newsdesk/internal/news"
)

// validStatus reports whether st is a known comment state.
func validStatus(st news.CommentStatus) bool {
	switch st {
	case news.CommentVisible, news.CommentHeld, news.CommentRemoved:
		return true
	}
	return false
}

// AddComment stores c and sets c.ID, c.CreatedAt (when zero) and c.Status
// (visible when empty). A comment on a missing article, by a missing user,
// with an empty body, or with a parent that is missing or on another
// article gives news.ErrInvalid.
func (s *Store) AddComment(ctx context.Context, c *news.Comment) error {
	status := c.Status
	if status == "" {
		status = news.CommentVisible
	}
	if !validStatus(status) {
		return fmt.Errorf("postgres: add comment: status %q: %w", status, news.ErrInvalid)
	}
	if strings.TrimSpace(c.Body) == "" {
		return fmt.Errorf("postgres: add comment: empty body: %w", news.ErrInvalid)
	}
	if c.ParentID != 0 {
		var parentArticle int64
		err := s.db.QueryRowContext(ctx, `SELECT article_id FROM comments WHERE id = $1`, c.ParentID).Scan(&parentArticle)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("postgres: add comment: parent %d missing: %w", c.ParentID, news.ErrInvalid)
		}
		if err != nil {
			return fmt.Errorf("postgres: add comment: %w", classify(err))
		}
		if parentArticle != c.ArticleID {
			return fmt.Errorf("postgres: add comment: parent %d is on another article: %w", c.ParentID, news.ErrInvalid)
		}
	}
	// A comment's article never changes, and a parent deleted meanwhile
	// fails the insert's reference check, so no transaction is needed.
	created := orNow(c.CreatedAt)
	var id int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO comments (article_id, parent_id, user_id, body, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		c.ArticleID, nullID(c.ParentID), c.UserID, c.Body, string(status), created).Scan(&id)
	if err != nil {
		return fmt.Errorf("postgres: add comment on article %d: %w", c.ArticleID, classify(err))
	}
	c.ID = id
	c.CreatedAt = created
	c.Status = status
	return nil
}

const commentCols = `c.id, c.article_id, COALESCE(c.parent_id, 0), c.user_id, u.name, c.body, c.status, c.created_at`

// queryComments runs a query selecting commentCols.
func (s *Store) queryComments(ctx context.Context, q string, args ...any) ([]news.Comment, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []news.Comment
	for rows.Next() {
		var (
			c       news.Comment
			status  string
			created time.Time
		)
		if err := rows.Scan(&c.ID, &c.ArticleID, &c.ParentID, &c.UserID, &c.UserName, &c.Body, &status, &created); err != nil {
			return nil, err
		}
		c.Status = news.CommentStatus(status)
		c.CreatedAt = ft(created)
		out = append(out, c)
	}
	return out, classify(rows.Err())
}

// Comments lists an article's comments oldest first with user names, only
// the visible ones unless all is true.
func (s *Store) Comments(ctx context.Context, articleID int64, all bool) ([]news.Comment, error) {
	out, err := s.queryComments(ctx, `SELECT `+commentCols+` FROM comments c JOIN users u ON u.id = c.user_id
		WHERE c.article_id = $1 AND ($2 OR c.status = 'visible') ORDER BY c.created_at, c.id`, articleID, all)
	if err != nil {
		return nil, fmt.Errorf("postgres: comments of article %d: %w", articleID, err)
	}
	return out, nil
}

// defaultCommentLimit is the list size when a caller asks for none.
const defaultCommentLimit = 100

// CommentsByStatus lists comments in a moderation state, oldest first.
func (s *Store) CommentsByStatus(ctx context.Context, status news.CommentStatus, limit int) ([]news.Comment, error) {
	out, err := s.queryComments(ctx, `SELECT `+commentCols+` FROM comments c JOIN users u ON u.id = c.user_id
		WHERE c.status = $1 ORDER BY c.created_at, c.id LIMIT $2`, string(status), limitOr(limit, defaultCommentLimit))
	if err != nil {
		return nil, fmt.Errorf("postgres: comments %s: %w", status, err)
	}
	return out, nil
}

// SetCommentStatus moves a comment to a moderation state.
func (s *Store) SetCommentStatus(ctx context.Context, id int64, status news.CommentStatus) error {
	if !validStatus(status) {
		return fmt.Errorf("postgres: set comment %d status %q: %w", id, status, news.ErrInvalid)
	}
	res, err := s.db.ExecContext(ctx, `UPDATE comments SET status = $1 WHERE id = $2`, string(status), id)
	if err != nil {
		return fmt.Errorf("postgres: set comment %d status: %w", id, classify(err))
	}
	return rowsAffected(res, fmt.Sprintf("postgres: set comment %d status", id))
}

// CountRecentComments counts a user's comments created at or after since.
func (s *Store) CountRecentComments(ctx context.Context, userID int64, since time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM comments WHERE user_id = $1 AND created_at >= $2`,
		userID, tv(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("postgres: count comments of user %d: %w", userID, classify(err))
	}
	return n, nil
}

// nameKey is the case-folded form of a user name that must be unique. It
// is computed here, not by the server, so that both stores fold names
// alike whatever the server's locale.
func nameKey(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// CreateUser stores u and sets u.ID and u.CreatedAt. A name taken in any
// letter case gives news.ErrConflict.
func (s *Store) CreateUser(ctx context.Context, u *news.User) error {
	if nameKey(u.Name) == "" {
		return fmt.Errorf("postgres: create user: empty name: %w", news.ErrInvalid)
	}
	created := orNow(u.CreatedAt)
	var id int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO users (name, name_key, email, password_hash, admin, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		u.Name, nameKey(u.Name), u.Email, u.PasswordHash, u.Admin, created).Scan(&id)
	if err != nil {
		return fmt.Errorf("postgres: create user %q: %w", u.Name, classify(err))
	}
	u.ID = id
	u.CreatedAt = created
	return nil
}

const userCols = `id, name, email, password_hash, admin, created_at`

// scanUser reads one row selected with userCols.
func scanUser(sc scanner) (news.User, error) {
	var (
		u       news.User
		created time.Time
	)
	if err := sc.Scan(&u.ID, &u.Name, &u.Email, &u.PasswordHash, &u.Admin, &created); err != nil {
		return news.User{}, err
	}
	u.CreatedAt = ft(created)
	return u, nil
}

// User returns the user with this ID.
func (s *Store) User(ctx context.Context, id int64) (news.User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE id = $1`, id))
	if err != nil {
		return news.User{}, fmt.Errorf("postgres: user %d: %w", id, classify(err))
	}
	return u, nil
}

// UserByName finds a user by name in any letter case.
func (s *Store) UserByName(ctx context.Context, name string) (news.User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE name_key = $1`, nameKey(name)))
	if err != nil {
		return news.User{}, fmt.Errorf("postgres: user %q: %w", name, classify(err))
	}
	return u, nil
}

// CreateSession stores a session; its token is already a hash. Sessions
// that have expired are removed on the way.
func (s *Store) CreateSession(ctx context.Context, sess news.Session) error {
	if sess.Token == "" {
		return fmt.Errorf("postgres: create session: empty token: %w", news.ErrInvalid)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("postgres: create session: %w", classify(err))
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, now()); err != nil {
		return fmt.Errorf("postgres: create session: %w", classify(err))
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sessions (token, user_id, csrf, expires_at) VALUES ($1, $2, $3, $4)`,
		sess.Token, sess.UserID, sess.CSRF, tv(sess.ExpiresAt)); err != nil {
		return fmt.Errorf("postgres: create session for user %d: %w", sess.UserID, classify(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("postgres: create session: %w", classify(err))
	}
	return nil
}

// Session returns the session with this token hash if it has not expired
// at now.
func (s *Store) Session(ctx context.Context, token string, now time.Time) (news.Session, error) {
	var (
		sess    news.Session
		expires time.Time
	)
	err := s.db.QueryRowContext(ctx, `SELECT token, user_id, csrf, expires_at FROM sessions
		WHERE token = $1 AND expires_at > $2`, token, tv(now)).Scan(&sess.Token, &sess.UserID, &sess.CSRF, &expires)
	if err != nil {
		return news.Session{}, fmt.Errorf("postgres: session: %w", classify(err))
	}
	sess.ExpiresAt = ft(expires)
	return sess, nil
}

// DeleteSession removes a session; removing one that is gone is not an
// error.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token = $1`, token); err != nil {
		return fmt.Errorf("postgres: delete session: %w", classify(err))
	}
	return nil
}

// Stats counts what is stored.
func (s *Store) Stats(ctx context.Context) (news.Stats, error) {
	var st news.Stats
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM sources),
		(SELECT COUNT(*) FROM items WHERE state = 'pending'),
		(SELECT COUNT(*) FROM items WHERE state = 'failed'),
		(SELECT COUNT(*) FROM articles),
		(SELECT COUNT(*) FROM stories),
		(SELECT COUNT(*) FROM comments),
		(SELECT COUNT(*) FROM users)`).Scan(&st.Sources, &st.ItemsPending, &st.ItemsFailed,
		&st.Articles, &st.Stories, &st.Comments, &st.Users)
	if err != nil {
		return news.Stats{}, fmt.Errorf("postgres: stats: %w", classify(err))
	}
	return st, nil
}
