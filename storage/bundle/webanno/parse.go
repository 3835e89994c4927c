package webanno

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"commonplace/storage/bundle"
)

// item is one Web Annotation as read, before its target is matched to
// a text. Only what Commonplace can hold is kept; unknown properties are
// ignored, as JSON-LD readers do.
type item struct {
	index             int    // 1, 2, … in the file's order, for messages
	id                string // as written; "" when it has none
	motivation        []string
	created, modified time.Time
	notes, tags       []string // TextualBodies: tagging gives tags, any other purpose notes
	iris              []string // bodies given as IRIs: a linking annotation's far end
	color, relation   string   // cp:color, cp:relation (Commonplace's own files)

	targetIRI string // a target naming a whole resource
	source    string // a target's source, when it selects part of it
	quote     *quoteSel
	pos       *positionSel
	skip      string // why this cannot be imported; "" when it may be
}

// quoteSel is a TextQuoteSelector.
type quoteSel struct{ exact, prefix, suffix string }

// positionSel is a TextPositionSelector, in code points, end exclusive.
type positionSel struct{ start, end int }

// label names the annotation in messages: its place and its id.
func (it *item) label() string {
	if it.id != "" {
		return fmt.Sprintf("annotation %d (%q)", it.index, clip(it.id))
	}
	return fmt.Sprintf("annotation %d", it.index)
}

// parser reads one file's annotations in order.
type parser struct {
	name  string // the file, for messages
	items []*item
}

// parse reads a Web Annotation file: an AnnotationCollection
// (its pages embedded), an AnnotationPage, a list of Annotations or one
// Annotation. Anything it cannot read in full is refused with one
// sentence (ErrBadAnnotations).
func parse(data []byte, name string) ([]*item, error) {
	if len(data) > MaxFileSize {
		return nil, refuse("%s is larger than %d MB, the most an annotation file may be", name, MaxFileSize>>20)
	}
	data = bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n")
	if len(data) == 0 {
		return nil, refuse("%s is empty", name)
	}
	// One pass to tell a broken file from a wrong one: later errors are
	// about kinds of values, never syntax. Unmarshal checks the syntax of
	// the whole input before it decodes anything, so on a broken file it
	// only says where.
	if !json.Valid(data) {
		err := json.Unmarshal(data, new(any))
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			// encoding/json's own words ("invalid character '+' looking
			// for beginning of value") are the parser's, not the user's.
			return nil, refuse("%s is not valid JSON (at byte %d)", name, syn.Offset)
		}
		return nil, refuse("%s is not valid JSON", name)
	}
	p := &parser{name: name}
	var err error
	switch data[0] {
	case '[':
		err = p.list(data, "the file's top level")
	case '{':
		err = p.top(data)
	default:
		err = fmt.Errorf("its top level is %s, not annotations", jsonKind(data))
	}
	if err != nil {
		if errors.Is(err, ErrBadAnnotations) {
			return nil, err
		}
		return nil, refuse("%s: %v", name, err)
	}
	return p.items, nil
}

// top reads the object at the top of the file.
func (p *parser) top(raw json.RawMessage) error {
	o, err := decodeObject(raw)
	if err != nil {
		return fmt.Errorf("its top level is not a valid object")
	}
	types, err := o.strs("its top level's type", "type", "@type")
	if err != nil {
		return err
	}
	switch {
	case hasTerm(types, bundle.TypeCollection):
		return p.collection(o)
	case hasTerm(types, bundle.TypePage):
		return p.pages(o)
	case hasTerm(types, bundle.TypeAnnotation) || o.get("target") != nil:
		return p.annotation(o)
	case o.get("items") != nil:
		return p.pages(o) // a page that does not say so
	}
	return fmt.Errorf("it is not W3C Web Annotations: its top level is neither an Annotation, an AnnotationPage, an AnnotationCollection nor a list of annotations")
}

// collection reads an AnnotationCollection whose pages are embedded.
func (p *parser) collection(o jobj) error {
	first := o.get("first")
	switch {
	case first == nil && o.get("items") != nil:
		return p.pages(o) // items straight on the collection: read them all the same
	case first == nil:
		return nil // an empty collection
	case first[0] == '"':
		iri, _ := rawString(first, "first")
		return fmt.Errorf("the collection's pages are not in the file (its first page is %q); save it with its pages embedded", clip(iri))
	case first[0] != '{':
		return fmt.Errorf("the collection's first page is %s, not an AnnotationPage", jsonKind(first))
	}
	page, err := decodeObject(first)
	if err != nil {
		return fmt.Errorf("the collection's first page is not a valid object")
	}
	return p.pages(page)
}

// pages reads an AnnotationPage and those embedded after it by next.
func (p *parser) pages(page jobj) error {
	for n := 1; ; n++ {
		if n > maxPages {
			return fmt.Errorf("it chains more than %d pages", maxPages)
		}
		if items := page.get("items"); items != nil {
			if items[0] != '[' {
				return fmt.Errorf("page %d's items are %s, not a list", n, jsonKind(items))
			}
			if err := p.list(items, fmt.Sprintf("page %d's items", n)); err != nil {
				return err
			}
		}
		next := page.get("next")
		switch {
		case next == nil:
			return nil
		case next[0] == '"':
			iri, _ := rawString(next, "next")
			return fmt.Errorf("the annotations go on in a page that is not in the file (%q); save them with every page embedded", clip(iri))
		case next[0] != '{':
			return fmt.Errorf("page %d's next page is %s, not an AnnotationPage", n, jsonKind(next))
		}
		var err error
		if page, err = decodeObject(next); err != nil {
			return fmt.Errorf("page %d's next page is not a valid object", n+1)
		}
	}
}

// list reads a list of annotations.
func (p *parser) list(raw json.RawMessage, what string) error {
	l, err := decodeList(raw, MaxAnnotations, what)
	if err != nil {
		return err
	}
	for _, v := range l {
		switch {
		case absent(v):
			continue
		case v[0] == '"':
			// An annotation given by reference only: nothing to import.
			iri, err := rawString(v, "an annotation")
			if err != nil {
				return err
			}
			it, err := p.add()
			if err != nil {
				return err
			}
			it.id, it.skip = iri, "the file names it but does not hold it"
		case v[0] == '{':
			o, err := decodeObject(v)
			if err != nil {
				return fmt.Errorf("annotation %d is not a valid object", len(p.items)+1)
			}
			if err := p.annotation(o); err != nil {
				return err
			}
		default:
			return fmt.Errorf("annotation %d is %s, not an Annotation", len(p.items)+1, jsonKind(v))
		}
	}
	return nil
}

// add starts the next item.
func (p *parser) add() (*item, error) {
	if len(p.items) >= MaxAnnotations {
		return nil, fmt.Errorf("it holds more than the %d annotations an import takes", MaxAnnotations)
	}
	it := &item{index: len(p.items) + 1}
	p.items = append(p.items, it)
	return it, nil
}

// annotation reads one Annotation object.
func (p *parser) annotation(o jobj) error {
	it, err := p.add()
	if err != nil {
		return err
	}
	fail := func(err error) error { return refuse("%s: %s: %v", p.name, it.label(), err) }
	if it.id, err = o.str("its id", "id", "@id"); err != nil {
		return fail(err)
	}
	types, err := o.strs("its type", "type", "@type")
	if err != nil {
		return fail(err)
	}
	if len(types) > 0 && !hasTerm(types, bundle.TypeAnnotation) {
		it.skip = fmt.Sprintf("it is a %s, not an Annotation", clip(types[0]))
		return nil
	}
	if it.motivation, err = o.strs("its motivation", "motivation"); err != nil {
		return fail(err)
	}
	var created, modified string
	if created, err = o.str("its created time", "created"); err != nil {
		return fail(err)
	}
	if modified, err = o.str("its modified time", "modified"); err != nil {
		return fail(err)
	}
	it.created, it.modified = parseTime(created), parseTime(modified)
	if it.color, err = o.str("its cp:color", "cp:color"); err != nil {
		return fail(err)
	}
	if it.relation, err = o.str("its cp:relation", "cp:relation"); err != nil {
		return fail(err)
	}
	// The body's role is the annotation's motivation unless the body
	// says otherwise (Web Annotation Data Model, 3.3.5).
	purpose := ""
	if len(it.motivation) == 1 {
		purpose = it.motivation[0]
	}
	value, err := o.str("its bodyValue", "bodyValue")
	if err != nil {
		return fail(err)
	}
	if value = strings.TrimSpace(value); value != "" {
		it.addText(value, purpose)
	}
	if body := o.get("body"); body != nil {
		if err := it.body(body, purpose, 0); err != nil {
			return fail(err)
		}
	}
	if err := it.target(o.get("target"), 0); err != nil {
		return fail(err)
	}
	return nil
}

// addText files a TextualBody's value as a tag or as note text.
func (it *item) addText(value, purpose string) {
	if purpose == bundle.MotivationTagging {
		it.tags = append(it.tags, value)
	} else {
		it.notes = append(it.notes, value)
	}
}

// body reads a body: an IRI, a resource or a list of them (depth counts
// nested lists, which the model does not have but a file may).
func (it *item) body(raw json.RawMessage, purpose string, depth int) error {
	switch raw[0] {
	case '"':
		iri, err := rawString(raw, "its body")
		if err != nil {
			return err
		}
		it.iris = append(it.iris, iri)
		return nil
	case '[':
		if depth > 0 {
			return fmt.Errorf("its body holds a list inside a list")
		}
		l, err := decodeList(raw, maxParts, "its body")
		if err != nil {
			return err
		}
		for _, v := range l {
			if !absent(v) {
				if err := it.body(v, purpose, depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	case '{':
	default:
		return fmt.Errorf("its body is %s, not a resource or a list of them", jsonKind(raw))
	}
	o, err := decodeObject(raw)
	if err != nil {
		return fmt.Errorf("its body is not a valid object")
	}
	types, err := o.strs("its body's type", "type", "@type")
	if err != nil {
		return err
	}
	purposes, err := o.strs("its body's purpose", "purpose")
	if err != nil {
		return err
	}
	if len(purposes) > 0 {
		purpose = purposes[0]
		if hasTerm(purposes, bundle.MotivationTagging) {
			purpose = bundle.MotivationTagging
		}
	}
	value, err := o.str("its body's value", "value")
	if err != nil {
		return err
	}
	id, err := o.str("its body's id", "id", "@id")
	if err != nil {
		return err
	}
	switch {
	case hasTerm(types, bundle.TypeTextualBody) || len(types) == 0 && o.get("value") != nil:
		if value = strings.TrimSpace(value); value != "" {
			it.addText(value, purpose)
		}
	case id != "" && len(types) == 0:
		it.iris = append(it.iris, id) // a resource, as a link's far end is written
	}
	// Other bodies (images, choices, semantic tags by IRI) have no place
	// in a passage and are left out.
	return nil
}

// target reads a target: an IRI, a SpecificResource or a list of them.
func (it *item) target(raw json.RawMessage, depth int) error {
	if raw == nil {
		it.skip = "it has no target"
		return nil
	}
	switch raw[0] {
	case '"':
		iri, err := rawString(raw, "its target")
		it.targetIRI = iri
		return err
	case '[':
		if depth > 0 {
			return fmt.Errorf("its target holds a list inside a list")
		}
		l, err := decodeList(raw, maxParts, "its target")
		if err != nil {
			return err
		}
		var kept []json.RawMessage
		for _, v := range l {
			if !absent(v) {
				kept = append(kept, v)
			}
		}
		switch len(kept) {
		case 0:
			it.skip = "it has no target"
			return nil
		case 1:
			return it.target(kept[0], depth+1)
		}
		// Check them all the same: a wrong kind is still a refusal.
		for _, v := range kept {
			if err := it.target(v, depth+1); err != nil {
				return err
			}
		}
		it.skip = fmt.Sprintf("it has %d targets; a Commonplace passage marks one place in one text", len(kept))
		return nil
	case '{':
	default:
		return fmt.Errorf("its target is %s, not a resource or a list of them", jsonKind(raw))
	}
	o, err := decodeObject(raw)
	if err != nil {
		return fmt.Errorf("its target is not a valid object")
	}
	source, err := o.iri("its target's source", "source")
	if err != nil {
		return err
	}
	if source == "" {
		// A resource named by its id: the whole of it.
		it.targetIRI, err = o.str("its target's id", "id", "@id")
		return err
	}
	it.source = source
	if sel := o.get("selector"); sel != nil {
		return it.selectors(sel)
	}
	return nil
}

// selectors reads a target's selector or list of selectors, keeping the
// first TextQuoteSelector and the first TextPositionSelector; others
// (XPath, CSS, ranges, fragments) are ignored.
func (it *item) selectors(raw json.RawMessage) error {
	var l []json.RawMessage
	switch raw[0] {
	case '[':
		var err error
		if l, err = decodeList(raw, maxParts, "its target's selector"); err != nil {
			return err
		}
	case '{':
		l = []json.RawMessage{raw}
	case '"':
		return nil // a selector by reference: nothing to read
	default:
		return fmt.Errorf("its target's selector is %s, not a selector or a list of them", jsonKind(raw))
	}
	for _, v := range l {
		if absent(v) || v[0] == '"' {
			continue
		}
		if v[0] != '{' {
			return fmt.Errorf("a selector of its target is %s, not a selector", jsonKind(v))
		}
		o, err := decodeObject(v)
		if err != nil {
			return fmt.Errorf("a selector of its target is not a valid object")
		}
		types, err := o.strs("a selector's type", "type", "@type")
		if err != nil {
			return err
		}
		switch {
		case hasTerm(types, bundle.TypeQuoteSelector) && it.quote == nil:
			q := &quoteSel{}
			if q.exact, err = o.str("its TextQuoteSelector's exact", "exact"); err != nil {
				return err
			}
			if q.prefix, err = o.str("its TextQuoteSelector's prefix", "prefix"); err != nil {
				return err
			}
			if q.suffix, err = o.str("its TextQuoteSelector's suffix", "suffix"); err != nil {
				return err
			}
			it.quote = q
		case hasTerm(types, bundle.TypePositionSelector) && it.pos == nil:
			start, okS, err := o.offset("its TextPositionSelector's start", "start")
			if err != nil {
				return err
			}
			end, okE, err := o.offset("its TextPositionSelector's end", "end")
			if err != nil {
				return err
			}
			if !okS || !okE {
				return fmt.Errorf("its TextPositionSelector needs both a start and an end")
			}
			if end < start {
				return fmt.Errorf("its TextPositionSelector ends (%d) before it starts (%d)", end, start)
			}
			it.pos = &positionSel{start: start, end: end}
		}
	}
	return nil
}
