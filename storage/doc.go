// Package storage owns a notebook on disk: the model types (pieces,
// annotations, claims, links, notes, tags), their Badger-backed store, the key
// layout and secondary indexes, schema migrations, and integrity checks.
//
// It is the only package that imports Badger. Every change the user makes is
// one Badger transaction (record plus its index entries) committed with
// SyncWrites, so what a call reported saved survives a kill of the process.
package storage
