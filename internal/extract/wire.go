package extract

import (
	"strings"
)

// A wire credit is the sign-off that says the story came from a news
// agency ("With files from ...", "This article was supplied by ... and has
// not been edited by our staff.", "Quelle: dpa"). It is dropped from the
// body and the agency's name is kept as Result.WireCredit.

// agencyName matches a proper name: capitalised words joined by the small
// words of agency names, or a well-known agency written in lower case.
const agencyName = `((?i:the\s+)?\p{Lu}[\p{L}\p{M}&'’\-]*(?:\s+(?:(?i:of|for|de|du|des|der|für|di|y|and|&)\s+)?\p{Lu}[\p{L}\p{M}&'’\-]*){0,5}|(?i:dpa|afp|ap|epd|kna|apa|sda|ats|ansa|efe|anp|belga|reuters))`

// agencyEnd is what may follow the name: the end, punctuation, or a
// lower-case continuation of the disclaimer.
const agencyEnd = `(?:\s*$|\s*[.,;:/)]|\s+(?i:and|und|et|y|with|mit|avec|con|under|unter|sous|has|have|is|was|ist|est)\b|\s+\()`

// wireOpenings are the openings that only a wire credit uses.
const wireOpenings = `(?:this|the)\s+(?:article|story|report|item|content|copy|text)\s+(?:was|is|has\s+been|comes)\s+(?:(?:originally\s+)?(?:supplied|provided|distributed|written|produced|syndicated|sourced|contributed|filed|published)\s+)?(?:by|from|via|through)` +
	`|with\s+(?:files|reporting|material|additional\s+reporting|contributions?|wire\s+reports?)\s+(?:from|by)` +
	`|additional\s+reporting\s+(?:from|by)` +
	`|(?:distributed|supplied|provided|syndicated|sourced)\s+(?:by|from|via)` +
	`|(?:wire\s+)?copy\s+(?:from|by|supplied\s+by)` +
	`|wire\s+(?:copy|report|story|service)\s+(?:from|by)` +
	`|(?:content|story|article|report)\s+courtesy\s+of` +
	`|courtesy\s+of` +
	`|mit\s+material\s+(?:von|der|des)` +
	`|(?:dieser|der)\s+(?:artikel|beitrag|text)\s+(?:wurde|stammt)\s+(?:von|vom)` +
	`|(?:cet|l['’])\s*article\s+(?:a\s+été\s+)?(?:fourni|rédigé|diffusé|distribué)\s+par` +
	`|avec\s+l['’]agence` +
	`|con\s+información\s+de` +
	`|(?:este\s+artículo|esta\s+nota)\s+(?:fue\s+)?(?:proporcionad[oa]|distribuid[oa]|suministrad[oa])\s+por`

// wireStrong matches a credit that begins with one of wireOpenings; any
// name after it is taken as the agency.
var wireStrong = mustRule(`^(?i:` + wireOpenings + `)\s*:?\s*` + agencyName + agencyEnd)

// wireLead matches the opening alone. Its program is a fraction of
// wireStrong's, and it turns away nearly every block before wireStrong
// is run.
var wireLead = mustRule(`^(?i:` + wireOpenings + `)`)

// wireWeak matches openings shared with other credits (sources, copyright
// lines); the name after them must look like an agency's.
var wireWeak = mustRule(`^(?i:source|sources|quelle|quellen|fuente|avec|copyright|©|\(c\))\s*:?\s*` + agencyName + agencyEnd)

// agencyWord marks a name as a news agency's.
var agencyWord = mustRule(`(?i)\b(?:agency|agence|agentur|agencia|agenzia|press|presse|prensa|news\s*service|wire|associated|newswire|dpa|afp|ap|epd|kna|apa|sda|ats|ansa|efe|anp|belga|reuters)\b`)

// republished matches the licence part of a copyright line of syndicated copy.
var republished = mustRule(`(?i)\b(?:republished|reproduced|syndicated|distributed|used|reprinted)\b.{0,60}\b(?:licen[cs]e|permission|agreement|arrangement)\b|\bunder\s+licen[cs]e\b`)

// disclaimerWords are the words of what may follow the agency's name in a
// credit: who edited or republished the copy, under which arrangement.
var disclaimerWords = mustRule(`(?i)\b(?:edited|republished|reproduced|syndicated|distributed|staff|service|desk|permission|licen[cs]e|verified|subscribes?|subscriber|member|cooperative|agency|agencies|wire|newsroom|responsib\w*|redaktion|redigiert|bearbeitet|rédaction|édité|relu|licencia|editado|redacción|all\s+rights\s+reserved)\b`)

// wireCredit returns the agency named by a wire-credit block, or "" when t
// is not one. What follows the name must be nothing, a disclaimer or more
// agencies, so that a sentence opening with "Supplied by ..." is not taken
// for a credit.
func wireCredit(t string, words int) string {
	if words > 40 {
		return ""
	}
	var m []int
	if wireLead.MatchString(t) {
		m = wireStrong.FindStringSubmatchIndex(t)
	}
	weak := false
	if m == nil {
		m = wireWeak.FindStringSubmatchIndex(t)
		weak = true
	}
	if m == nil {
		return ""
	}
	name := cleanAgency(t[m[2]:m[3]])
	if weak {
		low := strings.ToLower(t)
		if strings.HasPrefix(low, "copyright") || strings.HasPrefix(low, "©") || strings.HasPrefix(low, "(c)") {
			if !republished.MatchString(t) {
				return ""
			}
		} else if !agencyWord.MatchString(name) {
			return ""
		}
	}
	rest := strings.Trim(t[m[3]:], " .,;:/()\u00a0")
	if rest != "" && (countFields(rest) > 25 || !(disclaimerWords.MatchString(rest) || agencyWord.MatchString(rest))) {
		return ""
	}
	return name
}

// cleanAgency trims an agency name found by the patterns.
func cleanAgency(s string) string {
	s = strings.TrimSpace(strings.TrimRight(s, ".,;:’' "))
	if low := strings.ToLower(s); strings.HasPrefix(low, "the ") && !strings.Contains(low, "associated") {
		s = s[4:]
	}
	return s
}
