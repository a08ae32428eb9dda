package casedoc

import "testing"

func TestCapitalWritesAmountsAsBankSlipsDo(t *testing.T) {
	tests := []struct {
		fen  int64
		want string
	}{
		{0, "零元整"},
		{100, "壹元整"},
		{1000, "壹拾元整"},
		{1500, "壹拾伍元整"},
		{10000, "壹佰元整"},
		{1200000, "壹万贰仟元整"},
		{1000500, "壹万零伍元整"},
		{1000000, "壹万元整"},
		{10000000, "壹拾万元整"},
		{10500000, "壹拾万零伍仟元整"},
		{20000000, "贰拾万元整"},
		{100001000, "壹佰万零壹拾元整"},
		{3000000, "叁万元整"},
		{2500000, "贰万伍仟元整"},
		{140950, "壹仟肆佰零玖元伍角"},
		{10005, "壹佰元零伍分"},
		{10055, "壹佰元伍角伍分"},
		{5, "伍分"},
		{50, "伍角"},
		{10000000000, "壹亿元整"},
		{10001000000, "壹亿零壹万元整"},
		{60203000000, "陆亿零贰佰零叁万元整"},
		{-1200000, "负壹万贰仟元整"},
	}
	for _, tt := range tests {
		if got := Capital(tt.fen); got != tt.want {
			t.Errorf("Capital(%d) = %s, want %s", tt.fen, got, tt.want)
		}
	}
}

func TestFiguresSeparateThousands(t *testing.T) {
	tests := []struct {
		fen  int64
		want string
	}{{0, "0.00"}, {1200000, "12,000.00"}, {12345678905, "123,456,789.05"}, {-150, "-1.50"}}
	for _, tt := range tests {
		if got := money(tt.fen).Figures; got != tt.want {
			t.Errorf("money(%d).Figures = %s, want %s", tt.fen, got, tt.want)
		}
	}
}

func FuzzCapital(f *testing.F) {
	f.Add(int64(1200000))
	f.Fuzz(func(t *testing.T, fen int64) {
		if fen < -1e15 || fen > 1e15 {
			return
		}
		s := Capital(fen)
		if s == "" {
			t.Fatalf("Capital(%d) is empty", fen)
		}
		for _, r := range s {
			if r >= '0' && r <= '9' {
				t.Fatalf("Capital(%d) = %s has figures", fen, s)
			}
		}
	})
}
