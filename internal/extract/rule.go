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
}

// mustRule compiles pattern and its prefilter; it panics on a bad pattern,
// like regexp.MustCompile, as rules are constants of the package.
func mustRule(pattern string) *rule {
	r := &rule{re: regexp.MustCompile(pattern)}
	tree, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		panic("extract: rule " + pattern + ": " + err.Error())
	}
	r.need = required(tree.Simplify())
	return r
}

// possible reports whether s may match: it holds one of the needed strings.
func (r *rule) possible(s string) bool {
	if r.need == nil {
		return true
	}
	low := lowerASCIIFast(s)
	for _, n := range r.need {
		if strings.Contains(low, n) {
			return true
		}
	}
	return false
}

// MatchString reports whether s contains a match of the rule.
func (r *rule) MatchString(s string) bool {
	return r.possible(s) && r.re.MatchString(s)
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
