package widgets

// layOutWhole lays the whole of a's text out, so that a benchmark times
// what it is about, not the first layout of what it reaches (laid out on
// demand), and compares with code that laid everything out on opening.
func layOutWhole(a *AnnotatedText) { a.page.layout.allLines() }
