package mailtest

import (
	"bufio"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// dovecotPaths are where Debian's dovecot-core puts the binary; /usr/sbin is often not
// on a normal user's PATH.
var dovecotPaths = []string{"/usr/sbin/dovecot", "/usr/local/sbin/dovecot"}

func findDovecot() (string, error) {
	if p, err := exec.LookPath("dovecot"); err == nil {
		return p, nil
	}
	for _, p := range dovecotPaths {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New("dovecot is not installed: run `build/deps.sh mail` (Debian package dovecot-imapd)")
}

// identity is who Dovecot's processes and mail files run as.
type identity struct {
	internal, login, group string // default_internal_user, default_login_user, group
	uid, gid               int    // owner of the mail files
}

// whoRuns picks the accounts. As a normal user everything runs as that user. As root
// (containers, CI) Dovecot refuses to run its login process as root and refuses mail
// files owned by uid 0, so it uses the dovecot and dovenull accounts the Debian package
// creates, and the temp folder is opened up for them.
func whoRuns() (identity, error) {
	if os.Geteuid() != 0 {
		u, err := user.Current()
		if err != nil {
			return identity{}, err
		}
		g, err := user.LookupGroupId(u.Gid)
		if err != nil {
			return identity{}, err
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		return identity{internal: u.Username, login: u.Username, group: g.Name, uid: uid, gid: gid}, nil
	}
	u, err := user.Lookup("dovecot")
	if err == nil {
		_, err = user.Lookup("dovenull")
	}
	if err != nil {
		return identity{}, fmt.Errorf("running as root needs the dovecot and dovenull accounts of dovecot-core: %w", err)
	}
	g, err := user.LookupGroupId(u.Gid)
	if err != nil {
		return identity{}, err
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return identity{internal: "dovecot", login: "dovenull", group: g.Name, uid: uid, gid: gid}, nil
}

// setup is one Dovecot instance to run. runDir (base_dir, Dovecot's sockets) is apart
// from dir because a Unix socket path must fit in 108 bytes and t.TempDir's path holds
// the test's name, however long.
type setup struct {
	bin    string
	dir    string // the test's temp folder: configuration, log, users, maildirs
	runDir string // a short path for base_dir
	id     identity
	pki    *pki
	noID   bool
}

// conf is an unprivileged Dovecot 2.3 on loopback: a passwd-file of test users, a static
// userdb with a maildir per user under dir, TLS required on both listeners.
func (c setup) conf(imapPort, imapsPort int) string {
	dir, id := c.dir, c.id
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("# Written by mailtest for one test; deleted with the test's temp folder.")
	p("protocols = imap")
	p("listen = 127.0.0.1")
	p("base_dir = %s", c.runDir)
	p("state_dir = %s", filepath.Join(dir, "state"))
	p("log_path = %s", filepath.Join(dir, "dovecot.log"))
	p("instance_name = mailtest-%d", imapsPort)
	p("default_internal_user = %s", id.internal)
	p("default_internal_group = %s", id.group)
	p("default_login_user = %s", id.login)
	p("first_valid_uid = 1")
	p("first_valid_gid = 0")
	p("ssl = required")
	p("ssl_cert = <%s", filepath.Join(dir, "cert.pem"))
	p("ssl_key = <%s", filepath.Join(dir, "key.pem"))
	p("auth_mechanisms = plain login")
	p("auth_verbose = yes")
	p("auth_failure_delay = 0") // the default 2 s would slow every wrong-password test
	p("passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%%u %s\n}", filepath.Join(dir, "passwd"))
	p("userdb {\n  driver = static\n  args = uid=%d gid=%d home=%s/%%u\n}", id.uid, id.gid, filepath.Join(dir, "mail"))
	p("mail_location = maildir:~/Maildir")
	p("mail_fsync = never")
	// "已发送" is the \Sent folder once created, as on 163 and QQ; nothing creates it.
	p("namespace inbox {\n  inbox = yes\n  mailbox \"已发送\" {\n    special_use = \\Sent\n  }\n}")
	if c.noID {
		// Dovecot always answers ID; leaving it out of the capability list stands in
		// for a server that does not offer it.
		p("imap_capability = IMAP4rev1 LITERAL+ SASL-IR UIDPLUS NAMESPACE SPECIAL-USE")
	}
	// No chroot: chroot needs root, and the login process must reach the test folder.
	// No auth penalty: it would delay each wrong-password test more than the last.
	p("service anvil {\n  chroot =\n  unix_listener anvil-auth-penalty {\n    mode = 0\n  }\n}")
	p("service imap-login {\n  chroot =\n  inet_listener imap {\n    port = %d\n  }\n  inet_listener imaps {\n    port = %d\n    ssl = yes\n  }\n}", imapPort, imapsPort)
	return b.String()
}

// startDovecot writes the configuration and runs `dovecot -F -c CONF` until it answers
// on the implicit-TLS port. It returns the running process and the STARTTLS and
// implicit-TLS ports.
func (c setup) start() (*process, int, int, error) {
	dir := c.dir
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ { // a free port may be taken before Dovecot binds it
		imapPort, err := freePort()
		if err != nil {
			return nil, 0, 0, err
		}
		imapsPort, err := freePort()
		if err != nil {
			return nil, 0, 0, err
		}
		conf := filepath.Join(dir, "dovecot.conf")
		if err := os.WriteFile(conf, []byte(c.conf(imapPort, imapsPort)), 0o644); err != nil {
			return nil, 0, 0, err
		}
		cmd := exec.Command(c.bin, "-F", "-c", conf)
		out, err := os.Create(filepath.Join(dir, "dovecot.out"))
		if err != nil {
			return nil, 0, 0, err
		}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			out.Close()
			return nil, 0, 0, fmt.Errorf("start %s: %w", c.bin, err)
		}
		out.Close()
		proc := &process{cmd: cmd, done: make(chan struct{})}
		go func() {
			proc.err = cmd.Wait()
			close(proc.done)
		}()
		if lastErr = waitIMAP(imapsPort, c.pki, proc); lastErr == nil {
			return proc, imapPort, imapsPort, nil
		}
		proc.stop()
		lastErr = fmt.Errorf("%w\n%s", lastErr, dovecotOutput(dir))
	}
	return nil, 0, 0, lastErr
}

// waitIMAP waits for Dovecot's greeting over TLS, which also proves the certificate.
func waitIMAP(port int, p *pki, proc *process) error {
	deadline := time.Now().Add(10 * time.Second)
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	for time.Now().Before(deadline) {
		select {
		case <-proc.done:
			return fmt.Errorf("dovecot exited: %v", proc.err)
		default:
		}
		conn, err := tls.DialWithDialer(&net.Dialer{Timeout: time.Second}, "tcp", addr, p.clientTLS())
		if err != nil {
			time.Sleep(10 * time.Millisecond)
			continue
		}
		conn.SetDeadline(time.Now().Add(5 * time.Second))
		r := bufio.NewReader(conn)
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				break
			}
			if strings.HasPrefix(line, "* OK [CAPABILITY") {
				conn.Close()
				return nil
			}
		}
		conn.Close()
	}
	return errors.New("dovecot did not greet within 10 s")
}

// process is a running Dovecot master.
type process struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when it has exited
	err  error         // how it exited, once done is closed
}

// stop asks Dovecot's master to shut down (it stops its children, which takes about a
// second) and kills it if it has not within five seconds.
func (p *process) stop() {
	_ = p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

func dovecotOutput(dir string) string {
	var b strings.Builder
	for _, name := range []string{"dovecot.out", "dovecot.log"} {
		if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			b.Write(data)
		}
	}
	return b.String()
}

// freePort finds a loopback port nobody listens on (closed again before returning).
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
