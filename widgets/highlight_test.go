package widgets

import "testing"

func TestActiveSpanIsMoreOpaqueInEveryColour(t *testing.T) {
	for name := range highlightShades {
		for _, dark := range []bool{false, true} {
			a := HighlightColor(name, dark).A
			if got := activeAlpha(a); got <= a {
				t.Errorf("%s (dark %v): active alpha %d is not above %d", name, dark, got, a)
			}
		}
	}
}
