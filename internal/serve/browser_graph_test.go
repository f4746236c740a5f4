//go:build unix

package serve

import (
	"fmt"
	"strings"
	"testing"
)

// TestGraphReader drives headless Chromium over the shipped handbook's
// concept graphs as a reader on a phone and on a desk uses them: on a
// phone every graph runs edge to edge, its first view shows labels at
// least 11px tall and 44px tap targets, and one finger pans and two
// pinch, on /graph/ and on a term's local graph alike; on a desk the
// wheel scrolls the page until the graph is clicked (or Ctrl is held),
// and the hint says so, while a phone's hint speaks of fingers only;
// nothing moves when graph.js adds its controls; a local graph is one
// Tab stop with arrow keys between its nodes and a link that skips it;
// "Find a term" finds a term by another name; the Fit button is named by
// its text. Skipped without Chromium, and in -short mode.
func TestGraphReader(t *testing.T) {
	bin := browserPath(t)
	p := startHandbook(t)
	tab := launchBrowser(t, bin)

	graphs := []struct{ path, fig string }{{"/graph/", "figure.graph-global"}, {"/glossary/cto/", "figure.graph-local"}}

	t.Run("phone: edge to edge, readable labels, 44px targets, pan and pinch", func(t *testing.T) {
		tab.viewport(t, 360, 740, true)
		tab.call(t, "Emulation.setTouchEmulationEnabled", map[string]any{"enabled": true, "maxTouchPoints": 5})
		defer tab.call(t, "Emulation.setTouchEmulationEnabled", map[string]any{"enabled": false})
		defer tab.viewport(t, 1280, 800, false)
		for _, g := range graphs {
			tab.visit(t, p, g.path)
			tab.waitFor(t, `document.querySelector("`+g.fig+`.is-interactive") !== null`)
			tab.eval(t, `document.querySelector("`+g.fig+` svg").scrollIntoView({block: "center"})`)
			var m struct {
				Left, Right, Width, Visible, Small, Tiny float64
				Hint                                     string
			}
			tab.decode(t, `(() => {
				const fig = document.querySelector("`+g.fig+`"), svg = fig.querySelector("svg"), r = fig.getBoundingClientRect();
				const box = svg.getBoundingClientRect(), k = svg.getScreenCTM().a;
				let visible = 0, small = 0, tiny = 0;
				for (const a of svg.querySelectorAll("a.node")) {
					const c = a.querySelector("circle").getBoundingClientRect();
					const x = c.x + c.width / 2, y = c.y + c.height / 2;
					if (x < box.left || x > box.right || y < box.top || y > box.bottom) continue;
					visible++;
					if (parseFloat(getComputedStyle(a.querySelector("text")).fontSize) * k < 11) small++;
					const hit = svg.querySelector('.node-hit[data-slug="' + a.dataset.slug + '"]');
					if (!hit || hit.getBoundingClientRect().width < 43.5) tiny++;
				}
				return {left: r.left, right: r.right, width: document.documentElement.clientWidth, visible, small, tiny,
					hint: fig.querySelector(".graph-hint").textContent};
			})()`, &m)
			if m.Left != 0 || m.Right != m.Width {
				t.Errorf("%s at 360px: the graph spans %v to %v px, want edge to edge (0 to %v)", g.path, m.Left, m.Right, m.Width)
			}
			if m.Visible < 5 || m.Small > 0 || m.Tiny > 0 {
				t.Errorf("%s at 360px: of %v nodes in view, %v have labels under 11px and %v tap targets under 44px; want at least 5 nodes, none small",
					g.path, m.Visible, m.Small, m.Tiny)
			}
			if !strings.Contains(m.Hint, "inch") || strings.Contains(m.Hint, "Ctrl") || strings.Contains(m.Hint, "scroll") {
				t.Errorf("%s on a touch screen: the hint says %q, want pinching and no Ctrl or scrolling", g.path, m.Hint)
			}

			// One finger drags the view along; two fingers spread zoom in.
			view := `document.querySelector("` + g.fig + ` svg").viewBox.baseVal`
			x, y := tab.emptySpot(t, g.fig)
			before := tab.viewBox(t, g.fig)
			tab.touch(t, "touchStart", [][2]float64{{x, y}})
			for i := 1; i <= 5; i++ {
				tab.touch(t, "touchMove", [][2]float64{{x - float64(i)*12, y}})
			}
			tab.touch(t, "touchEnd", nil)
			if after := tab.viewBox(t, g.fig); !(after[0] > before[0]+30) || after[2] != before[2] {
				t.Errorf("%s: dragged one finger 60px to the left: the view went from %v to %v, want it moved right, same size", g.path, before, after)
			}
			before = tab.viewBox(t, g.fig)
			tab.touch(t, "touchStart", [][2]float64{{x - 20, y}, {x + 20, y}})
			for i := 1; i <= 5; i++ {
				tab.touch(t, "touchMove", [][2]float64{{x - 20 - float64(i)*8, y}, {x + 20 + float64(i)*8, y}})
			}
			tab.touch(t, "touchEnd", nil)
			if after := tab.viewBox(t, g.fig); !(after[2] < before[2]*0.8) {
				t.Errorf("%s: spread two fingers from 40 to 120px apart: the view went from %v to %v, want it narrower (zoomed in)", g.path, before, after)
			}
			if got := tab.eval(t, view+".width > 0 && location.pathname"); got != g.path {
				t.Errorf("%s: after dragging and pinching the page is %v, want no link followed", g.path, got)
			}
		}
	})

	t.Run("desk: the wheel scrolls the page until the graph is clicked", func(t *testing.T) {
		tab.viewport(t, 1280, 800, false)
		for _, g := range graphs {
			tab.visit(t, p, g.path)
			tab.waitFor(t, `document.querySelector("`+g.fig+`.is-interactive") !== null`)
			hint := tab.eval(t, `document.querySelector("`+g.fig+` .graph-hint").textContent`).(string)
			if !strings.Contains(hint, "Ctrl") || !strings.Contains(hint, "click") || strings.Contains(hint, "inch") {
				t.Errorf("%s with a mouse: the hint says %q, want clicking and Ctrl, no pinching", g.path, hint)
			}
			tab.eval(t, `window.scrollTo(0, 0); document.querySelector("`+g.fig+` svg").scrollIntoView({block: "end"}); window.scrollBy(0, -20)`)
			x, y := tab.emptySpot(t, g.fig)
			before, scrolled := tab.viewBox(t, g.fig), tab.eval(t, `scrollY`).(float64)
			tab.wheel(t, x, y, 200, 0)
			if !tab.poll(fmt.Sprintf(`scrollY > %v`, scrolled)) {
				t.Errorf("%s: turned the wheel over the graph before clicking it: the page did not scroll", g.path)
			}
			if after := tab.viewBox(t, g.fig); after != before {
				t.Errorf("%s: turned the wheel over the graph before clicking it: the view went from %v to %v, want it unchanged", g.path, before, after)
			}
			tab.eval(t, `document.querySelector("`+g.fig+` svg").scrollIntoView({block: "center"})`)
			x, y = tab.emptySpot(t, g.fig)
			tab.click(t, x, y)
			if !tab.poll(`document.querySelector("` + g.fig + `").classList.contains("is-engaged")`) {
				t.Fatalf("%s: clicked the graph's background at (%v, %v): it is not engaged (page %v)", g.path, x, y, tab.eval(t, `location.pathname`))
			}
			if hint := tab.eval(t, `document.querySelector("`+g.fig+` .graph-hint").textContent`).(string); !strings.Contains(hint, "Esc") {
				t.Errorf("%s: clicked the graph: the hint says %q, want it to say how to give the wheel back (Esc)", g.path, hint)
			}
			before, scrolled = tab.viewBox(t, g.fig), tab.eval(t, `scrollY`).(float64)
			tab.wheel(t, x, y, -200, 0)
			if !tab.poll(fmt.Sprintf(`document.querySelector("%s svg").viewBox.baseVal.width < %v`, g.fig, before[2])) {
				t.Errorf("%s: clicked the graph and turned the wheel: the view is %v, was %v, want it zoomed in", g.path, tab.viewBox(t, g.fig), before)
			}
			if s := tab.eval(t, `scrollY`); s != scrolled {
				t.Errorf("%s: clicked the graph and turned the wheel: the page scrolled from %v to %v, want it still", g.path, scrolled, s)
			}
			tab.press(t, "Escape")
			tab.mouse(t, "mouseMoved", x, y)
			before = tab.viewBox(t, g.fig)
			tab.wheel(t, x, y, 200, 0)
			if !tab.poll(fmt.Sprintf(`scrollY > %v`, scrolled)) || tab.viewBox(t, g.fig) != before {
				t.Errorf("%s: pressed Esc and turned the wheel: scrolled %v → %v and the view %v → %v, want the page scrolled and the view unchanged",
					g.path, scrolled, tab.eval(t, `scrollY`), before, tab.viewBox(t, g.fig))
			}
			tab.eval(t, `document.querySelector("`+g.fig+` svg").scrollIntoView({block: "center"})`)
			x, y = tab.emptySpot(t, g.fig)
			before, scrolled = tab.viewBox(t, g.fig), tab.eval(t, `scrollY`).(float64)
			tab.wheel(t, x, y, -200, 2) // Ctrl
			if !tab.poll(fmt.Sprintf(`document.querySelector("%s svg").viewBox.baseVal.width < %v`, g.fig, before[2])) || tab.eval(t, `scrollY`) != scrolled {
				t.Errorf("%s: held Ctrl and turned the wheel: the view went from %v to %v and the page scrolled from %v to %v, want it zoomed in, the page still",
					g.path, before, tab.viewBox(t, g.fig), scrolled, tab.eval(t, `scrollY`))
			}
		}
	})

	t.Run("nothing moves when the graph's controls arrive", func(t *testing.T) {
		defer tab.viewport(t, 1280, 800, false)
		for _, w := range []int{1280, 360} {
			tab.viewport(t, w, 740, w < 600)
			for _, g := range graphs {
				tab.visit(t, p, g.path)
				tab.waitFor(t, `document.querySelector("`+g.fig+`.is-interactive .graph-controls") !== null`)
				tab.eval(t, `(() => { window.sitegenShift = undefined; const seen = [];
					const o = new PerformanceObserver(l => seen.push(...l.getEntries()));
					o.observe({type: "layout-shift", buffered: true});
					requestAnimationFrame(() => setTimeout(() => {
						seen.push(...o.takeRecords());
						window.sitegenShift = seen.filter(e => !e.hadRecentInput).reduce((s, e) => s + e.value, 0);
					}));
				})()`)
				tab.waitFor(t, `window.sitegenShift !== undefined`)
				if cls := tab.eval(t, `window.sitegenShift`).(float64); cls > 0.01 {
					t.Errorf("%s at %dpx: the layout shifted by %.3f while loading, want none (under 0.01)", g.path, w, cls)
				}
			}
		}
	})

	t.Run("a local graph is one Tab stop, arrow keys move, a link skips it", func(t *testing.T) {
		tab.viewport(t, 1280, 800, false)
		tab.visit(t, p, "/glossary/cto/")
		fig := "figure.graph-local"
		tab.waitFor(t, `document.querySelector("`+fig+`.is-interactive") !== null`)
		// From the last control, Tab enters the graph at its centre and
		// the next Tab leaves it.
		tab.eval(t, `Array.from(document.querySelectorAll("`+fig+` .graph-controls button, `+fig+` .graph-controls input")).pop().focus()`)
		tab.press(t, "Tab")
		if got := tab.eval(t, `document.activeElement.getAttribute("data-slug")`); got != "cto" {
			t.Fatalf("pressed Tab from the graph's last control: the focus is on %v, want the centre node cto", tab.eval(t, `document.activeElement.outerHTML.slice(0, 100)`))
		}
		tab.press(t, "ArrowRight")
		moved := tab.eval(t, `(() => { const a = document.activeElement, c = document.querySelector('`+fig+` a.node-centre circle');
			return a.matches("a.node") && a !== c.parentNode && +a.querySelector("circle").getAttribute("cx") > +c.getAttribute("cx"); })()`)
		if moved != true {
			t.Errorf("pressed ArrowRight on the centre node: the focus is on %v, want a node to its right", tab.eval(t, `document.activeElement.outerHTML.slice(0, 100)`))
		}
		x := tab.eval(t, `+document.activeElement.querySelector("circle").getAttribute("cx")`)
		tab.press(t, "ArrowLeft")
		if got := tab.eval(t, `+document.activeElement.querySelector("circle").getAttribute("cx") < `+fmt.Sprint(x)); got != true {
			t.Errorf("pressed ArrowLeft on a node at x=%v: the focus is on %v, want a node to its left", x, tab.eval(t, `document.activeElement.outerHTML.slice(0, 100)`))
		}
		tab.press(t, "Home")
		if got := tab.eval(t, `document.activeElement.getAttribute("data-slug")`); got != "cto" {
			t.Errorf("pressed Home in the graph: the focus is on %v, want the centre node", got)
		}
		tab.press(t, "Tab")
		if got := tab.eval(t, `!!document.activeElement.closest("svg.concept-graph")`); got != false {
			t.Errorf("pressed Tab on a node of the local graph: the focus is still in the graph (%v), want it past the graph", tab.eval(t, `document.activeElement.outerHTML.slice(0, 100)`))
		}
		if n := tab.eval(t, `document.querySelectorAll('`+fig+` a.node:not([tabindex="-1"])').length`); n != 1.0 {
			t.Errorf("the local graph has %v nodes in the Tab order, want 1", n)
		}

		// The skip link shows when focused and leads past the nodes.
		tab.eval(t, `document.querySelector("`+fig+` .graph-skip").focus()`)
		if w := tab.eval(t, `document.querySelector("`+fig+` .graph-skip").getBoundingClientRect().width`).(float64); w < 40 {
			t.Errorf("focused the graph's skip link: it is %vpx wide, want it shown", w)
		}
		tab.press(t, "Enter")
		if !tab.poll(`document.activeElement && document.activeElement.matches("` + fig + ` figcaption")`) {
			t.Errorf("pressed Enter on the skip link: the focus is on %v, want the graph's caption", tab.eval(t, `document.activeElement.outerHTML.slice(0, 100)`))
		}
		tab.press(t, "Tab")
		if got := tab.eval(t, `!!document.activeElement.closest("svg.concept-graph")`); got != false {
			t.Errorf("pressed Tab after the skip link: the focus went back into the graph")
		}
	})

	t.Run("Find a term finds other names; Fit is named by its text", func(t *testing.T) {
		tab.viewport(t, 1280, 800, false)
		tab.visit(t, p, "/graph/")
		tab.waitFor(t, `document.querySelector("figure.graph-global.is-interactive .graph-search") !== null`)
		tab.eval(t, `document.querySelector(".graph-search").focus()`)
		tab.typeText(t, "chief information security")
		tab.press(t, "Enter")
		if !tab.poll(`document.activeElement && document.activeElement.getAttribute("data-slug") === "ciso"`) {
			t.Errorf(`typed "chief information security" (an other name of CISO) in Find a term: the focus is on %v, want node ciso`,
				tab.eval(t, `document.activeElement.outerHTML.slice(0, 80)`))
		}
		options := tab.eval(t, `Array.from(document.querySelectorAll("figure.graph-global datalist option"), o => o.value).includes("Chief Information Security Officer")`)
		if options != true {
			t.Errorf("the Find a term suggestions do not offer the other name Chief Information Security Officer")
		}
		name := tab.eval(t, `(() => { const b = Array.from(document.querySelectorAll(".graph-controls button")).find(b => b.textContent === "Fit");
			return b ? (b.getAttribute("aria-label") || b.textContent) : "no Fit button"; })()`).(string)
		if !strings.HasPrefix(name, "Fit") {
			t.Errorf("the Fit button's accessible name is %q, want it to start with its text, Fit", name)
		}
	})
}

// viewBox is the graph's current view: x, y, width, height.
func (b *tab) viewBox(t *testing.T, fig string) [4]float64 {
	t.Helper()
	var v [4]float64
	b.decode(t, `(() => { const v = document.querySelector("`+fig+` svg").viewBox.baseVal; return [v.x, v.y, v.width, v.height]; })()`, &v)
	return v
}

// emptySpot is a point of the graph's window, away from every node's
// tap target and label, where a click or a touch lands on the background.
func (b *tab) emptySpot(t *testing.T, fig string) (x, y float64) {
	t.Helper()
	var pt struct {
		X, Y float64
		OK   bool
	}
	b.decode(t, `(() => {
		const svg = document.querySelector("`+fig+` svg"), r = svg.getBoundingClientRect();
		const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight) - 40;
		for (let y = top + 30; y < bottom; y += 7) for (let x = r.left + 30; x < r.right - 30; x += 7) {
			const e = document.elementFromPoint(x, y);
			if (e === svg || (e && e.closest("svg") === svg && e.closest(".edges"))) return {x, y, ok: true};
		}
		return {ok: false};
	})()`, &pt)
	if !pt.OK {
		t.Fatalf("found no empty spot in the graph %s", fig)
	}
	return pt.X, pt.Y
}

// touch sends a touch event with the given touch points.
func (b *tab) touch(t *testing.T, typ string, points [][2]float64) {
	t.Helper()
	tp := []map[string]any{}
	for i, p := range points {
		tp = append(tp, map[string]any{"x": p[0], "y": p[1], "id": i})
	}
	b.call(t, "Input.dispatchTouchEvent", map[string]any{"type": typ, "touchPoints": tp})
}

// wheel turns the mouse wheel at (x, y); modifiers 2 holds Ctrl.
func (b *tab) wheel(t *testing.T, x, y, dy float64, modifiers int) {
	t.Helper()
	b.call(t, "Input.dispatchMouseEvent", map[string]any{"type": "mouseWheel", "x": x, "y": y, "deltaX": 0, "deltaY": dy, "modifiers": modifiers})
}
