package mailtest

import (
	"bufio"
	"crypto/tls"
	"io"
	"net"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"townledger/app/mail"
)

// Proxy sits in front of Dovecot's implicit-TLS port, decrypting so it can record the
// commands a client sends (to prove their order, e.g. ID before SELECT) and, on request,
// swallow one command so the client waits for an answer that never comes.
type Proxy struct {
	Port int

	mu    sync.Mutex
	cmds  []string
	stall string
}

// Proxy starts a recording proxy for Dovecot; it stops when the test ends.
func (s *Servers) Proxy(t testing.TB) *Proxy {
	t.Helper()
	ln, err := tls.Listen("tcp", net.JoinHostPort(Host, "0"), s.pki.serverTLS())
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{Port: ln.Addr().(*net.TCPAddr).Port}
	var wg sync.WaitGroup
	var connsMu sync.Mutex
	var conns []net.Conn
	track := func(c net.Conn) {
		connsMu.Lock()
		conns = append(conns, c)
		connsMu.Unlock()
	}
	upstream := net.JoinHostPort(Host, strconv.Itoa(s.IMAPTLS))
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			server, err := tls.Dial("tcp", upstream, s.pki.clientTLS())
			if err != nil {
				client.Close()
				continue
			}
			track(client)
			track(server)
			wg.Add(2)
			go func() { defer wg.Done(); p.relayCommands(client, server) }()
			go func() { defer wg.Done(); _, _ = io.Copy(client, server); client.Close() }()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		connsMu.Lock()
		for _, c := range conns {
			c.Close()
		}
		connsMu.Unlock()
		wg.Wait()
	})
	return p
}

// Server is the proxy as an IMAP server setting.
func (p *Proxy) Server() mail.Server {
	return mail.Server{Host: Host, Port: p.Port, Security: mail.TLS}
}

// Commands lists the command names clients sent so far, e.g. LOGIN, ID, EXAMINE,
// "UID SEARCH" (arguments, and so passwords, are not kept).
func (p *Proxy) Commands() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.cmds...)
}

// StallOn makes the proxy swallow the next command named verb (e.g. "EXAMINE") and all
// that follow on that connection, as a server that stopped answering.
func (p *Proxy) StallOn(verb string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stall = strings.ToUpper(verb)
}

// literalRE finds a literal announced at the end of a command line: {123} or {123+}.
var literalRE = regexp.MustCompile(`\{(\d+)\+?\}\r?\n$`)

// relayCommands forwards client to server line by line, recording each command's name
// and passing literals (APPEND's message) through unparsed.
func (p *Proxy) relayCommands(client, server net.Conn) {
	defer server.Close()
	r := bufio.NewReader(client)
	continued := false // the line continues a command after a literal
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		if !continued && p.record(line) {
			_, _ = io.Copy(io.Discard, r) // stalled: read and drop until the client gives up
			return
		}
		if _, err := io.WriteString(server, line); err != nil {
			return
		}
		continued = false
		if m := literalRE.FindStringSubmatch(line); m != nil {
			n, _ := strconv.ParseInt(m[1], 10, 64)
			if _, err := io.CopyN(server, r, n); err != nil {
				return
			}
			continued = true
		}
	}
}

// record notes a command line's name and reports whether to stall on it.
func (p *Proxy) record(line string) bool {
	f := strings.Fields(line)
	if len(f) < 2 {
		return false
	}
	name := strings.ToUpper(f[1])
	if name == "UID" && len(f) > 2 {
		name += " " + strings.ToUpper(f[2])
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cmds = append(p.cmds, name)
	return p.stall != "" && name == p.stall
}
