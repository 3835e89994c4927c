package bundle

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"errors"
	"hash/crc32"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"commonplace/storage"
	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/merge"
	"commonplace/storage/bundle/scope"
	"commonplace/storage/gen"
)

// Every way a bundle can be hostile or broken is refused with one
// sentence naming the problem, and the notebook is left exactly as it was.

// entry is one file of a hand-made zip.
type entry struct {
	name   string
	data   []byte
	mode   fs.FileMode // 0: a plain file
	method uint16      // 0: deflate
	// raw, when set, is written as the compressed data as is, with
	// declared as the uncompressed size: a zip that lies.
	raw      []byte
	declared uint64
	flags    uint16
}

func handZip(t testing.TB, entries []entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		fh := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Flags: e.flags}
		if e.method != 0 {
			fh.Method = e.method
		}
		if e.mode != 0 {
			fh.SetMode(e.mode)
		}
		if e.raw != nil {
			fh.CompressedSize64, fh.UncompressedSize64, fh.CRC32 = uint64(len(e.raw)), e.declared, crc32.ChecksumIEEE(e.data)
			w, err := zw.CreateRaw(fh)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(e.raw)
			continue
		}
		w, err := zw.CreateHeader(fh)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// entriesOf turns a file map into hand-made entries, in name order.
func entriesOf(files map[string][]byte) []entry {
	var out []entry
	for n, d := range files {
		out = append(out, entry{name: n, data: d})
	}
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	return out
}

func deflated(data []byte) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(data)
	w.Close()
	return buf.Bytes()
}

// hostileBase is a small valid bundle, as files, and the ids in it.
type hostileBase struct {
	files                map[string][]byte
	piece, annID, orphan string
	pieceName, note      string
}

func newHostileBase(t *testing.T) hostileBase {
	t.Helper()
	nb := bundletest.NewRich(t)
	data, _ := exportBytes(t, nb.S, scope.Scope{}, t0)
	hb := hostileBase{files: zipFiles(t, data), piece: nb.Edited, annID: nb.Review, orphan: nb.Orphan}
	hb.pieceName = pieceFile(nb.Edited)
	hb.note = noteFile(nb.Notes[0])
	return hb
}

// with returns a copy of the files with changes applied (nil deletes).
func (hb hostileBase) with(changes map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for n, d := range hb.files {
		out[n] = d
	}
	for n, d := range changes {
		if d == nil {
			delete(out, n)
		} else {
			out[n] = d
		}
	}
	return out
}

func replaceIn(data []byte, old, new string) []byte {
	return []byte(strings.Replace(string(data), old, new, 1))
}

func TestHostileBundlesAreRefused(t *testing.T) {
	hb := newHostileBase(t)
	target := bundletest.OpenStore(t)
	if err := gen.Notebook(target, gen.Config{Pieces: 2, WordsPerPiece: 120, AnnotsPerPiece: 2, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	before := bundletest.Fingerprint(t, target)
	zipped := func(files map[string][]byte) []byte { return buildZip(t, files) }
	sealed := func(changes map[string][]byte) []byte { return zipped(reseal(t, hb.with(changes), nil)) }
	plus := func(extra ...entry) []byte { return handZip(t, append(entriesOf(hb.files), extra...)) }
	bigZeros := make([]byte, 16<<20)
	otherID := "0195ffff-0000-7000-8000-000000000001"

	cases := []struct {
		name   string
		bundle func() []byte
		want   string
		limits func(l *limits)
	}{
		{"empty file", func() []byte { return nil }, "the file is empty", nil},
		{"not a zip", func() []byte { return []byte("just some text, certainly not a zip archive") }, "not a zip archive", nil},
		{"no manifest", func() []byte { return zipped(hb.with(map[string][]byte{ManifestFile: nil})) }, "has no manifest.json", nil},
		{"name with ../", func() []byte { return plus(entry{name: "../evil.md", data: []byte("x")}) }, "escapes the bundle", nil},
		{"name with inner ..", func() []byte { return plus(entry{name: "pieces/../../evil.md", data: []byte("x")}) }, "escapes the bundle", nil},
		{"absolute name", func() []byte { return plus(entry{name: "/etc/cron.d/evil", data: []byte("x")}) }, "absolute path", nil},
		{"drive letter", func() []byte { return plus(entry{name: "C:/Windows/evil.md", data: []byte("x")}) }, "names a drive", nil},
		{"drive-relative", func() []byte { return plus(entry{name: "C:evil.md", data: []byte("x")}) }, "names a drive", nil},
		{"backslash", func() []byte { return plus(entry{name: `..\evil.md`, data: []byte("x")}) }, "has a backslash", nil},
		{"symlink", func() []byte {
			return plus(entry{name: "notes/link.md", data: []byte("/etc/passwd"), mode: fs.ModeSymlink | 0o777})
		}, "symbolic link", nil},
		{"folder named like a file", func() []byte { return plus(entry{name: hb.pieceName + "/", mode: fs.ModeDir | 0o755}) }, "a folder named", nil},
		{"folder without a slash", func() []byte { return plus(entry{name: "pieces/x", mode: fs.ModeDir | 0o755}) }, "a folder named", nil},
		{"duplicate names", func() []byte { return plus(entry{name: hb.pieceName, data: hb.files[hb.pieceName]}) }, "two files named", nil},
		{"control character in a name", func() []byte { return plus(entry{name: "notes/a\x01.md", data: []byte("x")}) }, "control characters", nil},
		{"too many files", func() []byte { return zipped(hb.files) }, "more than the 10", func(l *limits) { l.files = 10 }},
		{"zip bomb", func() []byte { return plus(entry{name: "notes/bomb.md", data: bigZeros}) }, "looks like a zip bomb", nil},
		{"declared too large", func() []byte {
			raw := bytes.Repeat([]byte{0xff}, 1<<20)
			return plus(entry{name: "notes/huge.md", raw: raw, declared: MaxFileSize + 1})
		}, "larger than the 128 MB allowed", nil},
		{"all files too large together", func() []byte { return zipped(hb.files) }, "add up to more than", func(l *limits) {
			l.total = int64(len(zipped(hb.files))) + 1000
		}},
		{"declared size lies", func() []byte {
			data := bytes.Repeat([]byte("lie "), 5000)
			files := hb.with(map[string][]byte{hb.note: []byte("short")})
			files = reseal(t, files, nil)
			var es []entry
			for _, e := range entriesOf(files) {
				if e.name == hb.note {
					e = entry{name: e.name, data: data, raw: deflated(data), declared: 5}
				}
				es = append(es, e)
			}
			return handZip(t, es)
		}, "damaged or larger than it says", nil},
		{"encrypted", func() []byte { return plus(entry{name: "notes/secret.md", data: []byte("x"), flags: 1}) }, "is encrypted", nil},
		{"unknown compression", func() []byte {
			return plus(entry{name: "notes/odd.md", data: []byte("x"), method: 12, raw: []byte("x"), declared: 1})
		}, "method Commonplace does not read", nil},
		{"unknown format", func() []byte {
			return zipped(hb.with(map[string][]byte{ManifestFile: replaceIn(hb.files[ManifestFile], FormatName, "some-other-format")}))
		}, "not a Commonplace bundle", nil},
		{"newer version", func() []byte {
			return zipped(hb.with(map[string][]byte{ManifestFile: replaceIn(hb.files[ManifestFile], `"version": 1`, `"version": 2`)}))
		}, "newer version of Commonplace", nil},
		{"manifest with a wrong type", func() []byte {
			return zipped(hb.with(map[string][]byte{ManifestFile: replaceIn(hb.files[ManifestFile], `"pieces": 9`, `"pieces": "nine"`)}))
		}, "manifest.json does not parse", nil},
		{"missing file", func() []byte { return zipped(hb.with(map[string][]byte{hb.note: nil})) }, "does not hold it", nil},
		{"file not listed", func() []byte { return plus(entry{name: noteFile(otherID), data: []byte("x")}) }, "its manifest does not list", nil},
		{"unexpected file", func() []byte { return sealed(map[string][]byte{"notes/readme.txt": []byte("x")}) }, "unexpected file", nil},
		{"checksum mismatch", func() []byte {
			return zipped(hb.with(map[string][]byte{hb.note: replaceIn(hb.files[hb.note], "Talked", "Walked")}))
		}, "does not match its checksum", nil},
		{"front matter that does not parse", func() []byte {
			return sealed(map[string][]byte{hb.pieceName: replaceIn(hb.files[hb.pieceName], "title: The door", "title: [The door")})
		}, "front matter of " + hb.pieceName + " does not parse", nil},
		{"front matter with a wrong type", func() []byte {
			return sealed(map[string][]byte{hb.pieceName: replaceIn(hb.files[hb.pieceName], "revision: 2", "revision: two")})
		}, "does not parse", nil},
		{"a DOI that is not one", func() []byte {
			return sealed(map[string][]byte{hb.pieceName: replaceIn(hb.files[hb.pieceName], "10.5555/door.2024", "javascript:alert(1)")})
		}, "has the DOI", nil},
		{"an access date that is not a date", func() []byte {
			return sealed(map[string][]byte{hb.pieceName: replaceIn(hb.files[hb.pieceName], "2026-01-05", "2026-13-45")})
		}, "was accessed on", nil},
		{"page starts past the text", func() []byte {
			return sealed(map[string][]byte{hb.pieceName: replaceIn(hb.files[hb.pieceName], "pages: [0, ", "pages: [0, 9999, ")})
		}, "page starts that do not fit its text", nil},
		{"front matter with an unknown key", func() []byte {
			return sealed(map[string][]byte{hb.pieceName: replaceIn(hb.files[hb.pieceName], "title:", "colour: red\ntitle:")})
		}, "does not parse", nil},
		{"no front matter", func() []byte { return sealed(map[string][]byte{hb.note: []byte("just a body")}) }, "does not start with front matter", nil},
		{"id that is not a UUID", func() []byte {
			return sealed(map[string][]byte{AnnotationsFile: replaceIn(hb.files[AnnotationsFile], "urn:uuid:"+hb.annID, "urn:uuid:not-a-uuid")})
		}, "is not a urn:uuid: of a lower-case UUID", nil},
		{"file named by a non-UUID", func() []byte { return sealed(map[string][]byte{"pieces/not-a-uuid.md": hb.files[hb.pieceName]}) }, "unexpected file", nil},
		{"piece text that does not match its hash", func() []byte {
			return sealed(map[string][]byte{hb.pieceName: replaceIn(hb.files[hb.pieceName], "Nothing else.", "Nothing elsewhere.")})
		}, "does not match the hash in its front matter", nil},
		{"reference to nothing anywhere", func() []byte {
			var claims []storage.Claim
			mustJSON(t, hb.files[ClaimsFile], &claims)
			claims[1].Evidence = append(claims[1].Evidence, otherID)
			return sealed(map[string][]byte{ClaimsFile: toJSON(t, claims)})
		}, "neither in the bundle nor in this notebook", nil},
		{"relation defined nowhere", func() []byte {
			return sealed(map[string][]byte{RelationsFile: []byte("[]")})
		}, "neither the bundle nor this notebook defines", nil},
		{"claims with a wrong type", func() []byte {
			return sealed(map[string][]byte{ClaimsFile: []byte(`[{"id": "` + otherID + `", "statement": 5}]`)})
		}, "claims.json does not parse", nil},
		{"huge JSON record", func() []byte {
			var claims []storage.Claim
			mustJSON(t, hb.files[ClaimsFile], &claims)
			claims[0].Note = strings.Repeat("a very long note ", 1000)
			return sealed(map[string][]byte{ClaimsFile: toJSON(t, claims)})
		}, "claims.json holds a record larger than 4 KB", func(l *limits) { l.record = 4 << 10 }},
		{"JSON list file too large", func() []byte { return zipped(hb.files) }, "in the bundle is larger than the 10 KB allowed", func(l *limits) {
			l.listFile = 10 << 10
		}},
		{"truncated JSON", func() []byte {
			return sealed(map[string][]byte{LinksFile: hb.files[LinksFile][:len(hb.files[LinksFile])/2]})
		}, "links.json", nil},
		{"trailing JSON", func() []byte {
			return sealed(map[string][]byte{LinksFile: append(slices.Clone(hb.files[LinksFile]), []byte("[]")...)})
		}, "more after its end", nil},
		{"annotations out of order", func() []byte {
			// The first two passages, each a line ending in a comma.
			lines := strings.Split(string(hb.files[AnnotationsFile]), "\n")
			i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "      {") })
			lines[i], lines[i+1] = lines[i+1], lines[i]
			return sealed(map[string][]byte{AnnotationsFile: []byte(strings.Join(lines, "\n"))})
		}, "is not in order", nil},
		{"counts that disagree", func() []byte {
			return zipped(reseal(t, hb.files, func(m *Manifest) { m.Counts.Notes++ }))
		}, "the manifest counts 5 notes but the bundle holds 4", nil},
		{"id used twice", func() []byte {
			return sealed(map[string][]byte{noteFile(hb.piece): replaceIn(hb.files[hb.note], "id: "+strings.TrimSuffix(strings.TrimPrefix(hb.note, NotesDir), ".md"), "id: "+hb.piece)})
		}, "used twice in the bundle", nil},
		{"links that disagree", func() []byte {
			return sealed(map[string][]byte{LinksFile: replaceIn(hb.files[LinksFile], `"strength": 2`, `"strength": 3`)})
		}, "disagree about link", nil},
		{"anchored passage off its quote", func() []byte {
			return sealed(map[string][]byte{AnnotationsFile: replaceIn(hb.files[AnnotationsFile], `"exact":"Closing remark stays the same"`, `"exact":"Closing remark stays the sane"`)})
		}, "its quote is not at its place", nil},
		{"revision of nothing", func() []byte {
			return sealed(map[string][]byte{RevisionsDir + otherID + "/1.md": []byte("---\npiece: x\n---\n\nx")})
		}, "a revision of a piece the bundle does not hold", nil},
		{"revision as new as its piece", func() []byte {
			// Checked once the piece is, as its passages are, after the revisions.
			first := revisionFile(hb.piece, 1)
			return sealed(map[string][]byte{revisionFile(hb.piece, 2): replaceIn(hb.files[first], "number: 1", "number: 2")})
		}, "is not earlier than the piece's current revision 2", nil},
		{"manifest with an unknown field", func() []byte {
			return zipped(hb.with(map[string][]byte{ManifestFile: replaceIn(hb.files[ManifestFile], `"version": 1`, `"version": 1, "run": "rm -rf ~"`)}))
		}, "manifest.json does not parse", nil},
		{"orphaned passage beyond its text", func() []byte {
			lines := strings.Split(string(hb.files[AnnotationsFile]), "\n")
			i := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "urn:uuid:"+hb.orphan) })
			// Far past the end, and as long as the quote.
			lines[i] = regexp.MustCompile(`"(start|end)":(\d+)`).ReplaceAllStringFunc(lines[i], func(m string) string {
				key, n, _ := strings.Cut(m, ":")
				v, _ := strconv.Atoi(n)
				return key + ":" + strconv.Itoa(v+999000)
			})
			return sealed(map[string][]byte{AnnotationsFile: []byte(strings.Join(lines, "\n"))})
		}, "is marked at runes 999", nil},
		{"bytes that are not UTF-8", func() []byte {
			return sealed(map[string][]byte{hb.note: replaceIn(hb.files[hb.note], "Talked", "Talk\xffed")})
		}, "is not valid UTF-8 text", nil},
		{"a YAML tag", func() []byte {
			return sealed(map[string][]byte{hb.pieceName: replaceIn(hb.files[hb.pieceName], "title:", "outlet: !!binary PHNjcmlwdD4=\ntitle:")})
		}, "the YAML tag !!binary", nil},
		{"a script URL", func() []byte {
			return sealed(map[string][]byte{hb.pieceName: regexp.MustCompile(`(?m)^url: .*$`).ReplaceAll(hb.files[hb.pieceName], []byte("url: javascript:alert(1)"))})
		}, "is not a web address", nil},
		{"collection with an unknown field", func() []byte {
			return sealed(map[string][]byte{AnnotationsFile: replaceIn(hb.files[AnnotationsFile], `"label"`, `"script": 1, "label"`)})
		}, "a field Commonplace does not know", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := c.bundle()
			lim := formatLimits
			if c.limits != nil {
				c.limits(&lim)
			}
			_, err := importWithin(target, bytes.NewReader(data), int64(len(data)), merge.Options{}, lim)
			if err == nil {
				t.Fatal("accepted")
			}
			if !errors.Is(err, ErrBadBundle) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %q, want one saying %q", err, c.want)
			}
			t.Log(err)
			if msg := err.Error(); strings.Contains(msg, "\n") || len(msg) > 300 {
				t.Fatalf("not one sentence: %q", msg)
			}
			if bundletest.Fingerprint(t, target) != before {
				t.Fatal("a refused bundle changed the notebook")
			}
		})
	}
}

// A bundle's manifest lists what was left outside it; the import reports
// those references.
func TestOutsideReferencesAreReported(t *testing.T) {
	nb := bundletest.NewRich(t)
	data, m := exportBytes(t, nb.S, scope.Scope{Pieces: []string{nb.Edited}}, t0)
	if len(m.Outside) == 0 {
		t.Fatal("a one-piece export has no outside references")
	}
	other := bundletest.OpenStore(t)
	rep, err := importBytes(t, other, data, merge.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Outside) != len(m.Outside) {
		t.Fatalf("report outside %+v, manifest %+v", rep.Outside, m.Outside)
	}
	bundletest.MustCheck(t, other)
}

func mustJSON(t testing.TB, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
}

func toJSON(t testing.TB, v any) []byte {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return data
}
