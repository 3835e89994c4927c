package importer

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func zipOf(t *testing.T, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		w, err := zw.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func imageOf(t *testing.T, enc func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := enc(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRefusals(t *testing.T) {
	gz := func() []byte {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write([]byte("notes about Aktau"))
		w.Close()
		return buf.Bytes()
	}()
	pngData := imageOf(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) })
	jpegData := imageOf(t, func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) })
	binary := bytes.Repeat([]byte{0x00, 0x13, 0xfe, 0x42, 0x07, 0x99}, 100)
	ole := append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), binary...)

	tests := []struct {
		name string
		data []byte
		is   error
		msg  string
	}{
		{"report.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), ErrUnsupported,
			"report.pdf: this PDF is damaged and cannot be read"},
		{"scan.bin", append([]byte("junk\r\n"), []byte("%PDF-1.4\n")...), ErrUnsupported, "scan.bin: this PDF is damaged and cannot be read"},
		{"photo.png", pngData, ErrUnsupported, "photo.png: this is an image, not a text document"},
		{"photo.jpg", jpegData, ErrUnsupported, "photo.jpg: this is an image, not a text document"},
		{"anim.gif", []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00"), ErrUnsupported, "NAME: this is an image"},
		{"map.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><text>Aktau</text></svg>`), ErrUnsupported, "NAME: this is an image"},
		{"map.xml", []byte("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"), ErrUnsupported, "NAME: this is an image"},
		{"notes.docx", zipOf(t, "[Content_Types].xml", "<Types/>", "word/document.xml", "<w:document/>"), ErrUnsupported,
			"notes.docx: Word documents cannot be imported yet; save the document as plain text or as a web page (HTML) and import that"},
		{"notes.doc", ole, ErrUnsupported, "notes.doc: Word documents cannot be imported yet"},
		{"budget.xls", ole, ErrUnsupported, "budget.xls: spreadsheets cannot be imported"},
		{"thing.msg", ole, ErrUnsupported, "thing.msg: this is a Microsoft Office file"},
		{"book.epub", zipOf(t, "mimetype", "application/epub+zip", "OEBPS/ch1.xhtml", "<html/>"), ErrUnsupported,
			"book.epub: EPUB e-books cannot be imported yet"},
		{"essay.odt", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<x/>"), ErrUnsupported,
			"essay.odt: OpenDocument text files cannot be imported yet"},
		{"figures.xlsx", zipOf(t, "xl/workbook.xml", "<x/>"), ErrUnsupported, "figures.xlsx: spreadsheets cannot be imported"},
		{"archive.zip", zipOf(t, "a.txt", "Aktau"), ErrUnsupported, "archive.zip: this is a ZIP archive; unpack it and import the documents inside"},
		{"notes.txt.gz", gz, ErrUnsupported, "notes.txt.gz: this is a compressed archive"},
		{"tool", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00"), ErrUnsupported, "tool: this is a program, not a text document"},
		{"letter.rtf", []byte(`{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard Aktau.}`), ErrUnsupported, "letter.rtf: RTF documents cannot be imported yet"},
		{"x.bin", binary, ErrUnsupported, "x.bin: this does not look like a text document (binary data)"},
		{"broken.pdf", binary, ErrUnsupported, "broken.pdf: this file is named as a PDF but is not one"},
		{"controls.txt", bytes.Repeat([]byte("ab\x01\x02\x03\x04"), 50), ErrUnsupported, "controls.txt: this does not look like a text document"},
		{"empty.txt", nil, ErrNoText, "empty.txt: the file is empty"},
		{"blank.md", []byte(" \n\t\r\n "), ErrNoText, "blank.md: the file is empty"},
		{"x.html", []byte("<html><head><title>Menu</title><script>var a=1;</script></head><body><nav><a href=/>Home</a></nav></body></html>"),
			ErrNoText, "x.html: no article text found"},
		{"only-html.md", []byte("<div>\nlayout only\n</div>\n"), ErrNoText, "only-html.md: no text found"},
		{"/some/dir/controls.bin", []byte("\x00\x01"), ErrUnsupported, "controls.bin: this does not look like a text document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Bytes(tt.name, tt.data)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("error %q does not wrap %v", err, tt.is)
			}
			msg := strings.ReplaceAll(tt.msg, "NAME", filepath.Base(tt.name))
			if !strings.HasPrefix(err.Error(), msg) {
				t.Errorf("error = %q, want prefix %q", err, msg)
			}
		})
	}
}

// TestTextStartingLikeMagic checks that weak signatures do not refuse text.
func TestTextStartingLikeMagic(t *testing.T) {
	for _, s := range []string{"BZh is how bzip2 files start.", "OTTO VON BISMARCK\n\nA note.", "MZ stands for many things.", "ID3 tags"} {
		if _, err := Bytes("note.txt", []byte(s)); err != nil {
			t.Errorf("%q: %v", s, err)
		}
	}
}

func TestFileErrors(t *testing.T) {
	dir := t.TempDir()

	_, err := File(filepath.Join(dir, "missing.txt"))
	if !errors.Is(err, fs.ErrNotExist) || err.Error() != "missing.txt: the file does not exist" {
		t.Errorf("missing file: %v", err)
	}

	_, err = File(dir)
	if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "this is a folder") {
		t.Errorf("folder: %v", err)
	}
}

func TestTooLarge(t *testing.T) {
	// The bound at 100 bytes: the mechanism is the same at MaxFileSize.
	const limit = 100

	big := []byte(strings.Repeat("Freight on the Middle Corridor. ", 10))
	path := filepath.Join(t.TempDir(), "big.txt")
	if err := os.WriteFile(path, big, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := fileUpTo(path, limit, Options{})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("File: %v, want ErrTooLarge", err)
	}
	if want := "big.txt: the file is too large to import (320 bytes; the limit is 100 bytes)"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if _, err := bytesUpTo("big.txt", big, limit, Options{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Bytes: %v, want ErrTooLarge", err)
	}

	// A device reports no size; the bounded read still stops it.
	if runtime.GOOS != "windows" {
		_, err := fileUpTo("/dev/zero", limit, Options{})
		if !errors.Is(err, ErrTooLarge) || err.Error() != "zero: the file is too large to import (over the limit of 100 bytes)" {
			t.Errorf("/dev/zero: %v", err)
		}
	}

	// At the bound exactly the file is accepted.
	if err := os.WriteFile(path, big[:100], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := fileUpTo(path, limit, Options{}); err != nil {
		t.Errorf("file at the bound: %v", err)
	}
}

func TestErrorWithoutName(t *testing.T) {
	_, err := Bytes("", nil)
	if err == nil || err.Error() != "The file is empty" {
		t.Errorf("error = %v", err)
	}
}
