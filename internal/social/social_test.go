package social

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

var cto = Card{
	Site: "The CTO Handbook", Host: "cto-handbook.netlify.app", Kind: "Glossary",
	Title: "CTO", Aka: []string{"Chief Technology Officer"},
	Summary: "The most senior technology executive in an organization, responsible for technology strategy, engineering and the systems the business runs on.",
	Colors:  DefaultColors,
}

func decode(t *testing.T, c Card) image.Image {
	t.Helper()
	b, err := Draw(c)
	if err != nil {
		t.Fatalf("Draw(%q): %v", c.Title, err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("Draw(%q) is not a PNG: %v", c.Title, err)
	}
	return img
}

// inked counts the pixels of rectangle r that are near col.
func inked(img image.Image, r image.Rectangle, col color.RGBA) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			pr, pg, pb, _ := img.At(x, y).RGBA()
			d := func(a uint32, b uint8) int { v := int(a>>8) - int(b); return v * v }
			if d(pr, col.R)+d(pg, col.G)+d(pb, col.B) < 300 {
				n++
			}
		}
	}
	return n
}

// TestCardShowsThePage: a card is 1200×630, in the theme's colours, with
// the site's name in the accent colour at the top, the title in large
// text below it and the summary under that, and nothing of the summary
// runs into the footer, however long it is.
func TestCardShowsThePage(t *testing.T) {
	img := decode(t, cto)
	if b := img.Bounds(); b.Dx() != Width || b.Dy() != Height || Width != 1200 || Height != 630 {
		t.Fatalf("the card is %v, want 1200×630", b)
	}
	if got := inked(img, image.Rect(600, 20, 700, 60), DefaultColors.Background); got != 100*40 {
		t.Errorf("the top margin is not the background colour (%d of 4000 pixels)", got)
	}
	if inked(img, image.Rect(textLeft, 60, 500, 110), DefaultColors.Accent) < 200 {
		t.Error("no site name in the accent colour at the top left")
	}
	titleInk := inked(img, image.Rect(textLeft, 130, Width-margin, 250), DefaultColors.Text)
	if titleInk < 2000 {
		t.Errorf("the title band has %d pixels of text colour, want a large title", titleInk)
	}
	long := cto
	long.Summary = strings.Repeat("A summary that goes on and on. ", 40)
	limg := decode(t, long)
	footer := image.Rect(textLeft, Height-margin-20, Width-margin, Height-12)
	if n := inked(limg, footer, DefaultColors.Text); n > 0 {
		t.Errorf("a long summary spills %d pixels into the footer", n)
	}
	if inked(limg, image.Rect(textLeft, 330, Width-margin, 520), DefaultColors.Text) < 3000 {
		t.Error("a long summary is not drawn below the title")
	}

	dark := cto
	dark.Colors = ColorsFromCSS([]byte(":root{--bg:#12151c;--fg:#e4e7ee;--accent:#7fb0ff}"))
	if got := inked(decode(t, dark), image.Rect(600, 20, 700, 60), rgb(0x12151c)); got != 4000 {
		t.Errorf("a theme with --bg #12151c gives a card whose background is not that colour (%d of 4000)", got)
	}
}

// TestCardBytesAndName: the same card gives the same bytes (builds are
// byte-identical) and name; any change of what it shows changes both.
func TestCardBytesAndName(t *testing.T) {
	a, _ := Draw(cto)
	b, _ := Draw(cto)
	if !bytes.Equal(a, b) {
		t.Error("two draws of the same card differ")
	}
	other := cto
	other.Title = "CISO"
	c, _ := Draw(other)
	if bytes.Equal(a, c) || cto.Name() == other.Name() {
		t.Error("cards with different titles have the same bytes or name")
	}
	if !strings.HasSuffix(cto.Name(), ".png") || len(cto.Name()) != 20 {
		t.Errorf("Name() = %q, want 16 hex digits and .png", cto.Name())
	}
}

// TestCardOddText: empty fields, a title wider than the card without a
// space, and letters the Go fonts lack draw a card, never a panic.
func TestCardOddText(t *testing.T) {
	for _, c := range []Card{{}, {Title: strings.Repeat("W", 200)}, {Title: "日本語の用語", Summary: "😀 ∑"}, {Title: "x", Aka: []string{strings.Repeat("aka ", 100)}}} {
		decode(t, c)
	}
}

func TestColorsFromCSS(t *testing.T) {
	c := ColorsFromCSS([]byte(":root {\n  --bg: #fff;\n  --fg: #1d2330;\n  --accent: #1F5FBF;\n}\n@media (prefers-color-scheme: dark) { :root { --bg: #12151c; } }"))
	if c.Background != rgb(0xffffff) || c.Text != rgb(0x1d2330) || c.Accent != rgb(0x1f5fbf) || c.Muted != DefaultColors.Muted {
		t.Errorf("ColorsFromCSS = %+v, want the light values, and defaults for what is missing", c)
	}
}

func BenchmarkDraw(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Draw(cto); err != nil {
			b.Fatal(err)
		}
	}
}
