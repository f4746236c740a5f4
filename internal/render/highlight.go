package render

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// Code highlighting palettes. Chroma's github and github-dark styles give
// the colors; this file makes them safe to use side by side, which the
// styles alone are not:
//
//   - each palette sets a color for every token class that either sets,
//     so no light color leaks into dark code (github-dark has no rule for
//     punctuation, which kept github's near-black on a near-black
//     background);
//   - every color is darkened (light) or lightened (dark) just enough to
//     reach WCAG's 4.5:1 against the background it is drawn on;
//   - the dark palette applies under [data-theme="dark"] (the reader's
//     choice) and under prefers-color-scheme: dark unless the reader chose
//     light.
//
// The result is byte-stable: no map order, no randomness.

// Code backgrounds and plain code text of the two palettes.
const (
	CodeBackgroundLight = "#f6f8fa"
	CodeBackgroundDark  = "#0d1117"
	CodeTextLight       = "#1f2328"
	CodeTextDark        = "#e6edf3"
)

// MinCodeContrast is the contrast every token color keeps against its
// background (WCAG 2 AA for normal text).
const MinCodeContrast = 4.5

// cssRule is one rule of chroma's stylesheet: a comment naming the token
// type, a selector and its declarations in order.
type cssRule struct {
	comment  string
	selector string
	decls    [][2]string
}

func (r *cssRule) get(prop string) string {
	for _, d := range r.decls {
		if d[0] == prop {
			return d[1]
		}
	}
	return ""
}

func (r *cssRule) set(prop, value string) {
	for i, d := range r.decls {
		if d[0] == prop {
			r.decls[i][1] = value
			return
		}
	}
	r.decls = append(r.decls, [2]string{prop, value})
}

var chromaLine = regexp.MustCompile(`^(/\*.*?\*/)?\s*([^{]+?)\s*\{(.*)\}\s*$`)

// parseChroma splits chroma's stylesheet (one rule a line) into rules.
func parseChroma(css string) []*cssRule {
	var rules []*cssRule
	for _, line := range strings.Split(css, "\n") {
		m := chromaLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		r := &cssRule{comment: m[1], selector: m[2]}
		for _, d := range strings.Split(m[3], ";") {
			k, v, ok := strings.Cut(d, ":")
			if !ok {
				continue
			}
			r.decls = append(r.decls, [2]string{strings.TrimSpace(k), strings.TrimSpace(v)})
		}
		rules = append(rules, r)
	}
	return rules
}

// palette is one style's rules, by selector and in order.
type palette struct {
	rules []*cssRule
	by    map[string]*cssRule
}

func loadPalette(style, background, text string) *palette {
	var b bytes.Buffer
	_ = chromahtml.New(chromahtml.WithClasses(true)).WriteCSS(&b, styles.Get(style))
	p := &palette{by: map[string]*cssRule{}}
	for _, r := range parseChroma(b.String()) {
		if r.selector == ".chroma" || r.selector == ".bg" {
			r.set("background-color", background)
			if r.get("color") == "" {
				r.set("color", text)
			}
		}
		p.rules = append(p.rules, r)
		p.by[r.selector] = r
	}
	return p
}

// cover gives p a rule for every token class that other colors and p
// does not, in the color of p's plain text.
func (p *palette) cover(other *palette) {
	fg := p.by[".chroma"].get("color")
	for _, r := range other.rules {
		if r.get("color") == "" || !strings.HasPrefix(r.selector, ".chroma .") {
			continue
		}
		if mine := p.by[r.selector]; mine != nil {
			if mine.get("color") == "" {
				mine.set("color", fg)
			}
			continue
		}
		nr := &cssRule{comment: r.comment, selector: r.selector, decls: [][2]string{{"color", fg}}}
		p.rules = append(p.rules, nr)
		p.by[nr.selector] = nr
	}
}

// fix moves every color that misses MinCodeContrast toward black (on a
// light background) or white (on a dark one) until it passes.
func (p *palette) fix() {
	bg := p.by[".chroma"].get("background-color")
	for _, r := range p.rules {
		c := r.get("color")
		if c == "" || c == "inherit" {
			continue
		}
		back := bg
		if own := r.get("background-color"); own != "" {
			back = own
		}
		fixed, err := ensureContrast(c, back, MinCodeContrast+0.05)
		if err == nil {
			r.set("color", fixed)
		}
	}
}

func (p *palette) write(b *bytes.Buffer, scope string) {
	for _, r := range p.rules {
		sel := r.selector
		if scope != "" {
			parts := strings.Split(sel, ",")
			for i, s := range parts {
				parts[i] = scope + " " + strings.TrimSpace(s)
			}
			sel = strings.Join(parts, ", ")
		}
		decls := make([]string, len(r.decls))
		for i, d := range r.decls {
			decls[i] = d[0] + ": " + d[1]
		}
		if r.comment != "" {
			b.WriteString(r.comment + " ")
		}
		fmt.Fprintf(b, "%s { %s }\n", sel, strings.Join(decls, "; "))
	}
}

// Scopes of the dark palette: the reader chose dark, or the system is
// dark and the reader did not choose light.
const (
	DarkScope     = `:root[data-theme="dark"]`
	AutoDarkScope = `:root:not([data-theme="light"])`
)

// HighlightCSS is the stylesheet for highlighted code: the light palette,
// then, on screens (print is always light), the dark one for
// [data-theme="dark"] and, under prefers-color-scheme: dark, for pages
// whose reader did not pick light.
func HighlightCSS() []byte {
	light := loadPalette("github", CodeBackgroundLight, CodeTextLight)
	dark := loadPalette("github-dark", CodeBackgroundDark, CodeTextDark)
	light.cover(dark)
	dark.cover(light)
	light.fix()
	dark.fix()
	var b bytes.Buffer
	b.WriteString("/* code highlighting (chroma github, github-dark; colors adjusted to 4.5:1) */\n")
	light.write(&b, "")
	// Dark on screens only: paper gets the light palette.
	b.WriteString("@media screen {\n")
	dark.write(&b, DarkScope)
	b.WriteString("}\n@media screen and (prefers-color-scheme: dark) {\n")
	dark.write(&b, AutoDarkScope)
	b.WriteString("}\n")
	return b.Bytes()
}

// ParseHexColor reads #rgb or #rrggbb.
func ParseHexColor(s string) (r, g, b float64, err error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	if len(s) != 6 {
		return 0, 0, 0, fmt.Errorf("not a hex color: %q", s)
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("not a hex color: %q", s)
	}
	return float64(v >> 16 & 0xff), float64(v >> 8 & 0xff), float64(v & 0xff), nil
}

// luminance is WCAG 2's relative luminance of an sRGB color (0–255).
func luminance(r, g, b float64) float64 {
	ch := func(c float64) float64 {
		c /= 255
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
}

// Contrast is WCAG 2's contrast ratio of two hex colors, from 1 to 21.
func Contrast(fg, bg string) (float64, error) {
	r1, g1, b1, err := ParseHexColor(fg)
	if err != nil {
		return 0, err
	}
	r2, g2, b2, err := ParseHexColor(bg)
	if err != nil {
		return 0, err
	}
	l1, l2 := luminance(r1, g1, b1), luminance(r2, g2, b2)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05), nil
}

// ensureContrast returns fg, or fg mixed toward black or white (whichever
// the background is farther from) in steps of 2 %, until it has at least
// min contrast against bg.
func ensureContrast(fg, bg string, min float64) (string, error) {
	c, err := Contrast(fg, bg)
	if err != nil || c >= min {
		return fg, err
	}
	r, g, b, _ := ParseHexColor(fg)
	br, bgc, bb, _ := ParseHexColor(bg)
	target := 0.0
	if luminance(br, bgc, bb) < 0.18 {
		target = 255
	}
	for step := 1; step <= 50; step++ {
		t := float64(step) * 0.02
		mix := func(v float64) float64 { return math.Round(v + (target-v)*t) }
		out := fmt.Sprintf("#%02x%02x%02x", int(mix(r)), int(mix(g)), int(mix(b)))
		if c, _ := Contrast(out, bg); c >= min {
			return out, nil
		}
	}
	if target == 0 {
		return "#000000", nil
	}
	return "#ffffff", nil
}
