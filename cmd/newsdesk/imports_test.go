package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// allowedImports says which of newsdesk's own packages each package may
// import (DESIGN.md, "Import rules"). A package missing here may import
// nothing of ours but news and config.
var allowedImports = map[string][]string{
	"internal/news":            {},
	"internal/config":          {"internal/news"},
	"internal/fetch":           {},
	"internal/sanitize":        {},
	"internal/analysis/text":   {},
	"internal/feed":            {"internal/news", "internal/config", "internal/fetch", "internal/sanitize", "internal/analysis/text"},
	"internal/extract":         {"internal/news", "internal/config", "internal/fetch", "internal/sanitize", "internal/analysis/text"},
	"internal/analysis/*":      {"internal/news", "internal/config", "internal/fetch", "internal/sanitize", "internal/analysis/text", "internal/analysis/dedup"},
	"internal/ai":              {"internal/news", "internal/analysis/summary", "internal/analysis/text"},
	"internal/pipeline":        {"internal/news", "internal/config", "internal/fetch", "internal/feed", "internal/extract", "internal/sanitize", "internal/analysis/*", "internal/websub"},
	"internal/websub":          {"internal/news", "internal/config", "internal/fetch", "internal/feed"},
	"internal/jobs":            {"internal/news"},
	"internal/store/*":         {"internal/news"},
	"internal/store/storetest": {"internal/news", "internal/store"},
	"internal/auth":            {"internal/news"},
	"internal/comment":         {"internal/news", "internal/auth"},
	"internal/web":             {"internal/news", "internal/auth", "internal/comment", "internal/sanitize"},
	"internal/api":             {"internal/news"},
	"internal/server":          {"internal/news"},
	"internal/demo":            {"internal/news"},
}

// rulesFor finds the rule of a package, exact or by folder wildcard.
func rulesFor(pkg string) ([]string, bool) {
	if r, ok := allowedImports[pkg]; ok {
		return r, true
	}
	if r, ok := allowedImports[path.Dir(pkg)+"/*"]; ok {
		return r, true
	}
	return nil, false
}

func allowed(imp string, rules []string) bool {
	for _, r := range rules {
		if r == imp || strings.HasSuffix(r, "/*") && path.Dir(imp) == strings.TrimSuffix(r, "/*") {
			return true
		}
	}
	return false
}

// TestImportRules keeps the layout honest: every non-test file of every
// internal package imports only what its line of DESIGN.md allows.
func TestImportRules(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(filepath.Join(root, "internal"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || strings.Contains(p, "testdata") {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		pkg := filepath.ToSlash(rel)
		rules, ok := rulesFor(pkg)
		if !ok {
			rules = []string{"internal/news", "internal/config"}
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		for _, is := range f.Imports {
			imp, _ := strconv.Unquote(is.Path.Value)
			own, ok := strings.CutPrefix(imp, "newsdesk/")
			if !ok || own == pkg || strings.HasPrefix(own, pkg+"/") && !strings.HasPrefix(pkg, "internal/store") {
				continue
			}
			if !allowed(own, rules) {
				t.Errorf("%s imports %s, which its layer may not", filepath.ToSlash(p), imp)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("no files checked")
	}
}
