package synth

// rng is splitmix64: small, fast, and synth's own, so that the same seed
// gives the same site whatever Go's math/rand does in later releases.
type rng struct{ s uint64 }

// newRNG is the stream for one purpose (parts: a page kind, an index, a
// salt) under seed. Streams of different parts are independent.
func newRNG(seed uint64, parts ...uint64) *rng {
	r := &rng{s: seed}
	for _, p := range parts {
		r.s ^= p * 0x9e3779b97f4a7c15
		r.next()
	}
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn is in [0, n); n must be positive.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between is in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// float is in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// chance is true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// pick is one of list.
func pick[T any](r *rng, list []T) T { return list[r.intn(len(list))] }

// powerLaw is in [0, n), most often small: the density falls as x^(-2/3),
// so the first few indices are hubs. The arithmetic is exact IEEE
// multiplication, the same on every machine.
func (r *rng) powerLaw(n int) int {
	u := r.float()
	k := int(float64(n) * u * u * u)
	if k >= n {
		k = n - 1
	}
	return k
}
