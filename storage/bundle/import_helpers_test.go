package bundle

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"slices"
	"testing"
	"time"

	"commonplace/storage"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
)

// Helpers shared by the export, import, merge, hostile-input and fuzz
// tests: a generated notebook with one of everything, bundles in memory,
// and a dump of a whole notebook to compare two of them item by item.

// exportBytes exports sc of s into memory.
func exportBytes(t testing.TB, s *storage.Store, sc scope.Scope, now time.Time) ([]byte, *Manifest) {
	t.Helper()
	sel, err := scope.Select(s, sc)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	m, err := Export(s, sel, &buf, ExportOptions{App: "Commonplace test", Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), m
}

func importBytes(t testing.TB, s *storage.Store, data []byte, opt merge.Options) (merge.Report, error) {
	t.Helper()
	return Import(s, bytes.NewReader(data), int64(len(data)), opt)
}

// zipFiles reads every file of a zip into a map.
func zipFiles(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

// buildZip writes files (in sorted order, deflated) into a zip.
func buildZip(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(files[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// reseal rewrites the manifest's sizes and checksums (and counts, via
// fix) after a test altered files, so that the alteration itself is what
// the reader meets.
func reseal(t testing.TB, files map[string][]byte, fix func(m *Manifest)) map[string][]byte {
	t.Helper()
	var m Manifest
	if err := json.Unmarshal(files[ManifestFile], &m); err != nil {
		t.Fatal(err)
	}
	m.Files = nil
	names := make([]string, 0, len(files))
	for n := range files {
		if n != ManifestFile {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		sum := sha256.Sum256(files[n])
		m.Files = append(m.Files, FileEntry{Path: n, Size: int64(len(files[n])), SHA256: hex.EncodeToString(sum[:])})
	}
	if fix != nil {
		fix(&m)
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for n, b := range files {
		out[n] = b
	}
	out[ManifestFile] = data
	return out
}
