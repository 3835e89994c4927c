// Package widgets holds Commonplace's custom Fyne widgets. They take plain
// data (text, spans, nodes) and report what the user does through callbacks;
// none of them knows about the notebook store.
package widgets
