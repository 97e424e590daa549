package extract

import "golang.org/x/net/html"

type cleaner struct {
	res *Result
	o   Options
}

func newCleaner(r *Result, o Options) *cleaner { return &cleaner{res: r, o: o} }

func (c *cleaner) clean(body *html.Node) {}
