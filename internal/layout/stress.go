package layout

import (
	"cmp"
	"math"
	"slices"
)

// focusWeight is how much more the distances to a focus node count, so
// that the order around it, which radial keeps, reflects them.
const focusWeight = 30

// stressLimit is the largest graph laid out by stress majorization, which
// costs time and memory in the square of the number of nodes.
const stressLimit = 600

// stress places the nodes so that their distances match their distances
// in the graph (stress majorization, as Graphviz's neato does), which
// reads better than forces on small graphs: nodes three links apart sit
// about three times as far as linked ones. Pairs in separate components
// are given the longest distance plus one, so components sit side by side.
// Each sweep moves the nodes one at a time, in index order.
func (l *layout) stress(sweeps int) {
	n := len(l.pos)
	adj := l.adjacency()
	dist := make([]float64, n*n)
	queue := make([]int32, 0, n)
	var longest float64
	for s := 0; s < n; s++ {
		row := dist[s*n : (s+1)*n]
		for i := range row {
			row[i] = -1
		}
		row[s] = 0
		queue = append(queue[:0], int32(s))
		for q := 0; q < len(queue); q++ {
			u := queue[q]
			for _, v := range adj[u] {
				if row[v] < 0 {
					row[v] = row[u] + 1
					longest = max(longest, row[v])
					queue = append(queue, v)
				}
			}
		}
	}
	for i, d := range dist {
		if d < 0 {
			dist[i] = longest + 1
		}
	}
	l.classical(dist)
	focus := -1
	var rings []float64 // graph distances from the focus
	for i, nd := range l.nodes {
		if nd.Focus {
			focus = i
			rings = append(rings, dist[i*n:(i+1)*n]...)
			break
		}
	}
	// Each pair pulls toward its distance d with weight 1/d², so near
	// pairs count most; pairs with a focus node count focusWeight times
	// more, which keeps the focus's neighbours in rings around it.
	weight := make([]float64, n*n)
	pull := dist // weight × distance, in place of the distances
	rowWeight := make([]float64, n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if i == j {
				pull[i*n+j] = 0
				continue
			}
			w := 1 / (dist[i*n+j] * dist[i*n+j])
			if l.nodes[i].Focus || l.nodes[j].Focus {
				w *= focusWeight
			}
			weight[i*n+j] = w
			pull[i*n+j] = w * dist[i*n+j]
			rowWeight[i] += w
		}
	}
	// Stop when nodes move less than a hundredth of an edge on average:
	// invisible once drawn. With a focus, radial keeps only the order of
	// the nodes around it, which settles long before the distances do, so
	// a twentieth will do (a local graph costs a third as much).
	tolerance := 0.01
	if focus >= 0 {
		tolerance = 0.05
	}
	for it := 0; it < sweeps; it++ {
		var moved float64
		for i := 0; i < n; i++ {
			if rowWeight[i] == 0 {
				continue
			}
			wrow, prow := weight[i*n:(i+1)*n], pull[i*n:(i+1)*n]
			p := l.pos[i]
			var sx, sy float64
			for j, w := range wrow {
				q := l.pos[j]
				dx, dy := p.X-q.X, p.Y-q.Y
				norm := math.Sqrt(dx*dx + dy*dy)
				if norm > 1e-9 {
					k := prow[j] / norm
					sx += w*q.X + k*dx
					sy += w*q.Y + k*dy
				} else {
					sx += w*q.X + prow[j]
					sy += w * q.Y
				}
			}
			np := Point{sx / rowWeight[i], sy / rowWeight[i]}
			moved += math.Abs(np.X-p.X) + math.Abs(np.Y-p.Y)
			l.pos[i] = np
		}
		if moved < tolerance*float64(n) {
			break
		}
	}
	if focus >= 0 {
		l.radial(focus, rings, adj)
	}
}

// radial moves the nodes onto rings around the focus, one ring per graph
// distance, so that the focus sits in the middle of its local graph. It
// keeps the order in which stress majorization placed the nodes around
// the focus: the first ring evenly spaced in that order, each node of a
// farther ring near the mean angle of the nodes it is reached through,
// then nudged apart so that no two crowd.
func (l *layout) radial(focus int, rings []float64, adj [][]int32) {
	c := l.pos[focus]
	angle := make([]float64, len(l.pos))
	for i, p := range l.pos {
		angle[i] = math.Atan2(p.Y-c.Y, p.X-c.X)
	}
	var longest int
	for _, d := range rings {
		longest = max(longest, int(d))
	}
	for h := 1; h <= longest; h++ {
		var ring []int
		for i, d := range rings {
			if int(d) == h {
				ring = append(ring, i)
			}
		}
		if len(ring) == 0 {
			continue
		}
		if h > 1 {
			for _, i := range ring {
				var sx, sy float64
				for _, j := range adj[i] {
					if int(rings[j]) == h-1 {
						sx, sy = sx+math.Cos(angle[j]), sy+math.Sin(angle[j])
					}
				}
				if sx*sx+sy*sy > 1e-9 {
					angle[i] = math.Atan2(sy, sx)
				}
			}
		}
		slices.SortStableFunc(ring, func(a, b int) int { return cmp.Compare(angle[a], angle[b]) })
		step := 2 * math.Pi / float64(len(ring))
		if h == 1 {
			for k, i := range ring {
				angle[i] = angle[ring[0]] + float64(k)*step
			}
		} else {
			spread(ring, angle, 0.9*step)
		}
		for _, i := range ring {
			l.pos[i] = Point{c.X + float64(h)*math.Cos(angle[i]), c.Y + float64(h)*math.Sin(angle[i])}
		}
	}
}

// spread pushes apart the angles of ring, sorted around the circle, until
// neighbours are gap apart or a bounded number of passes is done.
func spread(ring []int, angle []float64, gap float64) {
	m := len(ring)
	if m < 2 {
		return
	}
	for pass := 0; pass < 50; pass++ {
		moved := false
		for k := 0; k < m; k++ {
			a, b := ring[k], ring[(k+1)%m]
			d := angle[b] - angle[a]
			if k == m-1 {
				d += 2 * math.Pi
			}
			if d < gap {
				angle[a] -= (gap - d) / 2
				angle[b] += (gap - d) / 2
				moved = true
			}
		}
		if !moved {
			return
		}
	}
}

// classical places the nodes by classical multidimensional scaling of the
// graph distances: the two main axes of the double-centred squared
// distance matrix, found by power iteration from the spiral. It gives
// stress majorization a start without folds.
func (l *layout) classical(dist []float64) {
	n := len(l.pos)
	b := make([]float64, n*n)
	rowMean := make([]float64, n)
	var mean float64
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			d2 := dist[i*n+j] * dist[i*n+j]
			b[i*n+j] = d2
			rowMean[i] += d2 / float64(n)
		}
		mean += rowMean[i] / float64(n)
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			b[i*n+j] = -0.5 * (b[i*n+j] - rowMean[i] - rowMean[j] + mean)
		}
	}
	axes := [2][]float64{make([]float64, n), make([]float64, n)}
	for i, p := range l.pos {
		axes[0][i], axes[1][i] = p.X, p.Y
	}
	next := make([]float64, n)
	for a, v := range axes {
		var lambda float64
		for it := 0; it < 50; it++ {
			if a == 1 {
				project(v, axes[0])
			}
			normalize(v)
			for i := 0; i < n; i++ {
				var s float64
				for j, x := range v {
					s += b[i*n+j] * x
				}
				next[i] = s
			}
			if a == 1 {
				project(next, axes[0])
			}
			lambda = normalize(next)
			var change float64
			for i := range v {
				change += math.Abs(next[i] - v[i])
			}
			copy(v, next)
			if change < 1e-3 {
				break
			}
		}
		if lambda > 0 {
			lambda = math.Sqrt(lambda)
		}
		for i := range v {
			v[i] *= lambda
		}
	}
	// Nodes with the same distances to all others (leaves of one hub)
	// land on one point: part them a little along the spiral.
	for i, p := range l.pos {
		l.pos[i] = Point{axes[0][i] + 0.05*p.X, axes[1][i] + 0.05*p.Y}
	}
}

// normalize scales v to unit length and says what its length was.
func normalize(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x * x
	}
	s = math.Sqrt(s)
	if s > 0 {
		for i := range v {
			v[i] /= s
		}
	}
	return s
}

// project removes from v its component along the unit vector u.
func project(v, u []float64) {
	var dot float64
	for i := range v {
		dot += v[i] * u[i]
	}
	for i := range v {
		v[i] -= dot * u[i]
	}
}
