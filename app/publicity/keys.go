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
	KeyTypesLong        = "publicity.types.long" // Value, Max

	// The report sentence and its period labels.
	KeySentence     = "publicity.sentence"      // Period, Activities, Banners, Boards, Materials, People, Drills, DrillPeople
	KeySentenceNone = "publicity.sentence.none" // Period
)

// Keys lists every translation key this package produces, for completeness tests.
func Keys() []string {
	return []string{KeyTooLong, KeyTitleEmpty, KeyTypeEmpty, KeyTypeUnknown, KeyPlaceKindUnknown, KeyHeldOnEmpty,
		KeyHeldOnInvalid, KeyHeldOnFuture, KeyCountInvalid, KeyDrillPeople, KeyCostNegative, KeyTypesEmpty,
		KeyTypesLong, KeySentence, KeySentenceNone, "publicity.photo.empty", "publicity.photo.too_big", "publicity.photo.not_image"}
}
