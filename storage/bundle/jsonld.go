package bundle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"commonplace/storage"
	"commonplace/storage/anchor"
)

// annotations.jsonld is a W3C Web Annotation AnnotationCollection: any Web
// Annotation tool can read the passages (a TextualBody for the note and one
// per tag, a TextQuoteSelector and a TextPositionSelector on the piece),
// and links appear as "linking" annotations. What the W3C model has no term
// for — colour, anchor status, the revision a selector was made against,
// the guess of a passage flagged for review, a link's relation and
// strength — goes under the cp: prefix, so nothing is lost.

// noteFormat is the format of a note's TextualBody.
const noteFormat = "text/plain"

// ldContext is the collection's @context: the W3C context and our prefix.
func ldContext() []any {
	return []any{W3CContext, map[string]string{CPPrefix: CPNS}}
}

// ldAnnotation is one item of the collection: a passage or a link.
type ldAnnotation struct {
	ID         string    `json:"id"`
	Type       string    `json:"type"`
	Motivation string    `json:"motivation"`
	Created    time.Time `json:"created"`
	Modified   time.Time `json:"modified"`
	Body       []ldBody  `json:"body,omitempty"`
	Target     ldTarget  `json:"target"`

	Color    string        `json:"cp:color,omitempty"`
	Status   string        `json:"cp:status,omitempty"`
	Revision int           `json:"cp:revision,omitempty"`
	Guess    *storage.Span `json:"cp:guess,omitempty"`
	Relation string        `json:"cp:relation,omitempty"`
	Strength int           `json:"cp:strength,omitempty"`
}

// ldBody is a TextualBody (note or tag) or, for a link, the linked item.
type ldBody struct {
	ID      string `json:"id,omitempty"`
	Type    string `json:"type,omitempty"`
	Purpose string `json:"purpose,omitempty"`
	Value   string `json:"value,omitempty"`
	Format  string `json:"format,omitempty"`
}

// ldTarget is a passage's specific resource (source and selectors) or a
// link's source item, written as a bare IRI.
type ldTarget struct {
	IRI      string
	Source   string
	Selector []ldSelector
}

// ldSelector is either W3C selector; Start and End are pointers so that
// a position of 0 is written.
type ldSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	Start  *int   `json:"start,omitempty"`
	End    *int   `json:"end,omitempty"`
}

type ldSpecific struct {
	Source   string       `json:"source"`
	Selector []ldSelector `json:"selector"`
}

func (t ldTarget) MarshalJSON() ([]byte, error) {
	if t.IRI != "" {
		return json.Marshal(t.IRI)
	}
	return marshalNoEscape(ldSpecific{Source: t.Source, Selector: t.Selector})
}

func (t *ldTarget) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &t.IRI)
	}
	var s ldSpecific
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return err
	}
	t.Source, t.Selector = s.Source, s.Selector
	return nil
}

// marshalNoEscape is json.Marshal without HTML escaping, which would turn
// every < and & in a quote into \u003c and make the file harder to read.
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func urn(id string) string { return URNPrefix + id }

// annotationLD describes a passage as a Web Annotation.
func annotationLD(a storage.Annotation) ldAnnotation {
	ld := ldAnnotation{
		ID: urn(a.ID), Type: TypeAnnotation, Motivation: MotivationHighlighting,
		Created: a.Created.UTC(), Modified: a.Updated.UTC(),
		Color: a.Color, Status: string(a.Status), Revision: a.Rev, Guess: a.Guess,
	}
	if a.Note != "" {
		ld.Motivation = MotivationCommenting
		ld.Body = append(ld.Body, ldBody{Type: TypeTextualBody, Purpose: MotivationCommenting, Value: a.Note, Format: noteFormat})
	}
	for _, tag := range a.Tags {
		ld.Body = append(ld.Body, ldBody{Type: TypeTextualBody, Purpose: MotivationTagging, Value: tag})
	}
	start, end := a.Selector.Start, a.Selector.End
	ld.Target = ldTarget{Source: urn(a.PieceID), Selector: []ldSelector{
		{Type: TypeQuoteSelector, Exact: a.Selector.Exact, Prefix: a.Selector.Prefix, Suffix: a.Selector.Suffix},
		{Type: TypePositionSelector, Start: &start, End: &end},
	}}
	return ld
}

// linkLD describes a link as a linking Web Annotation: the target is where
// it starts, the body where it points.
func linkLD(l storage.Link) ldAnnotation {
	ld := ldAnnotation{
		ID: urn(l.ID), Type: TypeAnnotation, Motivation: MotivationLinking,
		Created: l.Created.UTC(), Modified: l.Updated.UTC(),
		Body:     []ldBody{{ID: urn(l.To)}},
		Target:   ldTarget{IRI: urn(l.From)},
		Relation: l.Rel, Strength: l.Strength,
	}
	if l.Note != "" {
		ld.Body = append(ld.Body, ldBody{Type: TypeTextualBody, Purpose: MotivationCommenting, Value: l.Note, Format: noteFormat})
	}
	return ld
}

// idFromURN takes the item id out of urn:uuid:<id>, refusing anything else.
func idFromURN(what, iri string) (string, error) {
	id, ok := strings.CutPrefix(iri, URNPrefix)
	if !ok || !storage.ValidID(id) {
		return "", fmt.Errorf("%s %q is not a urn:uuid: of a lower-case UUID", what, clip(iri))
	}
	return id, nil
}

// fromLD reads one item back: a passage (link is nil) or a link (ann is
// nil). Every field is checked; the message names the item.
func fromLD(ld ldAnnotation) (*storage.Annotation, *storage.Link, error) {
	id, err := idFromURN("an annotation's id", ld.ID)
	if err != nil {
		return nil, nil, err
	}
	fail := func(f string, a ...any) error {
		return fmt.Errorf("annotation %s: %s", id, fmt.Sprintf(f, a...))
	}
	if ld.Type != TypeAnnotation {
		return nil, nil, fail("its type is %q, not %q", clip(ld.Type), TypeAnnotation)
	}
	if ld.Motivation == MotivationLinking {
		l, err := linkFromLD(id, ld)
		if err != nil {
			return nil, nil, fail("%v", err)
		}
		return nil, l, nil
	}
	if ld.Motivation != MotivationCommenting && ld.Motivation != MotivationHighlighting {
		return nil, nil, fail("unknown motivation %q", clip(ld.Motivation))
	}
	if ld.Relation != "" || ld.Strength != 0 {
		return nil, nil, fail("a relation belongs on a linking annotation")
	}
	a := &storage.Annotation{ID: id, Rev: ld.Revision, Status: anchor.Status(ld.Status), Guess: ld.Guess,
		Color: ld.Color, Created: ld.Created.UTC(), Updated: ld.Modified.UTC()}
	for _, b := range ld.Body {
		if b.Type != TypeTextualBody || b.ID != "" || b.Value == "" {
			return nil, nil, fail("each body must be a TextualBody with a value")
		}
		switch b.Purpose {
		case MotivationCommenting:
			if a.Note != "" {
				return nil, nil, fail("it has two notes")
			}
			a.Note = b.Value
		case MotivationTagging:
			a.Tags = append(a.Tags, b.Value)
		default:
			return nil, nil, fail("a body's purpose is %q, not commenting or tagging", clip(b.Purpose))
		}
	}
	if ld.Target.IRI != "" {
		return nil, nil, fail("its target must name the piece and carry selectors")
	}
	if a.PieceID, err = idFromURN("its target", ld.Target.Source); err != nil {
		return nil, nil, fail("%v", err)
	}
	var haveQuote, havePos bool
	for _, s := range ld.Target.Selector {
		switch s.Type {
		case TypeQuoteSelector:
			if haveQuote || s.Exact == "" || s.Start != nil || s.End != nil {
				return nil, nil, fail("it needs one TextQuoteSelector with an exact quote")
			}
			haveQuote = true
			a.Selector.Exact, a.Selector.Prefix, a.Selector.Suffix = s.Exact, s.Prefix, s.Suffix
		case TypePositionSelector:
			if havePos || s.Start == nil || s.End == nil || s.Exact != "" || s.Prefix != "" || s.Suffix != "" {
				return nil, nil, fail("it needs one TextPositionSelector with a start and an end")
			}
			havePos = true
			a.Selector.Start, a.Selector.End = *s.Start, *s.End
		default:
			return nil, nil, fail("unknown selector %q", clip(s.Type))
		}
	}
	if !haveQuote || !havePos {
		return nil, nil, fail("it needs both a TextQuoteSelector and a TextPositionSelector")
	}
	sel := a.Selector
	if sel.Start < 0 || sel.End <= sel.Start || utf8.RuneCountInString(sel.Exact) != sel.End-sel.Start {
		return nil, nil, fail("its position %d–%d does not fit its quote", sel.Start, sel.End)
	}
	switch a.Status {
	case anchor.Anchored, anchor.Moved, anchor.Orphaned:
		if a.Guess != nil {
			return nil, nil, fail("only a passage flagged for review has a guess")
		}
	case anchor.Review:
		if a.Guess != nil && (a.Guess.Start < 0 || a.Guess.End < a.Guess.Start) {
			return nil, nil, fail("its guess %d–%d is not a span", a.Guess.Start, a.Guess.End)
		}
	default:
		return nil, nil, fail("unknown anchor status %q", clip(ld.Status))
	}
	if a.Rev < 0 {
		return nil, nil, fail("its revision %d is negative", a.Rev)
	}
	return a, nil, nil
}

func linkFromLD(id string, ld ldAnnotation) (*storage.Link, error) {
	l := &storage.Link{ID: id, Rel: ld.Relation, Strength: ld.Strength, Created: ld.Created.UTC(), Updated: ld.Modified.UTC()}
	if ld.Color != "" || ld.Status != "" || ld.Revision != 0 || ld.Guess != nil {
		return nil, fmt.Errorf("a link has no colour, status, revision or guess")
	}
	var err error
	if ld.Target.IRI == "" {
		return nil, fmt.Errorf("a link's target must be the item it starts from, as a urn:uuid: IRI")
	}
	if l.From, err = idFromURN("its target", ld.Target.IRI); err != nil {
		return nil, err
	}
	for i, b := range ld.Body {
		switch {
		case i == 0 && b.ID != "" && b.Type == "" && b.Value == "":
			if l.To, err = idFromURN("its body", b.ID); err != nil {
				return nil, err
			}
		case i == 1 && b.Type == TypeTextualBody && b.Purpose == MotivationCommenting && b.Value != "" && b.ID == "":
			l.Note = b.Value
		default:
			return nil, fmt.Errorf("a link's body is the item it points to, then at most a note")
		}
	}
	if l.To == "" {
		return nil, fmt.Errorf("a link's body must name the item it points to")
	}
	return l, nil
}

// clip shortens a hostile string quoted in an error message.
func clip(s string) string { return storage.Excerpt(s, 60) }
