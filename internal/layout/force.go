package layout

import (
	"math"
	"runtime"
	"sync"
)

// defaultIterations trades quality for time on large graphs: each step
// costs about n log n, so the number of steps falls as n grows, from 250
// to 80 at 12,500 nodes and beyond.
func defaultIterations(n int) int {
	return max(80, min(250, 1_000_000/n))
}

// Force constants, in natural units.
const (
	repulsion = 0.6 // scales k²/d between two unit masses
	gravity   = 0.3 // pull toward the centre, per unit mass and distance
	theta     = 1.2 // Barnes–Hut opening criterion: cell size / distance
)

// simulate runs the forces for iters steps, each node moving at most the
// current temperature, which falls linearly.
func (l *layout) simulate(iters int) {
	n := len(l.pos)
	t0 := max(1, 0.15*math.Sqrt(float64(n)))
	tMin := 0.02
	for it := 0; it < iters; it++ {
		temp := tMin + (t0-tMin)*(1-float64(it)/float64(iters))
		l.tree.build(l.pos, l.mass)
		l.repel()
		for _, e := range l.edges {
			a, b := e[0], e[1]
			dx, dy := l.pos[a].X-l.pos[b].X, l.pos[a].Y-l.pos[b].Y
			d := math.Sqrt(dx*dx + dy*dy)
			// Fruchterman–Reingold attraction d²/k, with k = 1.
			fx, fy := dx*d, dy*d
			l.disp[a].X -= fx
			l.disp[a].Y -= fy
			l.disp[b].X += fx
			l.disp[b].Y += fy
		}
		for i := range l.pos {
			p := l.pos[i]
			l.disp[i].X -= p.X * gravity * l.mass[i]
			l.disp[i].Y -= p.Y * gravity * l.mass[i]
			dx, dy := l.disp[i].X, l.disp[i].Y
			m := math.Sqrt(dx*dx + dy*dy)
			if m > temp {
				dx, dy = dx/m*temp, dy/m*temp
			}
			if !math.IsNaN(dx) && !math.IsNaN(dy) {
				l.pos[i].X += dx
				l.pos[i].Y += dy
			}
		}
	}
}

// repel sets disp to each node's repulsion from all others, from the
// quadtree, on all cores. Each node's sum is made on one goroutine in a
// fixed order, so the result does not depend on scheduling.
func (l *layout) repel() {
	n := len(l.pos)
	workers := runtime.GOMAXPROCS(0)
	if n < 1000 || workers < 2 {
		l.repelRange(0, n, make([]int32, 0, 64))
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			l.repelRange(lo, hi, make([]int32, 0, 64))
		}(lo, hi)
	}
	wg.Wait()
}

// repelRange computes the repulsion on the nodes at perm[lo:hi], which the
// tree keeps grouped by place, so that neighbouring nodes walk the same
// cells one after the other.
func (l *layout) repelRange(lo, hi int, stack []int32) {
	t := &l.tree
	for k := lo; k < hi; k++ {
		i := t.perm[k]
		p := l.pos[i]
		mi := l.mass[i] * repulsion
		var fx, fy float64
		stack = append(stack[:0], 0)
		for len(stack) > 0 {
			c := &t.cells[stack[len(stack)-1]]
			stack = stack[:len(stack)-1]
			if c.mass == 0 {
				continue
			}
			if c.child < 0 {
				for b := c.first; b < c.first+c.count; b++ {
					j := t.perm[b]
					if j == i {
						continue
					}
					q := t.body[b]
					dx, dy := p.X-q.X, p.Y-q.Y
					d2 := dx*dx + dy*dy
					if d2 < 1e-12 {
						// Coincident nodes: part them along a fixed
						// direction that depends on their order.
						dx, dy, d2 = 1e-3, 1e-3, 2e-6
						if j > i {
							dx, dy = -dx, -dy
						}
					}
					f := mi * q.m / d2
					fx += dx * f
					fy += dy * f
				}
				continue
			}
			dx, dy := p.X-c.cx, p.Y-c.cy
			d2 := dx*dx + dy*dy
			if c.size*c.size < theta*theta*d2 {
				f := mi * c.mass / d2
				fx += dx * f
				fy += dy * f
				continue
			}
			stack = append(stack, c.child, c.child+1, c.child+2, c.child+3)
		}
		l.disp[i] = Point{fx, fy}
	}
}

// quadtree is a Barnes–Hut tree over the nodes, rebuilt every step into
// the same slices.
type quadtree struct {
	cells []cell
	perm  []int32 // node indexes, grouped by leaf
	body  []body  // position and mass of perm[k], at k, for fast leaf scans
}

type body struct{ X, Y, m float64 }

type cell struct {
	cx, cy, mass float64 // centre of mass and total mass
	size         float64 // side of the square
	child        int32   // index of the first of 4 children; -1 for a leaf
	first, count int32   // a leaf's nodes: perm[first : first+count]
}

const (
	leafSize = 8
	maxDepth = 24
)

func (t *quadtree) build(pos []Point, mass []float64) {
	n := len(pos)
	if cap(t.perm) < n {
		t.perm = make([]int32, n)
	}
	t.perm = t.perm[:n]
	for i := range t.perm {
		t.perm[i] = int32(i)
	}
	minX, minY, maxX, maxY := pos[0].X, pos[0].Y, pos[0].X, pos[0].Y
	for _, p := range pos[1:] {
		minX, maxX = min(minX, p.X), max(maxX, p.X)
		minY, maxY = min(minY, p.Y), max(maxY, p.Y)
	}
	size := max(maxX-minX, maxY-minY) + 1e-9
	t.cells = append(t.cells[:0], cell{})
	t.fill(0, 0, n, minX, minY, size, 0, pos, mass)
	t.body = t.body[:0]
	for _, j := range t.perm {
		t.body = append(t.body, body{pos[j].X, pos[j].Y, mass[j]})
	}
}

// fill makes cell c hold perm[lo:hi], a square at (x, y) of side size.
func (t *quadtree) fill(c int32, lo, hi int, x, y, size float64, depth int, pos []Point, mass []float64) {
	var m, cx, cy float64
	for _, j := range t.perm[lo:hi] {
		m += mass[j]
		cx += pos[j].X * mass[j]
		cy += pos[j].Y * mass[j]
	}
	cl := cell{size: size, child: -1, first: int32(lo), count: int32(hi - lo), mass: m}
	if m > 0 {
		cl.cx, cl.cy = cx/m, cy/m
	}
	if hi-lo <= leafSize || depth >= maxDepth {
		t.cells[c] = cl
		return
	}
	h := size / 2
	midX, midY := x+h, y+h
	top := partition(t.perm[lo:hi], func(j int32) bool { return pos[j].Y < midY }) + lo
	left1 := partition(t.perm[lo:top], func(j int32) bool { return pos[j].X < midX }) + lo
	left2 := partition(t.perm[top:hi], func(j int32) bool { return pos[j].X < midX }) + top
	first := int32(len(t.cells))
	cl.child = first
	t.cells[c] = cl
	t.cells = append(t.cells, cell{}, cell{}, cell{}, cell{})
	t.fill(first, lo, left1, x, y, h, depth+1, pos, mass)
	t.fill(first+1, left1, top, midX, y, h, depth+1, pos, mass)
	t.fill(first+2, top, left2, x, midY, h, depth+1, pos, mass)
	t.fill(first+3, left2, hi, midX, midY, h, depth+1, pos, mass)
}

// partition moves the indexes for which in is true to the front and says
// how many there are. It is deterministic, which is all the tree needs.
func partition(s []int32, in func(int32) bool) int {
	k := 0
	for i, j := range s {
		if in(j) {
			s[i], s[k] = s[k], s[i]
			k++
		}
	}
	return k
}
