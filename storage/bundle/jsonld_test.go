package bundle

import (
	"commonplace/storage/bundle/internal/bundletest"
	"commonplace/storage/bundle/scope"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// w3cTerms are the terms the W3C annotation context
// (http://www.w3.org/ns/anno.jsonld) defines, besides the JSON-LD
// keywords.
var w3cTerms = strings.Fields(`id type Annotation Dataset Image Video Audio Text TextualBody
	ResourceSelection SpecificResource FragmentSelector CssSelector XPathSelector TextQuoteSelector
	TextPositionSelector DataPositionSelector SvgSelector RangeSelector HttpRequestState CssStylesheet
	Choice Person Software Organization AnnotationCollection AnnotationPage Audience Motivation
	bookmarking classifying commenting describing editing highlighting identifying linking moderating
	questioning replying reviewing tagging auto ltr rtl body target source selector state stylesheet
	scope refinedBy startSelector endSelector renderedVia generator generated created modified creator
	audience textDirection motivation purpose value format language processingLanguage accessibility
	rights canonical via label name nickname email email_sha1 homepage exact prefix suffix start end
	conformsTo first last next prev items partOf total startIndex styleClass bodyValue cached sourceDate
	sourceDateStart sourceDateEnd`)

var w3cMotivations = strings.Fields(`assessing bookmarking classifying commenting describing editing
	highlighting identifying linking moderating questioning replying tagging`)

// TestAnnotationsAreW3CWebAnnotations checks annotations.jsonld against
// the structure the W3C Web Annotation Data Model requires, without the
// network: JSON; the W3C context; every key a W3C term or cp:-prefixed;
// a collection with a first page; every annotation with an IRI id, its
// type and a target; selectors typed and well-formed.
func TestAnnotationsAreW3CWebAnnotations(t *testing.T) {
	nb := bundletest.NewRich(t)
	data, m := exportBytes(t, nb.S, scope.Scope{}, t0)
	raw := zipFiles(t, data)[AnnotationsFile]
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	terms := map[string]bool{"@context": true}
	for _, k := range w3cTerms {
		terms[k] = true
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if strings.HasPrefix(path, ".@context") {
					continue // the context defines terms rather than using them
				}
				if !terms[k] && !strings.HasPrefix(k, "cp:") {
					t.Errorf("%s: key %q is neither a W3C term nor cp:", path, k)
				}
				walk(path+"."+k, x)
			}
		case []any:
			for i, x := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), x)
			}
		}
	}
	walk("", doc)

	ctx, _ := doc["@context"].([]any)
	if len(ctx) != 2 || ctx[0] != W3CContext {
		t.Fatalf("@context = %v", doc["@context"])
	}
	if cp, _ := ctx[1].(map[string]any); cp["cp"] != CPNS {
		t.Fatalf("cp prefix = %v", ctx[1])
	}
	isIRI := func(s any) bool {
		str, ok := s.(string)
		u, err := url.Parse(str)
		return ok && err == nil && u.Scheme != "" && !strings.ContainsAny(str, " <>\"{}|\\^`")
	}
	if doc["type"] != "AnnotationCollection" || !isIRI(doc["id"]) {
		t.Fatalf("collection type %v id %v", doc["type"], doc["id"])
	}
	page, _ := doc["first"].(map[string]any)
	if page["type"] != "AnnotationPage" || !isIRI(page["id"]) {
		t.Fatalf("first page: %v", page["type"])
	}
	items, _ := page["items"].([]any)
	if total, _ := doc["total"].(float64); int(total) != len(items) || len(items) != m.Counts.Annotations+m.Counts.Links {
		t.Fatalf("total %v, %d items, manifest %+v", doc["total"], len(items), m.Counts)
	}
	motivations := map[string]bool{}
	for _, k := range w3cMotivations {
		motivations[k] = true
	}
	seen := map[string]int{}
	for i, it := range items {
		a, _ := it.(map[string]any)
		where := fmt.Sprintf("item %d", i)
		if !isIRI(a["id"]) || a["type"] != "Annotation" || a["target"] == nil {
			t.Fatalf("%s lacks an IRI id, type Annotation or a target: %v", where, a)
		}
		mot, _ := a["motivation"].(string)
		if !motivations[mot] {
			t.Fatalf("%s: motivation %q", where, mot)
		}
		seen[mot]++
		for _, k := range []string{"created", "modified"} {
			if s, _ := a[k].(string); !strings.HasSuffix(s, "Z") {
				t.Fatalf("%s: %s %q is not UTC xsd:dateTime", where, k, s)
			}
		}
		bodies, _ := a["body"].([]any)
		for _, b := range bodies {
			body := b.(map[string]any)
			if body["type"] == "TextualBody" {
				if _, ok := body["value"].(string); !ok || !motivations[body["purpose"].(string)] {
					t.Fatalf("%s: bad TextualBody %v", where, body)
				}
			} else if !isIRI(body["id"]) {
				t.Fatalf("%s: a body is neither textual nor an IRI: %v", where, body)
			}
		}
		if mot == "linking" {
			if !isIRI(a["target"]) || len(bodies) == 0 || a["cp:relation"] == nil {
				t.Fatalf("%s: link without target IRI, body or relation: %v", where, a)
			}
			continue
		}
		target := a["target"].(map[string]any)
		if !isIRI(target["source"]) {
			t.Fatalf("%s: target source %v", where, target["source"])
		}
		sels, _ := target["selector"].([]any)
		var quote, pos bool
		for _, s := range sels {
			sel := s.(map[string]any)
			switch sel["type"] {
			case "TextQuoteSelector":
				_, quote = sel["exact"].(string)
			case "TextPositionSelector":
				start, ok1 := sel["start"].(float64)
				end, ok2 := sel["end"].(float64)
				pos = ok1 && ok2 && start >= 0 && start <= end && start == float64(int(start))
			default:
				t.Fatalf("%s: untyped or unknown selector %v", where, sel)
			}
		}
		if !quote || !pos {
			t.Fatalf("%s: selectors %v", where, sels)
		}
		if a["cp:color"] == nil || a["cp:status"] == nil {
			t.Fatalf("%s: lost colour or status", where)
		}
	}
	if seen["commenting"] == 0 || seen["highlighting"] == 0 || seen["linking"] != m.Counts.Links {
		t.Fatalf("motivations %v", seen)
	}
}

// The reader refuses what it does not understand in annotations.jsonld.
func TestAnnotationItemsAreChecked(t *testing.T) {
	good := `{"id":"urn:uuid:0195a000-0000-7000-8000-000000000001","type":"Annotation","motivation":"highlighting",` +
		`"created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z",` +
		`"target":{"source":"urn:uuid:0195a000-0000-7000-8000-000000000002","selector":[` +
		`{"type":"TextQuoteSelector","exact":"abc"},{"type":"TextPositionSelector","start":0,"end":3}]},"cp:color":"yellow","cp:status":"anchored","cp:revision":1}`
	parse := func(s string) error {
		var ld ldAnnotation
		dec := json.NewDecoder(strings.NewReader(s))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&ld); err != nil {
			return err
		}
		_, _, err := fromLD(ld)
		return err
	}
	if err := parse(good); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string]string{
		"id not urn":          strings.Replace(good, "urn:uuid:0195a000-0000-7000-8000-000000000001", "http://x/1", 1),
		"wrong type":          strings.Replace(good, `"type":"Annotation"`, `"type":"Note"`, 1),
		"unknown motivation":  strings.Replace(good, `"highlighting"`, `"shouting"`, 1),
		"position off quote":  strings.Replace(good, `"end":3`, `"end":4`, 1),
		"unknown selector":    strings.Replace(good, `"TextQuoteSelector"`, `"XPathSelector"`, 1),
		"unknown status":      strings.Replace(good, `"anchored"`, `"lost"`, 1),
		"unknown key":         strings.Replace(good, `"cp:color"`, `"cp:colour"`, 1),
		"number as a string":  strings.Replace(good, `"start":0`, `"start":"0"`, 1),
		"guess when anchored": strings.Replace(good, `"cp:revision":1`, `"cp:revision":1,"cp:guess":{"start":0,"end":1}`, 1),
	} {
		if err := parse(bad); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
