package ids

// Error keys, one per failure reason. The Data each carries is noted.
const (
	KeyCreditLength  = "ids.credit.length"   // Len, Want
	KeyCreditChar    = "ids.credit.char"     // Pos, Char
	KeyCreditRegion  = "ids.credit.region"   // Pos, Char
	KeyCreditCheck   = "ids.credit.check"    // Want, Got
	KeyIDLength      = "ids.id.length"       // Len, Want
	KeyIDDigit       = "ids.id.digit"        // Pos, Char
	KeyIDCheckChar   = "ids.id.checkchar"    // Pos, Char
	KeyIDBirth       = "ids.id.birth"        // Date
	KeyIDBirthEarly  = "ids.id.birth_early"  // Date
	KeyIDBirthFuture = "ids.id.birth_future" // Date
	KeyIDCheck       = "ids.id.check"        // Want, Got
	KeyTownLength    = "ids.town.length"     // Len
	KeyTownDigits    = "ids.town.digits"     // Pos, Char
	KeyTownProvince  = "ids.town.province"   // Province
	KeyTownCounty    = "ids.town.county"     // County
	KeyTownTownship  = "ids.town.township"   // Township
	KeyTownVillage   = "ids.town.village"    // Village
	KeyAreaLength    = "ids.area.length"     // Len
	KeyAreaDigits    = "ids.area.digits"     // Pos, Char
	KeyAreaProvince  = "ids.area.province"   // Province
	KeyAreaLevel     = "ids.area.level"      // Code
	KeyAreaTown      = "ids.area.town"       // Code
	KeyPhoneMobile   = "ids.phone.mobile"    // Value
	KeyPhoneLandline = "ids.phone.landline"  // Value
	KeyPhoneInvalid  = "ids.phone.invalid"   // Value
)

// Keys lists every error key this package can return.
var Keys = []string{
	KeyCreditLength, KeyCreditChar, KeyCreditRegion, KeyCreditCheck,
	KeyIDLength, KeyIDDigit, KeyIDCheckChar, KeyIDBirth, KeyIDBirthEarly, KeyIDBirthFuture, KeyIDCheck,
	KeyTownLength, KeyTownDigits, KeyTownProvince, KeyTownCounty, KeyTownTownship, KeyTownVillage,
	KeyAreaLength, KeyAreaDigits, KeyAreaProvince, KeyAreaLevel, KeyAreaTown,
	KeyPhoneMobile, KeyPhoneLandline, KeyPhoneInvalid,
}
