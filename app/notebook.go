package app

import "commonplace/storage"

// notebook is what the window needs of the store. Keeping it narrow keeps
// the screens testable and says what each depends on.
type notebook interface {
	Pieces() ([]storage.PieceSummary, error)
	Piece(id string) (storage.Piece, error)
	PieceText(id string) (string, error)
	AnnotationsOf(pieceID string) ([]storage.Annotation, error)
	Notes() ([]storage.Note, error)
	Ref(id string) (storage.ItemRef, error)
	Watch(fn func([]storage.Change))
}

var _ notebook = (*storage.Store)(nil)
