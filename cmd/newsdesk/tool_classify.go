package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"newsdesk/internal/analysis/classify"
)

// runToolClassify trains a naive Bayes model ("train --out MODEL") or
// labels documents with one ("--model MODEL").
func runToolClassify(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "train" {
		return runClassifyTrain(ctx, args[1:], stdin, stderr)
	}
	fs := flag.NewFlagSet("classify", flag.ContinueOnError)
	modelPath := fs.String("model", "", "model file written by 'classify train'")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: newsdesk tool classify train --out MODEL < train.jsonl\n       newsdesk tool classify --model MODEL < docs.jsonl")
		fs.PrintDefaults()
	}
	if err := parseToolFlags(fs, args, stderr); err != nil {
		return err
	}
	if *modelPath == "" {
		fmt.Fprintln(stderr, "newsdesk tool classify: --model is required")
		return errUsage
	}
	b, err := os.ReadFile(*modelPath)
	if err != nil {
		return fmt.Errorf("classify: %w", err)
	}
	var m classify.Model
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("classify: %s: %w", *modelPath, err)
	}
	if len(m.Labels) == 0 {
		return fmt.Errorf("classify: %s: model has no labels", *modelPath)
	}
	type in struct {
		ID   string `json:"id"`
		Text string `json:"text"`
		Lang string `json:"lang"`
	}
	type out struct {
		ID     string             `json:"id"`
		Label  string             `json:"label"`
		Scores map[string]float64 `json:"scores"`
	}
	return eachJSONLine(ctx, stdin, stdout, func(line []byte) (any, error) {
		var d in
		if err := decodeDoc(line, &d, &d.ID); err != nil {
			return nil, err
		}
		label, scores := m.Predict(d.Text, d.Lang)
		return out{ID: d.ID, Label: label, Scores: scores}, nil
	})
}

func runClassifyTrain(ctx context.Context, args []string, stdin io.Reader, stderr io.Writer) error {
	fs := flag.NewFlagSet("classify train", flag.ContinueOnError)
	outPath := fs.String("out", "", "where to write the model")
	if err := parseToolFlags(fs, args, stderr); err != nil {
		return err
	}
	if *outPath == "" {
		fmt.Fprintln(stderr, "newsdesk tool classify train: --out is required")
		return errUsage
	}
	type in struct {
		ID    string `json:"id"`
		Text  string `json:"text"`
		Label string `json:"label"`
		Lang  string `json:"lang"`
	}
	var examples []classify.Example
	err := eachJSONLine(ctx, stdin, io.Discard, func(line []byte) (any, error) {
		var d in
		if err := json.Unmarshal(line, &d); err != nil {
			return nil, err
		}
		if d.Label == "" {
			return nil, errors.New("missing label")
		}
		examples = append(examples, classify.Example{Text: d.Text, Label: d.Label, Lang: d.Lang})
		return nil, nil
	})
	if err != nil {
		return err
	}
	m, err := classify.Train(examples)
	if err != nil {
		return err
	}
	b, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("classify: %w", err)
	}
	if err := os.WriteFile(*outPath, b, 0o644); err != nil {
		return fmt.Errorf("classify: %w", err)
	}
	return nil
}
