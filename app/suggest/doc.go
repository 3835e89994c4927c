// Package suggest owns "suggested links": given a passage or claim the
// researcher is looking at, it finds passages in other pieces of the
// notebook that say nearly the same thing. Op-eds and wire copy recycle
// wording and talking points, so the most useful suggestion is usually a
// sentence that was copied with small edits; paraphrases that name the same
// people, places and organisations come next.
//
// An Index holds every piece split into sentences. Each sentence is indexed
// two ways: a MinHash signature of its 3-word shingles, banded for
// locality-sensitive hashing, finds near-duplicates without scanning the
// notebook; an inverted index of content words finds paraphrases and
// fragments the shingles miss. Candidates from both are widened into
// passages of 1–3 consecutive sentences and scored exactly (score.go
// documents the formula and the threshold).
//
// The package depends on nothing in the notebook but the text: callers feed
// it Docs and get back piece IDs and rune offsets, so the GUI and the
// command line can share it.
package suggest
