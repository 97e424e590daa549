package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"newsdesk/internal/news"
)

// Page sizes.
const (
	frontStories    = 60  // stories read for the front page
	frontArticles   = 400 // recent articles read for coverage and latest
	coveragePerCard = 3   // other outlets' articles under a story card
	latestArticles  = 60  // articles in the front page's latest list
	topStories      = 6   // stories in the front page's top block
	perSection      = 5   // stories per section block on the front page
	listArticles    = 30  // articles on section, outlet and tag pages
	storyArticles   = 200
	coverageShown   = 5
	relatedShown    = 5
	searchResults   = 30
	trendingTags    = 12
	maxQuestionLen  = 300
	maxSearchLen    = 200
	maxFormBytes    = 64 << 10
	heldCommentsMax = 100
)

// edition returns the edition named in the path, or writes a 404 page.
func (s *server) edition(w http.ResponseWriter, r *http.Request) (news.Edition, bool) {
	ed, ok := s.editions[r.PathValue("edition")]
	if !ok {
		s.failStatus(w, r, news.Edition{}, http.StatusNotFound, "")
		return news.Edition{}, false
	}
	return ed, true
}

// pathID parses the {id} path value, or writes a 400 page.
func (s *server) pathID(w http.ResponseWriter, r *http.Request, ed news.Edition, what string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.failStatus(w, r, ed, http.StatusBadRequest, fmt.Sprintf("%q is not a valid %s number.", r.PathValue("id"), what))
		return 0, false
	}
	return id, true
}

// handleRoot sends readers to the first edition.
func (s *server) handleRoot(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/"+s.opt.Editions[0].Code+"/", http.StatusFound)
}

// handleEditionRedirect adds the trailing slash to an edition's address.
func (s *server) handleEditionRedirect(w http.ResponseWriter, r *http.Request) {
	ed, ok := s.edition(w, r)
	if !ok {
		return
	}
	http.Redirect(w, r, "/"+ed.Code+"/", http.StatusMovedPermanently)
}

// handleNotFound answers every address no other route takes.
func (s *server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	first, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	s.failStatus(w, r, s.editions[first], http.StatusNotFound, "")
}

// sectionGroup is one section's block on the front page.
type sectionGroup struct {
	Section news.Section
	Stories []news.Story
}

// frontPage is the data of the front page.
type frontPage struct {
	Top    []news.Story
	Groups []sectionGroup
	Tags   []news.HashtagCount
	// Coverage holds, per story, other outlets' articles to list under
	// the story's lead.
	Coverage map[int64][]news.Article
	// Latest are the newest articles, whatever their story.
	Latest []news.Article
}

// latest returns up to n of the recent articles that the story cards above
// do not already show, newest first.
func latest(p frontPage, recent []news.Article, n int) []news.Article {
	shown := make(map[int64]bool)
	mark := func(sts []news.Story) {
		for _, st := range sts {
			shown[st.LeadArticleID] = true
			for _, a := range p.Coverage[st.ID] {
				shown[a.ID] = true
			}
		}
	}
	mark(p.Top)
	for _, g := range p.Groups {
		mark(g.Stories)
	}
	var out []news.Article
	for _, a := range recent {
		if len(out) == n {
			break
		}
		if !shown[a.ID] && a.DuplicateOf == 0 {
			out = append(out, a)
		}
	}
	return out
}

// coverage picks, for every story, up to n articles other than its lead,
// one per outlet, newest first; copies of another article are left out.
func coverage(stories []news.Story, recent []news.Article, n int) map[int64][]news.Article {
	lead := make(map[int64]news.Story, len(stories))
	for _, st := range stories {
		lead[st.ID] = st
	}
	out := make(map[int64][]news.Article)
	seen := make(map[int64]map[int64]bool)
	for _, a := range recent {
		st, ok := lead[a.StoryID]
		if !ok || a.ID == st.LeadArticleID || a.DuplicateOf != 0 || len(out[st.ID]) >= n {
			continue
		}
		if seen[st.ID] == nil {
			seen[st.ID] = map[int64]bool{}
			if st.Lead != nil {
				seen[st.ID][st.Lead.SourceID] = true
			}
		}
		if seen[st.ID][a.SourceID] {
			continue
		}
		seen[st.ID][a.SourceID] = true
		out[st.ID] = append(out[st.ID], a)
	}
	return out
}

// handleFront renders an edition's front page: the top stories, then the
// rest grouped by section, then trending hashtags.
func (s *server) handleFront(w http.ResponseWriter, r *http.Request) {
	ed, ok := s.edition(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	stories, err := s.store.Stories(ctx, news.StoryFilter{Lang: ed.Lang, Limit: frontStories})
	if err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: front page: %w", err))
		return
	}
	tags, err := s.store.TopHashtags(ctx, ed.Lang, s.now().Add(-48*time.Hour), trendingTags)
	if err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: front page: %w", err))
		return
	}
	recent, err := s.store.Articles(ctx, news.ArticleFilter{Lang: ed.Lang, Limit: frontArticles})
	if err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: front page: %w", err))
		return
	}
	p := frontPage{Tags: tags, Coverage: coverage(stories, recent, coveragePerCard)}
	p.Top = stories[:min(topStories, len(stories))]
	bySection := make(map[string][]news.Story)
	for _, st := range stories[len(p.Top):] {
		if len(bySection[st.Section]) < perSection {
			bySection[st.Section] = append(bySection[st.Section], st)
		}
	}
	for _, sec := range s.opt.Sections {
		if sts := bySection[sec.Slug]; len(sts) > 0 {
			p.Groups = append(p.Groups, sectionGroup{Section: sec, Stories: sts})
		}
	}
	p.Latest = latest(p, recent, latestArticles)
	v := s.newView(r, ed, "")
	v.Front = true
	v.Feeds = true
	v.Description = "Top stories from many outlets, grouped by story."
	v.Page = p
	s.render(w, r, http.StatusOK, "front", v)
}

// sectionPage is the data of a section page.
type sectionPage struct {
	Section  news.Section
	Stories  []news.Story
	Articles []news.Article
}

// handleSection renders one section: its top stories and latest articles.
func (s *server) handleSection(w http.ResponseWriter, r *http.Request) {
	ed, ok := s.edition(w, r)
	if !ok {
		return
	}
	sec, ok := s.sections[r.PathValue("slug")]
	if !ok {
		s.failStatus(w, r, ed, http.StatusNotFound, "There is no such section.")
		return
	}
	ctx := r.Context()
	stories, err := s.store.Stories(ctx, news.StoryFilter{Lang: ed.Lang, Section: sec.Slug, Limit: 12})
	if err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: section %s: %w", sec.Slug, err))
		return
	}
	arts, err := s.store.Articles(ctx, news.ArticleFilter{Lang: ed.Lang, Section: sec.Slug, Originals: true, Limit: listArticles})
	if err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: section %s: %w", sec.Slug, err))
		return
	}
	v := s.newView(r, ed, sec.Name)
	v.Section = sec.Slug
	v.Feeds = true
	v.Page = sectionPage{Section: sec, Stories: stories, Articles: arts}
	s.render(w, r, http.StatusOK, "section", v)
}

// listPage is the data of the outlet and tag pages.
type listPage struct {
	Heading  string
	Intro    string
	Link     string
	LinkText string
	Articles []news.Article
}

// handleOutlet lists one outlet's latest articles.
func (s *server) handleOutlet(w http.ResponseWriter, r *http.Request) {
	ed, ok := s.edition(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	src, err := s.store.SourceBySlug(ctx, r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: outlet %q: %w", r.PathValue("slug"), err))
		return
	}
	arts, err := s.store.Articles(ctx, news.ArticleFilter{SourceID: src.ID, Limit: listArticles})
	if err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: outlet %s: %w", src.Slug, err))
		return
	}
	v := s.newView(r, ed, src.Name)
	v.Feeds = true
	v.Page = listPage{
		Heading:  src.Name,
		Intro:    "Latest articles from " + src.Name + ".",
		Link:     src.HomeURL,
		LinkText: "Visit " + src.Name,
		Articles: arts,
	}
	s.render(w, r, http.StatusOK, "list", v)
}

// handleTag lists the latest articles with one hashtag.
func (s *server) handleTag(w http.ResponseWriter, r *http.Request) {
	ed, ok := s.edition(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	tag, err := s.store.Hashtag(ctx, r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: tag %q: %w", r.PathValue("slug"), err))
		return
	}
	arts, err := s.store.Articles(ctx, news.ArticleFilter{Lang: ed.Lang, Hashtag: tag.Slug, Originals: true, Limit: listArticles})
	if err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: tag %s: %w", tag.Slug, err))
		return
	}
	v := s.newView(r, ed, "#"+tag.Name)
	v.Feeds = true
	v.Page = listPage{Heading: "#" + tag.Name, Intro: "Articles about " + tag.Name + ".", Articles: arts}
	s.render(w, r, http.StatusOK, "list", v)
}

// storyPage is the data of the full-coverage page.
type storyPage struct {
	Story    news.Story
	Articles []news.Article // oldest first
}

// handleStory renders a story's full coverage as a timeline.
func (s *server) handleStory(w http.ResponseWriter, r *http.Request) {
	ed, ok := s.edition(w, r)
	if !ok {
		return
	}
	id, ok := s.pathID(w, r, ed, "story")
	if !ok {
		return
	}
	ctx := r.Context()
	st, err := s.store.Story(ctx, id)
	if err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: story %d: %w", id, err))
		return
	}
	arts, err := s.store.Articles(ctx, news.ArticleFilter{StoryID: id, Limit: storyArticles})
	if err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: story %d: %w", id, err))
		return
	}
	for i, j := 0, len(arts)-1; i < j; i, j = i+1, j-1 {
		arts[i], arts[j] = arts[j], arts[i]
	}
	v := s.newView(r, ed, st.Title)
	v.Section = st.Section
	v.Page = storyPage{Story: st, Articles: arts}
	s.render(w, r, http.StatusOK, "story", v)
}

// searchPage is the data of the search page.
type searchPage struct {
	Hits  []news.SearchHit
	Error string
}

// handleSearch runs a full-text search within the edition's language.
func (s *server) handleSearch(w http.ResponseWriter, r *http.Request) {
	ed, ok := s.edition(w, r)
	if !ok {
		return
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	v := s.newView(r, ed, "Search")
	v.Noindex = true
	v.Query = q
	var p searchPage
	status := http.StatusOK
	switch {
	case q == "":
	case utf8.RuneCountInString(q) > maxSearchLen:
		p.Error = fmt.Sprintf("The search is too long; use at most %d characters.", maxSearchLen)
		status = http.StatusBadRequest
	default:
		hits, err := s.store.Search(r.Context(), q, news.ArticleFilter{Lang: ed.Lang, Limit: searchResults})
		if err != nil {
			status = news.HTTPStatus(err)
			if status >= 500 {
				s.fail(w, r, ed, fmt.Errorf("web: search %q: %w", q, err))
				return
			}
			p.Error = "That search could not be run: " + publicMessage(err)
		}
		p.Hits = hits
	}
	v.Page = p
	s.render(w, r, status, "search", v)
}

// commentNode is a comment with its replies, for threaded display.
type commentNode struct {
	news.Comment
	Replies []*commentNode
	Ctx     *threadCtx
}

// threadCtx is what every comment of a thread needs for its reply form.
type threadCtx struct {
	SignedIn bool
	Action   string
	CSRF     string
}

// buildThread nests comments (oldest first) under their parents. A reply
// whose parent is not shown is listed at the top level.
func buildThread(cs []news.Comment, ctx *threadCtx) []*commentNode {
	nodes := make(map[int64]*commentNode, len(cs))
	for _, c := range cs {
		nodes[c.ID] = &commentNode{Comment: c, Ctx: ctx}
	}
	var roots []*commentNode
	for _, c := range cs {
		n := nodes[c.ID]
		if p, ok := nodes[c.ParentID]; ok && c.ParentID != 0 && c.ParentID != c.ID {
			p.Replies = append(p.Replies, n)
		} else {
			roots = append(roots, n)
		}
	}
	return roots
}

// articlePage is the data of the article page.
type articlePage struct {
	A            news.Article
	Body         template.HTML
	Lang         string
	Coverage     []news.Article
	Related      []news.Article
	Thread       []*commentNode
	CommentCount int
	SignedIn     bool
	SignInNext   string

	CommentAction string
	CommentError  string
	CommentBody   string
	Posted        string

	AskAvailable bool
	Question     string
	Answer       *Answer
	AnswerText   string // the answer's text when it says more than its quotes
	AskError     string
}

// handleArticle renders the article page.
func (s *server) handleArticle(w http.ResponseWriter, r *http.Request) {
	ed, ok := s.edition(w, r)
	if !ok {
		return
	}
	id, ok := s.pathID(w, r, ed, "article")
	if !ok {
		return
	}
	s.renderArticle(w, r, ed, id, http.StatusOK, nil)
}

// renderArticle loads and renders an article page; adjust, when not nil,
// changes the page data before rendering (to show a comment form error).
func (s *server) renderArticle(w http.ResponseWriter, r *http.Request, ed news.Edition, id int64, status int, adjust func(*articlePage)) {
	ctx := r.Context()
	a, err := s.store.Article(ctx, id)
	if err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: article %d: %w", id, err))
		return
	}
	v := s.newView(r, ed, a.Title)
	v.Description = a.Excerpt
	v.Section = a.Section
	v.Feeds = true
	p := articlePage{
		A: a,
		// The body was sanitized by the sanitize package before it was
		// stored; it is the only third-party text rendered as HTML.
		Body:          template.HTML(a.HTML),
		Lang:          a.Lang,
		SignedIn:      v.User != nil,
		SignInNext:    "/" + ed.Code + "/article/" + strconv.FormatInt(id, 10) + "#comments",
		CommentAction: "/" + ed.Code + "/article/" + strconv.FormatInt(id, 10) + "/comments",
		Posted:        r.URL.Query().Get("posted"),
		AskAvailable:  s.opt.Explainer != nil,
	}
	if p.Lang == "" {
		p.Lang = v.Lang
	}

	comments, err := s.store.Comments(ctx, id, false)
	if err != nil {
		s.fail(w, r, ed, fmt.Errorf("web: comments of article %d: %w", id, err))
		return
	}
	p.CommentCount = len(comments)
	p.Thread = buildThread(comments, &threadCtx{SignedIn: p.SignedIn, Action: p.CommentAction, CSRF: v.CSRF})

	if a.StoryID != 0 {
		p.Coverage, err = s.coverage(r, a)
		if err != nil {
			s.fail(w, r, ed, err)
			return
		}
	}
	p.Related = s.related(r, a, p.Coverage)

	if q := strings.TrimSpace(r.URL.Query().Get("q")); q != "" && s.opt.Explainer != nil {
		p.Question = q
		if utf8.RuneCountInString(q) > maxQuestionLen {
			p.AskError = fmt.Sprintf("Please ask a shorter question (at most %d characters).", maxQuestionLen)
			status = http.StatusBadRequest
		} else if ans, err := s.opt.Explainer.Ask(ctx, a, q); err != nil {
			s.log.Warn("web: ask", "article_id", id, "err", err)
			p.AskError = "The question could not be answered right now. Please try again later."
		} else {
			p.Answer = &ans
			if !quotesOnly(ans) {
				p.AnswerText = ans.Text
			}
		}
		v.Noindex = true
	}
	if adjust != nil {
		adjust(&p)
	}
	v.Page = p
	s.render(w, r, status, "article", v)
}

// coverage lists other original articles of a's story.
func (s *server) coverage(r *http.Request, a news.Article) ([]news.Article, error) {
	arts, err := s.store.Articles(r.Context(), news.ArticleFilter{StoryID: a.StoryID, Originals: true, Limit: coverageShown + 2})
	if err != nil {
		return nil, fmt.Errorf("web: coverage of article %d: %w", a.ID, err)
	}
	out := arts[:0]
	for _, o := range arts {
		if o.ID != a.ID && o.DuplicateOf != a.ID && a.DuplicateOf != o.ID && len(out) < coverageShown {
			out = append(out, o)
		}
	}
	return out, nil
}

// related asks the Related finder for articles related to a, leaving out a
// itself, its duplicates, its own story and a second article of any story.
// A failure only hides the list.
func (s *server) related(r *http.Request, a news.Article, coverage []news.Article) []news.Article {
	if s.opt.Related == nil {
		return nil
	}
	rel, err := s.opt.Related.Related(r.Context(), a, relatedShown+3)
	if err != nil {
		s.log.Warn("web: related", "article_id", a.ID, "err", err)
		return nil
	}
	seenStory := map[int64]bool{}
	if a.StoryID != 0 {
		seenStory[a.StoryID] = true
	}
	seen := map[int64]bool{a.ID: true}
	for _, c := range coverage {
		seen[c.ID] = true
	}
	var out []news.Article
	for _, o := range rel {
		if seen[o.ID] || o.DuplicateOf == a.ID || (a.DuplicateOf != 0 && o.ID == a.DuplicateOf) ||
			(o.StoryID != 0 && seenStory[o.StoryID]) || strings.EqualFold(o.Title, a.Title) {
			continue
		}
		seen[o.ID] = true
		if o.StoryID != 0 {
			seenStory[o.StoryID] = true
		}
		out = append(out, o)
		if len(out) == relatedShown {
			break
		}
	}
	return out
}

// handlePostComment posts a comment from the article page's form.
func (s *server) handlePostComment(w http.ResponseWriter, r *http.Request) {
	ed, ok := s.edition(w, r)
	if !ok {
		return
	}
	id, ok := s.pathID(w, r, ed, "article")
	if !ok {
		return
	}
	u, sess, ok := s.opt.Auth.Current(r)
	if !ok {
		s.failStatus(w, r, ed, http.StatusForbidden, "Please sign in to comment.")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		s.failStatus(w, r, ed, http.StatusBadRequest, "The form could not be read.")
		return
	}
	if !s.opt.Auth.CheckCSRF(r, sess) {
		s.failStatus(w, r, ed, http.StatusForbidden, "The form has expired. Go back, reload the page and try again.")
		return
	}
	var parent int64
	if ps := r.PostFormValue("parent"); ps != "" {
		p, err := strconv.ParseInt(ps, 10, 64)
		if err != nil || p <= 0 {
			s.failStatus(w, r, ed, http.StatusBadRequest, "The comment you reply to is not valid.")
			return
		}
		parent = p
	}
	body := r.PostFormValue("body")
	c, err := s.opt.Comments.Post(r.Context(), u, id, parent, body)
	if err != nil {
		status := news.HTTPStatus(err)
		if status >= 500 {
			s.fail(w, r, ed, fmt.Errorf("web: comment on article %d: %w", id, err))
			return
		}
		s.renderArticle(w, r, ed, id, status, func(p *articlePage) {
			p.CommentError = publicMessage(err)
			p.CommentBody = body
		})
		return
	}
	target := fmt.Sprintf("/%s/article/%d", ed.Code, id)
	if c.Status == news.CommentHeld {
		target += "?posted=held#comments"
	} else {
		target += fmt.Sprintf("#comment-%d", c.ID)
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// handleOffline renders the page the service worker shows offline. It
// carries no account details, since it is cached.
func (s *server) handleOffline(w http.ResponseWriter, r *http.Request) {
	ed := s.opt.Editions[0]
	v := s.newView(r, ed, "Offline")
	v.User, v.CSRF = nil, ""
	v.Path = "/"
	v.Noindex = true
	s.render(w, r, http.StatusOK, "offline", v)
}

// quotesOnly reports whether an answer's text is nothing but its quotes, so
// that showing both would repeat them.
func quotesOnly(a Answer) bool {
	if len(a.Quotes) == 0 {
		return false
	}
	rest := a.Text
	for _, q := range a.Quotes {
		rest = strings.Replace(rest, q, "", 1)
	}
	return strings.TrimSpace(strings.Trim(rest, " \n\t…\"“”")) == ""
}
