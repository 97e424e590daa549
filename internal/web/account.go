package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net"
	"net/http"
	"strings"

	"newsdesk/internal/auth"
	"newsdesk/internal/news"
)

// formCookie holds the CSRF token of forms shown before sign-in (sign-in and
// sign-up), checked by the double-submit method.
const formCookie = "newsdesk_form"

// accountPage is the data of the sign-in and sign-up pages.
type accountPage struct {
	CSRF  string
	Next  string
	Name  string
	Email string
	Error string
}

// safeNext returns next when it is a path on this site, or "".
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return ""
	}
	for _, r := range next {
		if r < 0x20 || r == 0x7f || r == '\\' {
			return ""
		}
	}
	return next
}

// formToken returns the anonymous form token, setting its cookie when the
// browser has none yet.
func (s *server) formToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(formCookie); err == nil && len(c.Value) >= 32 && len(c.Value) <= 64 {
		return c.Value
	}
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails; it panics instead
	tok := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{
		Name:     formCookie,
		Value:    tok,
		Path:     "/",
		HttpOnly: true,
		Secure:   r.TLS != nil,
		SameSite: http.SameSiteStrictMode,
	})
	return tok
}

// checkFormToken compares the form's token with the cookie's.
func checkFormToken(r *http.Request) bool {
	c, err := r.Cookie(formCookie)
	if err != nil || c.Value == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostFormValue("csrf"))) == 1
}

// clientKey is the rate-limiting key of a request: its remote address.
func clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// afterSignIn is where a reader goes once signed in.
func (s *server) afterSignIn(next string) string {
	if n := safeNext(next); n != "" {
		return n
	}
	return "/" + s.opt.Editions[0].Code + "/"
}

// renderAccount renders the sign-in or sign-up page.
func (s *server) renderAccount(w http.ResponseWriter, r *http.Request, status int, name, title string, p accountPage) {
	p.CSRF = s.formToken(w, r)
	p.Next = safeNext(p.Next)
	v := s.newView(r, s.opt.Editions[0], title)
	v.Noindex = true
	v.Page = p
	s.render(w, r, status, name, v)
}

// handleSignInForm shows the sign-in form.
func (s *server) handleSignInForm(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	if _, _, ok := s.opt.Auth.Current(r); ok {
		http.Redirect(w, r, s.afterSignIn(next), http.StatusSeeOther)
		return
	}
	s.renderAccount(w, r, http.StatusOK, "signin", "Sign in", accountPage{Next: next})
}

// handleSignIn checks a name and password and starts a session.
func (s *server) handleSignIn(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.failStatus(w, r, news.Edition{}, http.StatusBadRequest, "The form could not be read.")
		return
	}
	p := accountPage{Next: r.PostFormValue("next"), Name: r.PostFormValue("name")}
	if !checkFormToken(r) {
		p.Error = "The form has expired. Please try again."
		s.renderAccount(w, r, http.StatusForbidden, "signin", "Sign in", p)
		return
	}
	if !s.signinLim.Allow(clientKey(r)) {
		p.Error = "Too many attempts. Please wait a minute and try again."
		s.renderAccount(w, r, http.StatusTooManyRequests, "signin", "Sign in", p)
		return
	}
	u, err := s.opt.Auth.SignIn(r.Context(), p.Name, r.PostFormValue("password"))
	if err != nil {
		if !errors.Is(err, auth.ErrBadCredentials) {
			s.fail(w, r, news.Edition{}, err)
			return
		}
		p.Error = "Wrong user name or password."
		s.renderAccount(w, r, http.StatusForbidden, "signin", "Sign in", p)
		return
	}
	if _, err := s.opt.Auth.StartSession(r.Context(), w, u); err != nil {
		s.fail(w, r, news.Edition{}, err)
		return
	}
	http.Redirect(w, r, s.afterSignIn(p.Next), http.StatusSeeOther)
}

// handleSignUpForm shows the sign-up form.
func (s *server) handleSignUpForm(w http.ResponseWriter, r *http.Request) {
	s.renderAccount(w, r, http.StatusOK, "signup", "Create an account", accountPage{Next: r.URL.Query().Get("next")})
}

// handleSignUp creates an account and signs it in.
func (s *server) handleSignUp(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.failStatus(w, r, news.Edition{}, http.StatusBadRequest, "The form could not be read.")
		return
	}
	p := accountPage{Next: r.PostFormValue("next"), Name: r.PostFormValue("name"), Email: r.PostFormValue("email")}
	if !checkFormToken(r) {
		p.Error = "The form has expired. Please try again."
		s.renderAccount(w, r, http.StatusForbidden, "signup", "Create an account", p)
		return
	}
	if !s.signupLim.Allow(clientKey(r)) {
		p.Error = "Too many new accounts from your address. Please wait a few minutes and try again."
		s.renderAccount(w, r, http.StatusTooManyRequests, "signup", "Create an account", p)
		return
	}
	u, err := s.opt.Auth.SignUp(r.Context(), p.Name, p.Email, r.PostFormValue("password"))
	if err != nil {
		status := news.HTTPStatus(err)
		if status >= 500 {
			s.fail(w, r, news.Edition{}, err)
			return
		}
		p.Error = publicMessage(err)
		s.renderAccount(w, r, status, "signup", "Create an account", p)
		return
	}
	if _, err := s.opt.Auth.StartSession(r.Context(), w, u); err != nil {
		s.fail(w, r, news.Edition{}, err)
		return
	}
	http.Redirect(w, r, s.afterSignIn(p.Next), http.StatusSeeOther)
}

// handleSignOut ends the session. It needs the session's CSRF token.
func (s *server) handleSignOut(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.failStatus(w, r, news.Edition{}, http.StatusBadRequest, "The form could not be read.")
		return
	}
	if _, sess, ok := s.opt.Auth.Current(r); ok {
		if !s.opt.Auth.CheckCSRF(r, sess) {
			s.failStatus(w, r, news.Edition{}, http.StatusForbidden, "The form has expired. Go back, reload the page and try again.")
			return
		}
		if err := s.opt.Auth.SignOut(r.Context(), w, r); err != nil {
			s.fail(w, r, news.Edition{}, err)
			return
		}
	}
	http.Redirect(w, r, "/"+s.opt.Editions[0].Code+"/", http.StatusSeeOther)
}
