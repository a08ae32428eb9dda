package ids

// Town kinds returned by TownKind.
const (
	TownKindStreet   = "street"   // 街道, township part 001–099
	TownKindTown     = "town"     // 镇, township part 100–199
	TownKindTownship = "township" // 乡, township part 200–399
)

// provinces holds the two-digit province-level codes of GB/T 2260.
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true,
}

// ValidateTownCode checks the administrative division code of a town-level
// unit and returns its 9-digit form. It accepts 9 digits (6-digit county
// code + 3-digit township part) or the 12-digit statistical code, whose last
// 3 digits (the village part) must then be 000. The first two digits must be
// a province code, digits 5–6 must not be 00 and the township part must be
// in 001–399. Errors have keys ids.town.length, ids.town.digits,
// ids.town.province, ids.town.county, ids.town.township or ids.town.village.
func ValidateTownCode(s string) (string, error) {
	r := []rune(Normalize(s))
	if len(r) != 9 && len(r) != 12 {
		return "", newError(KeyTownLength, "Len", len(r))
	}
	for i, c := range r {
		if c < '0' || c > '9' {
			return "", newError(KeyTownDigits, "Pos", i+1, "Char", string(c))
		}
	}
	code := string(r)
	if !provinces[code[:2]] {
		return "", newError(KeyTownProvince, "Province", code[:2])
	}
	if code[4:6] == "00" {
		return "", newError(KeyTownCounty, "County", code[4:6])
	}
	if t := atoi(code[6:9]); t < 1 || t > 399 {
		return "", newError(KeyTownTownship, "Township", code[6:9])
	}
	if len(code) == 12 && code[9:] != "000" {
		return "", newError(KeyTownVillage, "Village", code[9:])
	}
	return code[:9], nil
}

// TownKind returns TownKindStreet, TownKindTown or TownKindTownship for a
// valid 9- or 12-digit town code, and "" for anything ValidateTownCode
// rejects.
func TownKind(code9 string) string {
	c, err := ValidateTownCode(code9)
	if err != nil {
		return ""
	}
	switch t := atoi(c[6:9]); {
	case t < 100:
		return TownKindStreet
	case t < 200:
		return TownKindTown
	}
	return TownKindTownship
}
