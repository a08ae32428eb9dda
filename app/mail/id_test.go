package mail_test

import (
	"context"
	"slices"
	"testing"

	"townledger/app/mail"
	"townledger/app/mail/mailtest"
)

// 163, 126 and Coremail refuse SELECT until the client has sent ID after logging in; a
// server that does not offer ID must not get it.
func TestIDIsSentAfterLoginBeforeAnySelect(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		opts   []mailtest.Option
		wantID bool
	}{
		{"server offers ID", nil, true},
		{"server does not offer ID", []mailtest.Option{mailtest.WithoutID()}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := mailtest.Start(t, tc.opts...)
			proxy := s.Proxy(t)
			a := s.Account(mailtest.Town)
			a.IMAP = proxy.Server()
			ctx := context.Background()
			if _, _, err := mail.FindReply(ctx, a, mail.ReplyQuery{Subject: "报表", Senders: []string{mailtest.District}}); err != nil {
				t.Fatal(err)
			}
			if err := mail.AppendSent(ctx, a, []byte("Subject: x\r\n\r\nx\r\n")); err != nil {
				t.Fatal(err)
			}
			cmds := proxy.Commands()
			t.Logf("commands: %v", cmds)
			for _, session := range splitSessions(cmds) {
				login := slices.Index(session, "LOGIN")
				id := slices.Index(session, "ID")
				if login < 0 {
					t.Fatalf("no LOGIN in %v", session)
				}
				if got := id >= 0; got != tc.wantID {
					t.Fatalf("ID sent = %v, want %v: %v", got, tc.wantID, session)
				}
				for i, c := range session {
					if c == "SELECT" || c == "EXAMINE" || c == "APPEND" || c == "LIST" {
						if tc.wantID && i < id {
							t.Errorf("%s before ID: %v", c, session)
						}
						if i < login {
							t.Errorf("%s before LOGIN: %v", c, session)
						}
					}
				}
			}
		})
	}
}

// splitSessions cuts a command log at each LOGOUT.
func splitSessions(cmds []string) [][]string {
	var out [][]string
	start := 0
	for i, c := range cmds {
		if c == "LOGOUT" {
			out = append(out, cmds[start:i+1])
			start = i + 1
		}
	}
	return out
}
