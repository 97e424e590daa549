package main

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"newsdesk/internal/news"
)

// chromium finds the browser binary; the browser tests need one.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no chromium on PATH: install it (apt-get install -y chromium) to run the browser tests")
	return ""
}

// browser starts a headless Chromium for the test.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append([]chromedp.ExecAllocatorOption{},
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	return ctx
}

// pickArticle returns an English article with a body long enough to ask
// about, and a question whose words come from its second paragraph.
func pickArticle(t *testing.T, s *site) (news.Article, string) {
	t.Helper()
	arts, err := s.main.Store.Articles(context.Background(), news.ArticleFilter{Lang: "en", Originals: true, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		paras := strings.Split(a.Text, "\n\n")
		if len(paras) < 3 {
			continue
		}
		words := strings.Fields(strings.Trim(paras[1], ".\"'"))
		if len(words) < 8 {
			continue
		}
		return a, "What about " + strings.Join(words[1:7], " ") + "?"
	}
	t.Fatal("no English article with enough text")
	return news.Article{}, ""
}

// TestBrowserReaderJourney signs up in a real browser, opens an article,
// asks it a question and gets a quoted answer, posts a comment through the
// form and sees it listed after a reload.
func TestBrowserReaderJourney(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test")
	}
	s := startSite(t, false)
	s.waitIngested(t, 50, 2*time.Minute)
	a, question := pickArticle(t, s)
	articleURL := fmt.Sprintf("%s/en/article/%d", s.base, a.ID)
	ctx := browser(t)

	err := chromedp.Do(ctx,
		chromedp.Navigate(s.base+fmt.Sprintf("/signup?next=/en/article/%d", a.ID)),
		chromedp.WaitVisible(`#signup-name`),
		chromedp.SendKeys(`#signup-name`, "river_reader"),
		chromedp.SendKeys(`#signup-password`, "correct horse battery"),
		chromedp.Submit(`#signup-password`),
		chromedp.WaitVisible(`#comment-body`),
	)
	if err != nil {
		t.Fatalf("sign up: %v", err)
	}
	location, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(location, articleURL) {
		t.Fatalf("after sign-up the browser is at %s, want the article %s", location, articleURL)
	}

	err = chromedp.Do(ctx,
		chromedp.SendKeys(`#ask-q`, question),
		chromedp.Submit(`#ask-q`),
		chromedp.WaitVisible(`.answer blockquote`),
	)
	if err != nil {
		t.Fatalf("ask %q: %v", question, err)
	}
	quotes, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('.answer blockquote')).map(b => b.textContent.trim())`))
	if err != nil {
		t.Fatal(err)
	}
	if len(quotes) == 0 {
		t.Fatalf("ask %q: no quoted answer", question)
	}
	for _, q := range quotes {
		if !strings.Contains(collapse(a.Text), collapse(q)) {
			t.Errorf("answer quote %q is not a sentence of the article", q)
		}
	}

	const comment = "The ferry timetable part was the most useful, thanks."
	err = chromedp.Do(ctx,
		chromedp.SendKeys(`#comment-body`, comment),
		chromedp.Submit(`#comment-body`),
		chromedp.WaitVisible(`#comments article.comment`),
		chromedp.Navigate(articleURL),
		chromedp.Reload(),
		chromedp.WaitVisible(`#comments`),
	)
	if err != nil {
		t.Fatalf("comment: %v", err)
	}
	listed, err := chromedp.Run(ctx, chromedp.Text(`#comments`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(listed, comment) || !strings.Contains(listed, "river_reader") {
		t.Errorf("after reload the comments read %q, want the comment by river_reader", listed)
	}
	if strings.Contains(listed, "No comments yet") {
		t.Error(`"No comments yet" shown beside a comment`)
	}
}
