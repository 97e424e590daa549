package extract

import "strings"

// needleSet finds which of a fixed set of byte strings occur in a text in
// one pass over it (an Aho-Corasick automaton, compiled to a table over
// the byte classes the needles use). Rules with many needles use it in
// place of one substring search per needle.
type needleSet struct {
	class  [256]uint8 // byte -> class; 0 for bytes no needle holds
	nclass int
	// next[state*nclass + class] is the state that follows, with termBit
	// set when needles end there. Two bytes an entry keep the table
	// small: it is read at every byte searched, and by the time a page's
	// texts are searched other work has mostly pushed it out of the
	// processor's caches, so its size is much of what a search costs.
	next []uint16
	// out[state] lists the needles that end at state, own and inherited
	// through the failure links.
	out     [][]int32
	needles []string
	// single holds the one-byte needles, which would stop the automaton
	// at nearly every byte; a byte search finds each of them instead.
	single []singleNeedle
}

// termBit marks, in a needleSet's table, a state where needles end.
const termBit = 1 << 15

// prefixLen is how much of each needle the automaton holds. Longer
// needles are checked in full where their first prefixLen bytes occur:
// the automaton of whole needles has thousands of states, and its table
// is read at random places that are rarely still in the processor's
// caches; one of prefixes is a fraction of the size.
const prefixLen = 4

// singleNeedle is a one-byte needle and its number.
type singleNeedle struct {
	b  byte
	id int32
}

// newNeedleSet compiles needles; needle i is reported as i.
func newNeedleSet(needles []string) *needleSet {
	s := &needleSet{nclass: 1, needles: needles}
	for id, n := range needles {
		if len(n) == 1 {
			s.single = append(s.single, singleNeedle{n[0], int32(id)})
			continue
		}
		for i := 0; i < min(len(n), prefixLen); i++ {
			if s.class[n[i]] == 0 {
				s.class[n[i]] = uint8(s.nclass)
				s.nclass++
			}
		}
	}
	// The trie: goto[state][class], -1 when absent.
	type node struct {
		child []int32
		fail  int32
		out   []int32
	}
	newNode := func() node {
		c := make([]int32, s.nclass)
		for i := range c {
			c[i] = -1
		}
		return node{child: c}
	}
	nodes := []node{newNode()}
	for id, n := range needles {
		if len(n) == 1 {
			continue
		}
		st := int32(0)
		for i := 0; i < min(len(n), prefixLen); i++ {
			c := s.class[n[i]]
			if nodes[st].child[c] < 0 {
				nodes = append(nodes, newNode())
				nodes[st].child[c] = int32(len(nodes) - 1)
			}
			st = nodes[st].child[c]
		}
		nodes[st].out = append(nodes[st].out, int32(id))
	}
	if len(nodes) >= termBit {
		panic("extract: too many needle states")
	}
	// Breadth first: failure links, inherited outputs and the full table.
	next := make([]int32, len(nodes)*s.nclass)
	s.out = make([][]int32, len(nodes))
	queue := []int32{0}
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		nd := &nodes[st]
		if st != 0 {
			nd.out = append(nd.out, nodes[nd.fail].out...)
		}
		s.out[st] = nd.out
		for c := 0; c < s.nclass; c++ {
			ch := nd.child[c]
			switch {
			case ch >= 0 && c != 0:
				if st == 0 {
					nodes[ch].fail = 0
				} else {
					nodes[ch].fail = next[int(nd.fail)*s.nclass+c]
				}
				next[int(st)*s.nclass+c] = ch
				queue = append(queue, ch)
			case st == 0:
				next[c] = 0
			default:
				next[int(st)*s.nclass+c] = next[int(nd.fail)*s.nclass+c]
			}
		}
	}
	s.next = make([]uint16, len(next))
	for i, t := range next {
		s.next[i] = uint16(t)
		if len(s.out[t]) > 0 {
			s.next[i] |= termBit
		}
	}
	return s
}

// found marks in hit (one flag per needle, cleared by the caller) the
// needles that occur in text and reports whether any did.
func (s *needleSet) found(text string, hit []bool) bool {
	some := s.foundSingle(text, hit)
	st := uint16(0)
	n := s.nclass
	for i := 0; i < len(text); i++ {
		st = s.next[int(st&^termBit)*n+int(s.class[text[i]])]
		if st&termBit != 0 && s.verify(text, i, st, hit) {
			some = true
		}
	}
	return some
}

// foundSingle marks the one-byte needles that occur in text.
func (s *needleSet) foundSingle(text string, hit []bool) bool {
	some := false
	for _, n := range s.single {
		if strings.IndexByte(text, n.b) >= 0 {
			hit[n.id] = true
			some = true
		}
	}
	return some
}

// verify marks the needles that end at text[i], where the automaton
// reached the state st (with termBit set), and reports whether any did.
func (s *needleSet) verify(text string, i int, st uint16, hit []bool) bool {
	some := false
	for _, id := range s.out[st&^termBit] {
		n := s.needles[id]
		if hit[id] {
			continue
		}
		if len(n) <= prefixLen {
			hit[id] = true
			some = true
			continue
		}
		if start := i + 1 - prefixLen; strings.HasPrefix(text[start:], n) {
			hit[id] = true
			some = true
		}
	}
	return some
}

// span is a part of a text that foundSpans searches: the needles whose
// prefix ends before end, read in text (which goes on beyond end, so that
// a needle that begins before end is checked in full), marked in hit.
type span struct {
	text string
	end  int
	hit  []bool
}

// foundLong is found for a long text without its answer: the text is cut
// into lanes pieces that foundSpans searches side by side, each one
// starting prefixLen-1 bytes before its part so that no needle is missed
// at a cut.
func (s *needleSet) foundLong(text string, hit []bool) {
	s.foundSingle(text, hit)
	size := (len(text) + lanes - 1) / lanes
	var spans [lanes]span
	for c := range spans {
		a, b := c*size, min(len(text), (c+1)*size)
		start := max(0, a-(prefixLen-1))
		if a >= b {
			break
		}
		spans[c] = span{text[start:], b - start, hit}
	}
	s.foundSpans(spans[:])
}

// lanes is how many spans foundSpans searches side by side.
const lanes = 4

// foundSpans searches the multi-byte needles in each span. The spans are
// searched side by side, a byte of each in turn: each step reads the
// table at a place that depends on the step before, and when the table is
// not in the processor's caches a lone search waits for memory at nearly
// every byte; the steps of different spans do not depend on one another,
// so their waits overlap.
func (s *needleSet) foundSpans(spans []span) {
	type lane struct {
		span
		i, next int
		st      uint16
	}
	var ls [lanes]lane
	// load gives lane l its next non-empty span, if any is left.
	load := func(l *lane) bool {
		for l.next < len(spans) {
			l.span, l.i, l.st = spans[l.next], 0, 0
			l.next += lanes
			if l.end > 0 {
				return true
			}
		}
		l.end = 0
		return false
	}
	for j := range ls {
		ls[j].next = j
		load(&ls[j])
	}
	n := s.nclass
	for {
		busy := false
		for j := range ls {
			l := &ls[j]
			if l.i >= l.end && !load(l) {
				continue
			}
			busy = true
			i := l.i
			l.st = s.next[int(l.st&^termBit)*n+int(s.class[l.text[i]])]
			l.i++
			if l.st&termBit != 0 {
				s.verify(l.text, i, l.st, l.hit)
			}
		}
		if !busy {
			return
		}
	}
}
