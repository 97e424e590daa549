package fetch

import (
	"context"
	"net/url"
)

// maxPostAnswer caps the body read from the answer to a PostForm.
const maxPostAnswer = 1 << 20

// PostForm sends form to r.URL as an application/x-www-form-urlencoded
// POST, with Get's address guard (r.AllowPrivate as for Get), timeouts and
// per-host limits, and returns the answer. A redirect is not followed: it
// gives a *StatusError like any other status that is not 2xx. The
// conditional and robots.txt fields of r are ignored, and the answer's
// body is capped at 1 MiB.
func (c *Client) PostForm(ctx context.Context, r Request, form url.Values) (*Response, error) {
	r.ETag, r.LastModified, r.Robots = "", "", false
	if form == nil {
		form = url.Values{}
	}
	r.form = form
	return c.getLimited(ctx, r, min(c.opts.MaxBytes, maxPostAnswer))
}
