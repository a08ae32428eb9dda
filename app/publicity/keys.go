package publicity

// Translation keys this package returns or renders. The template data each carries is noted.
const (
	KeyTooLong          = "publicity.too_long" // Max, Len
	KeyTitleEmpty       = "publicity.title.empty"
	KeyTypeEmpty        = "publicity.type.empty"
	KeyTypeUnknown      = "publicity.type.unknown"       // Value
	KeyPlaceKindUnknown = "publicity.place_kind.unknown" // Value
	KeyHeldOnEmpty      = "publicity.held_on.empty"
	KeyHeldOnInvalid    = "publicity.held_on.invalid" // Value
	KeyHeldOnFuture     = "publicity.held_on.future"  // Date
	KeyCountInvalid     = "publicity.count.invalid"   // Max
	KeyDrillPeople      = "publicity.drill_people.no_drills"
	KeyCostNegative     = "publicity.cost.negative"
	KeyTypesEmpty       = "publicity.types.empty"
	KeyTypesLong        = "publicity.types.long"     // Value, Max
	KeyPeriodInvalid    = "publicity.period.invalid" // Value

	// The report sentence and its period labels.
	KeySentence     = "publicity.sentence"      // Period, Activities, Banners, Boards, Materials, People, Drills, DrillPeople
	KeySentenceNone = "publicity.sentence.none" // Period
	KeyPeriodYear   = "publicity.period.year"   // Year
	KeyPeriodH1     = "publicity.period.h1"     // Year
	KeyPeriodH2     = "publicity.period.h2"     // Year
	KeyPeriodMonth  = "publicity.period.month"  // Year, Month
	KeyPeriodRange  = "publicity.period.range"  // From, To
	keyQuarterBase  = "publicity.period.q"      // + 1…4; Year
)

// QuarterKey is the translation key of a quarter's label, e.g. "publicity.period.q3".
func QuarterKey(q int) string { return keyQuarterBase + string(rune('0'+q)) }

// Keys lists every translation key this package produces, for completeness tests.
func Keys() []string {
	keys := []string{KeyTooLong, KeyTitleEmpty, KeyTypeEmpty, KeyTypeUnknown, KeyPlaceKindUnknown, KeyHeldOnEmpty,
		KeyHeldOnInvalid, KeyHeldOnFuture, KeyCountInvalid, KeyDrillPeople, KeyCostNegative, KeyTypesEmpty,
		KeyTypesLong, KeyPeriodInvalid, KeySentence, KeySentenceNone, KeyPeriodYear, KeyPeriodH1, KeyPeriodH2,
		KeyPeriodMonth, KeyPeriodRange, "publicity.photo.empty", "publicity.photo.too_big", "publicity.photo.not_image"}
	for q := 1; q <= 4; q++ {
		keys = append(keys, QuarterKey(q))
	}
	return keys
}
