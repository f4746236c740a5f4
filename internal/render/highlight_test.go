package render

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/ctohandbook/sitegen/themes"
)

// cssBlock is one rule of a stylesheet with the @media it sits in.
type cssBlock struct {
	media, selector string
	decls           map[string]string
}

var cssRuleRe = regexp.MustCompile(`([^{}]+)\{([^{}]*)\}`)

// parseCSS reads the rules of a flat stylesheet with one level of
// @media, enough for the highlighting CSS.
func parseCSS(css string) []cssBlock {
	css = regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(css, "")
	var out []cssBlock
	media := ""
	depth := 0
	for i := 0; i < len(css); {
		rest := css[i:]
		if strings.HasPrefix(strings.TrimSpace(rest), "@media") && depth == 0 {
			j := strings.IndexByte(rest, '{')
			media = strings.TrimSpace(rest[:j])
			depth = 1
			i += j + 1
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(rest), "}") && depth == 1 {
			j := strings.IndexByte(rest, '}')
			media, depth = "", 0
			i += j + 1
			continue
		}
		m := cssRuleRe.FindStringSubmatchIndex(rest)
		if m == nil {
			break
		}
		if open := strings.IndexByte(rest, '}'); depth == 1 && open >= 0 && open < m[4]-1 && strings.TrimSpace(rest[:open]) == "" {
			media, depth = "", 0
			i += open + 1
			continue
		}
		decls := map[string]string{}
		for _, d := range strings.Split(rest[m[4]:m[5]], ";") {
			if k, v, ok := strings.Cut(d, ":"); ok {
				decls[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
		out = append(out, cssBlock{media: media, selector: strings.TrimSpace(rest[m[2]:m[3]]), decls: decls})
		i += m[1]
	}
	return out
}

// TestHighlightContrast parses the highlighting stylesheet the theme
// ships and computes, for every token class of both palettes, the WCAG
// contrast of its color against the background it is drawn on (its own,
// or the palette's code background): each must reach 4.5:1. Both
// palettes must color the same classes, so that no light color is left
// to show through in dark code (github-dark has no rule for punctuation;
// its text was #1f2328 on #0d1117, 1.03:1, before this check).
func TestHighlightContrast(t *testing.T) {
	rules := parseCSS(string(HighlightCSS()))
	type palette struct {
		name   string
		bg     string
		colors map[string]string // class selector → color
		backs  map[string]string
	}
	palettes := map[string]*palette{}
	get := func(name string) *palette {
		if palettes[name] == nil {
			palettes[name] = &palette{name: name, colors: map[string]string{}, backs: map[string]string{}}
		}
		return palettes[name]
	}
	for _, r := range rules {
		var pal *palette
		sel := r.selector
		switch {
		case r.media == "@media screen" && strings.HasPrefix(sel, DarkScope+" "):
			pal, sel = get("dark ([data-theme=dark])"), strings.TrimPrefix(sel, DarkScope+" ")
		case r.media == "@media screen and (prefers-color-scheme: dark)" && strings.HasPrefix(sel, AutoDarkScope+" "):
			pal, sel = get("dark (system)"), strings.TrimPrefix(sel, AutoDarkScope+" ")
		case r.media == "" && strings.HasPrefix(sel, "."):
			pal = get("light")
		default:
			t.Errorf("rule %q in %q applies to no palette", r.selector, r.media)
			continue
		}
		if sel == ".chroma" {
			pal.bg = r.decls["background-color"]
		}
		if c := r.decls["color"]; c != "" && c != "inherit" {
			pal.colors[sel] = c
		}
		if b := r.decls["background-color"]; b != "" {
			pal.backs[sel] = b
		}
	}
	if len(palettes) != 3 {
		t.Fatalf("found palettes %v, want light, dark ([data-theme=dark]) and dark (system)", len(palettes))
	}
	for _, pal := range palettes {
		if pal.bg == "" {
			t.Errorf("%s: no .chroma background", pal.name)
			continue
		}
		if len(pal.colors) < 60 {
			t.Errorf("%s: only %d colored classes", pal.name, len(pal.colors))
		}
		for sel, c := range pal.colors {
			bg := pal.bg
			if own := pal.backs[sel]; own != "" && sel != ".chroma" && sel != ".bg" {
				bg = own
			}
			ratio, err := Contrast(c, bg)
			if err != nil {
				t.Errorf("%s %s: %v", pal.name, sel, err)
				continue
			}
			if ratio < MinCodeContrast {
				t.Errorf("%s: %s is %s on %s, contrast %.2f:1, want at least %.1f:1", pal.name, sel, c, bg, ratio, MinCodeContrast)
			}
		}
	}
	light, dark, system := palettes["light"], palettes["dark ([data-theme=dark])"], palettes["dark (system)"]
	for sel := range light.colors {
		if dark.colors[sel] == "" {
			t.Errorf("%s has a light color and none in dark: the light one would show in dark code", sel)
		}
	}
	for sel, c := range dark.colors {
		if light.colors[sel] == "" {
			t.Errorf("%s has a dark color and none in light", sel)
		}
		if system.colors[sel] != c {
			t.Errorf("%s is %s for a reader who chose dark and %s on a dark system", sel, c, system.colors[sel])
		}
	}
	if c := dark.colors[".chroma .p"]; c == "" {
		t.Error("dark code has no color for punctuation (.chroma .p)")
	}
}

// TestHighlightBackground: the theme's stylesheet leaves the background
// of highlighted code to the palette that the contrast test checks
// against (a rule there would put the tokens on another color).
func TestHighlightBackground(t *testing.T) {
	css, err := fs.ReadFile(themes.Default(), "static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range parseCSS(string(css)) {
		if !strings.Contains(r.selector, "chroma") {
			continue
		}
		for _, k := range []string{"background", "background-color"} {
			if v, ok := r.decls[k]; ok {
				t.Errorf("style.css sets %s: %s on %q, over the checked code background", k, v, r.selector)
			}
		}
	}
}

func TestContrast(t *testing.T) {
	for _, c := range []struct {
		fg, bg string
		want   float64
	}{
		{"#000", "#fff", 21}, {"#fff", "#fff", 1}, {"#1f2328", "#1b2029", 1.03}, {"#767676", "#ffffff", 4.54},
	} {
		got, err := Contrast(c.fg, c.bg)
		if err != nil || got < c.want-0.01 || got > c.want+0.01 {
			t.Errorf("Contrast(%s, %s) = %.2f, %v; want %.2f", c.fg, c.bg, got, err, c.want)
		}
	}
	if _, err := Contrast("red", "#fff"); err == nil {
		t.Error(`Contrast("red", …) gave no error`)
	}
}
