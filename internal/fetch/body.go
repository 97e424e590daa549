package fetch

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/andybalholm/brotli"
)

// capReader fails with a too-large error once more than limit bytes have
// been read through it, so neither the wire bytes nor the decompressed
// bytes can grow past the cap.
type capReader struct {
	r     io.Reader
	n     int64
	limit int64
	what  string
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n > c.limit {
		return 0, tooLarge(c.limit, c.what)
	}
	if rest := c.limit + 1 - c.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n > c.limit {
		return n, tooLarge(c.limit, c.what)
	}
	return n, err
}

// tooLarge is the error for a body over limit bytes.
func tooLarge(limit int64, what string) error {
	return &kindError{ErrTooLarge, fmt.Sprintf("%s larger than %s", what, FormatBytes(limit))}
}

// FormatBytes writes n in binary units: "512 B", "64 KiB", "10 MiB", "1.5 GiB".
func FormatBytes(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	f := float64(n)
	i := 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	if f == float64(int64(f)) {
		return fmt.Sprintf("%d %s", int64(f), units[i])
	}
	return fmt.Sprintf("%.1f %s", f, units[i])
}

// readBody reads resp's body, undoing its content encodings, and fails as
// soon as the bytes received or the bytes decoded pass limit.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	if resp.ContentLength > limit {
		return nil, &kindError{ErrTooLarge, fmt.Sprintf("body larger than %s (Content-Length %d)", FormatBytes(limit), resp.ContentLength)}
	}
	var r io.Reader = &capReader{r: resp.Body, limit: limit, what: "body"}
	encs := strings.Split(resp.Header.Get("Content-Encoding"), ",")
	layers := 0
	for i := len(encs) - 1; i >= 0; i-- {
		enc := strings.ToLower(strings.TrimSpace(encs[i]))
		if enc == "" || enc == "identity" {
			continue
		}
		layers++
		if layers > 2 {
			return nil, fmt.Errorf("body has more than two content encodings (%s)", resp.Header.Get("Content-Encoding"))
		}
		dec, err := decoder(enc, r)
		if err != nil {
			return nil, err
		}
		r = dec
	}
	if layers > 0 {
		r = &capReader{r: r, limit: limit, what: "decompressed body"}
	}
	body, err := io.ReadAll(r)
	if err != nil {
		return nil, readError(err)
	}
	return body, nil
}

// readError keeps the cap's own errors and names the others.
func readError(err error) error {
	if _, ok := err.(*kindError); ok {
		return err
	}
	return fmt.Errorf("reading body: %w", err)
}

// decoder undoes one content encoding.
func decoder(enc string, r io.Reader) (io.Reader, error) {
	switch enc {
	case "gzip", "x-gzip":
		z, err := gzip.NewReader(r)
		if err != nil {
			return nil, readError(fmt.Errorf("gzip: %w", err))
		}
		return z, nil
	case "deflate":
		// "deflate" should be zlib-wrapped, but some servers send raw
		// deflate; the first two bytes tell them apart.
		br := bufio.NewReader(r)
		head, _ := br.Peek(2)
		if len(head) == 2 && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
			z, err := zlib.NewReader(br)
			if err != nil {
				return nil, readError(fmt.Errorf("deflate: %w", err))
			}
			return z, nil
		}
		return flate.NewReader(br), nil
	case "br":
		return brotli.NewReader(r), nil
	}
	return nil, fmt.Errorf("body has an unknown content encoding %q", enc)
}
