package caseimport

// Translation keys this package produces; the data each carries is noted. Refusals of
// other packages pass through as they are: workbook cells (import.*), parties and
// identifiers (parties.*, ids.*), amounts (casefile.amount.*), fines (case.fine.*), case
// numbers (case.number.*), and case.rule.fine_missing / case.rule.payment_amount.
const (
	KeyPartyIdentifier = "import.cases.party_identifier"   // -
	KeyPartyNameDiffer = "import.cases.party_name_differs" // First, Name
	KeyItemUnknown     = "import.cases.item_unknown"       // Code
	KeyItemNotInForce  = "import.cases.item_not_in_force"  // Code, Date, Periods
	KeyTierUnknown     = "import.cases.tier_unknown"       // Code, Tier, Tiers
	KeyIssuer          = "import.cases.issuer"             // Issuer, Expected, Code
	KeyNoIssuer        = "import.cases.no_issuer"          // Code
	KeyNumberTaken     = "import.cases.number_taken"       // Value
	KeyNumberVoided    = "import.cases.number_voided"      // Value
	KeyDateOrder       = "import.cases.date_order"         // Date, Column, Other
	KeyFuture          = "import.cases.future"             // Date, Today
	KeyNeedsDecision   = "import.cases.needs_decision"     // -
	KeyNoOutcome       = "import.cases.no_outcome"         // -
	KeyNoDecisionDate  = "import.cases.no_decision_date"   // -
	KeyFineNotExpected = "import.cases.fine_not_expected"  // -
	KeyNoNoticeDate    = "import.cases.no_notice_date"     // -
	KeyNoPaymentDate   = "import.cases.no_payment_date"    // -
	KeyPaidZero        = "import.cases.paid_zero"          // -
	KeyNothingToPay    = "import.cases.nothing_to_pay"     // -
	KeyNoOfficers      = "import.cases.officers_empty"     // -
	KeySummaryStep     = "import.cases.summary_step"       // Column
	KeyAfterDecision   = "import.cases.after_decision"     // Date, Column, Other

	// KeyFineMissing and KeyPaymentAmount are the case rules' own words.
	KeyFineMissing   = "case.rule.fine_missing"
	KeyPaymentAmount = "case.rule.payment_amount"
)

// Keys lists every translation key this package produces itself, for completeness tests.
func Keys() []string {
	return []string{KeyPartyIdentifier, KeyPartyNameDiffer, KeyItemUnknown, KeyItemNotInForce, KeyTierUnknown,
		KeyIssuer, KeyNoIssuer, KeyNumberTaken, KeyNumberVoided, KeyDateOrder, KeyFuture, KeyNeedsDecision,
		KeyNoOutcome, KeyNoDecisionDate, KeyFineNotExpected, KeyNoNoticeDate, KeyNoPaymentDate, KeyPaidZero,
		KeyNothingToPay, KeyNoOfficers, KeySummaryStep, KeyAfterDecision, KeyFineMissing, KeyPaymentAmount}
}
