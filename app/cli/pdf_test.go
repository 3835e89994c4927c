package cli

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// sealedPDF writes a two-page PDF that opens with password, its text set
// in lines the test knows.
func sealedPDF(t *testing.T, password string) string {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	if password != "" {
		pdf.SetProtection(fpdf.CnProtectPrint, password, "owner-"+password)
	}
	pdf.SetFont("Times", "", 12)
	for _, text := range []string{"The first page tells of Khorog.", "The second page tells of Osh."} {
		pdf.AddPage()
		pdf.CellFormat(0, 6, text, "", 1, "L", false, 0, "")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := pdf.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// An encrypted PDF imports with its password from each source the
// passphrases have (the terminal, the environment, standard input), and
// with none or a wrong one nothing is imported.
func TestImportEncryptedPDF(t *testing.T) {
	path := sealedPDF(t, "opensesame")
	s := &session{t: t, dir: filepath.Join(t.TempDir(), "nb"), env: map[string]string{}}
	s.fails("the PDF is encrypted", "", "import", path)

	s.answers = []string{"wrong"}
	s.fails("report.pdf: the password for this PDF is wrong; nothing was imported", "", "import", path)

	s.answers = []string{"opensesame"}
	id := strings.TrimSpace(s.must("", "import", path))
	if !slices.Equal(s.asked, []string{"PDF password: ", "PDF password: "}) {
		t.Errorf("prompts: %q", s.asked)
	}
	s.answers = nil
	s.env[envPDFPassword] = "opensesame"
	s.must("", "import", path)
	delete(s.env, envPDFPassword)
	s.must("opensesame\n", "import", "--passphrase-stdin", path)

	var piece struct {
		Format string `json:"format"`
		Text   string `json:"text"`
		Pages  []int  `json:"pages"`
	}
	if err := json.Unmarshal([]byte(s.must("", "show", "--json", id)), &piece); err != nil {
		t.Fatal(err)
	}
	if piece.Format != "pdf" || len(piece.Pages) != 2 || !strings.HasPrefix(string([]rune(piece.Text)[piece.Pages[1]:]), "The second page") {
		t.Errorf("piece %+v", piece)
	}
}

// A PDF that needs no password never asks for one.
func TestImportPlainPDFAsksNothing(t *testing.T) {
	s := &session{t: t, dir: filepath.Join(t.TempDir(), "nb"), env: map[string]string{}, answers: []string{}}
	s.must("", "import", sealedPDF(t, ""))
	if len(s.asked) != 0 {
		t.Errorf("asked %q", s.asked)
	}
}
