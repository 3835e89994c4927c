package suggest

import "testing"

// FuzzSimilar indexes random texts and queries them: Similar must never
// panic, and every match must be a valid, sentence-aligned span of
// another piece, with scores in [0,1] in descending order.
func FuzzSimilar(f *testing.F) {
	f.Add(fixture[0].Text, fixture[1].Text, point, uint8(5))
	f.Add(fixture[4].Text, fixture[5].Text, "Freight on the Middle Corridor doubled.", uint8(3))
	f.Add(fixture[9].Text, "中国。。", "走廊仍然关闭？", uint8(1))
	f.Add("Dr. A. B. “C.” D… E\n\nF.", "U.S. U.S. U.S.", "U.S.", uint8(10))
	f.Add("\xff\xfe. Caf\xe9.", "a\n\n\n\nb", "\xe9", uint8(2))
	f.Add("", "", "", uint8(0))
	f.Fuzz(func(t *testing.T, a, b, q string, k uint8) {
		x := NewIndex()
		x.Add(Doc{PieceID: "a", Text: a}, Doc{PieceID: "b", Text: b}, Doc{PieceID: "c", Text: b + " " + q + "\n\n" + a})
		checkMatches(t, x, x.Similar(q, Exclude{Piece: "a"}, int(k)), "a")
		checkMatches(t, x, x.Similar(a, Exclude{Piece: "c"}, int(k)), "c")
		x.Remove("b")
		x.Add(Doc{PieceID: "a", Text: q})
		checkMatches(t, x, x.Similar(q, Exclude{}, int(k)), "")
	})
}
