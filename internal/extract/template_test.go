package extract

import (
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestBlockKey(t *testing.T) {
	want := func(s string) uint64 {
		h := fnv.New64a()
		h.Write([]byte(s))
		return h.Sum64()
	}
	tests := []struct {
		name, text string
		key        uint64
	}{
		{"plain", "sign up for the evening digest.", want("sign up for the evening digest.")},
		{"case", "Sign Up For The EVENING Digest.", want("sign up for the evening digest.")},
		{"white space", "  sign up\tfor the\n\nevening\u00a0digest. ", want("sign up for the evening digest.")},
		{"unicode case", "ÜBER UNS", want("über uns")},
		{"empty", "  ", want("")},
		{"punctuation counts", "sign up for the evening digest", want("sign up for the evening digest")},
	}
	for _, tt := range tests {
		if got := BlockKey(tt.text); got != tt.key {
			t.Errorf("%s: BlockKey(%q) = %x, want %x", tt.name, tt.text, got, tt.key)
		}
	}
	if BlockKey("sign up for the evening digest.") == BlockKey("sign up for the evening digest") {
		t.Error("texts that differ in more than case and white space share a key")
	}
}

// templatePage is an article of a fictional outlet whose template repeats
// a line ("The Valley Echo is read in every house of the valley.") that no
// generic rule knows.
const templatePage = `<html><head><title>Bridge closes for repairs</title></head><body><article>
<h1>Bridge closes for repairs</h1>
<p>The old stone bridge over the Tarn will close for six weeks from Monday while engineers repair its arches.</p>
<p>Drivers will be sent along the ring road, which the council says adds about ten minutes to most journeys.</p>
<p>The   Valley Echo is read in every
house of the valley.</p>
<ul><li>Buses 4 and 7 will use the ring road.</li><li>Pedestrians can still cross on a temporary footbridge.</li></ul>
<p>Work on the bridge was last carried out in 1987, when one of the piers was strengthened after a flood.</p>
<p>The council said it would publish weekly updates on the repairs and hoped to reopen the bridge before the summer.</p>
</article></body></html>`

func TestBoilerplateHook(t *testing.T) {
	const line = "The Valley Echo is read in every house of the valley."
	tmpl := BlockKey("the valley echo IS READ in every house of the valley.")
	plain, err := Extract([]byte(templatePage), "", "https://valleyecho.example/a", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plain.Text, line) {
		t.Fatalf("without the hook the line is missing from Text:\n%s", plain.Text)
	}
	if !slices.Contains(plain.Blocks, tmpl) {
		t.Fatalf("Blocks lack the template line's key %x: %x", tmpl, plain.Blocks)
	}
	var asked []uint64
	learned, err := Extract([]byte(templatePage), "", "https://valleyecho.example/a", Options{
		Boilerplate: func(k uint64) bool { asked = append(asked, k); return k == tmpl },
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(learned.Text, "Valley Echo") {
		t.Errorf("Text keeps the learned block:\n%s", learned.Text)
	}
	if strings.Contains(learned.HTML, "Valley Echo") {
		t.Errorf("HTML keeps the learned block:\n%s", learned.HTML)
	}
	for _, keep := range []string{"The old stone bridge", "Pedestrians can still cross", "publish weekly updates"} {
		if !strings.Contains(learned.Text, keep) || !strings.Contains(learned.HTML, keep) {
			t.Errorf("the hook dropped %q too", keep)
		}
	}
	if !slices.Equal(plain.Blocks, learned.Blocks) {
		t.Errorf("Blocks depend on the hook:\nwithout %x\nwith    %x", plain.Blocks, learned.Blocks)
	}
	if len(asked) == 0 {
		t.Error("the hook was never asked")
	}
}

func TestBlocks(t *testing.T) {
	page := `<html><body><article>
<p>The ferry to the islands will run twice a day from April, the operator said on Tuesday.</p>
<h2>New timetable</h2>
<p>Morning boats leave at seven and evening boats at six, with an extra crossing on Saturdays in summer.</p>
<blockquote>We listened to the islanders, and they asked for an earlier boat.</blockquote>
<p>Sign up for our newsletter</p>
<p>Fares will rise by five percent, the first increase since the crossing was taken over by the operator in 2019.</p>
<p>Morning boats leave at seven and evening boats at six, with an extra crossing on Saturdays in summer.</p>
</article></body></html>`
	r, err := Extract([]byte(page), "", "https://islands.example/ferry", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []uint64{
		BlockKey("The ferry to the islands will run twice a day from April, the operator said on Tuesday."),
		BlockKey("New timetable"),
		BlockKey("Morning boats leave at seven and evening boats at six, with an extra crossing on Saturdays in summer."),
		BlockKey("We listened to the islanders, and they asked for an earlier boat."),
		BlockKey("Fares will rise by five percent, the first increase since the crossing was taken over by the operator in 2019."),
	}
	if !slices.Equal(r.Blocks, want) {
		t.Errorf("Blocks = %x\nwant     %x (body order, no repeats, no promotion)\ntext:\n%s", r.Blocks, want, r.Text)
	}
}

func TestBlocksOnFixture(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "clutter_en.html"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Extract(page, "", "https://valleyecho.example/world/water-deal", Options{})
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(r.Text, "\n\n")
	if len(r.Blocks) != len(paras) {
		t.Fatalf("%d blocks for %d paragraphs", len(r.Blocks), len(paras))
	}
	for i, p := range paras {
		if r.Blocks[i] != BlockKey(p) {
			t.Errorf("block %d: key %x, want the key of %.40q", i, r.Blocks[i], p)
		}
	}
	for _, k := range r.Blocks {
		if k == BlockKey("With files from Orion News Agency. The Valley Echo subscribes to this service.") {
			t.Error("Blocks hold a block the generic rules dropped")
		}
	}
}

// TestBlockKeyHashesNormalisedText checks BlockKey against the hash of the
// normalised text built as a string, on texts with mixed case, Unicode
// spaces and letters, and invalid UTF-8.
func TestBlockKeyHashesNormalisedText(t *testing.T) {
	want := func(text string) uint64 {
		h := fnv.New64a()
		h.Write([]byte(strings.Join(strings.Fields(strings.ToLower(text)), " ")))
		return h.Sum64()
	}
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "Z", " ", "\t", "\u00a0", "\u2003", "É", "ß", "İ", "Σ", "\xff", "\xe2\x82", "日本", "\n", "x9", "ǅ"}
	for range 2000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := b.String()
		if got, w := BlockKey(text), want(text); got != w {
			t.Fatalf("BlockKey(%q) = %x, want %x", text, got, w)
		}
	}
}
