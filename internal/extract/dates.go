package extract

import (
	"strconv"
	"strings"
	"time"
)

// timeLayouts are the date forms pages use in metadata, most common first.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.000Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.000",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"20060102T150405Z0700",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon Jan 2 15:04:05 MST 2006",
	"January 2, 2006 3:04 PM",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"02.01.2006 15:04",
	"02.01.2006",
	"2006/01/02 15:04:05",
	"2006/01/02",
}

// parseTime reads a metadata date. Times without a zone are taken as UTC.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return sane(t)
		}
	}
	// Unix seconds or milliseconds.
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) >= 9 {
		if len(s) >= 12 {
			return sane(time.UnixMilli(n).UTC())
		}
		return sane(time.Unix(n, 0).UTC())
	}
	return time.Time{}, false
}

// sane rejects years that cannot be a publication time.
func sane(t time.Time) (time.Time, bool) {
	if t.Year() < 1995 || t.Year() > 2100 {
		return time.Time{}, false
	}
	return t, true
}

// pickTime returns the first parseable candidate.
func pickTime(lists ...[]string) time.Time {
	for _, l := range lists {
		for _, s := range l {
			if t, ok := parseTime(s); ok {
				return t
			}
		}
	}
	return time.Time{}
}

var urlDate = mustRule(`/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|-|$)`)

// dateFromURL reads /2024/05/01/ style dates from article URLs.
func dateFromURL(urls ...string) time.Time {
	for _, u := range urls {
		if m := urlDate.FindStringSubmatch(u); m != nil {
			y, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			d, _ := strconv.Atoi(m[3])
			return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		}
	}
	return time.Time{}
}
