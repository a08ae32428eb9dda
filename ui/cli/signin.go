package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"townledger/app/auth"
	"townledger/app/backup"
	"townledger/app/office"
	"townledger/app/problem"
	"townledger/app/setup"
	"townledger/ui/locale"
)

// The environment variables that name the command line's user and give the password, for
// scripts and scheduled tasks. The password is never a command-line argument: arguments
// show in the process list and stay in the shell's history.
const (
	EnvUser     = "TOWNLEDGER_USER"
	EnvPassword = "TOWNLEDGER_PASSWORD"
)

// access is who may run a command.
type access struct {
	// user: the command changes the ledger or writes its data to a file, so it runs as a
	// signed-in user; commands without (init, template, verify) need nobody.
	user bool
	// perm is what the user's roles must allow; "" = any signed-in user (the app's services
	// then check each change, as for the window).
	perm auth.Perm
}

var (
	nobody   = access{}
	signedIn = access{user: true}
)

func needs(p auth.Perm) access { return access{user: true, perm: p} }

// userName is the --user option, else TOWNLEDGER_USER.
func (c *call) userName() string {
	if u := strings.TrimSpace(c.user); u != "" {
		return u
	}
	return strings.TrimSpace(c.env.Getenv(EnvUser))
}

// password is TOWNLEDGER_PASSWORD, else typed at the terminal without echo; "" when
// neither is there.
func (c *call) password(promptKey string, data map[string]any) (string, error) {
	if pw := c.env.Getenv(EnvPassword); pw != "" {
		return pw, nil
	}
	if c.env.ReadPassword == nil {
		return "", nil
	}
	fmt.Fprint(c.env.Stderr, locale.T(promptKey, data))
	pw, err := c.env.ReadPassword()
	fmt.Fprintln(c.env.Stderr)
	if err != nil {
		return "", fmt.Errorf("read the password from the terminal: %w", err)
	}
	return pw, nil
}

// signIn opens the ledger only to sign the command's user in (see signInOn).
func (c *call) signIn(ctx context.Context) error {
	o, err := c.open(ctx)
	if err != nil {
		return err
	}
	return o.Close()
}

// signInOn signs the command's user in on o with the same password check, lock-out and role
// rules as the window's sign-in, and records the sign-in; a refusal writes nothing else.
func (c *call) signInOn(ctx context.Context, o *office.Office) (auth.Session, error) {
	name := c.userName()
	if name == "" {
		return auth.Session{}, problem.New("cli.user.missing", map[string]any{"Command": c.name, "Env": EnvUser, "PwEnv": EnvPassword})
	}
	stage, err := o.Setup.StageOf(ctx)
	if err != nil {
		return auth.Session{}, err
	}
	if stage != setup.Ready {
		return auth.Session{}, problem.New("cli.user.no_accounts", nil)
	}
	pw, err := c.password("cli.password.prompt", map[string]any{"User": name})
	if err != nil {
		return auth.Session{}, err
	}
	if pw == "" {
		return auth.Session{}, problem.New("cli.password.missing", map[string]any{"User": name, "Env": EnvPassword})
	}
	by, err := o.Users.Login(ctx, name, pw)
	if err != nil {
		return auth.Session{}, err
	}
	if c.who.perm != "" && !by.Can(c.who.perm) {
		return auth.Session{}, problem.New("cli.user.denied", map[string]any{"User": by.Username, "Command": c.name,
			"Roles": roleNames(auth.Granting(c.who.perm))})
	}
	return by, nil
}

// roleNames lists roles by their names in the current language: 管理员、报送员.
func roleNames(roles []auth.Role) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = locale.T("role." + string(r))
	}
	return strings.Join(names, locale.T("cli.list_separator"))
}

// open opens the ledger at --db for a command, and signs its user in if it needs one and
// nobody is signed in yet. It never creates a ledger: a mistyped path is refused, naming
// it, and no folder or file is made (init alone creates ledgers).
func (c *call) open(ctx context.Context) (*office.Office, error) {
	o, err := office.OpenExisting(ctx, c.db)
	if office.IsMissing(err) {
		return nil, problem.New("cli.db.missing", map[string]any{"Path": c.db})
	}
	if err != nil {
		return nil, err
	}
	if c.who.user && c.by.UserID == "" {
		if c.by, err = c.signInOn(ctx, o); err != nil {
			o.Close()
			return nil, err
		}
	}
	return o, nil
}

// signInOnCopy signs the user in on a throw-away copy of the backup at from, for a restore
// onto a ledger that is missing or damaged; the backup itself is not changed.
func (c *call) signInOnCopy(ctx context.Context, from string) error {
	dir, err := os.MkdirTemp("", "townledger-restore-")
	if err != nil {
		return fmt.Errorf("copy the backup to sign in: %w", err)
	}
	defer os.RemoveAll(dir)
	copyPath := filepath.Join(dir, "backup.db")
	if err := backup.CopyBackup(from, copyPath); err != nil {
		return err
	}
	o, err := office.OpenExisting(ctx, copyPath)
	if err != nil {
		return &problem.Error{Key: "backup.restore.unusable", Data: map[string]any{"Path": from}, Err: err}
	}
	defer o.Close()
	c.by, err = c.signInOn(ctx, o)
	return err
}
