// Command chart draws perf.sh's figures as one SVG with two panels,
// build time and peak memory against site size, both on log scales (a
// build that grows linearly is a straight line of slope one). It has no
// dependencies and writes the same bytes for the same input.
//
//	chart < figures.csv > chart.svg
//
// Each input line is "series,terms,seconds,megabytes"; an empty or "-"
// value leaves the point out of that panel. Series are drawn in the
// order they first appear.
package main

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

type point struct{ x, y float64 }

type series struct {
	name       string
	time, mem  []point
	color, css string
}

// styles are the series' colours and dashes, in order of appearance.
var styles = []struct{ color, dash string }{
	{"#1f5fbf", ""}, {"#1f5fbf", "6 4"}, {"#1f5fbf", "2 3"}, {"#e07b00", ""}, {"#2a9d3a", ""}, {"#8a3ab9", ""}, {"#777777", "4 2"},
}

func main() {
	all, err := read(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "chart:", err)
		os.Exit(1)
	}
	os.Stdout.WriteString(draw(all))
}

func read(r io.Reader) ([]*series, error) {
	var all []*series
	byName := map[string]*series{}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, ",")
		if len(f) != 4 {
			return nil, fmt.Errorf("line %d: %q: want series,terms,seconds,megabytes", line, text)
		}
		x, err := strconv.ParseFloat(f[1], 64)
		if err != nil || x <= 0 {
			return nil, fmt.Errorf("line %d: terms %q is not a positive number", line, f[1])
		}
		s := byName[f[0]]
		if s == nil {
			st := styles[len(all)%len(styles)]
			s = &series{name: f[0], color: st.color, css: st.dash}
			byName[f[0]] = s
			all = append(all, s)
		}
		if y, ok := value(f[2]); ok {
			s.time = append(s.time, point{x, y})
		}
		if y, ok := value(f[3]); ok {
			s.mem = append(s.mem, point{x, y})
		}
	}
	return all, sc.Err()
}

func value(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return v, err == nil && v > 0
}

const (
	width, height       = 860, 400
	panelW, panelH      = 330, 260
	left1, left2, top   = 70, 500, 40
	legendTop           = 345
	fontFamily          = "system-ui, -apple-system, Segoe UI, sans-serif"
	axisColor, gridGrey = "#444", "#ddd"
)

func draw(all []*series) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="%s" font-size="12">`+"\n", width, height, width, height, fontFamily)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/>`+"\n", width, height)
	panel(&b, all, left1, "build time (s)", func(s *series) []point { return s.time })
	panel(&b, all, left2, "peak memory (MB)", func(s *series) []point { return s.mem })
	for i, s := range all {
		x := left1 + (i%4)*200
		y := legendTop + (i/4)*20
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2.5"%s/>`, x, y, x+28, y, s.color, dash(s.css))
		fmt.Fprintf(&b, `<text x="%d" y="%d" dominant-baseline="middle">%s</text>`+"\n", x+34, y, html.EscapeString(s.name))
	}
	b.WriteString("</svg>\n")
	return b.String()
}

func dash(d string) string {
	if d == "" {
		return ""
	}
	return ` stroke-dasharray="` + d + `"`
}

// panel draws one log-log plot whose left edge is at x0.
func panel(b *strings.Builder, all []*series, x0 int, title string, pts func(*series) []point) {
	xlo, xhi, ylo, yhi := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, s := range all {
		for _, p := range pts(s) {
			xlo, xhi = math.Min(xlo, p.x), math.Max(xhi, p.x)
			ylo, yhi = math.Min(ylo, p.y), math.Max(yhi, p.y)
		}
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="14" font-weight="600">%s</text>`+"\n", x0, top-14, html.EscapeString(title))
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="%s"/>`+"\n", x0, top, panelW, panelH, axisColor)
	if math.IsInf(xlo, 1) {
		fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle">no data</text>`+"\n", x0+panelW/2, top+panelH/2)
		return
	}
	// Log ranges, padded, and never empty.
	lx0, lx1 := math.Log10(xlo)-0.15, math.Log10(xhi)+0.15
	ly0, ly1 := math.Log10(ylo)-0.2, math.Log10(yhi)+0.2
	px := func(x float64) float64 { return float64(x0) + (math.Log10(x)-lx0)/(lx1-lx0)*panelW }
	py := func(y float64) float64 { return float64(top+panelH) - (math.Log10(y)-ly0)/(ly1-ly0)*panelH }
	for _, t := range ticks(lx0, lx1) {
		x := px(t)
		fmt.Fprintf(b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s"/>`, x, top, x, top+panelH, gridGrey)
		fmt.Fprintf(b, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n", x, top+panelH+16, label(t))
	}
	for _, t := range ticks(ly0, ly1) {
		y := py(t)
		fmt.Fprintf(b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s"/>`, x0, y, x0+panelW, y, gridGrey)
		fmt.Fprintf(b, `<text x="%d" y="%.1f" text-anchor="end" dominant-baseline="middle">%s</text>`+"\n", x0-6, y, label(t))
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle">terms</text>`+"\n", x0+panelW/2, top+panelH+34)
	for _, s := range all {
		ps := pts(s)
		if len(ps) == 0 {
			continue
		}
		var path strings.Builder
		for i, p := range ps {
			if i > 0 {
				path.WriteString(" ")
			}
			fmt.Fprintf(&path, "%.1f,%.1f", px(p.x), py(p.y))
		}
		fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2.5"%s/>`+"\n", path.String(), s.color, dash(s.css))
		for _, p := range ps {
			fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"><title>%s: %s at %s terms</title></circle>`+"\n",
				px(p.x), py(p.y), s.color, html.EscapeString(s.name), strconv.FormatFloat(p.y, 'g', 4, 64), label(p.x))
		}
	}
}

// ticks are the values 1, 2 and 5 times a power of ten inside the log
// range [lo, hi]; only powers of ten when the range spans many decades.
func ticks(lo, hi float64) []float64 {
	steps := []float64{1, 2, 5}
	if hi-lo > 2.5 {
		steps = []float64{1}
	}
	var ts []float64
	for e := math.Floor(lo); e <= math.Ceil(hi); e++ {
		for _, m := range steps {
			v := m * math.Pow(10, e)
			if l := math.Log10(v); l >= lo && l <= hi {
				ts = append(ts, v)
			}
		}
	}
	return ts
}

func label(v float64) string {
	switch {
	case v >= 1e6 && math.Mod(v, 1e6) == 0:
		return strconv.FormatFloat(v/1e6, 'f', -1, 64) + "M"
	case v >= 1e3 && math.Mod(v, 1e3) == 0:
		return strconv.FormatFloat(v/1e3, 'f', -1, 64) + "k"
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}
