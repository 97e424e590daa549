// Package demo runs fictional news publishers in-process for newsdesk's
// demo mode and its end-to-end tests.
//
// A Demo serves several invented outlets on one loopback HTTP server, each
// with its own home page, feed (RSS 2.0, RSS 1.0, Atom or JSON Feed), article
// pages and images. The articles cover invented events in English, German and
// French; several outlets cover the same event in their own words, and some
// run the same agency copy. Pages carry the clutter real sites carry
// (navigation, ads, cookie banners, promo lines, CMS leftovers), and the demo
// knows exactly what it planted, so tests can check that none of it reaches
// a reader. Everything is generated from a seed and is the same every time.
package demo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Options configures a Demo.
type Options struct {
	// Seed chooses the generated world; the same seed gives the same events,
	// articles and pages.
	Seed int64
	// Live publishes a new article every Interval once the demo is started.
	Live bool
	// Interval between live publications; 5s when zero.
	Interval time.Duration
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// Outlet is the public description of one fictional publisher.
type Outlet struct {
	Name    string // display name, "The Harbour Times"
	Slug    string // URL-safe key
	Lang    string // ISO 639-1
	Region  string // ISO 3166-1 alpha-2
	HomeURL string // absolute once the demo has a base URL, a path before
	FeedURL string // absolute once the demo has a base URL, a path before
	Format  string // FormatRSS2, FormatRSS1, FormatAtom or FormatJSON
	Charset string // the charset of its feed and pages, "utf-8" or "windows-1252"
}

// Article is one published article as the demo knows it: the truth a
// reader-facing page should show.
type Article struct {
	ID           string
	OutletSlug   string
	URL          string // absolute once the demo has a base URL, a path before
	Title        string
	Byline       string
	Section      string // world, politics, business, technology, science, health, sport, culture
	ImageURL     string
	ImageCaption string
	Lang         string
	Wire         string // the agency whose copy this is, "" for the outlet's own
	Published    time.Time
	Paragraphs   []string // the true body, clean
	Event        int      // index of the event it covers

	// Planted lists the boilerplate strings planted inside this article's
	// body on its page (CMS leftovers, promo lines, ad text, credit lines).
	Planted []string
	// HeadlineRepeated is true when the page repeats the headline as the
	// body's first paragraph.
	HeadlineRepeated bool
	// CaptionRepeated is true when the page repeats the photo caption as a
	// body paragraph.
	CaptionRepeated bool
}

// initialEvents is how many events the demo generates up front.
const initialEvents = 72

// eventSpacing is the time between consecutive initial events.
const eventSpacing = 8 * time.Hour

// feedSize is how many items each feed lists.
const feedSize = 40

// Demo is a set of fictional publishers. Its methods are safe for
// concurrent use.
type Demo struct {
	seed     int64
	live     bool
	interval time.Duration
	now      func() time.Time
	kinds    []kind
	outlets  []outlet
	perms    [poolCount][]int // seeded order of each name pool

	mu        sync.Mutex
	events    []*event
	queue     []pending // coverage not yet published, by planned time
	posts     []*post   // published, oldest first
	byPath    map[string]*post
	perOutlet [][]*post
	lastPub   time.Time
	nextAt    time.Time // when the next generated event happens
	base      string

	srvMu   sync.Mutex
	srv     *http.Server
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	started bool
}

// pending is coverage waiting to be published.
type pending struct {
	ev  *event
	cov int
}

// post is a published article with what its page needs.
type post struct {
	Article
	num       int
	outlet    int
	seq       int // position in the outlet's publishing order
	path      string
	imagePath string
	blocks    []block
}

// New builds the demo world and publishes its initial articles. Nothing is
// served until Start or Handler is used.
func New(o Options) *Demo { return newWithOutlets(o, outletTable()) }

// newWithOutlets is New with the given outlet table, which must start with
// the core outlets.
func newWithOutlets(o Options, outlets []outlet) *Demo {
	d := &Demo{
		seed:     o.Seed,
		live:     o.Live,
		interval: o.Interval,
		now:      o.Now,
		kinds:    kinds(),
		outlets:  outlets,
		byPath:   map[string]*post{},
		perms:    shufflePools(o.Seed),
	}
	if d.interval <= 0 {
		d.interval = 5 * time.Second
	}
	if d.now == nil {
		d.now = time.Now
	}
	d.perOutlet = make([][]*post, len(d.outlets))
	now := d.now().UTC().Truncate(time.Second)
	// The initial events are spread over about three weeks, the newest a few
	// hours old. Kinds cycle through every block of len(kinds) events, so two
	// events of the same kind are len(kinds)*step, four days, apart.
	step := eventSpacing
	start := now.Add(-initialEvents*step + 2*time.Hour)
	var initial []pending
	for i := 0; i < initialEvents; i++ {
		r := rngFor(d.seed, "timeline", i)
		at := start.Add(time.Duration(i)*step + time.Duration(r.IntN(900))*time.Second)
		ev := d.genEvent(i, at)
		d.events = append(d.events, ev)
		for j, c := range ev.coverage {
			p := pending{ev: ev, cov: j}
			if c.planned.After(now) {
				d.queue = append(d.queue, p)
			} else {
				initial = append(initial, p)
			}
		}
	}
	d.nextAt = now
	sortPending(initial)
	sortPending(d.queue)
	for _, p := range initial {
		d.publish(p, p.ev.coverage[p.cov].planned.Truncate(time.Second))
	}
	return d
}

func sortPending(ps []pending) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i].ev.coverage[ps[i].cov], ps[j].ev.coverage[ps[j].cov]
		if !a.planned.Equal(b.planned) {
			return a.planned.Before(b.planned)
		}
		if ps[i].ev.idx != ps[j].ev.idx {
			return ps[i].ev.idx < ps[j].ev.idx
		}
		return ps[i].cov < ps[j].cov
	})
}

// publish turns pending coverage into a published post at time at. The
// caller holds d.mu (or is New).
func (d *Demo) publish(p pending, at time.Time) *post {
	ev := p.ev
	c := ev.coverage[p.cov]
	o := &d.outlets[c.outlet]
	k := &d.kinds[ev.kind]
	num := 480000 + ev.idx*16 + c.outlet
	var title, caption string
	var paras []string
	r := rngFor(d.seed, "byline", num)
	byline := pick(r, o.reporters)
	wire := ""
	if c.wire {
		title, paras, caption = d.wireCopy(ev)
		if c.trim && len(paras) > 4 {
			paras = paras[:len(paras)-1]
		}
		byline = ev.wireBy
		wire = wireAgency
	} else {
		title, paras, caption = d.compose(ev, o.Lang, c.variant, c.variant+c.lead, c.variant, c.prefixed, o.Slug)
		if c.trim && len(paras) > 4 {
			paras = paras[:len(paras)-1]
		}
	}
	at = at.In(o.tz)
	ps := &post{
		Article: Article{
			ID:           fmt.Sprintf("%s-%d", o.Slug, num),
			OutletSlug:   o.Slug,
			Title:        title,
			Byline:       byline,
			Section:      k.section,
			ImageCaption: caption,
			Lang:         o.Lang,
			Wire:         wire,
			Published:    at,
			Paragraphs:   paras,
			Event:        ev.idx,
		},
		num:    num,
		outlet: c.outlet,
		seq:    len(d.perOutlet[c.outlet]),
	}
	ps.path = o.articlePath(num, k.section, title, at)
	ext := o.imgExt
	ps.imagePath = fmt.Sprintf("/%s/media/%d.%s", o.Slug, num, ext)
	d.plant(ps)
	d.posts = append(d.posts, ps)
	d.perOutlet[c.outlet] = append(d.perOutlet[c.outlet], ps)
	d.byPath[ps.path] = ps
	if at.After(d.lastPub) {
		d.lastPub = at
	}
	return ps
}

// PublishNext publishes one more article now, drawn from coverage not yet
// published (new events are generated as needed). It reports false only if
// nothing could be published, which does not happen in practice.
func (d *Demo) PublishNext() (Article, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for len(d.queue) < 8 {
		ev := d.genEvent(len(d.events), d.nextAt)
		d.nextAt = d.nextAt.Add(35 * time.Minute)
		d.events = append(d.events, ev)
		for j := range ev.coverage {
			d.queue = append(d.queue, pending{ev: ev, cov: j})
		}
		sortPending(d.queue)
	}
	if len(d.queue) == 0 {
		return Article{}, false
	}
	p := d.queue[0]
	d.queue = d.queue[1:]
	at := d.now().Truncate(time.Second)
	if min := d.lastPub.Add(time.Second); at.Before(min) {
		at = min
	}
	ps := d.publish(p, at)
	return d.export(ps), true
}

// export copies a post out with absolute URLs. The caller holds d.mu.
func (d *Demo) export(p *post) Article {
	a := p.Article
	a.URL = d.base + p.path
	a.ImageURL = d.base + p.imagePath
	a.Paragraphs = append([]string(nil), p.Paragraphs...)
	a.Planted = append([]string(nil), p.Planted...)
	return a
}

// Published returns the articles published so far, oldest first.
func (d *Demo) Published() []Article {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]Article, len(d.posts))
	for i, p := range d.posts {
		out[i] = d.export(p)
	}
	return out
}

// Events returns the events generated so far, including those not yet
// covered by any published article.
func (d *Demo) Events() []Event {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]Event, len(d.events))
	for i, ev := range d.events {
		out[i] = d.publicEvent(ev)
	}
	return out
}

// Outlets returns the publishers, with absolute URLs once the demo has a
// base URL.
func (d *Demo) Outlets() []Outlet {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]Outlet, len(d.outlets))
	for i, o := range d.outlets {
		out[i] = o.Outlet
		out[i].HomeURL = d.base + o.HomeURL
		out[i].FeedURL = d.base + o.FeedURL
	}
	return out
}

// SetBaseURL sets the absolute URL the demo is reached at, such as an
// httptest server's URL, when it is served through Handler rather than
// Start. Start sets it itself.
func (d *Demo) SetBaseURL(u string) {
	d.mu.Lock()
	d.base = strings.TrimSuffix(u, "/")
	d.mu.Unlock()
}

// URL returns the base URL, "" before the demo is started or given one.
func (d *Demo) URL() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.base
}

// Boilerplate returns every string the demo planted that must never reach a
// reader: the outlets' chrome (distinctive navigation entries, cookie
// banners, newsletter, app and Telegram boxes, ads, comment widgets,
// footers, wire credit lines), their promo lines and the CMS leftovers in
// the published articles. Generic labels such as section names, and the
// headlines of other articles shown as teasers, are left out: they may
// rightly appear elsewhere. Every string is at least 12 characters long.
func (d *Demo) Boilerplate() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if utf8.RuneCountInString(s) < 12 || seen[s] {
			return
		}
		seen[s] = true
		out = append(out, s)
	}
	for _, o := range d.outlets {
		c := o.c
		for _, s := range o.c.nav {
			add(s)
		}
		for _, s := range []string{c.tagline, c.cookie, c.cookieButton, c.newsletter, c.newsletterBtn, c.app, c.telegram, c.adLabel, c.related, c.comments, c.footer} {
			add(s)
		}
		for _, s := range c.adCopy {
			add(s)
		}
		for _, s := range c.sampleComments {
			add(s)
		}
		for _, s := range o.promos {
			add(s)
		}
		if o.inlineRelated != "" {
			add(o.inlineRelated)
		}
		if c.credit != "" {
			add(fmt.Sprintf(c.credit, wireAgency))
		}
	}
	for _, p := range d.posts {
		for _, s := range p.Planted {
			add(s)
		}
	}
	sort.Strings(out)
	return out
}

// Handler returns the whole demo site.
func (d *Demo) Handler() http.Handler {
	return http.HandlerFunc(d.serveHTTP)
}

// Start listens on a free loopback port and serves the demo in the
// background until ctx ends or Close is called; it returns once the server
// is listening. In live mode it also publishes an article every Interval.
func (d *Demo) Start(ctx context.Context) error {
	d.srvMu.Lock()
	defer d.srvMu.Unlock()
	if d.started {
		return errors.New("demo: already started")
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("demo: listen: %w", err)
	}
	d.started = true
	d.SetBaseURL("http://" + ln.Addr().String())
	ctx, cancel := context.WithCancel(ctx)
	d.cancel = cancel
	d.srv = &http.Server{
		Handler:           d.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	srv := d.srv
	d.wg.Add(2)
	go func() {
		defer d.wg.Done()
		_ = srv.Serve(ln) // returns http.ErrServerClosed after Shutdown
	}()
	go func() {
		defer d.wg.Done()
		d.run(ctx)
		sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer scancel()
		_ = srv.Shutdown(sctx) // best effort; Close below forces the rest
		_ = srv.Close()
	}()
	return nil
}

// run publishes in live mode until ctx ends.
func (d *Demo) run(ctx context.Context) {
	if !d.live {
		<-ctx.Done()
		return
	}
	t := time.NewTicker(d.interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			d.PublishNext()
		}
	}
}

// Close stops the server and live publishing and waits for them. It is safe
// to call more than once, and before Start.
func (d *Demo) Close() error {
	d.srvMu.Lock()
	cancel := d.cancel
	d.srvMu.Unlock()
	if cancel != nil {
		cancel()
	}
	d.wg.Wait()
	return nil
}
