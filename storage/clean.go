package storage

// CleanPiece tidies a piece's metadata as the store does when it writes
// one — one-line title and outlet, authors and tags cleaned, the date
// checked — so that a record made outside the store (by an import) hashes
// as it will once stored.
func CleanPiece(p *Piece) error { return cleanPiece(p) }
