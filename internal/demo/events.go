package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// event is one fictional happening with its facts and the outlets that
// cover it.
type event struct {
	idx      int
	kind     int
	at       time.Time // when it happened, UTC
	place    string
	country  string
	country2 string
	p1, p2   person
	p3, p4   person // further people quoted in event details
	org      string
	org2     string
	bank     string
	team1    string
	team2    string
	thing    tr
	n1, n2   int
	n3       int
	amt      float64
	work     string
	univTown string
	street   tr // a street where it happened
	district tr // a part of town
	dist2    tr // another part of town
	river    string
	venue    tr
	year     int    // a year in the event's back story
	month    string // an English month name in the back story
	details  []int  // the detail paragraphs every outlet may use, by index
	wire     bool
	wireBy   string
	enBase   int // first English wording variant of the event
	coverage []coverage
}

// coreOutlets is how many outlets, from the start of the outlet table,
// share the main coverage draw of each event. Later outlets decide on their
// own whether to cover an event; see genEvent.
const coreOutlets = 9

// coverage is one outlet's article about an event.
type coverage struct {
	outlet   int // index into the outlet table
	wire     bool
	variant  int       // which wording the outlet uses, for its own copy
	prefixed bool      // more outlets than headline variants: prefix the headline
	planned  time.Time // when it would be published in the initial timeline
	trim     bool      // the copy drops its last paragraph
	lead     int       // added to variant to choose the first paragraph
}

// Event describes one fictional news event and who covered it.
type Event struct {
	Index   int
	Kind    string
	Section string
	Place   string
	// Outlets lists the slugs of the outlets covering the event, in
	// publishing order.
	Outlets []string
	// Wire is the agency whose copy some of the outlets run, "" when none.
	Wire string
}

// rngFor returns the random source for one purpose of one event; the same
// seed always gives the same stream.
func rngFor(seed int64, purpose string, n int) *rand.Rand {
	h := uint64(14695981039346656037)
	for i := 0; i < len(purpose); i++ {
		h ^= uint64(purpose[i])
		h *= 1099511628211
	}
	return rand.New(rand.NewPCG(uint64(seed)^h, uint64(n)*0x9E3779B97F4A7C15+1))
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// poolSizes is the length of each table that events draw from without
// repeats.
func poolSizes() [poolCount]int {
	return [poolCount]int{
		poolSurname:  len(surnameStems) * len(surnameEndings),
		poolTown:     len(towns),
		poolCompany:  len(companies),
		poolStreet:   len(placeStems),
		poolDistrict: len(placeStems),
		poolRiver:    len(riverNames),
		poolVenue:    len(placeStems),
	}
}

// shufflePools returns a seeded permutation of every pool, so that
// consecutive events draw different names.
func shufflePools(seed int64) [poolCount][]int {
	var out [poolCount][]int
	for p, n := range poolSizes() {
		r := rngFor(seed, "pool", p)
		out[p] = r.Perm(n)
	}
	return out
}

// take returns entry j of the per-event slice of pool p for event idx, each
// event owning per consecutive entries of the shuffled pool.
func (d *Demo) take(p pool, idx, j, per int) int {
	perm := d.perms[p]
	return perm[(idx*per+j)%len(perm)]
}

// detailsPerEvent is how many detail paragraphs an event has.
const detailsPerEvent = 2

// peoplePerEvent is how many surnames each event reserves.
const peoplePerEvent = 8

// newPerson returns person j of event idx, with a surname no nearby event
// uses.
func (d *Demo) newPerson(r *rand.Rand, idx, j int) person {
	f := r.IntN(2) == 0
	first := pick(r, firstNamesM)
	if f {
		first = pick(r, firstNamesF)
	}
	return person{first: first, last: surname(d.take(poolSurname, idx, j, peoplePerEvent)), female: f}
}

// occurrence is how many events of the same kind came before event idx:
// the kinds cycle through every block of len(kinds) events.
func (d *Demo) occurrence(idx int) int { return idx / len(d.kinds) }

// kindOf is the kind of event idx. Consecutive blocks of len(kinds) events
// hold every kind once, so an event's kind never repeats within the
// len(kinds)-1 events before it.
func (d *Demo) kindOf(idx int) int {
	return int((uint64(idx)*5 + uint64(d.seed&0xffff)) % uint64(len(d.kinds)))
}

// genEvent builds event idx. at is when it happened; the outlets' own
// wording variants and coverage are drawn from the seed.
func (d *Demo) genEvent(idx int, at time.Time) *event {
	r := rngFor(d.seed, "event", idx)
	ki := d.kindOf(idx)
	k := &d.kinds[ki]
	occ := d.occurrence(idx)
	ev := &event{idx: idx, kind: ki, at: at.UTC()}
	// Places are drawn at idx+occ rather than idx: the pools' lengths are
	// multiples of the number of kinds, and events of one kind would
	// otherwise come back to the same town and streets.
	pl := idx + occ
	ev.place = towns[d.take(poolTown, pl, 0, 1)]
	ci := r.IntN(len(countries))
	ev.country = countries[ci]
	ev.country2 = countries[(ci+1+r.IntN(len(countries)-1))%len(countries)]
	ev.p1 = d.newPerson(r, idx, 0)
	ev.p2 = d.newPerson(r, idx, 1)
	ev.p3 = d.newPerson(r, idx, 2)
	ev.p4 = d.newPerson(r, idx, 3)
	tag := k.orgTag
	if k.makers {
		tag = orgMaker
	}
	if tag != "" {
		// Events of a kind that needs a certain kind of company take turns
		// through those companies; a factory's product comes with its maker.
		var fit []int
		for i, c := range companies {
			if c.tag == tag || (tag == orgMaker && len(c.products) > 0) {
				fit = append(fit, i)
			}
		}
		off := rngFor(d.seed, "orgs-"+tag, 0).IntN(len(fit))
		c := companies[fit[(occ+off)%len(fit)]]
		ev.org = c.name
		if k.makers {
			ev.thing = c.products[r.IntN(len(c.products))]
		}
	} else {
		ev.org = companies[d.take(poolCompany, idx, 0, 2)].name
	}
	ev.org2 = companies[d.take(poolCompany, idx, 1, 2)].name
	if ev.org2 == ev.org {
		ev.org2 = companies[d.take(poolCompany, idx+1, 1, 2)].name
	}
	ev.bank = pick(r, banks)
	t1 := d.take(poolTown, pl+len(towns)/3, 0, 1)
	t2 := d.take(poolTown, pl+2*len(towns)/3, 0, 1)
	ev.team1 = teamName(towns[t1], r)
	ev.team2 = teamName(towns[t2], r)
	if len(k.things) > 0 && !k.makers {
		off := rngFor(d.seed, "things-"+k.name, 0).IntN(len(k.things))
		ev.thing = k.things[(occ+off)%len(k.things)]
	}
	ev.n1, ev.n2, ev.n3, ev.amt = k.numbers(r)
	w1 := r.IntN(len(novelWords))
	w2 := (w1 + 1 + r.IntN(len(novelWords)-1)) % len(novelWords)
	switch r.IntN(3) {
	case 0:
		ev.work = "The " + novelWords[w1] + " " + novelWords[w2]
	case 1:
		ev.work = "A " + novelWords[w1] + " in " + pick(r, towns)
	default:
		ev.work = "The " + novelWords[w1] + " of " + novelWords[w2]
	}
	ev.street = localPlace(d.take(poolStreet, pl, 0, 1), r.IntN(len(streetKinds)), streetKinds, streetKindsDE, streetKindsFR, "%s %s")
	ev.district = localPlace(d.take(poolDistrict, pl, 0, 2), r.IntN(len(districtKinds)), districtKinds, districtKindsDE, districtKindsFR, "%s %s")
	ev.dist2 = localPlace(d.take(poolDistrict, pl, 1, 2), r.IntN(len(districtKinds)), districtKinds, districtKindsDE, districtKindsFR, "%s %s")
	ev.river = riverNames[d.take(poolRiver, pl, 0, 1)]
	ev.venue = localPlace(d.take(poolVenue, pl, 0, 1), r.IntN(len(venueKinds)), venueKinds, venueKindsDE, venueKindsFR, "the %s %s")
	ev.year = 1968 + r.IntN(55)
	ev.month = ev.at.AddDate(0, -1-r.IntN(5), 0).Month().String()
	// Each event tells a few details of its own, different from those of
	// the other recent events of its kind.
	if ds := k.en.details; len(ds) > 0 {
		off := rngFor(d.seed, "details-"+k.name, 0).IntN(len(ds))
		for j := range detailsPerEvent {
			ev.details = append(ev.details, occ*detailsPerEvent+j+off)
		}
	}
	ev.univTown = pick(r, towns)
	ev.wireBy = pick(r, wireReporters)

	// Coverage: 1 to 5 of the core outlets, English ones more likely.
	n := []int{1, 2, 2, 3, 3, 3, 3, 4, 4, 5}[r.IntN(10)]
	forceWire := idx%8 == 0
	if forceWire && n < 4 {
		n = 4
	}
	weights := make([]int, coreOutlets)
	for i, o := range d.outlets[:coreOutlets] {
		switch o.Lang {
		case "en":
			weights[i] = 6
		case "de":
			weights[i] = 4
		default:
			weights[i] = 3
		}
	}
	var chosen []int
	if forceWire {
		// At least three English outlets run the agency's copy.
		var en []int
		for i, o := range d.outlets[:coreOutlets] {
			if o.Lang == "en" {
				en = append(en, i)
			}
		}
		r.Shuffle(len(en), func(i, j int) { en[i], en[j] = en[j], en[i] })
		chosen = append(chosen, en[:3]...)
		for _, i := range en[:3] {
			weights[i] = 0
		}
	}
	for len(chosen) < n {
		total := 0
		for _, w := range weights {
			total += w
		}
		x := r.IntN(total)
		for i, w := range weights {
			if x < w {
				chosen = append(chosen, i)
				weights[i] = 0
				break
			}
			x -= w
		}
	}
	enCount := 0
	for _, i := range chosen {
		if d.outlets[i].Lang == "en" {
			enCount++
		}
	}
	ev.wire = forceWire || (enCount >= 3 && r.IntN(3) == 0)
	base := map[string]int{"en": r.IntN(8), "de": r.IntN(8), "fr": r.IntN(8)}
	ev.enBase = base["en"]
	used := map[string]int{}
	wireCopies := 0
	offsets := make([]time.Duration, len(chosen))
	for i := range offsets {
		offsets[i] = time.Duration(10+r.IntN(300)) * time.Minute
	}
	sortDurations(offsets)
	for j, oi := range chosen {
		o := &d.outlets[oi]
		c := coverage{outlet: oi, planned: ev.at.Add(offsets[j])}
		if ev.wire && o.Lang == "en" && (wireCopies < 3 || r.IntN(3) > 0) {
			c.wire = true
			c.trim = wireCopies == 2
			wireCopies++
		} else {
			c.variant = base[o.Lang] + used[o.Lang]
			c.prefixed = used[o.Lang] >= len(d.kinds[ki].text(o.Lang).heads)
			used[o.Lang]++
		}
		ev.coverage = append(ev.coverage, c)
	}

	// Outlets after the core ones join in a second round, each drawing from
	// its own stream, so adding an outlet leaves what the others publish
	// exactly as it was. They are likelier to pick up a syndicated story.
	for oi := coreOutlets; oi < len(d.outlets); oi++ {
		o := &d.outlets[oi]
		rr := rngFor(d.seed, "coverage-"+o.Slug, idx)
		join := 35
		if ev.wire {
			join = 50
		}
		if rr.IntN(100) >= join {
			continue
		}
		c := coverage{outlet: oi, planned: ev.at.Add(time.Duration(10+rr.IntN(300)) * time.Minute)}
		if ev.wire && o.Lang == "en" && (wireCopies < 3 || rr.IntN(3) > 0) {
			c.wire = true
			c.trim = wireCopies == 2
			wireCopies++
		} else {
			c.variant = base[o.Lang] + used[o.Lang]
			c.prefixed = used[o.Lang] >= len(d.kinds[ki].text(o.Lang).heads)
			c.lead, c.trim = d.distinctBody(ev, c)
			used[o.Lang]++
		}
		ev.coverage = append(ev.coverage, c)
	}
	sort.SliceStable(ev.coverage, func(i, j int) bool { return ev.coverage[i].planned.Before(ev.coverage[j].planned) })
	return ev
}

// distinctBody returns the shift of the first paragraph, and whether to drop
// the last one, that keep the body of own coverage c apart from every other
// outlet's own coverage of ev in the same language. With many outlets the
// wording variants wrap around, and two bodies could otherwise come out the
// same.
func (d *Demo) distinctBody(ev *event, c coverage) (lead int, trim bool) {
	o := &d.outlets[c.outlet]
	var others [][]string
	for _, x := range ev.coverage {
		if !x.wire && d.outlets[x.outlet].Lang == o.Lang {
			others = append(others, d.ownBody(ev, x))
		}
	}
	n := len(d.kinds[ev.kind].text(o.Lang).leads)
	for _, trim := range []bool{false, true} {
		for shift := 0; shift < n; shift++ {
			c.lead, c.trim = shift, trim
			p := d.ownBody(ev, c)
			if !slices.ContainsFunc(others, func(q []string) bool { return slices.Equal(p, q) }) {
				return shift, trim
			}
		}
	}
	return 0, false
}

// ownBody is the paragraphs of an outlet's own coverage c of ev.
func (d *Demo) ownBody(ev *event, c coverage) []string {
	o := &d.outlets[c.outlet]
	_, paras, _ := d.compose(ev, o.Lang, c.variant, c.variant+c.lead, c.variant, c.prefixed, o.Slug)
	if c.trim && len(paras) > 4 {
		paras = paras[:len(paras)-1]
	}
	return paras
}

func sortDurations(xs []time.Duration) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

func teamName(town string, r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		return "FC " + town
	case 1:
		return "Sporting " + town
	}
	return town + " " + pick(r, teamSuffixes)
}

// replacer fills the placeholders of the event's kind in language l.
func (ev *event) replacer(k *kind, l string) *strings.Replacer {
	fem := func(p person) string {
		if p.female {
			return "e"
		}
		return ""
	}
	var univ, hosp string
	switch l {
	case "de":
		univ = "Universität " + ev.univTown
		hosp = "Gesundheitsamt " + ev.place
	case "fr":
		univ = "l'université de " + ev.univTown
		hosp = "l'agence régionale de santé de " + ev.place
	default:
		univ = "the University of " + ev.univTown
		hosp = "the " + ev.place + " Health Authority"
	}
	day := weekdays[l][ev.at.Weekday()]
	r1 := k.r1.in(l, ev.p1.female)
	r2 := k.r2.in(l, ev.p2.female)
	n3 := fmtInt(ev.n3, l)
	if l == "en" && ev.n3 < 10 {
		n3 = []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}[ev.n3]
	}
	return strings.NewReplacer(
		"{place}", ev.place,
		"{country}", ev.country,
		"{country2}", ev.country2,
		"{p1}", ev.p1.full(),
		"{p1l}", ev.p1.last,
		"{p2}", ev.p2.full(),
		"{p2l}", ev.p2.last,
		"{r1}", r1,
		"{r2}", r2,
		"{R1}", upperFirst(r1),
		"{R2}", upperFirst(r2),
		"{e1}", fem(ev.p1),
		"{e2}", fem(ev.p2),
		"{e3}", fem(ev.p3),
		"{e4}", fem(ev.p4),
		"{org}", ev.org,
		"{org2}", ev.org2,
		"{bank}", ev.bank,
		"{team1}", ev.team1,
		"{team2}", ev.team2,
		"{thing}", ev.thing.in(l),
		"{n1}", fmtInt(ev.n1, l),
		"{n2}", fmtInt(ev.n2, l),
		"{n3}", n3,
		"{amtn}", fmtInt(int(ev.amt), l),
		"{amt}", fmtMoney(ev.amt, l),
		"{pct}", fmtPct(ev.n1, ev.idx, l),
		"{day}", day,
		"{univ}", univ,
		"{hosp}", hosp,
		"{work}", ev.work,
		"{p3}", ev.p3.full(),
		"{p3l}", ev.p3.last,
		"{p4}", ev.p4.full(),
		"{p4l}", ev.p4.last,
		"{street}", ev.street.in(l),
		"{district}", ev.district.in(l),
		"{district2}", ev.dist2.in(l),
		"{river}", ev.river,
		"{venue}", ev.venue.in(l),
		"{year}", strconv.Itoa(ev.year),
		"{month}", ev.month,
	)
}

// compose writes the event in language l with wording variant v: the
// headline, the clean paragraphs and the photo caption.
//
// head, lead and v choose the headline, the first paragraph and the
// variants of the later paragraphs; prefixed marks a headline that would
// repeat another outlet's.
func (d *Demo) compose(ev *event, l string, head, lead, v int, prefixed bool, salt string) (title string, paras []string, caption string) {
	k := &d.kinds[ev.kind]
	t := k.text(l)
	rep := ev.replacer(k, l)
	// fill resolves the placeholders and then the wording choices, which
	// differ from outlet to outlet and from event to event.
	n := 0
	fill := func(s string) string {
		n++
		return upperFirst(choose(rep.Replace(s), rngFor(d.seed, "words-"+salt, ev.idx*64+n)))
	}
	title = fill(t.heads[head%len(t.heads)])
	if prefixed {
		prefix := map[string]string{"en": "What we know: ", "de": "Was wir wissen: ", "fr": "Ce que l'on sait : "}[l]
		title = prefix + title
	}
	paras = append(paras, fill(t.leads[lead%len(t.leads)]))
	r := rngFor(d.seed, "compose-"+salt, ev.idx*16+v)
	keep := make([]bool, len(t.slots))
	for i := range keep {
		keep[i] = true
	}
	drop := 0
	if len(t.slots) > 3 {
		drop = r.IntN(len(t.slots) - 2)
	}
	for drop > 0 {
		i := r.IntN(len(t.slots))
		if keep[i] {
			keep[i] = false
			drop--
		}
	}
	// The event decides the order of its middle paragraphs; the last one,
	// what happens next, stays last.
	order := rngFor(d.seed, "order", ev.idx).Perm(len(t.slots))
	if last := slices.Index(order, len(t.slots)-1); last >= 0 {
		order = append(slices.Delete(order, last, last+1), len(t.slots)-1)
	}
	var details []string
	if len(t.details) > 0 {
		for _, i := range ev.details {
			details = append(details, t.details[i%len(t.details)])
		}
	}
	for j, i := range order {
		if keep[i] {
			s := t.slots[i]
			paras = append(paras, fill(s[(v+ev.idx+i)%len(s)]))
		}
		// The event's own details go in after the first paragraphs, each
		// outlet placing them a little differently.
		if len(details) > 0 && j >= 1+(v+ev.idx)%2 && len(paras) < maxParas-1 {
			paras = append(paras, fill(details[0]))
			details = details[1:]
		}
	}
	caption = fill(t.captions[v%len(t.captions)])
	if l == "fr" {
		title, caption = elide(title), elide(caption)
		for i := range paras {
			paras[i] = elide(paras[i])
		}
	}
	return title, paras, caption
}

// maxParas is the most paragraphs an article has.
const maxParas = 10

// choose resolves each wording choice "[a|b|c]" in s to one of its
// alternatives.
func choose(s string, r *rand.Rand) string {
	if !strings.Contains(s, "[") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		alts := strings.Split(s[i+1:i+j], "|")
		b.WriteString(alts[r.IntN(len(alts))])
		s = s[i+j+1:]
	}
}

// upperFirst capitalises the first letter, skipping opening quotes.
func upperFirst(s string) string {
	for i, c := range s {
		if unicode.IsLetter(c) {
			if unicode.IsUpper(c) {
				return s
			}
			return s[:i] + string(unicode.ToUpper(c)) + s[i+utf8.RuneLen(c):]
		}
		if !strings.ContainsRune("\"'„“«  ", c) {
			return s
		}
	}
	return s
}

// fmtInt writes n with the thousands separator of language l.
func fmtInt(n int, l string) string {
	s := strconv.Itoa(n)
	if n < 1000 || (l == "de" && n < 10000) {
		return s
	}
	sep := map[string]string{"en": ",", "de": ".", "fr": "\u00a0"}[l]
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// fmtDec writes x with up to two decimals in the style of language l.
func fmtDec(x float64, l string) string {
	s := strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
	if l != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// fmtMoney writes an amount given in millions of euros.
func fmtMoney(m float64, l string) string {
	if m >= 1000 {
		b := fmtDec(m/1000, l)
		switch l {
		case "de":
			return b + " Milliarden Euro"
		case "fr":
			if m < 2000 {
				return b + " milliard d'euros"
			}
			return b + " milliards d'euros"
		}
		return "€" + b + " billion"
	}
	s := fmtDec(m, l)
	switch l {
	case "de":
		return s + " Millionen Euro"
	case "fr":
		return s + " millions d'euros"
	}
	return "€" + s + " million"
}

// fmtPct writes a share with one decimal, stable for the event.
func fmtPct(whole, salt int, l string) string {
	return fmtDec(float64(whole)+float64(salt%10)/10, l)
}

// publicEvent is the exported view of an event.
func (d *Demo) publicEvent(ev *event) Event {
	e := Event{Index: ev.idx, Kind: d.kinds[ev.kind].name, Section: d.kinds[ev.kind].section, Place: ev.place}
	for _, c := range ev.coverage {
		e.Outlets = append(e.Outlets, d.outlets[c.outlet].Slug)
	}
	if ev.wire {
		e.Wire = wireAgency
	}
	return e
}

// wireCopy is the agency's copy of the event, run by the outlets
// that syndicate it.
func (d *Demo) wireCopy(ev *event) (title string, paras []string, caption string) {
	b := ev.enBase
	title, paras, caption = d.compose(ev, "en", b+3, b+2, b+1, false, "wire")
	paras[0] = fmt.Sprintf("%s (%s) — %s", strings.ToUpper(ev.place), wireShort, paras[0])
	return title, paras, caption
}

// elideRE finds French "de", "que", "le" and "la" before a vowel.
var elideRE = regexp.MustCompile(`\b([Dd]e|[Qq]ue|[Ll]e|[Ll]a) ([AEIOUÉÈaeiouéèêâ])`)

// elide applies French elision before words and names that start with a
// vowel: "de Orvel" becomes "d'Orvel", "de escargot" "d'escargot" and "la
// avenue" "l'avenue".
func elide(s string) string {
	return elideRE.ReplaceAllStringFunc(s, func(m string) string {
		word, rest, _ := strings.Cut(m, " ")
		return word[:len(word)-1] + "'" + rest
	})
}
