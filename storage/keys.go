package storage

import "strconv"

// Key layout. Records live under a one-letter prefix; secondary indexes under
// "x/", each entry an empty value whose key carries both ends, so that a
// prefix scan answers "annotations of a piece" or "links to an item" without
// reading any record. Every record and its index entries change in the same
// transaction.
const (
	keySchema = "s/schema"

	prefixPiece      = "p/"
	prefixText       = "t/" // current text of a piece
	prefixRevision   = "r/" // r/<piece>/<number> earlier texts
	prefixAnnotation = "a/"
	prefixClaim      = "c/"
	prefixLink       = "l/"
	prefixNote       = "n/"

	ixPieceAnn = "x/pa/" // x/pa/<piece>/<annotation>
	ixLinkFrom = "x/lf/" // x/lf/<from>/<link>
	ixLinkTo   = "x/lt/" // x/lt/<to>/<link>
	ixEvidence = "x/ev/" // x/ev/<annotation>/<claim>
	ixAttached = "x/at/" // x/at/<item>/<note>
	ixTag      = "x/tg/" // x/tg/<tag>\x00<id>, value: kind
)

// recordPrefix maps a kind to the prefix of its records.
var recordPrefix = map[Kind]string{
	KindPiece:      prefixPiece,
	KindAnnotation: prefixAnnotation,
	KindClaim:      prefixClaim,
	KindLink:       prefixLink,
	KindNote:       prefixNote,
}

func recordKey(k Kind, id string) []byte { return []byte(recordPrefix[k] + id) }
func textKey(piece string) []byte        { return []byte(prefixText + piece) }

// revisionKey pads the number so revisions sort in order.
func revisionKey(piece string, n int) []byte {
	s := strconv.Itoa(n)
	for len(s) < 6 {
		s = "0" + s
	}
	return []byte(prefixRevision + piece + "/" + s)
}

func pairKey(ix, a, b string) []byte { return []byte(ix + a + "/" + b) }

// tagKey separates tag and id with NUL so any tag text is allowed.
func tagKey(tag, id string) []byte { return []byte(ixTag + tag + "\x00" + id) }
func tagPrefix(tag string) []byte  { return []byte(ixTag + tag + "\x00") }

// tail returns what follows prefix in key (the second id of a pair key).
func tail(key []byte, prefix int) string { return string(key[prefix:]) }
