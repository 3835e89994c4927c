package suggest

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// This file generates notebooks for tests and benchmarks: English-like
// prose on China, Afghanistan, Central Asia and terrorism in Europe, with
// talking points planted verbatim, lightly edited and paraphrased across
// pieces, as op-eds and wire copy recycle them. Everything is derived from
// the seed, so figures can be compared between runs and machines.

// genPiece is a generated piece and what was planted in it.
type genPiece struct {
	Doc
	planted []planted
}

type planted struct {
	point   int    // index in talkingPoints
	variant string // "exact", "edit", "punct", "para"
	text    string
}

// genNotebook generates n pieces of about words words each. A share
// plantRate of the pieces carries one planted talking point.
func genNotebook(n, words int, plantRate float64, seed uint64) []genPiece {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	out := make([]genPiece, n)
	for i := range out {
		p := &out[i]
		p.PieceID = fmt.Sprintf("gen-%05d", i)
		p.Title = genTitle(r)
		p.Outlet = pick(r, outlets)
		p.Authors = []string{pick(r, firstNames) + " " + pick(r, lastNames)}
		var paras []string
		var plant *planted
		if r.Float64() < plantRate {
			plant = genPlant(r)
			p.planted = append(p.planted, *plant)
		}
		for w := 0; w < words; {
			var sents []string
			for range 3 + r.IntN(4) {
				s := genSentence(r)
				sents = append(sents, s)
				w += len(strings.Fields(s))
			}
			paras = append(paras, strings.Join(sents, " "))
		}
		if plant != nil {
			// Into the middle of a random paragraph, as a sentence of its own.
			k := r.IntN(len(paras))
			ss := splitGenParagraph(paras[k])
			at := r.IntN(len(ss) + 1)
			ss = append(ss[:at], append([]string{plant.text}, ss[at:]...)...)
			paras[k] = strings.Join(ss, " ")
		}
		p.Text = strings.Join(paras, "\n\n")
	}
	return out
}

// splitGenParagraph splits a generated paragraph back into its sentences
// (the generator ends each with ". " or "? " before a capital).
func splitGenParagraph(p string) []string {
	var out []string
	var tz []sentence
	tz = sentences(p, tz)
	for _, s := range tz {
		out = append(out, p[s.start:s.end])
	}
	return out
}

func genPlant(r *rand.Rand) *planted {
	i := r.IntN(len(talkingPoints))
	tp := talkingPoints[i]
	p := &planted{point: i}
	switch v := r.Float64(); {
	case v < 0.5:
		p.variant, p.text = "exact", tp.text
	case v < 0.7:
		p.variant, p.text = "edit", editWord(r, tp.text)
	case v < 0.85:
		p.variant, p.text = "punct", tp.punct
	default:
		p.variant, p.text = "para", tp.para
	}
	return p
}

// editWord replaces one word in the middle of s with a synonym-like word.
func editWord(r *rand.Rand, s string) string {
	ws := strings.Fields(s)
	i := 2 + r.IntN(max(1, len(ws)-4))
	ws[i] = pick(r, []string{"really", "largely", "often", "simply", "now", "still"})
	return strings.Join(ws, " ")
}

func genTitle(r *rand.Rand) string {
	return fmt.Sprintf("%s %s in %s", pick(r, titleTopics), pick(r, titleVerbs), pick(r, places))
}

// genSentence builds one sentence from a few shapes, so that the prose
// has the abbreviations, numbers and quotations real articles have.
func genSentence(r *rand.Rand) string {
	var s string
	switch r.IntN(10) {
	case 0:
		s = fmt.Sprintf("%s told %s that %s %s %s", pick(r, people), pick(r, outlets), lower(pick(r, subjects)), pick(r, verbs), pick(r, objects))
	case 1:
		s = fmt.Sprintf("%s %s by %d.%d per cent in %d, the %s estimated", pick(r, measures), pick(r, moves), 1+r.IntN(40), r.IntN(10), 2015+r.IntN(11), pick(r, sources))
	case 2:
		s = fmt.Sprintf("“%s %s %s,” said %s", pick(r, subjects), pick(r, verbs), pick(r, objects), pick(r, people))
	case 3:
		s = fmt.Sprintf("Why %s %s %s remains unclear", lower(pick(r, subjects)), pick(r, verbs), pick(r, objects))
	default:
		s = fmt.Sprintf("%s %s%s %s", pick(r, subjects), pick(r, adverbs), pick(r, verbs), pick(r, objects))
		if r.IntN(5) < 2 {
			s += fmt.Sprintf("%s%s %s %s", pick(r, joiners), lower(pick(r, subjects)), pick(r, verbs), pick(r, objects))
		}
	}
	s += pick(r, tails)
	if r.IntN(12) == 0 {
		s += ", " + pick(r, asides)
	}
	if strings.HasSuffix(s, "”") || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "…") {
		return s
	}
	return s + "."
}

// lower lower-cases a subject for the middle of a sentence, unless it
// starts with a name or a proper adjective.
func lower(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if properStarts[first] {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

var properStarts = setOf(`Chinese European Kazakh Uzbek French German Turkmen Pakistani Belgian Dutch Azerbaijani Georgian
	Afghan Swedish Russian Indian Dr.`)

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// talkingPoint is a sentence that travels between pieces, with the same
// sentence re-punctuated and a paraphrase of it.
type talkingPoint struct {
	text, punct, para string
}

var talkingPoints = []talkingPoint{
	{"The threat no longer needs a safe haven; it needs only a signal and a smartphone.",
		"The threat no longer needs a safe haven. It needs only a signal and a smartphone.",
		"Militants no longer need a haven to threaten us: a smartphone with a good signal is enough, officials warn."},
	{"Beijing wants stability in Afghanistan far more than it wants Afghan copper.",
		"Beijing wants stability in Afghanistan — far more than it wants Afghan copper.",
		"Stability in Afghanistan matters far more to Beijing than any Afghan copper mine."},
	{"The Middle Corridor doubled its freight volumes in two years, but it still carries a fraction of what goes through Russia.",
		"The Middle Corridor doubled its freight volumes in two years. But it still carries a fraction of what goes through Russia.",
		"Cargo on the Middle Corridor has doubled since 2022, yet the route remains tiny next to the Russian lines."},
	{"ISKP recruits in Europe through Telegram channels that disappear and reappear within hours.",
		"ISKP recruits in Europe through Telegram channels, which disappear and reappear within hours.",
		"ISKP recruiters in Europe use Telegram channels that vanish and then reappear a few hours later."},
	{"The Wakhan corridor is less a trade route than a diplomatic symbol for Beijing and Kabul.",
		"The Wakhan corridor is less a trade route than a diplomatic symbol — for Beijing and for Kabul.",
		"For Beijing and Kabul, the Wakhan matters as a diplomatic symbol, not as a trade route."},
	{"Prison releases across Europe will test how well counter-terrorism services share information.",
		"Prison releases across Europe will test how well counter-terrorism services share information!",
		"Releases from prisons in Europe are a test of whether counter-terrorism services really share information."},
	{"Tajikistan's border with Badakhshan remains the weakest link in Central Asian security.",
		"Tajikistan's border with Badakhshan remains the weakest link... in Central Asian security.",
		"In Central Asian security, the weakest link is the Tajik border with Badakhshan."},
	{"Uzbekistan has bet on trade with the Taliban because isolating them has failed before.",
		"Uzbekistan has bet on trade with the Taliban: isolating them has failed before.",
		"Because isolating the Taliban failed before, Uzbekistan is betting on trade with them."},
}

var (
	subjects = []string{"Chinese officials", "Analysts in Almaty", "The Taliban administration", "European security services",
		"Diplomats in Brussels", "Kazakh railway managers", "Recruiters linked to ISKP", "Uzbek border guards",
		"A senior official in Dushanbe", "Investors from Xinjiang", "French prosecutors", "German police",
		"The interior ministry in Vienna", "Local traders in Termez", "Mining executives", "Researchers at the Oxus Institute",
		"Residents of Badakhshan", "The European Commission", "Turkmen gas negotiators", "Pakistani military planners",
		"Belgian prison officials", "Dutch intelligence analysts", "The Kyrgyz government", "Shipping agents in Aktau",
		"Azerbaijani port authorities", "Georgian customs officers", "Chinese state banks", "Afghan refugees in Iran",
		"A former Taliban commander", "Human rights groups", "Swedish counter-terrorism police", "Teachers in Mazar-i-Sharif",
		"The U.S. Treasury", "Dr. Rahimova's team", "Russian railway planners", "Indian diplomats in Kabul",
		"Journalists in Khujand", "Water engineers on the Amu Darya", "The Shanghai Cooperation Organisation", "Farmers in Helmand"}
	adverbs = []string{"", "", "", "", "quietly ", "publicly ", "repeatedly ", "reluctantly ", "increasingly ", "again ", "privately ", "openly "}
	verbs   = []string{"have expanded", "are reviewing", "warned about", "played down", "are watching", "have invested heavily in",
		"questioned", "struggled to explain", "described", "pushed back against", "hope to profit from", "remain wary of",
		"welcomed", "criticised", "underestimated", "have mapped", "tried to regulate", "negotiated over", "ignored",
		"complained about", "drew attention to", "kept a close eye on", "refused to discuss", "asked for data on",
		"raised concerns about", "lobbied against", "quietly funded", "depend on", "tried to limit", "will study"}
	objects = []string{"freight traffic on the Middle Corridor", "security along the Wakhan corridor", "copper concessions in Logar",
		"lithium deposits in Ghazni", "online propaganda in Pashto and Russian", "prison radicalisation in Belgium",
		"the new rail link to Termez", "customs delays at the Khorgos gateway", "narcotics smuggling through Gorno-Badakhshan",
		"Chinese loans for power lines", "Telegram channels run from abroad", "the release of convicted militants",
		"water disputes on the Amu Darya", "the Trans-Caspian cable project", "refugee returns from Pakistan",
		"visa rules for Afghan students", "the Qosh Tepa canal", "oil exploration in the Amu Darya basin",
		"ferry capacity across the Caspian Sea", "cross-border trade in Badakhshan", "drone surveillance of the border",
		"recruitment among Central Asian migrants", "financial flows through hawala networks", "the Kabul airport contract",
		"mobile network coverage in the north", "power exports from Uzbekistan", "the Salang tunnel repairs",
		"a gas pipeline through Herat", "police cooperation with Europol", "the CASA-1000 transmission line",
		"school closures for girls", "tariffs on Chinese electric vehicles", "grain shipments through Aktau",
		"the Belt and Road Initiative", "mining licences in Badakhshan", "intelligence sharing after the Moscow attack",
		"border markets in Ishkashim", "extremist content on TikTok", "the Lapis Lazuli route", "debt talks with Beijing"}
	tails = []string{"", "", "", "", "", ", according to people familiar with the talks", " despite repeated assurances from Kabul",
		" in the months after the withdrawal", ", a point rarely made in public", " as winter closed the passes",
		", officials said", " while budgets shrank", ", at least on paper", " for reasons that remain unclear",
		" after a string of arrests in Germany", " before the summit in Astana", " since the border reopened",
		" with little to show for it", " in a report seen by this newspaper", " over the past decade",
		" under pressure from Washington", " with support from the E.U.", " amid rising prices", " at the request of Islamabad"}
	asides = []string{"e.g. in Khatlon", "i.e. without a treaty", "as Prof. Lindqvist noted", "by some 3.5 million tonnes",
		"which few expected…", "although nobody said so", "at 9 p.m. local time", "a figure disputed by Mr. Haidari"}
	measures = []string{"Freight volumes", "Opium prices", "Remittances", "Copper exports", "Rail traffic", "Border crossings",
		"Electricity imports", "Arrests for terrorism offences", "Chinese investment", "Transit fees"}
	joiners = []string{", while ", ", and ", ", but ", " because ", "; meanwhile ", ", even though "}
	moves   = []string{"rose", "fell", "grew", "dropped", "jumped", "slipped"}
	sources = []string{"World Bank", "U.N. Office on Drugs and Crime", "Asian Development Bank", "Europol", "customs service", "central bank"}
	people  = []string{"Aigerim Sátbayeva", "José Moreau", "Dilnoza Rahimova", "Henrik Lindqvist", "Inès Durand",
		"Farrukh Ismoilov", "Lena Østergaard", "Omar Haidari", "Wei Zhang", "Dr. Kovač"}
	outlets     = []string{"The Steppe Review", "Meridian Policy Brief", "Caspian Wire Service", "The Continental Ledger", "Oxus Dialogues"}
	titleTopics = []string{"Security", "Connectivity", "Mining", "Rail", "Terrorism", "Recruitment", "Diplomacy", "Trade"}
	titleVerbs  = []string{"shifts", "stalls", "returns", "grows", "fades", "tightens", "expands", "hardens"}
	places      = []string{"Afghanistan", "the Wakhan", "Central Asia", "Europe", "Badakhshan", "Termez", "Kabul", "Xinjiang"}
	firstNames  = []string{"Aigerim", "José", "Dilnoza", "Henrik", "Inès", "Maëlle", "Farrukh", "Lena", "Omar", "Wei"}
	lastNames   = []string{"Sátbayeva", "Lindqvist", "Rahimova", "Østergaard", "Moreau", "Durand", "Ismoilov", "Kovač"}
)
