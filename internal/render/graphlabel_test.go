package render

import "testing"

// TestLabelWidth: a graph label's guessed width, which sizes the room a
// node takes, counts a wide letter (Han, kana, Hangul) as a whole em and a
// mark drawn on its letter as nothing, so that a Japanese label is not
// cut at the graph's edge, and Latin, Cyrillic and Arabic letters as
// before.
func TestLabelWidth(t *testing.T) {
	for _, c := range []struct {
		lines []string
		want  float64
	}{
		{[]string{"CI/CD"}, 36},
		{[]string{"Infrastructure", "as code"}, 14 * 7.2},
		{[]string{"Наблюдаемость"}, 13 * 7.2},
		{[]string{"کنٹینر"}, 6 * 7.2},
		{[]string{"可观测性"}, 48},
		{[]string{"オブザーバビリティ"}, 9 * 12},
		{[]string{"서비스 메시"}, 5*12 + 7.2},
		{[]string{"कंटेनर"}, 4 * 7.2}, // the anusvara and the vowel sign e sit on their letters
	} {
		if got := labelWidth(c.lines); got < c.want-0.01 || got > c.want+0.01 {
			t.Errorf("labelWidth(%q) = %v, want %v", c.lines, got, c.want)
		}
	}
}
