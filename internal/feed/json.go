package feed

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"strings"

	"github.com/mmcdole/gofeed/json"

	"newsdesk/internal/news"
)

// parseJSON parses a JSON Feed document.
func parseJSON(b []byte, baseURL string) (*Feed, error) {
	jf, err := (&json.Parser{}).Parse(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("json feed: %w: %w", err, news.ErrInvalid)
	}
	if !strings.Contains(jf.Version, "jsonfeed.org") && jf.Title == "" && len(jf.Items) == 0 {
		return nil, fmt.Errorf("json document is not a feed: %w", news.ErrInvalid)
	}
	base, _ := url.Parse(baseURL)
	f := &Feed{Format: "json11", Wellformed: true, Encoding: "utf-8"}
	if strings.HasSuffix(strings.TrimRight(jf.Version, "/"), "version/1") {
		f.Format = "json10"
	}
	f.Title = plainText(jf.Title)
	f.TitleHTML = html.EscapeString(f.Title)
	f.Link = resolve(base, jf.HomePageURL)
	if strings.TrimSpace(jf.FeedURL) != "" {
		f.Self = resolve(base, jf.FeedURL)
	}
	f.Subtitle = jf.Description
	f.Language = jf.Language
	f.Author = jsonAuthor(jf.Author, jf.Authors)
	f.Image = resolve(base, firstOf(jf.Icon, jf.Favicon))
	for _, ji := range jf.Items {
		if ji == nil {
			continue
		}
		it := Item{
			ID:      ji.ID,
			Title:   plainText(ji.Title),
			Link:    resolve(base, firstOf(ji.URL, ji.ExternalURL)),
			Author:  jsonAuthor(ji.Author, ji.Authors),
			Summary: ji.Summary,
			Image:   resolve(base, firstOf(ji.Image, ji.BannerImage)),
		}
		it.TitleHTML = html.EscapeString(it.Title)
		it.Published, _ = parseDate(ji.DatePublished)
		it.Updated, _ = parseDate(ji.DateModified)
		switch {
		case ji.ContentHTML != "":
			it.Content, it.ContentType = ji.ContentHTML, "text/html"
		case ji.ContentText != "":
			it.Content, it.ContentType = ji.ContentText, "text/plain"
		}
		for _, t := range ji.Tags {
			if t = strings.TrimSpace(t); t != "" {
				it.Categories = append(it.Categories, t)
			}
		}
		if ji.Attachments != nil {
			for _, a := range *ji.Attachments {
				if a.URL == "" {
					continue
				}
				it.Enclosures = append(it.Enclosures, Enclosure{URL: resolve(base, a.URL), Type: a.MimeType, Length: a.SizeInBytes})
			}
		}
		if it.Image == "" {
			it.Image = itemImage(nil, it.Enclosures, base)
		}
		f.Items = append(f.Items, it)
	}
	return finish(f, base), nil
}

func jsonAuthor(a *json.Author, as []*json.Author) string {
	if a != nil && a.Name != "" {
		return a.Name
	}
	for _, x := range as {
		if x != nil && x.Name != "" {
			return x.Name
		}
	}
	return ""
}
