package storage

import (
	"regexp"
	"strings"
	"unicode"

	"commonplace/storage/anchor"
	"commonplace/storage/textnorm"
	"github.com/dgraph-io/badger/v4"
)

// AnnotationInput is what the researcher gives a new annotation besides the span.
type AnnotationInput struct {
	Note  string
	Tags  []string
	Color string
}

// Annotate marks runes [start,end) of a piece's current text. Whitespace at
// either end of the span is left out, as a user dragging across words means
// the words.
func (s *Store) Annotate(pieceID string, start, end int, in AnnotationInput) (Annotation, error) {
	var a Annotation
	err := s.Batch(func(b *Batch) error {
		var err error
		a, err = b.Annotate(pieceID, start, end, in)
		return err
	})
	return a, err
}

// AnnotateQuote marks the nth (from 1) occurrence of quote in a piece. The
// quote is normalised like piece text, so pasted line breaks still match.
func (s *Store) AnnotateQuote(pieceID, quote string, nth int, in AnnotationInput) (Annotation, error) {
	var a Annotation
	err := s.Batch(func(b *Batch) error {
		var err error
		a, err = b.AnnotateQuote(pieceID, quote, nth, in)
		return err
	})
	return a, err
}

// findNth locates the nth occurrence of quote in doc, in runes. Any run of
// whitespace in the quote matches any run in the text, so a quote copied
// across a line break, or typed with a space where the text breaks the
// line, still matches.
func findNth(doc *anchor.Text, quote string, nth int) (int, int, error) {
	words := strings.Fields(textnorm.Normalize(quote))
	if len(words) == 0 {
		return 0, 0, invalid("the quote is empty")
	}
	if nth < 1 {
		return 0, 0, invalid("occurrences are counted from 1")
	}
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	re := regexp.MustCompile(strings.Join(words, `\s+`))
	text := doc.String()
	found := re.FindAllStringIndex(text, nth)
	if len(found) == nth {
		m := found[nth-1]
		return doc.ByteToRune(m[0]), doc.ByteToRune(m[1]), nil
	}
	if len(found) == 0 {
		return 0, 0, invalid("the quote does not occur in the piece")
	}
	return 0, 0, invalid("the quote occurs %d times in the piece, not %d", len(found), nth)
}

func (t *tx) annotate(pieceID string, doc *anchor.Text, start, end int, in AnnotationInput) (Annotation, error) {
	p, err := t.piece(pieceID)
	if err != nil {
		return Annotation{}, err
	}
	start, end = trimSpan(doc, start, end)
	sel, err := doc.Describe(start, end)
	if err != nil {
		return Annotation{}, invalid("cannot mark that span: %v", err)
	}
	color, err := checkColor(in.Color)
	if err != nil {
		return Annotation{}, err
	}
	a := Annotation{
		V: recordVersion, ID: newID(), PieceID: pieceID, Selector: sel, Rev: p.Revision,
		Status: anchor.Anchored, Note: strings.TrimSpace(in.Note), Tags: NormalizeTags(in.Tags),
		Color: color, Created: t.now, Updated: t.now,
	}
	return a, t.putAnnotation(a, nil)
}

// trimSpan shrinks [start,end) to exclude surrounding whitespace. A span of
// only whitespace is left as it is, for Describe to refuse.
func trimSpan(doc *anchor.Text, start, end int) (int, int) {
	if start < 0 || end > doc.Len() || start >= end {
		return start, end
	}
	s, e := start, end
	for s < e && isSpace(doc.Slice(s, s+1)) {
		s++
	}
	for e > s && isSpace(doc.Slice(e-1, e)) {
		e--
	}
	if s == e {
		return start, end
	}
	return s, e
}

func isSpace(r string) bool { return strings.TrimFunc(r, unicode.IsSpace) == "" }

// putAnnotation writes a and keeps its indexes in step with old (nil for new).
func (t *tx) putAnnotation(a Annotation, old *Annotation) error {
	if err := t.putJSON(recordKey(KindAnnotation, a.ID), a); err != nil {
		return err
	}
	var oldTags []string
	if old == nil {
		if err := t.setIndex(pairKey(ixPieceAnn, a.PieceID, a.ID)); err != nil {
			return err
		}
		t.changed(OpCreate, KindAnnotation, a.ID)
	} else {
		oldTags = old.Tags
		t.changed(OpUpdate, KindAnnotation, a.ID)
	}
	return t.retag(KindAnnotation, a.ID, oldTags, a.Tags)
}

// Annotation returns one annotation.
func (s *Store) Annotation(id string) (Annotation, error) {
	return viewGet[Annotation](s, KindAnnotation, id)
}

// AnnotationNoWait is Annotation for a caller that must never wait on the
// notebook (a search showing a passage's quote): ErrBusy while it is being
// closed or a staged copy swapped in.
func (s *Store) AnnotationNoWait(id string) (Annotation, error) {
	var a Annotation
	err := s.viewNoWait(func(txn *badger.Txn) error {
		var err error
		a, err = readTx(s, txn).annotation(id)
		return err
	})
	return a, err
}

func (t *tx) annotation(id string) (Annotation, error) { return get[Annotation](t, KindAnnotation, id) }

// AnnotationsOf lists a piece's annotations in text order.
func (s *Store) AnnotationsOf(pieceID string) ([]Annotation, error) {
	var out []Annotation
	err := s.view(func(txn *badger.Txn) error {
		var err error
		out, err = readTx(s, txn).annotationsOf(pieceID)
		return err
	})
	return out, err
}

// AnnotationIDsOf lists the ids of a piece's annotations, in id order,
// from the index alone: a selection of thousands of pieces needs the ids,
// not the records.
func (s *Store) AnnotationIDsOf(pieceID string) ([]string, error) {
	var ids []string
	err := s.view(func(txn *badger.Txn) error {
		ids = readTx(s, txn).tails([]byte(ixPieceAnn + pieceID + "/")) // keys come in id order
		return nil
	})
	return ids, err
}

func (t *tx) annotationsOf(pieceID string) ([]Annotation, error) {
	ids := t.tails([]byte(ixPieceAnn + pieceID + "/"))
	out := make([]Annotation, 0, len(ids))
	for _, id := range ids {
		a, err := t.annotation(id)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	SortByPlace(out)
	return out, nil
}

// UpdateAnnotation saves an annotation's note, tags and colour.
func (s *Store) UpdateAnnotation(a Annotation) (Annotation, error) {
	var saved Annotation
	err := s.update(func(t *tx) error {
		old, err := t.annotation(a.ID)
		if err != nil {
			return err
		}
		color, err := checkColor(a.Color)
		if err != nil {
			return err
		}
		saved = old
		saved.Note, saved.Tags, saved.Color = strings.TrimSpace(a.Note), NormalizeTags(a.Tags), color
		saved.Updated = t.now
		return t.putAnnotation(saved, &old)
	})
	return saved, err
}

// Reanchor puts an annotation on runes [start,end) of its piece's current
// text: how the researcher resolves one flagged for review or orphaned.
func (s *Store) Reanchor(id string, start, end int) (Annotation, error) {
	var saved Annotation
	err := s.update(func(t *tx) error {
		old, err := t.annotation(id)
		if err != nil {
			return err
		}
		p, err := t.piece(old.PieceID)
		if err != nil {
			return err
		}
		text, err := t.text(old.PieceID)
		if err != nil {
			return err
		}
		doc := anchor.NewText(text)
		start, end = trimSpan(doc, start, end)
		sel, err := doc.Describe(start, end)
		if err != nil {
			return invalid("cannot mark that span: %v", err)
		}
		saved = old
		saved.Selector, saved.Rev, saved.Status, saved.Guess, saved.Updated = sel, p.Revision, anchor.Anchored, nil, t.now
		return t.putAnnotation(saved, &old)
	})
	return saved, err
}
