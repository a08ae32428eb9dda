package search

import "testing"

func TestInitials(t *testing.T) {
	cases := []struct{ in, want string }{
		{"青山机械厂", "qsjxc"},
		{"绿水餐饮店（个体）", "lscydgt"},
		{"ABC 加油站 2 号", "abcjyz2h"},
		{"", ""},
		{"——", ""},
	}
	for _, c := range cases {
		if got := Initials(c.in); got != c.want {
			t.Errorf("Initials(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
