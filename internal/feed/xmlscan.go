package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
)

// Limits that keep hostile documents cheap.
const (
	// MaxDocumentSize is the largest document Parse accepts.
	MaxDocumentSize = 32 << 20
	// maxDepth is the deepest element nesting accepted; real feeds rarely
	// pass 20 levels, even with XHTML content.
	maxDepth = 256
	// maxNameLen is the longest element or attribute name accepted.
	maxNameLen = 1024
)

// errTooDeep reports nesting beyond maxDepth.
var errTooDeep = errors.New("elements nested too deeply")

// errNameTooLong reports an absurdly long element name.
var errNameTooLong = errors.New("element name too long")

// xmlEntities are the entities XML itself defines.
var xmlEntities = map[string]bool{"amp": true, "lt": true, "gt": true, "quot": true, "apos": true}

// expandHTMLEntities rewrites HTML named entities (which feeds use although
// XML does not define them) as numeric character references, outside CDATA
// sections and comments. Unknown names are left alone.
func expandHTMLEntities(b []byte) []byte {
	if bytes.IndexByte(b, '&') < 0 {
		return b
	}
	var out []byte
	last := 0
	i := 0
	for i < len(b) {
		c := b[i]
		if c == '<' {
			if bytes.HasPrefix(b[i:], []byte("<![CDATA[")) {
				k := bytes.Index(b[i:], []byte("]]>"))
				if k < 0 {
					break
				}
				i += k + 3
				continue
			}
			if bytes.HasPrefix(b[i:], []byte("<!--")) {
				k := bytes.Index(b[i:], []byte("-->"))
				if k < 0 {
					break
				}
				i += k + 3
				continue
			}
			i++
			continue
		}
		if c != '&' {
			i++
			continue
		}
		j := i + 1
		for j < len(b) && j-i < 40 && isNameByte(b[j]) {
			j++
		}
		if j == i+1 || j >= len(b) || b[j] != ';' {
			i++
			continue
		}
		name := b[i+1 : j]
		if xmlEntities[string(name)] {
			i = j + 1
			continue
		}
		val, ok := xml.HTMLEntity[string(name)]
		if !ok {
			i = j + 1
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(b)+64)
		}
		out = append(out, b[last:i]...)
		for _, r := range val {
			out = append(out, "&#"...)
			out = strconv.AppendInt(out, int64(r), 10)
			out = append(out, ';')
		}
		i = j + 1
		last = i
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// scanResult is what a strict pass over a document found.
type scanResult struct {
	wellformed bool
	root       string // local name of the root element
	rootSpace  string // namespace of the root element
	version    string // version attribute of the root element
	sawRoot    bool
}

// scanStrict checks that b is well-formed XML and enforces the depth and
// name limits. A limit violation is returned as an error; a syntax error
// only clears wellformed.
func scanStrict(b []byte) (scanResult, error) {
	var res scanResult
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			res.wellformed = res.sawRoot && depth == 0
			return res, nil
		}
		if err != nil {
			return res, nil
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxDepth {
				return res, errTooDeep
			}
			if len(t.Name.Local) > maxNameLen {
				return res, errNameTooLong
			}
			if !res.sawRoot {
				res.sawRoot = true
				res.root, res.rootSpace = t.Name.Local, t.Name.Space
				for _, a := range t.Attr {
					if a.Name.Local == "version" && a.Name.Space == "" {
						res.version = a.Value
					}
				}
			} else if depth == 1 {
				// A second root element.
				return res, nil
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return res, nil
			}
		case xml.Directive:
			// A DOCTYPE that survived stripping sits after the root start.
			if depth > 0 {
				return res, nil
			}
		}
	}
}

// repair returns a copy of b cut at the first point a lenient tokenizer
// cannot pass, with every element still open there closed, so that items
// before a truncation or a syntax error can be recovered.
func repair(b []byte) ([]byte, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	var stack []string
	cut := 0
	for {
		off := d.InputOffset()
		tok, err := d.RawToken()
		if err != nil {
			cut = int(off)
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxDepth {
				return nil, errTooDeep
			}
			if len(t.Name.Local) > maxNameLen {
				return nil, errNameTooLong
			}
			stack = append(stack, rawName(t.Name))
		case xml.EndElement:
			n := rawName(t.Name)
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k] == n {
					stack = stack[:k]
					break
				}
			}
		}
	}
	if cut > len(b) {
		cut = len(b)
	}
	out := make([]byte, 0, cut+16*len(stack))
	out = append(out, b[:cut]...)
	// A cut inside an open CDATA section or comment would swallow the tags.
	if i := bytes.LastIndex(out, []byte("<![CDATA[")); i >= 0 && !bytes.Contains(out[i:], []byte("]]>")) {
		out = append(out, "]]>"...)
	}
	for k := len(stack) - 1; k >= 0; k-- {
		out = append(out, "</"...)
		out = append(out, stack[k]...)
		out = append(out, '>')
	}
	return out, nil
}

func rawName(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}
