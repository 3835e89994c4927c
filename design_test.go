package main

import (
	"bufio"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDesignDrawsThePackages holds docs/DESIGN.md's table of packages to
// the code, both ways: every package of the module has its row, imports
// exactly the packages of the module its row names, and uses Fyne, Badger
// and sahilm/fuzzy exactly where the row says. A change of the
// architecture therefore changes the drawing in the same commit.
func TestDesignDrawsThePackages(t *testing.T) {
	drawn := readDesignTable(t, "docs/DESIGN.md")
	code := readImports(t, ".")
	for pkg := range code {
		if _, ok := drawn[pkg]; !ok {
			t.Errorf("docs/DESIGN.md has no row for the package %s", pkg)
		}
	}
	for pkg, want := range drawn {
		got, ok := code[pkg]
		if !ok {
			t.Errorf("docs/DESIGN.md draws %s, which is not a package of the code", pkg)
			continue
		}
		for _, imp := range got.internal {
			if !slices.Contains(want.internal, imp) {
				t.Errorf("%s imports %s; docs/DESIGN.md does not draw it", pkg, imp)
			}
		}
		for _, imp := range want.internal {
			if !slices.Contains(got.internal, imp) {
				t.Errorf("docs/DESIGN.md draws %s importing %s; the code does not", pkg, imp)
			}
		}
		if !slices.Equal(got.outside, want.outside) {
			t.Errorf("%s uses %v; docs/DESIGN.md says %v", pkg, got.outside, want.outside)
		}
	}
}

// pkgImports is what one package imports: packages of this module (by
// path inside it: "storage/anchor"; "." is main) and the outside libraries
// the design names.
type pkgImports struct {
	internal []string
	outside  []string // of "Fyne", "Badger", "fuzzy", sorted
}

// outsideNames are the libraries whose use the design keeps in bounds.
var outsideNames = map[string]string{
	"fyne.io/fyne/v2":                "Fyne",
	"github.com/dgraph-io/badger/v4": "Badger",
	"github.com/sahilm/fuzzy":        "fuzzy",
}

// readDesignTable reads the table that follows "## Packages": rows of
// | `package` | what it holds | `imported`, `packages` | outside libraries |.
func readDesignTable(t *testing.T, path string) map[string]pkgImports {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := map[string]pkgImports{}
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "## ") {
			in = line == "## Packages"
			continue
		}
		if !in || !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 4 {
			t.Fatalf("%s: a row of the packages table needs 4 cells: %s", path, line)
		}
		pkg := strings.Trim(strings.TrimSpace(cells[0]), "`")
		var p pkgImports
		for _, c := range strings.Split(cells[2], ",") {
			if c = strings.Trim(strings.TrimSpace(c), "`"); c != "" && c != "—" {
				p.internal = append(p.internal, c)
			}
		}
		for _, c := range strings.Split(cells[3], ",") {
			if c = strings.TrimSpace(c); c != "" && c != "—" {
				p.outside = append(p.outside, c)
			}
		}
		slices.Sort(p.outside)
		rows[pkg] = p
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no packages table under ## Packages", path)
	}
	return rows
}

// readImports parses every package of the module under root (test files,
// testdata and hidden folders left out) for its imports.
func readImports(t *testing.T, root string) map[string]pkgImports {
	t.Helper()
	const module = "commonplace"
	pkgs := map[string]pkgImports{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "bin" || name == "dist") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		file, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(path))
		p := pkgs[pkg]
		for _, imp := range file.Imports {
			ip := strings.Trim(imp.Path.Value, `"`)
			switch {
			case strings.HasPrefix(ip, module+"/"):
				if in := strings.TrimPrefix(ip, module+"/"); !slices.Contains(p.internal, in) {
					p.internal = append(p.internal, in)
				}
			default:
				for prefix, lib := range outsideNames {
					if (ip == prefix || strings.HasPrefix(ip, prefix+"/")) && !slices.Contains(p.outside, lib) {
						p.outside = append(p.outside, lib)
					}
				}
			}
		}
		slices.Sort(p.outside)
		pkgs[pkg] = p
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}
