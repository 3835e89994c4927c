package bundle

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/scope"
)

// The fixture notebook is built with fixed ids and timestamps through the
// Import writes, so everything exported from it is the same on every run.
// The report and the Markdown tests share it.

// fixID is a fixed, valid item id: kind code k, number n.
func fixID(k, n int) string { return fmt.Sprintf("0195%04x-0000-7000-8000-%012x", k, n) }

// fixAt is a fixed moment, minutes after the fixture's epoch.
func fixAt(min int) time.Time {
	return time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(min) * time.Minute)
}

// Ids of the fixture's items.
var (
	fxPieceA, fxPieceB, fxPieceC = fixID(1, 1), fixID(1, 2), fixID(1, 3)
	fxA1, fxA2, fxA3, fxA4       = fixID(2, 1), fixID(2, 2), fixID(2, 3), fixID(2, 4)
	fxA5, fxA6                   = fixID(2, 5), fixID(2, 6)
	fxB1, fxB2, fxB3, fxC1       = fixID(2, 11), fixID(2, 12), fixID(2, 13), fixID(2, 21)
	fxClaim1, fxClaim2           = fixID(3, 1), fixID(3, 2)
	fxNote1, fxNote2             = fixID(4, 1), fixID(4, 2)
)

const fxTextA = "Chinese state firms have quietly expanded their footprint in Afghanistan since 2021, " +
	"signing mining and energy deals that Western companies walked away from.\n\n" +
	"Officials in Beijing describe the approach as pragmatic. Security comes first: the priority is to keep " +
	"militants away from the Wakhan corridor and out of Xinjiang, and investment follows only where the " +
	"Taliban can guarantee safety.\n\n" +
	"The Mes Aynak copper concession, signed in 2008, is still largely undeveloped. Engineers say the site " +
	"needs roads, power and water before any ore is moved.\n" +
	"A second line in the same paragraph keeps its break.\n\n" +
	"Diplomats expect the relationship to deepen slowly, with trade rather than grand projects leading the way."

// fxTextA1 is piece A's first text, which an orphaned passage still quotes.
const fxTextA1 = "Chinese state firms have expanded in Afghanistan. A lithium rush is already under way in Nuristan."

const fxTextB = "The Wakhan corridor, a thin strip of Afghan land reaching China, has long been imagined as a route " +
	"for road and rail.\n\n" +
	"In practice the border crossing at the Wakhjir Pass is closed most of the year, and Beijing has shown " +
	"little interest in opening it. Security worries outweigh the promise of trade.\n\n" +
	"Planners in Islamabad and Dushanbe keep drawing lines on maps; few of them have been built."

const fxTextC = "Traders in Termez say copper & lithium buyers from China arrive every month, but deals are small.\n\n" +
	"One trader put it plainly: \"They come for the security talks and stay for lunch, not for contracts.\""

// fixtureNotebook opens a new notebook in a temporary folder and fills it
// with three pieces, passages of every colour (overlapping, nested, one
// flagged for review, one orphaned), two claims, links of several
// relations (one the notebook's own) and two notes.
func fixtureNotebook(t testing.TB) *storage.Store {
	t.Helper()
	s, err := storage.Open(filepath.Join(t.TempDir(), "nb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	err = s.Batch(func(b *storage.Batch) error {
		if err := b.ImportRelation(storage.Relation{Name: "undermines", Label: "undermines", Inverse: "undermined by"}); err != nil {
			return err
		}
		pieces := []struct {
			p    storage.Piece
			text string
			revs []storage.Revision
		}{
			{storage.Piece{ID: fxPieceA, Title: "China’s quiet expansion in Afghanistan", Authors: []string{"Mira Patel", "Tom Ashby"},
				Outlet: "Reuters", Published: "2025-03-14", URL: "https://www.reuters.com/world/asia-pacific/china-afghanistan-2025-03-14/",
				Tags: []string{"china", "afghanistan"}, Format: "html", Revision: 2, Created: fixAt(0), Updated: fixAt(5)}, fxTextA,
				[]storage.Revision{{Number: 1, Hash: textHash(fxTextA1), Text: fxTextA1, Replaced: fixAt(5)}}},
			{storage.Piece{ID: fxPieceB, Title: "Eurasian connectivity and the Wakhan question", Authors: []string{"Li Wen"},
				Outlet: "South China Morning Post", Published: "2025-02", URL: "https://www.scmp.com/week-asia/wakhan",
				Tags: []string{"eurasia", "connectivity"}, Format: "html", Revision: 1, Created: fixAt(1), Updated: fixAt(1)}, fxTextB, nil},
			{storage.Piece{ID: fxPieceC, Title: "Copper & lithium: notes from the Termez market", Outlet: "Field report",
				Published: "2024", Tags: []string{"fieldwork"}, Format: "md", Revision: 1, Created: fixAt(2), Updated: fixAt(2)}, fxTextC, nil},
		}
		for _, x := range pieces {
			if err := b.ImportPiece(x.p, x.text, x.revs); err != nil {
				return err
			}
		}
		anns := []storage.Annotation{
			fxAnn(fxA1, fxPieceA, fxTextA, "Security comes first", "yellow", "The core of the argument: security before money.", []string{"security"}, 10),
			fxAnn(fxA2, fxPieceA, fxTextA, "first: the priority is to keep militants away", "green", "Overlaps the yellow passage on purpose.", nil, 11),
			fxAnn(fxA4, fxPieceA, fxTextA, "The Mes Aynak copper concession, signed in 2008, is still largely undeveloped. Engineers say the site needs roads, power and water", "purple", "", []string{"mining", "copper"}, 12),
			fxAnn(fxA3, fxPieceA, fxTextA, "still largely undeveloped", "blue", "Sixteen years on.\n\nCompare the Termez traders.", nil, 13),
			fxAnn(fxB1, fxPieceB, fxTextB, "Security worries outweigh the promise of trade.", "yellow", "Same line as Reuters.", []string{"security"}, 14),
			fxAnn(fxB2, fxPieceB, fxTextB, "few of them have been built", "orange", "", nil, 15),
			fxAnn(fxB3, fxPieceB, fxTextB, "imagined as a route for road and rail", "green", "", []string{"connectivity"}, 16),
			fxAnn(fxC1, fxPieceC, fxTextC, "not for contracts", "pink", "A trader’s view, worth quoting.", nil, 17),
		}
		// A5 was marked before an edit moved its words; the store guessed
		// where they went and asks for review.
		a5 := fxAnn(fxA5, fxPieceA, fxTextA, "trade rather than grand projects", "pink", "Check: was this “trade, not projects”?", nil, 18)
		a5.Selector.Exact, a5.Status = "trade, not grand projects", anchor.Review
		a5.Guess = &storage.Span{Start: a5.Selector.Start, End: a5.Selector.End}
		// A6 quotes words the edit removed.
		a6 := fxAnn(fxA6, fxPieceA, fxTextA1, "A lithium rush is already under way in Nuristan.", "orange", "Dropped from the revised story.", []string{"lithium"}, 19)
		a6.Status, a6.Rev = anchor.Orphaned, 1
		anns = append(anns, a5, a6)
		for _, a := range anns {
			if a.Rev == 0 {
				a.Rev = 1
				if a.PieceID == fxPieceA {
					a.Rev = 2
				}
			}
			if err := b.ImportAnnotation(a); err != nil {
				return err
			}
		}
		claims := []storage.Claim{
			{ID: fxClaim1, Statement: "Beijing’s security interests, not investment, drive its Afghan policy.",
				Note: "Three sources agree, from three angles.", Tags: []string{"china", "security"},
				Evidence: []string{fxA1, fxB1, fxC1}, Created: fixAt(30), Updated: fixAt(31)},
			{ID: fxClaim2, Statement: "Connectivity through the Wakhan remains aspirational.",
				Evidence: []string{fxB2, fxA3}, Created: fixAt(32), Updated: fixAt(32)},
		}
		for _, c := range claims {
			if err := b.ImportClaim(c); err != nil {
				return err
			}
		}
		notes := []storage.Note{
			{ID: fxNote1, Title: "Interview with a trader in Termez", Body: "Met at the bazaar at 10:00. He sells to buyers from Urumqi.\n\nPrices have not moved since the autumn.",
				Tags: []string{"fieldwork", "interview"}, Place: "Termez, Uzbekistan", Attached: fxPieceC, Created: fixAt(40), Updated: fixAt(41)},
			{ID: fxNote2, Title: "Idea: map the corridor", Body: "Draw the Wakhan routes that exist against those announced.",
				Attached: fxClaim2, Created: fixAt(42), Updated: fixAt(42)},
		}
		for _, n := range notes {
			if err := b.ImportNote(n); err != nil {
				return err
			}
		}
		links := []storage.Link{
			{ID: fixID(5, 1), From: fxA1, To: fxB1, Rel: "supports", Strength: storage.StrengthStrong, Note: "Both cite the same officials.", Created: fixAt(50), Updated: fixAt(50)},
			{ID: fixID(5, 2), From: fxB3, To: fxA2, Rel: "contradicts", Created: fixAt(51), Updated: fixAt(51)},
			{ID: fixID(5, 3), From: fxClaim2, To: fxClaim1, Rel: "qualifies", Created: fixAt(52), Updated: fixAt(52)},
			{ID: fixID(5, 4), From: fxPieceC, To: fxPieceA, Rel: "cites", Created: fixAt(53), Updated: fixAt(53)},
			{ID: fixID(5, 5), From: fxNote1, To: fxClaim1, Rel: "supports", Created: fixAt(54), Updated: fixAt(54)},
			{ID: fixID(5, 6), From: fxC1, To: fxA3, Rel: "undermines", Strength: storage.StrengthWeak, Created: fixAt(55), Updated: fixAt(55)},
		}
		for _, l := range links {
			if err := b.ImportLink(l); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fxAnn describes the first occurrence of quote in text as an anchored
// passage, created min minutes after the epoch.
func fxAnn(id, piece, text, quote, color, note string, tags []string, min int) storage.Annotation {
	i := strings.Index(text, quote)
	if i < 0 {
		panic("fixture quote not in text: " + quote)
	}
	start := utf8.RuneCountInString(text[:i])
	sel, err := anchor.Describe(text, start, start+utf8.RuneCountInString(quote))
	if err != nil {
		panic(err)
	}
	return storage.Annotation{ID: id, PieceID: piece, Selector: sel, Status: anchor.Anchored, Note: note, Tags: tags,
		Color: color, Created: fixAt(min), Updated: fixAt(min)}
}

// fixtureManifest is the manifest the report of a whole-notebook export
// is written with.
func fixtureManifest(sel *scope.Selection) *Manifest {
	return &Manifest{Format: FormatName, Version: FormatVersion, App: "Commonplace 0.1.0", Created: fixAt(120),
		Scope: sel.Scope.String(), Counts: scope.Counts{Pieces: len(sel.Pieces), Revisions: 1, Annotations: len(sel.Annotations),
			Claims: len(sel.Claims), Links: len(sel.Links), Notes: len(sel.Notes)}, Outside: sel.Outside}
}
