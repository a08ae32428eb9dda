package office

import (
	"path/filepath"
	"runtime"
	"testing"
)

func TestDBPathPrefersFlagThenEnvironment(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	if got := DBPath("/x/flag.db", getenv); got != "/x/flag.db" {
		t.Errorf("flag ignored: %s", got)
	}
	env[EnvDB] = "/x/env.db"
	if got := DBPath("", getenv); got != "/x/env.db" {
		t.Errorf("TOWNLEDGER_DB ignored: %s", got)
	}
	delete(env, EnvDB)
	env["XDG_DATA_HOME"] = "/home/u/.data"
	env["LOCALAPPDATA"] = `C:\Users\u\AppData\Local`
	want := filepath.Join("/home/u/.data", "TownLedger", "townledger.db")
	if runtime.GOOS == "windows" {
		want = filepath.Join(`C:\Users\u\AppData\Local`, "TownLedger", "townledger.db")
	}
	if got := DBPath("", getenv); got != want {
		t.Errorf("default %s, want %s", got, want)
	}
}
