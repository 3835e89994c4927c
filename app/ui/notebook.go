package ui

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
	// Watch calls fn after each commit until the returned stop is called.
	Watch(fn func([]storage.Change)) (stop func())
	Tags() ([]storage.TagCount, error)
	ItemsByTag(tag string) ([]storage.ItemRef, error)

	AddPiece(p storage.Piece, text string) (storage.Piece, error)
	UpdatePiece(p storage.Piece) (storage.Piece, error)
	EditPieceText(pieceID, text string) (storage.EditReport, error)
	Annotate(pieceID string, start, end int, in storage.AnnotationInput) (storage.Annotation, error)
	UpdateAnnotation(a storage.Annotation) (storage.Annotation, error)
	Reanchor(id string, start, end int) (storage.Annotation, error)
	AddNote(n storage.Note) (storage.Note, error)
	UpdateNote(n storage.Note) (storage.Note, error)
	Delete(id string) (storage.DeleteReport, error)
	Restore(r storage.Removed) error

	LinksOf(id string) ([]storage.LinkView, error)
	AddLink(l storage.Link) (storage.Link, error)
	Relation(name string) (storage.Relation, error)
	Relations() ([]storage.Relation, error)
	Claim(id string) (storage.Claim, error)
	ClaimSummaries() ([]storage.ClaimSummary, error)
	AddClaim(c storage.Claim) (storage.Claim, error)
	UpdateClaim(c storage.Claim) (storage.Claim, error)
	Note(id string) (storage.Note, error)
	Annotation(id string) (storage.Annotation, error)
	Disagreements() ([]storage.Disagreement, error)
	ArgumentGraph() (storage.Graph, error)
	LinkToText(from, pieceID string, start, end int, rel, note string) (storage.Link, storage.Annotation, bool, error)
	UpdateClaimText(id, statement, note string, tags []string) (storage.Claim, error)
	UpdateNoteText(id, title, body string, tags []string, place string) (storage.Note, error)
	Conflicts() ([]storage.Conflict, error)
	DropConflict(itemID string, seq int) error
	ResolveConflict(itemID string, seq int, takeTheirs bool) error
}

var _ notebook = (*storage.Store)(nil)
