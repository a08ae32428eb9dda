package rules

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"townledger/app/problem"
)

func TestFormatNumber(t *testing.T) {
	if got := FormatNumber("青石", "应急罚", 2024, 12); got != "青石应急罚\u30142024\u301512号" {
		t.Errorf("FormatNumber = %q", got)
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in          string
		issuer, doc string
		year, seq   int
		key         string
	}{
		{"青石应急罚〔2024〕12号", "青石", "应急罚", 2024, 12, ""},
		{"青石应急罚[2024]12号", "青石", "应急罚", 2024, 12, ""},
		{"青石应急罚［2024］12号", "青石", "应急罚", 2024, 12, ""},
		{"青石应急罚【2024】12号", "青石", "应急罚", 2024, 12, ""},
		{"青石应急罚（2024）12号", "青石", "应急罚", 2024, 12, ""},
		{"青石应急罚〔２０２４〕１２号", "青石", "应急罚", 2024, 12, ""},
		{" 青石 应急罚 〔2024〕 第012号 ", "青石", "应急罚", 2024, 12, ""},
		{"青石应急罚〔2024〕12", "青石", "应急罚", 2024, 12, ""},
		{"青石应急罚告〔2024〕3号", "青石", "应急罚告", 2024, 3, ""},
		{"青石应急听告〔2024〕3号", "青石", "应急听告", 2024, 3, ""},
		{"青石应急不罚〔2025〕1号", "青石", "应急不罚", 2025, 1, ""},
		{"示范区应急立〔2024〕100号", "示范区", "应急立", 2024, 100, ""},
		{"（示范）应急结〔2024〕7号", "（示范）", "应急结", 2024, 7, ""},
		{"青石应急罚〔2024〕0号", "", "", 0, 0, KeyNumberInvalid},
		{"青石应急罚〔24〕12号", "", "", 0, 0, KeyNumberInvalid},
		{"青石应急罚2024〕12号", "", "", 0, 0, KeyNumberInvalid},
		{"青石应急罚〔2024〕号", "", "", 0, 0, KeyNumberInvalid},
		{"应急罚〔2024〕12号", "", "", 0, 0, KeyNumberInvalid},
		{"青石安监罚〔2024〕12号", "", "", 0, 0, KeyNumberCode},
		{"", "", "", 0, 0, KeyNumberInvalid},
		{"青石应急罚〔2024〕1234567890号", "", "", 0, 0, KeyNumberInvalid},
	}
	for _, tt := range tests {
		issuer, doc, year, seq, err := ParseNumber(tt.in)
		if tt.key != "" {
			var pe *problem.Error
			if !errors.As(err, &pe) || pe.Key != tt.key || pe.Field != FieldNumber {
				t.Errorf("ParseNumber(%q) = %v, want %s", tt.in, err, tt.key)
			} else {
				sawKey(pe.Key)
				say(t, "zh-Hans", pe)
				say(t, "en", pe)
			}
			continue
		}
		if err != nil || issuer != tt.issuer || doc != tt.doc || year != tt.year || seq != tt.seq {
			t.Errorf("ParseNumber(%q) = %q %q %d %d %v", tt.in, issuer, doc, year, seq, err)
		}
	}
}

func TestNumberRoundTrip(t *testing.T) {
	for _, issuer := range []string{"青石", "示范区", "（简称）", "A镇"} {
		for _, code := range DocCodes {
			for _, ys := range [][2]int{{2024, 1}, {2025, 12}, {1999, 999999}} {
				s := FormatNumber(issuer, code, ys[0], ys[1])
				i, c, y, n, err := ParseNumber(s)
				if err != nil || i != issuer || c != code || y != ys[0] || n != ys[1] {
					t.Errorf("%q → %q %q %d %d %v", s, i, c, y, n, err)
				}
			}
		}
	}
}

func TestDocCode(t *testing.T) {
	for _, tt := range []struct {
		e    Event
		want string
	}{
		{Event{Step: StepFiled}, "应急立"},
		{Event{Step: StepNotice}, "应急罚告"},
		{Event{Step: StepNotice, HearingOffered: true}, "应急听告"},
		{Event{Step: StepDecision, Outcome: OutcomeFine}, "应急罚"},
		{Event{Step: StepDecision, Outcome: OutcomeNotPenalisedFirst}, "应急不罚"},
		{Event{Step: StepClosing}, "应急结"},
		{Event{Step: StepService}, ""},
	} {
		if got := DocCode(tt.e); got != tt.want {
			t.Errorf("DocCode(%+v) = %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestIssuerFor(t *testing.T) {
	for _, tt := range []struct{ delegation, want string }{
		{"grant", "青石"}, {"赋权", "青石"}, {"entrust", "示范区"}, {"委托", "示范区"}, {"", ""}, {"other", ""},
	} {
		if got := IssuerFor(tt.delegation, "青石", "示范区"); got != tt.want {
			t.Errorf("IssuerFor(%q) = %q, want %q", tt.delegation, got, tt.want)
		}
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"青石应急罚〔2024〕12号", "青石应急罚[2024]12号", "青石应急罚［２０２４］第１２号", "（示范）应急结〔2024〕7号",
		"应急罚〔2024〕12号", "青石应急罚〔2024〕0号", "", "〔〕号", "a应急立(1000)1", "青石应急罚告\u3014\u30152024号"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		issuer, code, year, seq, err := ParseNumber(s)
		if err != nil {
			var pe *problem.Error
			if !errors.As(err, &pe) || !slices.Contains(Keys(), pe.Key) {
				t.Fatalf("ParseNumber(%q): error %v is not a known refusal", s, err)
			}
			return
		}
		if issuer == "" || !utf8.ValidString(issuer) || strings.ContainsAny(issuer, " \t\n") {
			t.Fatalf("ParseNumber(%q): issuer %q", s, issuer)
		}
		if year < 1000 || year > 9999 || seq < 1 || !slices.Contains(mapValues(DocCodes), code) {
			t.Fatalf("ParseNumber(%q) = %q %q %d %d", s, issuer, code, year, seq)
		}
		canon := FormatNumber(issuer, code, year, seq)
		i2, c2, y2, n2, err := ParseNumber(canon)
		if err != nil || i2 != issuer || c2 != code || y2 != year || n2 != seq {
			t.Fatalf("round trip of %q via %q = %q %q %d %d %v", s, canon, i2, c2, y2, n2, err)
		}
	})
}

func mapValues(m map[Step]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func TestMarkedNumbers(t *testing.T) {
	if got := FormatMarked("示范区", "应急罚", 2026, "青石", 12); got != "示范区应急罚〔2026〕青石12号" {
		t.Errorf("FormatMarked = %q", got)
	}
	for _, tt := range []struct{ in, issuer, mark string }{
		{"示范区应急罚〔2026〕青石12号", "示范区", "青石"},
		{"示范区应急罚[2026]青石第12号", "示范区", "青石"},
		{"示范区应急罚〔2026〕12号", "示范区", ""},
	} {
		issuer, _, mark, year, seq, err := ParseMarked(tt.in)
		if err != nil || issuer != tt.issuer || mark != tt.mark || year != 2026 || seq != 12 {
			t.Errorf("ParseMarked(%q) = %q %q %d %d %v", tt.in, issuer, mark, year, seq, err)
		}
	}
	// A number without a mark is what ParseNumber takes; a marked one is not its kind.
	if _, _, _, _, err := ParseNumber("示范区应急罚〔2026〕青石12号"); err == nil {
		t.Error("ParseNumber took a marked number")
	}
	if _, _, _, _, _, err := ParseMarked("示范区应急罚〔2026〕一二三四五六七八九十十一12号"); err == nil {
		t.Error("a mark of eleven characters was taken")
	}
}

func FuzzParseMarked(f *testing.F) {
	for _, s := range []string{"示范区应急罚〔2026〕青石12号", "示范区应急罚[2026]青石第12号", "青石应急罚〔2024〕12号", "〔〕号"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		issuer, code, mark, year, seq, err := ParseMarked(s)
		if err != nil {
			return
		}
		canon := FormatMarked(issuer, code, year, mark, seq)
		i2, c2, m2, y2, n2, err := ParseMarked(canon)
		if err != nil || i2 != issuer || c2 != code || m2 != mark || y2 != year || n2 != seq {
			t.Fatalf("round trip of %q via %q = %q %q %q %d %d %v", s, canon, i2, c2, m2, y2, n2, err)
		}
	})
}
