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
	some := false
	for _, n := range s.single {
		if strings.IndexByte(text, n.b) >= 0 {
			hit[n.id] = true
			some = true
		}
	}
	st := uint16(0)
	n := s.nclass
	for i := 0; i < len(text); i++ {
		st = s.next[int(st&^termBit)*n+int(s.class[text[i]])]
		if st&termBit != 0 {
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
		}
	}
	return some
}
