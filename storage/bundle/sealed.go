package bundle

import (
	"errors"
	"fmt"
	"io"

	"filippo.io/age"
)

// A sealed bundle is a bundle encrypted with age (filippo.io/age, the
// age-encryption.org/v1 format) under a passphrase: age's scrypt
// recipient. It is a plain age file, so a colleague without the app opens
// it with "age -d bundle.zip.age > bundle.zip". age encrypts in 64 KiB
// chunks that can be read in any order, so the bundle is read where it
// lies, as a zip is, and no decrypted copy is ever written to disk.

// sealedMagic begins every age file.
const sealedMagic = "age-encryption.org/v1\n"

// Errors of sealed bundles.
var (
	ErrSealed                = errors.New("this bundle is encrypted; give its passphrase")
	ErrWrongBundlePassphrase = errors.New("wrong passphrase for this bundle")
)

// maxScryptWorkFactor bounds what a sealed bundle's header may ask of the
// machine: 2^20 rounds take a gigabyte of memory and a few seconds; age
// writes 2^18.
const maxScryptWorkFactor = 20

// IsSealed reports whether r holds a sealed bundle.
func IsSealed(r io.ReaderAt) bool {
	head := make([]byte, len(sealedMagic))
	n, _ := r.ReadAt(head, 0)
	return n == len(head) && string(head) == sealedMagic
}

// unseal opens a sealed bundle for reading in place.
func unseal(r io.ReaderAt, size int64, passphrase []byte) (io.ReaderAt, int64, error) {
	if len(passphrase) == 0 {
		return nil, 0, ErrSealed
	}
	id, err := age.NewScryptIdentity(string(passphrase))
	if err != nil {
		return nil, 0, err
	}
	id.SetMaxWorkFactor(maxScryptWorkFactor)
	plain, n, err := age.DecryptReaderAt(r, size, id)
	var noMatch *age.NoIdentityMatchError
	switch {
	case errors.As(err, &noMatch):
		return nil, 0, ErrWrongBundlePassphrase
	case err != nil:
		return nil, 0, refuse("the encrypted bundle cannot be read: %s", err)
	}
	return plain, n, nil
}

// sealWriter encrypts what is written to w with passphrase; Close ends
// the encryption (not w).
func sealWriter(w io.Writer, passphrase []byte) (io.WriteCloser, error) {
	r, err := age.NewScryptRecipient(string(passphrase))
	if err != nil {
		return nil, fmt.Errorf("cannot encrypt the bundle: %w", err)
	}
	return age.Encrypt(w, r)
}
