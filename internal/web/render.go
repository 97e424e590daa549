package web

import (
	"bytes"
	"embed"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"newsdesk/internal/news"
)

//go:embed templates/*.html
var templateFS embed.FS

// templates holds one parsed template set per page.
type templates struct {
	pages map[string]*template.Template
}

// view is the data every page template gets; Page holds the page's own data.
type view struct {
	Site        string
	Title       string
	Description string
	Lang        string
	Edition     news.Edition
	Editions    []news.Edition
	Sections    []news.Section
	Section     string // current section slug, for aria-current
	User        *news.User
	CSRF        string
	Query       string
	Path        string // this page's path and query, for "sign in and come back"
	Assets      *assets
	Front       bool // the edition's front page
	Feeds       bool // link the edition's RSS and Atom feeds
	Noindex     bool
	Page        any
}

// parseTemplates parses the layout with each page template.
func parseTemplates(s *server) (*templates, error) {
	funcs := template.FuncMap{
		"ago":         s.ago,
		"iso":         func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"exact":       func(t time.Time) string { return t.UTC().Format("Monday, 2 January 2006, 15:04 MST") },
		"date":        func(t time.Time) string { return t.UTC().Format("2 Jan 2006") },
		"sectionName": s.sectionName,
		"snippet":     markSnippet,
		"byline":      byline,
		"plural":      plural,
		"until":       s.until,
		"dict":        dict,
	}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/parts.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	t := &templates{pages: make(map[string]*template.Template)}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" || name == "parts" {
			continue
		}
		c, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("web: templates: %w", err)
		}
		if _, err := c.ParseFS(templateFS, n); err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		t.pages[name] = c
	}
	return t, nil
}

// newView fills the parts of a view every page shares.
func (s *server) newView(r *http.Request, ed news.Edition, title string) *view {
	v := &view{
		Site:     s.opt.SiteName,
		Title:    title,
		Lang:     ed.Lang,
		Edition:  ed,
		Editions: s.opt.Editions,
		Sections: s.opt.Sections,
		Path:     r.URL.RequestURI(),
		Assets:   s.assets,
	}
	if v.Lang == "" {
		v.Lang = "en"
	}
	if u, sess, ok := s.opt.Auth.Current(r); ok {
		v.User = &u
		v.CSRF = sess.CSRF
	}
	return v
}

// render writes page name with v and the given status. Rendering into a
// buffer first means a template error never sends half a page.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, name string, v *view) {
	t, ok := s.tmpl.pages[name]
	if !ok {
		s.log.Error("web: unknown template", "template", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", v); err != nil {
		s.log.Error("web: render", "template", name, "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if v.User != nil {
		h.Set("Cache-Control", "private, no-cache")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// errorPage is the data of the error template.
type errorPage struct {
	Status  int
	Heading string
	Message string
}

// fail renders an error page for err with the status news.HTTPStatus gives.
// Server-side failures are logged and shown without their details.
func (s *server) fail(w http.ResponseWriter, r *http.Request, ed news.Edition, err error) {
	status := news.HTTPStatus(err)
	msg := ""
	if status >= 500 {
		s.log.Error("web: request failed", "path", r.URL.Path, "status", status, "err", err)
	} else {
		msg = publicMessage(err)
	}
	s.failStatus(w, r, ed, status, msg)
}

// failStatus renders an error page with a status and an optional message.
func (s *server) failStatus(w http.ResponseWriter, r *http.Request, ed news.Edition, status int, msg string) {
	if ed.Code == "" {
		ed = s.opt.Editions[0]
	}
	p := errorPage{Status: status, Message: msg}
	switch status {
	case http.StatusNotFound:
		p.Heading = "Page not found"
		if p.Message == "" {
			p.Message = "There is no page at this address. It may have moved, or the link may be mistyped."
		}
	case http.StatusBadRequest:
		p.Heading = "That request did not make sense"
	case http.StatusForbidden:
		p.Heading = "Not allowed"
	case http.StatusTooManyRequests:
		p.Heading = "Too many requests"
	case http.StatusConflict:
		p.Heading = "That clashes with something that exists"
	case http.StatusServiceUnavailable:
		p.Heading = "Temporarily unavailable"
		p.Message = "Part of the site is not answering right now. Please try again in a moment."
	default:
		p.Heading = "Something went wrong"
		p.Message = "The page could not be shown. Please try again later."
	}
	v := s.newView(r, ed, p.Heading)
	v.Noindex = true
	v.Page = p
	s.render(w, r, status, "error", v)
}

// publicMessage turns an error made by our own packages into a sentence
// for the reader: the message without its "package: " prefixes and without
// the error kind that wrapping appended. An error that still has nested
// context after that is not meant for readers and gives a plain sentence for
// its kind instead.
func publicMessage(err error) string {
	msg := err.Error()
	for _, kind := range []error{news.ErrNotFound, news.ErrInvalid, news.ErrConflict, news.ErrForbidden, news.ErrUnavailable} {
		msg = strings.TrimSuffix(msg, ": "+kind.Error())
	}
	for {
		pkg, rest, ok := strings.Cut(msg, ": ")
		if !ok || !isPackageName(pkg) {
			break
		}
		msg = rest
	}
	if msg == "" {
		return ""
	}
	if strings.Contains(msg, ": ") {
		switch news.HTTPStatus(err) {
		case http.StatusNotFound:
			return "It does not exist."
		case http.StatusConflict:
			return "That clashes with something that exists."
		case http.StatusForbidden:
			return "That is not allowed."
		default:
			return "That input is not valid."
		}
	}
	return strings.ToUpper(msg[:1]) + msg[1:] + "."
}

// isPackageName reports whether s looks like a package prefix of an error
// message: a short lower-case word.
func isPackageName(s string) bool {
	if s == "" || len(s) > 12 {
		return false
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// ago says how long before now t was, in words: "just now", "5 minutes
// ago", "3 days ago", or a date for anything older than a month.
func (s *server) ago(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := s.now().Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute") + " ago"
	case d < 24*time.Hour:
		return plural(int(d/time.Hour), "hour") + " ago"
	case d < 30*24*time.Hour:
		return plural(int(d/(24*time.Hour)), "day") + " ago"
	default:
		return t.UTC().Format("2 Jan 2006")
	}
}

// until says how long after now t is, in words: "in 5 minutes", "due".
func (s *server) until(t time.Time) string {
	d := t.Sub(s.now())
	switch {
	case d < time.Minute:
		return "due"
	case d < time.Hour:
		return "in " + plural(int(d/time.Minute), "minute")
	case d < 24*time.Hour:
		return "in " + plural(int(d/time.Hour), "hour")
	default:
		return "in " + plural(int(d/(24*time.Hour)), "day")
	}
}

// dict builds a map from key, value pairs, for passing several values to a
// nested template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// plural writes "1 source" or "3 sources".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// sectionName gives a section slug's display name.
func (s *server) sectionName(slug string) string {
	if sec, ok := s.sections[slug]; ok {
		return sec.Name
	}
	return slug
}

// byline returns "By Name" unless the byline already says "By".
func byline(b string) string {
	b = strings.TrimSpace(b)
	if b == "" {
		return ""
	}
	if len(b) > 3 && strings.EqualFold(b[:3], "by ") {
		return "By " + b[3:]
	}
	return "By " + b
}

// Snippet match markers, as the store sets them.
const (
	markStart = '\uE000'
	markEnd   = '\uE001'
)

// markSnippet escapes a search snippet and turns its match markers into
// <mark> elements, dropping markers that do not pair up.
func markSnippet(s string) template.HTML {
	var b strings.Builder
	open := false
	for s != "" {
		i := strings.IndexAny(s, string([]rune{markStart, markEnd}))
		if i < 0 {
			b.WriteString(html.EscapeString(s))
			break
		}
		b.WriteString(html.EscapeString(s[:i]))
		r, size := utf8.DecodeRuneInString(s[i:])
		s = s[i+size:]
		switch {
		case r == markStart && !open:
			b.WriteString("<mark>")
			open = true
		case r == markEnd && open:
			b.WriteString("</mark>")
			open = false
		}
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String())
}
