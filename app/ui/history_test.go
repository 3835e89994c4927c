package ui

import "testing"

func TestHistory(t *testing.T) {
	var h history
	a, b, c := place{kind: placePiece, id: "a"}, place{kind: placeClaim, id: "b"}, place{kind: placeNote, id: "c"}
	h.visit(a)
	h.visit(b)
	h.visit(b) // staying put is not a step
	h.visit(c)
	if p, ok := h.goBack(); !ok || p != b {
		t.Fatalf("back: %v", p)
	}
	if p, ok := h.goBack(); !ok || p != a {
		t.Fatalf("back again: %v", p)
	}
	if _, ok := h.goBack(); ok {
		t.Fatal("went back past the start")
	}
	if p, ok := h.goForward(); !ok || p != b {
		t.Fatalf("forward: %v", p)
	}
	h.visit(a) // a new visit drops the forward list
	if _, ok := h.goForward(); ok {
		t.Fatal("forward after a new visit")
	}
	h.forget("b")
	if p, _ := h.goBack(); p != a {
		t.Fatalf("forgotten place still in history: %v", p)
	}
}
