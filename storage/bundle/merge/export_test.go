package merge

// The reasons the tests expect in the preview.
const (
	WhyOurs         = whyOurs
	WhyBoth         = whyBoth
	WhyOlder        = whyOlder
	WhyNoBaseOurs   = whyNoBaseOurs
	WhyNoBaseTheirs = whyNoBaseTheirs
)
