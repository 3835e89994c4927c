package ui

import (
	"reflect"
	"testing"
)

func TestFindAll(t *testing.T) {
	text := "Sátbayeva writes: the Wakhan,\nthe WAKHAN and the wakhan corridor. Café! cafe."
	cases := []struct {
		q    string
		want [][2]int
	}{
		{"wakhan", [][2]int{{22, 28}, {34, 40}, {49, 55}}},
		{"satbayeva", [][2]int{{0, 9}}},
		{"Wakhan, the", [][2]int{{22, 33}}}, // a space matches the line break
		{"café", [][2]int{{66, 70}, {72, 76}}},
		{"  ", nil},
		{"mosul", nil},
	}
	for _, c := range cases {
		if got := findAll(text, c.q); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %v, want %v", c.q, got, c.want)
		}
	}
}
