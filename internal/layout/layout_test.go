package layout

import (
	"math"
	"reflect"
	"testing"
)

// synthetic makes a graph of n nodes and m edges, the same every time: a
// preferential-attachment graph (a few hubs, many leaves, like a glossary)
// from a fixed-seed generator.
func synthetic(n, m int) ([]Node, [][2]int) {
	state := uint64(0x9e3779b97f4a7c15)
	rnd := func(k int) int { // splitmix64
		state += 0x9e3779b97f4a7c15
		z := state
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		return int((z ^ (z >> 31)) % uint64(k))
	}
	var edges [][2]int
	var ends []int // every edge end: picking from it favours hubs
	for i := 1; i < n; i++ {
		j := rnd(i)
		if len(ends) > 0 && rnd(2) == 0 {
			j = ends[rnd(len(ends))]
		}
		edges = append(edges, [2]int{i, j})
		ends = append(ends, i, j)
	}
	for n > 1 && len(edges) < m {
		a, b := rnd(n), ends[rnd(len(ends))]
		if a != b {
			edges = append(edges, [2]int{a, b})
			ends = append(ends, a, b)
		}
	}
	deg := make([]int, n)
	for _, e := range edges {
		deg[e[0]]++
		deg[e[1]]++
	}
	nodes := make([]Node, n)
	for i := range nodes {
		nodes[i].Weight = float64(deg[i])
	}
	return nodes, edges
}

// TestLayoutDeterministic: the same graph gives the same points, bit for
// bit, by stress majorization (200 nodes) and by forces on all cores
// (3000 nodes).
func TestLayoutDeterministic(t *testing.T) {
	for _, n := range []int{200, 3000} {
		nodes, edges := synthetic(n, 3*n)
		for i := range nodes {
			nodes[i].W, nodes[i].H = 10, 10
		}
		opts := Options{Width: 1000, Height: 800}
		a := Place(nodes, edges, opts)
		b := Place(nodes, edges, opts)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("two layouts of the same %d-node graph differ", n)
		}
	}
}

func TestLayoutInsideBox(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 50, 1500} {
		nodes, edges := synthetic(n, 2*n)
		for i := range nodes {
			nodes[i].W, nodes[i].H = 40, 20
		}
		pts := Place(nodes, edges, Options{Width: 640, Height: 480})
		if len(pts) != n {
			t.Fatalf("layout of %d nodes gave %d points", n, len(pts))
		}
		for i, p := range pts {
			if math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0) {
				t.Fatalf("n=%d: node %d at %v, want a finite point", n, i, p)
			}
			if p.X < 20 || p.X > 620 || p.Y < 10 || p.Y > 470 {
				t.Fatalf("n=%d: node %d at %v, want its 40×20 footprint inside the 640×480 box", n, i, p)
			}
		}
	}
}

// TestLayoutSeparates: on a small graph with room to spare, no two
// footprints (a label box) overlap.
func TestLayoutSeparates(t *testing.T) {
	nodes, edges := synthetic(30, 45)
	for i := range nodes {
		nodes[i].W, nodes[i].H = 80, 30
	}
	pts := Place(nodes, edges, Options{Width: 900, Height: 600})
	for i := range pts {
		for j := i + 1; j < len(pts); j++ {
			dx, dy := math.Abs(pts[i].X-pts[j].X), math.Abs(pts[i].Y-pts[j].Y)
			if dx < 80 && dy < 30 {
				t.Errorf("nodes %d at %.1f and %d at %.1f: 80×30 footprints overlap", i, pts[i], j, pts[j])
			}
		}
	}
}

// TestLayoutKeepsLinksShort: linked nodes end closer than unlinked ones,
// by a clear margin, on average.
func TestLayoutKeepsLinksShort(t *testing.T) {
	nodes, edges := synthetic(400, 800)
	pts := Place(nodes, edges, Options{Width: 1000, Height: 1000})
	linked := map[[2]int]bool{}
	var sumLinked float64
	for _, e := range edges {
		linked[e] = true
		linked[[2]int{e[1], e[0]}] = true
		sumLinked += dist(pts[e[0]], pts[e[1]])
	}
	var sumOther float64
	var others int
	for i := range pts {
		for j := i + 1; j < len(pts); j++ {
			if !linked[[2]int{i, j}] {
				sumOther += dist(pts[i], pts[j])
				others++
			}
		}
	}
	avgLinked, avgOther := sumLinked/float64(len(edges)), sumOther/float64(others)
	if avgLinked*2 > avgOther {
		t.Errorf("linked nodes are %.1f apart on average, unlinked %.1f: want linked at least twice as close", avgLinked, avgOther)
	}
}

// TestLayoutTwoClusters: two cliques joined by one edge end up side by
// side, not mixed.
func TestLayoutTwoClusters(t *testing.T) {
	var edges [][2]int
	for c := 0; c < 2; c++ {
		for i := 0; i < 6; i++ {
			for j := i + 1; j < 6; j++ {
				edges = append(edges, [2]int{c*6 + i, c*6 + j})
			}
		}
	}
	edges = append(edges, [2]int{0, 6})
	nodes := make([]Node, 12)
	pts := Place(nodes, edges, Options{Width: 600, Height: 400})
	centre := func(c int) Point {
		var p Point
		for i := c * 6; i < c*6+6; i++ {
			p.X += pts[i].X / 6
			p.Y += pts[i].Y / 6
		}
		return p
	}
	a, b := centre(0), centre(1)
	for i, p := range pts {
		own, other := a, b
		if i >= 6 {
			own, other = b, a
		}
		if dist(p, own) >= dist(p, other) {
			t.Errorf("node %d at %.1f is nearer the other clique's centre %.1f than its own %.1f", i, p, other, own)
		}
	}
}

// TestLayoutFocus: a focus node (here a leaf of a hub) sits in the middle,
// its neighbours on a ring around it, theirs on a ring twice as wide.
func TestLayoutFocus(t *testing.T) {
	edges := [][2]int{{0, 1}, {0, 2}, {0, 3}}
	for i := 2; i < 21; i++ {
		edges = append(edges, [2]int{1, i})
	}
	nodes := make([]Node, 21)
	nodes[0].Focus = true
	pts := Place(nodes, edges, Options{Width: 600, Height: 600})
	var near, far float64
	for i := 1; i < 21; i++ {
		if i <= 3 {
			near += dist(pts[0], pts[i]) / 3
		} else {
			far += dist(pts[0], pts[i]) / 17
		}
	}
	if r := far / near; r < 1.7 || r > 2.3 {
		t.Errorf("neighbours of the focus are %.0f from it, the others %.0f: ratio %.2f, want about 2", near, far, r)
	}
	if p := pts[0]; p.X < 200 || p.X > 400 || p.Y < 200 || p.Y > 400 {
		t.Errorf("the focus is at %.0f, want it in the middle of the 600×600 box", p)
	}
}

func dist(a, b Point) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }

// BenchmarkLayout10k is the scale the concept graph must handle: 10,000
// terms and 40,000 relations in at most a second.
func BenchmarkLayout10k(b *testing.B) {
	nodes, edges := synthetic(10000, 40000)
	opts := Options{Width: 4000, Height: 3000}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Place(nodes, edges, opts)
	}
}
