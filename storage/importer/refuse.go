package importer

import (
	"archive/zip"
	"bytes"
	"io"
	"path/filepath"
	"strings"
)

// The sentences shown when a file is refused. They say what the file is and,
// where there is one, what the user can do instead.
const (
	msgPDF        = "this file is named as a PDF but is not one (it has no PDF header); it may be damaged"
	msgWord       = "Word documents cannot be imported yet; save the document as plain text or as a web page (HTML) and import that"
	msgODT        = "OpenDocument text files cannot be imported yet; save the document as plain text or as a web page (HTML) and import that"
	msgRTF        = "RTF documents cannot be imported yet; save the document as plain text or as a web page (HTML) and import that"
	msgEPUB       = "EPUB e-books cannot be imported yet; save the chapter you need as HTML or text"
	msgEbook      = "this e-book format cannot be imported; save the chapter you need as HTML or text"
	msgSheet      = "spreadsheets cannot be imported; Commonplace imports articles and notes as text, Markdown or HTML"
	msgSlides     = "presentations cannot be imported; save the slides' text as plain text or HTML"
	msgOffice     = "this is a Microsoft Office file, which cannot be imported yet; save it as plain text or HTML"
	msgImage      = "this is an image, not a text document"
	msgMedia      = "this is an audio or video file, not a text document"
	msgArchive    = "this is a compressed archive; unpack it and import the documents inside"
	msgZIP        = "this is a ZIP archive; unpack it and import the documents inside"
	msgProgram    = "this is a program, not a text document"
	msgDatabase   = "this is a database file, not a text document"
	msgFont       = "this is a font file, not a text document"
	msgPostScript = "PostScript files cannot be imported; save the document as HTML or text"
	msgBinary     = "this does not look like a text document (binary data)"
)

// signature is a magic number at a fixed offset.
type signature struct {
	offset int
	magic  string
	msg    string
}

// signatures are checked in order against the raw bytes. Magic numbers too
// short to mean anything (BMP's "BM", DOS "MZ", MP3 frame sync) are left to
// the binary-data check, which words its refusal by extension.
var signatures = []signature{
	{0, "\x89PNG\r\n\x1a\n", msgImage},
	{0, "\xff\xd8\xff", msgImage},
	{0, "GIF87a", msgImage},
	{0, "GIF89a", msgImage},
	{0, "II*\x00", msgImage},
	{0, "MM\x00*", msgImage},
	{0, "\x00\x00\x01\x00", msgImage}, // ICO
	{0, "\x76\x2f\x31\x01", msgImage}, // OpenEXR
	{0, "8BPS\x00\x01", msgImage},     // Photoshop
	{0, "{\\rtf", msgRTF},
	{0, "%!PS", msgPostScript},
	{0, "\x1f\x8b", msgArchive},     // gzip
	{0, "\xfd7zXZ\x00", msgArchive}, // xz
	{0, "7z\xbc\xaf\x27\x1c", msgArchive},
	{0, "Rar!\x1a\x07", msgArchive},
	{0, "\x28\xb5\x2f\xfd", msgArchive}, // zstd
	{257, "ustar", msgArchive},          // tar
	{0, "\x7fELF", msgProgram},
	{0, "\xfe\xed\xfa\xce", msgProgram}, // Mach-O
	{0, "\xfe\xed\xfa\xcf", msgProgram},
	{0, "\xce\xfa\xed\xfe", msgProgram},
	{0, "\xcf\xfa\xed\xfe", msgProgram},
	{0, "\xca\xfe\xba\xbe", msgProgram}, // Java class or Mach-O universal
	{0, "\x00asm", msgProgram},          // WebAssembly
	{0, "SQLite format 3\x00", msgDatabase},
	{0, "OggS\x00", msgMedia},
	{0, "fLaC", msgMedia},
	{0, "ID3\x02", msgMedia},
	{0, "ID3\x03", msgMedia},
	{0, "ID3\x04", msgMedia},
	{0, "\x1a\x45\xdf\xa3", msgMedia}, // Matroska / WebM
	{0, "wOFF", msgFont},
	{0, "wOF2", msgFont},
	{60, "BOOKMOBI", msgEbook},
}

func (s signature) matches(data []byte) bool {
	return len(data) >= s.offset+len(s.magic) && string(data[s.offset:s.offset+len(s.magic)]) == s.magic
}

// weakSignatures are ones ordinary text could also start with ("BZh…",
// "OTTO…"), so they are trusted only for data that is binary anyway.
var weakSignatures = []signature{
	{0, "BZh", msgArchive}, // bzip2
	{0, "OTTO", msgFont},
}

// extMessages explain a refusal by extension when the content is binary but
// no signature matched, for instance a damaged or encrypted file.
var extMessages = map[string]string{
	".pdf": msgPDF, ".doc": msgWord, ".docx": msgWord, ".docm": msgWord, ".dot": msgWord, ".dotx": msgWord,
	".odt": msgODT, ".rtf": msgRTF, ".epub": msgEPUB, ".mobi": msgEbook, ".azw": msgEbook, ".azw3": msgEbook,
	".xls": msgSheet, ".xlsx": msgSheet, ".ods": msgSheet, ".numbers": msgSheet,
	".ppt": msgSlides, ".pptx": msgSlides, ".odp": msgSlides, ".key": msgSlides, ".pages": msgWord,
	".png": msgImage, ".jpg": msgImage, ".jpeg": msgImage, ".gif": msgImage, ".webp": msgImage, ".bmp": msgImage,
	".tif": msgImage, ".tiff": msgImage, ".heic": msgImage, ".avif": msgImage, ".svg": msgImage, ".ico": msgImage,
	".mp3": msgMedia, ".m4a": msgMedia, ".wav": msgMedia, ".ogg": msgMedia, ".flac": msgMedia, ".mp4": msgMedia,
	".mov": msgMedia, ".mkv": msgMedia, ".webm": msgMedia, ".avi": msgMedia,
	".zip": msgZIP, ".gz": msgArchive, ".tgz": msgArchive, ".bz2": msgArchive, ".xz": msgArchive, ".7z": msgArchive,
	".rar": msgArchive, ".tar": msgArchive, ".zst": msgArchive,
	".exe": msgProgram, ".dll": msgProgram, ".so": msgProgram, ".dylib": msgProgram, ".app": msgProgram,
	".sqlite": msgDatabase, ".db": msgDatabase,
	".ttf": msgFont, ".otf": msgFont, ".woff": msgFont, ".woff2": msgFont,
}

// refuseByMagic returns the refusal sentence for data whose first bytes
// identify a format we cannot import, or "".
func refuseByMagic(data []byte) string {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")) {
		return zipKind(data)
	}
	if bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")) {
		return msgOffice // refined by extension in refusal
	}
	for _, s := range signatures {
		if s.matches(data) {
			return s.msg
		}
	}
	for _, s := range weakSignatures {
		if s.matches(data) && looksBinary(data) {
			return s.msg
		}
	}
	if len(data) >= 12 {
		switch {
		case string(data[0:4]) == "RIFF" && string(data[8:12]) == "WEBP":
			return msgImage
		case string(data[0:4]) == "RIFF" && (string(data[8:12]) == "WAVE" || string(data[8:12]) == "AVI "):
			return msgMedia
		case string(data[4:8]) == "ftyp":
			return isoMediaKind(string(data[8:12]))
		}
	}
	return ""
}

// isoMediaKind tells still images (HEIF, AVIF) from audio and video in the
// ISO base media family, which share the "ftyp" box.
func isoMediaKind(brand string) string {
	switch brand {
	case "heic", "heix", "heim", "heis", "mif1", "msf1", "avif", "avis":
		return msgImage
	}
	return msgMedia
}

// zipKind looks inside a ZIP container, because DOCX, EPUB, ODT and XLSX
// are all ZIP files and the user deserves to be told which one they have.
func zipKind(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return msgZIP
	}
	for _, f := range zr.File {
		switch {
		case f.Name == "mimetype":
			return mimetypeKind(f)
		case strings.HasPrefix(f.Name, "word/"):
			return msgWord
		case strings.HasPrefix(f.Name, "xl/"):
			return msgSheet
		case strings.HasPrefix(f.Name, "ppt/"):
			return msgSlides
		}
	}
	return msgZIP
}

// mimetypeKind reads the "mimetype" entry that EPUB and OpenDocument files
// store first in their archive.
func mimetypeKind(f *zip.File) string {
	rc, err := f.Open()
	if err != nil {
		return msgZIP
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 128))
	mt := strings.TrimSpace(string(b))
	switch {
	case mt == "application/epub+zip":
		return msgEPUB
	case mt == "application/vnd.oasis.opendocument.text":
		return msgODT
	case strings.HasPrefix(mt, "application/vnd.oasis.opendocument.spreadsheet"):
		return msgSheet
	case strings.HasPrefix(mt, "application/vnd.oasis.opendocument.presentation"):
		return msgSlides
	}
	return msgZIP
}

// isPDF reports a PDF by its header, which may follow a few bytes of junk
// (readers accept that, and so does PDFium).
func isPDF(data []byte) bool {
	return bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-"))
}

// refusal returns the error for data that cannot be imported, or nil.
func refusal(name string, data []byte) error {
	ext := strings.ToLower(filepath.Ext(name))
	if msg := refuseByMagic(data); msg != "" {
		if msg == msgOffice {
			if m, ok := extMessages[ext]; ok && (m == msgWord || m == msgSheet || m == msgSlides) {
				msg = m
			}
		}
		return newError(name, ErrUnsupported, msg)
	}
	return nil
}

// binaryRefusal is the error for data that failed the text checks, worded
// by extension when the extension says what the file was meant to be.
func binaryRefusal(name string) error {
	if msg, ok := extMessages[strings.ToLower(filepath.Ext(name))]; ok {
		return newError(name, ErrUnsupported, msg)
	}
	return newError(name, ErrUnsupported, msgBinary)
}
