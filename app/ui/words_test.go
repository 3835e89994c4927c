package ui

import "testing"

func TestPluralAgreesWithItsCount(t *testing.T) {
	cases := []struct {
		n    int
		want string
	}{
		{0, "0 results were"}, {1, "1 result was"}, {2, "2 results were"}, {21, "21 results were"},
	}
	for _, c := range cases {
		if got := plural(c.n, "result was", "results were"); got != c.want {
			t.Errorf("plural(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
