package widgets

// runeSlice is a runeSource over runes in memory, for tests.
type runeSlice []rune

func (s runeSlice) at(i int) rune { return s[i] }
func (s runeSlice) len() int      { return len(s) }
