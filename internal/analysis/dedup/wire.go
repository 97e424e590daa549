package dedup

import (
	"strings"
	"unicode"
)

// agencies maps how wire services are written to their display names.
var agencies = []struct {
	spellings []string
	name      string
}{
	{[]string{"reuters", "thomson reuters"}, "Reuters"},
	{[]string{"associated press", "ap"}, "AP"},
	{[]string{"agence france-presse", "agence france presse", "afp"}, "AFP"},
	{[]string{"dpa", "deutsche presse-agentur"}, "dpa"},
	{[]string{"bloomberg"}, "Bloomberg"},
	{[]string{"upi", "united press international"}, "UPI"},
	{[]string{"ansa"}, "ANSA"},
	{[]string{"efe"}, "EFE"},
	{[]string{"kyodo", "kyodo news"}, "Kyodo"},
	{[]string{"xinhua"}, "Xinhua"},
	{[]string{"pa", "pa media", "press association"}, "PA"},
	{[]string{"aap", "australian associated press"}, "AAP"},
	{[]string{"cp", "the canadian press", "canadian press"}, "The Canadian Press"},
	{[]string{"apa"}, "APA"},
	{[]string{"sda", "keystone-sda"}, "Keystone-SDA"},
	{[]string{"epd"}, "epd"},
	{[]string{"kna"}, "KNA"},
	{[]string{"yonhap"}, "Yonhap"},
	{[]string{"anadolu", "anadolu agency"}, "Anadolu"},
	{[]string{"pti", "press trust of india"}, "PTI"},
	{[]string{"ians"}, "IANS"},
	{[]string{"bernama"}, "Bernama"},
	{[]string{"tass"}, "TASS"},
	{[]string{"europa press"}, "Europa Press"},
}

// lookupAgency returns the display name of a known agency spelling.
func lookupAgency(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "the ")
	for _, a := range agencies {
		for _, sp := range a.spellings {
			if s == sp || s == "the "+sp {
				return a.name
			}
		}
	}
	return ""
}

// Wire returns the wire service a text is credited to, or "". It looks at
// the byline ("By Jane Roe, Reuters", "AFP"), a dateline at the start of
// the text ("PARIS (AFP) —", "(Reuters) -", "BERLIN, 3 May (dpa) –") and a
// sign-off at the end ("— AP", "(Reuters)", "Reporting by ...; Editing by
// ..."). A dateline credit in parentheses is accepted for unknown agencies
// when it looks like a name.
func Wire(body, byline string) string {
	if w := wireInByline(byline); w != "" {
		return w
	}
	head := body
	if len(head) > 300 {
		head = head[:300]
	}
	if w := datelineCredit(head); w != "" {
		return w
	}
	return signOff(body)
}

func wireInByline(byline string) string {
	if byline == "" {
		return ""
	}
	if w := lookupAgency(byline); w != "" {
		return w
	}
	for _, sep := range []string{",", "|", "/", " - ", " – ", " — ", "(", ")", ";", " and ", " for ", " via "} {
		byline = strings.ReplaceAll(byline, sep, "\x00")
	}
	for _, part := range strings.Split(byline, "\x00") {
		if w := lookupAgency(part); w != "" {
			return w
		}
	}
	return ""
}

// datelineCredit finds "(Agency) —" or "(Agency) -" early in the text.
func datelineCredit(head string) string {
	for i := 0; i < len(head); {
		open := strings.IndexByte(head[i:], '(')
		if open < 0 {
			return ""
		}
		open += i
		closeAt := strings.IndexByte(head[open:], ')')
		if closeAt < 0 {
			return ""
		}
		closeAt += open
		inner := head[open+1 : closeAt]
		rest := strings.TrimLeft(head[closeAt+1:], " \u00a0")
		i = closeAt + 1
		if !startsWithDash(rest) {
			continue
		}
		if w := lookupAgency(inner); w != "" {
			return w
		}
		if looksLikeAgency(inner) {
			return strings.TrimSpace(inner)
		}
	}
	return ""
}

func startsWithDash(s string) bool {
	return strings.HasPrefix(s, "-") || strings.HasPrefix(s, "–") || strings.HasPrefix(s, "—") || strings.HasPrefix(s, ":")
}

// looksLikeAgency accepts a short capitalised name of one to three words,
// such as "ANP" or "Kyodo News", without digits.
func looksLikeAgency(s string) bool {
	s = strings.TrimSpace(s)
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 3 || len(s) > 30 {
		return false
	}
	for _, w := range f {
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			return false
		}
		for _, c := range r {
			if unicode.IsDigit(c) {
				return false
			}
		}
	}
	return true
}

// signOff finds a credit in the last line of the text: "— AP",
// "(Reuters)", "Reporting by ... for Reuters" or a bare agency name.
func signOff(body string) string {
	body = strings.TrimSpace(body)
	if body == "" {
		return ""
	}
	last := body
	if i := strings.LastIndexByte(body, '\n'); i >= 0 {
		last = strings.TrimSpace(body[i+1:])
	}
	if strings.HasPrefix(last, "Reporting by") || strings.Contains(last, "; Editing by") {
		return "Reuters"
	}
	if w := lookupAgency(strings.Trim(last, "()[]. ")); w != "" {
		return w
	}
	for _, dash := range []string{"—", "–", " - "} {
		if i := strings.LastIndex(last, dash); i >= 0 {
			tail := strings.Trim(last[i+len(dash):], " ().")
			if w := lookupAgency(tail); w != "" {
				return w
			}
		}
	}
	if strings.HasSuffix(last, ")") {
		if i := strings.LastIndexByte(last, '('); i >= 0 {
			if w := lookupAgency(last[i+1 : len(last)-1]); w != "" {
				return w
			}
		}
	}
	return ""
}
