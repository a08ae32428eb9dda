package outbox

import (
	"testing"

	"townledger/app/problem"
)

func TestReadPortQuotesWhatWasTyped(t *testing.T) {
	for _, c := range []struct {
		typed string
		want  int
	}{{"465", 465}, {" ９９３ ", 993}, {"25", 25}, {"abc", 0}, {"", 0}, {"0", 0}, {"70000", 0}, {"46 5", 0}} {
		got, err := ReadPort(FieldSMTPPort, c.typed)
		if got != c.want {
			t.Errorf("ReadPort(%q) = %d, want %d", c.typed, got, c.want)
		}
		if c.want == 0 {
			p := problem.From(err)
			if p == nil || p.Key != KeyPort || p.Field != FieldSMTPPort {
				t.Errorf("ReadPort(%q): %v, want %s on %s", c.typed, err, KeyPort, FieldSMTPPort)
			} else if v := p.Data["Value"]; c.typed != "" && v == 0 {
				t.Errorf("ReadPort(%q) quotes %v", c.typed, v)
			}
		}
	}
}
