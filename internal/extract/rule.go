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
// holds at least one of the strings every match must contain; only then
// does it run the regular expression. The prefilter is derived from the
// pattern itself, so rules stay plain regular expressions.
type rule struct {
	re *regexp.Regexp
	// need lists lower-case strings of which every match contains at
	// least one; nil when the pattern requires no literal.
	need []string
	// branches, when the pattern is an alternation, are its alternatives
	// as rules of their own: a text matches the rule when it matches one
	// of them, and only those whose needles occur are run.
	branches []*rule
}

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
	r.need = required(tree)
	alts := alternatives(tree)
	srcs := make([]string, len(alts))
	size := 0
	for i, b := range alts {
		srcs[i] = b.String()
		size += len(srcs[i])
	}
	if size > 2*len(pattern) {
		// Alternatives that share large character classes (\p{L}) are
		// written out at length; compiling each would cost more at
		// start-up than the split saves.
		return r
	}
	for i, b := range alts {
		br := &rule{re: regexp.MustCompile(srcs[i]), need: required(b)}
		if br.need == nil {
			// An alternative that needs no literal is run on every text;
			// splitting saves nothing then.
			r.branches = nil
			break
		}
		r.branches = append(r.branches, br)
	}
	return r
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

// possible reports whether s may match: it holds one of the needed strings.
func (r *rule) possible(s string) bool {
	if r.need == nil {
		return true
	}
	return r.possibleLow(lowerASCIIFast(s))
}

// possibleLow is possible given s already in lower case.
func (r *rule) possibleLow(low string) bool {
	if r.need == nil {
		return true
	}
	for _, n := range r.need {
		if strings.Contains(low, n) {
			return true
		}
	}
	return false
}

// MatchString reports whether s contains a match of the rule.
func (r *rule) MatchString(s string) bool {
	if r.need == nil {
		return r.re.MatchString(s)
	}
	return r.matchLow(s, lowerASCIIFast(s))
}

// matchLow is MatchString for s whose lower-case form low the caller
// already has, which saves lower-casing s once per rule.
func (r *rule) matchLow(s, low string) bool {
	if !r.possibleLow(low) {
		return false
	}
	if r.branches == nil {
		return r.re.MatchString(s)
	}
	for _, b := range r.branches {
		if b.possibleLow(low) && b.re.MatchString(s) {
			return true
		}
	}
	return false
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

// lowerASCIIFast lower-cases s, without allocating when s has no upper-case
// letter.
func lowerASCIIFast(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// maxClassRunes is the largest character class turned into single-rune
// needles; larger classes require nothing.
const maxClassRunes = 6

// required returns lower-case strings of which every match of re contains
// at least one, or nil when there is no such set.
func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}
	case syntax.OpCharClass:
		var rs []string
		n := 0
		for i := 0; i+1 < len(re.Rune); i += 2 {
			n += int(re.Rune[i+1]-re.Rune[i]) + 1
			if n > maxClassRunes*2 { // both cases of each letter
				return nil
			}
			for c := re.Rune[i]; c <= re.Rune[i+1]; c++ {
				rs = append(rs, string(unicode.ToLower(c)))
			}
		}
		slices.Sort(rs)
		rs = slices.Compact(rs)
		if len(rs) == 0 || len(rs) > maxClassRunes {
			return nil
		}
		return rs
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
		return nil
	case syntax.OpAlternate:
		var all []string
		for _, s := range re.Sub {
			n := required(s)
			if n == nil {
				return nil
			}
			all = append(all, n...)
		}
		return minimal(all)
	case syntax.OpConcat:
		return requiredConcat(re.Sub)
	}
	return nil
}

// requiredConcat picks, among the parts of a concatenation, the one whose
// needles are most selective; runs of adjacent literals count as one.
func requiredConcat(subs []*syntax.Regexp) []string {
	var best []string
	consider := func(n []string) {
		if n != nil && (best == nil || better(n, best)) {
			best = n
		}
	}
	var lit []rune
	for _, s := range subs {
		if s.Op == syntax.OpLiteral {
			lit = append(lit, s.Rune...)
			continue
		}
		if len(lit) > 0 {
			consider([]string{strings.ToLower(string(lit))})
			lit = nil
		}
		consider(required(s))
	}
	if len(lit) > 0 {
		consider([]string{strings.ToLower(string(lit))})
	}
	return best
}

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

// nearWindow bounds, in bytes, the length of a match that matchNear finds.
const nearWindow = 256

// matchNear reports whether the long text s holds a match of a
// case-insensitive rule whose matches are phrases shorter than nearWindow.
// Rather than running the expression over all of s, it runs it on windows
// around each place a needed string occurs, which makes a page-sized scan
// cost what its few candidate phrases cost.
func (r *rule) matchNear(s string) bool {
	if r.need == nil || len(s) <= 8*nearWindow {
		return r.MatchString(s)
	}
	low := strings.ToLower(s)
	if r.branches == nil {
		return r.near(low)
	}
	for _, b := range r.branches {
		if b.near(low) {
			return true
		}
	}
	return false
}

// near runs matchNear for one rule without branches on the lower-case text.
func (r *rule) near(low string) bool {
	windows := 0
	for _, n := range r.need {
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
			if r.re.MatchString(low[start:end]) {
				return true
			}
			from = i + len(n)
		}
	}
	return false
}
