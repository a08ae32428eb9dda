package ids

// ValidateAreaCode checks the division code a district (county-level) or city bureau reports
// under and returns its 6-digit form. It accepts the 6-digit code, or its 9- or 12-digit form
// whose township (and village) part is all zeros, as the statistical tables write a county.
// A province's own code (digits 3–6 all zero) is refused: TownLedger consolidates towns into
// districts and districts into cities. Errors have keys ids.area.length, ids.area.digits,
// ids.area.province, ids.area.level or ids.area.town.
func ValidateAreaCode(s string) (string, error) {
	r := []rune(Normalize(s))
	if len(r) != 6 && len(r) != 9 && len(r) != 12 {
		return "", newError(KeyAreaLength, "Len", len(r))
	}
	for i, c := range r {
		if c < '0' || c > '9' {
			return "", newError(KeyAreaDigits, "Pos", i+1, "Char", string(c))
		}
	}
	code := string(r)
	if !provinces[code[:2]] {
		return "", newError(KeyAreaProvince, "Province", code[:2])
	}
	if code[2:6] == "0000" {
		return "", newError(KeyAreaLevel, "Code", code[:6])
	}
	for _, c := range code[6:] {
		if c != '0' {
			return "", newError(KeyAreaTown, "Code", code)
		}
	}
	return code[:6], nil
}

// ValidateOfficeCode checks the code of an office that sends reports to the level above: a
// town's (ValidateTownCode, 9 digits back) or a district's or city's (ValidateAreaCode, 6
// digits back). A code that is neither is refused as a town's, or as a district's when it has
// 6 digits.
func ValidateOfficeCode(s string) (string, error) {
	town, err := ValidateTownCode(s)
	if err == nil {
		return town, nil
	}
	area, aerr := ValidateAreaCode(s)
	if aerr == nil {
		return area, nil
	}
	if len([]rune(Normalize(s))) == 6 {
		return "", aerr
	}
	return "", err
}
