// Package story groups articles about the same event into stories as they
// arrive and finds related articles. Assign, Merge and Related are pure
// functions over term vectors; Clusterer runs a whole stream in memory. No
// I/O; time is passed in.
package story

import (
	"math"
	"sort"
	"time"

	"newsdesk/internal/analysis/text"
)

// Doc is one article as the clusterer sees it.
type Doc struct {
	ID        string
	Title     string
	Text      string
	Lang      string
	Published time.Time // zero when unknown
	// Terms are the article's term weights (text.Terms, ideally scaled by
	// inverse document frequency); Assign normalises them.
	Terms map[string]float64
}

// Cluster is a story as the clusterer keeps it.
type Cluster struct {
	ID int64
	// Terms is the centroid: the mean of the unit-length term vectors of
	// its articles, pruned to the strongest MaxCentroidTerms terms.
	Terms map[string]float64
	Size  int
	Last  time.Time // publication time of the newest article, zero when unknown
}

// Tuning of Assign and Merge.
const (
	// Threshold is the least similarity at which an article joins a story.
	Threshold = 0.36
	// Window is how long a story stays fully open after its last article;
	// beyond it the similarity needed grows.
	Window = 72 * time.Hour
	// MaxCentroidTerms bounds the size of a story's centroid.
	MaxCentroidTerms = 300
)

// Similarity is the cosine similarity of an article with a story, lowered
// when the article came out long after the story's last article (or, with
// no publication time, long after now).
func Similarity(d Doc, c Cluster, now time.Time) float64 {
	sim := text.Cosine(d.Terms, c.Terms)
	at := d.Published
	if at.IsZero() {
		at = now
	}
	if !c.Last.IsZero() && !at.IsZero() {
		gap := at.Sub(c.Last)
		if gap < 0 {
			gap = -gap
		}
		if gap > Window {
			sim *= math.Exp(-float64(gap-Window) / float64(7*24*time.Hour))
		}
	}
	return sim
}

// Assign picks the story an arriving article belongs to: the index of the
// most similar candidate, or -1 when none reaches Threshold and the article
// should start a new story. score is the best similarity found.
func Assign(d Doc, candidates []Cluster, now time.Time) (best int, score float64) {
	best = -1
	for i, c := range candidates {
		s := Similarity(d, c, now)
		if s > score {
			score = s
			if s >= Threshold {
				best = i
			}
		}
	}
	if best >= 0 {
		score = Similarity(d, candidates[best], now)
	}
	return best, score
}

// Merge adds an article to a story: the centroid becomes the running mean
// of unit-length article vectors, the size grows by one and Last moves to
// the article's time when it is newer. The input cluster is not modified.
func Merge(c Cluster, d Doc) Cluster {
	out := Cluster{ID: c.ID, Size: c.Size + 1, Last: c.Last}
	if d.Published.After(out.Last) {
		out.Last = d.Published
	}
	n := text.Norm(d.Terms)
	terms := make(map[string]float64, len(c.Terms)+len(d.Terms))
	old := float64(c.Size)
	for k, v := range c.Terms {
		terms[k] = v * old / float64(out.Size)
	}
	if n > 0 {
		for k, v := range d.Terms {
			terms[k] += v / n / float64(out.Size)
		}
	}
	out.Terms = prune(terms, MaxCentroidTerms)
	return out
}

// prune keeps the max heaviest terms (ties by term, for determinism).
func prune(m map[string]float64, max int) map[string]float64 {
	if len(m) <= max {
		return m
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	out := make(map[string]float64, max)
	for _, k := range keys[:max] {
		out[k] = m[k]
	}
	return out
}

// NearDuplicate is the cosine similarity above which Related treats an
// article as a copy of the target and leaves it out.
const NearDuplicate = 0.9

// Related returns the ids of the k candidates most similar to target, best
// first, leaving out the target itself, articles with no shared terms and
// near-copies of the target (cosine similarity of at least NearDuplicate).
func Related(target Doc, candidates []Doc, k int) []string {
	type hit struct {
		id  string
		sim float64
	}
	var hits []hit
	for _, c := range candidates {
		if c.ID == target.ID {
			continue
		}
		s := text.Cosine(target.Terms, c.Terms)
		if s <= 0 || s >= NearDuplicate {
			continue
		}
		hits = append(hits, hit{c.ID, s})
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].sim != hits[j].sim {
			return hits[i].sim > hits[j].sim
		}
		return hits[i].id < hits[j].id
	})
	if len(hits) > k {
		hits = hits[:k]
	}
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.id
	}
	return out
}

// WeighByIDF returns copies of docs whose term weights are scaled by each
// term's smoothed inverse document frequency over docs, so that terms
// common to the whole collection count less in Related.
func WeighByIDF(docs []Doc) []Doc {
	df := make(map[string]int)
	for _, d := range docs {
		for t := range d.Terms {
			df[t]++
		}
	}
	n := float64(len(docs))
	out := make([]Doc, len(docs))
	for i, d := range docs {
		w := make(map[string]float64, len(d.Terms))
		for t, v := range d.Terms {
			w[t] = v * math.Log(1+n/float64(df[t]))
		}
		d.Terms = w
		out[i] = d
	}
	return out
}
