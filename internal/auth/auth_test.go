package auth_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsdesk/internal/auth"
	"newsdesk/internal/news"
	"newsdesk/internal/store/sqlite"
)

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "auth.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestSignUpAndIn(t *testing.T) {
	ctx := context.Background()
	a := auth.New(openStore(t), auth.Options{})
	u, err := a.SignUp(ctx, "ada", "ada@example.org", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if u.ID == 0 || u.Admin || !strings.HasPrefix(u.PasswordHash, "$argon2id$") {
		t.Fatalf("user %+v", u)
	}
	tests := []struct {
		name, email, pw string
		kind            error
	}{
		{"ADA", "", "another password", news.ErrConflict},
		{"ab", "", "another password", news.ErrInvalid},
		{"a b c", "", "another password", news.ErrInvalid},
		{"grace", "", "short", news.ErrInvalid},
		{"grace", "not an address", "long enough", news.ErrInvalid},
	}
	for _, tt := range tests {
		_, err := a.SignUp(ctx, tt.name, tt.email, tt.pw)
		if !errors.Is(err, tt.kind) {
			t.Errorf("SignUp(%q, %q, %q) = %v, want %v", tt.name, tt.email, tt.pw, err, tt.kind)
		}
	}
	got, err := a.SignIn(ctx, "Ada", "correct horse battery")
	if err != nil || got.ID != u.ID {
		t.Fatalf("SignIn = %+v, %v", got, err)
	}
	_, errWrong := a.SignIn(ctx, "ada", "wrong password!")
	_, errUnknown := a.SignIn(ctx, "nobody", "wrong password!")
	if errWrong == nil || errUnknown == nil || errWrong.Error() != errUnknown.Error() {
		t.Fatalf("wrong password %v and unknown user %v differ", errWrong, errUnknown)
	}
	if news.HTTPStatus(errWrong) != http.StatusForbidden {
		t.Errorf("bad credentials map to %d", news.HTTPStatus(errWrong))
	}
	admin, err := a.CreateUser(ctx, "boss", "", "correct horse battery", true)
	if err != nil || !admin.Admin {
		t.Fatalf("CreateUser admin = %+v, %v", admin, err)
	}
}

func TestSessions(t *testing.T) {
	ctx := context.Background()
	clock := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	st := openStore(t)
	a := auth.New(st, auth.Options{SessionTTL: time.Hour, SecureCookies: true, Now: func() time.Time { return clock }})
	u, err := a.SignUp(ctx, "ada", "", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	sess, err := a.StartSession(ctx, rec, u)
	if err != nil {
		t.Fatal(err)
	}
	cookies := rec.Result().Cookies()
	if len(cookies) != 1 {
		t.Fatalf("%d cookies", len(cookies))
	}
	c := cookies[0]
	if c.Name != auth.CookieName || !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
		t.Errorf("cookie %+v", c)
	}
	if c.Value == sess.Token || len(sess.Token) != 64 {
		t.Errorf("the store holds the cookie value itself, not its hash")
	}
	if len(sess.CSRF) < 40 {
		t.Errorf("CSRF token %q too short", sess.CSRF)
	}

	req := httptest.NewRequest("GET", "/", nil)
	req.AddCookie(c)
	gotU, gotS, ok := a.Current(req)
	if !ok || gotU.ID != u.ID || gotS.CSRF != sess.CSRF {
		t.Fatalf("Current = %+v %+v %v", gotU, gotS, ok)
	}
	bad := httptest.NewRequest("GET", "/", nil)
	bad.AddCookie(&http.Cookie{Name: auth.CookieName, Value: "forged"})
	if _, _, ok := a.Current(bad); ok {
		t.Error("a forged cookie is accepted")
	}
	if _, _, ok := a.Current(httptest.NewRequest("GET", "/", nil)); ok {
		t.Error("no cookie is accepted")
	}

	// CSRF in the form or the header, and nothing else.
	csrfTests := []struct {
		name string
		req  func() *http.Request
		ok   bool
	}{
		{"form", func() *http.Request {
			r := httptest.NewRequest("POST", "/", strings.NewReader(url.Values{"csrf": {sess.CSRF}}.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return r
		}, true},
		{"header", func() *http.Request {
			r := httptest.NewRequest("POST", "/", nil)
			r.Header.Set("X-CSRF-Token", sess.CSRF)
			return r
		}, true},
		{"missing", func() *http.Request { return httptest.NewRequest("POST", "/", nil) }, false},
		{"wrong", func() *http.Request {
			r := httptest.NewRequest("POST", "/", nil)
			r.Header.Set("X-CSRF-Token", sess.CSRF[1:]+"x")
			return r
		}, false},
		{"query only", func() *http.Request { return httptest.NewRequest("POST", "/?csrf="+sess.CSRF, nil) }, false},
	}
	for _, tt := range csrfTests {
		if got := a.CheckCSRF(tt.req(), sess); got != tt.ok {
			t.Errorf("CheckCSRF %s = %v, want %v", tt.name, got, tt.ok)
		}
	}

	// Expiry.
	clock = clock.Add(2 * time.Hour)
	if _, _, ok := a.Current(req); ok {
		t.Error("an expired session is accepted")
	}
	clock = clock.Add(-2 * time.Hour)

	// Sign out deletes the session and clears the cookie.
	out := httptest.NewRecorder()
	if err := a.SignOut(ctx, out, req); err != nil {
		t.Fatal(err)
	}
	if cs := out.Result().Cookies(); len(cs) != 1 || cs[0].MaxAge >= 0 {
		t.Errorf("sign out cookies %+v", cs)
	}
	if _, _, ok := a.Current(req); ok {
		t.Error("session still valid after sign out")
	}
}
