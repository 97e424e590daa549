package classify

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"newsdesk/internal/analysis/text"
)

// Example is one labelled document for training.
type Example struct {
	Text  string
	Label string
	Lang  string // "" means English
}

// Model is a multinomial naive Bayes classifier over stemmed content words.
// Its fields are exported so that it can be saved as JSON.
type Model struct {
	Labels []string `json:"labels"`
	// Prior is the log prior of each label.
	Prior map[string]float64 `json:"prior"`
	// Counts holds each label's word counts.
	Counts map[string]map[string]float64 `json:"counts"`
	// Totals is each label's number of words.
	Totals map[string]float64 `json:"totals"`
	// Vocab is the number of distinct words seen in training.
	Vocab int `json:"vocab"`
}

// Train fits a model on labelled examples.
func Train(examples []Example) (*Model, error) {
	if len(examples) == 0 {
		return nil, errors.New("classify: no training examples")
	}
	m := &Model{Prior: map[string]float64{}, Counts: map[string]map[string]float64{}, Totals: map[string]float64{}}
	docs := map[string]float64{}
	vocab := map[string]bool{}
	for _, e := range examples {
		if e.Label == "" {
			return nil, fmt.Errorf("classify: example without a label")
		}
		if m.Counts[e.Label] == nil {
			m.Counts[e.Label] = map[string]float64{}
			m.Labels = append(m.Labels, e.Label)
		}
		docs[e.Label]++
		for _, w := range text.ContentWords(e.Text, langOr(e.Lang)) {
			m.Counts[e.Label][w]++
			m.Totals[e.Label]++
			vocab[w] = true
		}
	}
	sort.Strings(m.Labels)
	for _, l := range m.Labels {
		m.Prior[l] = math.Log(docs[l] / float64(len(examples)))
	}
	m.Vocab = len(vocab)
	return m, nil
}

func langOr(lang string) string {
	if lang == "" {
		return "en"
	}
	return lang
}

// Predict returns the most probable label of a document and the posterior
// probability of every label.
func (m *Model) Predict(doc, lang string) (label string, scores map[string]float64) {
	words := text.ContentWords(doc, langOr(lang))
	logp := make(map[string]float64, len(m.Labels))
	for _, l := range m.Labels {
		p := m.Prior[l]
		denom := m.Totals[l] + float64(m.Vocab) + 1
		for _, w := range words {
			p += math.Log((m.Counts[l][w] + 1) / denom)
		}
		logp[l] = p
	}
	maxp := math.Inf(-1)
	for _, l := range m.Labels {
		if logp[l] > maxp {
			maxp, label = logp[l], l
		}
	}
	var sum float64
	scores = make(map[string]float64, len(m.Labels))
	for _, l := range m.Labels {
		scores[l] = math.Exp(logp[l] - maxp)
		sum += scores[l]
	}
	for l := range scores {
		scores[l] /= sum
	}
	return label, scores
}
