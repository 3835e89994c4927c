package storage

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// PartialAge is how long a temporary file or folder (of WriteWhole, a
// backup, a Markdown export) may stand untouched before the next write
// beside it takes it for the litter of a writer that was killed: a writer
// under way writes to it all the time.
const PartialAge = 10 * time.Minute

// WriteWhole writes the file at path whole or not at all, for every file
// the app writes for the user (bundles, backups, maps) and its own key
// header: write fills a temporary file beside path (".name.*.partial"),
// which is synced and renamed over path only once write has succeeded, so
// path never holds half a file whatever happens — a crash, a kill, a full
// disk. A failed write takes its temporary file with it; those a killed
// writer left are removed by the next write to the same name.
//
// A file error (the disk filled up, the folder is missing) is put in
// words by FileError as "cannot write <what> to <path>: …", naming path,
// not the temporary file; write's other errors are returned as they are.
func WriteWhole(path, what string, perm fs.FileMode, write func(w io.Writer) error) error {
	dir, base := filepath.Dir(path), filepath.Base(path)
	DropStalePartials(dir, "."+base+".", ".partial")
	f, err := os.CreateTemp(dir, "."+base+".*.partial")
	if err != nil {
		return wholeFileError(path, what, "", err)
	}
	tmp := f.Name()
	bw := bufio.NewWriterSize(f, 1<<20)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		// A rename can reach the disk before the data it names: sync first.
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, perm) // CreateTemp makes it private
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return wholeFileError(path, what, tmp, err)
	}
	SyncDir(dir)
	return nil
}

// wholeFileError names path where err names the temporary file.
func wholeFileError(path, what, tmp string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe) && (pe.Path == tmp || tmp == ""):
		return FileError("cannot write "+what+" to "+path, &fs.PathError{Op: pe.Op, Path: path, Err: pe.Err})
	case errors.As(err, &le):
		return FileError("cannot write "+what+" to "+path, le.Err)
	}
	return err
}

// DropStalePartials removes the temporary files and folders in dir —
// named prefix…suffix — that writers killed before renaming them into
// place left, once untouched for PartialAge (a folder counts as touched
// when a file was last added to it or to a folder in it).
func DropStalePartials(dir, prefix, suffix string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n, p := e.Name(), filepath.Join(dir, e.Name())
		if !strings.HasPrefix(n, prefix) || !strings.HasSuffix(n, suffix) {
			continue
		}
		switch {
		case e.Type().IsRegular():
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > PartialAge {
				os.Remove(p)
			}
		case e.IsDir():
			if time.Since(lastChange(p)) > PartialAge {
				os.RemoveAll(p)
			}
		}
	}
}

// lastChange is when a file was last added to the folder dir or to the
// folders in it, where a writer adds its files.
func lastChange(dir string) time.Time {
	var last time.Time
	if info, err := os.Stat(dir); err == nil {
		last = info.ModTime()
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && e.IsDir() && info.ModTime().After(last) {
			last = info.ModTime()
		}
	}
	return last
}
