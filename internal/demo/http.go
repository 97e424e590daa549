package demo

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// response is a rendered resource before content negotiation.
type response struct {
	body    []byte
	ctype   string
	modTime time.Time
}

// serveHTTP routes a request to the index, an outlet's home page, feed,
// image or article page.
func (d *Demo) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	res, ok := d.render(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	serve(w, r, res)
}

// render produces the resource at the request's path.
func (d *Demo) render(r *http.Request) (response, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	base := d.base
	if base == "" {
		base = "http://" + r.Host
	}
	path := r.URL.Path
	switch path {
	case "/":
		return response{[]byte(d.indexPage(base)), "text/html; charset=utf-8", d.lastPub}, true
	case "/robots.txt":
		return response{[]byte("User-agent: *\nAllow: /\n"), "text/plain; charset=utf-8", time.Unix(0, 0)}, true
	}
	rest := strings.TrimPrefix(path, "/")
	slug, sub, _ := strings.Cut(rest, "/")
	var o *outlet
	for i := range d.outlets {
		if d.outlets[i].Slug == slug {
			o = &d.outlets[i]
		}
	}
	if o == nil {
		return response{}, false
	}
	list := d.perOutlet[o.idx]
	mod := time.Unix(0, 0)
	if len(list) > 0 {
		mod = list[len(list)-1].Published
	}
	switch {
	case path == o.HomeURL:
		return response{d.encode(o, d.homePage(o, base)), "text/html; charset=" + o.Charset, mod}, true
	case path == o.FeedURL:
		return response{d.encode(o, d.feedDoc(o, base)), feedMediaType(o.Format) + "; charset=" + o.Charset, mod}, true
	case strings.HasPrefix(sub, "media/"):
		name := strings.TrimPrefix(sub, "media/")
		numStr, ext, _ := strings.Cut(name, ".")
		num, err := strconv.Atoi(numStr)
		if err != nil || ext != o.imgExt {
			return response{}, false
		}
		for _, p := range list {
			if p.num == num {
				hue := d.kinds[d.events[p.Event].kind].imageHue
				if ext == "svg" {
					return response{[]byte(svgImage(num, hue, p.ImageCaption)), "image/svg+xml", p.Published}, true
				}
				return response{pngImage(num, hue), "image/png", p.Published}, true
			}
		}
		return response{}, false
	}
	if p, ok := d.byPath[path]; ok && p.outlet == o.idx {
		return response{d.encode(o, d.articlePage(o, p, base)), "text/html; charset=" + o.Charset, mod}, true
	}
	return response{}, false
}

// encode turns a rendered document into the outlet's charset. Characters
// the charset lacks become numeric character references.
func (d *Demo) encode(o *outlet, s string) []byte {
	if o.Charset != "windows-1252" {
		return []byte(s)
	}
	b, err := encoding.HTMLEscapeUnsupported(charmap.Windows1252.NewEncoder()).Bytes([]byte(s))
	if err != nil { // cannot happen with HTMLEscapeUnsupported; keep UTF-8 rather than nothing
		return []byte(s)
	}
	return b
}

// serve writes res with validators, conditional GET and gzip.
func serve(w http.ResponseWriter, r *http.Request, res response) {
	sum := sha256.Sum256(res.body)
	tag := hex.EncodeToString(sum[:10])
	gz := acceptsGzip(r.Header.Get("Accept-Encoding"))
	etag := `"` + tag + `"`
	if gz {
		etag = `"` + tag + `-gzip"`
	}
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Vary", "Accept-Encoding")
	h.Set("Cache-Control", "no-cache")
	mod := res.modTime.UTC().Truncate(time.Second)
	if !res.modTime.IsZero() {
		h.Set("Last-Modified", mod.Format(http.TimeFormat))
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		if etagMatches(inm, tag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	} else if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		if t, err := http.ParseTime(ims); err == nil && !mod.After(t) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	body := res.body
	if gz {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		_, _ = zw.Write(body) // writes to a bytes.Buffer cannot fail
		_ = zw.Close()
		body = buf.Bytes()
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Type", res.ctype)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body) // the client went away; nothing to do
	}
}

// etagMatches reports whether an If-None-Match header names the resource
// with hash tag, in either encoding.
func etagMatches(header, tag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == `"`+tag+`"` || t == `"`+tag+`-gzip"` {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "gzip" && name != "x-gzip" && name != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		if q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000" {
			continue
		}
		return true
	}
	return false
}
