package outbox

import (
	"context"

	townmail "townledger/app/mail"
	"townledger/app/problem"
)

// The steps of a connection test, in order, as translation keys (Server).
const (
	ProbeSMTPConnect = "outbox.probe.smtp_connect" // reach and secure the SMTP server
	ProbeSMTPLogin   = "outbox.probe.smtp_login"   // log in to it
	ProbeIMAPConnect = "outbox.probe.imap_connect" // reach and secure the IMAP server
	ProbeIMAPLogin   = "outbox.probe.imap_login"   // log in to it
	ProbeSentFolder  = "outbox.probe.sent"         // find the Sent folder
)

// ProbeKeys lists the step keys, for completeness tests.
func ProbeKeys() []string {
	return []string{ProbeSMTPConnect, ProbeSMTPLogin, ProbeIMAPConnect, ProbeIMAPLogin, ProbeSentFolder}
}

// ProbeStep is one finished step of a connection test.
type ProbeStep struct {
	N      int    // 1 …
	Key    string // ProbeSMTPConnect …
	Server string // host:port
	Err    error  // nil: the step succeeded
	// Sent is the Sent folder's name (ProbeSentFolder only); SentFound is false when the
	// mailbox has none yet and the first report's copy will create Sent.
	Sent      string
	SentFound bool
}

// Probe tests the account step by step without sending anything: it reaches and secures the
// SMTP server, logs in, does the same with the IMAP server and looks for the Sent folder
// (creating nothing). Each finished step is passed to step as it ends; the test stops at the
// first that fails, and returns that step's error, nil when every step succeeded.
func Probe(ctx context.Context, c Config, a townmail.Account, step func(ProbeStep)) error {
	if !c.Configured() {
		return problem.New(KeyNoAccount, nil)
	}
	if err := c.trimmed().Check().Err(); err != nil {
		return err
	}
	if a.Password == "" {
		return problem.New(townmail.KeyNoPassword, nil)
	}
	n := 0
	do := func(key, server string, fn func() error) error {
		n++
		err := fn()
		step(ProbeStep{N: n, Key: key, Server: server, Err: err})
		return err
	}
	smtp, imap := a.SMTPAddr(), a.IMAPAddr()
	if err := do(ProbeSMTPConnect, smtp, func() error { return townmail.ConnectSMTP(ctx, a) }); err != nil {
		return err
	}
	if err := do(ProbeSMTPLogin, smtp, func() error { return townmail.LoginSMTP(ctx, a) }); err != nil {
		return err
	}
	if err := do(ProbeIMAPConnect, imap, func() error { return townmail.ConnectIMAP(ctx, a) }); err != nil {
		return err
	}
	loggedIn := false
	name, found, err := townmail.FindSent(ctx, a, func() {
		loggedIn = true
		n++
		step(ProbeStep{N: n, Key: ProbeIMAPLogin, Server: imap})
	})
	if !loggedIn {
		n++
		step(ProbeStep{N: n, Key: ProbeIMAPLogin, Server: imap, Err: err})
		return err
	}
	n++
	step(ProbeStep{N: n, Key: ProbeSentFolder, Server: imap, Err: err, Sent: name, SentFound: found})
	return err
}
