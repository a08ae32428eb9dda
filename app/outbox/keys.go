package outbox

// Translation keys of this package's refusals and reports; the data each carries is noted.
const (
	KeyHost            = "outbox.host"              // Value
	KeyPort            = "outbox.port"              // Value
	KeyUsername        = "outbox.username"          //
	KeyFrom            = "outbox.from"              // Value
	KeyNoAccount       = "outbox.no_account"        //
	KeyNoDistrictEmail = "outbox.no_district_email" //
	KeyAlreadySent     = "outbox.already_sent"      // Period, Version, SentAt
	KeyAlreadyQueued   = "outbox.already_queued"    // Period, Version
	KeyFileMissing     = "outbox.file_missing"      // Period, Version
)

// Keys lists every translation key this package produces, for completeness tests.
func Keys() []string {
	return []string{KeyHost, KeyPort, KeyUsername, KeyFrom, KeyNoAccount, KeyNoDistrictEmail, KeyAlreadySent,
		KeyAlreadyQueued, KeyFileMissing, KeyChanged, KeyRejectedUnchanged, StepExport, StepReuse, StepSend}
}
