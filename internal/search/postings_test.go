package search

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestBestKeepsTheTopInPageOrder checks best against its definition: sort
// by score (highest first, then page), keep MaxPostings, back in page
// order; on lists of every length around the cut, with many ties.
func TestBestKeepsTheTopInPageOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, MaxPostings - 1, MaxPostings, MaxPostings + 1, 2 * MaxPostings, 5000} {
		for _, spread := range []int{1, 3, 255} {
			ps := make([]posting, n)
			for i := range ps {
				ps[i] = posting{doc: int32(i * 2), score: uint8(1 + r.IntN(spread))}
			}
			want := slices.Clone(ps)
			slices.SortFunc(want, func(a, b posting) int {
				if a.score != b.score {
					return int(b.score) - int(a.score)
				}
				return int(a.doc - b.doc)
			})
			want = want[:min(len(want), MaxPostings)]
			slices.SortFunc(want, func(a, b posting) int { return int(a.doc - b.doc) })
			if got := best(slices.Clone(ps)); !slices.Equal(got, want) {
				t.Errorf("best of %d postings with scores 1..%d: %d kept, want %d (or not the same ones)", n, spread, len(got), len(want))
			}
		}
	}
}
