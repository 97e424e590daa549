package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
)

// Lead images are small abstract pictures drawn from the article number and
// the event kind's hue: a sky gradient, a horizon and a sun.

const imgW, imgH = 320, 180

// hsv converts hue (degrees), saturation and value in [0,1] to RGB.
func hsv(h, s, v float64) color.RGBA {
	h = math.Mod(h, 360)
	if h < 0 {
		h += 360
	}
	c := v * s
	x := c * (1 - math.Abs(math.Mod(h/60, 2)-1))
	m := v - c
	var r, g, b float64
	switch {
	case h < 60:
		r, g, b = c, x, 0
	case h < 120:
		r, g, b = x, c, 0
	case h < 180:
		r, g, b = 0, c, x
	case h < 240:
		r, g, b = 0, x, c
	case h < 300:
		r, g, b = x, 0, c
	default:
		r, g, b = c, 0, x
	}
	return color.RGBA{uint8((r + m) * 255), uint8((g + m) * 255), uint8((b + m) * 255), 255}
}

// pngImage draws the lead image of article num as a PNG.
func pngImage(num, hue int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, imgW, imgH))
	h := float64(hue + num%40 - 20)
	horizon := 100 + num%50
	sx, sy, sr := 40+(num*7)%240, 30+(num*13)%50, 14+num%12
	for y := 0; y < imgH; y++ {
		for x := 0; x < imgW; x++ {
			var c color.RGBA
			if y < horizon {
				c = hsv(h, 0.35+0.3*float64(y)/float64(horizon), 0.95-0.2*float64(y)/float64(horizon))
				dx, dy := x-sx, y-sy
				if dx*dx+dy*dy < sr*sr {
					c = hsv(h+40, 0.5, 1)
				}
			} else {
				c = hsv(h+180, 0.5, 0.45+0.1*float64((x/20+y/15)%2))
			}
			img.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil { // encoding to memory does not fail
		return nil
	}
	return buf.Bytes()
}

// svgImage draws the lead image of article num as SVG.
func svgImage(num, hue int, title string) string {
	h := hue + num%40 - 20
	horizon := 100 + num%50
	sx, sy, sr := 40+(num*7)%240, 30+(num*13)%50, 14+num%12
	return fmt.Sprintf(`<?xml version="1.0" encoding="utf-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">
<title>%s</title>
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(%d,60%%,80%%)"/><stop offset="1" stop-color="hsl(%d,55%%,60%%)"/></linearGradient></defs>
<rect width="%d" height="%d" fill="url(#sky)"/>
<circle cx="%d" cy="%d" r="%d" fill="hsl(%d,80%%,85%%)"/>
<rect y="%d" width="%d" height="%d" fill="hsl(%d,40%%,35%%)"/>
</svg>
`, imgW, imgH, imgW, imgH, esc(title), h, h, imgW, imgH, sx, sy, sr, h+40, horizon, imgW, imgH-horizon, h+180)
}
