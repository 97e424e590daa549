package extract

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// rule is a compiled cleaning pattern with a literal prefilter. Most
// blocks of a page match none of the rules, and most of the rules are long
// alternations of words, so a rule first checks that the lower-cased text
// holds the strings every match must contain (and, for a pattern anchored
// at the start, begins as a match must); only then does it run the regular
// expression. The prefilter is derived from the pattern itself, so rules
// stay plain regular expressions.
type rule struct {
	re *regexp.Regexp
	// groups are sets of lower-case strings: every match contains at
	// least one string of each group. nil when the pattern requires no
	// literal.
	groups [][]string
	// starts, for a pattern anchored at the start of the text, lists
	// lower-case strings one of which every match begins with; nil when
	// the pattern says nothing of its start. startBytes has the bits of
	// their first bytes, which turn most texts away at one look.
	starts     []string
	startBytes [4]uint64
	// anchored says the pattern begins with ^ (start of text).
	anchored bool
	// exact says the pattern is a literal that ignores case: the text
	// matches when its lower-case form holds the needle, without running
	// the regular expression.
	exact bool
	// branches, when the pattern is an alternation, are its alternatives
	// as rules of their own: a text matches the rule when it matches one
	// of them, and only those whose needles occur are run.
	branches []*rule

	// needles are the strings of the groups of the rule, or with
	// branches of every branch, group after group; spans[g] are the
	// needles of group g, and a rule's (or branch's) groups are those in
	// its gs range. set finds them all in one pass when there are many.
	needles []string
	spans   [][2]int
	gs      [2]int
	set     *needleSet
	// brGs are the branches' gs, side by side: the branches whose needles
	// are all found are picked from them without reading each branch's own
	// record, most of which a page's texts never need.
	brGs [][2]int
	// indexes are the rule indexes holding the rule, with where its
	// needles start in each one's flags.
	indexes []ruleBase
}

// ruleBase places a rule's needles in the flags of a rule index.
type ruleBase struct {
	ix   *ruleIndex
	base int
}

// shortText is the text length up to which a rule's needles are searched
// one by one even when they are many.
const shortText = 48

// manyNeedles is the needle count from which a rule searches them all in
// one pass rather than one by one.
const manyNeedles = 6

// mustRule compiles pattern and its prefilter; it panics on a bad pattern,
// like regexp.MustCompile, as rules are constants of the package.
func mustRule(pattern string) *rule {
	r := &rule{re: regexp.MustCompile(pattern)}
	tree, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		panic("extract: rule " + pattern + ": " + err.Error())
	}
	// The tree is used as parsed: simplifying would unroll counted
	// repetitions ({0,300}) into patterns many times the size.
	r.groups = required(tree)
	r.setStarts(anchoredStarts(tree))
	r.anchored = isAnchored(tree)
	r.exact = caselessLiteral(tree)
	alts := alternatives(tree)
	srcs := make([]string, len(alts))
	size := 0
	for i, b := range alts {
		srcs[i] = b.String()
		size += len(srcs[i])
	}
	// Alternatives that share large character classes (\p{L}) are written
	// out at length; compiling each would cost more at start-up than the
	// split saves.
	if size <= 2*len(pattern) {
		for i, b := range alts {
			br := &rule{re: regexp.MustCompile(srcs[i]), groups: required(b), exact: caselessLiteral(b)}
			br.setStarts(anchoredStarts(b))
			if br.groups == nil {
				// An alternative that needs no literal is run on every
				// text; splitting saves nothing then.
				r.branches = nil
				break
			}
			r.branches = append(r.branches, br)
		}
	}
	r.compileNeedles()
	return r
}

// caselessLiteral reports whether re is a literal string that ignores
// case (or has no letters), which its one needle finds exactly.
func caselessLiteral(re *syntax.Regexp) bool {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op != syntax.OpLiteral {
		return false
	}
	if re.Flags&syntax.FoldCase != 0 {
		return true
	}
	for _, r := range re.Rune {
		if unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// compileNeedles lays out the needles of the rule and its branches and
// builds the one-pass search when it pays.
func (r *rule) compileNeedles() {
	rules := r.branches
	if rules == nil {
		rules = []*rule{r}
	}
	for _, x := range rules {
		x.gs[0] = len(r.spans)
		for _, g := range x.groups {
			r.spans = append(r.spans, [2]int{len(r.needles), len(r.needles) + len(g)})
			r.needles = append(r.needles, g...)
		}
		x.gs[1] = len(r.spans)
		if x != r {
			r.brGs = append(r.brGs, x.gs)
		}
	}
	if len(r.needles) >= manyNeedles {
		r.set = newNeedleSet(r.needles)
	}
}

// startsRaw is startsOK for s not yet in lower case; it lower-cases only
// as much of s as it compares, so that texts that cannot match are turned
// away without a lower-case copy.
func (r *rule) startsRaw(s string) bool {
	if r.starts == nil {
		return true
	}
	if s == "" {
		return false
	}
	if c := s[0]; c < utf8.RuneSelf && !r.mayStart(lowerASCII(c)) {
		return false
	}
	for _, p := range r.starts {
		if hasLowerPrefix(s, p) {
			return true
		}
	}
	return false
}

// hasLowerPrefix reports whether strings.ToLower(s) begins with p.
func hasLowerPrefix(s, p string) bool {
	var enc [utf8.UTFMax]byte
	for len(p) > 0 {
		if s == "" {
			return false
		}
		if c := s[0]; c < utf8.RuneSelf {
			if lowerASCII(c) != p[0] {
				return false
			}
			s, p = s[1:], p[1:]
			continue
		}
		r, n := utf8.DecodeRuneInString(s)
		l := enc[:utf8.EncodeRune(enc[:], unicode.ToLower(r))]
		if len(p) < len(l) {
			return strings.HasPrefix(string(l), p)
		}
		if string(l) != p[:len(l)] {
			return false
		}
		s, p = s[n:], p[len(l):]
	}
	return true
}

// setStarts records the beginnings one of which every match has (see
// anchoredStarts), nil for none known.
func (r *rule) setStarts(starts []string) {
	if slices.Contains(starts, "") {
		starts = nil // every text begins with ""
	}
	r.starts = starts
	for _, p := range starts {
		r.startBytes[p[0]>>6] |= 1 << (p[0] & 63)
	}
}

// mayStart reports whether one of the rule's beginnings starts with the
// byte c.
func (r *rule) mayStart(c byte) bool {
	return r.startBytes[c>>6]&(1<<(c&63)) != 0
}

// startsOK reports whether low begins as a match of the rule must.
func (r *rule) startsOK(low string) bool {
	if r.starts == nil {
		return true
	}
	if low == "" || !r.mayStart(low[0]) {
		return false
	}
	for _, p := range r.starts {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}

// found returns the flags of r.needles that occur in low.
func (r *rule) found(low string, buf []bool) []bool {
	var hit []bool
	if len(r.needles) <= len(buf) {
		hit = buf[:len(r.needles)]
		clear(hit)
	} else {
		hit = make([]bool, len(r.needles))
	}
	// A short text (a class name, a title) is searched needle by needle:
	// that reads little beyond the text and the needles, where the
	// one-pass table would have to be brought back into the caches.
	if r.set != nil && len(low) > shortText {
		r.set.found(low, hit)
		return hit
	}
	for i, n := range r.needles {
		hit[i] = strings.Contains(low, n)
	}
	return hit
}

// satisfied reports whether the needles found cover every group in gs
// (the groups of r itself or of one of its branches).
func (r *rule) satisfied(hit []bool, gs [2]int) bool {
	for g := gs[0]; g < gs[1]; g++ {
		if !slices.Contains(hit[r.spans[g][0]:r.spans[g][1]], true) {
			return false
		}
	}
	return true
}

// matchHits reports whether s matches, given low (s in lower case), which
// begins as r's matches must (startsOK), and the flags of r.needles found
// in it.
func (r *rule) matchHits(s, low string, hit []bool) bool {
	if r.branches == nil {
		return r.satisfied(hit, r.gs) && (r.exact || r.re.MatchString(s))
	}
	for i, gs := range r.brGs {
		if !r.satisfied(hit, gs) {
			continue
		}
		if b := r.branches[i]; b.startsOK(low) && (b.exact || b.re.MatchString(s)) {
			return true
		}
	}
	return false
}

// possibleHits reports whether s may match, given low, which begins as
// r's matches must, and the flags of r.needles found in it.
func (r *rule) possibleHits(low string, hit []bool) bool {
	if r.branches == nil {
		return r.satisfied(hit, r.gs)
	}
	for i, gs := range r.brGs {
		if r.satisfied(hit, gs) && r.branches[i].startsOK(low) {
			return true
		}
	}
	return false
}

// possible reports whether s may match: it holds the needed strings.
func (r *rule) possible(s string) bool {
	if r.groups == nil && r.starts == nil && r.branches == nil {
		return true
	}
	if !r.startsRaw(s) {
		return false
	}
	return r.possibleLow(strings.ToLower(s))
}

// possibleLow is possible given s already in lower case.
func (r *rule) possibleLow(low string) bool {
	if !r.startsOK(low) {
		return false
	}
	var buf [128]bool
	return r.possibleHits(low, r.found(low, buf[:]))
}

// MatchString reports whether s contains a match of the rule.
func (r *rule) MatchString(s string) bool {
	if r.groups == nil && r.starts == nil && r.branches == nil {
		return r.re.MatchString(s)
	}
	if !r.startsRaw(s) {
		return false
	}
	return r.matchLow(s, strings.ToLower(s))
}

// matchLow is MatchString for s whose lower-case form low the caller
// already has, which saves lower-casing s once per rule.
func (r *rule) matchLow(s, low string) bool {
	if !r.startsOK(low) {
		return false
	}
	var buf [128]bool
	return r.matchHits(s, low, r.found(low, buf[:]))
}

// FindStringIndex returns the first match's bounds, or nil.
func (r *rule) FindStringIndex(s string) []int {
	if !r.possible(s) {
		return nil
	}
	return r.re.FindStringIndex(s)
}

// FindStringSubmatch returns the first match and its groups, or nil.
func (r *rule) FindStringSubmatch(s string) []string {
	if !r.possible(s) {
		return nil
	}
	return r.re.FindStringSubmatch(s)
}

// FindStringSubmatchIndex returns the bounds of the first match and its
// groups, or nil.
func (r *rule) FindStringSubmatchIndex(s string) []int {
	if !r.possible(s) {
		return nil
	}
	return r.re.FindStringSubmatchIndex(s)
}

// FindAllStringIndex returns the bounds of up to n successive matches
// (all when n < 0), or nil.
func (r *rule) FindAllStringIndex(s string, n int) [][]int {
	if !r.possible(s) {
		return nil
	}
	return r.re.FindAllStringIndex(s, n)
}

// ReplaceAllString replaces every match in s with repl (with $ expansion).
func (r *rule) ReplaceAllString(s, repl string) string {
	if !r.possible(s) {
		return s
	}
	return r.re.ReplaceAllString(s, repl)
}

// ruleIndex searches the needles of several rules in one pass over a
// text, for texts that are tried against all of them (a body's blocks).
// It is built once and only read after.
type ruleIndex struct {
	set *needleSet
	n   int
}

// newRuleIndex indexes the needles of rules.
func newRuleIndex(rules ...*rule) *ruleIndex {
	ix := &ruleIndex{}
	var all []string
	for _, r := range rules {
		r.indexes = append(r.indexes, ruleBase{ix, len(all)})
		all = append(all, r.needles...)
	}
	ix.n = len(all)
	ix.set = newNeedleSet(all)
	return ix
}

// baseIn returns where r's needles start in the flags of ix, and whether
// ix holds r.
func (r *rule) baseIn(ix *ruleIndex) (int, bool) {
	for _, x := range r.indexes {
		if x.ix == ix {
			return x.base, true
		}
	}
	return 0, false
}

// probe is one text made ready for the rules of an index: its lower-case
// form and, once asked, the needles found in it.
type probe struct {
	s, low string
	ix     *ruleIndex
	hit    []bool // nil until the first question
}

// newProbe readies s (and low, its lower-case form) for the rules of ix;
// the one search for their needles happens at the first question.
func (ix *ruleIndex) newProbe(s, low string) *probe {
	return &probe{s: s, low: low, ix: ix}
}

// searchEach searches the needles in each of texts (in lower case) and
// returns their flags, ready for newProbe's probes of the texts (see
// withHits). Searching many short texts in one go, rather than each
// between other work, finds the search's table still in the processor's
// caches from one text to the next, and lets foundSpans search them side
// by side; reading the table is most of what a search costs.
func (ix *ruleIndex) searchEach(texts []string) [][]bool {
	flags := make([]bool, len(texts)*ix.n)
	out := make([][]bool, len(texts))
	spans := make([]span, len(texts))
	for i, t := range texts {
		out[i] = flags[i*ix.n : (i+1)*ix.n : (i+1)*ix.n]
		ix.set.foundSingle(t, out[i])
		spans[i] = span{t, len(t), out[i]}
	}
	ix.set.foundSpans(spans)
	return out
}

// withHits gives the probe the flags searchEach found for its text.
func (p *probe) withHits(hit []bool) *probe {
	if hit != nil {
		p.hit = hit
	}
	return p
}

// search runs the search for the needles once.
func (p *probe) search() {
	if p.hit == nil {
		p.hit = make([]bool, p.ix.n)
		p.ix.set.foundLong(p.low, p.hit)
	}
}

// match reports whether the probed text matches r.
func (p *probe) match(r *rule) bool {
	b, ok := r.baseIn(p.ix)
	if !ok {
		return r.matchLow(p.s, p.low)
	}
	if !r.startsOK(p.low) {
		return false
	}
	p.search()
	return r.matchHits(p.s, p.low, p.hit[b:b+len(r.needles)])
}

// possible reports whether the probed text may match r.
func (p *probe) possible(r *rule) bool {
	b, ok := r.baseIn(p.ix)
	if !ok {
		return r.possibleLow(p.low)
	}
	if !r.startsOK(p.low) {
		return false
	}
	p.search()
	return r.possibleHits(p.low, p.hit[b:b+len(r.needles)])
}

// near is matchNear for the probed text, a long one.
func (p *probe) near(r *rule) bool {
	b, ok := r.baseIn(p.ix)
	if !ok || r.groups == nil || r.anchored || len(p.s) <= 8*nearWindow {
		return r.matchNear(p.s, p.low)
	}
	p.search()
	return r.nearHits(p.low, p.hit[b:b+len(r.needles)])
}

// alternatives splits a pattern that is an alternation, possibly between
// a fixed prefix and suffix (^(?:a|b)$), into one pattern per alternative.
// It returns nil for other patterns.
func alternatives(re *syntax.Regexp) []*syntax.Regexp {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	switch re.Op {
	case syntax.OpAlternate:
		return re.Sub
	case syntax.OpConcat:
		at := -1
		for i, s := range re.Sub {
			for s.Op == syntax.OpCapture {
				s = s.Sub[0]
			}
			if s.Op == syntax.OpAlternate {
				if at >= 0 {
					return nil
				}
				at = i
			}
		}
		if at < 0 {
			return nil
		}
		alt := re.Sub[at]
		for alt.Op == syntax.OpCapture {
			alt = alt.Sub[0]
		}
		var out []*syntax.Regexp
		for _, a := range alt.Sub {
			subs := append(append(append([]*syntax.Regexp{}, re.Sub[:at]...), a), re.Sub[at+1:]...)
			out = append(out, &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags, Sub: subs})
		}
		return out
	}
	return nil
}

// maxClassRunes is the largest character class turned into single-rune
// needles; larger classes require nothing.
const maxClassRunes = 6

// maxGroups bounds the groups kept for one pattern: the most selective.
const maxGroups = 3

// required returns groups of lower-case strings such that every match of
// re contains a string of each group, the most selective group first, or
// nil when there are none.
func required(re *syntax.Regexp) [][]string {
	switch re.Op {
	case syntax.OpLiteral:
		return [][]string{{strings.ToLower(string(re.Rune))}}
	case syntax.OpCharClass:
		if c := classNeedles(re, maxClassRunes); c != nil {
			return [][]string{c}
		}
		return nil
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
		return nil
	case syntax.OpAlternate:
		// Each alternative needs a string of its best group; the
		// alternation needs one of those.
		var all []string
		for _, sub := range re.Sub {
			g := required(sub)
			if g == nil {
				return nil
			}
			all = append(all, g[0]...)
		}
		return [][]string{minimal(all)}
	case syntax.OpConcat:
		return requiredConcat(re.Sub)
	}
	return nil
}

// classNeedles returns the runes of a character class of at most limit
// runes (after lower-casing) as needles; nil for a larger class or one of
// white space only.
func classNeedles(re *syntax.Regexp, limit int) []string {
	var rs []string
	n := 0
	for i := 0; i+1 < len(re.Rune); i += 2 {
		n += int(re.Rune[i+1]-re.Rune[i]) + 1
		if n > limit*2 { // both cases of each letter
			return nil
		}
		for c := re.Rune[i]; c <= re.Rune[i+1]; c++ {
			rs = append(rs, string(unicode.ToLower(c)))
		}
	}
	slices.Sort(rs)
	rs = slices.Compact(rs)
	if len(rs) == 0 || len(rs) > limit {
		return nil
	}
	if !slices.ContainsFunc(rs, func(r string) bool { return strings.TrimSpace(r) != "" }) {
		return nil // white space is everywhere; it selects nothing
	}
	return rs
}

// requiredConcat gathers the groups of the parts of a concatenation (runs
// of adjacent literals count as one part) and keeps the most selective
// maxGroups, the best first.
func requiredConcat(subs []*syntax.Regexp) [][]string {
	var out [][]string
	add := func(gs [][]string) {
		for _, g := range gs {
			if !slices.ContainsFunc(out, func(o []string) bool { return slices.Equal(o, g) }) {
				out = append(out, g)
			}
		}
	}
	var lit []rune
	for _, s := range subs {
		if s.Op == syntax.OpLiteral {
			lit = append(lit, s.Rune...)
			continue
		}
		if len(lit) > 0 {
			add([][]string{{strings.ToLower(string(lit))}})
			lit = nil
		}
		add(required(s))
	}
	if len(lit) > 0 {
		add([][]string{{strings.ToLower(string(lit))}})
	}
	if len(out) == 0 {
		return nil
	}
	slices.SortStableFunc(out, func(a, b []string) int {
		switch {
		case better(a, b):
			return -1
		case better(b, a):
			return 1
		}
		return 0
	})
	if len(out) > maxGroups {
		out = out[:maxGroups]
	}
	// A further group of short needles ("a", "our", " us") is found in
	// nearly every text: it would rule out almost nothing and cost a
	// search of its own.
	kept := out[:1]
	for _, g := range out[1:] {
		if shortest(g) >= minExtraNeedle {
			kept = append(kept, g)
		}
	}
	return kept
}

// minExtraNeedle is the length, in runes, of the shortest needle a group
// other than a pattern's most selective one must have to be kept.
const minExtraNeedle = 4

// better reports whether needle set a is more selective than b: a longer
// shortest needle, then fewer needles.
func better(a, b []string) bool {
	ma, mb := shortest(a), shortest(b)
	if ma != mb {
		return ma > mb
	}
	return len(a) < len(b)
}

func shortest(ns []string) int {
	m := -1
	for _, n := range ns {
		if l := utf8.RuneCountInString(n); m < 0 || l < m {
			m = l
		}
	}
	return m
}

// minimal drops needles that contain another needle (the shorter one
// already covers them) and repeats.
func minimal(ns []string) []string {
	slices.SortFunc(ns, func(a, b string) int { return len(a) - len(b) })
	var out []string
	for _, n := range ns {
		covered := false
		for _, o := range out {
			if strings.Contains(n, o) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, n)
		}
	}
	return out
}

// maxStarts bounds the list of possible beginnings kept for a rule;
// maxStartCandidates bounds the list gathered before the beginnings that
// another covers are dropped.
const (
	maxStarts          = 128
	maxStartCandidates = 4 * maxStarts
)

// maxStartClassRunes is the largest character class whose runes are
// listed as possible beginnings (the ten digits fit).
const maxStartClassRunes = 10

// isAnchored reports whether re matches only at the start of the text.
func isAnchored(re *syntax.Regexp) bool {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	return re.Op == syntax.OpBeginText || re.Op == syntax.OpConcat && len(re.Sub) > 0 && isAnchored(re.Sub[0])
}

// anchoredStarts returns, for a pattern anchored at the start of the text
// (^ without the m flag), the lower-case strings one of which every match
// begins with; nil when there is no such list.
func anchoredStarts(re *syntax.Regexp) []string {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 || re.Sub[0].Op != syntax.OpBeginText {
		return nil
	}
	set, ok, empty, _ := firstSet(&syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[1:]})
	if !ok || empty || len(set) == 0 {
		return nil
	}
	if set = minimalPrefixes(set); len(set) > maxStarts {
		return nil
	}
	return set
}

// firstSet returns the strings one of which every non-empty match of re
// begins with (ok false when there is no short such list), whether re
// can match the empty string, and whether the strings are re's matches
// themselves rather than their beginnings (exact).
func firstSet(re *syntax.Regexp) (set []string, ok, empty, exact bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}, true, false, true
	case syntax.OpCharClass:
		n := classNeedles(re, maxStartClassRunes)
		return n, n != nil, false, n != nil
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return nil, true, true, false
	case syntax.OpCapture:
		return firstSet(re.Sub[0])
	case syntax.OpQuest, syntax.OpStar:
		set, ok, _, _ = firstSet(re.Sub[0])
		return set, ok, true, false
	case syntax.OpPlus:
		set, ok, empty, _ = firstSet(re.Sub[0])
		return set, ok, empty, false
	case syntax.OpRepeat:
		set, ok, empty, _ = firstSet(re.Sub[0])
		return set, ok, empty || re.Min == 0, false
	case syntax.OpAlternate:
		exact = true
		for _, sub := range re.Sub {
			s, k, e, x := firstSet(sub)
			if !k {
				return nil, false, false, false
			}
			set = append(set, s...)
			empty = empty || e
			exact = exact && x
		}
		return set, len(set) <= maxStartCandidates, empty, exact && !empty
	case syntax.OpConcat:
		for i, sub := range re.Sub {
			s, k, e, x := firstSet(sub)
			if !k {
				return nil, false, false, false
			}
			if !e && x && len(set) == 0 {
				// Every match begins with one of s exactly, followed by a
				// match of the rest: the two make longer beginnings.
				return joinStarts(s, &syntax.Regexp{Op: syntax.OpConcat, Sub: re.Sub[i+1:]})
			}
			set = append(set, s...)
			if !e {
				return set, len(set) <= maxStartCandidates, false, false
			}
		}
		return set, len(set) <= maxStartCandidates, true, false
	}
	return nil, false, false, false
}

// joinStarts returns firstSet's answer for a concatenation of a part whose
// matches are exactly heads (none empty) and rest: each head followed by
// each beginning of rest, or the heads alone when rest says too little.
func joinStarts(heads []string, rest *syntax.Regexp) (set []string, ok, empty, exact bool) {
	if len(rest.Sub) == 0 {
		return heads, len(heads) <= maxStartCandidates, false, true
	}
	tails, k, e, x := firstSet(rest)
	if !k || e || len(tails) == 0 || len(heads)*len(tails) > maxStartCandidates {
		return heads, len(heads) <= maxStartCandidates, false, false
	}
	for _, h := range heads {
		for _, t := range tails {
			set = append(set, h+t)
		}
	}
	return set, true, false, x
}

// minimalPrefixes drops the strings that begin with another of the list.
func minimalPrefixes(ps []string) []string {
	slices.SortFunc(ps, func(a, b string) int { return len(a) - len(b) })
	var out []string
	for _, p := range ps {
		covered := false
		for _, o := range out {
			if strings.HasPrefix(p, o) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, p)
		}
	}
	return out
}

// nearWindow bounds, in bytes, the length of a match that matchNear finds.
const nearWindow = 256

// matchNear reports whether the long text s holds a match of a
// case-insensitive rule whose matches are phrases shorter than nearWindow.
// Rather than running the expression over all of s, it runs it on windows
// around each place a needed string occurs, which makes a page-sized scan
// cost what its few candidate phrases cost.
//
// low is s in lower case (strings.ToLower), which the caller makes once
// for all the rules it asks.
func (r *rule) matchNear(s, low string) bool {
	if r.groups == nil || r.anchored || len(s) <= 8*nearWindow {
		return r.matchLow(s, low)
	}
	if !r.startsOK(low) {
		return false
	}
	return r.nearHits(low, r.found(low, nil))
}

// nearHits is matchNear given the flags of r.needles found in low.
func (r *rule) nearHits(low string, hit []bool) bool {
	if r.branches == nil {
		return r.satisfied(hit, r.gs) && r.near(low)
	}
	for i, gs := range r.brGs {
		if r.satisfied(hit, gs) && r.branches[i].near(low) {
			return true
		}
	}
	return false
}

// near runs matchNear for one rule without branches on the lower-case
// text: windows around the needles of its most selective group.
func (r *rule) near(low string) bool {
	windows := 0
	for _, n := range r.groups[0] {
		for from := 0; from < len(low); {
			i := strings.Index(low[from:], n)
			if i < 0 {
				break
			}
			i += from
			if windows++; windows > 64 {
				return r.re.MatchString(low)
			}
			start, end := max(0, i-nearWindow), min(len(low), i+len(n)+nearWindow)
			// Widen to the surrounding spaces so that no word is cut,
			// which would make a word boundary where there is none.
			if j := strings.LastIndexByte(low[:start], ' '); j >= 0 {
				start = j
			} else {
				start = 0
			}
			if j := strings.IndexByte(low[end:], ' '); j >= 0 {
				end += j
			} else {
				end = len(low)
			}
			// A match in the window holds a string of each of the other
			// groups too; most windows lack one and need no run.
			if w := low[start:end]; holdsGroups(w, r.groups[1:]) && r.re.MatchString(w) {
				return true
			}
			from = i + len(n)
		}
	}
	return false
}

// holdsGroups reports whether low holds a string of each of groups.
func holdsGroups(low string, groups [][]string) bool {
	for _, g := range groups {
		if !slices.ContainsFunc(g, func(n string) bool { return strings.Contains(low, n) }) {
			return false
		}
	}
	return true
}
