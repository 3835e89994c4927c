package cli

import (
	"errors"
	"fmt"
	"os"

	"commonplace/storage"
)

// runBackup writes a backup of the whole notebook: to FILE, or as a new
// rolling backup in FOLDER keeping the newest N.
func runBackup(c *context, args []string) error {
	fs := c.flags()
	out := fs.String("out", "", "the backup FILE to write")
	to := fs.String("to", "", "a FOLDER of rolling backups to add one to")
	keep := fs.Int("keep", 10, "with --to, how many backups to keep")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 0, "no arguments besides the flags"); err != nil {
		return err
	}
	if (*out == "") == (*to == "") {
		return usagef("give --out FILE or --to FOLDER (one of them)")
	}
	if *keep < 1 {
		return usagef("--keep must be at least 1")
	}
	s, err := c.readPreferWrite()
	if err != nil {
		return err
	}
	if *to != "" {
		path, err := s.BackupTo(*to, *keep)
		if err != nil {
			return err
		}
		c.printf("backed up to %s\n", path)
		return nil
	}
	if err := s.BackupFile(*out); err != nil {
		return err
	}
	c.printf("backed up to %s\n", *out)
	return nil
}

// runRestore makes a new notebook (--notebook, a new or empty folder)
// from a backup.
func runRestore(c *context, args []string) error {
	fs := c.flags()
	from := fs.String("from", "", "the backup FILE to restore")
	pos, err := c.parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 0, "no arguments besides the flags"); err != nil {
		return err
	}
	if *from == "" {
		return usagef("give --from FILE")
	}
	encrypted, err := storage.BackupIsEncrypted(*from)
	if errors.Is(err, storage.ErrNotBackup) {
		return fmt.Errorf("cannot restore %s: %w", *from, err)
	}
	if err != nil {
		return err
	}
	var opts []storage.Option
	if encrypted {
		p, err := c.passphrase()
		if err != nil {
			return err
		}
		opts = append(opts, storage.WithPassphrase(p))
	}
	f, err := os.Open(*from)
	if err != nil {
		return fmt.Errorf("cannot restore %s: %w", *from, err)
	}
	defer f.Close()
	dir := c.notebookDir()
	s, err := storage.RestoreBackup(dir, f, opts...)
	if err != nil {
		return fmt.Errorf("cannot restore %s: %w", *from, err)
	}
	c.store = s
	c.printf("restored %s into %s\n", *from, s.Dir())
	return nil
}
