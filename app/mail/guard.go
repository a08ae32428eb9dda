package mail

import (
	"context"
	"fmt"
	"net"
	"sync/atomic"
	"time"
)

// guard bounds each network step of one conversation. It closes the connection when a
// step outlives the account's timeout or the caller cancels: imapclient has no read
// deadline at all, and go-smtp clears its deadlines after each command and sets none
// while the message body is written, so without this a silent server hangs the sender.
type guard struct {
	ctx     context.Context
	timeout time.Duration
	server  string // host:port, for messages and logs
	conn    net.Conn
	expired atomic.Bool // a step ran out of time; the connection is closed
}

func newGuard(ctx context.Context, a Account, ep endpoint) *guard {
	return &guard{ctx: ctx, timeout: a.timeout(), server: ep.addr()}
}

// dial opens the TCP connection; TLS and the greeting are the caller's next step.
func (g *guard) dial() error {
	d := net.Dialer{Timeout: g.timeout}
	conn, err := d.DialContext(g.ctx, "tcp", g.server)
	if err != nil {
		return classify(phaseConnect, g.server, fmt.Errorf("connect to %s: %w", g.server, err))
	}
	g.conn = conn
	return nil
}

// do runs one step (what names it in the log) and turns its failure into the refusal a
// person reads, judged by the phase it happened in.
func (g *guard) do(ph phase, what string, fn func() error) error {
	if err := g.ctx.Err(); err != nil {
		return classify(ph, g.server, fmt.Errorf("%s %s: %w", g.server, what, err))
	}
	timer := time.AfterFunc(g.timeout, func() {
		g.expired.Store(true)
		g.conn.Close()
	})
	stop := context.AfterFunc(g.ctx, func() { g.conn.Close() })
	err := fn()
	timer.Stop()
	stop()
	switch {
	case g.expired.Load():
		// The connection is closed, so whatever fn saw is a consequence of the timeout.
		err = fmt.Errorf("%w after %v (%v)", errStepTimeout, g.timeout, err)
	case g.ctx.Err() != nil:
		err = g.ctx.Err()
	}
	if err != nil {
		return classify(ph, g.server, fmt.Errorf("%s %s: %w", g.server, what, err))
	}
	return nil
}

// close drops the connection; used when a conversation ends early.
func (g *guard) close() {
	if g.conn != nil {
		g.conn.Close()
	}
}
