package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"maps"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"
)

//go:embed static
var staticFS embed.FS

// Brand colours, shared by the icons, the manifest and the stylesheet.
const (
	brandColour = "#a4161a"
	paperColour = "#fbfaf7"
)

// assets are the static files, the generated icons and the version that
// busts caches when any of them changes.
type assets struct {
	files   map[string][]byte
	Version string
}

// loadAssets reads the embedded static files and draws the PNG icons.
func loadAssets() (*assets, error) {
	a := &assets{files: make(map[string][]byte)}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		a.files[path.Base(p)] = b
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	for _, size := range []int{192, 512} {
		b, err := drawIcon(size)
		if err != nil {
			return nil, fmt.Errorf("web: icon %d: %w", size, err)
		}
		a.files[fmt.Sprintf("icon-%d.png", size)] = b
	}
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(a.files)) {
		h.Write([]byte(name))
		h.Write(a.files[name])
	}
	a.Version = hex.EncodeToString(h.Sum(nil))[:12]
	return a, nil
}

// URL returns the versioned address of a static file.
func (a *assets) URL(name string) string {
	return "/static/" + name + "?v=" + a.Version
}

// drawIcon draws the app icon, a white "N" on the brand colour, filling the
// whole square so that it also works as a maskable icon.
func drawIcon(size int) ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	bg := color.RGBA{0xa4, 0x16, 0x1a, 0xff}
	fg := color.RGBA{0xff, 0xff, 0xff, 0xff}
	f := float64(size)
	left, right := 0.30*f, 0.70*f
	top, bottom := 0.28*f, 0.72*f
	stroke := 0.09 * f
	for y := range size {
		for x := range size {
			c := bg
			fx, fy := float64(x)+0.5, float64(y)+0.5
			if fy >= top && fy <= bottom {
				inLeft := fx >= left && fx <= left+stroke
				inRight := fx >= right-stroke && fx <= right
				// The diagonal runs from the top of the left bar to the
				// bottom of the right bar.
				t := (fy - top) / (bottom - top)
				dx := left + t*(right-stroke-left)
				inDiag := fx >= dx && fx <= dx+stroke
				if inLeft || inRight || inDiag {
					c = fg
				}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// handleStatic serves a static file. Versioned requests are cached for a
// year; others for an hour.
func (s *server) handleStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	b, ok := s.assets.files[name]
	if !ok || name == "sw.js" { // the worker is served, filled in, at /sw.js
		s.handleNotFound(w, r)
		return
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	if r.URL.Query().Get("v") == s.assets.Version {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=3600")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

// handleManifest serves the web app manifest.
func (s *server) handleManifest(w http.ResponseWriter, r *http.Request) {
	type icon struct {
		Src     string `json:"src"`
		Sizes   string `json:"sizes"`
		Type    string `json:"type"`
		Purpose string `json:"purpose,omitempty"`
	}
	m := struct {
		Name            string `json:"name"`
		ShortName       string `json:"short_name"`
		Description     string `json:"description"`
		StartURL        string `json:"start_url"`
		Scope           string `json:"scope"`
		Display         string `json:"display"`
		BackgroundColor string `json:"background_color"`
		ThemeColor      string `json:"theme_color"`
		Lang            string `json:"lang"`
		Icons           []icon `json:"icons"`
	}{
		Name:            s.opt.SiteName,
		ShortName:       s.opt.SiteName,
		Description:     "News from many outlets, grouped by story, readable offline.",
		StartURL:        "/" + s.opt.Editions[0].Code + "/",
		Scope:           "/",
		Display:         "standalone",
		BackgroundColor: paperColour,
		ThemeColor:      brandColour,
		Lang:            s.opt.Editions[0].Lang,
		Icons: []icon{
			{Src: s.assets.URL("icon-192.png"), Sizes: "192x192", Type: "image/png", Purpose: "any maskable"},
			{Src: s.assets.URL("icon-512.png"), Sizes: "512x512", Type: "image/png", Purpose: "any maskable"},
			{Src: s.assets.URL("icon.svg"), Sizes: "any", Type: "image/svg+xml"},
		},
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		s.fail(w, r, s.opt.Editions[0], fmt.Errorf("web: manifest: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/manifest+json")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write(b)
}

// handleServiceWorker serves the service worker with the asset version and
// the list of files to keep for offline use filled in.
func (s *server) handleServiceWorker(w http.ResponseWriter, r *http.Request) {
	precache := []string{
		"/offline",
		s.assets.URL("style.css"),
		s.assets.URL("app.js"),
		s.assets.URL("icon.svg"),
		s.assets.URL("icon-192.png"),
		"/manifest.webmanifest",
	}
	list, err := json.Marshal(precache)
	if err != nil {
		s.fail(w, r, s.opt.Editions[0], fmt.Errorf("web: service worker: %w", err))
		return
	}
	js := strings.NewReplacer(
		"__VERSION__", s.assets.Version,
		"__PRECACHE__", string(list),
	).Replace(string(s.assets.files["sw.js"]))
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Service-Worker-Allowed", "/")
	_, _ = w.Write([]byte(js))
}
