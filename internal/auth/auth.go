// Package auth holds reader accounts and browser sessions: argon2id password
// hashes, session cookies whose tokens are stored only as hashes, per-session
// CSRF tokens and a token-bucket rate limiter for sign-in, sign-up and
// comments.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"newsdesk/internal/news"
)

// Store is what auth needs from a store.
type Store interface {
	CreateUser(ctx context.Context, u *news.User) error
	User(ctx context.Context, id int64) (news.User, error)
	UserByName(ctx context.Context, name string) (news.User, error)
	CreateSession(ctx context.Context, s news.Session) error
	Session(ctx context.Context, token string, now time.Time) (news.Session, error)
	DeleteSession(ctx context.Context, token string) error
}

// CookieName is the name of the session cookie.
const CookieName = "newsdesk_session"

// Limits on account fields.
const (
	minNameLen     = 3
	maxNameLen     = 32
	minPasswordLen = 8
	maxPasswordLen = 1024
	maxEmailLen    = 254
)

// Options configure Auth.
type Options struct {
	// SessionTTL is how long a session lasts; zero means 30 days.
	SessionTTL time.Duration
	// SecureCookies marks the session cookie Secure (HTTPS only).
	SecureCookies bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Auth signs readers up and in and keeps their sessions.
type Auth struct {
	store Store
	opt   Options
	// dummyHash is checked against when the user is unknown, so that sign-in
	// takes as long for unknown names as for wrong passwords.
	dummyHash string
}

// ErrBadCredentials is returned by SignIn for an unknown name or a wrong
// password alike. It wraps news.ErrForbidden.
var ErrBadCredentials = fmt.Errorf("wrong name or password: %w", news.ErrForbidden)

// New returns an Auth over s.
func New(s Store, o Options) *Auth {
	if o.SessionTTL <= 0 {
		o.SessionTTL = 30 * 24 * time.Hour
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	// A hash of random bytes; an error here only makes the dummy check fail
	// fast, which CheckPassword handles.
	dummy, _ := HashPassword(randomToken(16))
	return &Auth{store: s, opt: o, dummyHash: dummy}
}

// ValidateName checks a user name: 3 to 32 letters, digits, '_', '-' or '.'.
func ValidateName(name string) error {
	n := utf8.RuneCountInString(name)
	if n < minNameLen || n > maxNameLen {
		return fmt.Errorf("user name must be %d to %d characters long: %w", minNameLen, maxNameLen, news.ErrInvalid)
	}
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.'
		if !ok {
			return fmt.Errorf("user name may contain only letters, digits, '_', '-' and '.': %w", news.ErrInvalid)
		}
	}
	return nil
}

// ValidatePassword checks a new password's length.
func ValidatePassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	if n < minPasswordLen {
		return fmt.Errorf("password must be at least %d characters long: %w", minPasswordLen, news.ErrInvalid)
	}
	if len(pw) > maxPasswordLen {
		return fmt.Errorf("password must be at most %d bytes long: %w", maxPasswordLen, news.ErrInvalid)
	}
	return nil
}

// validateEmail accepts an empty address or a single plain address.
func validateEmail(email string) error {
	if email == "" {
		return nil
	}
	if len(email) > maxEmailLen {
		return fmt.Errorf("email address is too long: %w", news.ErrInvalid)
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email {
		return fmt.Errorf("email address %q is not valid: %w", email, news.ErrInvalid)
	}
	return nil
}

// SignUp creates a reader account. A malformed name, email or password gives
// news.ErrInvalid; a taken name gives news.ErrConflict.
func (a *Auth) SignUp(ctx context.Context, name, email, password string) (news.User, error) {
	return a.CreateUser(ctx, name, email, password, false)
}

// CreateUser creates an account, an administrator when admin is true. It
// validates like SignUp.
func (a *Auth) CreateUser(ctx context.Context, name, email, password string, admin bool) (news.User, error) {
	name = strings.TrimSpace(name)
	email = strings.TrimSpace(email)
	if err := ValidateName(name); err != nil {
		return news.User{}, fmt.Errorf("auth: %w", err)
	}
	if err := validateEmail(email); err != nil {
		return news.User{}, fmt.Errorf("auth: %w", err)
	}
	if err := ValidatePassword(password); err != nil {
		return news.User{}, fmt.Errorf("auth: %w", err)
	}
	hash, err := HashPassword(password)
	if err != nil {
		return news.User{}, err
	}
	u := news.User{Name: name, Email: email, PasswordHash: hash, Admin: admin}
	if err := a.store.CreateUser(ctx, &u); err != nil {
		if errors.Is(err, news.ErrConflict) {
			return news.User{}, fmt.Errorf("auth: the name %q is taken: %w", name, news.ErrConflict)
		}
		return news.User{}, fmt.Errorf("auth: create user %q: %w", name, err)
	}
	return u, nil
}

// SignIn checks a name and password. An unknown name and a wrong password
// give the same error, ErrBadCredentials, after the same amount of work.
func (a *Auth) SignIn(ctx context.Context, name, password string) (news.User, error) {
	name = strings.TrimSpace(name)
	if len(password) > maxPasswordLen {
		return news.User{}, ErrBadCredentials
	}
	u, err := a.store.UserByName(ctx, name)
	if err != nil {
		if !errors.Is(err, news.ErrNotFound) {
			return news.User{}, fmt.Errorf("auth: sign in %q: %w", name, err)
		}
		// Spend the same time as a real check.
		_, _ = CheckPassword(a.dummyHash, password)
		return news.User{}, ErrBadCredentials
	}
	ok, err := CheckPassword(u.PasswordHash, password)
	if err != nil {
		return news.User{}, fmt.Errorf("auth: sign in %q: %w", name, err)
	}
	if !ok {
		return news.User{}, ErrBadCredentials
	}
	return u, nil
}

// StartSession creates a session for u and sets its cookie on w. The cookie
// holds a random 32-byte token; the store sees only its SHA-256 hash. The
// returned session carries the hash as Token and a fresh CSRF token.
func (a *Auth) StartSession(ctx context.Context, w http.ResponseWriter, u news.User) (news.Session, error) {
	token := randomToken(32)
	s := news.Session{
		Token:     hashToken(token),
		UserID:    u.ID,
		CSRF:      randomToken(32),
		ExpiresAt: a.opt.Now().Add(a.opt.SessionTTL).UTC().Truncate(time.Second),
	}
	if err := a.store.CreateSession(ctx, s); err != nil {
		return news.Session{}, fmt.Errorf("auth: start session for %q: %w", u.Name, err)
	}
	http.SetCookie(w, &http.Cookie{
		Name:     CookieName,
		Value:    token,
		Path:     "/",
		Expires:  s.ExpiresAt,
		MaxAge:   int(a.opt.SessionTTL.Seconds()),
		HttpOnly: true,
		Secure:   a.opt.SecureCookies,
		SameSite: http.SameSiteLaxMode,
	})
	return s, nil
}

// Current returns the signed-in user and session of r, and false when there
// is none (no cookie, an unknown or expired session, or a store failure).
func (a *Auth) Current(r *http.Request) (news.User, news.Session, bool) {
	c, err := r.Cookie(CookieName)
	if err != nil || c.Value == "" || len(c.Value) > 128 {
		return news.User{}, news.Session{}, false
	}
	ctx := r.Context()
	s, err := a.store.Session(ctx, hashToken(c.Value), a.opt.Now())
	if err != nil {
		return news.User{}, news.Session{}, false
	}
	u, err := a.store.User(ctx, s.UserID)
	if err != nil {
		return news.User{}, news.Session{}, false
	}
	return u, s, true
}

// SignOut deletes r's session, if any, and clears its cookie.
func (a *Auth) SignOut(ctx context.Context, w http.ResponseWriter, r *http.Request) error {
	http.SetCookie(w, &http.Cookie{
		Name:     CookieName,
		Value:    "",
		Path:     "/",
		MaxAge:   -1,
		HttpOnly: true,
		Secure:   a.opt.SecureCookies,
		SameSite: http.SameSiteLaxMode,
	})
	c, err := r.Cookie(CookieName)
	if err != nil || c.Value == "" {
		return nil
	}
	if err := a.store.DeleteSession(ctx, hashToken(c.Value)); err != nil && !errors.Is(err, news.ErrNotFound) {
		return fmt.Errorf("auth: sign out: %w", err)
	}
	return nil
}

// CheckCSRF reports whether r carries s's CSRF token, in the form field
// "csrf" or the header X-CSRF-Token, comparing in constant time.
func (a *Auth) CheckCSRF(r *http.Request, s news.Session) bool {
	if s.CSRF == "" {
		return false
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.PostFormValue("csrf")
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.CSRF)) == 1
}

// randomToken returns n random bytes, URL-safe base64 encoded. crypto/rand
// never fails on supported platforms (it panics instead).
func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashToken is the form of a session token kept in the store.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
