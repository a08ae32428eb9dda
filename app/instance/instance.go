// Package instance keeps one window per database. The first window holds a lock beside the
// database and listens on loopback; a second start on the same database finds the lock held
// and asks that window to come to the front instead of opening the database again.
package instance

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/gofrs/flock"
)

// ErrRunning says another window already has the database open.
var ErrRunning = errors.New("a TownLedger window already has this database open")

// raiseReply is what the first window answers once it has been asked to come forward.
const raiseReply = "raised"

// Primary is the first window's claim on a database.
type Primary struct {
	lock *flock.Flock
	ln   net.Listener
	info string
	done chan struct{}
}

// info is what a second start reads to reach the first window. The token keeps other local
// programs that happen to find the port from poking the window.
type info struct {
	Port  int    `json:"port"`
	Token string `json:"token"`
	PID   int    `json:"pid"`
}

func paths(dbPath string) (lock, inf string, err error) {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return "", "", fmt.Errorf("database path %s: %w", dbPath, err)
	}
	return abs + ".window-lock", abs + ".window", nil
}

// Claim takes the database for this window, or returns ErrRunning when another window has
// it. raise is called (from a background goroutine) each time a later start asks this
// window to come to the front.
func Claim(dbPath string, raise func()) (*Primary, error) {
	lockPath, infoPath, err := paths(dbPath)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(lockPath), 0o700); err != nil {
		return nil, fmt.Errorf("create the folder of %s: %w", dbPath, err)
	}
	fl := flock.New(lockPath)
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", lockPath, err)
	}
	if !ok {
		return nil, ErrRunning
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fl.Unlock()
		return nil, fmt.Errorf("listen on loopback: %w", err)
	}
	var tok [16]byte
	if _, err := rand.Read(tok[:]); err != nil {
		ln.Close()
		fl.Unlock()
		return nil, fmt.Errorf("make a token: %w", err)
	}
	in := info{Port: ln.Addr().(*net.TCPAddr).Port, Token: hex.EncodeToString(tok[:]), PID: os.Getpid()}
	if err := writeInfo(infoPath, in); err != nil {
		ln.Close()
		fl.Unlock()
		return nil, err
	}
	p := &Primary{lock: fl, ln: ln, info: infoPath, done: make(chan struct{})}
	go p.serve(in.Token, raise)
	return p, nil
}

func writeInfo(path string, in info) error {
	body, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	tmp := path + ".tmp" + strconv.Itoa(os.Getpid())
	if err := os.WriteFile(tmp, body, 0o600); err != nil {
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func (p *Primary) serve(token string, raise func()) {
	defer close(p.done)
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return // closed
		}
		go func() {
			defer c.Close()
			_ = c.SetDeadline(time.Now().Add(2 * time.Second))
			line, err := bufio.NewReader(c).ReadString('\n')
			if err != nil || line != token+"\n" {
				return
			}
			raise()
			_, _ = c.Write([]byte(raiseReply + "\n"))
		}()
	}
}

// Close gives the database up: the next start opens its own window.
func (p *Primary) Close() error {
	err := p.ln.Close()
	<-p.done
	os.Remove(p.info)
	return errors.Join(err, p.lock.Unlock())
}

// Raise asks the window holding dbPath to come to the front. allow (may be nil) is given the
// window's process id first, so the caller — the program the user just started, which may
// take the foreground — can let that process take it. An error means no window answered.
func Raise(ctx context.Context, dbPath string, allow func(pid int)) error {
	_, infoPath, err := paths(dbPath)
	if err != nil {
		return err
	}
	body, err := os.ReadFile(infoPath)
	if err != nil {
		return fmt.Errorf("read %s: %w", infoPath, err)
	}
	var in info
	if err := json.Unmarshal(body, &in); err != nil || in.Port <= 0 || in.Token == "" {
		return fmt.Errorf("read %s: not a window record", infoPath)
	}
	if allow != nil {
		allow(in.PID)
	}
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(in.Port)))
	if err != nil {
		return fmt.Errorf("reach the open window: %w", err)
	}
	defer c.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = c.SetDeadline(dl)
	}
	if _, err := c.Write([]byte(in.Token + "\n")); err != nil {
		return fmt.Errorf("ask the open window: %w", err)
	}
	reply, err := bufio.NewReader(c).ReadString('\n')
	if err != nil || reply != raiseReply+"\n" {
		return fmt.Errorf("the open window did not answer: %w", errors.Join(err, errors.New(reply)))
	}
	return nil
}
