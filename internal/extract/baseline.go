package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"newsdesk/internal/news"
)

// Baseline runs the underlying main-text extractor alone on page, parsed
// as it comes and configured as Extract configures it, and returns the
// length of the text it found. It exists to measure what newsdesk's own
// work costs on top (newsdesk bench extract, BenchmarkTrafilaturaAlone).
func Baseline(page []byte, pageURL string) (int, error) {
	base, _ := url.Parse(strings.TrimSpace(pageURL))
	if base != nil && !base.IsAbs() {
		base = nil
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return 0, fmt.Errorf("extract: baseline: %s: %w: %v", pageURL, news.ErrInvalid, err)
	}
	r, err := trafilatura.ExtractDocument(doc, extractorOptions(base))
	if err != nil {
		return 0, nil //nolint:nilerr // no main text is an empty article, as in Extract
	}
	return len(r.ContentText), nil
}
