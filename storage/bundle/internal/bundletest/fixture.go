// Package bundletest holds what the tests of the bundle packages share:
// notebooks to export and import (a fixture with fixed ids and times, a
// generated notebook with one of everything, a large one for benchmarks)
// and ways to compare two notebooks item by item.
package bundletest

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"commonplace/storage"
	"commonplace/storage/anchor"
	"commonplace/storage/bundle/merge"
)

// The fixture notebook is built with fixed ids and timestamps through the
// Import writes, so everything exported from it is the same on every run.
// The report and the Markdown tests share it.

// ID is a fixed, valid item id: kind code k, number n.
func ID(k, n int) string { return fmt.Sprintf("0195%04x-0000-7000-8000-%012x", k, n) }

// At is a fixed moment, minutes after the fixture's epoch.
func At(min int) time.Time {
	return time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(min) * time.Minute)
}

// Ids of the fixture's items.
var (
	PieceA, PieceB, PieceC = ID(1, 1), ID(1, 2), ID(1, 3)
	A1, A2, A3, A4         = ID(2, 1), ID(2, 2), ID(2, 3), ID(2, 4)
	A5, A6                 = ID(2, 5), ID(2, 6)
	B1, B2, B3, C1         = ID(2, 11), ID(2, 12), ID(2, 13), ID(2, 21)
	Claim1, Claim2         = ID(3, 1), ID(3, 2)
	Note1, Note2           = ID(4, 1), ID(4, 2)
)

const TextA = "Chinese state firms have quietly expanded their footprint in Afghanistan since 2021, " +
	"signing mining and energy deals that Western companies walked away from.\n\n" +
	"Officials in Beijing describe the approach as pragmatic. Security comes first: the priority is to keep " +
	"militants away from the Wakhan corridor and out of Xinjiang, and investment follows only where the " +
	"Taliban can guarantee safety.\n\n" +
	"The Mes Aynak copper concession, signed in 2008, is still largely undeveloped. Engineers say the site " +
	"needs roads, power and water before any ore is moved.\n" +
	"A second line in the same paragraph keeps its break.\n\n" +
	"Diplomats expect the relationship to deepen slowly, with trade rather than grand projects leading the way."

// TextA1 is piece A's first text, which an orphaned passage still quotes.
const TextA1 = "Chinese state firms have expanded in Afghanistan. A lithium rush is already under way in Nuristan."

const TextB = "The Wakhan corridor, a thin strip of Afghan land reaching China, has long been imagined as a route " +
	"for road and rail.\n\n" +
	"In practice the border crossing at the Wakhjir Pass is closed most of the year, and Beijing has shown " +
	"little interest in opening it. Security worries outweigh the promise of trade.\n\n" +
	"Planners in Islamabad and Dushanbe keep drawing lines on maps; few of them have been built."

const TextC = "Traders in Termez say copper & lithium buyers from China arrive every month, but deals are small.\n\n" +
	"One trader put it plainly: \"They come for the security talks and stay for lunch, not for contracts.\""

// Fixture opens a new notebook in a temporary folder and fills it
// with three pieces, passages of every colour (overlapping, nested, one
// flagged for review, one orphaned), two claims, links of several
// relations (one the notebook's own) and two notes.
func Fixture(t testing.TB) *storage.Store {
	t.Helper()
	s := OpenStore(t)
	err := s.Batch(func(b *storage.Batch) error {
		if err := b.ImportRelation(storage.Relation{Name: "undermines", Label: "undermines", Inverse: "undermined by"}); err != nil {
			return err
		}
		pieces := []struct {
			p    storage.Piece
			text string
			revs []storage.Revision
		}{
			{storage.Piece{ID: PieceA, Title: "China’s quiet expansion in Afghanistan", Authors: []string{"Mira Patel", "Tom Ashby"},
				Outlet: "Reuters", Published: "2025-03-14", URL: "https://www.reuters.com/world/asia-pacific/china-afghanistan-2025-03-14/",
				Tags: []string{"china", "afghanistan"}, Format: "html", Revision: 2, Created: At(0), Updated: At(5)}, TextA,
				[]storage.Revision{{Number: 1, Hash: merge.TextHash(TextA1), Text: TextA1, Replaced: At(5)}}},
			{storage.Piece{ID: PieceB, Title: "Eurasian connectivity and the Wakhan question", Authors: []string{"Li Wen"},
				Outlet: "South China Morning Post", Published: "2025-02", URL: "https://www.scmp.com/week-asia/wakhan",
				Tags: []string{"eurasia", "connectivity"}, Format: "html", Revision: 1, Created: At(1), Updated: At(1)}, TextB, nil},
			{storage.Piece{ID: PieceC, Title: "Copper & lithium: notes from the Termez market", Outlet: "Field report",
				Published: "2024", Tags: []string{"fieldwork"}, Format: "md", Revision: 1, Created: At(2), Updated: At(2)}, TextC, nil},
		}
		for _, x := range pieces {
			if err := b.ImportPiece(x.p, x.text, x.revs); err != nil {
				return err
			}
		}
		anns := []storage.Annotation{
			Ann(A1, PieceA, TextA, "Security comes first", "yellow", "The core of the argument: security before money.", []string{"security"}, 10),
			Ann(A2, PieceA, TextA, "first: the priority is to keep militants away", "green", "Overlaps the yellow passage on purpose.", nil, 11),
			Ann(A4, PieceA, TextA, "The Mes Aynak copper concession, signed in 2008, is still largely undeveloped. Engineers say the site needs roads, power and water", "purple", "", []string{"mining", "copper"}, 12),
			Ann(A3, PieceA, TextA, "still largely undeveloped", "blue", "Sixteen years on.\n\nCompare the Termez traders.", nil, 13),
			Ann(B1, PieceB, TextB, "Security worries outweigh the promise of trade.", "yellow", "Same line as Reuters.", []string{"security"}, 14),
			Ann(B2, PieceB, TextB, "few of them have been built", "orange", "", nil, 15),
			Ann(B3, PieceB, TextB, "imagined as a route for road and rail", "green", "", []string{"connectivity"}, 16),
			Ann(C1, PieceC, TextC, "not for contracts", "pink", "A trader’s view, worth quoting.", nil, 17),
		}
		// A5 was marked before an edit moved its words; the store guessed
		// where they went and asks for review.
		a5 := Ann(A5, PieceA, TextA, "trade rather than grand projects", "pink", "Check: was this “trade, not projects”?", nil, 18)
		a5.Guess = &storage.Span{Start: a5.Selector.Start, End: a5.Selector.End}
		a5.Selector.Exact, a5.Status = "trade, not grand projects", anchor.Review
		// The position is where the words stood, so it fits them.
		a5.Selector.End = a5.Selector.Start + utf8.RuneCountInString(a5.Selector.Exact)
		// A6 quotes words the edit removed.
		a6 := Ann(A6, PieceA, TextA1, "A lithium rush is already under way in Nuristan.", "orange", "Dropped from the revised story.", []string{"lithium"}, 19)
		a6.Status, a6.Rev = anchor.Orphaned, 1
		anns = append(anns, a5, a6)
		for _, a := range anns {
			if a.Rev == 0 {
				a.Rev = 1
				if a.PieceID == PieceA {
					a.Rev = 2
				}
			}
			if err := b.ImportAnnotation(a); err != nil {
				return err
			}
		}
		claims := []storage.Claim{
			{ID: Claim1, Statement: "Beijing’s security interests, not investment, drive its Afghan policy.",
				Note: "Three sources agree, from three angles.", Tags: []string{"china", "security"},
				Evidence: []string{A1, B1, C1}, Created: At(30), Updated: At(31)},
			{ID: Claim2, Statement: "Connectivity through the Wakhan remains aspirational.",
				Evidence: []string{B2, A3}, Created: At(32), Updated: At(32)},
		}
		for _, c := range claims {
			if err := b.ImportClaim(c); err != nil {
				return err
			}
		}
		notes := []storage.Note{
			{ID: Note1, Title: "Interview with a trader in Termez", Body: "Met at the bazaar at 10:00. He sells to buyers from Urumqi.\n\nPrices have not moved since the autumn.",
				Tags: []string{"fieldwork", "interview"}, Place: "Termez, Uzbekistan", Attached: PieceC, Created: At(40), Updated: At(41)},
			{ID: Note2, Title: "Idea: map the corridor", Body: "Draw the Wakhan routes that exist against those announced.",
				Attached: Claim2, Created: At(42), Updated: At(42)},
		}
		for _, n := range notes {
			if err := b.ImportNote(n); err != nil {
				return err
			}
		}
		links := []storage.Link{
			{ID: ID(5, 1), From: A1, To: B1, Rel: "supports", Strength: storage.StrengthStrong, Note: "Both cite the same officials.", Created: At(50), Updated: At(50)},
			{ID: ID(5, 2), From: B3, To: A2, Rel: "contradicts", Created: At(51), Updated: At(51)},
			{ID: ID(5, 3), From: Claim2, To: Claim1, Rel: "qualifies", Created: At(52), Updated: At(52)},
			{ID: ID(5, 4), From: PieceC, To: PieceA, Rel: "cites", Created: At(53), Updated: At(53)},
			{ID: ID(5, 5), From: Note1, To: Claim1, Rel: "supports", Created: At(54), Updated: At(54)},
			{ID: ID(5, 6), From: C1, To: A3, Rel: "undermines", Strength: storage.StrengthWeak, Created: At(55), Updated: At(55)},
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

// Ann describes the first occurrence of quote in text as an anchored
// passage, created min minutes after the epoch.
func Ann(id, piece, text, quote, color, note string, tags []string, min int) storage.Annotation {
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
		Color: color, Created: At(min), Updated: At(min)}
}
