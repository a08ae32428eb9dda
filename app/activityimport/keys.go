package activityimport

// Translation keys this package returns. The template data each carries is noted.
const (
	KeyNotCount    = "import.activities.not_count"    // Value
	KeyNotMoney    = "import.activities.not_money"    // Value
	KeyTypeUnknown = "import.activities.type_unknown" // Value, Types
	KeyRepeated    = "import.activities.repeated"     // First, Title, Date
)

// Keys lists every translation key this package produces, for completeness tests.
func Keys() []string {
	return []string{KeyNotCount, KeyNotMoney, KeyTypeUnknown, KeyRepeated}
}
