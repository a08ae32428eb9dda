package training

// Translation keys this package returns. The template data each carries is noted.
const (
	KeyTooLong = "training.too_long" // Max, Len

	KeyStaffNameEmpty  = "training.staff.name.empty"
	KeyCertNoRequired  = "training.staff.cert_no.required"
	KeyCertNoTaken     = "training.staff.cert_no.taken"       // Value, Name
	KeyCertStatus      = "training.staff.cert_status.invalid" // Value
	KeyCertDueOn       = "training.staff.cert_due_on.invalid" // Value
	KeyStaffArchived   = "training.staff.archived"            // Name, Date
	KeyArchiveDate     = "training.staff.archive_date"        // Date
	KeyNotOwner        = "training.not_owner"
	KeyTitleEmpty      = "training.title.empty"
	KeyCategoryEmpty   = "training.category.empty"
	KeyCategoryUnknown = "training.category.unknown" // Value
	KeyFormUnknown     = "training.form.unknown"     // Value
	KeyHeldOnEmpty     = "training.held_on.empty"
	KeyHeldOnInvalid   = "training.held_on.invalid" // Value
	KeyHeldOnFuture    = "training.held_on.future"  // Date
	KeyTimeInvalid     = "training.time.invalid"    // Value
	KeyTimeReversed    = "training.time.reversed"   // Start, End
	KeyHoursAbsurd     = "training.hours.absurd"    // Max
	KeyHoursSpan       = "training.hours.span"      // Hours, Span

	KeyAttendeeTwice    = "training.attendee.twice"     // Row, Name
	KeyAttendeeOverlap  = "training.attendee.overlap"   // Name, Title, From, To
	KeyAttendeeUnknown  = "training.attendee.unknown"   // Row
	KeyAttendeeArchived = "training.attendee.archived"  // Row, Name, Date
	KeyAttendeeHours    = "training.attendee.hours"     // Row, Name, Max
	KeyAttendeeScore    = "training.attendee.score"     // Row, Name
	KeyAttendeeSignedIn = "training.attendee.signed_in" // Row, Name, Value

	KeyCategoriesEmpty = "training.categories.empty"
	KeyCategoriesLong  = "training.categories.long" // Value, Max

	KeyAttachmentEmpty    = "training.attachment.empty"
	KeyAttachmentTooBig   = "training.attachment.too_big"  // MaxMB, SizeMB
	KeyAttachmentKind     = "training.attachment.bad_kind" // Value
	KeyAttachmentName     = "training.attachment.name.empty"
	KeyAttachmentNotHere  = "training.attachment.not_session"
	KeyAttachmentDamaged  = "training.attachment.damaged"
	attachmentKindKeyBase = "training.attachment.kind."
	formKeyBase           = "training.form.kind."
)

// Keys lists every translation key this package produces or offers for display (the
// attachment kinds and session forms, as KindKey and FormKey give them), for completeness
// tests.
func Keys() []string {
	keys := []string{KeyTooLong, KeyStaffNameEmpty, KeyCertNoRequired, KeyCertNoTaken, KeyCertStatus, KeyCertDueOn,
		KeyStaffArchived, KeyArchiveDate, KeyNotOwner, KeyTitleEmpty, KeyCategoryEmpty, KeyCategoryUnknown,
		KeyFormUnknown, KeyHeldOnEmpty, KeyHeldOnInvalid, KeyHeldOnFuture, KeyTimeInvalid, KeyTimeReversed,
		KeyHoursAbsurd, KeyHoursSpan, KeyAttendeeTwice, KeyAttendeeOverlap, KeyAttendeeUnknown, KeyAttendeeArchived, KeyAttendeeHours,
		KeyAttendeeScore, KeyAttendeeSignedIn, KeyCategoriesEmpty, KeyCategoriesLong, KeyAttachmentEmpty,
		KeyAttachmentTooBig, KeyAttachmentKind, KeyAttachmentName, KeyAttachmentNotHere, KeyAttachmentDamaged}
	for _, k := range AttachmentKinds {
		keys = append(keys, KindKey(k))
	}
	for _, f := range Forms {
		keys = append(keys, FormKey(f))
	}
	return keys
}

// KindKey is the translation key naming an attachment kind, e.g. "training.attachment.kind.photo".
func KindKey(kind string) string { return attachmentKindKeyBase + kind }
