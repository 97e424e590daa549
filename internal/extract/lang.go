package extract

import (
	"strings"

	"github.com/abadojack/whatlanggo"
)

// detectLang guesses the ISO 639-1 language of text; "" when unsure.
func detectLang(text string) string {
	if len(text) < 40 {
		return ""
	}
	if len(text) > 4000 {
		text = text[:4000]
	}
	info := whatlanggo.Detect(text)
	if info.Confidence < 0.5 {
		return ""
	}
	code := whatlanggo.LangToStringShort(info.Lang)
	if len(code) != 2 {
		return ""
	}
	return strings.ToLower(code)
}
