// Package search owns Commonplace's full-text search engine: the in-memory
// inverted index over plain documents (pieces, passages, claims and notes),
// the query language users type, and the ranking of what they find.
//
// It knows nothing of the store or the user interface. The caller turns
// store items into Docs, keeps the engine current with Add and Remove, and
// asks it questions with Search, or with a Session when the question is
// being typed one keystroke at a time.
//
// Matching is per word, never per character over whole texts: every text is
// cut into folded words (lower case, no accents), each word points to the
// documents that contain it, and a query word finds the vocabulary words it
// could mean (the same word, a word it begins, a word one or two typos
// away) before any document is looked at. That keeps a keystroke in a
// notebook of years within a frame.
package search
