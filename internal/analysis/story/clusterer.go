package story

import (
	"math"
	"time"

	"newsdesk/internal/analysis/text"
)

// Clusterer assigns a stream of articles to stories in memory, one at a
// time and without looking ahead, as the live pipeline does. It weighs
// terms by their inverse document frequency over the articles seen so far
// and recognises copies of earlier articles by shingle containment. It is
// not safe for concurrent use.
type Clusterer struct {
	clusters []Cluster
	df       map[string]int
	docs     int

	// Duplicate detection: shingle hashes of earlier articles.
	prints  [][]uint64
	ids     []string
	storyOf []int // index into clusters of each earlier article
	posting map[uint64][]int
}

// DuplicateContainment is the least shingle containment at which an
// article counts as a copy of an earlier one.
const DuplicateContainment = 0.5

// fingerprintSize is the shingle length, in words, of copy detection; it
// matches dedup.FingerprintSize.
const fingerprintSize = 5

// commonShingle is how many earlier articles may hold a shingle before it
// is taken for boilerplate and no longer indexed.
const commonShingle = 12

// NewClusterer returns an empty clusterer.
func NewClusterer() *Clusterer {
	return &Clusterer{df: make(map[string]int), posting: make(map[uint64][]int)}
}

// Result is where the clusterer put one article.
type Result struct {
	// Story is the story's id, counted from 1 in order of creation.
	Story int64
	// DuplicateOf is the id of an earlier article this one copies, or "".
	DuplicateOf string
	// Score is the similarity with the story it joined (1 for a copy, 0 for
	// a new story).
	Score float64
}

// Add assigns d, arriving at now, to a story. When d.Terms is nil it is
// computed from the title and text. d.Terms is not modified.
func (c *Clusterer) Add(d Doc, now time.Time) Result {
	if d.Terms == nil {
		d.Terms = text.Terms(d.Title, d.Text, d.Lang)
	}
	fp := text.ShingleSet(d.Title+"\n"+d.Text, fingerprintSize)
	dup := c.findCopy(fp)

	c.docs++
	for t := range d.Terms {
		c.df[t]++
	}
	d.Terms = c.weigh(d.Terms)

	var idx int
	res := Result{}
	if dup >= 0 {
		idx = c.storyOf[dup]
		res.DuplicateOf = c.ids[dup]
		res.Score = 1
	} else {
		best, score := Assign(d, c.clusters, now)
		if best < 0 {
			c.clusters = append(c.clusters, Cluster{ID: int64(len(c.clusters) + 1)})
			best = len(c.clusters) - 1
		} else {
			res.Score = score
		}
		idx = best
	}
	c.clusters[idx] = Merge(c.clusters[idx], d)
	res.Story = c.clusters[idx].ID

	n := len(c.ids)
	c.ids = append(c.ids, d.ID)
	c.storyOf = append(c.storyOf, idx)
	c.prints = append(c.prints, fp)
	for _, h := range fp {
		if p := c.posting[h]; len(p) < commonShingle {
			c.posting[h] = append(p, n)
		}
	}
	return res
}

// findCopy returns the index of the earlier article d copies best, or -1.
func (c *Clusterer) findCopy(fp []uint64) int {
	if len(fp) == 0 {
		return -1
	}
	shared := make(map[int]int)
	for _, h := range fp {
		p := c.posting[h]
		if len(p) >= commonShingle {
			continue
		}
		for _, i := range p {
			shared[i]++
		}
	}
	best, bestScore := -1, 0.0
	for i, n := range shared {
		denom := min(len(fp), len(c.prints[i]))
		if float64(n) < DuplicateContainment*float64(denom) {
			continue
		}
		s := text.Containment(fp, c.prints[i])
		if s >= DuplicateContainment && (s > bestScore || (s == bestScore && i < best)) {
			best, bestScore = i, s
		}
	}
	return best
}

// weigh scales term weights by their smoothed inverse document frequency.
func (c *Clusterer) weigh(terms map[string]float64) map[string]float64 {
	return Weigh(terms, c.docs, c.df)
}

// Weigh scales term weights by their smoothed inverse document frequency
// over docs documents, df giving how many of them hold each term (the
// document being weighed included). A term missing from df counts once.
func Weigh(terms map[string]float64, docs int, df map[string]int) map[string]float64 {
	out := make(map[string]float64, len(terms))
	n := float64(max(docs, 1))
	for t, w := range terms {
		out[t] = w * math.Log(1+n/float64(max(df[t], 1)))
	}
	return out
}

// Stories returns the stories built so far, in order of creation.
func (c *Clusterer) Stories() []Cluster {
	out := make([]Cluster, len(c.clusters))
	copy(out, c.clusters)
	return out
}
