// Package anchor implements W3C Web Annotation text anchors for Commonplace:
// it describes a span of a piece's text as selectors (a TextQuoteSelector
// combined with a TextPositionSelector) and re-attaches ("resolves") such a
// span after the text has been edited.
//
// Offsets are code points (runes), as the W3C model specifies, never bytes
// or UTF-16 units; RuneToByte and ByteToRune convert at the edges.
//
// Resolving follows the approach of Hypothesis (position first, then the
// quote scored by its prefix, suffix and distance from the old position) but
// is deliberately conservative: a span is reported as Moved only when the
// evidence singles out one place, and otherwise is kept and flagged for the
// user (Review) rather than silently attached to the wrong words.
package anchor
