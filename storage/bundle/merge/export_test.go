package merge

// The reasons the tests expect in the preview of a bundle.
var (
	WhyOurs         = reason(whyOurs, "the bundle")
	WhyBoth         = reason(whyBoth, "the bundle")
	WhyOlder        = reason(whyOlder, "the bundle")
	WhyNoBaseOurs   = reason(whyNoBaseOurs, "the bundle")
	WhyNoBaseTheirs = reason(whyNoBaseTheirs, "the bundle")
)
