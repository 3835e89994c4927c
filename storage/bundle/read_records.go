package bundle

import (
	"encoding/json"
	"errors"
	"io"
)

// The list files (annotations.jsonld, claims.json, links.json,
// references.json) may be large, so they are decoded one record at a time;
// each record is bounded too, since json.Decoder would otherwise buffer a
// single gigabyte string whole.

var errRecordTooBig = errors.New("record too large")

// budgetReader fails when a read would go past limit.
type budgetReader struct {
	r     io.Reader
	n     int64
	limit int64
}

func (b *budgetReader) Read(p []byte) (int, error) {
	room := b.limit - b.n
	if room <= 0 {
		return 0, errRecordTooBig
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	return n, err
}

// recordReader walks a JSON file token by token and decodes its records.
type recordReader struct {
	name   string
	br     *budgetReader
	dec    *json.Decoder
	record int64 // how large one record may be
}

func newRecordReader(name string, r io.Reader, record int64) *recordReader {
	br := &budgetReader{r: r, limit: record}
	dec := json.NewDecoder(br)
	dec.DisallowUnknownFields()
	return &recordReader{name: name, br: br, dec: dec, record: record}
}

// allow lets the decoder read up to one more record from where it is.
func (rr *recordReader) allow() {
	rr.br.limit = rr.dec.InputOffset() + rr.record + 1<<10
}

// fail turns a decoding error into the refusal sentence.
func (rr *recordReader) fail(err error) error {
	switch {
	case errors.Is(err, ErrBadBundle):
		return err
	case errors.Is(err, errRecordTooBig):
		return refuse("%s holds a record larger than %s", rr.name, bytesText(rr.record))
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return refuse("%s ends too early", rr.name)
	}
	return refuse("%s does not parse: %s", rr.name, oneLineErr(err))
}

// decode reads the next value into v.
func (rr *recordReader) decode(v any) error {
	rr.allow()
	if err := rr.dec.Decode(v); err != nil {
		return rr.fail(err)
	}
	return nil
}

// delim expects the next token to be d.
func (rr *recordReader) delim(d json.Delim, what string) error {
	rr.allow()
	tok, err := rr.dec.Token()
	if err != nil {
		return rr.fail(err)
	}
	if tok != d {
		return refuse("%s does not parse: expected %s", rr.name, what)
	}
	return nil
}

// key returns the next key of an object, or ok=false at its end.
func (rr *recordReader) key() (string, bool, error) {
	rr.allow()
	if !rr.dec.More() {
		tok, err := rr.dec.Token()
		if err != nil {
			return "", false, rr.fail(err)
		}
		if tok != json.Delim('}') {
			return "", false, refuse("%s does not parse: expected the end of an object", rr.name)
		}
		return "", false, nil
	}
	tok, err := rr.dec.Token()
	if err != nil {
		return "", false, rr.fail(err)
	}
	k, _ := tok.(string)
	return k, true, nil
}

// end checks nothing follows the top-level value.
func (rr *recordReader) end() error {
	rr.allow()
	_, err := rr.dec.Token()
	switch {
	case err == io.EOF:
		return nil
	case errors.Is(err, ErrBadBundle):
		return err // the file's checksum, read at its end, is the problem
	}
	return refuse("%s has more after its end", rr.name)
}

// eachInArray decodes a top-level array one element at a time.
func eachInArray[T any](rr *recordReader, fn func(v *T) error) error {
	if err := rr.delim('[', "an array"); err != nil {
		return err
	}
	for {
		rr.allow()
		if !rr.dec.More() {
			break
		}
		v := new(T)
		if err := rr.decode(v); err != nil {
			return err
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	if err := rr.delim(']', "the end of the array"); err != nil {
		return err
	}
	return rr.end()
}
