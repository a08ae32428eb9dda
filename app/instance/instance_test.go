package instance

import (
	"bufio"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func TestSecondStartRaisesTheFirstWindow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sub", "townledger.db")
	raised := make(chan struct{}, 4)
	p, err := Claim(db, func() { raised <- struct{}{} })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Claim(db, func() {}); !errors.Is(err, ErrRunning) {
		t.Fatalf("second claim on the same database: %v, want ErrRunning", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var allowed int
	if err := Raise(ctx, db, func(pid int) { allowed = pid }); err != nil {
		t.Fatal(err)
	}
	select {
	case <-raised:
	case <-time.After(5 * time.Second):
		t.Fatal("the first window was not asked to come forward")
	}
	if allowed != os.Getpid() {
		t.Errorf("allowed pid %d, want the first window's %d", allowed, os.Getpid())
	}
	// Another database is another window.
	other, err := Claim(filepath.Join(t.TempDir(), "other.db"), func() {})
	if err != nil {
		t.Fatalf("a window on another database: %v", err)
	}
	other.Close()
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if err := Raise(ctx, db, nil); err == nil {
		t.Error("Raise answered with no window open")
	}
	again, err := Claim(db, func() {})
	if err != nil {
		t.Fatalf("claim after the first window closed: %v", err)
	}
	again.Close()
}

func TestWrongTokenDoesNotRaise(t *testing.T) {
	db := filepath.Join(t.TempDir(), "townledger.db")
	raised := make(chan struct{}, 1)
	p, err := Claim(db, func() { raised <- struct{}{} })
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	c, err := net.Dial("tcp", p.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("not-the-token\n"))
	c.SetReadDeadline(time.Now().Add(3 * time.Second))
	if n, _ := c.Read(make([]byte, 16)); n != 0 {
		t.Error("the window answered a wrong token")
	}
	select {
	case <-raised:
		t.Error("a wrong token raised the window")
	default:
	}
}

// A window killed outright (kill -9, a power cut) must not keep the database claimed.
func TestKilledWindowReleasesTheDatabase(t *testing.T) {
	if db := os.Getenv("INSTANCE_TEST_CLAIM"); db != "" {
		if _, err := Claim(db, func() {}); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("claimed\n")
		time.Sleep(time.Minute)
		return
	}
	db := filepath.Join(t.TempDir(), "townledger.db")
	cmd := exec.Command(os.Args[0], "-test.run", "^TestKilledWindowReleasesTheDatabase$")
	cmd.Env = append(os.Environ(), "INSTANCE_TEST_CLAIM="+db)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "claimed\n" {
		cmd.Process.Kill()
		t.Fatalf("child did not claim: %q", line)
	}
	if _, err := Claim(db, func() {}); !errors.Is(err, ErrRunning) {
		t.Fatalf("claim while the child holds it: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	p, err := Claim(db, func() {})
	if err != nil {
		t.Fatalf("claim after the child was killed: %v", err)
	}
	p.Close()
}
