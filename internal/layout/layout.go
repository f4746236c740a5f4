// Package layout places the nodes of a graph in a box for drawing: stress
// majorization for the small graphs a page draws, forces for large ones.
// It knows nothing of pages, links or SVG, and does no I/O.
package layout

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// Node is one node to place. Its index in the slice given to Place
// is its identity: callers sort their nodes first so that the layout is the
// same on every build.
type Node struct {
	// Weight, usually the degree, makes a node push the others away
	// harder, so that hubs get room for their neighbours.
	Weight float64
	// W and H are the node's footprint (its circle and label), centred on
	// its position, in box units. Layout moves footprints apart where they
	// overlap and keeps them inside the box. Zero means a point.
	W, H float64
	// Focus marks the node a local graph is about. On graphs small enough
	// for stress majorization it goes in the middle, and the others on
	// rings around it, one per number of links from it, in the order the
	// majorization found. Larger graphs ignore it.
	Focus bool
}

// Options is the box the nodes are placed in.
type Options struct {
	Width, Height float64
	// Iterations caps the sweeps of stress majorization or the steps of
	// the force simulation; 0 picks a number from the graph's size that
	// keeps 10,000 nodes under a second.
	Iterations int
}

// Point is a position in the layout box, (0,0) at the top left.
type Point struct{ X, Y float64 }

// Place places nodes in the box so that linked nodes sit close together
// and the others spread out. Graphs of up to stressLimit nodes (the ones a
// page draws) get stress majorization, the layout that reads best: nodes
// k links apart sit about k edge lengths apart. Larger ones get a
// force-directed layout that scales: Fruchterman and Reingold's forces,
// repulsion weighted by Weight as in ForceAtlas2 and approximated with a
// Barnes–Hut quadtree, over a bounded number of steps. Either result is
// stretched to fill the box, and overlapping footprints are pushed apart.
// Edges are pairs of indexes into nodes; self-loops and indexes out of
// range are ignored.
//
// Layout is deterministic: the same input gives the same points, bit for
// bit, on every run on a given platform. It uses no randomness, no clock
// and no map, and its parallel part computes each node's force on one
// goroutine. It does no I/O, knows nothing of pages, and does not route
// edges around nodes.
func Place(nodes []Node, edges [][2]int, opts Options) []Point {
	n := len(nodes)
	pts := make([]Point, n)
	if n == 0 {
		return pts
	}
	edges = validEdges(n, edges)
	l := &layout{nodes: nodes, edges: edges, pos: pts, disp: make([]Point, n), mass: make([]float64, n)}
	for i, nd := range nodes {
		w := nd.Weight
		if w < 0 || math.IsNaN(w) || math.IsInf(w, 0) {
			w = 0
		}
		l.mass[i] = 1 + math.Sqrt(w)
	}
	l.start()
	iters := opts.Iterations
	if n <= stressLimit {
		if iters <= 0 {
			iters = 300 // a cap: sweeps stop once nodes barely move
		}
		l.stress(iters)
	} else {
		if iters <= 0 {
			iters = defaultIterations(n)
		}
		l.simulate(iters)
	}
	fit(pts, nodes, opts.Width, opts.Height)
	separate(pts, nodes, opts.Width, opts.Height)
	return pts
}

func (l *layout) adjacency() [][]int32 {
	n := len(l.pos)
	adj := make([][]int32, n)
	for _, e := range l.edges {
		adj[e[0]] = append(adj[e[0]], int32(e[1]))
		adj[e[1]] = append(adj[e[1]], int32(e[0]))
	}
	return adj
}

func validEdges(n int, edges [][2]int) [][2]int {
	out := edges[:0:0]
	for _, e := range edges {
		if e[0] != e[1] && e[0] >= 0 && e[1] >= 0 && e[0] < n && e[1] < n {
			out = append(out, e)
		}
	}
	return out
}

// layout is the state of one simulation, in natural units where the ideal
// edge length is 1.
type layout struct {
	nodes []Node
	edges [][2]int
	pos   []Point
	disp  []Point
	mass  []float64
	tree  quadtree
}

// start places the nodes on a sunflower spiral, in breadth-first order from
// the heaviest node, so that linked nodes start near each other and hubs
// near the centre. No two nodes start at the same point.
func (l *layout) start() {
	n := len(l.pos)
	adj := l.adjacency()
	byWeight := make([]int, n)
	for i := range byWeight {
		byWeight[i] = i
	}
	sort.SliceStable(byWeight, func(a, b int) bool { return l.mass[byWeight[a]] > l.mass[byWeight[b]] })
	seen := make([]bool, n)
	order := make([]int, 0, n)
	for _, root := range byWeight {
		if seen[root] {
			continue
		}
		seen[root] = true
		order = append(order, root)
		for q := len(order) - 1; q < len(order); q++ {
			for _, j := range adj[order[q]] {
				if !seen[j] {
					seen[j] = true
					order = append(order, int(j))
				}
			}
		}
	}
	golden := math.Pi * (3 - math.Sqrt(5))
	for k, i := range order {
		r := 0.6 * math.Sqrt(float64(k)+0.5)
		a := float64(k) * golden
		l.pos[i] = Point{r * math.Cos(a), r * math.Sin(a)}
	}
}

// fit stretches the points to fill the box, each footprint inside it.
func fit(pts []Point, nodes []Node, w, h float64) {
	var mx, my float64
	for _, nd := range nodes {
		mx, my = max(mx, nd.W/2), max(my, nd.H/2)
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pts {
		minX, maxX = min(minX, p.X), max(maxX, p.X)
		minY, maxY = min(minY, p.Y), max(maxY, p.Y)
	}
	scale := func(v, lo, hi, margin, extent float64) float64 {
		room := extent - 2*margin
		if room < 0 {
			return extent / 2
		}
		if hi-lo < 1e-9 {
			return margin + room/2
		}
		return margin + (v-lo)/(hi-lo)*room
	}
	for i, p := range pts {
		pts[i] = Point{scale(p.X, minX, maxX, mx, w), scale(p.Y, minY, maxY, my, h)}
	}
}

// separate pushes apart footprints that overlap, along the axis where they
// overlap least, sweeping over the nodes sorted by x, for a bounded number
// of passes; then keeps each footprint inside the box.
func separate(pts []Point, nodes []Node, w, h float64) {
	const gap = 2
	var maxW float64
	for _, nd := range nodes {
		maxW = max(maxW, nd.W)
	}
	if maxW == 0 {
		return
	}
	order := make([]int, len(pts))
	for i := range order {
		order[i] = i
	}
	clamp := func(i int) {
		hw, hh := nodes[i].W/2, nodes[i].H/2
		pts[i].X = min(max(pts[i].X, min(hw, w/2)), max(w-hw, w/2))
		pts[i].Y = min(max(pts[i].Y, min(hh, h/2)), max(h-hh, h/2))
	}
	for pass := 0; pass < 100; pass++ {
		slices.SortFunc(order, func(a, b int) int {
			if c := cmp.Compare(pts[a].X, pts[b].X); c != 0 {
				return c
			}
			return a - b
		})
		moved := false
		for a, i := range order {
			for _, j := range order[a+1:] {
				dx := pts[j].X - pts[i].X
				if dx >= (nodes[i].W+maxW)/2+gap {
					break
				}
				dy := pts[j].Y - pts[i].Y
				ox := (nodes[i].W+nodes[j].W)/2 + gap - math.Abs(dx)
				oy := (nodes[i].H+nodes[j].H)/2 + gap - math.Abs(dy)
				if ox <= 0 || oy <= 0 {
					continue
				}
				moved = true
				if ox < oy {
					pts[i].X -= ox / 2
					pts[j].X += ox / 2
				} else {
					s := 1.0
					if dy < 0 || (dy == 0 && j < i) {
						s = -1
					}
					pts[i].Y -= s * oy / 2
					pts[j].Y += s * oy / 2
				}
				clamp(i)
				clamp(j)
			}
		}
		if !moved {
			return
		}
	}
}
