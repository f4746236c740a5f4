// Package social draws a page's social card: the 1200×630 PNG that link
// previews show (og:image, twitter:image). It is pure: a Card's fields
// in, PNG bytes out, the same bytes for the same fields. It knows nothing
// of pages, sites or files; the fonts are the Go fonts, embedded, so a
// card looks the same on every machine.
package social

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Width and Height are the size OpenGraph and X recommend for large
// images: 1200×630, 1.91:1.
const (
	Width  = 1200
	Height = 630
)

// Card is everything a card shows. Its fields are its only input, so it
// is also what a cache key of the card is made of.
type Card struct {
	// Site is the site's name, shown at the top; Host its address, shown
	// at the bottom ("cto-handbook.netlify.app").
	Site, Host string
	// Kind is a small label beside the site's name ("Glossary", a guide's
	// title).
	Kind  string
	Title string
	Aka   []string
	// Also is the line that shows Aka, in the site's language ("Also:
	// CTO, Chief Technology Officer"); empty, it is made in English.
	Also    string `json:",omitempty"`
	Summary string
	Colors  Colors
}

// Colors are a card's palette, taken from the theme (see ColorsFromCSS).
type Colors struct {
	Background, Text, Muted, Accent, AccentSoft color.RGBA
}

// DefaultColors are the default theme's light palette.
var DefaultColors = Colors{
	Background: rgb(0xffffff), Text: rgb(0x1d2330), Muted: rgb(0x4f5869),
	Accent: rgb(0x1f5fbf), AccentSoft: rgb(0xe6eefb),
}

func rgb(v uint32) color.RGBA {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

var cssVar = regexp.MustCompile(`--(bg|fg|fg-soft|accent|accent-soft):\s*#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b`)

// ColorsFromCSS reads a palette from the first definitions of the theme's
// custom properties --bg, --fg, --fg-soft, --accent and --accent-soft
// (the light scheme, which a stylesheet states first); a property
// missing keeps its DefaultColors value.
func ColorsFromCSS(css []byte) Colors {
	c := DefaultColors
	seen := map[string]bool{}
	for _, m := range cssVar.FindAllSubmatch(css, -1) {
		name, hexv := string(m[1]), string(m[2])
		if seen[name] {
			continue
		}
		seen[name] = true
		if len(hexv) == 3 {
			hexv = string([]byte{hexv[0], hexv[0], hexv[1], hexv[1], hexv[2], hexv[2]})
		}
		v, _ := strconv.ParseUint(hexv, 16, 32)
		col := rgb(uint32(v))
		switch name {
		case "bg":
			c.Background = col
		case "fg":
			c.Text = col
		case "fg-soft":
			c.Muted = col
		case "accent":
			c.Accent = col
		case "accent-soft":
			c.AccentSoft = col
		}
	}
	return c
}

// Name is the card's file name: a hash of what it shows, so a changed
// card gets a new URL (caches and link previews hold on to old ones).
func (c Card) Name() string {
	b, _ := json.Marshal(c)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8]) + ".png"
}

type fonts struct{ regular, bold *opentype.Font }

// parsed are the Go fonts, parsed once: a parsed font is read-only and
// safe to share; faces are made per card.
var parsed = sync.OnceValues(func() (fonts, error) {
	r, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return fonts{}, err
	}
	b, err := opentype.Parse(gobold.TTF)
	return fonts{regular: r, bold: b}, err
})

func face(f *opentype.Font, size float64) (font.Face, error) {
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
}

// The layout, in pixels.
const (
	margin   = 80
	barWidth = 24
	textLeft = margin + barWidth
	textW    = Width - textLeft - margin
)

// Draw renders the card as a PNG.
func Draw(c Card) ([]byte, error) {
	fs, err := parsed()
	if err != nil {
		return nil, fmt.Errorf("social card fonts: %w", err)
	}
	img := canvases.Get().(*image.RGBA)
	defer canvases.Put(img)
	draw.Draw(img, img.Bounds(), image.NewUniform(c.Colors.Background), image.Point{}, draw.Src)
	fill := func(r image.Rectangle, col color.RGBA) {
		draw.Draw(img, r, image.NewUniform(col), image.Point{}, draw.Src)
	}
	fill(image.Rect(0, 0, barWidth, Height), c.Colors.Accent)
	fill(image.Rect(barWidth, Height-12, Width, Height), c.Colors.AccentSoft)

	small, err := face(fs.bold, 30)
	if err != nil {
		return nil, err
	}
	defer small.Close()
	y := margin + 24
	text(img, small, c.Colors.Accent, textLeft, y, fit(small, c.Site, textW*2/3))
	if c.Kind != "" {
		kind := fit(small, c.Kind, textW/3)
		w := font.MeasureString(small, kind).Round()
		text(img, small, c.Colors.Muted, textLeft+textW-w, y, kind)
	}

	// The title: as large as fits in two lines.
	var title []string
	var titleFace font.Face
	for _, size := range []float64{76, 64, 54, 46} {
		f, err := face(fs.bold, size)
		if err != nil {
			return nil, err
		}
		title = wrap(f, c.Title, textW, 2)
		if titleFace != nil {
			titleFace.Close()
		}
		titleFace = f
		if len(wrap(f, c.Title, textW, 3)) <= 2 {
			break
		}
	}
	defer titleFace.Close()
	lh := titleFace.Metrics().Height.Round()
	y += 48 + titleFace.Metrics().Ascent.Round()
	for _, l := range title {
		text(img, titleFace, c.Colors.Text, textLeft, y, l)
		y += lh
	}

	body, err := face(fs.regular, 34)
	if err != nil {
		return nil, err
	}
	defer body.Close()
	bh := body.Metrics().Height.Round() + 6
	if len(c.Aka) > 0 {
		y += 4
		also := c.Also
		if also == "" {
			also = "Also: " + strings.Join(c.Aka, ", ")
		}
		text(img, body, c.Colors.Muted, textLeft, y, fit(body, also, textW))
		y += bh
	}
	y += 16
	footer := Height - margin + 20
	lines := (footer - 40 - y) / bh
	for _, l := range wrap(body, c.Summary, textW, max(lines, 0)) {
		text(img, body, c.Colors.Text, textLeft, y, l)
		y += bh
	}
	if c.Host != "" {
		text(img, small, c.Colors.Muted, textLeft, footer, fit(small, c.Host, textW))
	}
	return encode(img, c.Colors)
}

// encode writes img as a paletted PNG: a card is a background, an accent
// strip and three inks with their antialiased edges, so 16 levels of each
// ink over the background keep the text smooth, and one byte a pixel
// compresses several times faster than RGBA.
func encode(img *image.RGBA, c Colors) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(32 << 10)
	enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: pngBuffers{}}
	p := quantize(img, c)
	defer indexed.Put(p)
	err := enc.Encode(&buf, p)
	return buf.Bytes(), err
}

// Cards are drawn by the thousand on a big site: the canvases, the
// paletted copies and the encoder's buffers are reused rather than
// allocated (3 MB a card), which keeps the garbage collector out of the
// way. A pool is shared, but each item is used by one card at a time.
var (
	canvases = sync.Pool{New: func() any { return image.NewRGBA(image.Rect(0, 0, Width, Height)) }}
	indexed  = sync.Pool{New: func() any { return image.NewPaletted(image.Rect(0, 0, Width, Height), nil) }}
	encoders sync.Pool
)

type pngBuffers struct{}

func (pngBuffers) Get() *png.EncoderBuffer {
	b, _ := encoders.Get().(*png.EncoderBuffer)
	return b
}

func (pngBuffers) Put(b *png.EncoderBuffer) { encoders.Put(b) }

// quantize maps every pixel of img to the nearest colour of the card's
// palette.
func quantize(img *image.RGBA, c Colors) *image.Paletted {
	pal := color.Palette{c.Background, c.AccentSoft, c.Accent}
	for _, ink := range []color.RGBA{c.Text, c.Muted, c.Accent} {
		for k := 1; k < 16; k++ {
			pal = append(pal, blend(c.Background, ink, k, 15))
		}
	}
	out := indexed.Get().(*image.Paletted)
	out.Palette = pal
	near := map[uint32]uint8{}
	pix := img.Pix
	last, lastIdx := uint32(1<<31), uint8(0)
	for i, j := 0, 0; i < len(pix); i, j = i+4, j+1 {
		v := binary.LittleEndian.Uint32(pix[i:]) // R, G, B and an opaque A
		if v != last {
			k, ok := near[v]
			if !ok {
				k = uint8(pal.Index(color.RGBA{pix[i], pix[i+1], pix[i+2], 0xff}))
				near[v] = k
			}
			last, lastIdx = v, k
		}
		out.Pix[j] = lastIdx
	}
	return out
}

// blend is k/n of the way from a to b.
func blend(a, b color.RGBA, k, n int) color.RGBA {
	mix := func(x, y uint8) uint8 { return uint8((int(x)*(n-k) + int(y)*k + n/2) / n) }
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}

func text(dst draw.Image, f font.Face, col color.RGBA, x, y int, s string) {
	d := font.Drawer{Dst: dst, Src: image.NewUniform(col), Face: f, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// wrap breaks s into at most n lines of at most width pixels, breaking
// at spaces (a word longer than a line is cut); the last line ends with
// "…" when text was left out.
func wrap(f font.Face, s string, width, n int) []string {
	if n <= 0 {
		return nil
	}
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for i := 0; i < len(words); i++ {
		w := words[i]
		try := w
		if cur != "" {
			try = cur + " " + w
		}
		if font.MeasureString(f, try).Round() <= width {
			cur = try
			continue
		}
		if cur == "" { // one word wider than the line
			cur = fit(f, w, width)
			continue
		}
		lines = append(lines, cur)
		cur = ""
		i--
		if len(lines) == n {
			lines[n-1] = fit(f, lines[n-1]+" "+strings.Join(words[i+1:], " "), width)
			return lines
		}
	}
	if cur != "" && len(lines) < n {
		lines = append(lines, cur)
	}
	return lines
}

// fit shortens s with "…" until it is at most width pixels wide.
func fit(f font.Face, s string, width int) string {
	if font.MeasureString(f, s).Round() <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		t := strings.TrimRight(string(r), " ,.;:") + "…"
		if font.MeasureString(f, t).Round() <= width {
			return t
		}
	}
	return "…"
}
