package trainingimport

import "townledger/app/training"

// Translation keys this package returns. The template data each carries is noted.
const (
	KeyNotNumber     = "import.training.not_number"       // Value
	KeyStaffOnRoster = "import.staff.on_roster"           // Name, Unit, Position
	KeyStaffRepeated = "import.staff.repeated"            // First, Name, Unit
	KeyCertRepeated  = "import.staff.cert_repeated"       // First, Name, Value
	KeySessionTwice  = "import.trainings.repeated"        // First, Title, Date
	KeySessionExists = "import.trainings.exists"          // Title, Date
	KeyNotOnRoster   = "import.attendance.not_on_roster"  // Name
	KeyUnitMismatch  = "import.attendance.unit_mismatch"  // Name, Unit, Units
	KeyAmbiguous     = "import.attendance.ambiguous"      // Name, N, Units
	KeyAmbiguousUnit = "import.attendance.ambiguous_unit" // Name, N, Unit
	KeyPersonTwice   = "import.attendance.repeated"       // First, Name
	KeyAlreadyThere  = "import.attendance.already"        // Name
	KeyNoSession     = "import.attendance.no_session"     // Title, Date
	KeySessions      = "import.attendance.sessions"       // Title, Date, N
	KeyOtherSession  = "import.attendance.other_session"  // First, Title, Date
	KeyLeft          = "import.attendance.left"           // Name, Date

	// training.SaveSession's refusals of an attendee, without its own row number: a
	// problem line names the sheet's row already.
	KeyAttendeeTwice    = "import.attendance.twice"     // Name
	KeyAttendeeUnknown  = "import.attendance.unknown"   // -
	KeyAttendeeArchived = "import.attendance.archived"  // Name, Date
	KeyAttendeeHours    = "import.attendance.hours"     // Name, Max
	KeyAttendeeScore    = "import.attendance.score"     // Name
	KeyAttendeeSignedIn = "import.attendance.signed_in" // Name, Value
)

// attendeeKeys maps training's attendee refusals, which say which row of a form they
// concern, to those above.
var attendeeKeys = map[string]string{training.KeyAttendeeTwice: KeyAttendeeTwice,
	training.KeyAttendeeUnknown: KeyAttendeeUnknown, training.KeyAttendeeArchived: KeyAttendeeArchived,
	training.KeyAttendeeHours: KeyAttendeeHours, training.KeyAttendeeScore: KeyAttendeeScore,
	training.KeyAttendeeSignedIn: KeyAttendeeSignedIn}

// Keys lists every translation key this package produces, for completeness tests.
func Keys() []string {
	return []string{KeyNotNumber, KeyStaffOnRoster, KeyStaffRepeated, KeyCertRepeated, KeySessionTwice,
		KeySessionExists, KeyNotOnRoster, KeyUnitMismatch, KeyAmbiguous, KeyAmbiguousUnit, KeyPersonTwice,
		KeyAlreadyThere, KeyNoSession, KeySessions, KeyOtherSession, KeyLeft, KeyAttendeeTwice, KeyAttendeeUnknown,
		KeyAttendeeArchived, KeyAttendeeHours, KeyAttendeeScore, KeyAttendeeSignedIn}
}
