package storage

// DropCaches empties the record cache, so benchmarks can measure cold reads.
func (s *Store) DropCaches() { s.refs = newRefCache() }
